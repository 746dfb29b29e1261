/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * e500mc MMIO accessors. Loads are followed by twi/isync so the access
 * completes before later instructions (as Power ISA Book E recommends for
 * cache-inhibited guarded loads); stores are preceded by sync.
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <weir/types.h>

static inline u32 in_be32(const volatile void *addr)
{
	u32 v;

	__asm__ __volatile__("sync; lwz%U1%X1 %0,%1; twi 0,%0,0; isync"
			     : "=r"(v)
			     : "m"(*(const volatile u32 *)addr));
	return v;
}

static inline void out_be32(volatile void *addr, u32 v)
{
	__asm__ __volatile__("sync; stw%U0%X0 %1,%0"
			     : "=m"(*(volatile u32 *)addr)
			     : "r"(v));
}

static inline u8 in_8(const volatile void *addr)
{
	u8 v;

	__asm__ __volatile__("sync; lbz%U1%X1 %0,%1; twi 0,%0,0; isync"
			     : "=r"(v)
			     : "m"(*(const volatile u8 *)addr));
	return v;
}

static inline void out_8(volatile void *addr, u8 v)
{
	__asm__ __volatile__("sync; stb%U0%X0 %1,%0"
			     : "=m"(*(volatile u8 *)addr)
			     : "r"(v));
}

/* Full barrier; write barrier (orders stores to memory and MMIO). */
static inline void mb(void)
{
	__asm__ __volatile__("sync" ::: "memory");
}
static inline void wmb(void)
{
	__asm__ __volatile__("sync" ::: "memory");
}

#endif
