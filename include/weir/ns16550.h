/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef WEIR_NS16550_H
#define WEIR_NS16550_H

#include <weir/console.h>

struct ns16550 {
	void *base;		/* mapped register block */
	unsigned int reg_shift; /* DT "reg-shift", 0 on QorIQ */
	u32 clock_hz;		/* DT "clock-frequency", 0 = unknown */
	u32 baud;		/* DT "current-speed", 0 = unknown */
};

/* Quiesce interrupts, set 8N1 (and the divisor when clock and baud are known). */
void ns16550_init(struct ns16550 *u);
extern const struct console_ops ns16550_console_ops;

#endif
