/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IOMMU bring-up at boot and access-violation polling (hv/iommu_boot.c). */
#ifndef WEIR_IOMMU_BOOT_H
#define WEIR_IOMMU_BOOT_H

#include <weir/hwtree.h>

struct plan;

/**
 * iommu_boot() - PAMU tables, PAMU units and every DMA group of @plan
 * @plan: the validated plan (groups, max_liodn, PAMU units)
 * @hwfdt: hardware tree (MSI banks among the partitions' devices)
 * @hw: hardware facts (CCSR, for the PAMU and GUTS registers)
 * @err: on failure, the node at fault and why
 *
 * Partitions must exist (partition_by_id()) before this runs.
 * Return: 0; -EINVAL/-ERANGE (PAMU units not contiguous or outside
 * CCSR); -ENOMEM (tables); dma_group_create()'s errors.
 */
int iommu_boot(const struct plan *plan, const void *hwfdt,
	       const struct hw_info *hw, struct dt_error *err);

/* From weir's tick on cpu 0: collect MSIs of assigned banks, handle
 * pending PAMU access violations (boards). */
void iommu_poll(void);

#endif
