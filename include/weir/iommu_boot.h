/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IOMMU bring-up at boot and access-violation polling (hv/iommu_boot.c). */
#ifndef WEIR_IOMMU_BOOT_H
#define WEIR_IOMMU_BOOT_H

#include <weir/hwtree.h>

struct plan;
struct group_plan;
struct msi_bank;
struct pamu_config;
struct dma_group_config;

/**
 * iommu_plan_pamu_config() - the PAMU table sizes for @plan: max_liodn + 1
 * PAACEs; 2 x (@max_sub - 1) SPAACEs per assigned LIODN (a window change
 * keeps the old run until the new one is live); 36-bit IOVAs; a staging
 * log of IOMMU_STAGE_OPS(n, @max_sub) operations, n the LIODNs of the
 * plan's largest group (one transaction of that group restaging a fully
 * mapped window)
 * @max_sub: subwindows per window of the PAMU (PC3), a power of two >= 2
 */
void iommu_plan_pamu_config(const struct plan *plan, unsigned int max_sub,
			    struct pamu_config *pc);

/**
 * iommu_plan_group_config() - the dma_group_create() config of group @gp:
 * its planned config, DMA blocked at start when "dma-disabled", and the
 * MSI doorbell page of @bank (the owner's bank, or NULL) in every window
 */
void iommu_plan_group_config(const struct group_plan *gp,
			     const struct msi_bank *bank,
			     struct dma_group_config *c);

/**
 * iommu_boot() - PAMU tables, PAMU units and every DMA group of @plan
 * @plan: the validated plan (groups, max_liodn, PAMU units)
 * @hwfdt: hardware tree (MSI banks among the partitions' devices)
 * @hw: hardware facts (CCSR, for the PAMU and GUTS registers)
 * @err: on failure, the node at fault and why
 *
 * Partitions must exist (partition_by_id()) before this runs.
 * On an SVR with erratum A-004510 and PAMU units, iommu_pamu_a004510()
 * runs before any unit is enabled.
 * Return: 0; -EINVAL/-ERANGE (PAMU units not contiguous or outside
 * CCSR); -ENOMEM (tables); iommu_pamu_a004510()'s errors;
 * dma_group_create()'s errors.
 */
int iommu_boot(const struct plan *plan, const void *hwfdt,
	       const struct hw_info *hw, struct dt_error *err);

struct pamu_csd;

/**
 * iommu_pamu_a004510() - erratum A-004510 at boot (hv/iommu_errata.c):
 * on an SVR of the quirk table, the PAMU tables [@phys, @phys + @size)
 * get a coherence subdomain of their own (Linux 6.1 fsl_pamu.c
 * create_csd()); on any other SVR nothing is touched and @csd->port_id
 * is 0. @map is arch_ccsr_ptr() (a fake CCSR in host tests).
 * Return: 0, or -errno with @err naming the node and property (missing
 * "fsl,corenet-law"/"fsl,corenet-cf" node or count: -ENODEV/-EINVAL;
 * block outside CCSR: -ERANGE; no free CSD ID: -ENOSPC; no LAW maps the
 * tables: -ENOENT; no free LAW above it: -EBUSY).
 */
int iommu_pamu_a004510(const void *hwfdt, u32 svr, phys_addr_t phys,
		       u64 size, void *(*map)(phys_addr_t phys, u64 len),
		       struct pamu_csd *csd, struct dt_error *err);

/* From weir's tick on cpu 0: collect MSIs of assigned banks, handle
 * pending PAMU access violations (boards). */
void iommu_poll(void);

#endif
