// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The assigned PCI controllers in the guest tree (doc/passthrough.md,
 * "The guest tree"). Facts (Linux 6.1):
 *
 *  - platforms/85xx/corenet_generic.c corenet_gen_publish_devices() makes
 *    platform devices only of root children matching its of_device_ids
 *    (simple-bus, fsl,qoriq-pcie-v2.2..v3.0, ...), and their children;
 *    QEMU ppce500's "fsl,mpc8540-pci" sits at the root, so it is put
 *    below a "simple-bus" node of ours;
 *  - sysdev/fsl_pci.c fsl_pci_driver binds "fsl,mpc8540-pci" (and the
 *    qoriq PCIe names); fsl_add_bridge() reads "reg" (the controller's
 *    CCSR block: CFG_ADDR/CFG_DATA), "bus-range" and, through
 *    pci_process_bridge_OF_ranges(), "ranges": all copied unchanged, as
 *    weir maps them at guest-physical = real (hv/config/mmio.c);
 *  - kernel/pci-common.c pci_read_irq_line(): when of_irq_parse_pci()
 *    finds no match in "interrupt-map", it falls back to the config
 *    space's Interrupt Line, which is 0 before any firmware wrote it, and
 *    the device gets no interrupt.
 *
 * Interrupts (doc/passthrough.md "Interrupt routing"): the controller's
 * "interrupt-map" is rewritten to the partition's vPIC: each entry whose
 * parent is the hardware's interrupt controller keeps its child unit
 * address and specifier (the PCI binding's <devfn 0 0 pin>, matched
 * through the kept "interrupt-map-mask") and gets the vPIC's phandle, no
 * parent unit address (the vPIC's #address-cells is 0) and the source's
 * vPIC number (config_irqs(): VPIC_IRQ_HW(n)) with its sense when the
 * vPIC has 2 cells; weir routes the hardware source to the partition
 * (hv/irq/hwirq.c). Other entries are dropped. Its own "interrupts",
 * "interrupt-parent" and the MSI phandle ("fsl,msi") are left out. Nodes
 * below the controller are copied with the same filter.
 *
 * MSIs: Linux sysdev/fsl_msi.c fsl_compose_msi_msg() takes the address
 * a device writes from the controller's "msi-address-64" when it has
 * one (else the MSIIR's CCSR address through the controller's PCICSRBAR,
 * which the PAMU does not map): weir gives it the doorbell IOVA of the
 * controller's DMA group, as the NXP hypervisor does (src/pamu.c
 * setup_pcie_msi_subwin()); the MSI bank is the guest's "fsl,vmpic-msi".
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/guest_dt.h>
#include <weir/irqchip.h>
#include "guest_dt_priv.h"

/* Properties that name the hardware's interrupt controllers or MSI bank,
 * which the guest does not have (its interrupt parent is the vPIC). */
static const char *const dropped[] = {
	"interrupts",	 "interrupt-parent", "interrupts-extended",
	"interrupt-map", "fsl,msi",	     "msi-parent",
	"phandle",	 "linux,phandle",
};

static bool is_dropped(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dropped); i++)
		if (!strcmp(name, dropped[i]))
			return true;
	return false;
}

struct map_out {
	const struct part_plan *pp;
	u32 pic_cells;
	fdt32_t *out; /* NULL: count only */
	int n;	      /* cells written (or counted) */
};

/* One "interrupt-map" entry rewritten to the vPIC (see the top). */
static int map_entry(void *arg, const u32 *entry, int child, int spec_at,
		     int spec_cells)
{
	struct map_out *m = arg;
	const fdt32_t *e = (const fdt32_t *)entry;
	fdt32_t cell[3];
	u32 virq;
	int k, n = 0;

	if (spec_cells < 2)
		return 0;
	virq = config_irq_virq(m->pp, fdt32_to_cpu(e[spec_at]));
	if (!virq)
		return 0;
	cell[n++] = cpu_to_fdt32(GUEST_DT_PIC_PHANDLE);
	cell[n++] = cpu_to_fdt32(virq);
	if (m->pic_cells == 2)
		cell[n++] = cpu_to_fdt32(fdt32_to_cpu(e[spec_at + 1]) & 3);
	if (m->out) {
		for (k = 0; k < child; k++)
			m->out[m->n + k] = e[k];
		memcpy(m->out + m->n + child, cell,
		       (size_t)n * sizeof(cell[0]));
	}
	m->n += child + n;
	return 0;
}

/*
 * @node's "interrupt-map" rewritten to the vPIC: counted, then written
 * into a placeholder of that size.
 */
static void rewrite_map(struct gdt *g, const void *hwfdt, int node,
			const struct part_plan *pp, u32 pic_cells)
{
	struct map_out m = { .pp = pp, .pic_cells = pic_cells };
	void *val;
	int ctl;

	if (!irqchip_driver_find(hwfdt, &ctl) ||
	    config_irq_map_walk(hwfdt, ctl, node, map_entry, &m)) {
		prop(g, "interrupt-map", "", 0);
		return;
	}
	if (g->ret)
		return;
	g->ret = fdt_property_placeholder(g->fdt, "interrupt-map",
					  m.n * (int)sizeof(fdt32_t), &val);
	if (g->ret)
		return;
	m.out = val;
	m.n = 0;
	config_irq_map_walk(hwfdt, ctl, node, map_entry, &m);
}

/* The controller's properties, filtered; "interrupt-map" rewritten. */
static void copy_props(struct gdt *g, const void *hwfdt, int node,
		       const struct part_plan *pp, u32 pic_cells)
{
	int off;

	fdt_for_each_property_offset(off, hwfdt, node)
	{
		const char *name;
		int len;
		const void *v = fdt_getprop_by_offset(hwfdt, off, &name, &len);

		if (v && !is_dropped(name))
			prop(g, name, v, len);
	}
	if (fdt_getprop(hwfdt, node, "interrupt-map", NULL))
		rewrite_map(g, hwfdt, node, pp, pic_cells);
	else if (fdt_getprop(hwfdt, node, "interrupt-map-mask", NULL))
		prop(g, "interrupt-map", "", 0);
}

/* @node and its subtree, in document order: fdt_next_node() gives each
 * node's depth below @node, so the nodes to close are known without
 * recursion. @node gets "msi-address-64" = @msi_address unless 0. */
static void copy_subtree(struct gdt *g, const void *hwfdt, int node,
			 const struct part_plan *pp, u32 pic_cells,
			 u64 msi_address)
{
	int depth = 0, prev, n = node;

	for (;;) {
		begin(g, fdt_get_name(hwfdt, n, NULL));
		copy_props(g, hwfdt, n, pp, pic_cells);
		if (n == node && msi_address)
			prop_u64(g, "msi-address-64", msi_address);
		prev = depth;
		n = fdt_next_node(hwfdt, n, &depth);
		if (n < 0 || depth <= 0) {
			for (; prev >= 0; prev--)
				end(g);
			return;
		}
		for (; prev >= depth; prev--)
			end(g);
	}
}

/*
 * A controller is copied with its addresses unchanged, so its hardware
 * parent must map 1:1 to real addresses: the root, or a bus with an
 * empty "ranges" whose own parent is the root, with the root's cell
 * counts (the bus of ours takes them).
 */
static int parent_cells(const void *hwfdt, int node, u32 *ac, u32 *sc)
{
	int parent = fdt_parent_offset(hwfdt, node), len = -1;

	if (parent < 0)
		return parent;
	if (parent != 0 && (!fdt_getprop(hwfdt, parent, "ranges", &len) ||
			    len != 0 || fdt_parent_offset(hwfdt, parent) != 0))
		return -1;
	*ac = (u32)fdt_address_cells(hwfdt, parent);
	*sc = (u32)fdt_size_cells(hwfdt, parent);
	return 0;
}

int guest_dt_check_pci(const void *hwfdt, const struct part_plan *pp,
		       char *node, size_t len)
{
	unsigned int i;
	u32 ac, sc;

	for (i = 0; pp && i < pp->ndev; i++) {
		if (!fdt_is_pci_host(hwfdt, pp->hw_dev[i]))
			continue;
		if (parent_cells(hwfdt, pp->hw_dev[i], &ac, &sc) ||
		    ac != (u32)fdt_address_cells(hwfdt, 0) ||
		    sc != (u32)fdt_size_cells(hwfdt, 0)) {
			if (fdt_get_path(hwfdt, pp->hw_dev[i], node, (int)len))
				node[0] = '\0';
			return -EINVAL;
		}
	}
	return 0;
}

bool guest_dt_add_pci(struct gdt *g, const void *hwfdt, u32 pic_cells,
		      const struct partition *p, const struct part_plan *pp)
{
	bool open = false;
	unsigned int i;
	u32 ac, sc;

	for (i = 0; pp && i < pp->ndev; i++) {
		int node = pp->hw_dev[i];
		phys_addr_t base;

		if (!fdt_is_pci_host(hwfdt, node) ||
		    parent_cells(hwfdt, node, &ac, &sc))
			continue;
		if (!open) {
			begin(g, GUEST_DT_PCI_BUS);
			prop_str(g, "compatible", "simple-bus");
			prop_u32(g, "#address-cells",
				 (u32)fdt_address_cells(hwfdt, 0));
			prop_u32(g, "#size-cells",
				 (u32)fdt_size_cells(hwfdt, 0));
			prop_flag(g, "ranges");
			open = true;
		}
		/* the hose's BUID is its register base (iommu_groups) */
		copy_subtree(g, hwfdt, node, pp, pic_cells,
			     fdt_reg_phys(hwfdt, node, 0, &base, NULL) ?
				     0 :
				     guest_dt_msi_address(p, base));
	}
	if (open) {
		guest_dt_add_msi(g, p);
		end(g);
	}
	return open;
}
