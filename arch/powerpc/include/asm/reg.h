/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * e500mc special-purpose registers and MMU assist (MAS) fields.
 * Numbers: Power ISA 2.06 Book III-E and the e500mc Core Reference Manual
 * (also visible in Linux arch/powerpc/include/asm/reg_booke.h and
 * mmu-book3e.h). Shared by C and assembly.
 */
#ifndef ASM_REG_H
#define ASM_REG_H

#define SPRN_XER	1
#define SPRN_LR		8
#define SPRN_CTR	9
#define SPRN_DEC	22
#define SPRN_SRR0	26
#define SPRN_SRR1	27
#define SPRN_PID	48
#define SPRN_DECAR	54
#define SPRN_CSRR0	58
#define SPRN_CSRR1	59
#define SPRN_DEAR	61
#define SPRN_ESR	62
#define SPRN_IVPR	63
#define SPRN_SPRG0	272
#define SPRN_SPRG1	273
#define SPRN_SPRG2	274
#define SPRN_SPRG3	275
#define SPRN_TBWL	284
#define SPRN_TBWU	285
#define SPRN_PIR	286
#define SPRN_PVR	287
#define SPRN_TSR	336
#define SPRN_TCR	340
#define SPRN_IVOR0	400	/* IVOR0..15 are 400..415 */
#define SPRN_IVOR32	528	/* IVOR32..37 are 528..533 */
#define SPRN_IVOR38	432	/* IVOR38..41 are 432..435 (E.HV) */
#define SPRN_MCSRR0	570
#define SPRN_MCSRR1	571
#define SPRN_MCSR	572
#define SPRN_MAS0	624
#define SPRN_MAS1	625
#define SPRN_MAS2	626
#define SPRN_MAS3	627
#define SPRN_MAS4	628
#define SPRN_MAS6	630
#define SPRN_TLB0CFG	688
#define SPRN_TLB1CFG	689
#define SPRN_MAS7	944
#define SPRN_HID0	1008
#define SPRN_L1CSR0	1010
#define SPRN_MMUCSR0	1012
#define SPRN_SVR	1023

/* MSR bits (Book III-E) */
#define MSR_GS		0x10000000
#define MSR_CE		0x00020000
#define MSR_EE		0x00008000
#define MSR_PR		0x00004000
#define MSR_FP		0x00002000
#define MSR_ME		0x00001000
#define MSR_DE		0x00000200
#define MSR_IS		0x00000020
#define MSR_DS		0x00000010

/* ESR bits */
#define ESR_PIL		0x08000000	/* illegal instruction */
#define ESR_PPR		0x04000000	/* privileged instruction */
#define ESR_PTR		0x02000000	/* trap */
#define ESR_ST		0x00800000	/* store */

/* MAS0 */
#define MAS0_TLBSEL1	0x10000000
#define MAS0_ESEL(x)	(((x) << 16) & 0x0fff0000)
#define MAS0_ESEL_GET(m) (((m) >> 16) & 0xfff)
/* MAS1 */
#define MAS1_VALID	0x80000000
#define MAS1_IPROT	0x40000000
#define MAS1_TID(x)	(((x) << 16) & 0x3fff0000)
#define MAS1_TS		0x00001000
#define MAS1_TSIZE(x)	(((x) << 7) & 0x00000f80)
#define MAS1_TSIZE_GET(m) (((m) >> 7) & 0x1f)
/* MAS2: EPN | WIMGE */
#define MAS2_W		0x10
#define MAS2_I		0x08
#define MAS2_M		0x04
#define MAS2_G		0x02
#define MAS2_E		0x01
/* MAS3: RPN | permissions */
#define MAS3_SR		0x01
#define MAS3_UR		0x02
#define MAS3_SW		0x04
#define MAS3_UW		0x08
#define MAS3_SX		0x10
#define MAS3_UX		0x20
/* MAS6 */
#define MAS6_SAS	0x00000001

/* MMUCSR0 */
#define MMUCSR0_TLB0FI	0x00000004
#define MMUCSR0_TLB1FI	0x00000002

/* TLBnCFG */
#define TLBCFG_NENTRY(c) ((c) & 0xfff)

/* TCR / TSR */
#define TCR_DIE		0x04000000
#define TCR_ARE		0x00400000
#define TSR_DIS		0x08000000

/* L1CSR0 */
#define L1CSR0_CFI	0x00000002

#endif
