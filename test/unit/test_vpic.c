// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The virtual PIC (hv/irq/vpic.c): claims, defaults after init, pending until
 * IACK, masking keeps pending, priority order and the in-service rule,
 * destinations, EOI rules and hooks, VIRQ_EXT kept exact, vcpu_kick()
 * only when VIRQ_EXT becomes set, and failed calls that change nothing.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <weir/epapr.h>
#include <weir/vcpu.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>
#include "helpers/fake_hv.h"

#define A	VPIC_IRQ(3)	/* 0-2: console rx/tx, error queue */
#define B	VPIC_IRQ(4)
#define C	VPIC_IRQ(5)

struct env {
	struct fake_world *w;
	struct vpic *pic;
	struct vcpu *v0, *v1;
};

static int setup(void **state)
{
	static struct env e;

	e.w = fake_world_new();
	e.pic = &e.w->pic[0];
	e.v0 = fw_vcpu(e.w, 1, 0);
	e.v1 = fw_vcpu(e.w, 1, 1);
	assert_int_equal(vpic_claim(e.pic, A, NULL, NULL), 0);
	assert_int_equal(vpic_claim(e.pic, B, NULL, NULL), 0);
	assert_int_equal(vpic_claim(e.pic, C, NULL, NULL), 0);
	*state = &e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	fake_world_free(e->w);
	return 0;
}

static bool ext(const struct vcpu *v)
{
	return vcpu_pending_read(v) & VIRQ_EXT;
}

/* Unmask @irq with @prio, aimed at vCPU @dest. */
static void enable(struct vpic *pic, u32 irq, u32 prio, u32 dest)
{
	assert_int_equal(vpic_set_config(pic, irq, EV_INT_CONFIG_LEVEL, prio,
					 dest), 0);
	assert_int_equal(vpic_set_mask(pic, irq, false), 0);
}

static u32 iack(struct vpic *pic, unsigned int vcpu)
{
	u32 irq = 0x1234;

	assert_int_equal(vpic_iack(pic, vcpu, &irq), 0);
	return irq;
}

static void test_defaults(void **state)
{
	struct env *e = *state;
	u32 config = 9, prio = 9, dest = 9;
	bool masked = false;

	assert_int_equal(vpic_get_config(e->pic, A, &config, &prio, &dest), 0);
	assert_int_equal(config, 0);
	assert_int_equal(prio, 0);
	assert_int_equal(dest, 0);
	assert_int_equal(vpic_get_mask(e->pic, A, &masked), 0);
	assert_true(masked);
	assert_false(vpic_has_pending(e->pic, 0));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	assert_int_equal(e->w->part[0].pic, e->pic);
}

static void test_claims(void **state)
{
	struct env *e = *state;
	u32 x = 7;
	bool m = false;

	/* range: one below the base, one past the end */
	assert_int_equal(vpic_claim(e->pic, VPIC_IRQ_BASE - 1, NULL, NULL), -EINVAL);
	assert_int_equal(vpic_claim(e->pic, VPIC_IRQ(VPIC_NR_IRQS), NULL, NULL),
			 -EINVAL);
	assert_int_equal(vpic_claim(e->pic, A, NULL, NULL), -EBUSY);
	/* the console's sources are claimed by bytechan_init() */
	assert_int_equal(vpic_claim(e->pic, VPIC_IRQ_CONSOLE_RX, NULL, NULL), -EBUSY);
	/* unclaimed sources do not exist for any operation */
	assert_int_equal(vpic_raise(e->pic, VPIC_IRQ(9)), -EINVAL);
	assert_int_equal(vpic_lower(e->pic, VPIC_IRQ(9)), -EINVAL);
	assert_int_equal(vpic_set_mask(e->pic, VPIC_IRQ(9), false), -EINVAL);
	assert_int_equal(vpic_get_mask(e->pic, VPIC_IRQ(9), &m), -EINVAL);
	assert_false(m);
	assert_int_equal(vpic_get_config(e->pic, VPIC_IRQ(9), &x, &x, &x), -EINVAL);
	assert_int_equal(x, 7);
	assert_int_equal(vpic_set_config(e->pic, VPIC_IRQ(9), 0, 1, 0), -EINVAL);
	assert_int_equal(vpic_eoi(e->pic, 0, VPIC_IRQ(9)), -EINVAL);
	assert_int_equal(vpic_release(e->pic, VPIC_IRQ(9)), -EINVAL);
	assert_int_equal(vpic_raise(e->pic, 0), -EINVAL);
	assert_int_equal(vpic_raise(e->pic, 0xffffffff), -EINVAL);
	/* release then claim again */
	assert_int_equal(vpic_release(e->pic, A), 0);
	assert_int_equal(vpic_raise(e->pic, A), -EINVAL);
	assert_int_equal(vpic_claim(e->pic, A, NULL, NULL), 0);
}

/*
 * A vCPU reset clears its pending bits with the rest of its state; the
 * vPIC's VIRQ_EXT is recomputed, since the exits read that bit alone
 * (hv/vcpu/deliver.c ext_pending()): a source pending for the vCPU is
 * still seen after it, and nothing is made up for the other vCPU.
 */
static void test_reset_keeps_ext(void **state)
{
	struct env *e = *state;

	enable(e->pic, A, 5, 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_true(ext(e->v0));
	e->v0->part->ram_size = 64 << 20; /* the initial mapped area's size */
	assert_int_equal(vcpu_reset(e->v0, 0x1000, 0), 0);
	assert_true(ext(e->v0));
	assert_true(vcpu_has_pending(e->v0));
	assert_false(ext(e->v1));
	assert_false(vcpu_has_pending(e->v1));
	assert_int_equal(iack(e->pic, 0), A);
	assert_false(ext(e->v0));
	assert_false(vcpu_has_pending(e->v0));
}

static void test_masked_stays_pending(void **state)
{
	struct env *e = *state;

	/* other pending bits belong to the vCPU code: never touched */
	vcpu_pending_set(e->v0, VIRQ_DEC);
	assert_int_equal(vpic_set_config(e->pic, A, 0, 5, 0), 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_false(vpic_has_pending(e->pic, 0));
	assert_false(ext(e->v0));
	assert_int_equal(fake_hv.kicks, 0);
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);

	assert_int_equal(vpic_set_mask(e->pic, A, false), 0);
	assert_true(vpic_has_pending(e->pic, 0));
	assert_true(ext(e->v0));
	assert_false(ext(e->v1));
	assert_int_equal(fake_kicks(e->v0), 1);
	assert_int_equal(fake_hv.kicks, 1);

	/* raising again: still one kick (VIRQ_EXT was already set) */
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_int_equal(fake_hv.kicks, 1);

	/* masking takes it away, unmasking brings it back with a kick */
	assert_int_equal(vpic_set_mask(e->pic, A, true), 0);
	assert_false(ext(e->v0));
	assert_false(vpic_has_pending(e->pic, 0));
	assert_int_equal(vpic_set_mask(e->pic, A, false), 0);
	assert_true(ext(e->v0));
	assert_int_equal(fake_kicks(e->v0), 2);

	/* IACK: in service, no longer pending, VIRQ_EXT cleared */
	assert_int_equal(iack(e->pic, 0), A);
	assert_false(ext(e->v0));
	assert_false(vpic_has_pending(e->pic, 0));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	assert_int_equal(vpic_eoi(e->pic, 0, A), 0);
	assert_int_equal(vpic_eoi(e->pic, 0, A), -EALREADY);
	assert_false(ext(e->v0));
	assert_int_equal(vcpu_pending_read(e->v0), VIRQ_DEC);
}

static void test_priority_and_in_service(void **state)
{
	struct env *e = *state;

	enable(e->pic, A, 3, 0);
	enable(e->pic, B, 9, 0);
	enable(e->pic, C, 9, 0);
	assert_int_equal(vpic_raise(e->pic, C), 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_int_equal(vpic_raise(e->pic, B), 0);
	/* highest priority, then lowest number */
	assert_int_equal(iack(e->pic, 0), B);
	/* B (9) in service: C (9) and A (3) must wait */
	assert_false(vpic_has_pending(e->pic, 0));
	assert_false(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	assert_int_equal(vpic_eoi(e->pic, 0, B), 0);
	assert_true(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), C);
	/* A (3) may not interrupt C (9) */
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	/* but a higher priority may nest */
	assert_int_equal(vpic_set_config(e->pic, B, 0, 12, 0), 0);
	assert_int_equal(vpic_raise(e->pic, B), 0);
	assert_true(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), B);
	assert_int_equal(vpic_eoi(e->pic, 0, B), 0);
	assert_false(ext(e->v0));
	assert_int_equal(vpic_eoi(e->pic, 0, C), 0);
	assert_true(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), A);
	assert_int_equal(vpic_eoi(e->pic, 0, A), 0);
	assert_false(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
}

static void test_priority_zero_delivers(void **state)
{
	struct env *e = *state;

	enable(e->pic, A, 0, 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_int_equal(iack(e->pic, 0), A);
}

static void test_destination(void **state)
{
	struct env *e = *state;

	enable(e->pic, A, 4, 1);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_false(vpic_has_pending(e->pic, 0));
	assert_true(vpic_has_pending(e->pic, 1));
	assert_false(ext(e->v0));
	assert_true(ext(e->v1));
	assert_int_equal(fake_kicks(e->v1), 1);
	assert_int_equal(fake_kicks(e->v0), 0);
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);

	/* re-aimed while pending: VIRQ_EXT moves with it */
	assert_int_equal(vpic_set_config(e->pic, A, 0, 4, 0), 0);
	assert_true(ext(e->v0));
	assert_false(ext(e->v1));
	assert_int_equal(fake_kicks(e->v0), 1);

	/* EOI only from the vCPU that acknowledged */
	assert_int_equal(iack(e->pic, 0), A);
	assert_int_equal(vpic_eoi(e->pic, 1, A), -EALREADY);
	assert_int_equal(vpic_eoi(e->pic, 0, A), 0);

	/* vCPU numbers outside the partition */
	assert_false(vpic_has_pending(e->pic, 2));
	assert_false(vpic_has_pending(e->pic, 0xffffffff));
	assert_int_equal(vpic_iack(e->pic, 2, &(u32){ 0 }), -EINVAL);
	assert_int_equal(vpic_eoi(e->pic, 2, A), -EINVAL);
}

static void test_bad_config_changes_nothing(void **state)
{
	struct env *e = *state;
	u32 config, prio, dest;
	bool masked;

	enable(e->pic, A, 7, 1);
	assert_int_equal(vpic_set_config(e->pic, A, 4, 7, 1), -EINVAL);
	assert_int_equal(vpic_set_config(e->pic, A, 0x80000003, 7, 1), -EINVAL);
	assert_int_equal(vpic_set_config(e->pic, A, 3, 16, 1), -EINVAL);
	assert_int_equal(vpic_set_config(e->pic, A, 3, 0xffffffff, 1), -EINVAL);
	assert_int_equal(vpic_set_config(e->pic, A, 3, 7, 2), -EINVAL);
	assert_int_equal(vpic_set_config(e->pic, A, 3, 7, 0xffffffff), -EINVAL);
	assert_int_equal(vpic_get_config(e->pic, A, &config, &prio, &dest), 0);
	assert_int_equal(config, EV_INT_CONFIG_LEVEL);
	assert_int_equal(prio, 7);
	assert_int_equal(dest, 1);
	assert_int_equal(vpic_get_mask(e->pic, A, &masked), 0);
	assert_false(masked);
	/* all config bits and the limits are accepted */
	assert_int_equal(vpic_set_config(e->pic, A, 3, 15, 1), 0);
	assert_int_equal(vpic_get_config(e->pic, A, &config, &prio, &dest), 0);
	assert_int_equal(config, 3);
	assert_int_equal(prio, 15);
}

static void test_lower(void **state)
{
	struct env *e = *state;

	enable(e->pic, A, 1, 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_true(ext(e->v0));
	assert_int_equal(vpic_lower(e->pic, A), 0);
	assert_false(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	/* lowering does not end service */
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_int_equal(iack(e->pic, 0), A);
	assert_int_equal(vpic_lower(e->pic, A), 0);
	assert_int_equal(vpic_eoi(e->pic, 0, A), 0);
}

struct hook_rec {
	struct vpic *pic;
	unsigned int calls;
	u32 irq;
	bool unlocked;
	bool reraise;
};

static void hook(void *arg, u32 irq)
{
	struct hook_rec *r = arg;

	r->calls++;
	r->irq = irq;
	r->unlocked = !r->pic->lock.locked;
	if (r->reraise)
		assert_int_equal(vpic_raise(r->pic, irq), 0);
}

static void test_eoi_hook(void **state)
{
	struct env *e = *state;
	struct hook_rec r = { .pic = e->pic, .reraise = true };
	u32 D = VPIC_IRQ(VPIC_NR_IRQS - 1);

	assert_int_equal(vpic_claim(e->pic, D, hook, &r), 0);
	enable(e->pic, D, 2, 0);
	assert_int_equal(vpic_raise(e->pic, D), 0);
	assert_int_equal(iack(e->pic, 0), D);
	assert_int_equal(r.calls, 0);
	assert_false(ext(e->v0));
	assert_int_equal(vpic_eoi(e->pic, 0, D), 0);
	assert_int_equal(r.calls, 1);
	assert_int_equal(r.irq, D);
	assert_true(r.unlocked);
	/* re-raised by the hook: deliverable again */
	assert_true(ext(e->v0));
	assert_int_equal(iack(e->pic, 0), D);
	r.reraise = false;
	assert_int_equal(vpic_eoi(e->pic, 0, D), 0);
	assert_int_equal(r.calls, 2);
	assert_false(ext(e->v0));
	/* a refused EOI runs no hook */
	assert_int_equal(vpic_eoi(e->pic, 0, D), -EALREADY);
	assert_int_equal(r.calls, 2);
}

static void test_reset(void **state)
{
	struct env *e = *state;
	u32 config, prio, dest;
	bool masked;

	enable(e->pic, A, 6, 1);
	enable(e->pic, B, 6, 0);
	assert_int_equal(vpic_raise(e->pic, A), 0);
	assert_int_equal(vpic_raise(e->pic, B), 0);
	assert_int_equal(iack(e->pic, 0), B);
	assert_true(ext(e->v1));
	vpic_reset(e->pic);
	assert_false(ext(e->v0));
	assert_false(ext(e->v1));
	assert_int_equal(vpic_eoi(e->pic, 0, B), -EALREADY);
	assert_int_equal(vpic_get_config(e->pic, A, &config, &prio, &dest), 0);
	assert_int_equal(prio, 0);
	assert_int_equal(dest, 0);
	assert_int_equal(vpic_get_mask(e->pic, A, &masked), 0);
	assert_true(masked);
	/* claims survive */
	assert_int_equal(vpic_claim(e->pic, A, NULL, NULL), -EBUSY);
	assert_int_equal(vpic_set_mask(e->pic, A, false), 0);
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
}

static void test_partitions_are_separate(void **state)
{
	struct env *e = *state;
	struct vpic *other = &e->w->pic[1];

	enable(e->pic, VPIC_IRQ_CONSOLE_RX, 5, 0);
	enable(other, VPIC_IRQ_CONSOLE_RX, 5, 0);
	assert_int_equal(vpic_raise(other, VPIC_IRQ_CONSOLE_RX), 0);
	assert_false(ext(e->v0));
	assert_true(ext(fw_vcpu(e->w, 2, 0)));
	assert_int_equal(iack(e->pic, 0), EV_INT_SPURIOUS);
	assert_int_equal(iack(other, 0), VPIC_IRQ_CONSOLE_RX);
	assert_int_equal(vpic_eoi(e->pic, 0, VPIC_IRQ_CONSOLE_RX), -EALREADY);
}

static void test_init_args(void **state)
{
	struct vpic pic;
	struct partition p = { .id = 1 };

	assert_int_equal(vpic_init(NULL, &p), -EINVAL);
	assert_int_equal(vpic_init(&pic, NULL), -EINVAL);
	assert_int_equal(vpic_init(&pic, &p), 0);
	assert_ptr_equal(p.pic, &pic);
	/* a partition without vCPUs has no destination */
	assert_int_equal(vpic_claim(&pic, A, NULL, NULL), 0);
	assert_int_equal(vpic_set_config(&pic, A, 0, 1, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_defaults),
		T(test_claims),
		T(test_masked_stays_pending),
		T(test_reset_keeps_ext),
		T(test_priority_and_in_service),
		T(test_priority_zero_delivers),
		T(test_destination),
		T(test_bad_config_changes_nothing),
		T(test_lower),
		T(test_eoi_hook),
		T(test_reset),
		T(test_partitions_are_separate),
#undef T
		cmocka_unit_test(test_init_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
