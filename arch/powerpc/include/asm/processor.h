/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SPR and MSR access for C code on e500mc. */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <weir/types.h>
#include <asm/reg.h>

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#define mfspr(rn)                                                              \
	({                                                                     \
		u32 __v;                                                       \
		__asm__ __volatile__("mfspr %0," __stringify(rn) : "=r"(__v)); \
		__v;                                                           \
	})
#define mtspr(rn, v)                                        \
	__asm__ __volatile__("mtspr " __stringify(rn) ",%0" \
			     :                              \
			     : "r"((u32)(v))                \
			     : "memory")

static inline u32 mfmsr(void)
{
	u32 v;

	__asm__ __volatile__("mfmsr %0" : "=r"(v));
	return v;
}

static inline void mtmsr(u32 v)
{
	__asm__ __volatile__("mtmsr %0; isync" : : "r"(v) : "memory");
}

static inline void isync(void)
{
	__asm__ __volatile__("isync" ::: "memory");
}
static inline void msync(void)
{
	__asm__ __volatile__("msync" ::: "memory");
}

/* Read the 64-bit timebase consistently (TBU, TBL, TBU again). */
static inline u64 get_tb(void)
{
	u32 hi, lo, hi2;

	do {
		__asm__ __volatile__("mftbu %0" : "=r"(hi));
		__asm__ __volatile__("mftb %0" : "=r"(lo));
		__asm__ __volatile__("mftbu %0" : "=r"(hi2));
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

/*
 * Write this core's timebase (hypervisor state): TBL zeroed first so no
 * carry into TBU happens between the two halves, as Linux's set_tb()
 * (arch/powerpc/include/asm/time.h) does; Power ISA 2.06 Book III-E
 * §7.2.1 (TBWL 284, TBWU 285).
 */
static inline void set_tb(u64 tb)
{
	mtspr(SPRN_TBWL, 0);
	mtspr(SPRN_TBWU, (u32)(tb >> 32));
	mtspr(SPRN_TBWL, (u32)tb);
	isync();
}

/* Stop this core for good: no interrupts are enabled, so wait never ends. */
static inline void __noreturn cpu_halt(void)
{
	mtmsr(mfmsr() & ~(MSR_EE | MSR_CE | MSR_DE));
	for (;;)
		__asm__ __volatile__("wait");
}

#endif
