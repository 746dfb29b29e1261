/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What weir needs from the hardware device tree U-Boot hands over:
 * console, RAM, CCSR, cores, timebase. Parsed once at boot; every
 * problem is reported with the node and property at fault.
 */
#ifndef WEIR_HWTREE_H
#define WEIR_HWTREE_H

#include <weir/types.h>

#define HW_MAX_RAM_BANKS 8
#define HW_PHYS_BITS 36 /* e500mc real address width */

/*
 * A problem found in a device tree: "<node>: '<prop>': <msg>". A message
 * may name two more nodes (an IOMMU group conflict), hence its size.
 */
struct dt_error {
	char node[96];
	char prop[32];
	char msg[256];
};

struct hw_mem_bank {
	phys_addr_t base;
	u64 size;
};

struct hw_info {
	char model[64];
	char cpu[32]; /* e.g. "e500mc" */
	unsigned int ncpus;
	u32 tb_freq;	  /* Hz */
	u32 dcache_block; /* bytes per dcbz, 0: unknown */
	struct hw_mem_bank ram[HW_MAX_RAM_BANKS];
	unsigned int nram;
	u64 ram_total;
	phys_addr_t ccsr_phys;
	u64 ccsr_size;
	const char *bootargs; /* points into the FDT, or "" */
	/* console */
	int uart_node;
	phys_addr_t uart_phys;
	u32 uart_shift, uart_clock, uart_baud;
};

/**
 * hw_find_console() - the UART named by /chosen/stdout-path
 * @fdt: hardware tree
 * @hw: fills uart_* fields
 * @err: filled when the result is not the configured console
 *
 * Return: 0 when stdout-path names a usable ns16550; -ENODEV when it is
 * missing or unusable but another ns16550 could be found (fields filled
 * with that one, @err says what was wrong); -ENOENT when there is no
 * usable UART at all (@err says why).
 */
int hw_find_console(const void *fdt, struct hw_info *hw, struct dt_error *err);

/**
 * hw_parse() - model, cores, RAM, CCSR, timebase
 * Return: 0, or -EINVAL with @err naming the node and property: no
 * /memory "reg" (or zero RAM), RAM or CCSR beyond 36 bits, no CCSR
 * (/soc "ranges"), no cpu nodes, no timebase-frequency.
 */
int hw_parse(const void *fdt, struct hw_info *hw, struct dt_error *err);

/**
 * hw_in_ccsr() - does [@phys, @phys + @len) (real address, bytes) lie in
 * the CCSR window of @hw? What arch_ccsr_ptr() can map; the config check
 * of MSI banks uses it too.
 */
bool hw_in_ccsr(const struct hw_info *hw, phys_addr_t phys, u64 len);

/**
 * dt_fail() - fill @err with @node's path in @fdt, @prop and the printf
 * message, and return @ret (a negative errno), for "return dt_fail(...)".
 */
int dt_fail(struct dt_error *err, const void *fdt, int node, const char *prop,
	    int ret, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Format @err as one line "<node>: '<prop>': <msg>" into @buf. */
const char *dt_error_str(const struct dt_error *err, char *buf, size_t len);

/**
 * bootargs_get() - value of "key=value" in a command line
 * Return: length of the value copied into @val (NUL-terminated,
 * truncated to @len - 1), or -ENOENT.
 */
int bootargs_get(const char *args, const char *key, char *val, size_t len);

#endif
