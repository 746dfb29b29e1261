/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-partition services as units (doc/architecture.md): each
 * subsystem that keeps state for a partition (virtual PIC, console byte
 * channel, error queue, DMA windows, MSI bank) defines one unit beside
 * its code, and the partition lifecycle (hv/partition/partition.c) calls
 * every unit's hooks without naming any. The idea is Jailhouse's
 * DEFINE_UNIT (hypervisor/include/jailhouse/unit.h): the definitions
 * land in one linker section, weir_units, which the core walks between
 * __start_weir_units and __stop_weir_units (GNU ld defines both for an
 * output section named like a C identifier: the host link's orphan
 * section, and arch/powerpc/cpu/weir.lds.S's, which KEEP()s it against
 * --gc-sections). A name of that form also keeps the address
 * sanitizers from putting red zones between the entries (LLVM's
 * AddressSanitizer.cpp skips such sections; GCC only aligns them, see
 * UNIT_ALIGN).
 */
#ifndef WEIR_UNIT_H
#define WEIR_UNIT_H

#include <weir/types.h>

struct partition;

/*
 * Where a unit runs among the others, lowest first: the order the
 * effects need. A console byte channel and the error queue claim
 * interrupts of the virtual PIC at init, so the PIC comes first; at a
 * (re)start the DMA windows are reset before the error queue (a fault
 * reported while they were live is dropped with the queue) and the MSI
 * bits; the PIC is reset before the console channel.
 */
enum unit_order {
	UNIT_ORDER_VPIC = 10,
	UNIT_ORDER_HWIRQ = 15, /* after the PIC's reset: unmask */
	UNIT_ORDER_CONSOLE = 20,
	UNIT_ORDER_DMA = 30,
	UNIT_ORDER_ERRQ = 40,
	UNIT_ORDER_MSI = 50,
};

/*
 * The section is walked as an array, so every entry must start
 * sizeof(struct unit) after the previous one. GCC 12's
 * -fsanitize=address aligns each global to 32 bytes (without padding
 * it): the type has that alignment, and so a size that is a multiple of
 * it, on every build.
 */
#define UNIT_ALIGN 32

/**
 * struct unit - one per-partition service; every hook may be NULL
 * @name: what it is, in messages ("cannot set up the <name>")
 * @order: enum unit_order
 * @init: once, when the partition is created (its vCPUs exist, RAM is
 *	not loaded yet): allocate and attach the service to @p.
 *	Return: 0 or a negative errno; the partition is not created.
 * @reset: at every (re)start, before the image and guest tree are
 *	reloaded, with dma_lock() held: nothing the service does may write
 *	into guest RAM or report a fault from the previous run afterwards.
 *	Return: 0 or a negative errno; the (re)start fails, the other
 *	units' resets still run.
 * @start: at every (re)start, after the reload, just before the boot
 *	vCPU is reset: the state the guest's first instruction sees.
 * @stop: when the partition stops, with dma_lock() held; reports its
 *	own failures (the stop itself cannot fail).
 */
struct unit {
	const char *name;
	unsigned int order;
	int (*init)(struct partition *p);
	int (*reset)(struct partition *p);
	void (*start)(struct partition *p);
	void (*stop)(struct partition *p);
} __attribute__((aligned(UNIT_ALIGN)));

/* Register the unit @u (a struct unit initializer) under @id. */
#define DEFINE_UNIT(id, ...)               \
	static const struct unit unit_##id \
		__attribute__((used, section("weir_units"))) = __VA_ARGS__

/*
 * The units in ascending order (equal orders in link order), NULL after
 * the last: for (u = unit_first(); u; u = unit_next(u)).
 */
const struct unit *unit_first(void);
const struct unit *unit_next(const struct unit *u);

#endif
