/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ePAPR hcall stubs. The call itself is a 4-instruction slot holding
 * `sc 1` and three nops; hcall_patch() overwrites the slots with
 * /hypervisor/hcall-instructions as Linux does (epapr_paravirt.c).
 *
 * ABI (ePAPR 1.1 ch. 6): r11 = token, arguments r3..r10, status r3,
 * outputs r4..; r0, r12, CTR, LR, XER, CR and the argument registers
 * are clobbered. CR2-CR4 are non-volatile in the SysV ABI, so the stubs
 * keep CR and LR in their frame.
 */
#include <weir/epapr.h>
#include "spr.h"

#define IDLE_TOKEN	EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE)

#define SC1	.long 0x44000022

/* u32 hcall_raw(u32 token, const u32 args[8], u32 out[8]) */
	.section .text.hcall_raw, "ax"
	.globl	hcall_raw
	.type	hcall_raw, @function
hcall_raw:
	stwu	r1, -32(r1)
	mflr	r0
	stw	r0, 36(r1)
	mfcr	r0
	stw	r0, 8(r1)
	stw	r5, 12(r1)		/* out */
	mr	r11, r3
	mr	r12, r4
	lwz	r3, 0(r12)
	lwz	r4, 4(r12)
	lwz	r5, 8(r12)
	lwz	r6, 12(r12)
	lwz	r7, 16(r12)
	lwz	r8, 20(r12)
	lwz	r9, 24(r12)
	lwz	r10, 28(r12)
	.globl	__hcall_slot
__hcall_slot:
	SC1
	nop
	nop
	nop
	lwz	r12, 12(r1)
	cmpwi	r12, 0
	beq	1f
	stw	r3, 0(r12)
	stw	r4, 4(r12)
	stw	r5, 8(r12)
	stw	r6, 12(r12)
	stw	r7, 16(r12)
	stw	r8, 20(r12)
	stw	r9, 24(r12)
	stw	r10, 28(r12)
1:	lwz	r0, 8(r1)
	mtcr	r0
	lwz	r0, 36(r1)
	mtlr	r0
	addi	r1, r1, 32
	blr
	.size	hcall_raw, . - hcall_raw

/*
 * void ev_idle(void): EV_IDLE with MSR[EE] = 1. guest_exception() moves
 * an asynchronous interrupt taken with SRR0 in [__idle_slot,
 * __idle_window_end) to __idle_window_end, so an interrupt that arrives
 * after wrteei 1 but before the hypervisor idles is not lost.
 */
	.section .text.ev_idle, "ax"
	.globl	ev_idle
	.type	ev_idle, @function
ev_idle:
	stwu	r1, -32(r1)
	mflr	r0
	stw	r0, 36(r1)
	mfcr	r0
	stw	r0, 8(r1)
	mfmsr	r0
	stw	r0, 12(r1)
	lis	r11, IDLE_TOKEN@h
	ori	r11, r11, IDLE_TOKEN@l
	wrteei	1
	.globl	__idle_slot
__idle_slot:
	SC1
	nop
	nop
	nop
	.globl	__idle_window_end
__idle_window_end:
	lwz	r0, 12(r1)
	wrtee	r0			/* EE as it was */
	lwz	r0, 8(r1)
	mtcr	r0
	lwz	r0, 36(r1)
	mtlr	r0
	addi	r1, r1, 32
	blr
	.size	ev_idle, . - ev_idle

	.section .note.GNU-stack, "", @progbits
