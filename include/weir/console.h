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
	int (*getc)(void *dev); /* -1 when no character waits */
};

/* Install the console device; before this, output is dropped. */
void console_register(const struct console_ops *ops, void *dev);
bool console_ready(void);
/*
 * Write @len bytes, turning "\n" into "\r\n", under the console lock (one
 * call's bytes are never split by another core's output).
 */
void console_write(const char *buf, size_t len);
int console_getc(void);

/*
 * The console lock, for writers that need several writes to come out in
 * one piece (the console mux). Not recursive; weir never holds it with
 * interrupts enabled.
 */
void console_lock(void);
/* Take the console lock only if it is free. Return: true when taken. */
bool console_trylock(void);
void console_unlock(void);
bool console_is_locked(void);
/* Fatal path only: drop the lock whoever holds it, so a dying core can print. */
void console_break_lock(void);

/*
 * console_write_locked() - console_write() for a holder of the lock
 * @owner: who writes (a console mux channel; NULL for weir itself)
 *
 * When the UART's current line was left unfinished by another owner, it
 * is ended ("\r\n") first, so two owners never share a line.
 */
void console_write_locked(const void *owner, const char *buf, size_t len);

/* Is the UART's current line unfinished and @owner's? (lock held) */
bool console_line_open(const void *owner);

#endif
