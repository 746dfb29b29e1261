/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internal to the guest device tree builder (hv/guest_dt*.c): a
 * sequential libfdt writer whose first error sticks (later calls do
 * nothing; the caller checks g->ret once at the end).
 */
#ifndef WEIR_GUEST_DT_PRIV_H
#define WEIR_GUEST_DT_PRIV_H

#include <string.h>
#include <libfdt.h>
#include <weir/types.h>

struct partition;

struct gdt {
	void *fdt;
	int ret;
};

static inline void begin(struct gdt *g, const char *name)
{
	if (!g->ret)
		g->ret = fdt_begin_node(g->fdt, name);
}

static inline void end(struct gdt *g)
{
	if (!g->ret)
		g->ret = fdt_end_node(g->fdt);
}

static inline void prop(struct gdt *g, const char *name, const void *val,
			int len)
{
	if (!g->ret)
		g->ret = fdt_property(g->fdt, name, val, len);
}

/* An empty (flag) property; libfdt still copies from a non-NULL value. */
static inline void prop_flag(struct gdt *g, const char *name)
{
	prop(g, name, "", 0);
}

static inline void prop_str(struct gdt *g, const char *name, const char *s)
{
	prop(g, name, s, (int)strlen(s) + 1);
}

static inline void prop_u32(struct gdt *g, const char *name, u32 v)
{
	fdt32_t be = cpu_to_fdt32(v);

	prop(g, name, &be, sizeof(be));
}

/* A 64-bit number as two cells <hi lo>. */
static inline void prop_u64(struct gdt *g, const char *name, u64 v)
{
	fdt32_t be[2] = { cpu_to_fdt32(v >> 32), cpu_to_fdt32((u32)v) };

	prop(g, name, be, sizeof(be));
}

/* hv/guest_dt/dma.c: one node per DMA group @p owns (at the root), and
 * the error-queue handles (inside /hypervisor/handles). */
void guest_dt_add_dma(struct gdt *g, const struct partition *p);
void guest_dt_add_error_queues(struct gdt *g, const struct partition *p,
			       u32 pic_cells);
/*
 * The IOVA a device of @p's group with BUID @buid (a PCI controller's
 * register base) writes its MSIs to: the doorbell mapped at the group's
 * msi_iova plus MSIIR's offset in its page; 0 when @p has no such group
 * or no MSI bank.
 */
u64 guest_dt_msi_address(const struct partition *p, u64 buid);
/*
 * @p's MSI bank, if it has one, as an "msi" node (fsl,vmpic-msi) where
 * @g is: inside the PCI controllers' simple-bus when there is one (Linux
 * corenet_generic probes only the root children on its list and their
 * children), else at the root.
 */
void guest_dt_add_msi(struct gdt *g, const struct partition *p);

/*
 * hv/guest_dt/pci.c: the partition's PCI controllers (device_type "pci",
 * not below another one, among pp->hw_dev[]) copied with their children
 * under one "simple-bus" node GUEST_DT_PCI_BUS at the root, addresses
 * unchanged (guest-physical = real), INTx unrouted (empty
 * "interrupt-map"), "msi-address-64" = guest_dt_msi_address() of its
 * group when @p has an MSI bank, and @p's MSI bank node in the bus
 * (guest_dt_add_msi()); true when it wrote the bus.
 * guest_dt_check_pci() runs first: -EINVAL, with the
 * controller's hardware path in @node, when its hardware parent does not
 * map 1:1 to real addresses (not the root, nor a bus below the root with
 * an empty "ranges") or its cell counts differ from the root's.
 */
#define GUEST_DT_PCI_BUS "passthrough"
struct part_plan;
int guest_dt_check_pci(const void *hwfdt, const struct part_plan *pp,
		       char *node, size_t len);
bool guest_dt_add_pci(struct gdt *g, const void *hwfdt, u32 pic_cells,
		      const struct partition *p, const struct part_plan *pp);

#endif
