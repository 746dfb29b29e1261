// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EV_BYTE_CHANNEL_SEND/RECEIVE/POLL (ePAPR 1.1 §6.2; Linux
 * arch/powerpc/include/asm/epapr_hcalls.h ev_byte_channel_*, 6.1):
 *   SEND     r3 handle, r4 count (0..16), r5..r8 data -> r4 bytes sent
 *            (EV_EAGAIN, r4 0: the channel's output ring is full)
 *   RECEIVE  r3 handle, r4 max (> 16 means 16)        -> r4 count, r5..r8
 *   POLL     r3 handle                                -> r4 rx bytes, r5 tx space
 * The 16 data bytes travel as four big-endian words: byte 0 is the most
 * significant byte of r5, byte 15 the least significant of r8.
 */
#include <errno.h>
#include <weir/bytechan.h>
#include <weir/console_mux.h>
#include <weir/epapr.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

#define BC_WORDS (EV_BYTE_CHANNEL_MAX_BYTES / 4)

static void unpack(const u64 *words, u8 *buf)
{
	unsigned int i;

	for (i = 0; i < EV_BYTE_CHANNEL_MAX_BYTES; i++)
		buf[i] = (u8)((u32)words[i / 4] >> (24 - 8 * (i % 4)));
}

static void pack(const u8 *buf, u64 *words)
{
	unsigned int i;

	for (i = 0; i < BC_WORDS; i++)
		words[i] = (u32)buf[4 * i] << 24 | (u32)buf[4 * i + 1] << 16 |
			   (u32)buf[4 * i + 2] << 8 | buf[4 * i + 3];
}

/* r4 stays as it was unless data was sent or the ring was full (ePAPR:
 * r4 = bytes sent, also with EV_EAGAIN), hence HC_OUT_ALWAYS. */
long hc_byte_channel_send(struct vcpu *v, struct hcall_args *a)
{
	u8 buf[EV_BYTE_CHANNEL_MAX_BYTES];
	u32 count = (u32)a->in[1];
	struct bytechan *bc;
	int n;

	a->out[0] = a->in[1];
	if (a->in[1] > EV_BYTE_CHANNEL_MAX_BYTES)
		return EV_EINVAL;
	bc = bytechan_lookup(v->part, (u32)a->in[0]);
	if (!bc)
		return EV_EINVAL;
	unpack(&a->in[2], buf);
	n = bytechan_send(bc, buf, count);
	if (n == -EAGAIN)
		a->out[0] = 0;
	if (n < 0)
		return hcall_status(n);
	a->out[0] = (u32)n;
	return EV_SUCCESS;
}

long hc_byte_channel_receive(struct vcpu *v, struct hcall_args *a)
{
	u8 buf[EV_BYTE_CHANNEL_MAX_BYTES] = { 0 };
	u64 max = a->in[1];
	struct bytechan *bc;
	int n;

	bc = bytechan_lookup(v->part, (u32)a->in[0]);
	if (!bc)
		return EV_EINVAL;
	if (max > EV_BYTE_CHANNEL_MAX_BYTES)
		max = EV_BYTE_CHANNEL_MAX_BYTES;
	n = bytechan_receive(bc, buf, (u32)max);
	if (n < 0)
		return hcall_status(n);
	a->out[0] = (u32)n;
	pack(buf, &a->out[1]);
	return EV_SUCCESS;
}

long hc_byte_channel_poll(struct vcpu *v, struct hcall_args *a)
{
	struct bytechan *bc = bytechan_lookup(v->part, (u32)a->in[0]);

	if (!bc)
		return EV_EINVAL;
	a->out[0] = bytechan_rx_count(bc);
	a->out[1] = console_mux_tx_space(bc);
	return EV_SUCCESS;
}
