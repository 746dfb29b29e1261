/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The boundary between the core and the SoC's interrupt controller (the
 * MPIC on QorIQ, drivers/irq/mpic/), as include/weir/iommu.h is for the
 * IOMMU: the core (hv/irq/hwirq.c) routes, masks, acknowledges and ends
 * hardware sources only through struct irqchip_ops and never sees a
 * register layout. doc/passthrough.md "Interrupt routing" has the policy.
 *
 * Source numbers are the controller's own (on the MPIC: the number of the
 * device tree's interrupt specifier, Linux arch/powerpc/sysdev/mpic.c
 * mpic_host_xlate(), which is also the source's register index). Cores
 * are the controller's destination numbers, which on QorIQ and QEMU's
 * ppce500 are the cores' PIR values (weir's cpu numbers).
 */
#ifndef WEIR_IRQCHIP_H
#define WEIR_IRQCHIP_H

#include <weir/types.h>

/* What ack() returns when no source is pending (the spurious vector). */
#define IRQCHIP_SPURIOUS 0xffffu

/*
 * Sense of a source, the values of the second cell of an MPIC (and ePAPR
 * vPIC) interrupt specifier: Linux mpic.c map_mpic_senses[], ePAPR 1.1
 * §6.5 (interrupt specifier of "epapr,hv-pic").
 */
enum irqchip_sense {
	IRQCHIP_EDGE_RISING = 0,
	IRQCHIP_LEVEL_LOW = 1,
	IRQCHIP_LEVEL_HIGH = 2,
	IRQCHIP_EDGE_FALLING = 3,
};

struct irqchip;

/**
 * struct irqchip_ops - what the core asks of an interrupt controller
 *
 * All but ack() and eoi() are called with the core's irqchip lock held
 * (hv/irq/hwirq.c); ack() and eoi() touch only the calling core's own
 * registers.
 *
 * @init: put the controller in a known state: every source masked,
 *        routed nowhere, its vector = its number; spurious vector
 *        IRQCHIP_SPURIOUS; each core's task priority 0 (accept all).
 *        Return: 0, or -EIO when the controller does not answer.
 * @route: aim source @src at core @cpu with @sense and priority @prio
 *        (1..15), still masked. Return: 0, or -EINVAL for a source or
 *        core the controller does not have, or a priority out of range.
 * @mask, @unmask: mask or unmask @src (no effect on a source out of
 *        range).
 * @ack: the interrupt acknowledge of core @cpu: the highest priority
 *        pending source, now in service on @cpu, or IRQCHIP_SPURIOUS.
 * @eoi: end the service of the highest priority source in service on
 *        core @cpu (the MPIC's EOI names no source).
 */
struct irqchip_ops {
	int (*init)(struct irqchip *c);
	int (*route)(struct irqchip *c, u32 src, unsigned int cpu,
		     enum irqchip_sense sense, unsigned int prio);
	void (*mask)(struct irqchip *c, u32 src);
	void (*unmask)(struct irqchip *c, u32 src);
	u32 (*ack)(struct irqchip *c, unsigned int cpu);
	void (*eoi)(struct irqchip *c, unsigned int cpu);
};

/**
 * struct irqchip - one interrupt controller
 * @ops: its operations
 * @name: for messages ("MPIC")
 * @regs: weir's mapping of its registers
 * @nr_sources: sources it has (numbers 0..nr_sources - 1)
 * @nr_cpus: cores it delivers to (0..nr_cpus - 1)
 */
struct irqchip {
	const struct irqchip_ops *ops;
	const char *name;
	volatile u8 *regs;
	u32 nr_sources;
	unsigned int nr_cpus;
};

/**
 * struct irqchip_driver - one controller driver, as the registry lists it
 * @name: "mpic"
 * @compatible: hardware tree compatibles it drives, NULL-terminated
 * @regs_size: bytes of registers it needs mapped from "reg" entry 0
 * @probe: fill @c (ops, name, nr_sources, nr_cpus) for the controller
 *        whose registers are mapped at @regs; reads only identification
 *        registers. Return: 0, or -ENODEV when the registers do not look
 *        like the controller.
 */
struct irqchip_driver {
	const char *name;
	const char *const *compatible;
	u64 regs_size;
	int (*probe)(struct irqchip *c, volatile u8 *regs);
};

/**
 * irqchip_driver_find() - the driver for the hardware tree's interrupt
 * controller (drivers/irq/registry.c): the first driver one of whose
 * compatibles a node of @hwfdt has, with that node in @node.
 * Return: the driver, or NULL (and @node -1) when there is none.
 */
const struct irqchip_driver *irqchip_driver_find(const void *hwfdt, int *node);

/**
 * irqchip_driver_at() - the driver for node @node of @hwfdt, one of whose
 * compatibles the node has (the node irqchip_driver_find() found before:
 * struct plan irq_node), without walking the tree.
 * Return: the driver, or NULL when @node is negative or no driver's.
 */
const struct irqchip_driver *irqchip_driver_at(const void *hwfdt, int node);

#endif
