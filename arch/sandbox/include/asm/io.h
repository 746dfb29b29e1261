/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sandbox MMIO accessors: "registers" are ordinary host memory holding
 * big-endian values, so a test can inspect what a driver wrote.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <weir/byteorder.h>

static inline u32 in_be32(const volatile void *addr)
{
	return get_be32((const volatile u32 *)addr);
}

static inline void out_be32(volatile void *addr, u32 v)
{
	put_be32((volatile u32 *)addr, v);
}

static inline void mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}
static inline void wmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif
