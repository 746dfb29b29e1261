// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Zeroing guest RAM at partition (re)start with dcbz: one instruction per
 * cache block instead of a store loop (doc/performance.md: the 64 MiB
 * memset was 23 M of the 27.8 M instructions from U-Boot to the first
 * guest instruction). The block size comes from L1CFG0[CBSIZE] (Power
 * ISA 2.06 Book III-E "L1 Cache Configuration Register 0": 0 = 32 bytes,
 * 1 = 64 bytes); any other encoding falls back to memset. Guest RAM is
 * mapped cacheable (M), where dcbz is allowed (it would raise an
 * alignment exception on caching-inhibited memory).
 */
#include <string.h>
#include <asm/processor.h>
#include <weir/hv.h>

#define SPRN_L1CFG0	515
#define L1CFG0_CBSIZE(v) (((v) >> 23) & 3)

static unsigned int block_size(void)
{
	switch (L1CFG0_CBSIZE(mfspr(SPRN_L1CFG0))) {
	case 0:
		return 32;
	case 1:
		return 64;
	default:
		return 0;
	}
}

void arch_zero_ram(void *p, u64 len)
{
	unsigned int bs = block_size();
	u8 *a = p;
	u64 head;

	if (!bs || len < 2 * bs) {
		memset(p, 0, len);
		return;
	}
	head = (bs - ((uintptr_t)a & (bs - 1))) & (bs - 1);
	memset(a, 0, head);
	a += head;
	len -= head;
	for (; len >= bs; a += bs, len -= bs)
		__asm__ __volatile__("dcbz 0,%0" : : "r"(a) : "memory");
	memset(a, 0, len);
}
