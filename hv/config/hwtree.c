// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hardware device-tree discovery (ePAPR 1.1 §3: /chosen, /memory, /cpus;
 * QorIQ trees: the CCSR is the /soc node's "ranges", as U-Boot and Linux
 * arch/powerpc/sysdev/fsl_soc.c get_immrbase() read it).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/hwtree.h>

static int fail(struct dt_error *err, const void *fdt, int node,
		const char *prop, const char *fmt, ...)
{
	va_list ap;

	if (node >= 0)
		fdt_path_of(fdt, node, err->node, sizeof(err->node));
	else
		snprintf(err->node, sizeof(err->node), "%s",
			 node == -FDT_ERR_NOTFOUND ? "/" : "?");
	snprintf(err->prop, sizeof(err->prop), "%s", prop);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int dt_fail(struct dt_error *err, const void *cfg, int node, const char *prop,
	    int ret, const char *fmt, ...)
{
	va_list ap;

	fdt_path_of(cfg, node, err->node, sizeof(err->node));
	snprintf(err->prop, sizeof(err->prop), "%s", prop);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return ret;
}

const char *dt_error_str(const struct dt_error *err, char *buf, size_t len)
{
	snprintf(buf, len, "%s: '%s': %s", err->node, err->prop, err->msg);
	return buf;
}

static bool phys_ok(u64 base, u64 size)
{
	u64 limit = 1ULL << HW_PHYS_BITS;

	return base < limit && size <= limit - base;
}

static bool is_ns16550(const void *fdt, int node)
{
	return fdt_node_check_compatible(fdt, node, "ns16550") == 0 ||
	       fdt_node_check_compatible(fdt, node, "ns16550a") == 0;
}

/* Fill the uart_* fields from @node; -EINVAL with @err when unusable. */
static int use_uart(const void *fdt, int node, struct hw_info *hw,
		    struct dt_error *err)
{
	const u32 *p;
	u64 size;
	int ret;

	if (!is_ns16550(fdt, node))
		return fail(err, fdt, node, "compatible",
			    "not an ns16550 UART");
	ret = fdt_reg_phys(fdt, node, 0, &hw->uart_phys, &size);
	if (ret)
		return fail(err, fdt, node, "reg",
			    "no translatable register address (%d)", ret);
	if (!phys_ok(hw->uart_phys, 8))
		return fail(err, fdt, node, "reg",
			    "0x%llx is beyond the %d-bit physical space",
			    (unsigned long long)hw->uart_phys, HW_PHYS_BITS);
	hw->uart_node = node;
	p = fdt_getprop(fdt, node, "reg-shift", NULL);
	hw->uart_shift = p ? fdt32_to_cpu(*p) : 0;
	p = fdt_getprop(fdt, node, "clock-frequency", NULL);
	hw->uart_clock = p ? fdt32_to_cpu(*p) : 0;
	p = fdt_getprop(fdt, node, "current-speed", NULL);
	hw->uart_baud = p ? fdt32_to_cpu(*p) : 0;
	return 0;
}

int hw_find_console(const void *fdt, struct hw_info *hw, struct dt_error *err)
{
	struct dt_error scratch;
	const char *path;
	int chosen, node, ret;

	chosen = fdt_path_offset(fdt, "/chosen");
	path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) :
			     NULL;
	if (!path && chosen >= 0)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", NULL);
	if (chosen < 0) {
		snprintf(err->node, sizeof(err->node), "/chosen");
		snprintf(err->prop, sizeof(err->prop), "stdout-path");
		snprintf(err->msg, sizeof(err->msg), "node missing");
	} else if (!path) {
		fail(err, fdt, chosen, "stdout-path", "missing");
	} else {
		node = fdt_resolve_path(fdt, path);
		if (node < 0)
			fail(err, fdt, chosen, "stdout-path",
			     "\"%s\" names no node", path);
		else if (use_uart(fdt, node, hw, err) == 0)
			return 0;
	}
	/* Fall back to any ns16550 so the error can at least be printed. */
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (is_ns16550(fdt, node) &&
		    use_uart(fdt, node, hw, &scratch) == 0)
			return -ENODEV;
	}
	ret = -ENOENT;
	return ret;
}

static void parse_model(const void *fdt, struct hw_info *hw)
{
	const char *s = fdt_getprop(fdt, 0, "model", NULL);

	if (!s)
		s = fdt_getprop(fdt, 0, "compatible", NULL);
	snprintf(hw->model, sizeof(hw->model), "%s", s ? s : "unknown board");
}

/* Cores: every node with device_type = "cpu" under /cpus. */
/*
 * The data cache block size (ePAPR "d-cache-block-size", else
 * "d-cache-line-size"; QEMU gives only the latter): the unit dcbz zeroes.
 * 0 when absent or not a power of two in 16..256.
 */
static u32 cache_block(const void *fdt, int node)
{
	const u32 *v = fdt_getprop(fdt, node, "d-cache-block-size", NULL);
	u32 bs;

	if (!v)
		v = fdt_getprop(fdt, node, "d-cache-line-size", NULL);
	bs = v ? fdt32_to_cpu(*v) : 0;
	return IS_POWER_OF_2(bs) && bs >= 16 && bs <= 256 ? bs : 0;
}

static int parse_cpus(const void *fdt, struct hw_info *hw, struct dt_error *err)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	const u32 *tb;
	const char *name, *comma, *at;

	if (cpus < 0)
		return fail(err, fdt, -FDT_ERR_NOTFOUND, "cpus",
			    "no /cpus node");
	hw->ncpus = 0;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu"))
			continue;
		if (hw->ncpus++ == 0) {
			name = fdt_get_name(fdt, node, NULL);
			comma = strchr(name, ',');
			name = comma ? comma + 1 : name;
			at = strchr(name, '@');
			snprintf(hw->cpu, sizeof(hw->cpu), "%.*s",
				 at ? (int)(at - name) : (int)strlen(name),
				 name);
			tb = fdt_getprop(fdt, node, "timebase-frequency", NULL);
			if (!tb)
				tb = fdt_getprop(fdt, cpus,
						 "timebase-frequency", NULL);
			if (!tb)
				return fail(err, fdt, node,
					    "timebase-frequency", "missing");
			hw->tb_freq = fdt32_to_cpu(*tb);
			hw->dcache_block = cache_block(fdt, node);
		}
	}
	if (!hw->ncpus)
		return fail(err, fdt, cpus, "device_type",
			    "no node with device_type = \"cpu\"");
	return 0;
}

/* RAM: "reg" of every node with device_type = "memory". */
static int parse_memory(const void *fdt, struct hw_info *hw,
			struct dt_error *err)
{
	int node, i, ret, last = -FDT_ERR_NOTFOUND;
	u64 size;

	hw->nram = 0;
	hw->ram_total = 0;
	fdt_for_each_subnode(node, fdt, 0)
	{
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || strcmp(type, "memory"))
			continue;
		last = node;
		for (i = 0;; i++) {
			struct hw_mem_bank *b = &hw->ram[hw->nram];

			ret = fdt_reg_phys(fdt, node, i, &b->base, &size);
			if (ret == -ENOENT && i > 0)
				break;
			if (ret)
				return fail(err, fdt, node, "reg",
					    ret == -ENOENT ? "missing" :
							     "malformed (%d)",
					    ret);
			if (!size)
				continue;
			if (!phys_ok(b->base, size))
				return fail(
					err, fdt, node, "reg",
					"bank 0x%llx+0x%llx is beyond the %d-bit physical space",
					(unsigned long long)b->base,
					(unsigned long long)size, HW_PHYS_BITS);
			if (hw->nram == HW_MAX_RAM_BANKS)
				return fail(err, fdt, node, "reg",
					    "more than %d banks",
					    HW_MAX_RAM_BANKS);
			b->size = size;
			hw->ram_total += size;
			hw->nram++;
		}
	}
	if (last < 0)
		return fail(err, fdt, -FDT_ERR_NOTFOUND, "memory",
			    "no node with device_type = \"memory\"");
	if (!hw->ram_total)
		return fail(err, fdt, last, "reg", "describes no RAM");
	return 0;
}

/* CCSR: the "ranges" of the /soc node (or the "ccsr" alias). */
static int parse_ccsr(const void *fdt, struct hw_info *hw, struct dt_error *err)
{
	int soc = fdt_path_offset(fdt, "ccsr"), node, len, ac, pac, sc;
	const u32 *r;

	if (soc < 0) {
		soc = -FDT_ERR_NOTFOUND;
		fdt_for_each_subnode(node, fdt, 0)
		{
			if (!strncmp(fdt_get_name(fdt, node, NULL), "soc", 3)) {
				soc = node;
				break;
			}
		}
	}
	if (soc < 0)
		return fail(err, fdt, -FDT_ERR_NOTFOUND, "soc",
			    "no /soc node (or \"ccsr\" alias) describes CCSR");
	r = fdt_getprop(fdt, soc, "ranges", &len);
	ac = fdt_address_cells(fdt, soc);
	sc = fdt_size_cells(fdt, soc);
	pac = fdt_address_cells(fdt, 0);
	if (!r || len < (ac + pac + sc) * 4 || ac > 2 || pac > 2 || sc < 1 ||
	    sc > 2)
		return fail(err, fdt, soc, "ranges",
			    "missing or malformed (need <child parent size>)");
	hw->ccsr_phys = fdt_read_cells(r + ac, pac);
	hw->ccsr_size = fdt_read_cells(r + ac + pac, sc);
	if (!hw->ccsr_size || !phys_ok(hw->ccsr_phys, hw->ccsr_size))
		return fail(
			err, fdt, soc, "ranges",
			"CCSR 0x%llx+0x%llx is beyond the %d-bit physical space",
			(unsigned long long)hw->ccsr_phys,
			(unsigned long long)hw->ccsr_size, HW_PHYS_BITS);
	return 0;
}

bool hw_in_ccsr(const struct hw_info *hw, phys_addr_t phys, u64 len)
{
	return hw->ccsr_size && phys >= hw->ccsr_phys && len <= hw->ccsr_size &&
	       phys - hw->ccsr_phys <= hw->ccsr_size - len;
}

int hw_parse(const void *fdt, struct hw_info *hw, struct dt_error *err)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int ret;

	parse_model(fdt, hw);
	hw->bootargs =
		chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;
	if (!hw->bootargs)
		hw->bootargs = "";
	ret = parse_memory(fdt, hw, err);
	if (!ret)
		ret = parse_ccsr(fdt, hw, err);
	if (!ret)
		ret = parse_cpus(fdt, hw, err);
	return ret;
}

int bootargs_get(const char *args, const char *key, char *val, size_t len)
{
	size_t klen = strlen(key), n;
	const char *p = args;

	while (p && *p) {
		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			n -= klen + 1;
			if (n >= len)
				n = len - 1;
			memcpy(val, p + klen + 1, n);
			val[n] = '\0';
			return (int)n;
		}
		p += n;
	}
	return -ENOENT;
}
