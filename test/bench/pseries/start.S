/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entry of the pseries bench runner (`qemu-system-ppc64 -M pseries
 * -bios`): QEMU loads the raw image at 0 and starts the CPU at 0x100
 * (SPAPR_ENTRY_POINT, hw/ppc/spapr.c) in real mode with MSR = 0, i.e.
 * 32-bit mode, r3 = the device tree. Switch to 64-bit mode, set the TOC
 * (ELFv1) and a stack, clear BSS, call bench64_main().
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	b	.
	.org	0x100
	li	r11, 1
	sldi	r11, r11, 63		/* MSR[SF] */
	mfmsr	r12
	or	r12, r12, r11
	mtmsrd	r12
	isync
	lis	r2, .TOC.@highest
	ori	r2, r2, .TOC.@higher
	sldi	r2, r2, 32
	oris	r2, r2, .TOC.@h
	ori	r2, r2, .TOC.@l
	lis	r1, stack_top@highest
	ori	r1, r1, stack_top@higher
	sldi	r1, r1, 32
	oris	r1, r1, stack_top@h
	ori	r1, r1, stack_top@l
	li	r0, 0
	stdu	r0, -128(r1)
	bl	bench64_main
	nop
1:	b	1b
