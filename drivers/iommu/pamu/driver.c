// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAMU as an IOMMU backend (struct iommu_driver, include/weir/iommu.h):
 * finds the units of the hardware tree, brings them up with the SoC's
 * errata, polls their access violations from weir's tick, and runs weir's
 * emulated DMA engine through the software model. Without units (QEMU's
 * ppce500) the same tables live in memory and only the model reads them,
 * which is why this driver is also the registry's fallback.
 * Bring-up follows Linux 6.1 drivers/iommu/fsl_pamu.c fsl_pamu_probe();
 * the violation handling the NXP hypervisor's (doc/pamu.md).
 */
#include <errno.h>
#include <stdio.h>
#include <weir/arch.h>
#include <weir/config.h>
#include <weir/iommu_groups.h>
#include <weir/log.h>
#include "pamu_priv.h"

/* GUTS, for PAMUBYPENR (QorIQ RM; Linux fsl_pamu.c uses the same node). */
#define GUTS_OFFSET 0xe0000

/* What probe() found: one SoC has one set of units. */
static void *unit_regs;
static unsigned int nunits;
static u32 quirks;
static bool av_off[32];

_Static_assert((int)PAMU_AV_UNKNOWN == (int)IOMMU_FAULT_UNKNOWN &&
		       (int)PAMU_AV_LIODN == (int)IOMMU_FAULT_LIODN &&
		       (int)PAMU_AV_WINDOW == (int)IOMMU_FAULT_WINDOW &&
		       (int)PAMU_AV_PERM == (int)IOMMU_FAULT_PERM &&
		       (int)PAMU_AV_OPTRANS == (int)IOMMU_FAULT_OPTRANS &&
		       (int)PAMU_AV_GATE == (int)IOMMU_FAULT_GATE &&
		       (int)PAMU_AV_PDV == (int)IOMMU_FAULT_PDV,
	       "enum pamu_av_kind follows enum iommu_fault_kind");

static int fail(struct dt_error *err, int ret, const char *msg)
{
	snprintf(err->node, sizeof(err->node), "fsl,pamu");
	snprintf(err->prop, sizeof(err->prop), "fsl,liodn");
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return ret;
}

/**
 * pamu_fault_of() - the generic record @f (include/weir/iommu.h) of the
 * violation @av pamu_av_handle() decoded from a unit's registers: the
 * same fields, AVS1/AVS2 as the raw status words, A-003638's
 * reporting-off flag. (The model fills struct iommu_fault itself.)
 */
void pamu_fault_of(struct iommu_fault *f, const struct pamu_av *av)
{
	*f = (struct iommu_fault){
		.unit = av->unit,
		.liodn = av->liodn,
		.liodn_valid = av->liodn_valid,
		.entry_valid = av->entry_valid,
		.kind = (enum iommu_fault_kind)av->kind,
		.status = { av->avs1, av->avs2 },
		.addr = av->addr,
		.write = av->write,
		.reporting_off = av->av_disabled,
	};
}

/*
 * Real units: the "reg" of the "fsl,pamu" node @node (iommu_hw_units()),
 * contiguous 4 KiB blocks, mapped; the subwindow count from PC3. None
 * (QEMU): 256 subwindows, PC3 of every part after P4080 rev 1.
 */
static int pamu_probe(const void *hwfdt, int node, const struct hw_info *hw,
		      unsigned int *max_sub, struct dt_error *err)
{
	phys_addr_t phys[PLAN_MAX_IOMMU_UNITS];
	unsigned int i, n = 0;
	int ret;

	*max_sub = 256;
	nunits = 0;
	if (hwfdt) {
		ret = iommu_hw_units(hwfdt, node, phys, ARRAY_SIZE(phys), &n,
				     err);
		if (ret)
			return ret;
	}
	if (!n)
		return 0;
	for (i = 1; i < n; i++)
		if (phys[i] != phys[0] + i * PAMU_BLOCK_SIZE)
			return fail(
				err, -EINVAL,
				"PAMU register blocks not contiguous or outside CCSR");
	unit_regs = arch_ccsr_ptr(phys[0], n * PAMU_BLOCK_SIZE);
	if (!unit_regs)
		return fail(
			err, -ERANGE,
			"PAMU register blocks not contiguous or outside CCSR");
	nunits = n;
	*max_sub = pamu_hw_max_subwindows(unit_regs);
	return 0;
}

/*
 * Before any unit is enabled, as Linux fsl_pamu_probe() does. Only with
 * real units: without them (QEMU) no hardware reads the tables.
 */
static int a004510_apply(const void *hwfdt, const struct pamu_tables *t,
			 struct dt_error *err)
{
	phys_addr_t phys = hv_virt_to_phys(t->base);
	struct pamu_csd csd;
	u32 svr = arch_svr();
	int ret;

	ret = pamu_errata_a004510(hwfdt, svr, phys, t->size, arch_ccsr_ptr,
				  &csd, err);
	if (ret)
		return ret;
	if (csd.port_id)
		pr_info("PAMU: erratum A-004510 (SVR 0x%08x): tables 0x%llx+%llu KiB in CSD %u (port id 0x%08x), LAW %u = 0x%08x above DDR LAW %u\n",
			svr, (unsigned long long)phys,
			(unsigned long long)(t->size >> 10), csd.csd_id,
			csd.port_id, csd.law, csd.lawar, csd.ddr_law);
	return 0;
}

/*
 * Every unit probe() found pointed at the tables of @mmu and enabled (so
 * every LIODN no partition owns is blocked, V=0), after A-004510; the
 * quirks of this SVR kept for the violation path.
 */
static int pamu_bring_up(struct iommu *mmu, const void *hwfdt,
			 const struct hw_info *hw, struct dt_error *err)
{
	const struct pamu_tables *t = pamu_tables(mmu);
	int ret;

	quirks = pamu_quirks(arch_svr());
	if (!nunits) {
		pr_info("PAMU: none in the hardware tree (QEMU); %u PAACEs, %u SPAACEs built in memory (%llu KiB), enforced by the software PAMU model for weir's emulated devices\n",
			t->num_paace, t->num_spaace,
			(unsigned long long)(t->size >> 10));
		return 0;
	}
	ret = a004510_apply(hwfdt, t, err);
	if (ret)
		return ret;
	ret = pamu_hw_init(unit_regs, nunits, t,
			   arch_ccsr_ptr(hw->ccsr_phys + GUTS_OFFSET, 0x1000));
	if (ret)
		return fail(err, ret, "PAMU bring-up failed");
	pr_info("PAMU: %u units, %u PAACEs, %u SPAACEs, %u subwindows per window, tables %llu KiB at 0x%llx; unassigned LIODNs blocked\n",
		nunits, t->num_paace, t->num_spaace,
		to_pamu(mmu)->max_subwindows,
		(unsigned long long)(t->size >> 10),
		(unsigned long long)(uintptr_t)t->base);
	return 0;
}

/*
 * One pass over the units. A violation by a LIODN that is already
 * invalid makes pamu_av_handle() turn AV reporting off on that unit
 * (A-003638: the unit would interrupt forever). The NXP hypervisor turns
 * it back on at FH_DMA_ENABLE; weir turns it back on at the next tick, so
 * a device that keeps faulting costs at most one report per unit per tick
 * and no later violation of another device is missed for long.
 */
void pamu_poll(struct iommu *mmu,
	       void (*report)(const struct iommu_fault *fault))
{
	struct iommu_fault f;
	struct pamu_av av;
	unsigned int i;
	volatile u32 *pics;

	for (i = 0; i < nunits && i < ARRAY_SIZE(av_off); i++) {
		u8 *regs = (u8 *)unit_regs + i * PAMU_BLOCK_SIZE;

		if (av_off[i]) {
			pamu_av_reenable(regs, quirks);
			av_off[i] = false;
		}
		pics = (volatile u32 *)(regs + PAMU_PICS);
		if (!(*pics & PAMU_PICS_AVICS))
			continue;
		if (pamu_av_handle(regs, i, mmu, quirks, &av))
			continue;
		av_off[i] = av.av_disabled;
		pamu_fault_of(&f, &av);
		report(&f);
	}
}

/* iommu_ops.stats: the sizes of the tables, free SPAACEs, the log. */
void pamu_stats(struct iommu *mmu, struct iommu_stats *st)
{
	const struct pamu_tables *t = pamu_tables(mmu);

	*st = (struct iommu_stats){
		.table_bytes = t->size,
		.entries = t->num_paace,
		.sub_entries = t->num_spaace,
		.sub_free = pamu_spaace_free(mmu),
		.staged = pamu_staged_count(mmu),
	};
}

const struct iommu_driver pamu_iommu_driver = {
	.name = "pamu",
	.label = "PAMU",
	.compatible = "fsl,pamu",
	.fallback = true,
	.probe = pamu_probe,
	.allocs = pamu_allocs,
	.create = pamu_create,
	.destroy = pamu_destroy,
	.bring_up = pamu_bring_up,
	/* host builds only (drivers/iommu/registry.c: why not SANDBOX) */
	.dump = IS_ENABLED(CONFIG_PPC) ? NULL : pamu_dump,
};
