// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOMMU bring-up at boot (doc/pamu.md, doc/iommu-groups.md): the PAMU
 * tables sized from the plan, every PAMU unit of the hardware tree
 * pointed at them and enabled (so every LIODN no partition owns is
 * blocked, V=0), then one DMA group per IOMMU group of the plan with its
 * default window. Without PAMU units (QEMU's ppce500) the same tables are
 * built in memory and enforced by the software PAMU model, which is what
 * weir's emulated DMA engine uses. On boards, access violations are
 * polled from weir's tick (no MPIC driver yet): iommu_poll().
 */
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>
#include <weir/alloc.h>
#include <weir/config.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/arch.h>
#include <weir/iommu_boot.h>
#include <weir/fdt_util.h>
#include <weir/heap.h>
#include <weir/log.h>
#include <weir/msi.h>
#include <weir/pamu.h>
#include <weir/partition.h>

/* GUTS, for PAMUBYPENR (QorIQ RM; Linux fsl_pamu.c uses the same node). */
#define GUTS_OFFSET		0xe0000

static struct iommu *mmu;
static void *pamu_regs;
static unsigned int pamu_units;
static u32 quirks;

static void pamu_poll(void);

static void set_err(struct dt_error *err, const char *node, const char *msg)
{
	snprintf(err->node, sizeof(err->node), "%s", node);
	snprintf(err->prop, sizeof(err->prop), "fsl,liodn");
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
}

/* "/a/b/dma-engine" -> "/dma-engine": the group's node in the guest tree. */
static void guest_path(struct dma_group *g, const char *name)
{
	const char *base = strrchr(name, '/');

	snprintf(g->path, sizeof(g->path), "/%s", base ? base + 1 : name);
}

/* Real units: map, check they are contiguous, read the subwindow count. */
static int pamu_units_find(const struct plan *plan, const struct hw_info *hw,
			   unsigned int *max_sub)
{
	unsigned int i;

	*max_sub = 256;		/* PC3 of every part after P4080 rev 1 */
	if (!plan->npamus)
		return 0;
	for (i = 1; i < plan->npamus; i++)
		if (plan->pamu_phys[i] != plan->pamu_phys[0] + i * PAMU_BLOCK_SIZE)
			return -EINVAL;
	pamu_regs = arch_ccsr_ptr(plan->pamu_phys[0],
				  plan->npamus * PAMU_BLOCK_SIZE);
	if (!pamu_regs)
		return -ERANGE;
	pamu_units = plan->npamus;
	*max_sub = pamu_hw_max_subwindows(pamu_regs);
	return 0;
}

static int groups_create(const struct plan *plan, struct dt_error *err)
{
	unsigned int i;
	char msg[128];
	int ret;

	for (i = 0; i < plan->ngroups; i++) {
		const struct group_plan *gp = &plan->group[i];
		struct partition *p = partition_by_id(gp->part + 1);
		struct dma_group_config c;
		struct dma_group *g;

		iommu_plan_group_config(plan, gp, &c);
		ret = dma_group_create(&c, p, mmu, &g);
		if (!ret) {
			guest_path(g, gp->name);
			if (gp->kind == GROUP_DMA_ENGINE)
				ret = dma_engine_add(g);
		}
		if (ret == -ENOSPC) {
			struct iommu_caps caps;

			/* cannot happen with iommu_plan_pamu_config() */
			mmu->ops->caps(mmu, &caps);
			snprintf(msg, sizeof(msg),
				 "%u LIODNs x (%u subwindows + 1) exceed the PAMU staging log (%u operations)",
				 c.nr_liodns, caps.max_subwindows,
				 caps.max_staged);
			set_err(err, gp->name, msg);
			return ret;
		}
		if (ret) {
			snprintf(msg, sizeof(msg),
				 "cannot create the DMA window of this group (%d)",
				 ret);
			set_err(err, gp->name, msg);
			return ret;
		}
		pr_info("  group %u %s: LIODN %u%s -> '%s', LIOBN 0x%x, window %llu MiB, DMA %s\n",
			i, gp->name, c.liodns[0], c.nr_liodns > 1 ? "+" : "",
			p->name, DMA_LIOBN(i, DMA_WIN_DEFAULT),
			(unsigned long long)(c.default_size >> 20),
			gp->dma_enabled ? "enabled" : "disabled until FH_DMA_ENABLE");
	}
	return 0;
}

/*
 * Each partition's MSI bank, found and checked by config_parse()
 * (config_msi_banks(): one per partition, not sharing a page with
 * another partition's, in CCSR, not MPIC 4.3): mapped and registered.
 */
static int msi_banks_add(const struct plan *plan, const void *cfg,
			 const void *hwfdt, struct dt_error *err)
{
	unsigned int i;
	char path[96];

	for (i = 0; i < plan->nparts; i++) {
		const struct part_plan *pp = &plan->part[i];
		const struct msi_bank_desc *d = &pp->msi;
		volatile u32 *regs, *page;
		int ret = -ERANGE;

		if (!pp->has_msi)
			continue;
		fdt_path_of(hwfdt, pp->hw_dev[pp->msi_dev], path, sizeof(path));
		regs = arch_ccsr_ptr(d->phys, SZ_4K);
		page = arch_ccsr_ptr(msi_doorbell_page(d->doorbell), SZ_4K);
		if (regs && page)
			ret = msi_bank_add(partition_by_id(i + 1), d, regs,
					   page + (d->doorbell % SZ_4K) / 4);
		if (ret) {
			/* cannot happen after config_msi_banks() */
			dt_fail(err, cfg, pp->dev_cfg[pp->msi_dev], "device",
				ret, "%s: cannot use this MSI bank (%d)", path,
				ret);
			return ret;
		}
		pr_info("MSI bank %s%s -> '%s', doorbell 0x%llx (polled every tick)\n",
			path, d->v43 ? " (MPIC 4.3)" : "", pp->name,
			(unsigned long long)d->doorbell);
	}
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

	ret = iommu_errata_a004510(hwfdt, svr, phys, t->size, arch_ccsr_ptr,
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
 * What a LIODN's PAACEs carry besides the window (hv/iommu/plan.c
 * iommu_plan_node_attr()); a stash id left off is a warning.
 */
static void attr_report(const void *hwfdt, int node, u32 liodn,
			const char *kind, const struct pamu_liodn_attr *a,
			const char *note)
{
	char path[128], omi[8] = "none", cid[8] = "none";

	fdt_path_of(hwfdt, node, path, sizeof(path));
	if (a->indexed)
		snprintf(omi, sizeof(omi), "%u", a->omi);
	if (a->stash)
		snprintf(cid, sizeof(cid), "%u", a->cid);
	pr_info("PAMU: LIODN %u (%s, %s): OMI %s, stash id %s, CR %u\n",
		liodn, kind, path, omi, cid, !a->no_coherency);
	if (note)
		pr_warn("PAMU: LIODN %u (%s): %s\n", liodn, path, note);
}

int iommu_boot(const void *cfg, const struct plan *plan, const void *hwfdt,
	       const struct hw_info *hw, struct dt_error *err)
{
	struct heap_budget heap, now;
	struct plan_memory mem;
	struct pamu_config pc;
	const struct pamu_tables *t;
	unsigned int max_sub;
	int ret;

	ret = pamu_units_find(plan, hw, &max_sub);
	if (ret) {
		set_err(err, "fsl,pamu", "PAMU register blocks not contiguous or outside CCSR");
		return ret;
	}
	/* what weir-plan checks, with the PAMU's subwindow count */
	hv_heap_get(&heap);
	ret = iommu_plan_memory(cfg, plan, max_sub, &heap, &mem, err);
	if (ret)
		return ret;
	iommu_plan_pamu_config(plan, max_sub, &pc);
	ret = pamu_create(&pc, &mmu);
	if (ret) {
		set_err(err, "fsl,pamu", "cannot allocate the PAMU tables");
		return ret;
	}
	t = pamu_tables(mmu);
	quirks = pamu_quirks(arch_svr());
	if (pamu_units) {
		ret = a004510_apply(hwfdt, t, err);
		if (ret)
			return ret;
		ret = pamu_hw_init(pamu_regs, pamu_units, t,
				   arch_ccsr_ptr(hw->ccsr_phys + GUTS_OFFSET,
						 0x1000));
		if (ret) {
			set_err(err, "fsl,pamu", "PAMU bring-up failed");
			return ret;
		}
		pr_info("PAMU: %u units, %u PAACEs, %u SPAACEs, %u subwindows per window, tables %llu KiB at 0x%llx; unassigned LIODNs blocked\n",
			pamu_units, t->num_paace, t->num_spaace, max_sub,
			(unsigned long long)(t->size >> 10),
			(unsigned long long)(uintptr_t)t->base);
	} else {
		pr_info("PAMU: none in the hardware tree (QEMU); %u PAACEs, %u SPAACEs built in memory (%llu KiB), enforced by the software PAMU model for weir's emulated devices\n",
			t->num_paace, t->num_spaace,
			(unsigned long long)(t->size >> 10));
	}
	ret = iommu_plan_liodn_attrs(hwfdt, plan, mmu, attr_report);
	if (ret) {
		set_err(err, "fsl,pamu", "bad LIODN attributes");
		return ret;
	}
	ret = msi_banks_add(plan, cfg, hwfdt, err);
	if (!ret)
		ret = groups_create(plan, err);
	if (ret)
		return ret;
	hv_heap_get(&now);
	pr_info("heap: %llu of %llu bytes used by the IOMMU tables (planned %llu)\n",
		(unsigned long long)heap_budget_used(&now),
		(unsigned long long)mem.avail, (unsigned long long)mem.used);
	return 0;
}

void iommu_poll(void)
{
	dma_lock();
	msi_poll();
	pamu_poll();
	dma_unlock();
}

/*
 * One pass over the PAMU units. A violation by a LIODN that is already
 * invalid makes pamu_av_handle() turn AV reporting off on that unit
 * (A-003638: the unit would interrupt forever). The NXP hypervisor turns
 * it back on at FH_DMA_ENABLE; weir turns it back on at the next tick, so
 * a device that keeps faulting costs at most one report per unit per tick
 * and no later violation of another device is missed for long.
 */
static void pamu_poll(void)
{
	static bool av_off[32];
	struct pamu_av av;
	unsigned int i;
	volatile u32 *pics;

	for (i = 0; i < pamu_units && i < ARRAY_SIZE(av_off); i++) {
		u8 *regs = (u8 *)pamu_regs + i * PAMU_BLOCK_SIZE;

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
		dma_fault_pamu(&av);
	}
}
