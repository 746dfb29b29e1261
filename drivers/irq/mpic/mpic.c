// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Freescale MPIC (OpenPIC with Freescale's extensions) behind struct
 * irqchip_ops (include/weir/irqchip.h). weir owns the controller: it
 * routes the sources of assigned devices and its own (the PAMU, the MSI
 * banks) to cores, acknowledges them and ends them; guests never see it
 * (they get the ePAPR vPIC, hv/irq/vpic.c).
 *
 * Register layout, as Linux arch/powerpc/include/asm/mpic.h names it and
 * arch/powerpc/sysdev/mpic.c uses it (6.1), and as QEMU hw/intc/openpic.c
 * models the FSL MPIC 2.0 and 4.2 (OPENPIC_MODEL_FSL_MPIC_20/42):
 *
 *   global  +0x01000 FRR (MPIC_GREG_FEATURE_0: last source in bits
 *                    16..26, last CPU in bits 8..12), +0x01020 GCR
 *                    (mode bits 29..30: mixed 0x20000000), +0x010e0
 *                    SPVR (spurious vector)
 *   source  +0x10000 + 0x20 n: IVPR (MPIC_VECPRI_*: mask bit 31,
 *                    activity 30, polarity 23 (1 = positive), sense 22
 *                    (1 = level), priority 16..19, vector 0..15 on FSL),
 *                    +0x10 IDR (destination: bit c = core c)
 *   per CPU +0x20000 + 0x1000 c: +0x80 CTPR (task priority), +0xa0 IACK,
 *                    +0xb0 EOI
 *
 * Source numbers: the FSL MPIC's interrupt specifier number is the
 * source's register index (Linux mpic_host_xlate(); external sources 0..,
 * internal from 16, MSI banks from 224 on QEMU (openpic.c irq_msi = 224)
 * and QorIQ). QEMU's FSL FRR says 196 sources for MPIC 4.2 (nb_irqs)
 * while it decodes registers for 256 (OPENPIC_MAX_SRC) and puts the MSIs
 * at 224..231, so on an "fsl,mpic" weir takes at least 256.
 *
 * Each source's vector is its own number, so IACK gives the source
 * without a table; the spurious vector is 0xffff (IRQCHIP_SPURIOUS),
 * outside any source number. The controller is left in mixed mode (GCR
 * 0x20000000, Linux MPIC_GREG_GCONF_8259_PTHROU_DIS): interrupts reach
 * the cores' INT pins, and weir reads IACK itself (no external proxy,
 * which on QEMU's 4.2 model would ack on the way in and set EPR).
 */
#include <errno.h>
#include <asm/io.h>
#include <weir/irqchip.h>

#define MPIC_FRR 0x01000
#define MPIC_FRR_LAST_SRC(v) (((v) >> 16) & 0x7ff)
#define MPIC_FRR_LAST_CPU(v) (((v) >> 8) & 0x1f)
#define MPIC_GCR 0x01020
#define MPIC_GCR_MODE_MIXED 0x20000000u
#define MPIC_SPVR 0x010e0

#define MPIC_SRC(n) (0x10000u + 0x20u * (n))
#define MPIC_IVPR 0x00
#define MPIC_IDR 0x10
#define MPIC_IVPR_MASK 0x80000000u
#define MPIC_IVPR_POLARITY_POS 0x00800000u
#define MPIC_IVPR_SENSE_LEVEL 0x00400000u
#define MPIC_IVPR_PRIO_SHIFT 16
#define MPIC_IVPR_VECTOR 0x0000ffffu

#define MPIC_CPU(c) (0x20000u + 0x1000u * (c))
#define MPIC_CTPR 0x80
#define MPIC_IACK 0xa0
#define MPIC_EOI 0xb0

#define MPIC_MAX_SOURCES 2048 /* 0x10000..0x20000 at 0x20 each */
#define MPIC_FSL_SOURCES 256  /* see the top */
#define MPIC_MAX_CPUS 32      /* FRR's 5-bit field */
#define MPIC_REGS_SIZE 0x40000

static u32 rd(const struct irqchip *c, u32 off)
{
	return in_be32(c->regs + off);
}

static void wr(const struct irqchip *c, u32 off, u32 v)
{
	out_be32(c->regs + off, v);
}

static int mpic_init(struct irqchip *c)
{
	unsigned int n;

	wr(c, MPIC_GCR, MPIC_GCR_MODE_MIXED);
	wr(c, MPIC_SPVR, IRQCHIP_SPURIOUS);
	for (n = 0; n < c->nr_sources; n++) {
		wr(c, MPIC_SRC(n) + MPIC_IVPR, MPIC_IVPR_MASK | n);
		wr(c, MPIC_SRC(n) + MPIC_IDR, 0);
	}
	for (n = 0; n < c->nr_cpus; n++)
		wr(c, MPIC_CPU(n) + MPIC_CTPR, 0);
	/* a controller that does not keep what it is told is not one */
	if ((rd(c, MPIC_SRC(0) + MPIC_IVPR) & MPIC_IVPR_MASK) == 0)
		return -EIO;
	return 0;
}

/* Linux mpic.c mpic_type_to_vecpri(): sense and polarity bits. */
static u32 sense_bits(enum irqchip_sense sense)
{
	switch (sense) {
	case IRQCHIP_LEVEL_LOW:
		return MPIC_IVPR_SENSE_LEVEL;
	case IRQCHIP_LEVEL_HIGH:
		return MPIC_IVPR_SENSE_LEVEL | MPIC_IVPR_POLARITY_POS;
	case IRQCHIP_EDGE_FALLING:
		return 0;
	case IRQCHIP_EDGE_RISING:
	default:
		return MPIC_IVPR_POLARITY_POS;
	}
}

static int mpic_route(struct irqchip *c, u32 src, unsigned int cpu,
		      enum irqchip_sense sense, unsigned int prio)
{
	if (src >= c->nr_sources || cpu >= c->nr_cpus || prio < 1 || prio > 15)
		return -EINVAL;
	wr(c, MPIC_SRC(src) + MPIC_IVPR,
	   MPIC_IVPR_MASK | sense_bits(sense) | prio << MPIC_IVPR_PRIO_SHIFT |
		   src);
	wr(c, MPIC_SRC(src) + MPIC_IDR, 1u << cpu);
	return 0;
}

static void set_mask(struct irqchip *c, u32 src, bool masked)
{
	u32 v;

	if (src >= c->nr_sources)
		return;
	v = rd(c, MPIC_SRC(src) + MPIC_IVPR);
	v = masked ? v | MPIC_IVPR_MASK : v & ~MPIC_IVPR_MASK;
	wr(c, MPIC_SRC(src) + MPIC_IVPR, v);
}

static void mpic_mask(struct irqchip *c, u32 src)
{
	set_mask(c, src, true);
}

static void mpic_unmask(struct irqchip *c, u32 src)
{
	set_mask(c, src, false);
}

static u32 mpic_ack(struct irqchip *c, unsigned int cpu)
{
	u32 v;

	if (cpu >= c->nr_cpus)
		return IRQCHIP_SPURIOUS;
	v = rd(c, MPIC_CPU(cpu) + MPIC_IACK) & MPIC_IVPR_VECTOR;
	return v < c->nr_sources ? v : IRQCHIP_SPURIOUS;
}

static void mpic_eoi(struct irqchip *c, unsigned int cpu)
{
	if (cpu < c->nr_cpus)
		wr(c, MPIC_CPU(cpu) + MPIC_EOI, 0);
}

static const struct irqchip_ops mpic_ops = {
	.init = mpic_init,
	.route = mpic_route,
	.mask = mpic_mask,
	.unmask = mpic_unmask,
	.ack = mpic_ack,
	.eoi = mpic_eoi,
};

static int mpic_probe(struct irqchip *c, volatile u8 *regs)
{
	u32 frr;

	c->regs = regs;
	frr = rd(c, MPIC_FRR);
	if (!frr || frr == 0xffffffffu)
		return -ENODEV;
	c->ops = &mpic_ops;
	c->name = "MPIC";
	c->nr_sources = MPIC_FRR_LAST_SRC(frr) + 1;
	if (c->nr_sources < MPIC_FSL_SOURCES)
		c->nr_sources = MPIC_FSL_SOURCES;
	if (c->nr_sources > MPIC_MAX_SOURCES)
		c->nr_sources = MPIC_MAX_SOURCES;
	c->nr_cpus = MPIC_FRR_LAST_CPU(frr) + 1;
	return 0;
}

static const char *const mpic_compatible[] = { "fsl,mpic", "chrp,open-pic",
					       NULL };

const struct irqchip_driver mpic_irqchip_driver = {
	.name = "mpic",
	.compatible = mpic_compatible,
	.regs_size = MPIC_REGS_SIZE,
	.probe = mpic_probe,
};
