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
 * MSIs: Linux sysdev/fsl_msi.c fsl_compose_msi_msg() takes the address
 * a device writes from the controller's "msi-address-64" when it has
 * one (else the MSIIR's CCSR address through the controller's PCICSRBAR,
 * which the PAMU does not map): weir gives it the doorbell IOVA of the
 * controller's DMA group, as the NXP hypervisor does (src/pamu.c
 * setup_pcie_msi_subwin()); the MSI bank is the guest's "fsl,vmpic-msi".
 *
 * Interrupts are not delivered yet (weir has no MPIC driver): the
 * controller's "interrupt-map" is written empty (with its mask), so
 * every INTx is unrouted, and its own "interrupts", "interrupt-parent"
 * and the MSI phandle ("fsl,msi") are left out. Nodes below the
 * controller are copied with the same filter.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
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

/* The controller's properties, filtered; "interrupt-map" empty. */
static void copy_props(struct gdt *g, const void *hwfdt, int node)
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
	if (fdt_getprop(hwfdt, node, "interrupt-map-mask", NULL))
		prop(g, "interrupt-map", "", 0);
}

/* @node and its subtree, in document order: fdt_next_node() gives each
 * node's depth below @node, so the nodes to close are known without
 * recursion. @node gets "msi-address-64" = @msi_address unless 0. */
static void copy_subtree(struct gdt *g, const void *hwfdt, int node,
			 u64 msi_address)
{
	int depth = 0, prev, n = node;

	for (;;) {
		begin(g, fdt_get_name(hwfdt, n, NULL));
		copy_props(g, hwfdt, n);
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

bool guest_dt_add_pci(struct gdt *g, const void *hwfdt,
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
		copy_subtree(g, hwfdt, node,
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
