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
 * Output: each channel assembles its lines into its own tx ring under its
 * own tx_lock (only its partition's vCPUs take it), and the ring goes to
 * the UART only when the console lock is free (console_trylock()): a send
 * that finds another core on the UART returns at once, and its bytes go
 * out at its partition's next send or tick (console_mux_tick() on its own
 * core). So no partition ever waits for another's output, and the console
 * lock is held for at most one ring (BYTECHAN_TX_SIZE bytes). A full ring
 * refuses a send with -EAGAIN and raises the channel's tx interrupt when
 * it has drained. The registry and the escape state are only touched at
 * boot and by core 0's UART poll.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <weir/bytechan.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/partition.h>
#include <weir/spinlock.h>
#include <weir/vpic.h>

_Static_assert(PARTITION_MAX <= 9, "Ctrl-A <digit> names a partition");

static struct bytechan *mux_chan[PARTITION_MAX];
static unsigned int mux_count;
static struct bytechan *mux_input; /* receives UART input */
static bool mux_escape;		   /* Ctrl-T seen, command byte next */

static void name_of(const struct bytechan *bc, char *buf, size_t size)
{
	const struct partition *p = bc->owner;

	if (p->name[0])
		snprintf(buf, size, "%.*s", PARTITION_NAME_MAX, p->name);
	else
		snprintf(buf, size, "partition%u", p->id);
}

static unsigned int tx_count(const struct bytechan *bc)
{
	return bc->tx_head - bc->tx_tail;
}

static void tx_put(struct bytechan *bc, const char *s, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		bc->tx[(bc->tx_head + i) & (BYTECHAN_TX_SIZE - 1)] = s[i];
	bc->tx_head += n;
}

/* The assembled line into the tx ring, with '\n' when @eol. Under tx_lock. */
static void line_out(struct bytechan *bc, bool eol)
{
	tx_put(bc, bc->line, bc->line_len);
	if (eol)
		tx_put(bc, "\n", 1);
	bc->line_len = 0;
}

/*
 * Append @n bytes of @s (n <= 4) to @bc's line, whole: a line they would
 * overflow, or that they fill, goes to the tx ring unfinished (it goes on
 * after it on the UART unless another writer came between). Under tx_lock.
 */
static void put(struct bytechan *bc, const char *s, unsigned int n)
{
	if (bc->line_len + n > BYTECHAN_LINE_MAX)
		line_out(bc, false);
	memcpy(bc->line + bc->line_len, s, n);
	bc->line_len += n;
	if (bc->line_len == BYTECHAN_LINE_MAX)
		line_out(bc, false);
}

/*
 * Put @bc's tx ring on the UART: each piece after a "[name] " prefix unless
 * the UART's current line is already @bc's. Holds the console lock (and
 * tx_lock) for at most BYTECHAN_TX_SIZE bytes. Caller holds both.
 */
static void drain_locked(struct bytechan *bc)
{
	char prefix[PARTITION_NAME_MAX + 16];
	char name[PARTITION_NAME_MAX + 16];
	char piece[BYTECHAN_LINE_MAX + 1];
	int n;

	while (tx_count(bc)) {
		unsigned int len = 0;

		/* one line, or what there is of it */
		while (len < sizeof(piece) && bc->tx_tail != bc->tx_head) {
			piece[len] =
				bc->tx[bc->tx_tail++ & (BYTECHAN_TX_SIZE - 1)];
			if (piece[len++] == '\n')
				break;
		}
		if (!console_line_open(bc)) {
			name_of(bc, name, sizeof(name));
			n = snprintf(prefix, sizeof(prefix), "[%s] ", name);
			console_write_locked(bc, prefix, (size_t)n);
		}
		console_write_locked(bc, piece, len);
	}
	if (bc->tx_waiting && bc->owner->pic)
		vpic_raise(bc->owner->pic, bc->tx_irq);
	bc->tx_waiting = false;
}

/*
 * Drain @bc if the console is free; if another core holds it, leave the
 * bytes for the next send or tick of @bc's own partition. Under tx_lock.
 */
static void try_drain(struct bytechan *bc)
{
	if (!tx_count(bc) || !console_trylock())
		return;
	drain_locked(bc);
	console_unlock();
}

/* Worst case of ring bytes @len input bytes can add: "\xNN" each, and the
 * line they finish. */
static unsigned int tx_need(const struct bytechan *bc, unsigned int len)
{
	return bc->line_len + 4 * len + 1;
}

int console_mux_write(struct bytechan *bc, const u8 *buf, unsigned int len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	spin_lock(&bc->tx_lock);
	if (tx_count(bc) + tx_need(bc, len) > BYTECHAN_TX_SIZE) {
		try_drain(bc);
		if (tx_count(bc) + tx_need(bc, len) > BYTECHAN_TX_SIZE) {
			bc->tx_waiting = true;
			spin_unlock(&bc->tx_lock);
			return -EAGAIN;
		}
	}
	for (i = 0; i < len; i++) {
		u8 c = buf[i];

		if (c == '\r')
			continue;
		if (c == '\n') {
			line_out(bc, true);
		} else if ((c >= 0x20 && c < 0x7f) || c == '\t') {
			put(bc, (const char *)&c, 1);
		} else {
			/* ESC, BS, ... would let the guest move the cursor
			 * or erase its "[name] " prefix: shown, not obeyed. */
			char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

			put(bc, esc, sizeof(esc));
		}
	}
	try_drain(bc);
	spin_unlock(&bc->tx_lock);
	return 0;
}

unsigned int console_mux_tx_space(struct bytechan *bc)
{
	unsigned int used;

	spin_lock(&bc->tx_lock);
	used = tx_count(bc) + tx_need(bc, 0);
	spin_unlock(&bc->tx_lock);
	/* in guest bytes: each may take four ring bytes */
	return used < BYTECHAN_TX_SIZE ? (BYTECHAN_TX_SIZE - used) / 4 : 0;
}

/* @bc's unfinished line to the ring and the ring to the UART, @wait for
 * the console lock or not. */
static void flush(struct bytechan *bc, bool wait)
{
	spin_lock(&bc->tx_lock);
	if (bc->line_len)
		line_out(bc, false);
	if (wait) {
		console_lock();
		drain_locked(bc);
		console_unlock();
	} else {
		try_drain(bc);
	}
	spin_unlock(&bc->tx_lock);
}

void console_mux_tick(struct bytechan *bc)
{
	if (bc)
		flush(bc, false);
}

void console_mux_flush(void)
{
	unsigned int i;

	for (i = 0; i < mux_count; i++)
		flush(mux_chan[i], true);
}

void console_mux_discard(struct bytechan *bc)
{
	spin_lock(&bc->tx_lock);
	bc->line_len = 0;
	bc->tx_tail = bc->tx_head;
	bc->tx_waiting = false;
	spin_unlock(&bc->tx_lock);
}

int console_mux_register(struct bytechan *bc)
{
	unsigned int i;

	if (!bc || !bc->owner)
		return -EINVAL;
	for (i = 0; i < mux_count; i++)
		if (mux_chan[i] == bc ||
		    mux_chan[i]->owner->id == bc->owner->id)
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
	console_write(buf,
		      (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
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
