/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest entry (ePAPR 1.1 §5.4): supervisor mode, MSR[EE] = 0, address
 * space 0, an initial mapped area covering guest-physical 0.. 1:1;
 * r3 = device tree, r6 = ePAPR magic, r7 = size of the mapped area.
 *
 * _start reads the time base (guest_entry_tb, for the hand-off
 * benchmark), keeps r3/r6/r7 and the entry MSR, moves the device tree out of
 * the way if it overlaps BSS, sets the stack, clears BSS, points IVPR and
 * IVOR0-15 at vectors.S and calls guest_runtime_init() and guest_main().
 * If guest_main() returns the partition stops itself.
 */
#include "spr.h"

	.section .text.start, "ax"
	.globl	_start
	.type	_start, @function
_start:
	/* Time base first (guest_entry_tb): the hand-off benchmark. */
	mfspr	r25, SPR_TBU_R
	mfspr	r24, SPR_TBL_R
	mfspr	r23, SPR_TBU_R
	mr	r31, r3			/* device tree */
	mr	r30, r6			/* ePAPR magic */
	mr	r29, r7			/* initial mapped area size */
	mfmsr	r28
	li	r27, 0			/* device tree not moved */

	/*
	 * Nothing may be written to BSS (the stack is there) while a tree
	 * that overlaps it is still unread: if [r3, r3 + totalsize)
	 * intersects [__bss_start, _end), copy it to ALIGN(_end, 8)
	 * (backwards: the destination is above the source).
	 */
	cmpwi	r31, 0
	beq	2f
	lis	r4, __bss_start@ha
	addi	r4, r4, __bss_start@l
	lis	r5, _end@ha
	addi	r5, r5, _end@l
	cmplw	r31, r5
	bge	2f			/* tree starts at or above _end */
	lwz	r6, 4(r31)		/* fdt_totalsize() */
	add	r7, r31, r6
	cmplw	r7, r4
	ble	2f			/* tree ends below __bss_start */
	addi	r8, r5, 7
	rlwinm	r8, r8, 0, 0, 28	/* destination: ALIGN(_end, 8) */
	addi	r6, r6, 3
	rlwinm.	r6, r6, 0, 0, 29	/* length rounded up to words */
	beq	2f
1:	addi	r6, r6, -4
	lwzx	r9, r31, r6
	stwx	r9, r8, r6
	cmpwi	r6, 0
	bne	1b
	mr	r31, r8
	li	r27, 1
2:
	/* Stack: 16-byte aligned, a null back chain ends every walk. */
	lis	r1, __stack_top@ha
	addi	r1, r1, __stack_top@l
	li	r0, 0
	stwu	r0, -16(r1)

	/* Clear BSS (both ends 16-byte aligned by guest.lds). */
	lis	r4, __bss_start@ha
	addi	r4, r4, __bss_start@l
	lis	r5, __bss_end@ha
	addi	r5, r5, __bss_end@l
	li	r0, 0
	b	4f
3:	stw	r0, 0(r4)
	addi	r4, r4, 4
4:	cmplw	r4, r5
	blt	3b
	li	r0, 0
	stw	r0, 0(r1)		/* the stack was part of BSS */

	/* Exception vectors: IVPR = 64 KiB window, IVORn = offsets. */
	lis	r4, __guest_ivpr@h
	mtspr	SPR_IVPR, r4
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	lis	r4, vector_\n@h
	ori	r4, r4, vector_\n@l
	mtspr	SPR_IVOR0 + \n, r4
	.endr
	isync

	lis	r4, guest_entry_tb@ha
	addi	r4, r4, guest_entry_tb@l
	stw	r25, 0(r4)
	stw	r24, 4(r4)
	stw	r23, 8(r4)

	mr	r3, r31
	mr	r4, r30
	mr	r5, r29
	mr	r6, r28
	mr	r7, r27
	bl	guest_runtime_init
	mr	r3, r31
	bl	guest_main
	bl	guest_stop
5:	b	5b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
