// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Console output and weir's printf family. printf() formats with newlib's
 * vsnprintf into a bounded buffer and writes it in one piece, so no stdio
 * FILE state or heap is involved (safe in exception context).
 * Every write holds the console lock, shared with the partitions' console
 * mux (hv/console/mux.c); a fatal-exception path that may have interrupted
 * a holder on its own core calls console_break_lock() before printing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <weir/console.h>
#include <weir/spinlock.h>

static const struct console_ops *con_ops;
static void *con_dev;

/*
 * One lock for everything that reaches the UART, so that lines written by
 * different cores never mix. con_open/con_owner: the UART's current line
 * is unfinished and was written by con_owner (NULL = weir).
 */
static spinlock_t con_lock = SPINLOCK_INIT;
static bool con_open;
static const void *con_owner;

void console_register(const struct console_ops *ops, void *dev)
{
	con_dev = dev;
	con_ops = ops;
}

bool console_ready(void)
{
	return con_ops != NULL;
}

void console_lock(void)
{
	spin_lock(&con_lock);
}

bool console_trylock(void)
{
	return spin_trylock(&con_lock);
}

void console_unlock(void)
{
	spin_unlock(&con_lock);
}

bool console_is_locked(void)
{
	return con_lock.locked != 0;
}

void console_break_lock(void)
{
	spin_unlock(&con_lock);
}

bool console_line_open(const void *owner)
{
	return con_open && con_owner == owner;
}

void console_write_locked(const void *owner, const char *buf, size_t len)
{
	size_t i;

	if (!con_ops || !len)
		return;
	if (con_open && con_owner != owner) {
		con_ops->putc(con_dev, '\r');
		con_ops->putc(con_dev, '\n');
	}
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			con_ops->putc(con_dev, '\r');
		con_ops->putc(con_dev, buf[i]);
	}
	con_open = buf[len - 1] != '\n';
	con_owner = owner;
}

void console_write(const char *buf, size_t len)
{
	console_lock();
	console_write_locked(NULL, buf, len);
	console_unlock();
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
	console_write(buf,
		      (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
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
