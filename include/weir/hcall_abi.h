/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The 32-bit hcall register ABI, in one place for weir's dispatcher
 * (hv/hcall/dispatch.c), the test guests and the oracle's host runner.
 * ABI only: <stdint.h> types, no weir-internal header, so a guest built
 * with its own compiler setup may include it (test/guests/guests.mk).
 *
 * An `sc 1` hcall takes its arguments from r3 on and returns its status
 * in r3 and its outputs from r4 on. On a 32-bit core every 32-bit value
 * is one register and every 64-bit value a register pair, high word
 * first (ePAPR 1.1 §6.1 for the ePAPR/FSL calls; the PAPR calls of
 * doc/tce.md "Guest ABI" follow the same rule). An hcall's *shape* says
 * how many arguments and outputs it has and which of them are pairs:
 *   HC_SHAPE(nin, in_pairs, nout, out_pairs)
 * with nin <= HC_MAX_IN, nout <= HC_MAX_OUT, bit i of in_pairs (out_pairs)
 * set when argument (output) i is a pair; the registers used must fit in
 * r3..r10 (inputs) and r4..r10 (outputs).
 */
#ifndef WEIR_HCALL_ABI_H
#define WEIR_HCALL_ABI_H

#include <stdint.h>

#define HC_MAX_IN 6  /* EV_BYTE_CHANNEL_SEND: handle, count, 4 words */
#define HC_MAX_OUT 5 /* EV_BYTE_CHANNEL_RECEIVE: count, 4 words */

#define HC_SHAPE(nin, in_pairs, nout, out_pairs) \
	((nin) | (in_pairs) << 4 | (nout) << 12 | (out_pairs) << 16)
#define HC_SHAPE_NIN(s) ((s)&0xf)
#define HC_SHAPE_IN_PAIRS(s) (((s) >> 4) & 0xff)
#define HC_SHAPE_NOUT(s) (((s) >> 12) & 0xf)
#define HC_SHAPE_OUT_PAIRS(s) (((s) >> 16) & 0xff)

/* @n values to registers from @r: pairs (bit i of @pairs) high word first.
 * Return: the number of registers written. */
static inline unsigned int hc_abi_to_regs(unsigned int n, unsigned int pairs,
					  const uint64_t *val, uint32_t *r)
{
	unsigned int i, k = 0;

	for (i = 0; i < n; i++, pairs >>= 1) {
		if (pairs & 1)
			r[k++] = (uint32_t)(val[i] >> 32);
		r[k++] = (uint32_t)val[i];
	}
	return k;
}

/* The inverse: @n values from the registers at @r. */
static inline void hc_abi_from_regs(unsigned int n, unsigned int pairs,
				    const uint32_t *r, uint64_t *val)
{
	unsigned int i;
	uint64_t v;

	for (i = 0; i < n; i++, pairs >>= 1) {
		v = *r++;
		if (pairs & 1)
			v = v << 32 | *r++;
		val[i] = v;
	}
}

#endif
