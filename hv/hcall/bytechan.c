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

#define BC_WORDS	(EV_BYTE_CHANNEL_MAX_BYTES / 4)

static void unpack(const u32 *words, u8 *buf)
{
	unsigned int i;

	for (i = 0; i < EV_BYTE_CHANNEL_MAX_BYTES; i++)
		buf[i] = (u8)(words[i / 4] >> (24 - 8 * (i % 4)));
}

static void pack(const u8 *buf, u32 *words)
{
	unsigned int i;

	for (i = 0; i < BC_WORDS; i++)
		words[i] = (u32)buf[4 * i] << 24 | (u32)buf[4 * i + 1] << 16 |
			   (u32)buf[4 * i + 2] << 8 | buf[4 * i + 3];
}

u32 hc_byte_channel_send(struct vcpu *v, u32 *gpr)
{
	u8 buf[EV_BYTE_CHANNEL_MAX_BYTES];
	struct bytechan *bc;
	int n;

	if (gpr[4] > EV_BYTE_CHANNEL_MAX_BYTES)
		return EV_EINVAL;
	bc = bytechan_lookup(v->part, gpr[3]);
	if (!bc)
		return EV_EINVAL;
	unpack(&gpr[5], buf);
	n = bytechan_send(bc, buf, gpr[4]);
	if (n == -EAGAIN)
		gpr[4] = 0;		/* ePAPR: r4 = bytes sent, also on EAGAIN */
	if (n < 0)
		return hcall_status(n);
	gpr[4] = (u32)n;
	return EV_SUCCESS;
}

u32 hc_byte_channel_receive(struct vcpu *v, u32 *gpr)
{
	u8 buf[EV_BYTE_CHANNEL_MAX_BYTES] = { 0 };
	u32 max = gpr[4];
	struct bytechan *bc;
	int n;

	bc = bytechan_lookup(v->part, gpr[3]);
	if (!bc)
		return EV_EINVAL;
	if (max > EV_BYTE_CHANNEL_MAX_BYTES)
		max = EV_BYTE_CHANNEL_MAX_BYTES;
	n = bytechan_receive(bc, buf, max);
	if (n < 0)
		return hcall_status(n);
	gpr[4] = (u32)n;
	pack(buf, &gpr[5]);
	return EV_SUCCESS;
}

u32 hc_byte_channel_poll(struct vcpu *v, u32 *gpr)
{
	struct bytechan *bc = bytechan_lookup(v->part, gpr[3]);

	if (!bc)
		return EV_EINVAL;
	gpr[4] = bytechan_rx_count(bc);
	gpr[5] = console_mux_tx_space(bc);
	return EV_SUCCESS;
}
