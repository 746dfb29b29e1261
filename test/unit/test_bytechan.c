// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Byte channels (hv/console/bytechan.c): init and its claims, the input queue
 * (FIFO across wrap-around, full queue), the rx interrupt raised on input,
 * withdrawn when drained and re-raised after EOI while data waits, lookup
 * restricted to the owner, output through the console mux.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <weir/bytechan.h>
#include <weir/epapr.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>
#include "helpers/fake_hv.h"

#define RX	VPIC_IRQ_CONSOLE_RX

static struct bytechan *con(void **state, unsigned int id)
{
	struct fake_world *w = *state;

	return &w->con[id - 1];
}

static struct vpic *pic(void **state, unsigned int id)
{
	struct fake_world *w = *state;

	return &w->pic[id - 1];
}

static bool ext(void **state, unsigned int id, unsigned int n)
{
	return vcpu_pending_read(fw_vcpu(*state, id, n)) & VIRQ_EXT;
}

static void push_str(struct bytechan *bc, const char *s)
{
	while (*s)
		assert_int_equal(bytechan_push_input(bc, (u8)*s++), 0);
}

static void test_init(void **state)
{
	struct fake_world *w = *state;
	struct partition *p = fw_part(w, 1);
	struct bytechan bc;

	/* the console's sources are taken */
	assert_int_equal(bytechan_init(&bc, p, 99, RX, VPIC_IRQ(5)), -EBUSY);
	assert_int_equal(bytechan_init(&bc, p, 99, VPIC_IRQ(5), VPIC_IRQ_CONSOLE_TX),
			 -EBUSY);
	/* and a failure claims nothing: VPIC_IRQ(5) is still free */
	assert_int_equal(vpic_claim(pic(state, 1), VPIC_IRQ(5), NULL, NULL), 0);
	assert_int_equal(vpic_release(pic(state, 1), VPIC_IRQ(5)), 0);
	assert_int_equal(bytechan_init(&bc, p, 99, VPIC_IRQ(5), VPIC_IRQ(5)), -EINVAL);
	assert_int_equal(bytechan_init(&bc, p, 99, VPIC_IRQ(5), 4), -EINVAL);
	assert_int_equal(vpic_claim(pic(state, 1), VPIC_IRQ(5), NULL, NULL), 0);
	assert_int_equal(vpic_release(pic(state, 1), VPIC_IRQ(5)), 0);
	assert_int_equal(bytechan_init(NULL, p, 99, VPIC_IRQ(5), VPIC_IRQ(6)), -EINVAL);
	assert_int_equal(bytechan_init(&bc, NULL, 99, VPIC_IRQ(5), VPIC_IRQ(6)), -EINVAL);
	/* a second channel */
	assert_int_equal(bytechan_init(&bc, p, 99, VPIC_IRQ(5), VPIC_IRQ(6)), 0);
	assert_int_equal(bc.handle, 99);
	assert_int_equal(bc.rx_irq, VPIC_IRQ(5));
	assert_int_equal(bc.tx_irq, VPIC_IRQ(6));
	assert_int_equal(vpic_claim(pic(state, 1), VPIC_IRQ(6), NULL, NULL), -EBUSY);
	assert_int_equal(bytechan_rx_count(&bc), 0);
}

static void test_fifo_and_full(void **state)
{
	struct bytechan *bc = con(state, 1);
	u8 buf[BYTECHAN_RX_SIZE];
	unsigned int i, next = 0, got = 0;

	/* 200 in, 150 out, 200 in, all out: FIFO across the wrap */
	for (i = 0; i < 200; i++)
		assert_int_equal(bytechan_push_input(bc, (u8)i), 0);
	assert_int_equal(bytechan_receive(bc, buf, 150), 150);
	for (i = 0; i < 150; i++)
		assert_int_equal(buf[i], (u8)next++);
	for (i = 200; i < 400; i++)
		assert_int_equal(bytechan_push_input(bc, (u8)i), 0);
	assert_int_equal(bytechan_rx_count(bc), 250);
	while ((i = (unsigned int)bytechan_receive(bc, buf, 16)) > 0) {
		assert_true(i <= 16);
		for (unsigned int k = 0; k < i; k++)
			assert_int_equal(buf[k], (u8)next++);
		got += i;
	}
	assert_int_equal(got, 250);
	assert_int_equal(next, 400);

	/* full: the 257th byte is refused and counted */
	for (i = 0; i < BYTECHAN_RX_SIZE; i++)
		assert_int_equal(bytechan_push_input(bc, 'a'), 0);
	assert_int_equal(bytechan_push_input(bc, 'b'), -EAGAIN);
	assert_int_equal(bc->rx_dropped, 1);
	assert_int_equal(bytechan_rx_count(bc), BYTECHAN_RX_SIZE);
	assert_int_equal(bytechan_receive(bc, buf, 0), 0);
	assert_int_equal(bytechan_receive(bc, buf, sizeof(buf)), BYTECHAN_RX_SIZE);
	for (i = 0; i < BYTECHAN_RX_SIZE; i++)
		assert_int_equal(buf[i], 'a');
	assert_int_equal(bytechan_receive(bc, buf, sizeof(buf)), 0);
}

static void test_rx_interrupt(void **state)
{
	struct bytechan *bc = con(state, 2);
	struct vpic *vp = pic(state, 2);
	u32 irq;
	u8 buf[4];

	/* masked after init: input is queued, nothing delivered */
	push_str(bc, "x");
	assert_false(ext(state, 2, 0));
	assert_int_equal(fake_hv.kicks, 0);
	/* unthrottle: data waiting when unmasked interrupts at once */
	assert_int_equal(vpic_set_config(vp, RX, EV_INT_CONFIG_LEVEL, 8, 1), 0);
	assert_int_equal(vpic_set_mask(vp, RX, false), 0);
	assert_false(ext(state, 2, 0));
	assert_true(ext(state, 2, 1));
	assert_int_equal(fake_kicks(fw_vcpu(*state, 2, 1)), 1);
	/* other partitions see nothing */
	assert_false(ext(state, 1, 0));
	assert_false(ext(state, 1, 1));

	/* ISR: IACK, read part of it, more arrives, EOI -> raised again */
	push_str(bc, "yz");
	assert_int_equal(vpic_iack(vp, 1, &irq), 0);
	assert_int_equal(irq, RX);
	assert_int_equal(bytechan_receive(bc, buf, 2), 2);
	assert_memory_equal(buf, "xy", 2);
	assert_int_equal(vpic_eoi(vp, 1, RX), 0);
	assert_true(ext(state, 2, 1));
	assert_int_equal(vpic_iack(vp, 1, &irq), 0);
	assert_int_equal(irq, RX);
	assert_int_equal(bytechan_receive(bc, buf, 4), 1);
	assert_int_equal(buf[0], 'z');
	assert_int_equal(vpic_eoi(vp, 1, RX), 0);
	assert_false(ext(state, 2, 1));

	/* input raised while in service, then drained by the same ISR: no
	 * second, empty interrupt */
	push_str(bc, "a");
	assert_int_equal(vpic_iack(vp, 1, &irq), 0);
	push_str(bc, "b");
	assert_int_equal(bytechan_receive(bc, buf, 4), 2);
	assert_int_equal(vpic_eoi(vp, 1, RX), 0);
	assert_false(ext(state, 2, 1));
	assert_int_equal(vpic_iack(vp, 1, &irq), 0);
	assert_int_equal(irq, EV_INT_SPURIOUS);

	/* drained before the guest acknowledged (polling): withdrawn */
	push_str(bc, "c");
	assert_true(ext(state, 2, 1));
	assert_int_equal(bytechan_receive(bc, buf, 4), 1);
	assert_false(ext(state, 2, 1));
	assert_int_equal(vpic_iack(vp, 1, &irq), 0);
	assert_int_equal(irq, EV_INT_SPURIOUS);
}

static void test_lookup(void **state)
{
	struct fake_world *w = *state;

	assert_ptr_equal(bytechan_lookup(fw_part(w, 1), FW_HANDLE(1)), con(state, 1));
	assert_ptr_equal(bytechan_lookup(fw_part(w, 2), FW_HANDLE(2)), con(state, 2));
	/* another partition's handle is not found */
	assert_null(bytechan_lookup(fw_part(w, 1), FW_HANDLE(2)));
	assert_null(bytechan_lookup(fw_part(w, 2), FW_HANDLE(1)));
	assert_null(bytechan_lookup(fw_part(w, 1), 0));
	assert_null(bytechan_lookup(fw_part(w, 1), 0xffffffff));
	assert_null(bytechan_lookup(NULL, FW_HANDLE(1)));
	/* a console pointer to a channel the partition does not own */
	fw_part(w, 3)->console = con(state, 1);
	assert_null(bytechan_lookup(fw_part(w, 3), FW_HANDLE(1)));
	fw_part(w, 3)->console = con(state, 3);
}

static void test_send_goes_to_mux(void **state)
{
	static const u8 msg[] = "hi there\r\n";

	assert_int_equal(bytechan_send(con(state, 3), msg, sizeof(msg) - 1),
			 (int)sizeof(msg) - 1);
	assert_string_equal(fake_console_text(), "[gamma] hi there\r\n");
	assert_int_equal(bytechan_send(con(state, 3), msg, 0), 0);
	assert_string_equal(fake_console_text(), "[gamma] hi there\r\n");
}

static void test_no_pic(void **state)
{
	struct partition p = { .id = 5, .name = "nopic" };
	struct bytechan bc;
	u8 c = 0;

	assert_int_equal(bytechan_init(&bc, &p, 1, 1, 2), 0);
	assert_int_equal(bytechan_push_input(&bc, 'q'), 0);
	assert_int_equal(bytechan_rx_count(&bc), 1);
	assert_int_equal(bytechan_receive(&bc, &c, 1), 1);
	assert_int_equal(c, 'q');
}

static void test_reset(void **state)
{
	struct bytechan *bc = con(state, 1);
	static const u8 part[] = "partial";
	u8 c;

	push_str(bc, "abc");
	bytechan_send(bc, part, sizeof(part) - 1);
	bytechan_reset(bc);
	assert_int_equal(bytechan_rx_count(bc), 0);
	assert_int_equal(bytechan_receive(bc, &c, 1), 0);
	assert_int_equal(bc->line_len, 0);
	assert_string_equal(fake_console_text(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, fake_world_setup, fake_world_teardown)
		T(test_init),
		T(test_fifo_and_full),
		T(test_rx_interrupt),
		T(test_lookup),
		T(test_send_goes_to_mux),
		T(test_no_pic),
		T(test_reset),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
