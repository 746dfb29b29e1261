/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ePAPR byte channels (ePAPR 1.1 §6.2; Linux drivers/tty/ehv_bytechan.c):
 * a partition's console is one byte channel, multiplexed onto the UART by
 * the console mux with a "[name] " prefix per line.
 */
#ifndef WEIR_BYTECHAN_H
#define WEIR_BYTECHAN_H

#include <weir/types.h>

struct partition;

struct bytechan {
	u32 handle;		/* hv-handle in the guest tree */
	u32 rx_irq, tx_irq;	/* virtual interrupts (epapr,hv-pic) */
	struct partition *owner;
	/* implementation state: hv/bytechan.c */
	u8 rx_buf[256];
	unsigned int rx_head, rx_tail;
	bool at_line_start;	/* console mux: prefix before next byte */
};

#endif
