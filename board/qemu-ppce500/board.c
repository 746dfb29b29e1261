// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QEMU's ppce500 machine (hw/ppc/e500plat.c): e500mc cores, CCSR at
 * 0xf_e000_0000, ns16550 at CCSR+0x4500, MPIC, one MSI bank, one
 * fsl,mpc8540-pci host; no PAMU and no hypervisor category (guests run
 * trap-and-emulate). QEMU's own compatible "fsl,qemu-e500" is not one
 * Linux's corenet platform accepts, so guests see a P4080DS.
 */
#include <weir/board.h>

const struct board_desc board_desc = {
	.name = "qemu-ppce500",
	.guest_compatible = "fsl,P4080DS",
};
