/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * weir entry point and exception vectors for e500mc.
 *
 * Entry follows ePAPR 1.1 §5.4 (boot CPU): r3 = physical address of the
 * flattened device tree, MMU on in address space 0 with an initial mapped
 * area covering this image 1:1. U-Boot's bootm and QEMU's direct ppce500
 * boot both enter this way.
 *
 * Exceptions: IVPR holds the image base, each IVORn points at a 16-byte
 * aligned stub below (e500mc implements IVOR0-15 and IVOR35-41). A stub
 * switches to this core's exception frame (SPRG0 -> struct percpu, first
 * word = frame address), saves r3, and branches to the common code that
 * saves the rest and calls handle_exception(frame). Only base-class
 * exceptions (SRR0/1) ever return; critical and machine-check handlers
 * are fatal. The guest's frequent exits take shorter ways: program, system
 * call and hypervisor system call try hv_vcpu_fast() before the generic
 * exit (exc_entry_fast), and two answer in assembly before any C runs:
 * exc_entry_program emulates mfmsr/wrtee/wrteei (CONFIG_EMUL_VECTOR),
 * exc_entry_syscall and exc_entry_hcall decode an `sc 1` hcall by the
 * core's table, answer unknown tokens and call the register handlers
 * marked HC_VECTOR (CONFIG_SC_VECTOR); both fall back to exc_entry_fast
 * with nothing changed (doc/performance.md counts their instructions).
 */
#include <asm/reg.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <weir/vcpu_asm.h>

#define SPRN_SCRATCH	SPRN_SPRG1

	.section .text.start, "ax"
	.globl _start
_start:
	b	boot_cpu_entry

/*
 * One 32-byte stub per IVOR; \n is the IVOR number, \cls the save/restore
 * pair. Stubs are in IVOR order (0-15, then 32-41) at VECTOR_STRIDE.
 */
#define VECTOR_STRIDE 32
.macro VECTOR n, cls
	.balign VECTOR_STRIDE
	.globl vector_\n
vector_\n:
	mtspr	SPRN_SCRATCH, r1
	mfspr	r1, SPRN_SPRG0
	lwz	r1, 0(r1)
	stw	r3, FRAME_GPR(3)(r1)
	li	r3, \n
	b	exc_entry_\cls
.endm

	.balign 256
vectors:
	VECTOR 0, crit		/* critical input */
	VECTOR 1, mcheck	/* machine check */
	VECTOR 2, base		/* data storage */
	VECTOR 3, base		/* instruction storage */
	VECTOR 4, base		/* external input */
	VECTOR 5, base		/* alignment */
#if IS_ENABLED(CONFIG_EMUL_VECTOR) && !IS_ENABLED(CONFIG_DEBUG_EXIT_STATS)
	VECTOR 6, program	/* program: mfmsr/wrtee/wrteei here */
#else
	VECTOR 6, fast		/* program */
#endif
	VECTOR 7, base		/* floating-point unavailable */
#if IS_ENABLED(CONFIG_SC_VECTOR) && !IS_ENABLED(CONFIG_DEBUG_EXIT_STATS)
	VECTOR 8, syscall	/* system call: sc 1 hcalls here */
#else
	VECTOR 8, fast		/* system call (and sc 1 without E.HV) */
#endif
	VECTOR 9, base		/* auxiliary processor unavailable */
	VECTOR 10, base		/* decrementer */
	VECTOR 11, base		/* fixed-interval timer */
	VECTOR 12, crit		/* watchdog */
	VECTOR 13, dtlb		/* data TLB error: refills here */
	VECTOR 14, fast		/* instruction TLB error: refills here */
	VECTOR 15, crit		/* debug */
	VECTOR 32, base		/* SPE/AltiVec unavailable */
	VECTOR 33, base		/* embedded FP data */
	VECTOR 34, base		/* embedded FP round */
	VECTOR 35, base		/* performance monitor */
	VECTOR 36, base		/* processor doorbell */
	VECTOR 37, crit		/* processor doorbell critical */
	VECTOR 38, base		/* guest processor doorbell */
	VECTOR 39, crit		/* guest doorbell critical/mcheck */
#if IS_ENABLED(CONFIG_SC_VECTOR) && !IS_ENABLED(CONFIG_DEBUG_EXIT_STATS)
	VECTOR 40, hcall	/* embedded hypervisor system call */
#else
	VECTOR 40, fast		/* embedded hypervisor system call */
#endif
	VECTOR 41, base		/* embedded hypervisor privilege */

/* Save r0-r31 (r1 from SCRATCH, r3 already saved, r3 = IVOR number). */
.macro SAVE_GPRS
	stw	r0, FRAME_GPR(0)(r1)
	mfspr	r0, SPRN_SCRATCH
	stw	r0, FRAME_GPR(1)(r1)
	stw	r2, FRAME_GPR(2)(r1)
	stw	r3, FRAME_VECTOR(r1)
	stmw	r4, FRAME_GPR(4)(r1)
.endm

/* Save pc (r4), msr (r5), LR and CTR (r6, r7 scratch). */
.macro SAVE_PC_MSR_LR_CTR
	stw	r4, FRAME_PC(r1)
	stw	r5, FRAME_MSR(r1)
	mflr	r6
	stw	r6, FRAME_LR(r1)
	mfctr	r7
	stw	r7, FRAME_CTR(r1)
.endm

exc_entry_base:
	SAVE_GPRS
	mfspr	r4, SPRN_SRR0
	mfspr	r5, SPRN_SRR1
	b	exc_common

/* Back to the guest from the frame (r1): CR from \cr, r0-r31, rfi. */
.macro RESUME cr
	mtcr	\cr
	lmw	r2, FRAME_GPR(2)(r1)
	lwz	r0, FRAME_GPR(0)(r1)
	lwz	r1, FRAME_GPR(1)(r1)
	rfi
.endm

/*
 * The entry of the exits answered in the vector: r0-r31 saved, r8 = CR;
 * on to \miss unless from the guest (SRR1[PR]) with the vCPU's frame
 * (percpu->vcpu, r6 = percpu) and the guest's MSR (r9) in supervisor.
 */
.macro GUEST_SV_ENTRY miss
	SAVE_GPRS
	mfcr	r8			/* before any compare */
	mfspr	r5, SPRN_SRR1
	andi.	r0, r5, MSR_PR
	beq	\miss			/* weir's own: fatal there */
	mfspr	r6, SPRN_SPRG0
	lwz	r7, PERCPU_VCPU(r6)
	cmplw	r7, r1
	bne	\miss
	lwz	r9, VCPU_MSR(r1)	/* r9: the guest's MSR */
	andi.	r0, r9, MSR_PR
	bne	\miss
.endm

/*
 * r10 = the guest's word at r4 when the page cache of struct vtlb at
 * offsets \tag, \host (exit.c cached_word()) holds r4's page for the
 * guest's MSR[IS] (r9): its tag is page | VTLB_PAGE_VALID | AS, for the
 * current PID (a PID write empties it); else to \miss. \tmp is a
 * scratch.
 */
.macro CACHED_WORD tag, host, tmp, miss
	rlwinm	\tmp, r4, 0, 0, 19
	ori	\tmp, \tmp, 2		/* VTLB_PAGE_VALID */
	rlwimi	\tmp, r9, 27, 31, 31	/* | MSR[IS] */
	lwz	r10, \tag(r1)
	cmplw	r10, \tmp
	bne	\miss
	lwz	r10, \host(r1)
	rlwinm	\tmp, r4, 0, 20, 29
	lwzx	r10, r10, \tmp		/* r10: the word */
.endm

/*
 * Program, system call, hypervisor system call, TLB errors: the frequent
 * exits of a guest (privileged instructions to emulate, hcalls, shadow
 * refills). From the guest (SRR1[PR], and the frame is the vCPU's own:
 * struct vcpu starts with its registers) try the fast path,
 * hv_vcpu_fast(vcpu, vector, ESR) (include/weir/arch.h), which needs
 * r0-r31, pc, msr, LR, CTR, CR, XER and ESR, and DEAR for a data TLB
 * error only (exc_entry_dtlb saves it). HV_FAST_RESUME (-2) resumes the
 * frame as is, a shadow id is loaded into PID first; HV_FAST_GENERIC
 * (-1), nothing done, completes the frame and goes the generic way
 * (handle_exception()).
 */
#define HV_FAST_GENERIC_ASM	-1
#define HV_FAST_RESUME_ASM	-2
exc_entry_fast:
	SAVE_GPRS
	mfcr	r8			/* before andi. changes CR0 */
exc_entry_fast_cr:			/* r8 = CR, r3 = vector, GPRs saved */
	mfspr	r5, SPRN_SRR1
	mfspr	r4, SPRN_SRR0
	andi.	r0, r5, MSR_PR
	beq	3f
	stw	r8, FRAME_CR(r1)
	SAVE_PC_MSR_LR_CTR
	mfxer	r9
	stw	r9, FRAME_XER(r1)
	mfspr	r5, SPRN_ESR
	stw	r5, FRAME_ESR(r1)
	mr	r4, r3			/* the vector */
	mfspr	r6, SPRN_SPRG0
	lwz	r3, PERCPU_VCPU(r6)
	mr	r7, r1
	lwz	r1, PERCPU_STACK(r6)
	li	r0, 0
	stwu	r0, -16(r1)
	cmplw	r3, r7
	bne	2f			/* not the vCPU's frame: fatal there */
	bl	hv_vcpu_fast
	cmpwi	r3, HV_FAST_RESUME_ASM
	beq	exc_return
	cmpwi	r3, HV_FAST_GENERIC_ASM
	beq	1f
	mtspr	SPRN_PID, r3
	isync
	b	exc_return
1:	mfspr	r7, SPRN_SPRG0
	lwz	r7, PERCPU_FRAME(r7)
2:	mfspr	r10, SPRN_DEAR
	stw	r10, FRAME_DEAR(r7)
	mr	r3, r7
	bl	handle_exception
	b	exc_return
3:	mtcr	r8			/* weir's own: fatal in exc_common */
	b	exc_common
/* Data TLB error: the fast path with DEAR, the address that missed. */
exc_entry_dtlb:
	SAVE_GPRS
	mfcr	r8
	mfspr	r5, SPRN_DEAR
	stw	r5, FRAME_DEAR(r1)
	b	exc_entry_fast_cr
/*
 * Program exception: mfmsr, wrtee and wrteei from the guest's supervisor,
 * the instructions Linux traps on most (local_irq_save()/restore(): 97 %
 * of its emulation, doc/performance.md), emulated here without C and
 * without saving more than the GPRs and CR: the same checks and effects
 * as hv_vcpu_fast() (hv/vcpu/exit.c) with vcpu_emulate() and fast_done(),
 * which is where anything else goes (exc_entry_fast, nothing changed):
 * - from the guest (SRR1[PR]) and the frame is the vCPU's (percpu->vcpu);
 * - the guest's MSR[PR] clear and ESR[PPR] set;
 * - the instruction's page is the one struct vtlb emul caches for the
 *   current MSR[IS] and PID (its word is read each time);
 * - op 31 with XO mfmsr (83), wrtee (131) or wrteei (163), Rc ignored;
 * - resumable with the new MSR (fast_resumable()): not idle or stopped,
 *   no partition request, and MSR[EE] clear or nothing deliverable
 *   (VIRQ_EXT, VIRQ_DBELL, TSR[DIS] with TCR[DIE]).
 * Only MSR[EE] changes, which neither the real MSR nor the shadow id
 * depend on, so SRR1 and PID stay; SRR0 moves past the instruction.
 * Offsets: include/weir/vcpu_asm.h. r1 = the frame, r3 = 6.
 */
exc_entry_program:
	GUEST_SV_ENTRY program_slow
	mfspr	r5, SPRN_ESR
	andis.	r0, r5, ESR_PPR@h
	beq	program_slow
	mfspr	r4, SPRN_SRR0		/* r4: the instruction's address */
	CACHED_WORD VCPU_EMUL_TAG, VCPU_EMUL_HOST, r11, program_slow
	srwi	r11, r10, 26
	cmpwi	r11, 31
	bne	program_slow
	rlwinm	r11, r10, 0, 21, 30	/* XO << 1 */
	rlwinm	r12, r10, 13, 25, 29	/* RT * 4: its frame offset */
	cmpwi	cr7, r11, 83 << 1	/* cr7 eq: mfmsr, r9 stays */
	beq	cr7, 2f
	cmpwi	r11, 163 << 1
	beq	1f
	cmpwi	r11, 131 << 1
	bne	program_slow
	lwzx	r10, r1, r12		/* wrtee: EE from RS */
1:	rlwimi	r9, r10, 0, 16, 16	/* MSR[EE] from RS or E */
2:	lbz	r11, VCPU_IDLE(r1)
	lbz	r0, VCPU_STOPPED(r1)
	or.	r11, r11, r0
	bne	program_slow
	lwz	r11, VCPU_PART(r1)
	lwz	r11, PARTITION_REQ(r11)
	cmpwi	r11, 0			/* PREQ_NONE */
	bne	program_slow
	andi.	r0, r9, MSR_EE
	beq	3f
	sync				/* as vcpu_pending_read() */
	lwz	r11, VCPU_PENDING(r1)
	andi.	r0, r11, 6		/* VIRQ_EXT | VIRQ_DBELL */
	bne	program_slow
	lwz	r11, VCPU_TSR(r1)
	andis.	r0, r11, TSR_DIS@h
	beq	3f
	lwz	r11, VCPU_TCR(r1)
	andis.	r0, r11, TCR_DIE@h
	bne	program_slow
3:	bne	cr7, 4f
	stwx	r9, r1, r12		/* mfmsr: RT = MSR */
4:	stw	r9, VCPU_MSR(r1)
	li	r0, 0
	stw	r0, VCPU_REFILL_N(r1)	/* as vcpu_exit() */
	addi	r4, r4, 4
	mtspr	SPRN_SRR0, r4
	RESUME	r8
program_slow:
	b	exc_entry_fast_cr	/* r3 = 6, r8 = CR: all as entered */
/*
 * System call and embedded hypervisor system call: the guest's `sc 1`
 * hcall decoded and answered here, without hv_vcpu_fast(), when that is
 * unambiguous; the checks are hv_vcpu_fast()'s (hv/vcpu/exit.c), and
 * anything else continues into exc_entry_fast with nothing changed:
 * - from the guest (SRR1[PR]) and the frame is the vCPU's (percpu->vcpu);
 *   the guest's MSR[PR] clear;
 * - vector 8 only: the word before SRR0 is in the page struct vtlb sc
 *   caches (valid, page, MSR[IS], PID; the word is read each time) and
 *   is `sc 1` (E.HV's vector 40 is one already);
 * - the token r11 = (vendor << 16) | number by the core's table as data
 *   (struct hcall_vec hcall_vec[], weir/arch.h, indexed by vendor 0-3;
 *   other vendors go on): an unknown token (a number with bits the
 *   vendor's mask forbids, or past its table but below its slow limit,
 *   or an empty entry) gets the vendor's status in r3, nothing else
 *   changes; an entry marked HC_VECTOR (hv/hcall/hcall_priv.h: changes
 *   nothing but r3-r10 of the caller) gets its register handler called,
 *   regs(vcpu, &gpr[3]), on this core's stack, with LR, CTR, XER and CR
 *   kept in r27-r30 (non-volatile in C; the guest's are in the frame),
 *   SRR0/SRR1 in place (weir's C never enables interrupts); its result
 *   goes to r3. Any other entry is run by hv_vcpu_hcall(vcpu, entry)
 *   on the full frame (hv_vcpu_fast() without the checks and lookup
 *   done here); the KVM range and other vendors go on with r3 = 40
 *   (IVOR_HCALL): hv_vcpu_fast() then trusts the `sc 1` and its page,
 *   checked here, as it trusts E.HV's vector.
 * No post-condition: neither answer changes the guest's MSR, PID, idle,
 * stopped or pending state, or a request (HC_VECTOR's contract), so the
 * guest resumes as it entered, with SRR0 already past the `sc`;
 * refill_n = 0 as vcpu_exit(). Offsets: include/weir/vcpu_asm.h.
 * r1 = the frame, r3 = 8 or 40, r8 = CR, r6 = percpu, r9 = guest MSR.
 */
exc_entry_hcall:
	GUEST_SV_ENTRY sc_slow
	b	sc_decode
exc_entry_syscall:
	GUEST_SV_ENTRY sc_slow
	mfspr	r4, SPRN_SRR0
	addi	r4, r4, -4		/* r4: the sc's address */
	CACHED_WORD VCPU_SC_TAG, VCPU_SC_HOST, r12, sc_slow
	xoris	r10, r10, 0x4400
	cmplwi	r10, 0x0022		/* sc 1: 0x44000022 */
	bne	sc_slow
sc_decode:				/* r11: the token */
	rlwinm	r12, r11, 16, 17, 31	/* vendor, bits 16-30 */
	cmplwi	r12, HCALL_VEC_VENDORS
	bge	sc_c
	lis	r10, hcall_vec@ha
	addi	r10, r10, hcall_vec@l
	rlwinm	r12, r12, HCALL_VEC_SHIFT, 0, 31 - HCALL_VEC_SHIFT
	add	r10, r10, r12		/* r10: its struct hcall_vec */
	rlwinm	r12, r11, 0, 16, 31	/* r12: the number */
	lwz	r0, HCALL_VEC_MASK(r10)
	and.	r0, r12, r0
	bne	sc_unknown
	lwz	r0, HCALL_VEC_LIMIT(r10)
	cmplw	r12, r0
	bge	sc_past
	lwz	r0, HCALL_VEC_SCALE(r10)
	slw	r12, r12, r0
	lwz	r0, HCALL_VEC_TAB(r10)
	add	r12, r12, r0		/* r12: its struct hcall_desc */
	lwz	r0, HCALL_DESC_FLAGS(r12)
	andi.	r0, r0, HC_VECTOR_ASM
	bne	sc_call
	lwz	r0, HCALL_DESC_FN(r12)
	cmpwi	r0, 0
	bne	sc_run
	b	sc_unknown		/* empty */
sc_c:					/* sc 1, checked: as E.HV's */
	li	r3, IVOR_HCALL_ASM
sc_slow:
	b	exc_entry_fast_cr	/* r8 = CR: as entered */
sc_past:
	lwz	r0, HCALL_VEC_SLOW(r10)
	cmplw	r12, r0
	bge	sc_c
sc_unknown:
	lwz	r0, HCALL_VEC_UNKNOWN(r10)
	stw	r0, FRAME_GPR(3)(r1)
	li	r0, 0
	stw	r0, VCPU_REFILL_N(r1)	/* as vcpu_exit() */
	RESUME	r8
sc_run:					/* r12: an entry for C */
	stw	r8, FRAME_CR(r1)
	mfspr	r4, SPRN_SRR0
	mfspr	r5, SPRN_SRR1
	SAVE_PC_MSR_LR_CTR
	mfxer	r9
	stw	r9, FRAME_XER(r1)
	mr	r3, r1			/* the vCPU */
	mr	r4, r12			/* its entry */
	mfspr	r6, SPRN_SPRG0		/* SAVE_PC_MSR_LR_CTR took r6 */
	lwz	r1, PERCPU_STACK(r6)	/* this core's handler stack */
	li	r0, 0
	stwu	r0, -16(r1)		/* end of the back chain */
	bl	hv_vcpu_hcall		/* never HV_FAST_GENERIC */
	cmpwi	r3, HV_FAST_RESUME_ASM
	beq	exc_return
	mtspr	SPRN_PID, r3
	isync
	b	exc_return
sc_call:				/* r12: an HC_VECTOR entry */
	mflr	r29
	mfctr	r28
	mfxer	r27
	mr	r30, r8
	mr	r31, r1
	lwz	r0, HCALL_DESC_REGS(r12)
	mtctr	r0
	mr	r3, r1			/* the vCPU */
	addi	r4, r1, FRAME_GPR(3)	/* its r3.. */
	li	r0, 0
	stw	r0, VCPU_REFILL_N(r1)	/* as vcpu_exit() */
	lwz	r1, PERCPU_STACK(r6)	/* this core's handler stack */
	stwu	r0, -16(r1)		/* end of the back chain */
	bctrl
	mr	r1, r31
	stw	r3, FRAME_GPR(3)(r1)	/* its status */
	mtlr	r29
	mtctr	r28
	mtxer	r27
	RESUME	r30
exc_entry_crit:
	SAVE_GPRS
	mfspr	r4, SPRN_CSRR0
	mfspr	r5, SPRN_CSRR1
	b	exc_common
exc_entry_mcheck:
	SAVE_GPRS
	mfspr	r4, SPRN_MCSRR0
	mfspr	r5, SPRN_MCSRR1
	/* fall through */
exc_common:
	SAVE_PC_MSR_LR_CTR
	mfcr	r8
	stw	r8, FRAME_CR(r1)
	mfxer	r9
	stw	r9, FRAME_XER(r1)
	mfspr	r10, SPRN_DEAR
	stw	r10, FRAME_DEAR(r1)
	mfspr	r11, SPRN_ESR
	stw	r11, FRAME_ESR(r1)
	mr	r3, r1
	mfspr	r4, SPRN_SPRG0
	lwz	r1, PERCPU_STACK(r4)	/* this core's handler stack */
	li	r0, 0
	stwu	r0, -16(r1)		/* end of the back chain */
	bl	handle_exception
	/* fall through */
	.globl exc_return
exc_return:
	/*
	 * Resume whatever the core's current frame holds (the handler may
	 * have switched it, e.g. to a vCPU) with rfi; base class only.
	 */
	mfspr	r1, SPRN_SPRG0
	lwz	r1, PERCPU_FRAME(r1)
	lwz	r4, FRAME_LR(r1)
	mtlr	r4
	lwz	r5, FRAME_CTR(r1)
	mtctr	r5
	lwz	r6, FRAME_CR(r1)
	mtcr	r6
	lwz	r7, FRAME_XER(r1)
	mtxer	r7
	lwz	r8, FRAME_PC(r1)
	mtspr	SPRN_SRR0, r8
	lwz	r9, FRAME_MSR(r1)
	mtspr	SPRN_SRR1, r9
	lmw	r2, FRAME_GPR(2)(r1)
	lwz	r0, FRAME_GPR(0)(r1)
	lwz	r1, FRAME_GPR(1)(r1)
	rfi

/* Interrupts off, machine check on; stay in address space 0. */
.macro QUIET_MSR
	mfmsr	r4
	lis	r5, (MSR_CE | MSR_EE | MSR_DE)@h
	ori	r5, r5, (MSR_CE | MSR_EE | MSR_DE)@l
	andc	r4, r4, r5
	ori	r4, r4, MSR_ME
	mtmsr	r4
	isync
.endm

/* Boot CPU: r3 = FDT. */
boot_cpu_entry:
	mr	r31, r3
	QUIET_MSR

	/* Clear BSS (the loaded image already holds zeros there; be sure). */
	lis	r4, __bss_start@h
	ori	r4, r4, __bss_start@l
	lis	r5, __bss_end@h
	ori	r5, r5, __bss_end@l
	li	r0, 0
1:	cmplw	r4, r5
	bge	2f
	stw	r0, 0(r4)
	addi	r4, r4, 4
	b	1b
2:
	/* Boot stack: top of cpu 0's stack, 16-byte aligned, null chain. */
	lis	r1, boot_stack_top@h
	ori	r1, r1, boot_stack_top@l
	li	r0, 0
	stwu	r0, -16(r1)

	bl	exceptions_init
	mr	r3, r31
	bl	weir_entry
	b	.

/* Secondary core, released from the ePAPR spin table: r3 = its percpu. */
	.globl secondary_entry
secondary_entry:
	mr	r31, r3
	QUIET_MSR
	lwz	r1, PERCPU_STACK(r31)
	li	r0, 0
	stwu	r0, -16(r1)
	bl	exceptions_init
	mr	r3, r31
	bl	secondary_main
	b	.

/*
 * Sleep until an interrupt. An interrupt taken at idle_wait_insn (before
 * the wait ran) is told to skip it (traps.c), so no wake-up is lost.
 */
	.globl cpu_wait_irq, idle_wait_insn
cpu_wait_irq:
	wrteei	1
idle_wait_insn:
	wait
	wrteei	0
	blr

/* IVPR/IVORn point at the stubs above; called from C on every core. */
	.section .text
	.globl exceptions_init
exceptions_init:
	lis	r3, vectors@h
	ori	r3, r3, vectors@l
	lis	r4, _start@h
	mtspr	SPRN_IVPR, r4
.macro SET_IVOR n, spr
	addi	r5, r3, (\n) * VECTOR_STRIDE
	rlwinm	r5, r5, 0, 16, 31	/* offset from IVPR */
	mtspr	\spr, r5
.endm
	SET_IVOR 0, SPRN_IVOR0
	SET_IVOR 1, SPRN_IVOR0+1
	SET_IVOR 2, SPRN_IVOR0+2
	SET_IVOR 3, SPRN_IVOR0+3
	SET_IVOR 4, SPRN_IVOR0+4
	SET_IVOR 5, SPRN_IVOR0+5
	SET_IVOR 6, SPRN_IVOR0+6
	SET_IVOR 7, SPRN_IVOR0+7
	SET_IVOR 8, SPRN_IVOR0+8
	SET_IVOR 9, SPRN_IVOR0+9
	SET_IVOR 10, SPRN_IVOR0+10
	SET_IVOR 11, SPRN_IVOR0+11
	SET_IVOR 12, SPRN_IVOR0+12
	SET_IVOR 13, SPRN_IVOR0+13
	SET_IVOR 14, SPRN_IVOR0+14
	SET_IVOR 15, SPRN_IVOR0+15
	/* e500mc has no SPE: IVOR32-34 do not exist (stubs 16-18 unused). */
	SET_IVOR 19, SPRN_IVOR32+3
	SET_IVOR 20, SPRN_IVOR32+4
	SET_IVOR 21, SPRN_IVOR32+5
	SET_IVOR 22, SPRN_IVOR38
	SET_IVOR 23, SPRN_IVOR38+1
	SET_IVOR 24, SPRN_IVOR38+2
	SET_IVOR 25, SPRN_IVOR38+3
	isync
	blr
