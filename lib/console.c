// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Console output and weir's printf family. printf() formats with newlib's
 * vsnprintf into a bounded buffer and writes it in one piece, so no stdio
 * FILE state or heap is involved (safe in exception context).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <weir/console.h>

static const struct console_ops *con_ops;
static void *con_dev;

void console_register(const struct console_ops *ops, void *dev)
{
	con_dev = dev;
	con_ops = ops;
}

bool console_ready(void)
{
	return con_ops != NULL;
}

void console_write(const char *buf, size_t len)
{
	size_t i;

	if (!con_ops)
		return;
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			con_ops->putc(con_dev, '\r');
		con_ops->putc(con_dev, buf[i]);
	}
}

int console_getc(void)
{
	return con_ops && con_ops->getc ? con_ops->getc(con_dev) : -1;
}

#ifndef CONFIG_SANDBOX
int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return n;
	console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	console_write(s, strlen(s));
	console_write("\n", 1);
	return 1;
}

int putchar(int c)
{
	char ch = (char)c;

	console_write(&ch, 1);
	return c;
}
#endif
