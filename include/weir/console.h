/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hypervisor console: one character device chosen from the hardware
 * device tree's /chosen/stdout-path. printf() writes here.
 */
#ifndef WEIR_CONSOLE_H
#define WEIR_CONSOLE_H

#include <weir/types.h>

struct console_ops {
	void (*putc)(void *dev, char c);
	int (*getc)(void *dev);		/* -1 when no character waits */
};

/* Install the console device; before this, output is dropped. */
void console_register(const struct console_ops *ops, void *dev);
bool console_ready(void);
/* Write @len bytes, turning "\n" into "\r\n". */
void console_write(const char *buf, size_t len);
int console_getc(void);

#endif
