/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IOMMU groups and LIODNs: what the hardware tree says about DMA masters
 * (hv/iommu/hw.c), the groups of the partition config (hv/iommu/groups.c)
 * and their DMA options (hv/config/dma.c). Rules and sources:
 * doc/iommu-groups.md; config binding: doc/bindings/weir-config.md.
 */
#ifndef WEIR_IOMMU_GROUPS_H
#define WEIR_IOMMU_GROUPS_H

#include <weir/config.h>

/* ---- hardware discovery (hv/iommu/hw.c) ---- */

enum pci_ctrl_kind {
	PCI_CTRL_NONE = 0,    /* not a Freescale PCI/PCIe controller */
	PCI_CTRL_HOSE,	      /* no endpoint partitioning: one group per hose */
	PCI_CTRL_PARTITIONED, /* PCIe IP >= 2.4: endpoints with LIODNs apart
				 * (refused: doc/iommu-groups.md) */
};

/**
 * iommu_hw_pci_kind() - is @node a Freescale PCI controller, and does it
 * partition endpoints?
 *
 * Controllers are the compatibles Linux 6.1 binds fsl_pci_driver to
 * (arch/powerpc/sysdev/fsl_pci.c pci_ids[]). Linux decides endpoint
 * partitioning from the BRR1 register (IP version >= 0x0204,
 * drivers/iommu/fsl_pamu_domain.c check_pci_ctl_endpt_part()); the device
 * tree states the same version as "fsl,qoriq-pcie-vX.Y", so X.Y >= 2.4
 * means partitioned. A controller without a version string is treated as
 * unpartitioned (the coarser, always safe grouping).
 */
enum pci_ctrl_kind iommu_hw_pci_kind(const void *fdt, int node);

/**
 * iommu_hw_liodns() - the "fsl,liodn" cells of @node (hardware or config)
 * @out: up to @max LIODNs
 * Return: the number of LIODNs (0 when the property is absent); -EINVAL
 * when it is empty or not whole cells; -E2BIG when it has more than @max.
 */
int iommu_hw_liodns(const void *fdt, int node, u32 *out, unsigned int max);

/**
 * iommu_hw_liodn_range() - what the hardware tree says of LIODNs, in one
 * walk of it
 * @limit: the largest LIODN this SoC can have: PLAN_LIODN_LIMIT, lowered
 *	to 2^bits - 1 by the first "fsl,liodn-bits" property (the guts node
 *	of QorIQ trees) when 1 <= bits < 12
 * @max: the largest "fsl,liodn" cell of the tree that is <= *@limit
 *	(U-Boot writes them on boards; larger ones cannot be in the PAACT
 *	and are left out); 0 when there is none
 */
void iommu_hw_liodn_range(const void *fdt, u32 *limit, u32 *max);

/**
 * iommu_hw_units() - the PAMU register blocks of IOMMU node @node
 * @node: the hardware tree's IOMMU node (iommu_driver_find()), or < 0
 * @phys: real address of each 4 KiB unit, at most @max
 * @n: number found (0 when @node < 0: no "fsl,pamu" node, as on QEMU)
 *
 * Linux 6.1 drivers/iommu/fsl_pamu.c fsl_pamu_probe() takes "reg" entry
 * 0 of the fsl,pamu node and programs one unit per 4 KiB of it
 * (p4080si-post.dtsi: 0x5000 = 5 units; t4240si-post.dtsi: 6).
 * Return: 0; -EINVAL (with @err) when "reg" is missing, untranslatable,
 * or not a whole number of 4 KiB blocks; -E2BIG when more than @max.
 */
int iommu_hw_units(const void *fdt, int node, phys_addr_t *phys,
		   unsigned int max, unsigned int *n, struct dt_error *err);

/* ---- DMA options of a config node (hv/config/dma.c) ---- */

/**
 * config_dma_opts() - read the DMA options of config node @node into a
 * group's @dma (already holding the defaults) and @enabled
 *
 * "dma-window-size" <hi lo> (bytes, power of two, 4 KiB..1 GiB and at
 * least one page), "dma-page-shift" <12|16|24>, "dma-disabled" (empty),
 * "msi-iova" <hi lo> (4 KiB aligned, the reserved MSI range inside the
 * 36-bit IOVA space). The MSI range (given or default) must lie inside
 * the default window (doc/tce.md: every window reserves it).
 * "dma-window-type" = "tce" (default) or "identity": an identity window
 * (IOVA = guest-physical over the owner's RAM, @ram_size bytes at real
 * @ram_phys; doc/passthrough.md) sized to hold the RAM and the MSI range,
 * which must lie above the RAM in a subwindow of its own; with it
 * "dma-window-size" and "dma-page-shift" are refused.
 * Return: 0; -EINVAL with @err naming @node and the property; -ERANGE
 * when the MSI range is outside the window (naming "msi-iova" when
 * given, else "dma-window-size"), or, for an identity window, when it
 * overlaps the RAM (naming "msi-iova" when given, else
 * "dma-window-type"); -EINVAL too when an identity window's RAM is not
 * whole subwindows or its MSI range does not start one.
 */
int config_dma_opts(const void *cfg, int node, struct dma_group_config *dma,
		    bool *enabled, phys_addr_t ram_phys, u64 ram_size,
		    struct dt_error *err);

/**
 * config_dma_first_opt() - name of the first DMA window option present on
 * @node ("fsl,liodn" is not one), or NULL when it has none.
 */
const char *config_dma_first_opt(const void *cfg, int node);

/* ---- groups of the config (hv/iommu/groups.c) ---- */

/**
 * iommu_groups_build() - the IOMMU groups of a parsed plan
 * @cfg: config tree; its partitions are already in @plan (parts parsed)
 * @hwfdt: hardware tree
 * @plan: fills group[], ngroups, max_liodn, iommu_phys[], niommus
 * @err: the config node and property at fault
 *
 * Every device child whose hardware node is a DMA master (has LIODNs,
 * from the hardware tree or the child's own "fsl,liodn", or sits on a PCI
 * hose) joins its group, and so does a child whose nearest ancestor with
 * LIODNs is one (it DMAs as that ancestor); every weir,dma-engine child
 * is a group of its own. A child's "fsl,liodn" must equal its hardware
 * node's, when that has one (weir does not reprogram LIODN registers).
 * Outside PCI controllers a bus ("simple-bus") is never assigned, nor a
 * node together with its ancestor or descendant. Rules:
 * doc/iommu-groups.md.
 *
 * Return: 0; -EBUSY when a group is split between partitions, or a LIODN
 * is in two groups, or in a group and in a hardware node outside it, or
 * a node is assigned with its ancestor or descendant; -ERANGE when a
 * LIODN exceeds the LIODN limit; -EINVAL for malformed properties, a
 * config LIODN other than the hardware's, a bus node, a duplicate LIODN
 * in one list, a PCI group without LIODN,
 * DMA options on a node that is not a DMA master, options given twice
 * for one group; -E2BIG when a group has more than DMA_GROUP_MAX_LIODNS
 * LIODNs or PLAN_GROUP_MAX_NODES nodes, or there are more than
 * PLAN_MAX_GROUPS groups or PLAN_MAX_IOMMU_UNITS PAMU units.
 */
int iommu_groups_build(const void *cfg, const void *hwfdt, struct plan *plan,
		       struct dt_error *err);

/* "device", "pci-hose" or "dma-engine". */
const char *iommu_group_kind_name(enum group_kind kind);

#endif
