// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QEMU's ppce500 machine (hw/ppc/e500plat.c): e500mc cores, CCSR at
 * 0xf_e000_0000, ns16550 at CCSR+0x4500, MPIC, one MSI bank, one
 * fsl,mpc8540-pci host; no hypervisor category (guests run
 * trap-and-emulate). QEMU's own compatible "fsl,qemu-e500" is not one
 * Linux's corenet platform accepts, so guests see a P4080DS.
 *
 * PAMU: the stock machine has none, and weir enforces its tables with
 * the software PAMU model. With QEMU built by scripts/build-qemu and
 * -M ppce500,pamu=on (doc/qemu-pamu.md) the hardware tree has an
 * "fsl,pamu" node at CCSR+0x20000 and a QorIQ GUTS with PAMUBYPENR, and
 * weir takes the board path (hv/iommu/boot.c, whenever the hardware tree
 * has that node): it programs the unit's registers as on a P4080DS.
 */
#include <weir/board.h>

const struct board_desc board_desc = {
	.name = "qemu-ppce500",
	.guest_compatible = "fsl,P4080DS",
};
