// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MMIO passthrough windows of the partition config (doc/passthrough.md).
 * A partition may map the registers of the devices it owns: each
 * assigned node's "reg" entries, rounded out to 4 KiB pages, and a PCI
 * controller's "ranges" windows (memory and I/O space, where its BARs
 * live). The guest sees them at guest-physical = real, as the NXP
 * hypervisor gives them, and the shadow TLB maps them cache-inhibited
 * and guarded (hv/vcpu/exit.c). The checks here make a window the
 * owner's alone: no page of it in another partition's window, none
 * shared with a register block weir keeps (MPIC, PAMU, GUTS, LAW, its
 * console UART, the MSI banks it emulates) or with a device not assigned
 * to the same partition, none over RAM, weir or the partition's own
 * guest-physical RAM. Nodes weir emulates for the guest (its console
 * UART: the guest gets a byte channel; an MSI bank: "fsl,vmpic-msi")
 * give no window. Devices below a PCI controller give none either: their
 * BARs lie in the controller's "ranges".
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>

/* Register blocks weir drives itself; never part of a guest's window. */
static const char *const weir_keeps_compat[] = {
	"fsl,mpic",
	"chrp,open-pic",
	"fsl,pamu",
	"fsl,pamu-v1.0",
	"fsl,corenet-law",
	"fsl,qoriq-device-config-1.0",
	"fsl,qoriq-device-config-2.0",
};

/* A node weir emulates for its owner: its console UART, an MSI bank. */
static const char *emulated(const void *hwfdt, const struct hw_info *hw,
			    int node)
{
	if (node > 0 && node == hw->uart_node)
		return "its console UART";
	if (!fdt_node_check_compatible(hwfdt, node, MSI_COMPATIBLE) ||
	    !fdt_node_check_compatible(hwfdt, node, MSI_COMPATIBLE_V43))
		return "an MSI bank it emulates";
	return NULL;
}

/* What weir keeps at @node, or NULL: a name for the error message. */
static const char *weir_keeps(const void *hwfdt, const struct hw_info *hw,
			      int node)
{
	const char *c = emulated(hwfdt, hw, node);
	unsigned int i;
	int len, n;

	if (c)
		return c;
	for (i = 0; i < ARRAY_SIZE(weir_keeps_compat); i++)
		if (!fdt_node_check_compatible(hwfdt, node,
					       weir_keeps_compat[i]))
			return weir_keeps_compat[i];
	/* the global utilities: "fsl,<soc>-guts" */
	c = fdt_getprop(hwfdt, node, "compatible", &len);
	for (; c && len > 0; len -= n + 1, c += n + 1) {
		n = (int)strnlen(c, (size_t)len);
		if (n >= 5 && !strncmp(c + n - 5, "-guts", 5))
			return "the global utilities (GUTS)";
	}
	return NULL;
}

/* Is @a @b or an ancestor of @b? */
static bool is_ancestor(const void *hwfdt, int a, int b)
{
	for (; b >= 0; b = fdt_parent_offset(hwfdt, b))
		if (a == b)
			return true;
	return false;
}

struct mmio_ctx {
	const void *cfg, *hwfdt;
	const struct hw_info *hw;
	const struct hv_reserved *hv;
	struct plan *plan;
	struct dt_error *err;
	unsigned int part; /* partition being built */
	unsigned int dev;  /* its device index being built */
};

/* The partition that assigns @node or an ancestor of it, or -1. */
static int owner_of(const void *hwfdt, const struct plan *plan, int node)
{
	unsigned int i, d;

	for (i = 0; i < plan->nparts; i++)
		for (d = 0; d < plan->part[i].ndev; d++)
			if (is_ancestor(hwfdt, plan->part[i].hw_dev[d], node))
				return (int)i;
	return -1;
}

/*
 * Every other hardware node whose "reg" reaches into [base, base + size)
 * must be the assigned node itself, one below it, or a node assigned to
 * the same partition: anything else would be reachable through the
 * guest's mapping of the shared page.
 */
static int check_page_sharing(struct mmio_ctx *c, int self, u64 base, u64 size,
			      const char *path)
{
	const struct part_plan *pp = &c->plan->part[c->part];
	int node, owner, i;
	const char *kept;
	char other[96];
	u64 a, s;

	for (node = fdt_next_node(c->hwfdt, -1, NULL); node >= 0;
	     node = fdt_next_node(c->hwfdt, node, NULL)) {
		/* itself, what is below it, and its containers (a SEC
		 * block holding its job rings) unless weir keeps them */
		if (is_ancestor(c->hwfdt, self, node) ||
		    (is_ancestor(c->hwfdt, node, self) &&
		     !weir_keeps(c->hwfdt, c->hw, node)))
			continue;
		for (i = 0; !fdt_reg_phys(c->hwfdt, node, i, &a, &s); i++) {
			if (!ranges_overlap(a, s ? s : 1, base, size))
				continue;
			kept = weir_keeps(c->hwfdt, c->hw, node);
			owner = owner_of(c->hwfdt, c->plan, node);
			fdt_path_of(c->hwfdt, node, other, sizeof(other));
			if (kept)
				return dt_fail(
					c->err, c->cfg, pp->dev_cfg[c->dev],
					"device", -EBUSY,
					"%s: its page(s) 0x%llx+0x%llx share a 4 KiB page with %s, which weir keeps (%s)",
					path, (unsigned long long)base,
					(unsigned long long)size, other, kept);
			if (owner == (int)c->part)
				continue;
			return dt_fail(
				c->err, c->cfg, pp->dev_cfg[c->dev], "device",
				-EBUSY,
				"%s: its page(s) 0x%llx+0x%llx share a 4 KiB page with %s, %s%s%s",
				path, (unsigned long long)base,
				(unsigned long long)size, other,
				owner < 0 ? "which no partition owns" :
					    "which belongs to partition '",
				owner < 0 ? "" : c->plan->part[owner].name,
				owner < 0 ? "" : "'");
		}
	}
	return 0;
}

/* Add window [base, base + size) of the device being built, checked. */
static int add_window(struct mmio_ctx *c, int node, u64 base, u64 size,
		      bool pci, const char *path)
{
	struct part_plan *pp = &c->plan->part[c->part];
	int child = pp->dev_cfg[c->dev];
	const char *what = pci ? "\"ranges\" window" : "\"reg\" page(s)";
	unsigned int i, j;
	int ret;

	if (base >= 1ULL << HW_PHYS_BITS ||
	    size > (1ULL << HW_PHYS_BITS) - base)
		return dt_fail(
			c->err, c->cfg, child, "device", -ERANGE,
			"%s: %s 0x%llx+0x%llx is beyond the %d-bit physical space",
			path, what, (unsigned long long)base,
			(unsigned long long)size, HW_PHYS_BITS);
	for (i = 0; i < c->hw->nram; i++)
		if (ranges_overlap(base, size, c->hw->ram[i].base,
				   c->hw->ram[i].size))
			return dt_fail(c->err, c->cfg, child, "device", -ERANGE,
				       "%s: %s 0x%llx+0x%llx overlaps RAM",
				       path, what, (unsigned long long)base,
				       (unsigned long long)size);
	if (ranges_overlap(base, size, c->hv->start, c->hv->size))
		return dt_fail(c->err, c->cfg, child, "device", -ERANGE,
			       "%s: %s 0x%llx+0x%llx overlaps weir's memory",
			       path, what, (unsigned long long)base,
			       (unsigned long long)size);
	if (base < pp->ram_size)
		return dt_fail(
			c->err, c->cfg, child, "device", -ERANGE,
			"%s: %s 0x%llx+0x%llx lies in the partition's guest-physical RAM [0, 0x%llx): devices appear at guest-physical = real",
			path, what, (unsigned long long)base,
			(unsigned long long)size,
			(unsigned long long)pp->ram_size);
	for (i = 0; i < c->part; i++)
		for (j = 0; j < c->plan->part[i].nmmio; j++) {
			const struct mmio_window *w = &c->plan->part[i].mmio[j];
			char other[96];

			if (ranges_overlap(base, size, w->base, w->size))
				return dt_fail(
					c->err, c->cfg, child, "device", -EBUSY,
					"%s: %s 0x%llx+0x%llx overlaps 0x%llx+0x%llx of %s in partition '%s'",
					path, what, (unsigned long long)base,
					(unsigned long long)size,
					(unsigned long long)w->base,
					(unsigned long long)w->size,
					fdt_path_of(c->hwfdt, w->hw_node, other,
						    sizeof(other)),
					c->plan->part[i].name);
		}
	if (!pci) {
		ret = check_page_sharing(c, node, base, size, path);
		if (ret)
			return ret;
	}
	if (pp->nmmio == PARTITION_MAX_MMIO)
		return dt_fail(
			c->err, c->cfg, child, "device", -E2BIG,
			"%s: more than %d MMIO windows in partition '%s'", path,
			PARTITION_MAX_MMIO, pp->name);
	pp->mmio[pp->nmmio++] = (struct mmio_window){
		.base = base, .size = size, .hw_node = node, .pci = pci
	};
	return 0;
}

/* Every "reg" entry of @node, rounded out to 4 KiB pages. */
static int reg_windows(struct mmio_ctx *c, int node, const char *path)
{
	int child = c->plan->part[c->part].dev_cfg[c->dev];
	u64 a, s, base;
	int i, ret;

	for (i = 0;; i++) {
		ret = fdt_reg_phys(c->hwfdt, node, i, &a, &s);
		if (ret == -ENOENT || ret == -ERANGE)
			return 0; /* none, or not on a memory-mapped bus */
		if (ret)
			return dt_fail(
				c->err, c->cfg, child, "device", -EINVAL,
				"%s: \"reg\" entry %d has no real address (%d)",
				path, i, ret);
		if (!s)
			continue;
		base = a & ~(u64)(SZ_4K - 1);
		ret = add_window(c, node, base, ALIGN_UP(a + s, SZ_4K) - base,
				 false, path);
		if (ret)
			return ret;
	}
}

/*
 * A PCI controller's "ranges" (PCI bus binding: <phys.hi phys.mid phys.lo
 * parent-address size>): every memory and I/O window, page aligned.
 */
static int ranges_windows(struct mmio_ctx *c, int node, const char *path)
{
	int child = c->plan->part[c->part].dev_cfg[c->dev];
	int parent = fdt_parent_offset(c->hwfdt, node);
	int cac = fdt_address_cells(c->hwfdt, node);
	int csc = fdt_size_cells(c->hwfdt, node);
	int pac = fdt_address_cells(c->hwfdt, parent);
	int len, entry, i, ret;
	const u32 *r = fdt_getprop(c->hwfdt, node, "ranges", &len);
	const char *st;
	u64 a, s;

	st = fdt_getprop(c->hwfdt, node, "status", NULL);
	if (!r || (st && strcmp(st, "okay") && strcmp(st, "ok")))
		return 0; /* a disabled controller decodes no window */
	entry = cac + pac + csc;
	if (cac != 3 || pac < 1 || pac > 2 || csc < 1 || csc > 2 ||
	    len % (entry * 4))
		return dt_fail(
			c->err, c->cfg, child, "device", -EINVAL,
			"%s: \"ranges\" is not <pci-address(3) parent-address(%d) size(%d)> entries",
			path, pac, csc);
	for (i = 0; i < len / (entry * 4); i++, r += entry) {
		a = fdt_read_cells(r + cac, pac);
		s = fdt_read_cells(r + cac + pac, csc);
		ret = fdt_bus_addr_phys(c->hwfdt, parent, &a);
		if (ret)
			return dt_fail(
				c->err, c->cfg, child, "device", -EINVAL,
				"%s: \"ranges\" window %d has no real address (%d)",
				path, i, ret);
		if (!s)
			continue;
		if (!IS_ALIGNED(a, SZ_4K) || !IS_ALIGNED(s, SZ_4K))
			return dt_fail(
				c->err, c->cfg, child, "device", -EINVAL,
				"%s: \"ranges\" window 0x%llx+0x%llx is not 4 KiB aligned",
				path, (unsigned long long)a,
				(unsigned long long)s);
		ret = add_window(c, node, a, s, true, path);
		if (ret)
			return ret;
	}
	return 0;
}

int config_mmio_windows(const void *cfg, const void *hwfdt,
			const struct hw_info *hw, const struct hv_reserved *hv,
			struct plan *plan, struct dt_error *err)
{
	struct mmio_ctx c = { .cfg = cfg,
			      .hwfdt = hwfdt,
			      .hw = hw,
			      .hv = hv,
			      .plan = plan,
			      .err = err };
	char path[96];
	int node, ret;

	for (c.part = 0; c.part < plan->nparts; c.part++) {
		struct part_plan *pp = &plan->part[c.part];

		for (c.dev = 0; c.dev < pp->ndev; c.dev++) {
			const char *kept;

			node = pp->hw_dev[c.dev];
			if (emulated(hwfdt, hw, node) ||
			    fdt_under_pci(hwfdt, node))
				continue;
			fdt_path_of(hwfdt, node, path, sizeof(path));
			kept = weir_keeps(hwfdt, hw, node);
			if (kept)
				return dt_fail(err, cfg, pp->dev_cfg[c.dev],
					       "device", -EBUSY,
					       "%s: weir keeps it (%s)", path,
					       kept);
			ret = reg_windows(&c, node, path);
			if (!ret && fdt_is_pci_host(hwfdt, node))
				ret = ranges_windows(&c, node, path);
			if (ret)
				return ret;
		}
	}
	return 0;
}
