/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IOMMU bring-up at boot and access-violation polling (hv/iommu/boot.c). */
#ifndef WEIR_IOMMU_BOOT_H
#define WEIR_IOMMU_BOOT_H

#include <weir/hwtree.h>

struct plan;
struct group_plan;
struct msi_bank;
struct iommu_config;
struct iommu_driver;
struct dma_group_config;

/**
 * iommu_plan_config() - the IOMMU table sizes for @plan: max_liodn + 1
 * LIODN entries; 2 x (@max_sub - 1) subwindow entries per assigned LIODN
 * (a window change keeps the old run until the new one is live); 36-bit
 * IOVAs; a staging log of IOMMU_STAGE_OPS(n, @max_sub) operations, n the
 * LIODNs of the plan's largest group (one transaction of that group
 * restaging a fully mapped window)
 * @max_sub: subwindows per window (iommu_driver.probe; PC3 on the PAMU),
 *           a power of two >= 2
 */
void iommu_plan_config(const struct plan *plan, unsigned int max_sub,
		       struct iommu_config *pc);

/**
 * iommu_plan_group_config() - the dma_group_create() config of group @gp
 * of @plan: its planned config, DMA blocked at start when "dma-disabled",
 * and the MSI doorbell page of the owner's MSI bank (part_plan.has_msi,
 * msi_doorbell_page()) in every window
 */
void iommu_plan_group_config(const struct plan *plan,
			     const struct group_plan *gp,
			     struct dma_group_config *c);

/**
 * struct plan_memory - weir's heap and what a plan takes from it
 * @used: bytes boot allocates for the plan (IOMMU tables and their
 *        software state, every group's TCE tables and state), alignment
 *        padding included, counted from the heap's start
 * @avail: bytes of the heap (CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX)
 */
struct plan_memory {
	u64 used;
	u64 avail;
};

struct heap_budget;

/**
 * iommu_plan_memory() - does @plan fit in weir's heap? Replays on a copy
 * of @heap every allocation iommu_boot() makes for it, in the same order,
 * with the allocators' size functions (@drv->allocs for the tables of
 * iommu_plan_config(), dma_group_allocs() per group) and the heap's
 * arithmetic (heap_budget_take()). Run by iommu_boot() before it
 * allocates anything and by tools/weir-plan, so both refuse the same
 * configs.
 * @cfg: config tree (for @err's node path)
 * @plan: a plan from config_parse()
 * @drv: the IOMMU backend (iommu_driver_find())
 * @max_sub: subwindows per window (@drv->probe), a power of two >= 2
 * @heap: the heap (at boot: hv_heap_get(); in weir-plan: the Kconfig one)
 * @mem: bytes used and available (filled also on -ENOMEM)
 * @err: on -ENOMEM, the config node of the first group (config order)
 *        that does not fit and its window property ("dma-window-size",
 *        else "dma-page-shift", "device" or "compatible"), with the
 *        figures; the config root when the IOMMU tables alone do not fit
 * Return: 0; -ENOMEM; @drv->allocs()'s errors.
 */
int iommu_plan_memory(const void *cfg, const struct plan *plan,
		      const struct iommu_driver *drv, unsigned int max_sub,
		      const struct heap_budget *heap, struct plan_memory *mem,
		      struct dt_error *err);

/**
 * iommu_boot() - the IOMMU of @hwfdt, its tables and every DMA group of
 * @plan
 * @cfg: the config tree @plan came from (error paths)
 * @plan: the validated plan (groups, max_liodn, MSI banks)
 * @hwfdt: hardware tree (the IOMMU units; MSI banks among the
 *         partitions' devices)
 * @hw: hardware facts (CCSR, for the IOMMU's registers)
 * @err: on failure, the node at fault and why
 *
 * Partitions must exist (partition_by_id()) before this runs. The
 * backend is iommu_driver_find(@hwfdt) (the PAMU, also without units on
 * QEMU); its probe() finds the units, and the plan is checked against
 * weir's heap with iommu_plan_memory() (with the subwindow count probe()
 * read) before anything is allocated; then create(), bring_up() (the
 * units and their errata), the LIODN attributes, the MSI banks and the
 * groups.
 * Return: 0; probe()'s errors; iommu_plan_memory()'s errors; -ENOMEM
 * (tables); bring_up()'s errors; dma_group_create()'s errors.
 */
int iommu_boot(const void *cfg, const struct plan *plan, const void *hwfdt,
	       const struct hw_info *hw, struct dt_error *err);

struct iommu;
struct iommu_liodn_attr;

/**
 * iommu_plan_node_attr() - the PAACE attributes Linux 6.1 gives the LIODNs
 * of hardware node @node (fsl_pamu.c setup_liodns(), setup_qbman_paace(),
 * get_stash_id() for the L3 cache; doc/pamu.md, "Operation mapping and
 * stashing")
 * @hwfdt: hardware tree
 * @node:  device node of @hwfdt
 * @attr:  out; all zero (OTM 0, CID 0, CR 1) for any other device
 * @note:  out; NULL, or why a stash id Linux would set is left off, or
 *         what Linux leaves unset for FMan/SEC
 *
 * "fsl,qman-portal": OMI 0 (QMan), L3 stash id; "fsl,qman": OMI 2 (QMan
 * private), L3 stash id, CR 0; "fsl,bman": CR 0; "fsl,fman", its ports
 * ("fsl,fman-v2/v3-port-rx/tx/oh") and SEC ("fsl,sec-v4.0"/"-v5.0" and
 * their job rings): nothing (Linux 6.1 programs OMI 1 and 3 in
 * the OMT but no PAACE of its uses them).
 * Return: the kind ("qman-portal", "qman", "bman", "fman", "fman-port",
 * "sec"), or
 * NULL for any other node.
 */
const char *iommu_plan_node_attr(const void *hwfdt, int node,
				 struct iommu_liodn_attr *attr,
				 const char **note);

/**
 * iommu_plan_liodn_attrs() - set the attributes of every LIODN of @plan's
 * groups (iommu_plan_node_attr() of the group's device node) in @mmu,
 * before any window exists; weir's boot and weir-plan both call it
 * @report: called for each LIODN of a known kind (@note as above), or NULL
 * Return: 0, or iommu_ops.set_liodn_attr()'s negative errno.
 */
int iommu_plan_liodn_attrs(
	const void *hwfdt, const struct plan *plan, struct iommu *mmu,
	void (*report)(const void *hwfdt, int node, u32 liodn, const char *kind,
		       const struct iommu_liodn_attr *attr, const char *note));

/* From weir's tick on cpu 0: collect MSIs of assigned banks, handle
 * pending IOMMU access violations (iommu_ops.poll; boards). */
void iommu_poll(void);

#endif
