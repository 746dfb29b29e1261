// SPDX-License-Identifier: GPL-2.0-or-later
/* Freescale P4080DS: eight e500mc cores, PAMU, hypervisor category. */
#include <weir/board.h>

const struct board_desc board_desc = {
	.name = "p4080ds",
	.guest_compatible = "fsl,P4080DS",
};
