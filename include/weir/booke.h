/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * e500mc special-purpose registers and MMU assist (MAS) fields.
 * Numbers: Power ISA 2.06 Book III-E and the e500mc Core Reference Manual
 * (also visible in Linux arch/powerpc/include/asm/reg_booke.h and
 * mmu-book3e.h). Shared by C and assembly.
 */
#ifndef WEIR_BOOKE_H
#define WEIR_BOOKE_H

#define SPRN_XER 1
#define SPRN_LR 8
#define SPRN_CTR 9
#define SPRN_DEC 22
#define SPRN_SRR0 26
#define SPRN_SRR1 27
#define SPRN_PID 48
#define SPRN_DECAR 54
#define SPRN_CSRR0 58
#define SPRN_CSRR1 59
#define SPRN_DEAR 61
#define SPRN_ESR 62
#define SPRN_IVPR 63
#define SPRN_SPRG0 272
#define SPRN_SPRG1 273
#define SPRN_SPRG2 274
#define SPRN_SPRG3 275
#define SPRN_TBWL 284
#define SPRN_TBWU 285
#define SPRN_PIR 286
#define SPRN_PVR 287
#define SPRN_TSR 336
#define SPRN_TCR 340
#define SPRN_IVOR0 400	/* IVOR0..15 are 400..415 */
#define SPRN_IVOR32 528 /* IVOR32..37 are 528..533 */
#define SPRN_IVOR38 432 /* IVOR38..41 are 432..435 (E.HV) */
#define SPRN_MCSRR0 570
#define SPRN_MCSRR1 571
#define SPRN_MCSR 572
#define SPRN_MAS0 624
#define SPRN_MAS1 625
#define SPRN_MAS2 626
#define SPRN_MAS3 627
#define SPRN_MAS4 628
#define SPRN_MAS6 630
#define SPRN_TLB0CFG 688
#define SPRN_TLB1CFG 689
#define SPRN_MAS7 944
#define SPRN_HID0 1008
#define SPRN_L1CSR0 1010
#define SPRN_MMUCSR0 1012
#define SPRN_SVR 1023

/* MSR bits (Book III-E) */
#define MSR_GS 0x10000000u
#define MSR_CE 0x00020000u
#define MSR_EE 0x00008000u
#define MSR_PR 0x00004000u
#define MSR_FP 0x00002000u
#define MSR_ME 0x00001000u
#define MSR_DE 0x00000200u
#define MSR_IS 0x00000020u
#define MSR_DS 0x00000010u

/* ESR bits */
#define ESR_PIL 0x08000000u /* illegal instruction */
#define ESR_PPR 0x04000000u /* privileged instruction */
#define ESR_PTR 0x02000000u /* trap */
#define ESR_ST 0x00800000u  /* store */

/* MAS0 */
#define MAS0_TLBSEL1 0x10000000u
#define MAS0_ESEL(x) (((unsigned int)(x) << 16) & 0x0fff0000u)
#define MAS0_ESEL_GET(m) (((m) >> 16) & 0xfffu)
/* MAS1 */
#define MAS1_VALID 0x80000000u
#define MAS1_IPROT 0x40000000u
#define MAS1_TID(x) (((unsigned int)(x) << 16) & 0x3fff0000u)
#define MAS1_TS 0x00001000u
#define MAS1_TSIZE(x) (((unsigned int)(x) << 7) & 0x00000f80u)
#define MAS1_TSIZE_GET(m) (((m) >> 7) & 0x1fu)
/* MAS2: EPN | WIMGE */
#define MAS2_W 0x10u
#define MAS2_I 0x08u
#define MAS2_M 0x04u
#define MAS2_G 0x02u
#define MAS2_E 0x01u
/* MAS3: RPN | permissions */
#define MAS3_SR 0x01u
#define MAS3_UR 0x02u
#define MAS3_SW 0x04u
#define MAS3_UW 0x08u
#define MAS3_SX 0x10u
#define MAS3_UX 0x20u
/* MAS6 */
#define MAS6_SAS 0x00000001u

/* MMUCSR0 */
#define MMUCSR0_TLB0FI 0x00000004u
#define MMUCSR0_TLB1FI 0x00000002u

/* TLBnCFG */
#define TLBCFG_NENTRY(c) ((c)&0xfffu)

/* TCR / TSR */
#define TCR_DIE 0x04000000u
#define TCR_ARE 0x00400000u
#define TSR_DIS 0x08000000u

/* L1CSR0 */
#define L1CSR0_CFI 0x00000002u

/* More SPRs the vCPU emulates (ISA 2.06 Book III-E, e500mc Core RM §2). */
#define SPRN_USPRG0 256
#define SPRN_SPRG3R 259 /* user-readable SPRG3 */
#define SPRN_SPRG4R 260 /* 260..263: user-readable SPRG4-7 */
#define SPRN_SPRG4 276	/* 276..279: SPRG4-7 */
#define SPRN_DBSR 304
#define SPRN_EPCR 307
#define SPRN_DBCR0 308
#define SPRN_MCAR 573
#define SPRN_MCARU 569
#define SPRN_DSRR0 574 /* debug save/restore (e500mc debug class) */
#define SPRN_DSRR1 575
#define SPRN_IAC1 312		/* 312..315: instruction address compare 1-4 */
#define SPRN_DAC1 316		/* 316..317: data address compare 1-2 */
#define SPRN_DVC1 318		/* 318..319: data value compare 1-2 */
#define L1CSR0_CUL 0x00000400u	/* data cache unable to lock */
#define L1CSR1_ICUL 0x00000400u /* instruction cache unable to lock */
#define SPRN_L1CSR2 606
#define SPRN_MMUCFG 1015
#define SPRN_HID1 1009
#define SPRN_L1CSR1 1011
#define SPRN_BUCSR 1013
#define SPRN_MAS5 339
#define SPRN_MAS8 341
#define SPRN_EPLC 947
#define SPRN_EPSC 948
#define SPRN_PID0 SPRN_PID

/* An SPR number with this bit set is privileged (ISA 2.06 Book I §3.3.17) */
#define SPR_PRIV_BIT 0x10u

#define MSR_WE 0x00040000u
#define MSR_UCLE 0x04000000u /* user cache locking enable */
#define MSR_FE0 0x00000800u
#define MSR_FE1 0x00000100u
#define MSR_PMM 0x00000004u

#define ESR_FP 0x01000000u
#define ESR_DLK 0x00200000u
#define ESR_ILK 0x00100000u
#define ESR_BO 0x00020000u /* byte ordering */

#define MAS0_TLBSEL(x) (((x)&3) << 28)
#define MAS0_TLBSEL_GET(m) (((m) >> 28) & 3)
#define MAS0_NV(x) ((x)&0xfffu)
#define MAS1_TID_GET(m) (((m) >> 16) & 0x3fffu)
#define MAS2_EPN 0xfffff000u
#define MAS2_WIMGE 0x0000001fu
#define MAS3_RPN 0xfffff000u
#define MAS3_PERMS 0x0000003fu
#define MAS3_U0_3 0x000003c0u
#define MAS4_TLBSELD(m) (((m) >> 28) & 3)
#define MAS4_TIDSELD(m) (((m) >> 16) & 3)
#define MAS4_TSIZED(m) (((m) >> 7) & 0x1fu)
#define MAS4_WIMGED 0x0000001fu
#define MAS6_SPID(m) (((m) >> 16) & 0x3fffu)

#define TCR_WP 0xc0000000u
#define TCR_WRC 0x30000000u
#define TCR_WIE 0x08000000u
#define TCR_FP 0x03000000u
#define TCR_FIE 0x00800000u
#define TSR_ENW 0x80000000u
#define TSR_WIS 0x40000000u
#define TSR_FIS 0x04000000u

#ifndef __ASSEMBLY__
/* IVOR numbers (Power ISA 2.06 Book III-E §7.6; e500mc Core RM §4). */
enum {
	IVOR_CRITICAL = 0,
	IVOR_MCHECK = 1,
	IVOR_DSI = 2,
	IVOR_ISI = 3,
	IVOR_EXTERNAL = 4,
	IVOR_ALIGN = 5,
	IVOR_PROGRAM = 6,
	IVOR_FPUNAVAIL = 7,
	IVOR_SYSCALL = 8,
	IVOR_APUNAVAIL = 9,
	IVOR_DEC = 10,
	IVOR_FIT = 11,
	IVOR_WDT = 12,
	IVOR_DTLB = 13,
	IVOR_ITLB = 14,
	IVOR_DEBUG = 15,
	IVOR_PERFMON = 35,
	IVOR_DOORBELL = 36,
	IVOR_HCALL = 40,
	IVOR_HPRIV = 41,
};
#endif

#endif
