/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the board-independent vCPU code (hv/vcpu/) needs from the core it
 * runs on. arch/powerpc/cpu/vcpu_arch.c implements these with real SPRs
 * and tlbwe; host tests implement them with a recording fake.
 */
#ifndef WEIR_VCPU_ARCH_H
#define WEIR_VCPU_ARCH_H

#include <weir/types.h>

struct vcpu;

/*
 * Install one 4 KiB shadow translation in this core's TLB0, address
 * space 1, TID @sid: guest effective page @ea (4 KiB aligned) -> real
 * page @phys with MAS2 attributes @wimge and MAS3 permissions @perms
 * (user bits are the ones that apply: the guest runs in problem state).
 */
void arch_shadow_map(u32 ea, phys_addr_t phys, u32 sid, u32 wimge, u32 perms);

/* Invalidate every shadow translation of this core (TLB0 flash). */
void arch_shadow_flush(void);

/*
 * Invalidate the shadow translations of the 4 KiB page at @ea (4 KiB
 * aligned), whatever their shadow id; other shadows stay.
 */
void arch_shadow_unmap(u32 ea);

/*
 * The guest's decrementer is virtual (hv/vcpu/vtimer.c): this core's real
 * decrementer serves both weir's tick and the guest's next deadline.
 * Called after the vCPU's timer state changed.
 */
void arch_timer_changed(struct vcpu *v);
u64 arch_tb_read(void);

/* Processor and system version (guest reads of PVR/SVR). */
u32 arch_pvr(void);
u32 arch_svr(void);

/* SPRG3-7 are user-readable: keep the real ones equal to the guest's. */
void arch_sprg_user_write(unsigned int n, u32 val);

/**
 * arch_guest_user_state_reset() - load the registers @v's guest reaches
 * without a trap, on the core that runs @v, before its first instruction
 * after a start or restart: SPRG3-7 (user-readable) and USPRG0 from @v,
 * the FPRs and FPSCR zeroed (the guest's MSR[FP] gives it the real FPU).
 * Nothing of the previous run of the partition survives in them.
 */
void arch_guest_user_state_reset(const struct vcpu *v);

/*
 * Wait for the next interrupt on this core with weir's state safe; the
 * interrupt is handled (vcpu_async_event()) before this returns.
 */
void arch_idle_wait(void);

#endif
