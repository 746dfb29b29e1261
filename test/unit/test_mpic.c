// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hardware interrupts. The MPIC driver (drivers/irq/mpic/mpic.c) on a
 * fake register file: identification, the state init leaves (every
 * source masked with its own vector, routed nowhere, spurious vector,
 * task priorities 0), routing (IVPR sense/polarity/priority, IDR), mask
 * and unmask, IACK per core and spurious, EOI per core, refusals. The
 * core (hv/irq/hwirq.c) on a fake controller: a partition's source
 * routed masked, unmasked when the partition starts, acknowledged and
 * masked while the guest has its vPIC source in service, unmasked on the
 * guest's EOI (once), kept masked while the partition is stopped; weir's
 * own sources handled and ended; spurious and unowned sources (masked,
 * one log line); a source routed twice refused.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include <weir/byteorder.h>
#include <weir/config.h>
#include <weir/console_mux.h>
#include <weir/epapr.h>
#include <weir/hwirq.h>
#include <weir/irqchip.h>
#include <weir/partition.h>
#include <weir/vpic.h>
#include "helpers/capture.h"
#include "helpers/fake_hv.h"
#include "helpers/qemu_dtb.h"

extern const struct irqchip_driver mpic_irqchip_driver;

/* ------------------------------------------------ the driver */

static u8 regs[0x40000] __aligned(8);

static u32 rd(u32 off)
{
	return get_be32((const u32 *)(regs + off));
}

static void wr(u32 off, u32 v)
{
	put_be32((u32 *)(regs + off), v);
}

#define SRC(n) (0x10000 + 0x20 * (n))
#define CPU(c) (0x20000 + 0x1000 * (c))

/* An FSL MPIC 4.2 as QEMU reports it: 196 sources, 2 cores. */
static struct irqchip mpic;

static int mpic_setup(void **state)
{
	memset(regs, 0x5a, sizeof(regs));
	wr(0x1000, (195u << 16) | (1u << 8) | 2);
	assert_int_equal(mpic_irqchip_driver.probe(&mpic, regs), 0);
	assert_int_equal(mpic.ops->init(&mpic), 0);
	return 0;
}

static void test_mpic_probe_init(void **state)
{
	static struct irqchip none;
	unsigned int n;

	assert_string_equal(mpic.name, "MPIC");
	assert_int_equal(mpic.nr_sources, 256); /* QEMU's MSIs at 224.. */
	assert_int_equal(mpic.nr_cpus, 2);
	assert_int_equal(rd(0x1020), 0x20000000); /* mixed mode */
	assert_int_equal(rd(0x10e0), IRQCHIP_SPURIOUS);
	for (n = 0; n < 256; n++) {
		assert_int_equal(rd(SRC(n)), 0x80000000u | n);
		assert_int_equal(rd(SRC(n) + 0x10), 0);
	}
	assert_int_equal(rd(SRC(256)), 0x5a5a5a5a); /* nothing beyond */
	assert_int_equal(rd(CPU(0) + 0x80), 0);
	assert_int_equal(rd(CPU(1) + 0x80), 0);
	assert_int_equal(rd(CPU(2) + 0x80), 0x5a5a5a5a);
	/* no controller answers: all ones, or all zeros */
	memset(regs, 0xff, 0x2000);
	assert_int_equal(mpic_irqchip_driver.probe(&none, regs), -ENODEV);
	memset(regs, 0, 0x2000);
	assert_int_equal(mpic_irqchip_driver.probe(&none, regs), -ENODEV);
}

static void test_mpic_route_mask(void **state)
{
	/* Linux mpic_type_to_vecpri(): level low = sense 1, polarity 0 */
	assert_int_equal(mpic.ops->route(&mpic, 1, 1, IRQCHIP_LEVEL_LOW, 8), 0);
	assert_int_equal(rd(SRC(1)), 0x80000000u | 0x00400000u | 8u << 16 | 1);
	assert_int_equal(rd(SRC(1) + 0x10), 2); /* core 1 */
	assert_int_equal(mpic.ops->route(&mpic, 40, 0, IRQCHIP_LEVEL_HIGH, 15),
			 0);
	assert_int_equal(rd(SRC(40)), 0x80000000u | 0x00c00000u | 15u << 16 | 40);
	assert_int_equal(mpic.ops->route(&mpic, 3, 0, IRQCHIP_EDGE_RISING, 1), 0);
	assert_int_equal(rd(SRC(3)), 0x80000000u | 0x00800000u | 1u << 16 | 3);
	assert_int_equal(mpic.ops->route(&mpic, 4, 0, IRQCHIP_EDGE_FALLING, 1), 0);
	assert_int_equal(rd(SRC(4)), 0x80000000u | 1u << 16 | 4);
	mpic.ops->unmask(&mpic, 1);
	assert_int_equal(rd(SRC(1)), 0x00400000u | 8u << 16 | 1);
	mpic.ops->mask(&mpic, 1);
	assert_int_equal(rd(SRC(1)), 0x80000000u | 0x00400000u | 8u << 16 | 1);

	/* refused, nothing written */
	assert_int_equal(mpic.ops->route(&mpic, 256, 0, IRQCHIP_LEVEL_LOW, 8),
			 -EINVAL);
	assert_int_equal(mpic.ops->route(&mpic, 2, 2, IRQCHIP_LEVEL_LOW, 8),
			 -EINVAL);
	assert_int_equal(mpic.ops->route(&mpic, 2, 0, IRQCHIP_LEVEL_LOW, 0),
			 -EINVAL);
	assert_int_equal(mpic.ops->route(&mpic, 2, 0, IRQCHIP_LEVEL_LOW, 16),
			 -EINVAL);
	assert_int_equal(rd(SRC(2)), 0x80000000u | 2);
	assert_int_equal(rd(SRC(2) + 0x10), 0);
	mpic.ops->unmask(&mpic, 256); /* out of range: no effect */
	assert_int_equal(rd(SRC(256)), 0x5a5a5a5a);
}

static void test_mpic_ack_eoi(void **state)
{
	wr(CPU(1) + 0xa0, 1);
	assert_int_equal(mpic.ops->ack(&mpic, 1), 1);
	wr(CPU(1) + 0xa0, IRQCHIP_SPURIOUS);
	assert_int_equal(mpic.ops->ack(&mpic, 1), IRQCHIP_SPURIOUS);
	wr(CPU(1) + 0xa0, 300); /* not a source: spurious */
	assert_int_equal(mpic.ops->ack(&mpic, 1), IRQCHIP_SPURIOUS);
	wr(CPU(0) + 0xa0, 0x12340028); /* only the vector field counts */
	assert_int_equal(mpic.ops->ack(&mpic, 0), 40);
	assert_int_equal(mpic.ops->ack(&mpic, 2), IRQCHIP_SPURIOUS);
	wr(CPU(1) + 0xb0, 0xdead);
	mpic.ops->eoi(&mpic, 1);
	assert_int_equal(rd(CPU(1) + 0xb0), 0);
	wr(CPU(2) + 0xb0, 0xdead);
	mpic.ops->eoi(&mpic, 2); /* no such core: nothing */
	assert_int_equal(rd(CPU(2) + 0xb0), 0xdead);
}

/* ------------------------------------------------ the core, fake chip */

#define NSRC 64
static struct fake {
	bool masked[NSRC];
	int cpu[NSRC];
	unsigned int prio[NSRC];
	u32 queue[8]; /* what the next acks return */
	unsigned int nq, eois, inits;
	int route_ret;
} fk;

static int f_init(struct irqchip *c)
{
	unsigned int i;

	fk.inits++;
	for (i = 0; i < NSRC; i++) {
		fk.masked[i] = true;
		fk.cpu[i] = -1;
	}
	return 0;
}

static int f_route(struct irqchip *c, u32 src, unsigned int cpu,
		   enum irqchip_sense sense, unsigned int prio)
{
	if (fk.route_ret)
		return fk.route_ret;
	if (src >= NSRC)
		return -EINVAL;
	fk.cpu[src] = (int)cpu;
	fk.prio[src] = prio;
	fk.masked[src] = true;
	return 0;
}

static void f_mask(struct irqchip *c, u32 src)
{
	fk.masked[src] = true;
}

static void f_unmask(struct irqchip *c, u32 src)
{
	fk.masked[src] = false;
}

static u32 f_ack(struct irqchip *c, unsigned int cpu)
{
	u32 s;

	if (!fk.nq)
		return IRQCHIP_SPURIOUS;
	s = fk.queue[0];
	memmove(fk.queue, fk.queue + 1, --fk.nq * sizeof(fk.queue[0]));
	return s;
}

static void f_eoi(struct irqchip *c, unsigned int cpu)
{
	fk.eois++;
}

static const struct irqchip_ops f_ops = {
	.init = f_init,
	.route = f_route,
	.mask = f_mask,
	.unmask = f_unmask,
	.ack = f_ack,
	.eoi = f_eoi,
};

static struct irqchip fchip = {
	.ops = &f_ops, .name = "FAKE", .nr_sources = NSRC, .nr_cpus = 4
};
static char hwtree[0x20000] __aligned(8);
static struct hw_info hw;
static struct partition *p1, *p2;

static int core_setup(void **state)
{
	static const char *const names[] = { "alpha", "beta" };

	memset(&fk, 0, sizeof(fk));
	load_qemu_hwtree(hwtree, sizeof(hwtree), &hw);
	hwirq_reset_all();
	console_mux_reset();
	p1 = test_partitions_create(2, names, 0);
	p2 = partition_by_id(2);
	assert_int_equal(hwirq_attach(&fchip,
				      fdt_node_offset_by_compatible(hwtree, -1,
								    "fsl,mpic")),
			 0);
	assert_int_equal(fk.inits, 1);
	return 0;
}

static void fire(u32 src)
{
	fk.queue[fk.nq++] = src;
}

#define HW0 VPIC_IRQ_HW(0)

/* The guest side: configure and unmask its vPIC source, IACK it. */
static u32 guest_iack(struct partition *p)
{
	u32 irq;

	assert_int_equal(vpic_iack(p->pic, 0, &irq), 0);
	return irq;
}

static void test_route_deliver_eoi(void **state)
{
	struct hwirq_stats st;

	assert_int_equal(hwirq_route_part(p2, 1, IRQCHIP_LEVEL_LOW, 2, HW0), 0);
	assert_int_equal(fk.cpu[1], 2); /* the core of beta's vCPU 0 */
	assert_int_equal(fk.prio[1], HWIRQ_PRIO);
	assert_true(fk.masked[1]); /* until the partition starts */
	hwirq_partition_start(p2);
	assert_false(fk.masked[1]);
	assert_int_equal(vpic_set_config(p2->pic, HW0, EV_INT_CONFIG_LEVEL, 1, 0),
			 0);
	assert_int_equal(vpic_set_mask(p2->pic, HW0, false), 0);

	/* fires: acknowledged, masked, ended at once, raised to the vPIC */
	fire(1);
	hv_irq(2);
	assert_true(fk.masked[1]);
	assert_int_equal(fk.eois, 1);
	assert_true(vpic_has_pending(p2->pic, 0));
	assert_int_equal(guest_iack(p2), HW0);
	assert_true(fk.masked[1]); /* still in service in the guest */

	/* the guest's EOI unmasks it; a second EOI changes nothing */
	assert_int_equal(vpic_eoi(p2->pic, 0, HW0), 0);
	assert_false(fk.masked[1]);
	assert_int_equal(vpic_eoi(p2->pic, 0, HW0), -EALREADY);
	assert_false(fk.masked[1]);
	hwirq_get_stats(&st);
	assert_int_equal(st.taken, 1);
	assert_int_equal(st.to_guest, 1);
	assert_int_equal(st.guest_eoi, 1);

	/* the other partition cannot EOI it: not its source */
	assert_int_equal(vpic_eoi(p1->pic, 0, HW0), -EINVAL);

	/* a stopped partition's source stays masked, even on a late EOI */
	fire(1);
	hv_irq(2);
	assert_int_equal(guest_iack(p2), HW0);
	hwirq_partition_stop(p2);
	assert_true(fk.masked[1]);
	assert_int_equal(vpic_eoi(p2->pic, 0, HW0), 0);
	assert_true(fk.masked[1]);
	/* restarted: unmasked, nothing in service */
	hwirq_partition_start(p2);
	assert_false(fk.masked[1]);
}

static unsigned int handled;
static u32 handled_src;

static void own_handler(void *arg, u32 src)
{
	handled++;
	handled_src = src;
	assert_ptr_equal(arg, &handled);
}

static void test_weir_source_spurious_unowned(void **state)
{
	int msi = fdt_node_offset_by_compatible(hwtree, -1, "fsl,mpic-msi");
	struct hwirq_stats st;
	u32 src;

	/* weir's own: the MSI bank's first "interrupts" entry, 0xe0 in
	 * QEMU's tree; the fake has 64 sources, so take the PCI node's */
	assert_true(msi >= 0);
	assert_int_equal(hwirq_request_node(hwtree, msi, 0, 0, own_handler,
					    &handled, &src),
			 -EINVAL); /* 224: beyond the fake's sources */
	assert_int_equal(hwirq_request_node(hwtree,
					    fdt_path_offset(hwtree, "/pci@fe0008000"),
					    0, 0, own_handler, &handled, &src),
			 0);
	assert_int_equal(src, 24);
	assert_false(fk.masked[24]);
	assert_int_equal(hwirq_request_node(hwtree, msi, 9, 0, own_handler,
					    &handled, &src),
			 -ENOENT); /* no such entry */
	fire(24);
	hv_irq(0);
	assert_int_equal(handled, 1);
	assert_int_equal(handled_src, 24);
	assert_int_equal(fk.eois, 1);
	assert_false(fk.masked[24]);

	/* spurious: nothing acknowledged, nothing ended */
	hv_irq(0);
	assert_int_equal(fk.eois, 1);

	/* unowned: masked, ended, one log line however often it comes */
	capture_start();
	fk.masked[7] = false;
	fire(7);
	hv_irq(0);
	fk.masked[7] = false;
	fire(7);
	hv_irq(0);
	assert_int_equal(capture_count("source 7 fired but no partition or weir owns it: masked"),
			 1);
	assert_true(fk.masked[7]);
	assert_int_equal(fk.eois, 3);
	hwirq_get_stats(&st);
	assert_int_equal(st.unowned, 2);
	assert_int_equal(st.spurious, 1);

	/* several pending at once: all taken in one External Input */
	fire(24);
	fire(7);
	fire(24);
	hv_irq(0);
	assert_int_equal(handled, 3);
	assert_int_equal(fk.eois, 6);
}

static void test_route_refused(void **state)
{
	assert_int_equal(hwirq_route_part(p1, 2, IRQCHIP_LEVEL_LOW, 0, HW0), 0);
	/* the same source again, for either partition: refused */
	assert_int_equal(hwirq_route_part(p2, 2, IRQCHIP_LEVEL_LOW, 2, HW0),
			 -EBUSY);
	assert_int_equal(hwirq_route_part(p1, 2, IRQCHIP_LEVEL_LOW, 0,
					  VPIC_IRQ_HW(1)),
			 -EBUSY);
	/* a vPIC number already claimed: refused, nothing left routed */
	assert_int_equal(hwirq_route_part(p1, 3, IRQCHIP_LEVEL_LOW, 0, HW0),
			 -EBUSY);
	assert_int_equal(hwirq_route_part(p2, 3, IRQCHIP_LEVEL_LOW, 2, HW0), 0);
	/* the controller refuses: nothing claimed */
	fk.route_ret = -EINVAL;
	assert_int_equal(hwirq_route_part(p1, 4, IRQCHIP_LEVEL_LOW, 9,
					  VPIC_IRQ_HW(1)),
			 -EINVAL);
	fk.route_ret = 0;
	assert_int_equal(vpic_claim(p1->pic, VPIC_IRQ_HW(1), NULL, NULL), 0);
	/* without a controller nothing routes */
	hwirq_reset_all();
	assert_int_equal(hwirq_route_part(p1, 5, IRQCHIP_LEVEL_LOW, 0,
					  VPIC_IRQ_HW(2)),
			 -ENODEV);
	assert_false(hwirq_ready());
	hv_irq(0); /* no controller: nothing happens */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mpic_probe_init, mpic_setup),
		cmocka_unit_test_setup(test_mpic_route_mask, mpic_setup),
		cmocka_unit_test_setup(test_mpic_ack_eoi, mpic_setup),
		cmocka_unit_test_setup(test_route_deliver_eoi, core_setup),
		cmocka_unit_test_setup(test_weir_source_spurious_unowned,
				       core_setup),
		cmocka_unit_test_setup(test_route_refused, core_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
