/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest exception vectors: one 16-byte stub per IVOR (IVOR offsets must
 * be 16-byte aligned). A stub pushes a frame on the current stack (the
 * guest has one stack, so a frame needs no scratch register), saves r3
 * and branches with r3 = IVOR number to its class's code, which saves all
 * GPRs, the save/restore pair, LR, CTR, CR, XER, DEAR and ESR (MCSR for
 * machine check) and calls guest_exception(frame, ivor). Everything is
 * restored from the frame, so handlers may change it (srr0 to skip an
 * instruction, srr1, GPRs), then rfi / rfci / rfmci.
 *
 * Stack frame (176 bytes): 0 back chain, 4 LR save word for the callee,
 * 8.. struct gframe (guest.h), padding.
 */
#include "spr.h"

#define FRAME_SIZE	176
#define GF		8			/* struct gframe in the frame */
#define GPR(n)		(GF + 4 * (n))
#define F_SRR0		(GF + 128)
#define F_SRR1		(GF + 132)
#define F_LR		(GF + 136)
#define F_CTR		(GF + 140)
#define F_CR		(GF + 144)
#define F_XER		(GF + 148)
#define F_DEAR		(GF + 152)
#define F_ESR		(GF + 156)

.macro VECTOR n, cls
	.balign	16
	.globl	vector_\n
vector_\n:
	stwu	r1, -FRAME_SIZE(r1)
	stw	r3, GPR(3)(r1)
	li	r3, \n
	b	exc_\cls
.endm

/*
 * r1 = frame, r3 = IVOR. \srr0/\srr1 the save/restore pair of the class,
 * \esr the syndrome register, \ret the return instruction.
 */
.macro EXC_COMMON srr0, srr1, esr, ret
	stw	r0, GPR(0)(r1)
	addi	r0, r1, FRAME_SIZE	/* r1 before the frame */
	stw	r0, GPR(1)(r1)
	stw	r2, GPR(2)(r1)
	stmw	r4, GPR(4)(r1)		/* r4..r31 */
	mfspr	r4, \srr0
	stw	r4, F_SRR0(r1)
	mfspr	r4, \srr1
	stw	r4, F_SRR1(r1)
	mflr	r4
	stw	r4, F_LR(r1)
	mfctr	r4
	stw	r4, F_CTR(r1)
	mfcr	r4
	stw	r4, F_CR(r1)
	mfxer	r4
	stw	r4, F_XER(r1)
	mfspr	r4, SPR_DEAR
	stw	r4, F_DEAR(r1)
	mfspr	r4, \esr
	stw	r4, F_ESR(r1)

	mr	r4, r3			/* guest_exception(frame, ivor) */
	addi	r3, r1, GF
	bl	guest_exception

	lwz	r4, F_LR(r1)
	mtlr	r4
	lwz	r4, F_CTR(r1)
	mtctr	r4
	lwz	r4, F_CR(r1)
	mtcr	r4
	lwz	r4, F_XER(r1)
	mtxer	r4
	lwz	r4, F_SRR0(r1)
	mtspr	\srr0, r4
	lwz	r4, F_SRR1(r1)
	mtspr	\srr1, r4
	lwz	r0, GPR(0)(r1)
	lwz	r2, GPR(2)(r1)
	lwz	r3, GPR(3)(r1)
	lmw	r4, GPR(4)(r1)
	lwz	r1, GPR(1)(r1)
	\ret
.endm

	.section .text.vectors, "ax"
	.balign	16
	.globl	__vectors_start
__vectors_start:
	VECTOR	0, crit		/* critical input */
	VECTOR	1, mcheck	/* machine check */
	VECTOR	2, base		/* data storage */
	VECTOR	3, base		/* instruction storage */
	VECTOR	4, base		/* external input */
	VECTOR	5, base		/* alignment */
	VECTOR	6, base		/* program */
	VECTOR	7, base		/* floating-point unavailable */
	VECTOR	8, base		/* system call */
	VECTOR	9, base		/* auxiliary processor unavailable */
	VECTOR	10, base	/* decrementer */
	VECTOR	11, base	/* fixed-interval timer */
	VECTOR	12, crit	/* watchdog */
	VECTOR	13, base	/* data TLB error */
	VECTOR	14, base	/* instruction TLB error */
	VECTOR	15, crit	/* debug */
	VECTOR	36, base	/* processor doorbell (IVOR36, set by the guest) */

exc_base:
	EXC_COMMON SPR_SRR0, SPR_SRR1, SPR_ESR, rfi
exc_crit:
	EXC_COMMON SPR_CSRR0, SPR_CSRR1, SPR_ESR, rfci
exc_mcheck:
	EXC_COMMON SPR_MCSRR0, SPR_MCSRR1, SPR_MCSR, rfmci
	.globl	__vectors_end
__vectors_end:

/*
 * u32 run_user(u32 ea, u32 msr): enter @ea with SRR1 = @msr (e.g. with
 * MSR[PR] set). An exception handler comes back through user_return
 * with r3 = the result; the caller's stack and non-volatile registers
 * are restored here.
 */
	.section .text.run_user, "ax"
	.globl	run_user
run_user:
	stwu	r1, -96(r1)
	mflr	r0
	stw	r0, 100(r1)
	mfcr	r0
	stw	r0, 8(r1)
	stmw	r14, 16(r1)		/* r14..r31: 72 bytes */
	lis	r5, run_user_sp@ha
	stw	r1, run_user_sp@l(r5)
	mtspr	SPR_SRR0, r3
	mtspr	SPR_SRR1, r4
	rfi

	.globl	user_return
user_return:
	lis	r5, run_user_sp@ha
	lwz	r1, run_user_sp@l(r5)
	lmw	r14, 16(r1)
	lwz	r0, 8(r1)
	mtcr	r0
	lwz	r0, 100(r1)
	mtlr	r0
	addi	r1, r1, 96
	blr

	.section .bss.run_user, "aw", @nobits
	.balign	4
run_user_sp:
	.space	4

	.section .note.GNU-stack, "", @progbits
