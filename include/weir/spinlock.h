/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A test-and-set spinlock (Power ISA lwarx/stwcx., isync after acquire,
 * lwsync before release). Weir never takes a lock with interrupts
 * enabled, so there is no irqsave variant. The sandbox build is single-
 * threaded and only checks pairing.
 */
#ifndef WEIR_SPINLOCK_H
#define WEIR_SPINLOCK_H

#include <weir/types.h>

typedef struct {
	volatile u32 locked;
} spinlock_t;

#define SPINLOCK_INIT \
	{             \
		0     \
	}

#ifdef CONFIG_PPC
static inline void spin_unlock(spinlock_t *l)
{
	__asm__ __volatile__("lwsync" ::: "memory");
	l->locked = 0;
}

/*
 * The reservation that takes a free lock (%0 = 0 then) or, seeing it
 * held, branches to the caller's label 2 (%0 != 0): %1 the lock word's
 * address, %2 a register holding 1. spin_lock() also loads through %1
 * as a base register, so it asks for a "b" operand (never r0, which
 * lwz would read as 0).
 */
#define SPIN_TAKE            \
	"1:	lwarx	%0,0,%1\n" \
	"	cmpwi	%0,0\n"      \
	"	bne-	2f\n"         \
	"	stwcx.	%2,0,%1\n"  \
	"	bne-	1b\n"         \
	"	isync\n"

/* Take @l if it is free, never wait. Return: true when taken. */
static inline bool spin_trylock(spinlock_t *l)
{
	u32 tmp;

	__asm__ __volatile__(SPIN_TAKE "2:\n"
			     : "=&r"(tmp)
			     : "r"(&l->locked), "r"(1)
			     : "cr0", "memory");
	return tmp == 0;
}

/*
 * Test and test-and-set: spin on plain loads until @l looks free. The
 * wait is out of line (.subsection 1), so a free lock costs the six
 * instructions of the reservation and nothing else (it is on every DMA
 * hcall's path: dma_lock()).
 */
static inline void spin_lock(spinlock_t *l)
{
	u32 tmp;

	__asm__ __volatile__(SPIN_TAKE "	.subsection 1\n"
				       "2:	lwz	%0,0(%1)\n"
				       "	cmpwi	%0,0\n"
				       "	bne-	2b\n"
				       "	b	1b\n"
				       "	.previous\n"
			     : "=&r"(tmp)
			     : "b"(&l->locked), "r"(1)
			     : "cr0", "memory");
}
#else
static inline void spin_lock(spinlock_t *l)
{
	l->locked = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	l->locked = 0;
}

static inline bool spin_trylock(spinlock_t *l)
{
	if (l->locked)
		return false;
	l->locked = 1;
	return true;
}
#endif

#endif
