/* SPDX-License-Identifier: GPL-2.0-or-later */
/* weir link map: one image at CONFIG_TEXT_BASE, mapped 1:1. */
OUTPUT_ARCH(powerpc:common)
ENTRY(_start)

SECTIONS
{
	. = CONFIG_TEXT_BASE;
	__image_start = .;
	.text : {
		KEEP(*(.text.start))
		*(.text .text.*)
	}
	.rodata : { *(.rodata .rodata.* .sdata2 .sdata2.*) }
	/* The per-partition units (include/weir/unit.h): an output section
	 * of their own, named like a C identifier, so that ld provides
	 * __start_weir_units and __stop_weir_units at its aligned ends. */
	weir_units : { KEEP(*(weir_units)) }
	.data : ALIGN(16) {
		*(.data .data.* .sdata .sdata.*)
	}
	. = ALIGN(16);
	__bss_start = .;
	.bss (NOLOAD) : {
		*(.sbss .sbss.* .bss .bss.* COMMON)
		. = ALIGN(16);
		boot_stack = .;
		. += 0x4000;
		boot_stack_top = .;
	}
	. = ALIGN(16);
	__bss_end = .;
	_end = .;
	/* the heap starts at a fixed place (hv/Kconfig HV_IMAGE_MAX) */
	ASSERT(_end - __image_start <= CONFIG_HV_IMAGE_MAX,
	       "weir's image is larger than CONFIG_HV_IMAGE_MAX")
	/DISCARD/ : { *(.comment) *(.note.*) *(.eh_frame) *(.gnu.attributes) }
}
