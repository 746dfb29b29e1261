// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exception delivery to a guest (Power ISA 2.06 Book III-E §7.6-7.7):
 * the save/restore pair, the MSR bits each class clears, and the vector
 * IVPR[0:47] | IVORn[48:59]. Asynchronous sources are level-style: the
 * decrementer stays pending while TSR[DIS] and TCR[DIE] are set, external
 * input while the virtual PIC has something for this vCPU. The way back
 * to the guest after an exit is hv/vcpu/exit.c's hv_vcpu_exit().
 */
#include <weir/arch.h>
#include <weir/booke.h>
#include <weir/partition.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>

/* MSR bits kept on entry to a base-class handler; everything else clears. */
#define MSR_KEEP_BASE (MSR_CE | MSR_ME | MSR_DE)
#define MSR_KEEP_CRIT (MSR_ME)

void vcpu_reflect(struct vcpu *v, unsigned int ivor, u32 pc)
{
	switch (ivor) {
	case IVOR_DEBUG:
		/* e500mc: a debug level of its own (DSRR0/1, rfdi) */
		v->dsrr0 = pc;
		v->dsrr1 = v->msr;
		v->msr &= MSR_KEEP_CRIT;
		break;
	case IVOR_CRITICAL:
	case IVOR_WDT:
		v->csrr0 = pc;
		v->csrr1 = v->msr;
		v->msr &= MSR_KEEP_CRIT;
		break;
	case IVOR_MCHECK:
		v->mcsrr0 = pc;
		v->mcsrr1 = v->msr;
		v->msr = 0;
		break;
	default:
		v->srr0 = pc;
		v->srr1 = v->msr;
		v->msr &= MSR_KEEP_BASE;
		break;
	}
	v->idle = false;
	v->regs.pc = (v->ivpr & 0xffff0000) | (v->ivor[ivor] & 0xfff0);
}

void vcpu_program(struct vcpu *v, u32 esr)
{
	v->esr = esr;
	vcpu_reflect(v, IVOR_PROGRAM, v->regs.pc);
}

/*
 * The vPIC has a deliverable source for @v: its VIRQ_EXT bit, which the
 * vPIC keeps exact under its lock after every change (include/weir/vpic.h)
 * and vcpu_reset() recomputes. Asking vpic_has_pending() instead took the
 * lock and scanned every source, about 770 instructions, twice on every
 * generic exit with MSR[EE] set (doc/performance.md).
 */
static bool ext_pending(const struct vcpu *v)
{
	return vcpu_pending_read(v) & VIRQ_EXT;
}

static bool dec_pending(const struct vcpu *v)
{
	return (v->tsr & TSR_DIS) && (v->tcr & TCR_DIE);
}

static bool dbell_pending(const struct vcpu *v)
{
	return vcpu_pending_read(v) & VIRQ_DBELL;
}

bool vcpu_deliver_pending(struct vcpu *v)
{
	if (!(v->msr & MSR_EE))
		return false;
	if (ext_pending(v)) {
		vcpu_reflect(v, IVOR_EXTERNAL, v->regs.pc);
		return true;
	}
	if (dbell_pending(v)) {
		/* taken: the doorbell is edge-like (e500mc Core RM) */
		vcpu_pending_clear(v, VIRQ_DBELL);
		vcpu_reflect(v, IVOR_DOORBELL, v->regs.pc);
		return true;
	}
	if (dec_pending(v)) {
		vcpu_reflect(v, IVOR_DEC, v->regs.pc);
		return true;
	}
	return false;
}

u32 vcpu_shadow_msr(const struct vcpu *v)
{
	/* Problem state in address space 1, interrupts always on for weir. */
	return MSR_PR | MSR_IS | MSR_DS | MSR_EE | MSR_ME |
	       (v->msr & (MSR_FP | MSR_FE0 | MSR_FE1));
}
