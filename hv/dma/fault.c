// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA access violations, from the IOMMU backend (struct iommu_fault,
 * decoded by the driver from a hardware unit or its model): find
 * the owner by LIODN, queue an error record for it, log a rate-limited
 * line, apply the policy (disable the group's DMA). The other partitions
 * are not touched. Follows the NXP Embedded Hypervisor's
 * handle_access_violation (../shared/reference/topaz.md §2.9), with the
 * LIODN range-checked by the driver before any lookup (liodn_valid).
 *
 * A violation no partition owns (a LIODN beyond the PAACT, or a V=0
 * entry of no group: typically a device U-Boot left running) is logged
 * too, against one global budget (struct log_budget): there is no owner
 * whose budget it could use up, and a storm costs the console at most
 * 1/LOG_BUDGET_EVERY of its events.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <weir/dma.h>
#include <weir/errq.h>
#include <weir/iommu.h>
#include <weir/log.h>
#include <weir/partition.h>

static const char *av_kind_name(enum iommu_fault_kind k)
{
	switch (k) {
	case IOMMU_FAULT_LIODN:
		return "LIODN not valid";
	case IOMMU_FAULT_WINDOW:
		return "outside the window";
	case IOMMU_FAULT_PERM:
		return "permission";
	case IOMMU_FAULT_OPTRANS:
		return "operation translation";
	case IOMMU_FAULT_GATE:
		return "gate closed";
	default:
		return "unknown";
	}
}

/* The budget of every violation no partition owns (see the top). */
static struct log_budget unowned_budget;

/* Log, within unowned_budget, a violation of LIODN @av->liodn no group
 * owns; @where says why no entry let it through. Never indexes a table. */
static void unowned_log(const struct iommu_fault *av, const char *where)
{
	char note[LOG_BUDGET_NOTE];

	if (!log_budget_take(&unowned_budget, note))
		return;
	pr_warn("DMA access violation by LIODN %u (%s), owned by no partition: %s IOVA 0x%llx (%s)%s\n",
		av->liodn, where, av->write ? "write" : "read",
		(unsigned long long)av->addr, av_kind_name(av->kind), note);
}

/* One line per violation of @g, within the device's own log budget. */
static void fault_log(struct dma_group *g, const struct iommu_fault *av)
{
	char note[LOG_BUDGET_NOTE];

	if (!log_budget_take(&g->log, note))
		return;
	pr_warn("partition '%s': DMA access violation, LIODN %u %s IOVA 0x%llx (%s); DMA of %s disabled%s\n",
		g->owner->name, av->liodn, av->write ? "write" : "read",
		(unsigned long long)av->addr, av_kind_name(av->kind), g->path,
		note);
}

/**
 * dma_fault_report() - handle one access violation @av
 * @domain: error domain for the record ("pamu", "dma-engine")
 *
 * Return: 0 when the owner was found, notified and its group's DMA
 * disabled; -ENOENT when no group owns the LIODN (logged within the
 * global budget of unowned violations: the LIODN is V=0 anyway, so
 * nothing reached memory).
 */
int dma_fault_report(const struct iommu_fault *av, const char *domain)
{
	struct dma_group *g = dma_group_by_liodn(av->liodn);
	struct hv_error e;

	if (!g) {
		unowned_log(av, !av->liodn_valid ? "beyond the PAACT" :
				av->entry_valid	 ? "entry valid" :
						   "entry invalid");
		return -ENOENT;
	}
	memset(&e, 0, sizeof(e));
	snprintf(e.domain, sizeof(e.domain), "%s", domain);
	snprintf(e.error, sizeof(e.error), "access violation");
	e.lpid = g->owner->id;
	e.dma_handle = DMA_HANDLE(g->cfg.index);
	e.liodn = av->liodn;
	e.avs1 = av->status[0];
	e.avs2 = av->status[1];
	e.flags = av->write ? HV_ERROR_WRITE : 0;
	e.addr = av->addr;
	snprintf(e.path, sizeof(e.path), "%s", g->path);
	fault_log(g, av);
	if (!g->blocked && dma_group_set_enabled(g, false))
		pr_err("partition '%s': cannot disable DMA of %s\n",
		       g->owner->name, g->path);
	errq_report(g->owner, &e);
	return 0;
}

/**
 * dma_fault_route() - route one violation a hardware unit reported
 * (iommu_ops.poll)
 * @av: the violation, with liodn_valid and entry_valid as the driver
 *      decoded them
 *
 * A LIODN beyond the PAACT is logged (global budget of unowned
 * violations) without being looked up or used as an index. A valid entry
 * goes to dma_fault_report(). An invalid (V=0) entry no group owns is
 * logged like one beyond the table: a device nobody was given, e.g. one
 * U-Boot left running. An invalid entry a group owns is a device whose
 * DMA is already disabled (by the guest, the config or an earlier
 * violation, which was reported): not queued again.
 *
 * Return: 0 when reported to the owner; -ENOENT when no partition owns
 * the LIODN (logged); -EALREADY when the owner's DMA is already disabled.
 */
int dma_fault_route(const struct iommu_fault *av)
{
	if (!av->liodn_valid) {
		unowned_log(av, "beyond the PAACT");
		return -ENOENT;
	}
	if (av->entry_valid)
		return dma_fault_report(av, "pamu");
	if (!dma_group_by_liodn(av->liodn)) {
		unowned_log(av, "entry invalid");
		return -ENOENT;
	}
	return -EALREADY;
}
