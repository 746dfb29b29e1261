/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hardware interrupts (hv/irq/hwirq.c, doc/passthrough.md "Interrupt
 * routing"): weir owns the SoC's interrupt controller (behind struct
 * irqchip_ops, include/weir/irqchip.h). Each source is one of
 *
 *  - a partition's (struct part_irq of the plan): routed to the core of
 *    the partition's vCPU 0; when it fires weir acknowledges it, masks
 *    it, ends it at the controller and raises the partition's vPIC
 *    source; the guest's EV_INT_EOI of that source unmasks it;
 *  - weir's own (the IOMMU's violation interrupt, the MSI banks):
 *    acknowledged, handled, ended;
 *  - nobody's: masked with one log line when it fires.
 *
 * Masking instead of keeping the source in service until the guest's EOI:
 * the MPIC's EOI names no source, it ends the highest priority source in
 * service on the core that writes it (Linux mpic.c mpic_eoi(); QEMU
 * openpic.c EOI), so a source held in service would block every source
 * of equal or lower priority on that core, weir's own included, for as
 * long as the guest takes, and its EOI would have to come from the core
 * that acknowledged it.
 */
#ifndef WEIR_HWIRQ_H
#define WEIR_HWIRQ_H

#include <weir/hwtree.h>
#include <weir/irqchip.h>
#include <weir/types.h>

struct plan;
struct partition;

/* Priority of every source weir routes (1..15, all above CTPR 0). */
#define HWIRQ_PRIO 8

/* weir's own handler of source @src, called on the core it fires on. */
typedef void (*hwirq_handler)(void *arg, u32 src);

/**
 * hwirq_boot() - find, map and initialise the hardware tree's interrupt
 * controller, and route every partition's sources of @plan (masked until
 * the partition starts: the unit's start unmasks them)
 * @hwfdt: hardware tree
 * @plan: the validated plan; its partitions exist (partitions_create())
 * @err: on error, the node and property at fault
 *
 * Without a controller in the tree, or one weir cannot map (the host
 * build), nothing is routed and weir's own sources stay polled (one log
 * line when a partition has sources).
 * Return: 0; -EIO when the controller does not answer (its node named);
 * -EBUSY when a source's vPIC number is already claimed in its partition
 * (cannot happen with config_irqs()); the irqchip's route() errors.
 */
int hwirq_boot(const void *hwfdt, const struct plan *plan,
	       struct dt_error *err);

/**
 * hwirq_attach() - use controller @c (already probed: ops, sizes) with
 * its hardware tree node @node; initialises it. Host tests attach a fake.
 * Return: the controller's init() result.
 */
int hwirq_attach(struct irqchip *c, int node);

/* Forget the controller and every route (host tests). */
void hwirq_reset_all(void);

/* Is a controller attached (so weir's own sources can be interrupts)? */
bool hwirq_ready(void);

/**
 * hwirq_route_part() - route source @src (@sense) to core @cpu for
 * partition @p as its vPIC source @virq: claims @virq with an EOI hook,
 * leaves the source masked until hwirq_partition_start()
 * Return: 0; -ENODEV without a controller; -ENOSPC when the route table
 * is full; -EBUSY when @src is routed already; vpic_claim()'s and the
 * irqchip's route() errors (nothing left claimed or routed).
 */
int hwirq_route_part(struct partition *p, u32 src, enum irqchip_sense sense,
		     unsigned int cpu, u32 virq);

/**
 * hwirq_request_node() - take entry @index of @node's "interrupts" in
 * @hwfdt as weir's own source: routed to core @cpu, unmasked, @fn called
 * when it fires; the source number in @src
 * Return: 0; -ENODEV without a controller; -ENOENT when @node has no such
 * entry whose interrupt parent is the controller; -EBUSY, -ENOSPC as
 * hwirq_route_part().
 */
int hwirq_request_node(const void *hwfdt, int node, int index, unsigned int cpu,
		       hwirq_handler fn, void *arg, u32 *src);

/* Mask every source of @p (its stop) / unmask them idle (its start). */
void hwirq_partition_stop(struct partition *p);
void hwirq_partition_start(struct partition *p);

/**
 * struct hwirq_stats - what hv_irq() saw (host tests, weir's log)
 * @taken: sources acknowledged; @spurious: acknowledges that found none;
 * @unowned: sources of nobody, masked; @to_guest: raised to a vPIC;
 * @guest_eoi: unmasked by a guest's EOI
 */
struct hwirq_stats {
	u32 taken, spurious, unowned, to_guest, guest_eoi;
};

void hwirq_get_stats(struct hwirq_stats *s);

#endif
