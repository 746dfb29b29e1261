// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The console mux (hv/console/mux.c, lib/console.c): line assembly with
 * the "[name] " prefix, '\r' dropped, full buffers, flushed partial lines
 * and their continuation, interleaving of partitions and weir's own
 * output, the console lock held for every byte, and the Ctrl-T input
 * escape: selection, literal Ctrl-T, help, unknown commands.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <weir/bytechan.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/vpic.h>
#include "helpers/fake_hv.h"

#define ESC	CONSOLE_MUX_ESCAPE

static struct bytechan *con(void **state, unsigned int id)
{
	struct fake_world *w = *state;

	return &w->con[id - 1];
}

static void out(void **state, unsigned int id, const char *s)
{
	console_mux_write(con(state, id), (const u8 *)s, (unsigned int)strlen(s));
}

static void in(const char *s)
{
	while (*s)
		console_mux_input((u8)*s++);
}

/* Everything the channel of partition @id has queued, as a string. */
static const char *queued(void **state, unsigned int id)
{
	static char buf[BYTECHAN_RX_SIZE + 1];
	int n = bytechan_receive(con(state, id), (u8 *)buf, BYTECHAN_RX_SIZE);

	buf[n] = '\0';
	return buf;
}

static void assert_console(const char *expect)
{
	assert_string_equal(fake_console_text(), expect);
	assert_int_equal(fake_console_unlocked_bytes(), 0);
	assert_false(console_is_locked());
}

static void test_line_from_pieces(void **state)
{
	out(state, 1, "Hel");
	out(state, 1, "lo, wor");
	assert_console("");
	out(state, 1, "ld\r\nsecond\r");
	assert_console("[alpha] Hello, world\r\n");
	out(state, 1, "\n");
	assert_console("[alpha] Hello, world\r\n[alpha] second\r\n");
}

static void test_empty_line(void **state)
{
	out(state, 2, "\r\n\n");
	assert_console("[beta] \r\n[beta] \r\n");
}

static void test_interleaved_partitions(void **state)
{
	out(state, 1, "aaa");
	out(state, 2, "bb");
	out(state, 3, "gamma line\n");
	out(state, 2, "b\n");
	out(state, 1, "AAA\n");
	assert_console("[gamma] gamma line\r\n[beta] bbb\r\n[alpha] aaaAAA\r\n");
}

static void test_full_buffer(void **state)
{
	char line[BYTECHAN_LINE_MAX + 1];
	char expect[512];

	memset(line, 'x', BYTECHAN_LINE_MAX);
	line[BYTECHAN_LINE_MAX] = '\0';
	out(state, 1, line);
	snprintf(expect, sizeof(expect), "[alpha] %s", line);
	assert_console(expect);
	/* nobody else wrote: the line goes on, unprefixed */
	out(state, 1, "yz\n");
	snprintf(expect, sizeof(expect), "[alpha] %syz\r\n", line);
	assert_console(expect);

	/* someone else writes in between: a new prefixed line */
	fake_console_clear();
	out(state, 1, line);
	out(state, 2, "b\n");
	out(state, 1, "yz\n");
	snprintf(expect, sizeof(expect), "[alpha] %s\r\n[beta] b\r\n[alpha] yz\r\n",
		 line);
	assert_console(expect);
}

/*
 * A guest cannot drive the terminal: ESC, BS, CR-less control bytes and
 * bytes >= 0x7f are shown as \xNN, so "\x1b[2K\x1b[1G" cannot erase the
 * "[name] " prefix and forge a weir line. TAB stays as it is.
 */
static void test_control_bytes_escaped(void **state)
{
	static const u8 forge[] = "\x1b[2K\x1b[1Gweir: fake\bX\tY\x7f\xff\x00\n";
	char line[BYTECHAN_LINE_MAX + 1];
	char expect[512];

	console_mux_write(con(state, 1), forge, sizeof(forge) - 1);
	assert_console("[alpha] \\x1b[2K\\x1b[1Gweir: fake\\x08X\tY"
		       "\\x7f\\xff\\x00\r\n");

	/* an escape never splits across a full line */
	fake_console_clear();
	memset(line, 'x', BYTECHAN_LINE_MAX - 2);
	line[BYTECHAN_LINE_MAX - 2] = '\0';
	out(state, 1, line);
	out(state, 1, "\x1b\n");
	snprintf(expect, sizeof(expect), "[alpha] %s\\x1b\r\n", line);
	assert_console(expect);
}

static bool tx_irq_pending(void **state, unsigned int id)
{
	struct fake_world *w = *state;

	return w->pic[id - 1].src[VPIC_IRQ_CONSOLE_TX - VPIC_IRQ_BASE].pending;
}

/*
 * A partition never waits for another's output: with the console lock
 * held (another core on the UART), a send returns at once and its line
 * waits in its own ring; the next send of another partition puts out only
 * its own line; the first partition's tick puts out the rest.
 */
static void test_never_waits_for_another(void **state)
{
	console_lock();			/* another core writes the UART */
	out(state, 1, "while busy\n");
	assert_string_equal(fake_console_text(), "");
	console_unlock();
	out(state, 2, "b\n");
	assert_console("[beta] b\r\n");
	console_mux_tick(con(state, 3));	/* gamma: nothing queued */
	assert_console("[beta] b\r\n");
	console_mux_tick(con(state, 1));
	assert_console("[beta] b\r\n[alpha] while busy\r\n");
}

/*
 * A ring that fills while the UART is busy refuses the send whole with
 * -EAGAIN (ePAPR EV_EAGAIN) instead of waiting, raises the tx interrupt
 * once drained, and loses nothing it took.
 */
static void test_full_ring_eagain(void **state)
{
	static const u8 line[16] = "0123456789abcde\n";
	unsigned int sent = 0, i;
	char expect[2 * BYTECHAN_TX_SIZE];
	size_t n = 0;

	console_lock();
	while (console_mux_write(con(state, 1), line, sizeof(line)) == 0)
		sent++;
	assert_true(sent * sizeof(line) <= BYTECHAN_TX_SIZE);
	assert_true((sent + 5) * sizeof(line) > BYTECHAN_TX_SIZE);
	assert_int_equal(console_mux_tx_space(con(state, 1)) < sizeof(line), true);
	assert_string_equal(fake_console_text(), "");
	assert_false(tx_irq_pending(state, 1));
	/* the other partitions are not affected */
	assert_int_equal(console_mux_write(con(state, 2), line, sizeof(line)), 0);
	console_unlock();
	console_mux_tick(con(state, 1));
	assert_true(tx_irq_pending(state, 1));
	assert_false(tx_irq_pending(state, 2));
	for (i = 0; i < sent; i++)
		n += (size_t)snprintf(expect + n, sizeof(expect) - n,
				      "[alpha] 0123456789abcde\r\n");
	assert_console(expect);
	assert_int_equal(console_mux_tx_space(con(state, 1)),
			 (BYTECHAN_TX_SIZE - 1) / 4);
}

static void test_flush_partial(void **state)
{
	out(state, 1, "login: ");
	out(state, 2, "# ");
	assert_console("");
	console_mux_flush();
	assert_console("[alpha] login: \r\n[beta] # ");
	console_mux_flush();
	assert_console("[alpha] login: \r\n[beta] # ");
	/* beta's echo continues its open line */
	out(state, 2, "ls\n");
	assert_console("[alpha] login: \r\n[beta] # ls\r\n");
	/* alpha's line was closed by beta: the rest gets a prefix */
	out(state, 1, "root\n");
	assert_console("[alpha] login: \r\n[beta] # ls\r\n[alpha] root\r\n");
}

static void test_weir_output_between(void **state)
{
	out(state, 1, "abc");
	console_mux_flush();
	console_write("weir: hello\n", 12);
	out(state, 1, "def\n");
	assert_console("[alpha] abc\r\nweir: hello\r\n[alpha] def\r\n");
	/* weir's unfinished line is ended before a partition's */
	fake_console_clear();
	console_write("weir: part", 10);
	out(state, 3, "g\n");
	console_write("weir: next\n", 11);
	assert_console("weir: part\r\n[gamma] g\r\nweir: next\r\n");
}

static void test_unnamed_partition(void **state)
{
	struct fake_world *w = *state;

	fw_part(w, 3)->name[0] = '\0';
	out(state, 3, "x\n");
	assert_console("[partition3] x\r\n");
}

static void test_input_default_and_select(void **state)
{
	in("ab");
	assert_string_equal(queued(state, 1), "ab");
	assert_string_equal(queued(state, 2), "");
	assert_console("");

	console_mux_input(ESC);
	console_mux_input('2');
	assert_console("weir: console input -> [beta]\r\n");
	in("cd");
	assert_string_equal(queued(state, 2), "cd");
	assert_string_equal(queued(state, 1), "");

	/* Ctrl-T Ctrl-T: one Ctrl-T */
	console_mux_input(ESC);
	console_mux_input(ESC);
	assert_string_equal(queued(state, 2), "\x14");

	/* Ctrl-T x: not a command, both go through */
	console_mux_input(ESC);
	console_mux_input('x');
	assert_string_equal(queued(state, 2), "\x14x");

	/* no such partition: selection unchanged */
	fake_console_clear();
	console_mux_input(ESC);
	console_mux_input('5');
	assert_console("weir: console input: no partition 5\r\n");
	in("e");
	assert_string_equal(queued(state, 2), "e");

	/* '9' and '0' are not selections */
	console_mux_input(ESC);
	console_mux_input('9');
	console_mux_input(ESC);
	console_mux_input('0');
	assert_string_equal(queued(state, 2), "\x14" "9\x14" "0");

	console_mux_input(ESC);
	console_mux_input('1');
	in("f");
	assert_string_equal(queued(state, 1), "f");

	/* nothing read */
	console_mux_input(-1);
	assert_string_equal(queued(state, 1), "");
}

static void test_help(void **state)
{
	console_mux_input(ESC);
	console_mux_input('3');
	fake_console_clear();
	console_mux_input(ESC);
	console_mux_input('?');
	assert_console("weir: console: Ctrl-T <n> input to partition n, "
		       "Ctrl-T Ctrl-T sends Ctrl-T, Ctrl-T ? help\r\n"
		       "weir:   1 [alpha]\r\n"
		       "weir:   2 [beta]\r\n"
		       "weir:   3 [gamma] <- input\r\n");
	assert_string_equal(queued(state, 3), "");
}

static void test_input_full_dropped(void **state)
{
	unsigned int i;

	for (i = 0; i < BYTECHAN_RX_SIZE + 3; i++)
		console_mux_input('z');
	assert_int_equal(bytechan_rx_count(con(state, 1)), BYTECHAN_RX_SIZE);
	assert_int_equal(con(state, 1)->rx_dropped, 3);
}

static void test_register(void **state)
{
	struct partition extra[PARTITION_MAX], dup = { 0 };
	struct bytechan bc[PARTITION_MAX];
	unsigned int i;

	assert_int_equal(console_mux_register(NULL), -EINVAL);
	memset(&bc[0], 0, sizeof(bc[0]));
	assert_int_equal(console_mux_register(&bc[0]), -EINVAL);
	assert_int_equal(console_mux_register(con(state, 2)), -EBUSY);
	/* another channel of guest-id 2 */
	dup.id = 2;
	assert_int_equal(bytechan_init(&bc[0], &dup, 77, 1, 2), 0);
	assert_int_equal(console_mux_register(&bc[0]), -EBUSY);
	/* fill up to PARTITION_MAX */
	memset(extra, 0, sizeof(extra));
	for (i = 0; i < PARTITION_MAX; i++) {
		extra[i].id = 10 + i;
		assert_int_equal(bytechan_init(&bc[i], &extra[i], 1, 1, 2), 0);
		assert_int_equal(console_mux_register(&bc[i]),
				 i < PARTITION_MAX - FW_NPARTS ? 0 : -ENOSPC);
	}
	/* the first registered still gets input */
	in("q");
	assert_string_equal(queued(state, 1), "q");
}

static void test_no_channels(void **state)
{
	console_mux_reset();
	in("abc");
	console_mux_flush();
	assert_console("");
	console_mux_input(ESC);
	console_mux_input('1');
	assert_console("weir: console input: no partition 1\r\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_world_setup, fake_world_teardown)
		T(test_line_from_pieces),
		T(test_empty_line),
		T(test_interleaved_partitions),
		T(test_full_buffer),
	T(test_control_bytes_escaped),
	T(test_never_waits_for_another),
	T(test_full_ring_eagain),
		T(test_flush_partial),
		T(test_weir_output_between),
		T(test_unnamed_partition),
		T(test_input_default_and_select),
		T(test_help),
		T(test_input_full_dropped),
		T(test_register),
		T(test_no_channels),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
