// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The sandbox (host) build: no machine, but the core's partition code
 * names the board its guests see, as on QEMU (board/qemu-ppce500).
 */
#include <weir/board.h>

const struct board_desc board_desc = {
	.name = "sandbox",
	.guest_compatible = "fsl,P4080DS",
};
