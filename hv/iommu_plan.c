// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * From the plan to the IOMMU objects, shared by weir's boot
 * (hv/iommu_boot.c) and the host tool tools/weir-plan, so the tool shows
 * exactly the tables weir builds.
 */
#include <weir/config.h>
#include <weir/iommu_boot.h>
#include <weir/msi.h>
#include <weir/pamu.h>

void iommu_plan_pamu_config(const struct plan *plan, unsigned int max_sub,
			    struct pamu_config *pc)
{
	unsigned int i, liodns = 0, group_liodns = 1;

	for (i = 0; i < plan->ngroups; i++) {
		liodns += plan->group[i].dma.nr_liodns;
		if (plan->group[i].dma.nr_liodns > group_liodns)
			group_liodns = plan->group[i].dma.nr_liodns;
	}
	pc->max_liodn = plan->max_liodn;
	pc->max_subwindows = max_sub;
	pc->iova_bits = HW_PHYS_BITS;
	/* every LIODN may hold a fully subwindowed window (max_sub - 1
	 * SPAACEs), twice while a window change keeps the old run until
	 * the new one is live (doc/pamu.md, "Staging and commit") */
	pc->spaace_entries = (liodns ? liodns : 1) * 2 * (max_sub - 1);
	/* the staging log holds one transaction of the largest group: all
	 * its LIODNs restaging a fully mapped window, IOMMU_STAGE_OPS() */
	pc->group_liodns = group_liodns;
	pc->stage_max = 0;
}

void iommu_plan_group_config(const struct group_plan *gp,
			     const struct msi_bank *bank,
			     struct dma_group_config *c)
{
	*c = gp->dma;
	c->start_disabled = !gp->dma_enabled;
	if (bank) {
		/* seed 003: the doorbell page 1:1 in every window */
		c->has_doorbell = true;
		c->doorbell_phys = (bank->phys + MSI_MSIIR) & ~(u64)(SZ_4K - 1);
		c->doorbell_size = SZ_4K;
	}
}
