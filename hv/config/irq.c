// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hardware interrupt sources of the partition config (doc/passthrough.md,
 * "Interrupt routing"): which interrupt controller sources each partition
 * owns, found in the hardware tree, as struct part_irq of the plan. Boot
 * routes them (hv/irq/hwirq.c), the guest tree numbers them
 * (hv/guest_dt/pci.c), weir-plan prints the same list.
 *
 * Device tree facts (Devicetree Specification v0.4 §2.4 "Interrupts and
 * Interrupt Mapping"; Linux drivers/of/irq.c of_irq_parse_raw()): a
 * node's interrupt parent is its own or its nearest ancestor's
 * "interrupt-parent"; an "interrupt-map" entry is <child unit address
 * (#address-cells of the nexus), child specifier (#interrupt-cells of the
 * nexus), parent phandle, parent unit address (#address-cells of the
 * parent, 0 when absent), parent specifier (#interrupt-cells of the
 * parent)>. The MPIC's specifier has 2 or 4 cells (Linux
 * arch/powerpc/sysdev/mpic.c mpic_host_xlate()).
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/irqchip.h>

#define MAP_MAX_CELLS 16 /* cells of one "interrupt-map" entry */

int config_irq_spec(const u32 *spec, int len, int cells, int index, u32 *src,
		    u8 *sense)
{
	const fdt32_t *s = (const fdt32_t *)spec;

	if ((cells != 2 && cells != 4) || len % (cells * (int)sizeof(u32)))
		return -EINVAL;
	if (!spec || index < 0 || (index + 1) * cells * (int)sizeof(u32) > len)
		return -ENOENT;
	s += index * cells;
	if (cells == 4 && fdt32_to_cpu(s[2]) != 0)
		return -EOPNOTSUPP;
	*src = fdt32_to_cpu(s[0]);
	*sense = (u8)(fdt32_to_cpu(s[1]) & 3);
	return 0;
}

static u32 get_cell(const void *fdt, int node, const char *name, u32 dflt)
{
	const fdt32_t *v = fdt_getprop(fdt, node, name, NULL);

	return v ? fdt32_to_cpu(*v) : dflt;
}

/* The interrupt parent of @node: its or its nearest ancestor's. */
static int irq_parent(const void *fdt, int node)
{
	const fdt32_t *ph;

	for (; node >= 0; node = fdt_parent_offset(fdt, node)) {
		ph = fdt_getprop(fdt, node, "interrupt-parent", NULL);
		if (ph)
			return fdt_node_offset_by_phandle(fdt,
							  fdt32_to_cpu(*ph));
	}
	return -FDT_ERR_NOTFOUND;
}

int config_node_irq(const void *hwfdt, int ctl, int node, int index, u32 *src,
		    u8 *sense)
{
	const u32 *spec;
	int len;

	if (ctl < 0 || irq_parent(hwfdt, node) != ctl)
		return -ENOENT;
	spec = fdt_getprop(hwfdt, node, "interrupts", &len);
	return config_irq_spec(spec, spec ? len : 0,
			       (int)get_cell(hwfdt, ctl, "#interrupt-cells", 2),
			       index, src, sense);
}

u32 config_irq_virq(const struct part_plan *pp, u32 src)
{
	unsigned int i;

	for (i = 0; i < pp->nirq; i++)
		if (pp->irq[i].src == src)
			return pp->irq[i].virq;
	return 0;
}

struct irq_ctx {
	const void *cfg, *hwfdt;
	struct plan *plan;
	struct dt_error *err;
	int ctl;	   /* the interrupt controller node */
	unsigned int part; /* partition being built */
	unsigned int dev;  /* its device index being built */
};

/* Does @node's "interrupts" name @src (of the controller)? */
static bool node_has(const struct irq_ctx *c, int node, u32 src)
{
	u32 s;
	u8 sense;
	int i, ret;

	for (i = 0; (ret = config_node_irq(c->hwfdt, c->ctl, node, i, &s,
					   &sense)) != -ENOENT;
	     i++)
		if (!ret && s == src)
			return true;
	return false;
}

/*
 * @src is wanted by the device being built (@path, property @prop): refuse
 * it when another partition owns it, or a node weir keeps names it (the
 * IOMMU's violation interrupt; another partition's MSI bank).
 */
static int check_owner(struct irq_ctx *c, u32 src, const char *path,
		       const char *prop)
{
	const struct part_plan *pp = &c->plan->part[c->part];
	const struct part_irq *o = NULL;
	const char *owner = NULL, *oprop = "interrupts";
	unsigned int i, k;
	char other[96];
	int node = -1;

	for (i = 0; i < c->plan->nparts && !o && node < 0; i++) {
		const struct part_plan *q = &c->plan->part[i];

		if (i == c->part)
			continue;
		for (k = 0; k < q->nirq && !o; k++)
			if (q->irq[k].src == src)
				o = &q->irq[k];
		if (q->has_msi && node_has(c, q->hw_dev[q->msi_dev], src))
			node = q->hw_dev[q->msi_dev];
		if (o || node >= 0)
			owner = q->name;
	}
	if (o) {
		node = o->hw_node;
		oprop = o->prop;
	}
	if (node < 0 && c->plan->iommu_node >= 0 &&
	    node_has(c, c->plan->iommu_node, src)) {
		node = c->plan->iommu_node;
		owner = NULL;
	}
	if (node < 0)
		return 0;
	fdt_path_of(c->hwfdt, node, other, sizeof(other));
	return dt_fail(
		c->err, c->cfg, pp->dev_cfg[c->dev], "device", -EBUSY,
		"%s: interrupt source %u of its \"%s\" is also in \"%s\" of %s, %s%s%s",
		path, src, prop, oprop, other,
		owner ? "in partition '" : "which weir keeps",
		owner ? owner : "", owner ? "'" : "");
}

/* Add source @src of the device being built (once per partition). */
static int add_src(struct irq_ctx *c, u32 src, u8 sense, const char *prop,
		   const char *path)
{
	struct part_plan *pp = &c->plan->part[c->part];
	struct part_irq *q;
	int ret;

	if (config_irq_virq(pp, src))
		return 0;
	ret = check_owner(c, src, path, prop);
	if (ret)
		return ret;
	if (pp->nirq == CONFIG_MAX_IRQS)
		return dt_fail(
			c->err, c->cfg, pp->dev_cfg[c->dev], "device", -E2BIG,
			"%s: more than %d interrupt sources in one partition",
			path, CONFIG_MAX_IRQS);
	q = &pp->irq[pp->nirq];
	q->src = src;
	q->sense = sense;
	q->virq = VPIC_IRQ_HW(pp->nirq);
	q->hw_node = pp->hw_dev[c->dev];
	q->prop = prop;
	pp->nirq++;
	return 0;
}

static int bad(struct irq_ctx *c, const char *path, const char *prop)
{
	return dt_fail(c->err, c->cfg, c->plan->part[c->part].dev_cfg[c->dev],
		       "device", -EINVAL, "%s: malformed \"%s\"", path, prop);
}

static int node_irqs(struct irq_ctx *c, int node, const char *path)
{
	u32 src;
	u8 sense;
	int i, ret;

	for (i = 0;; i++) {
		ret = config_node_irq(c->hwfdt, c->ctl, node, i, &src, &sense);
		if (ret == -ENOENT)
			return 0;
		if (ret == -EOPNOTSUPP)
			continue; /* error interrupt, IPI, timer: weir's */
		if (ret)
			return bad(c, path, "interrupts");
		ret = add_src(c, src, sense, "interrupts", path);
		if (ret)
			return ret;
	}
}

/*
 * Walk @node's "interrupt-map", calling @fn for each entry whose parent is
 * the interrupt controller @ctl with the entry's cells and where its
 * parent specifier starts. Return: 0, @fn's first error, or -EINVAL for a
 * malformed map.
 */
int config_irq_map_walk(const void *hwfdt, int ctl, int node,
			int (*fn)(void *arg, const u32 *entry, int child_cells,
				  int spec_at, int spec_cells),
			void *arg)
{
	int len, at, n, ac, ic, pac, pic, parent, ret;
	const fdt32_t *map = fdt_getprop(hwfdt, node, "interrupt-map", &len);

	if (!map)
		return 0;
	ac = (int)get_cell(hwfdt, node, "#address-cells", 3);
	ic = (int)get_cell(hwfdt, node, "#interrupt-cells", 1);
	len /= (int)sizeof(u32);
	for (at = 0; at < len; at += n) {
		if (at + ac + ic + 1 > len)
			return -EINVAL;
		parent = fdt_node_offset_by_phandle(
			hwfdt, fdt32_to_cpu(map[at + ac + ic]));
		if (parent < 0)
			return -EINVAL;
		pac = (int)get_cell(hwfdt, parent, "#address-cells", 0);
		pic = (int)get_cell(hwfdt, parent, "#interrupt-cells", 0);
		n = ac + ic + 1 + pac + pic;
		if (pic <= 0 || n > MAP_MAX_CELLS || at + n > len)
			return -EINVAL;
		if (parent != ctl)
			continue;
		ret = fn(arg, (const u32 *)(map + at), ac + ic,
			 ac + ic + 1 + pac, pic);
		if (ret)
			return ret;
	}
	return 0;
}

struct map_arg {
	struct irq_ctx *c;
	const char *path;
};

static int map_entry(void *arg, const u32 *entry, int child_cells, int spec_at,
		     int spec_cells)
{
	struct map_arg *m = arg;
	u32 src;
	u8 sense;
	int ret = config_irq_spec(entry + spec_at,
				  spec_cells * (int)sizeof(u32), spec_cells, 0,
				  &src, &sense);

	(void)child_cells;
	if (ret == -EOPNOTSUPP)
		return 0;
	if (ret)
		return -EINVAL;
	return add_src(m->c, src, sense, "interrupt-map", m->path);
}

/*
 * The INTx of PCI controller @host: the "interrupt-map" of the controller
 * and of every node below it (QorIQ trees put it in the controller's
 * root port, Linux p4080si-post.dtsi pcie@0; QEMU's in the controller).
 */
static int pci_maps(struct irq_ctx *c, int host, struct map_arg *m)
{
	int depth = 0, n, ret;

	for (n = host; n >= 0 && (n == host || depth > 0);
	     n = fdt_next_node(c->hwfdt, n, &depth)) {
		ret = config_irq_map_walk(c->hwfdt, c->ctl, n, map_entry, m);
		if (ret == -EINVAL)
			return bad(c, m->path, "interrupt-map");
		if (ret)
			return ret;
	}
	return 0;
}

int config_irqs(const void *cfg, const void *hwfdt, const struct hw_info *hw,
		struct plan *plan, struct dt_error *err)
{
	struct irq_ctx c = {
		.cfg = cfg, .hwfdt = hwfdt, .plan = plan, .err = err
	};
	struct map_arg m = { .c = &c };
	char path[96];
	int node, ret;

	irqchip_driver_find(hwfdt, &c.ctl);
	plan->irq_node = c.ctl;
	if (c.ctl < 0)
		return 0; /* no controller: nothing is routed */
	for (c.part = 0; c.part < plan->nparts; c.part++) {
		struct part_plan *pp = &plan->part[c.part];

		for (c.dev = 0; c.dev < pp->ndev; c.dev++) {
			node = pp->hw_dev[c.dev];
			/* below a PCI controller: its interrupt-map; weir's
			 * console UART and MSI bank: weir's */
			if (fdt_under_pci(hwfdt, node) ||
			    (pp->has_msi && c.dev == pp->msi_dev) ||
			    node == hw->uart_node || node == plan->iommu_node)
				continue;
			fdt_path_of(hwfdt, node, path, sizeof(path));
			ret = node_irqs(&c, node, path);
			if (!ret && fdt_is_pci_host(hwfdt, node)) {
				m.path = path;
				ret = pci_maps(&c, node, &m);
			}
			if (ret)
				return ret;
		}
	}
	return 0;
}
