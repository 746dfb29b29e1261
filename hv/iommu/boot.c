// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOMMU bring-up at boot (doc/architecture.md, doc/pamu.md,
 * doc/iommu-groups.md): the backend of the hardware tree
 * (iommu_driver_find(): the PAMU), its tables sized from the plan, its
 * units brought up (so every LIODN no partition owns is blocked), then
 * one DMA group per IOMMU group of the plan with its default window.
 * Without units (QEMU's ppce500) the PAMU's tables are built in memory
 * and enforced by its software model, which is what weir's emulated DMA
 * engine uses. On boards, access violations arrive as the unit's
 * interrupt (its node's first "interrupts" entry, taken by weir through
 * hv/irq/hwirq.c: iommu_irq()), and so do the MSI banks' (msi_bank_irq());
 * weir's tick polls them (iommu_poll()) only where no interrupt is wired:
 * no interrupt controller weir drives, or a node without "interrupts";
 * and once after a unit turned its violation reporting off (PAMU
 * A-003638), since then no interrupt comes to turn it back on.
 * The core reaches the backend only
 * through struct iommu_driver and iommu_ops (include/weir/iommu.h).
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
#include <weir/hwirq.h>
#include <weir/iommu.h>
#include <weir/log.h>
#include <weir/msi.h>
#include <weir/partition.h>
#include <weir/vcpu.h>

static const struct iommu_driver *drv;
static struct iommu *mmu;
static bool av_irq; /* violations arrive as an interrupt: no tick poll */
/*
 * A unit turned its violation reporting off (PAMU A-003638: a violation
 * of a LIODN whose entry is invalid, as weir's own blocking makes it):
 * with reporting off no interrupt comes to turn it back on, so the tick
 * polls once more, which does (iommu_ops.poll).
 */
static bool av_reporting_off;

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

			/* cannot happen with iommu_plan_config() */
			mmu->ops->caps(mmu, &caps);
			snprintf(
				msg, sizeof(msg),
				"%u LIODNs x (%u subwindows + 1) exceed the %s staging log (%u operations)",
				c.nr_liodns, caps.max_subwindows, drv->label,
				caps.max_staged);
			set_err(err, gp->name, msg);
			return ret;
		}
		if (ret) {
			snprintf(
				msg, sizeof(msg),
				"cannot create the DMA window of this group (%d)",
				ret);
			set_err(err, gp->name, msg);
			return ret;
		}
		pr_info("  group %u %s: LIODN %u%s -> '%s', LIOBN 0x%x, %swindow %llu MiB, DMA %s\n",
			i, gp->name, c.liodns[0], c.nr_liodns > 1 ? "+" : "",
			p->name, DMA_LIOBN(i, DMA_WIN_DEFAULT),
			c.identity ? "identity " : "",
			(unsigned long long)(c.default_size >> 20),
			gp->dma_enabled ? "enabled" :
					  "disabled until FH_DMA_ENABLE");
	}
	return 0;
}

/* A bank's MSIR interrupt (weir's own source, hv/irq/hwirq.c). */
static void msi_irq(void *arg, u32 src)
{
	(void)src;
	dma_lock();
	msi_bank_irq(arg);
	dma_unlock();
}

/*
 * Take every "interrupts" entry of bank @b's node (one per MSIR) as
 * weir's own source on the core of the owner's vCPU 0; only when all are
 * taken does the bank stop being polled.
 */
static void msi_irqs_request(const void *hwfdt, const struct part_plan *pp,
			     struct msi_bank *b, const char *path)
{
	unsigned int cpu = b->owner->vcpu[0]->cpu;
	int i, ret = 0;
	u32 src;

	for (i = 0; i < (int)b->nr_msir && !ret; i++)
		ret = hwirq_request_node(hwfdt, pp->hw_dev[pp->msi_dev], i, cpu,
					 msi_irq, b, &src);
	b->irq_wired = !ret;
	if (ret && ret != -ENODEV)
		pr_warn("MSI bank %s: interrupt %d not taken (%d): polled every tick\n",
			path, i - 1, ret);
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
		struct partition *part = partition_by_id(i + 1);
		volatile u32 *regs, *page;
		int ret = -ERANGE;

		if (!pp->has_msi)
			continue;
		fdt_path_of(hwfdt, pp->hw_dev[pp->msi_dev], path, sizeof(path));
		regs = arch_ccsr_ptr(d->phys, SZ_4K);
		page = arch_ccsr_ptr(msi_doorbell_page(d->doorbell), SZ_4K);
		if (regs && page)
			ret = msi_bank_add(part, d, regs,
					   page + (d->doorbell % SZ_4K) / 4);
		if (ret) {
			/* cannot happen after config_msi_banks() */
			dt_fail(err, cfg, pp->dev_cfg[pp->msi_dev], "device",
				ret, "%s: cannot use this MSI bank (%d)", path,
				ret);
			return ret;
		}
		msi_irqs_request(hwfdt, pp, msi_bank_of(part), path);
		pr_info("MSI bank %s%s -> '%s', doorbell 0x%llx (%s)\n", path,
			d->v43 ? " (MPIC 4.3)" : "", pp->name,
			(unsigned long long)d->doorbell,
			msi_bank_of(part)->irq_wired ?
				"interrupts" :
				"polled every tick: no interrupt wired");
		if (d->shared_page)
			pr_warn("MSI bank %s: doorbell page 0x%llx holds MPIC registers (GCR, PIR, timers): any DMA master of '%s' can write them (accepted by " MSI_PROP_SHARED_PAGE
				")\n",
				path,
				(unsigned long long)msi_doorbell_page(
					d->doorbell),
				pp->name);
	}
	return 0;
}

/*
 * What a LIODN's entries carry besides the window (hv/iommu/plan.c
 * iommu_plan_node_attr()); a stash id left off is a warning.
 */
static void attr_report(const void *hwfdt, int node, u32 liodn,
			const char *kind, const struct iommu_liodn_attr *a,
			const char *note)
{
	char path[128], omi[8] = "none", cid[8] = "none";

	fdt_path_of(hwfdt, node, path, sizeof(path));
	if (a->indexed)
		snprintf(omi, sizeof(omi), "%u", a->omi);
	if (a->stash)
		snprintf(cid, sizeof(cid), "%u", a->cid);
	pr_info("%s: LIODN %u (%s, %s): OMI %s, stash id %s, CR %u\n",
		drv->label, liodn, kind, path, omi, cid, !a->no_coherency);
	if (note)
		pr_warn("%s: LIODN %u (%s): %s\n", drv->label, liodn, path,
			note);
}

/* Route one violation a unit reported (hv/dma/fault.c). */
static void fault_report(const struct iommu_fault *f)
{
	if (f->reporting_off)
		av_reporting_off = true;
	dma_fault_route(f);
}

/* The IOMMU's violation interrupt (weir's own source, hv/irq/hwirq.c). */
static void iommu_irq(void *arg, u32 src)
{
	(void)arg;
	(void)src;
	dma_lock();
	if (mmu && mmu->ops->poll)
		mmu->ops->poll(mmu, fault_report);
	dma_unlock();
}

/*
 * The violation interrupt of the IOMMU node (its first "interrupts"
 * entry; QEMU's pamu=on model raises MPIC source 40 when PICS[AVIE] is
 * set, which the PAMU's bring-up sets) taken on cpu 0; else the tick
 * keeps polling.
 */
static void iommu_irq_request(const void *hwfdt, const struct plan *plan)
{
	u32 src;
	int ret;

	if (plan->iommu_node < 0 || !mmu->ops->poll)
		return;
	ret = hwirq_request_node(hwfdt, plan->iommu_node, 0, 0, iommu_irq, NULL,
				 &src);
	av_irq = !ret;
	if (av_irq)
		pr_info("%s: access violations on interrupt source %u, cpu 0\n",
			drv->label, src);
	else
		pr_info("%s: access violations polled every tick (no interrupt wired: %d)\n",
			drv->label, ret);
}

int iommu_boot(const void *cfg, const struct plan *plan, const void *hwfdt,
	       const struct hw_info *hw, struct dt_error *err)
{
	struct heap_budget heap, now;
	struct plan_memory mem;
	struct iommu_config ic;
	unsigned int max_sub;
	int ret;

	drv = iommu_driver_at(hwfdt, plan->iommu_node);
	if (!drv) {
		set_err(err, "/", "no IOMMU driver built in");
		return -ENODEV;
	}
	ret = drv->probe(hwfdt, plan->iommu_node, hw, &max_sub, err);
	if (ret)
		return ret;
	/* what weir-plan checks, with the IOMMU's subwindow count */
	hv_heap_get(&heap);
	ret = iommu_plan_memory(cfg, plan, drv, max_sub, &heap, &mem, err);
	if (ret)
		return ret;
	iommu_plan_config(plan, max_sub, &ic);
	ret = drv->create(&ic, &mmu);
	if (ret) {
		char msg[64];

		snprintf(msg, sizeof(msg), "cannot allocate the %s tables",
			 drv->label);
		set_err(err, drv->compatible ? drv->compatible : drv->name,
			msg);
		return ret;
	}
	ret = drv->bring_up(mmu, hwfdt, hw, err);
	if (ret)
		return ret;
	iommu_irq_request(hwfdt, plan);
	ret = iommu_plan_liodn_attrs(hwfdt, plan, mmu, attr_report);
	if (ret) {
		set_err(err, drv->compatible ? drv->compatible : drv->name,
			"bad LIODN attributes");
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
	if ((!av_irq || av_reporting_off) && mmu && mmu->ops->poll) {
		av_reporting_off = false;
		mmu->ops->poll(mmu, fault_report);
	}
	dma_unlock();
}
