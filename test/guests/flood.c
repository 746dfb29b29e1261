// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * flood: issues hcalls with garbage tokens and arguments as fast as it
 * can, for test/py/test_faults.py, which checks that the other partition
 * keeps its pace meanwhile. Tokens are drawn from every vendor (0, ePAPR,
 * Freescale, PAPR, weir, random) and numbers around the real ones;
 * arguments are random 32-bit values. Skipped, so that the flood goes
 * on: calls that stop, restart or idle this partition, or write guest
 * memory at an address taken from the arguments (H_RTAS, FH_ERR_GET_INFO,
 * FH_PARTITION_MEMCPY, the DTPROP calls), and byte channel output
 * (garbage on the shared console is not what is measured).
 *
 * Prints "flood: <n> calls, <k> refused" every FLOOD_REPORT calls; "refused"
 * counts statuses other than EV_SUCCESS (H_SUCCESS for PAPR).
 */
#include <stdio.h>
#include "guest.h"

#define FLOOD_REPORT	0x10000u
#define PAPR_VENDOR	PAPR_EPAPR_VENDOR
#define H_RTAS_NUM	H_RTAS

static u32 rnd_state = 0x2545f491u;

static u32 rnd(void)
{
	u32 x = rnd_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rnd_state = x;
}

static const u32 vendors[] = {
	EV_LOCAL_VENDOR_ID, EV_EPAPR_VENDOR_ID, EV_FSL_VENDOR_ID,
	PAPR_VENDOR, WEIR_VENDOR_ID,
};

/* PAPR opcodes (TCE hcalls) and H_RTAS, besides small numbers. */
static const u32 papr_nums[] = {
	H_GET_TCE, H_PUT_TCE, H_STUFF_TCE, H_PUT_TCE_INDIRECT, H_RTAS_NUM
};

static u32 token(void)
{
	u32 r = rnd(), vendor, num;

	if ((r & 0xf) == 0)
		return rnd();				/* anything */
	vendor = (r >> 4) % 6 < 5 ? vendors[(r >> 4) % 6 % 5] : rnd() & 0x7fff;
	if (vendor == PAPR_VENDOR && (r & 0x100))
		num = papr_nums[(r >> 9) % 5];
	else
		num = (r >> 9) % 24;
	return EV_HCALL_TOKEN(vendor, num);
}

static bool skipped(u32 tok)
{
	u32 vendor = EV_TOKEN_VENDOR(tok), num = EV_TOKEN_NUM(tok);

	if (vendor == EV_LOCAL_VENDOR_ID || vendor == EV_EPAPR_VENDOR_ID)
		return num == EV_BYTE_CHANNEL_SEND || num == EV_IDLE;
	if (vendor == EV_FSL_VENDOR_ID)
		return num == FH_PARTITION_STOP || num == FH_PARTITION_RESTART ||
		       num == FH_SYSTEM_RESET || num == FH_ERR_GET_INFO ||
		       num == FH_PARTITION_MEMCPY ||
		       num == FH_PARTITION_GET_DTPROP ||
		       num == FH_PARTITION_SET_DTPROP || num == FH_ENTER_NAP;
	if (vendor == PAPR_VENDOR)
		return num == H_RTAS_NUM;
	return false;
}

void guest_main(void *fdt)
{
	u32 args[8], out[8], calls = 0, refused = 0, tok, i;

	printf("flood: start (guest-id %u)\n", (unsigned)guest.id);
	for (;;) {
		tok = token();
		if (skipped(tok))
			continue;
		for (i = 0; i < 8; i++)
			args[i] = rnd() >> (rnd() & 31);
		if (hcall_raw(tok, args, out) != EV_SUCCESS)
			refused++;
		if (++calls % FLOOD_REPORT == 0)
			printf("flood: %u calls, %u refused\n", (unsigned)calls,
			       (unsigned)refused);
	}
}
