// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Zeroing guest RAM at partition (re)start with dcbz: one instruction per
 * cache block instead of a store loop (doc/performance.md: the 64 MiB
 * memset was 23 M of the 27.8 M instructions from U-Boot to the first
 * guest instruction). The block size is the hardware tree's
 * (hw_info.dcache_block: d-cache-block-size, else d-cache-line-size; 64
 * on e500mc, Linux asm/cache.h L1_CACHE_SHIFT 6); without one, memset.
 * Guest RAM is mapped cacheable (M), where dcbz is allowed (it raises an
 * alignment exception on caching-inhibited memory).
 */
#include <string.h>
#include <weir/arch.h>

static unsigned int block;

void arch_zero_ram_init(u32 dcache_block)
{
	block = dcache_block;
}

void arch_zero_ram(void *p, u64 len)
{
	unsigned int bs = block;
	u8 *a = p;
	u64 head;
	u32 n, k;

	if (!bs || len < 2 * bs) {
		memset(p, 0, len);
		return;
	}
	head = (bs - ((uintptr_t)a & (bs - 1))) & (bs - 1);
	memset(a, 0, head);
	a += head;
	len -= head;
	n = (u32)(len / bs); /* guest RAM is below 4 GiB */
	len -= (u64)n * bs;
	/*
	 * 16 blocks per loop, each dcbz at a + a register holding its
	 * offset (dcbz has no displacement form). The offsets are its RA
	 * operand, where r0 reads as 0: hence "b" (any GPR but r0), else
	 * GCC may put one in r0 and a block is missed. 18 instructions per 16
	 * blocks with the pointer step and bdnz, 1.2 M for 64 MiB of 64-byte
	 * blocks.
	 */
	for (k = n / 16; k; k--, a += 16 * bs)
		__asm__ __volatile__(
			"dcbz 0,%0\n\tdcbz %1,%0\n\tdcbz %2,%0\n\t"
			"dcbz %3,%0\n\tdcbz %4,%0\n\tdcbz %5,%0\n\t"
			"dcbz %6,%0\n\tdcbz %7,%0\n\tdcbz %8,%0\n\t"
			"dcbz %9,%0\n\tdcbz %10,%0\n\tdcbz %11,%0\n\t"
			"dcbz %12,%0\n\tdcbz %13,%0\n\tdcbz %14,%0\n\t"
			"dcbz %15,%0"
			:
			: "r"(a), "b"(bs), "b"(2 * bs), "b"(3 * bs),
			  "b"(4 * bs), "b"(5 * bs), "b"(6 * bs), "b"(7 * bs),
			  "b"(8 * bs), "b"(9 * bs), "b"(10 * bs), "b"(11 * bs),
			  "b"(12 * bs), "b"(13 * bs), "b"(14 * bs), "b"(15 * bs)
			: "memory");
	for (n %= 16; n; n--, a += bs)
		__asm__ __volatile__("dcbz 0,%0" : : "r"(a) : "memory");
	memset(a, 0, len);
}
