/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Entry of the oracle runner on QEMU pseries with -bios: QEMU loads the
 * raw image at 0 and starts the CPU at 0x100 (SPAPR_ENTRY_POINT) in real
 * mode with MSR = 0 (so SF = 0: 32-bit mode) and r3 = the device tree
 * (hw/ppc/spapr.c spapr_machine_reset -> spapr_cpu_set_entry_state).
 * Switch to 64-bit mode, set the TOC and a stack, call pseries_main(fdt).
 */
	.section .text.start, "ax"
	.globl	_start
_start:
	b	.			/* 0x0: nothing enters here */
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
	bl	pseries_main
	nop
1:	b	1b
