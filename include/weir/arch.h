/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The arch boundary (doc/architecture.md): everything the
 * board-independent core may ask of the architecture, the hand-over at
 * boot, and the core's entry points the architecture calls. The core
 * reaches arch headers only through this file (as Bao's
 * src/core/inc/ headers each include their arch/ header); arch/ reaches the
 * core only through the entry points declared at the end.
 *
 * arch/powerpc/ implements the arch side with real SPRs and tlbwe; the
 * host tests implement it with a recording fake
 * (test/unit/helpers/fake_vcpu_arch.c).
 */
#ifndef WEIR_ARCH_H
#define WEIR_ARCH_H

#include <asm/ptrace.h>	 /* struct trap_frame: a vCPU's registers */
#include <weir/hwtree.h> /* struct hw_info, the hardware tree parse */
#include <weir/timer.h>	 /* timebase: implemented by the arch */
#include <weir/types.h>
#include <weir/vcpu_asm.h> /* HCALL_VEC_VENDORS */

struct vcpu;

/* ------------------------------------------------- the hand-over at boot */

struct boot_state {
	void *fdt; /* weir's copy of the hardware tree */
	const struct hw_info *hw;
	phys_addr_t hv_start; /* weir's reserved RAM */
	u64 hv_size;
	u64 image_size; /* image + BSS, bytes */
	u64 entry_tb;	/* timebase at weir's first instruction */
	int tlb1_used;
	u64 lowmem_limit; /* RAM below this is mapped 1:1 */
};

/* --------------------------------------------- what the core asks: cores */

/**
 * arch_cpu_start() - run @v on core @cpu: a secondary core is released
 * from its spin table, the calling core (cpu 0) enters the guest and
 * does not return
 * Return: 0 once a secondary is up, or a negative errno (the core did
 * not come up; its partition does not run).
 */
int arch_cpu_start(unsigned int cpu, struct vcpu *v);

/* This core has nothing to run: idle, serving weir's tick. */
void __attribute__((noreturn)) arch_cpu_idle(void);

/*
 * Stop this core for good: wait for interrupts forever, weir's tick not
 * started (a fatal config error, or nothing to run at boot).
 */
void __attribute__((noreturn)) arch_cpu_stop(void);

/*
 * Wait for the next interrupt on this core with weir's state safe; the
 * interrupt is handled (hv_tick() for weir's tick) before this returns.
 */
void arch_idle_wait(void);

/**
 * vcpu_kick() - wake the core running @v if it idles
 *
 * Called after a VIRQ_EXT bit was set or a partition request recorded,
 * possibly from another core and with the vpic lock held: it must not
 * take locks or call back into the vpic. Kicking the vCPU of the calling
 * core must be harmless (the request is checked on the way back to the
 * guest).
 */
void vcpu_kick(struct vcpu *v);

/* Reset the whole machine now (GUTS RSTCR on e500). Does not return on
 * target; system_reset() is the core's wrapper that flushes first. */
void arch_system_reset(void);

/* The selftest's fault: execute an illegal instruction (weir.selftest=fatal). */
void arch_selftest_fatal(void);

/* --------------------------------------------- what the core asks: memory */

/**
 * arch_ccsr_ptr() - weir's mapping of the SoC registers at real address
 * [@phys, @phys + @len)
 * Return: the pointer, or NULL when the range is not inside CCSR (or
 * CCSR is not mapped).
 */
void *arch_ccsr_ptr(phys_addr_t phys, u64 len);

/**
 * arch_zero_ram() - zero @len bytes at @p (cacheable memory: weir's
 * mapping of guest RAM, or weir's heap), as fast as the core allows (dcbz
 * on PowerPC, memset for a head and tail that are not whole blocks)
 */
void arch_zero_ram(void *p, u64 len);
/* The data cache block size arch_zero_ram() uses (0: memset only). */
void arch_zero_ram_init(u32 dcache_block);

/* ------------------------------- what the core asks: the running guest */

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
 * Invalidate this core's shadow translations of the 4 KiB page at @ea
 * (4 KiB aligned), whatever their shadow id; other shadows, and every
 * other core's TLB, stay (no broadcast: a partition's other vCPUs drop
 * theirs on their own cores when asked, vcpu_tlbivax()).
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

/* ------------------------------ the core's entry points, for the arch */

/* The board-independent boot: banner, config, partitions. Never returns. */
void __attribute__((noreturn)) hv_main(struct boot_state *boot);

/**
 * hv_tick() - weir's periodic work (TICK_HZ, arch/powerpc/cpu/vcpu_arch.c)
 * on core @cpu, which runs @v (NULL when it idles): @v's partition's
 * console prompts and queued output; on cpu 0 also console input and
 * the IOMMU's error poll.
 */
void hv_tick(unsigned int cpu, struct vcpu *v);

/**
 * hv_irq() - External Input on core @cpu (hv/irq/hwirq.c): acknowledge
 * the interrupt controller's pending sources on that core, hand each to
 * its owner (a partition's vPIC, or weir's own handler) and end it.
 * Called from the exception path with weir's registers saved, whether
 * the core ran a guest or idled.
 */
void hv_irq(unsigned int cpu);

/**
 * hv_vcpu_enter() - make @v ready to run on this core: apply its
 * partition's requests, wait while it idles or is stopped, deliver what
 * is pending, set the real MSR (@v->regs.msr) (hv/vcpu/deliver.c)
 * Return: the shadow id (real PID) the guest runs with; the arch loads
 * it and returns to the guest from @v->regs.
 */
u32 hv_vcpu_enter(struct vcpu *v);

/**
 * hv_vcpu_exit() - the exit handler: the guest on this core took
 * exception @ivor (IVOR number) with @dear and @esr; handle it
 * (emulation, hcall, reflection), then as hv_vcpu_enter()
 * Return: as hv_vcpu_enter().
 */
u32 hv_vcpu_exit(struct vcpu *v, unsigned int ivor, u32 dear, u32 esr);

/* hv_vcpu_fast() results that are not a shadow id (start.S
 * exc_entry_fast compares with -1 and -2) */
#define HV_FAST_GENERIC 0xffffffffu /* not handled: take hv_vcpu_exit() */
#define HV_FAST_RESUME 0xfffffffeu  /* handled: resume, PID unchanged */

/**
 * hv_vcpu_fast() - the fast path of the most frequent guest exits
 * (hv/vcpu/exit.c): the guest on this core took @ivor, IVOR_PROGRAM (with
 * ESR @esr), IVOR_SYSCALL (`sc` without E.HV), IVOR_HCALL (E.HV's, or an
 * `sc` the arch's vector found to be `sc 1` in the page of the vTLB's `sc`
 * cache, start.S exc_entry_syscall), IVOR_DTLB (DEAR in @v->regs.dear) or
 * IVOR_ITLB, with its registers in @v->regs, of which the arch saved at
 * least r0-r31, CR, LR, CTR, XER, SRR0 (pc) and SRR1 (msr). From the
 * guest's supervisor it runs an hcall through the hcall table, or
 * emulates a privileged instruction, when the instruction's page is the
 * one the vTLB's cache holds for the current AS and PID (struct vtlb sc,
 * emul: no vTLB walk; an `sc` must be `sc 1`); from the guest's
 * supervisor or user mode it refills a TLB miss whose page the guest maps
 * to its RAM (the generic exit's refill, without its delivery of the
 * guest's own misses or bus errors).
 * Return: HV_FAST_GENERIC when nothing was done (the arch goes on with
 * hv_vcpu_exit() on a full frame); HV_FAST_RESUME when done and the guest
 * resumes from @v->regs with the real MSR and PID it entered with
 * (nothing to deliver, no partition request, not idle or stopped);
 * otherwise the shadow id to load, as hv_vcpu_enter(), after the generic
 * way back.
 */
u32 hv_vcpu_fast(struct vcpu *v, unsigned int ivor, u32 esr);

struct hcall_desc;

/**
 * struct hcall_vec - one hcall vendor as the arch's `sc 1` path reads it
 * (arch/powerpc start.S exc_entry_syscall; offsets HCALL_VEC_* in
 * weir/vcpu_asm.h), exported by the hcall dispatcher (hv/hcall/dispatch.c
 * hcall_vec[], indexed by vendor, 0 to HCALL_VEC_VENDORS - 1; other
 * vendors take the C path). For a token's number @num (r11 bits 0-15):
 * @num & @mask set: unknown; @num below @limit: the entry at @tab plus
 * @num << @scale bytes (the table is indexed by @num >> (HCALL_DESC_SHIFT
 * - @scale)), unknown when empty; @num from @limit to @slow: unknown;
 * from @slow on: the C path (a range it does not model, PAPR's KVM calls
 * from H_RTAS). Unknown answers @unknown in r3 and changes nothing else.
 * An entry marked HC_VECTOR runs its register handler from the vector,
 * any other is handed to hv_vcpu_hcall(). The C lookup (hcall_find()) stays the rule:
 * test/unit/test_hcall.c proves this table gives the same answers.
 */
struct hcall_vec {
	const struct hcall_desc *tab;
	u32 mask, limit, scale, slow;
	s32 unknown;
	u32 pad[2]; /* 32 bytes on the 32-bit build: one shift */
};

extern const struct hcall_vec hcall_vec[HCALL_VEC_VENDORS];

/**
 * hv_vcpu_hcall() - hv_vcpu_fast() of an `sc 1` hcall the arch's vector
 * has checked (from the guest's supervisor, the vTLB's `sc` page) and
 * looked up in hcall_vec[]: @d, the entry of the token in @v's r11, not
 * one the vector runs itself (hv/vcpu/exit.c). The arch saved r0-r31,
 * CR, LR, CTR, XER, pc and msr in @v->regs.
 * Return: HV_FAST_RESUME or a shadow id, as hv_vcpu_fast() (never
 * HV_FAST_GENERIC).
 */
u32 hv_vcpu_hcall(struct vcpu *v, const struct hcall_desc *d);

/**
 * vtimer_expire() - account for the time up to @now on @v's virtual
 * decrementer (hv/vcpu/vtimer.c): set TSR[DIS] when the deadline passed,
 * reload from DECAR under TCR[ARE]
 * Return: true when TSR[DIS] was newly set.
 */
bool vtimer_expire(struct vcpu *v, u64 now);

/* Timebase value of @v's next virtual expiry, or UINT64_MAX when not counting. */
u64 vtimer_next(const struct vcpu *v);

#endif
