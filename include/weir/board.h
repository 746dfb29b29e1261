/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a board contributes to the board-independent core: its name and
 * the root compatible a guest on it is given (with "-hv" appended, as
 * Linux's corenet platform expects). Everything else comes from the
 * hardware device tree.
 */
#ifndef WEIR_BOARD_H
#define WEIR_BOARD_H

struct board_desc {
	const char *name;	      /* e.g. "qemu-ppce500" */
	const char *guest_compatible; /* e.g. "fsl,P4080DS" */
};

extern const struct board_desc board_desc;

#endif
