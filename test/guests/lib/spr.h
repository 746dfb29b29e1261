/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * e500mc special-purpose registers and bits the test guests use (Power
 * ISA 2.06 Book III-E, e500mc Core Reference Manual; MAS layout as in
 * Linux arch/powerpc/include/asm/mmu-book3e.h). Usable from .S files.
 * Kept apart from <weir/booke.h>: the guests check weir against these.
 */
#ifndef GUEST_SPR_H
#define GUEST_SPR_H

/* SPR numbers */
#define SPR_XER		1
#define SPR_LR		8
#define SPR_CTR		9
#define SPR_DEC		22
#define SPR_SRR0	26
#define SPR_SRR1	27
#define SPR_PID		48
#define SPR_DECAR	54
#define SPR_CSRR0	58
#define SPR_CSRR1	59
#define SPR_DEAR	61
#define SPR_ESR		62
#define SPR_IVPR	63
#define SPR_TBL_R	268	/* mfspr: user-readable time base */
#define SPR_TBU_R	269
#define SPR_SPRG0	272
#define SPR_SPRG1	273
#define SPR_SPRG2	274
#define SPR_SPRG3	275
#define SPR_PIR		286
#define SPR_TSR		336
#define SPR_TCR		340
#define SPR_IVOR0	400	/* IVOR0..15 = 400..415 */
#define SPR_MCSRR0	570
#define SPR_MCSRR1	571
#define SPR_MCSR	572
#define SPR_MAS0	624
#define SPR_MAS1	625
#define SPR_MAS2	626
#define SPR_MAS3	627
#define SPR_MAS4	628
#define SPR_MAS6	630
#define SPR_TLB0CFG	688
#define SPR_TLB1CFG	689
#define SPR_EPR		702
#define SPR_MAS7	944

/* IVOR numbers (e500mc implements IVOR0-15 plus 35-41) */
#define IVOR_CRITICAL		0
#define IVOR_MACHINE_CHECK	1
#define IVOR_DATA_STORAGE	2
#define IVOR_INSN_STORAGE	3
#define IVOR_EXTERNAL		4
#define IVOR_ALIGNMENT		5
#define IVOR_PROGRAM		6
#define IVOR_FP_UNAVAIL		7
#define IVOR_SYSCALL		8
#define IVOR_AP_UNAVAIL		9
#define IVOR_DECREMENTER	10
#define IVOR_FIT		11
#define IVOR_WATCHDOG		12
#define IVOR_DATA_TLB		13
#define IVOR_INSN_TLB		14
#define IVOR_DEBUG		15
#define IVOR_DOORBELL		36	/* vector_36; crt0 leaves IVOR36 unset */
#define NR_IVORS		37
#define SPR_IVOR36		532

/* MSR */
#define MSR_GS		0x10000000
#define MSR_CE		0x00020000
#define MSR_EE		0x00008000
#define MSR_PR		0x00004000
#define MSR_FP		0x00002000
#define MSR_ME		0x00001000
#define MSR_DE		0x00000200
#define MSR_IS		0x00000020
#define MSR_DS		0x00000010

/* ESR */
#define ESR_PIL		0x08000000	/* illegal instruction */
#define ESR_PPR		0x04000000	/* privileged instruction */
#define ESR_PTR		0x02000000	/* trap */
#define ESR_ST		0x00800000	/* store */

/* TCR / TSR */
#define TCR_DIE		0x04000000	/* decrementer interrupt enable */
#define TCR_ARE		0x00400000	/* decrementer auto-reload */
#define TSR_DIS		0x08000000	/* decrementer interrupt status (w1c) */

/* MAS0 */
#define MAS0_TLBSEL(x)	(((x) << 28) & 0x30000000)
#define MAS0_TLBSEL1	0x10000000
#define MAS0_ESEL(x)	(((x) << 16) & 0x0fff0000)
#define MAS0_ESEL_GET(m) (((m) >> 16) & 0xfff)
/* MAS1 */
#define MAS1_VALID	0x80000000
#define MAS1_IPROT	0x40000000
#define MAS1_TID(x)	(((x) << 16) & 0x3fff0000)
#define MAS1_TS		0x00001000
#define MAS1_TSIZE(x)	(((x) << 7) & 0x00000f80)	/* log2(KiB) */
#define MAS1_TSIZE_GET(m) (((m) >> 7) & 0x1f)
#define TSIZE_4K	2
#define TSIZE_1M	10
#define TSIZE_64M	16
/* MAS2: EPN | WIMGE */
#define MAS2_EPN	0xfffff000
#define MAS2_W		0x10
#define MAS2_I		0x08
#define MAS2_M		0x04
#define MAS2_G		0x02
#define MAS2_E		0x01
/* MAS3: RPN low | U0-3 | permissions */
#define MAS3_RPN	0xfffff000
#define MAS3_UX		0x20
#define MAS3_SX		0x10
#define MAS3_UW		0x08
#define MAS3_SW		0x04
#define MAS3_UR		0x02
#define MAS3_SR		0x01
/* MAS6 */
#define MAS6_SPID(x)	(((x) << 16) & 0x3fff0000)
#define MAS6_SAS	0x00000001
/* TLBnCFG */
#define TLBCFG_NENTRY(c) ((c) & 0xfff)

#ifndef __ASSEMBLY__
#define mfspr(n) ({ unsigned int __v; \
	__asm__ __volatile__("mfspr %0, %1" : "=r"(__v) : "i"(n)); __v; })
#define mtspr(n, v) __asm__ __volatile__("mtspr %0, %1" \
	: : "i"(n), "r"((unsigned int)(v)) : "memory")

static inline unsigned int mfmsr(void)
{
	unsigned int v;

	__asm__ __volatile__("mfmsr %0" : "=r"(v));
	return v;
}

static inline void mtmsr(unsigned int v)
{
	__asm__ __volatile__("mtmsr %0; isync" : : "r"(v) : "memory");
}

static inline void irq_enable(void)
{
	__asm__ __volatile__("wrteei 1" : : : "memory");
}

static inline void irq_disable(void)
{
	__asm__ __volatile__("wrteei 0" : : : "memory");
}

static inline void isync(void)
{
	__asm__ __volatile__("isync" : : : "memory");
}
#endif

#endif
