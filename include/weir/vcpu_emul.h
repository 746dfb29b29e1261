/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trap-and-emulate of a guest that runs in problem state (hv/vcpu/): the
 * exit dispatch, privileged-instruction emulation and exception delivery.
 * Nothing here touches hardware directly: include/weir/arch.h is
 * the boundary.
 */
#ifndef WEIR_VCPU_EMUL_H
#define WEIR_VCPU_EMUL_H

#include <weir/booke.h>
#include <weir/vcpu.h>
#include <weir/vcpu_kick.h>
#include <weir/vtlb.h>

/**
 * vcpu_mfspr() / vcpu_mtspr() - a guest access to supervisor SPR @spr
 * Return: 0, or -EINVAL for an SPR the guest's core does not have (the
 * caller reflects an illegal-instruction program exception; nothing
 * changed).
 */
int vcpu_mfspr(struct vcpu *v, unsigned int spr, u32 *val);
int vcpu_mtspr(struct vcpu *v, unsigned int spr, u32 val);

/* What vcpu_emulate() did. */
enum emul_result {
	EMUL_NEXT,    /* done: continue after the instruction */
	EMUL_JUMP,    /* done: regs.pc already set (rfi) */
	EMUL_ILLEGAL, /* not an instruction weir emulates: program/PIL */
};

/**
 * vcpu_emulate() - emulate privileged instruction @insn that the guest's
 * supervisor mode executed at regs.pc
 *
 * Covers mfmsr/mtmsr/wrtee/wrteei, rfi/rfci/rfmci/rfdi, mfspr/mtspr (via
 * vcpu_mfspr/mtspr), tlbwe/tlbre/tlbsx/tlbivax/tlbilx/tlbsync, wait and
 * the performance-monitor registers (read as zero). A change to the guest
 * TLB drops the shadow translations it made stale (vcpu_shadow_drop()).
 * EMUL_ILLEGAL changes nothing.
 */
enum emul_result vcpu_emulate(struct vcpu *v, u32 insn);

/**
 * vcpu_emulate_cache_lock() - a guest cache-locking instruction @insn
 * (dcbtls, dcbtstls, icbtls, dcblc, icblc) that trapped as a data storage
 * exception with ESR[DLK] or ESR[ILK] (MSR[UCLE] = 0 in problem state)
 *
 * weir never locks cache lines for a guest: a lock "fails" the way the
 * core reports it, L1CSR0[CUL] (data) or L1CSR1[ICUL] (instruction), and
 * an unlock has nothing to do (KVM e500_emulate.c kvmppc_e500_emul_dcbtls
 * does the same). Return: EMUL_NEXT, or EMUL_ILLEGAL for any other
 * instruction (nothing changed).
 */
enum emul_result vcpu_emulate_cache_lock(struct vcpu *v, u32 insn);

/**
 * vcpu_reflect() - deliver exception @ivor to the guest, as the hardware
 * would have if the guest ran in supervisor mode: save @pc and the MSR in
 * the save/restore pair of the class (SRR; CSRR for critical and watchdog;
 * DSRR for debug, e500mc's separate debug level (Linux CPU_FTR_DEBUG_LVL_EXC,
 * KVM booke.c INT_CLASS_DBG); MCSRR for machine check), clear the MSR bits
 * of that class, and
 * continue at IVPR | IVORn. ESR/DEAR are the caller's to set.
 */
void vcpu_reflect(struct vcpu *v, unsigned int ivor, u32 pc);

/* Reflect a program exception for the instruction at regs.pc. */
void vcpu_program(struct vcpu *v, u32 esr);

/**
 * vcpu_deliver_pending() - deliver one pending asynchronous exception the
 * guest has enabled (external input before decrementer)
 * Return: true when one was delivered.
 */
bool vcpu_deliver_pending(struct vcpu *v);

/*
 * A pending exception the guest would take if it enabled MSR[EE]: an
 * external input (VIRQ_EXT, which the vPIC keeps exact under its lock,
 * include/weir/vpic.h, so no lock and no source scan here), a guest
 * doorbell (VIRQ_DBELL), the decrementer (TSR[DIS] with TCR[DIE]).
 * Inline: every fast exit with MSR[EE] set asks it.
 */
static inline bool vcpu_has_pending(const struct vcpu *v)
{
	return (vcpu_pending_read(v) & (VIRQ_EXT | VIRQ_DBELL)) ||
	       ((v->tsr & TSR_DIS) && (v->tcr & TCR_DIE));
}

/**
 * vcpu_exit() - handle the exception @ivor that stopped the guest on
 * vCPU @v; regs holds the guest state as saved at the exception, @dear and
 * @esr the real DEAR/ESR. On return regs is what the guest resumes with.
 */
void vcpu_exit(struct vcpu *v, unsigned int ivor, u32 dear, u32 esr);

/*
 * CONFIG_DEBUG_EXIT_STATS (hv/vcpu/exit_stats.c): count one guest exit
 * by its IVOR (printing the counts every 8192 exits), the privileged
 * instruction @insn that reached emulation, by kind, and @ticks of
 * timebase a core spent idle for a vCPU (idle or stopped): under QEMU's
 * -icount that virtual time passed without instructions.
 */
void exit_stats_count(unsigned int ivor);
void exit_stats_insn(u32 insn);
void exit_stats_idle(u64 ticks);

/**
 * vcpu_fetch() - read the guest word at effective address @ea through
 * the guest's own translation (instruction side when @insn)
 * Return: 0, or -EFAULT when the guest has no translation or it does
 * not lead into the partition's RAM.
 */
int vcpu_fetch(struct vcpu *v, u32 ea, bool insn, u32 *word);

/*
 * Real PID of the guest's current context: its MSR[IS], MSR[DS] (two
 * keys: a context with IS != DS has ids of its own, see exit.c), MSR[PR]
 * and PID. Flushes the shadows when ids had to be recycled.
 */
int vcpu_shadow_id(struct vcpu *v);

/*
 * Drop the shadow translations the guest's last TLB changes made stale
 * (struct vtlb drop state): one page, all of them, or none.
 */
void vcpu_shadow_drop(struct vcpu *v);

/* The real MSR the guest runs with, from its virtual MSR. */
u32 vcpu_shadow_msr(const struct vcpu *v);

/**
 * vcpu_reset() - architected reset state plus the ePAPR entry state of
 * a boot vCPU: PC @entry, r3 = @fdt_gpa, r6 = ePAPR magic, r7 = size of
 * the initial mapped area (TLB1[0], EA 0 -> guest-physical 0).
 * Return: 0, or -EINVAL when the partition's RAM is below 4 KiB.
 */
int vcpu_reset(struct vcpu *v, u32 entry, u32 fdt_gpa);

/*
 * Several vCPUs per partition (hv/vcpu/smp.c).
 */

/**
 * vcpu_msgsnd() - a guest msgsnd with @rb: a doorbell (type 0) raised on
 * the vCPU of @v's partition whose number is PIRTAG (rB[50:63]), or on
 * every vCPU of the partition with BRDCAST (rB[37]); each is kicked.
 * Other message types, and a PIRTAG naming no vCPU of the partition, do
 * nothing (another partition is never reached).
 */
void vcpu_msgsnd(struct vcpu *v, u32 rb);

/* vcpu_msgclr() - a guest msgclr: clear @v's pending doorbell (type 0). */
void vcpu_msgclr(struct vcpu *v, u32 rb);

/**
 * vcpu_tlbivax() - a guest tlbivax at @ea (EA[61] all, EA[60] TLB1):
 * invalidate in @v's TLB, then ask every other vCPU of the partition to
 * do the same (and drop its shadows on its own core), kick them, and
 * wait until each acknowledged (at most SHOOT_POLLS polls, about a
 * second, then a warning). A tlbsync has nothing left to wait for.
 */
void vcpu_tlbivax(struct vcpu *v, u32 ea);

/* Apply and acknowledge the tlbivax requests other vCPUs posted to @v
 * (on @v's core, on its way back to the guest). */
void vcpu_shootdown_serve(struct vcpu *v);

/* Initialise the spin table entries of @p's secondary vCPUs in guest
 * RAM: entry_addr = 1 (spinning), r3 = 0, pir = the vCPU number. */
void vcpu_spin_init(struct partition *p);

/**
 * vcpu_secondary_reset() - reset secondary @v to wait in its spin table
 * entry (vcpu_reset(), then @v->spinning).
 * Return: as vcpu_reset().
 */
int vcpu_secondary_reset(struct vcpu *v);

/**
 * vcpu_spin_release() - whether the guest released spinning @v: its
 * entry_addr has bit 0 clear. Then @v enters there with ePAPR's state
 * (r3 from the entry, r7 = size of the initial mapped area, TLB1[0]
 * mapping that size 1:1 around the entry); an entry whose mapping would
 * leave the partition's RAM stops @v with a message.
 * Return: true when released (or stopped), false while it spins.
 */
bool vcpu_spin_release(struct vcpu *v);

#endif
