// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partitions' console byte channels multiplexed on weir's UART console
 * (include/weir/console_mux.h, doc/console.md). Linux's ehv_bytechan
 * console write sends "\r\n" for "\n" in chunks of at most 16 bytes, so
 * lines arrive in pieces over several EV_BYTE_CHANNEL_SEND calls and are
 * reassembled here. Only printable ASCII and TAB reach the UART as they
 * are ('\r' is dropped, '\n' ends the line); any other byte is shown as
 * "\xNN", so no guest can move the cursor, erase its prefix or forge a
 * line that looks like weir's own.
 *
 * Output state (each channel's line buffer) is guarded by the console
 * lock; the registry and the escape state are only touched at boot and by
 * core 0's UART poll.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <weir/bytechan.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/partition.h>

static struct bytechan *mux_chan[PARTITION_MAX];
static unsigned int mux_count;
static struct bytechan *mux_input;	/* receives UART input */
static bool mux_escape;			/* Ctrl-T seen, command byte next */

static void name_of(const struct bytechan *bc, char *buf, size_t size)
{
	const struct partition *p = bc->owner;

	if (p->name[0])
		snprintf(buf, size, "%.*s", PARTITION_NAME_MAX, p->name);
	else
		snprintf(buf, size, "partition%u", p->id);
}

/*
 * Put @bc's buffered bytes on the UART, after a "[name] " prefix unless
 * the UART's current line is already @bc's; @eol ends the line. Caller
 * holds the console lock.
 */
static void emit(struct bytechan *bc, bool eol)
{
	char prefix[PARTITION_NAME_MAX + 16];
	char name[PARTITION_NAME_MAX + 16];
	int n;

	if (!bc->line_len && !eol)
		return;
	if (!console_line_open(bc)) {
		name_of(bc, name, sizeof(name));
		n = snprintf(prefix, sizeof(prefix), "[%s] ", name);
		console_write_locked(bc, prefix, (size_t)n);
	}
	console_write_locked(bc, bc->line, bc->line_len);
	if (eol)
		console_write_locked(bc, "\n", 1);
	bc->line_len = 0;
}

/*
 * Append @n bytes of @s (n <= 4) to @bc's line, whole: a line they would
 * overflow, or that they fill, goes out with its prefix (and goes on after
 * it). Caller holds the console lock.
 */
static void put(struct bytechan *bc, const char *s, unsigned int n)
{
	if (bc->line_len + n > BYTECHAN_LINE_MAX)
		emit(bc, false);
	memcpy(bc->line + bc->line_len, s, n);
	bc->line_len += n;
	if (bc->line_len == BYTECHAN_LINE_MAX)
		emit(bc, false);
}

void console_mux_write(struct bytechan *bc, const u8 *buf, unsigned int len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	console_lock();
	for (i = 0; i < len; i++) {
		u8 c = buf[i];

		if (c == '\r')
			continue;
		if (c == '\n') {
			emit(bc, true);
		} else if ((c >= 0x20 && c < 0x7f) || c == '\t') {
			put(bc, (const char *)&c, 1);
		} else {
			/* ESC, BS, ... would let the guest move the cursor
			 * or erase its "[name] " prefix: shown, not obeyed. */
			char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

			put(bc, esc, sizeof(esc));
		}
	}
	console_unlock();
}

void console_mux_flush(void)
{
	unsigned int i;

	console_lock();
	for (i = 0; i < mux_count; i++)
		emit(mux_chan[i], false);
	console_unlock();
}

void console_mux_discard(struct bytechan *bc)
{
	console_lock();
	bc->line_len = 0;
	console_unlock();
}

int console_mux_register(struct bytechan *bc)
{
	unsigned int i;

	if (!bc || !bc->owner)
		return -EINVAL;
	for (i = 0; i < mux_count; i++)
		if (mux_chan[i] == bc || mux_chan[i]->owner->id == bc->owner->id)
			return -EBUSY;
	if (mux_count == PARTITION_MAX)
		return -ENOSPC;
	mux_chan[mux_count++] = bc;
	if (!mux_input)
		mux_input = bc;
	return 0;
}

void console_mux_reset(void)
{
	unsigned int i;

	for (i = 0; i < PARTITION_MAX; i++)
		mux_chan[i] = NULL;
	mux_count = 0;
	mux_input = NULL;
	mux_escape = false;
}

/* A weir message on the console (printf is not the console on the host). */
static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	console_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void deliver(int c)
{
	if (mux_input)
		bytechan_push_input(mux_input, (u8)c);
}

static void select_input(unsigned int id)
{
	char name[PARTITION_NAME_MAX + 16];
	unsigned int i;

	for (i = 0; i < mux_count; i++) {
		if (mux_chan[i]->owner->id == id) {
			mux_input = mux_chan[i];
			name_of(mux_input, name, sizeof(name));
			say("weir: console input -> [%s]\n", name);
			return;
		}
	}
	say("weir: console input: no partition %u\n", id);
}

static void help(void)
{
	char name[PARTITION_NAME_MAX + 16];
	unsigned int i;

	say("weir: console: Ctrl-T <n> input to partition n, "
	    "Ctrl-T Ctrl-T sends Ctrl-T, Ctrl-T ? help\n");
	for (i = 0; i < mux_count; i++) {
		name_of(mux_chan[i], name, sizeof(name));
		say("weir:   %u [%s]%s\n", mux_chan[i]->owner->id, name,
		    mux_chan[i] == mux_input ? " <- input" : "");
	}
}

void console_mux_input(int c)
{
	if (c < 0)
		return;
	c &= 0xff;
	if (!mux_escape) {
		if (c == CONSOLE_MUX_ESCAPE)
			mux_escape = true;
		else
			deliver(c);
		return;
	}
	mux_escape = false;
	if (c == CONSOLE_MUX_ESCAPE) {
		deliver(c);
	} else if (c >= '1' && c < '1' + PARTITION_MAX) {
		select_input((unsigned int)(c - '0'));
	} else if (c == '?') {
		help();
	} else {
		/* Not a command: both bytes go through as typed. */
		deliver(CONSOLE_MUX_ESCAPE);
		deliver(c);
	}
}
