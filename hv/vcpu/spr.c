// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest mfspr/mtspr of supervisor SPRs. SPR numbers and their meaning:
 * Power ISA 2.06 Book III-E and the e500mc Core RM §2 (Linux
 * arch/powerpc/include/asm/reg_booke.h lists the same numbers; Linux's
 * KVM booke_emulate.c / e500_emulate.c emulate the same set).
 *
 * Timers are virtual (vtimer.c): TCR keeps only what a guest may have
 * (no watchdog reset), TSR holds the virtual decrementer status. The
 * debug registers (DBCRn, IACn, DACn, DVCn, DSRR0/1) are stored as written,
 * as KVM's booke_emulate.c does; weir raises no debug event for a guest.
 */
#include <errno.h>
#include <weir/booke.h>
#include <weir/vcpu.h>
#include <weir/arch.h>
#include <weir/vcpu_emul.h>
#include <weir/vtimer.h>

#define GUEST_TCR_MASK (TCR_DIE | TCR_ARE | TCR_FIE | TCR_FP | TCR_WIE | TCR_WP)

/* IVORn SPR number -> IVOR number, or -1. */
static int ivor_index(unsigned int spr)
{
	if (spr >= SPRN_IVOR0 && spr <= SPRN_IVOR0 + 15)
		return (int)(spr - SPRN_IVOR0);
	if (spr >= SPRN_IVOR32 && spr <= SPRN_IVOR32 + 5)
		return (int)(32 + spr - SPRN_IVOR32);
	if (spr >= SPRN_IVOR38 && spr <= SPRN_IVOR38 + 3)
		return (int)(38 + spr - SPRN_IVOR38);
	return -1;
}

/* TLBnCFG / MMUCFG describing the guest's TLB (e500mc Core RM §2.13). */
static u32 tlbcfg(unsigned int n)
{
	if (n == 0) /* assoc 4, min=max 4 KiB (4^1), 512 entries */
		return (VTLB0_WAYS << 24) | (1 << 20) | (1 << 16) |
		       VTLB0_ENTRIES;
	/* fully associative, MINSIZE 4 KiB (4^1), MAXSIZE 4 GiB (4^11), IPROT */
	return (VTLB1_ENTRIES << 24) | (1 << 20) | (11 << 16) | (1 << 15) |
	       VTLB1_ENTRIES;
}

/* SPRG0..7 -> 0..7 (SPRs 272..279), or -1. */
static int sprg_index(unsigned int spr)
{
	return spr >= SPRN_SPRG0 && spr <= SPRN_SPRG0 + 7 ?
		       (int)(spr - SPRN_SPRG0) :
		       -1;
}

static u32 *mas_reg(struct vcpu *v, unsigned int spr)
{
	switch (spr) {
	case SPRN_MAS0:
		return &v->mas0;
	case SPRN_MAS1:
		return &v->mas1;
	case SPRN_MAS2:
		return &v->mas2;
	case SPRN_MAS3:
		return &v->mas3;
	case SPRN_MAS4:
		return &v->mas4;
	case SPRN_MAS6:
		return &v->mas6;
	case SPRN_MAS7:
		return &v->mas7;
	default:
		return NULL;
	}
}

/* Plain storage SPRs: what the guest writes it reads back. */
static u32 *plain_reg(struct vcpu *v, unsigned int spr)
{
	switch (spr) {
	case SPRN_SRR0:
		return &v->srr0;
	case SPRN_SRR1:
		return &v->srr1;
	case SPRN_CSRR0:
		return &v->csrr0;
	case SPRN_CSRR1:
		return &v->csrr1;
	case SPRN_MCSRR0:
		return &v->mcsrr0;
	case SPRN_MCSRR1:
		return &v->mcsrr1;
	case SPRN_DEAR:
		return &v->dear;
	case SPRN_ESR:
		return &v->esr;
	case SPRN_HID0:
		return &v->hid0;
	case SPRN_HID1:
		return &v->hid1;
	case SPRN_L1CSR2:
		return &v->l1csr2;
	case SPRN_BUCSR:
		return &v->bucsr;
	case SPRN_DBCR0:
		return &v->dbcr[0];
	case SPRN_DBCR0 + 1:
		return &v->dbcr[1];
	case SPRN_DBCR0 + 2:
		return &v->dbcr[2];
	case SPRN_EPCR:
		return &v->epcr;
	case SPRN_USPRG0:
		return &v->usprg0;
	case SPRN_DSRR0:
		return &v->dsrr0;
	case SPRN_DSRR1:
		return &v->dsrr1;
	case SPRN_IAC1:
	case SPRN_IAC1 + 1:
	case SPRN_IAC1 + 2:
	case SPRN_IAC1 + 3:
		return &v->iac[spr - SPRN_IAC1];
	case SPRN_DAC1:
	case SPRN_DAC1 + 1:
		return &v->dac[spr - SPRN_DAC1];
	case SPRN_DVC1:
	case SPRN_DVC1 + 1:
		return &v->dvc[spr - SPRN_DVC1];
	default:
		return mas_reg(v, spr);
	}
}

int vcpu_mfspr(struct vcpu *v, unsigned int spr, u32 *val)
{
	u32 *r = plain_reg(v, spr);
	int ivor = ivor_index(spr);

	if (r) {
		*val = *r;
		return 0;
	}
	if (ivor >= 0) {
		*val = v->ivor[ivor];
		return 0;
	}
	if (sprg_index(spr) >= 0) {
		*val = v->sprg[sprg_index(spr)];
		return 0;
	}
	switch (spr) {
	case SPRN_IVPR:
		*val = v->ivpr;
		return 0;
	case SPRN_PID:
		*val = v->pid;
		return 0;
	case SPRN_DEC:
		*val = vtimer_read_dec(v, arch_tb_read());
		return 0;
	case SPRN_DECAR:
		*val = v->decar;
		return 0;
	case SPRN_TCR:
		*val = v->tcr;
		return 0;
	case SPRN_TSR:
		*val = v->tsr;
		return 0;
	case SPRN_PIR:
		*val = v->id;
		return 0;
	case SPRN_PVR:
		*val = arch_pvr();
		return 0;
	case SPRN_SVR:
		*val = arch_svr();
		return 0;
	case SPRN_TLB0CFG:
		*val = tlbcfg(0);
		return 0;
	case SPRN_TLB1CFG:
		*val = tlbcfg(1);
		return 0;
	/* MMU v1 (MAVN 0), 8-bit PID, 2 TLBs (e500mc Core RM, MMUCFG) */
	case SPRN_MMUCFG:
		*val = (7 << 6) | (1 << 2);
		return 0;
	case SPRN_L1CSR0:
		*val = v->l1csr0;
		return 0;
	case SPRN_L1CSR1:
		*val = v->l1csr1;
		return 0;
	case SPRN_MMUCSR0:
		*val = 0;
		return 0;
	case SPRN_MCSR:
		*val = v->mcsr;
		return 0;
	case SPRN_MCAR: /* no machine check address to report */
	case SPRN_MCARU:
		*val = 0;
		return 0;
	case SPRN_DBSR:
		*val = v->dbsr;
		return 0;
	default:
		return -EINVAL;
	}
}

int vcpu_mtspr(struct vcpu *v, unsigned int spr, u32 val)
{
	u32 *r = plain_reg(v, spr);
	int ivor = ivor_index(spr);

	if (r) {
		*r = val;
		return 0;
	}
	if (ivor >= 0) {
		v->ivor[ivor] = val & 0xfff0;
		return 0;
	}
	if (sprg_index(spr) >= 0) {
		v->sprg[sprg_index(spr)] = val;
		if (sprg_index(spr) >= 3) /* user-readable copies */
			arch_sprg_user_write((unsigned int)sprg_index(spr),
					     val);
		return 0;
	}
	switch (spr) {
	case SPRN_IVPR:
		v->ivpr = val & 0xffff0000;
		return 0;
	case SPRN_PID:
		v->pid = val & 0xff;
		vtlb_page_caches_drop(&v->tlb); /* they hold no PID */
		return 0;
	case SPRN_DEC:
		vtimer_write_dec(v, val, arch_tb_read());
		arch_timer_changed(v);
		return 0;
	case SPRN_DECAR:
		v->decar = val;
		return 0;
	case SPRN_TCR:
		v->tcr = val & GUEST_TCR_MASK;
		return 0;
	case SPRN_TSR:
		v->tsr &= ~val;
		return 0;
	case SPRN_L1CSR0: /* flash-invalidate bits self-clear */
		v->l1csr0 = val & ~(L1CSR0_CFI | 0x100u);
		return 0;
	case SPRN_L1CSR1:
		v->l1csr1 = val & ~(0x2u | 0x100u);
		return 0;
	case SPRN_MMUCSR0:
		/* flash invalidate of the guest TLBs (non-IPROT entries) */
		if (val & MMUCSR0_TLB0FI)
			vtlb_invalidate_tlb(v, 0);
		if (val & MMUCSR0_TLB1FI)
			vtlb_invalidate_tlb(v, 1);
		arch_shadow_flush();
		v->tlb.drop = VTLB_DROP_NONE;
		return 0;
	case SPRN_MCSR:
		v->mcsr &= ~val;
		return 0;
	case SPRN_DBSR:
		v->dbsr &= ~val;
		return 0;
	case SPRN_TBWL:
	case SPRN_TBWU:
	case SPRN_PIR:
		return 0; /* the timebase and PIR are not the guest's */
	default:
		return -EINVAL;
	}
}
