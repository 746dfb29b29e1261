/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Waking a vCPU from another core, and the atomic updates of
 * vcpu->pending that go with it. The virtual PIC (hv/irq/vpic.c) sets and
 * clears VIRQ_EXT from whichever core raised or acknowledged an
 * interrupt, while the vCPU's own core changes other bits: every update
 * of vcpu->pending must therefore be atomic (these helpers, or the same
 * __atomic builtins; lwarx/stwcx. on e500mc).
 */
#ifndef WEIR_VCPU_KICK_H
#define WEIR_VCPU_KICK_H

#include <weir/types.h>
#include <weir/vcpu.h>

/* vcpu_kick() itself is the arch's: include/weir/arch.h. */

static inline void vcpu_pending_set(struct vcpu *v, u32 bits)
{
	__atomic_fetch_or(&v->pending, bits, __ATOMIC_SEQ_CST);
}

static inline void vcpu_pending_clear(struct vcpu *v, u32 bits)
{
	__atomic_fetch_and(&v->pending, ~bits, __ATOMIC_SEQ_CST);
}

static inline u32 vcpu_pending_read(const struct vcpu *v)
{
	return __atomic_load_n(&v->pending, __ATOMIC_SEQ_CST);
}

#endif
