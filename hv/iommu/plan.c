// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * From the plan to the IOMMU objects, shared by weir's boot
 * (hv/iommu/boot.c) and the host tool tools/weir-plan, so the tool shows
 * exactly the tables weir builds and refuses exactly the configs boot
 * refuses: iommu_plan_memory() counts what boot will take from weir's heap
 * with the allocators' own size functions (iommu_driver.allocs,
 * dma_group_allocs()) and the heap's own arithmetic (heap_budget_take()).
 */
#include <errno.h>
#include <libfdt.h>
#include <weir/alloc.h>
#include <weir/config.h>
#include <weir/iommu_boot.h>
#include <weir/iommu.h>
#include <weir/msi.h>

/* The IOMMU config of the plan's first @ngroups groups. */
static void config_of(const struct plan *plan, unsigned int ngroups,
		      unsigned int max_sub, struct iommu_config *pc)
{
	unsigned int i, liodns = 0, group_liodns = 1;

	for (i = 0; i < ngroups; i++) {
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

void iommu_plan_config(const struct plan *plan, unsigned int max_sub,
		       struct iommu_config *pc)
{
	config_of(plan, plan->ngroups, max_sub, pc);
}

void iommu_plan_group_config(const struct plan *plan,
			     const struct group_plan *gp,
			     struct dma_group_config *c)
{
	const struct part_plan *pp = &plan->part[gp->part];

	*c = gp->dma;
	c->start_disabled = !gp->dma_enabled;
	if (pp->has_msi) {
		/* seed 003: the doorbell page 1:1 in every window */
		c->has_doorbell = true;
		c->doorbell_phys = msi_doorbell_page(pp->msi.doorbell);
		c->doorbell_size = SZ_4K;
	}
}

/*
 * Replay on @b what boot allocates for @drv's tables sized for the
 * first @ngroups groups and for those groups, in boot's order
 * (iommu_boot(): @drv->create(), then dma_group_create() per group).
 * Return: 0; -ENOMEM when @b runs out; @drv->allocs()'s errors.
 */
static int replay(const struct iommu_driver *drv, const struct plan *plan,
		  unsigned int ngroups, unsigned int max_sub,
		  struct heap_budget *b)
{
	struct hv_alloc a[IOMMU_NR_ALLOCS > DMA_GROUP_NR_ALLOCS ?
				  IOMMU_NR_ALLOCS :
				  DMA_GROUP_NR_ALLOCS];
	struct dma_group_config c;
	struct iommu_config pc;
	unsigned int i;
	int n, ret;

	config_of(plan, ngroups, max_sub, &pc);
	n = drv->allocs(&pc, a);
	if (n < 0)
		return n;
	ret = heap_budget_take_all(b, a, (unsigned int)n);
	for (i = 0; !ret && i < ngroups; i++) {
		iommu_plan_group_config(plan, &plan->group[i], &c);
		ret = heap_budget_take_all(b, a,
					   dma_group_allocs(&c, max_sub, a));
	}
	return ret;
}

/* Bytes replay() takes from an unbounded heap at the same address. */
static u64 need(const struct iommu_driver *drv, const struct plan *plan,
		unsigned int ngroups, unsigned int max_sub,
		const struct heap_budget *heap)
{
	struct heap_budget b = { heap->start, heap->cur, ~0ULL };

	replay(drv, plan, ngroups, max_sub, &b);
	return heap_budget_used(&b);
}

/*
 * The property of @gp's config node that sets its window's size: the
 * window options when given, else the assignment itself.
 */
static const char *window_prop(const void *cfg, const struct group_plan *gp)
{
	if (fdt_getprop(cfg, gp->cfg_node, "dma-window-size", NULL))
		return "dma-window-size";
	if (fdt_getprop(cfg, gp->cfg_node, "dma-page-shift", NULL))
		return "dma-page-shift";
	if (fdt_getprop(cfg, gp->cfg_node, "device", NULL))
		return "device";
	return "compatible";
}

int iommu_plan_memory(const void *cfg, const struct plan *plan,
		      const struct iommu_driver *drv, unsigned int max_sub,
		      const struct heap_budget *heap, struct plan_memory *mem,
		      struct dt_error *err)
{
	struct heap_budget b = *heap;
	struct hv_alloc a[DMA_GROUP_NR_ALLOCS];
	struct dma_group_config c;
	const struct group_plan *gp;
	unsigned int n;
	int ret;

	mem->avail = heap->end - heap->start;
	ret = replay(drv, plan, plan->ngroups, max_sub, &b);
	mem->used = heap_budget_used(&b);
	if (!ret)
		return 0;
	if (ret != -ENOMEM)
		return dt_fail(err, cfg, 0, "compatible", ret,
			       "%s tables for %u subwindows refused (%d)",
			       drv->label, max_sub, ret);
	/* the first group (in config order) that does not fit names it */
	for (n = 0; n <= plan->ngroups; n++) {
		b = *heap;
		if (replay(drv, plan, n, max_sub, &b))
			break;
	}
	mem->used = need(drv, plan, plan->ngroups, max_sub, heap);
	if (!n)
		return dt_fail(
			err, cfg, 0, "compatible", -ENOMEM,
			"weir's heap: the %s tables alone need %llu bytes, %llu available (CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX)",
			drv->label,
			(unsigned long long)need(drv, plan, 0, max_sub, heap),
			(unsigned long long)mem->avail);
	gp = &plan->group[n - 1];
	iommu_plan_group_config(plan, gp, &c);
	dma_group_allocs(&c, max_sub, a);
	return dt_fail(
		err, cfg, gp->cfg_node, window_prop(cfg, gp), -ENOMEM,
		"weir's heap: group %u brings it to %llu bytes (its default window's TCE table: %llu), %llu available (CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX); the whole config needs %llu",
		n - 1, (unsigned long long)need(drv, plan, n, max_sub, heap),
		(unsigned long long)a[2].size, (unsigned long long)mem->avail,
		(unsigned long long)mem->used);
}

/*
 * L3 (CPC) cache controllers whose "cache-stash-id" Linux 6.1 reads
 * (fsl_pamu.c l3_device_ids[]).
 */
static const char *const l3_compat[] = {
	"fsl,t4240-l3-cache-controller",
	"fsl,b4860-l3-cache-controller",
	"fsl,p4080-l3-cache-controller",
};

/*
 * The L3 stash destination id as Linux get_stash_id(PAMU_ATTR_CACHE_L3)
 * finds it: "cache-stash-id" of the first L3 controller node in tree
 * order. Return: 0 with *@cid; -ENODEV (no such node), -ENOENT (no
 * property), -ERANGE (not one cell or beyond the 8-bit CID field), with
 * *@note saying which.
 */
static int l3_stash_id(const void *hwfdt, u8 *cid, const char **note)
{
	const fdt32_t *p;
	unsigned int i;
	int node, len;

	for (node = fdt_next_node(hwfdt, -1, NULL); node >= 0;
	     node = fdt_next_node(hwfdt, node, NULL))
		for (i = 0; i < ARRAY_SIZE(l3_compat); i++)
			if (!fdt_node_check_compatible(hwfdt, node,
						       l3_compat[i]))
				goto found;
	*note = "stash off: no L3 cache controller node (fsl,*-l3-cache-controller)";
	return -ENODEV;
found:
	p = fdt_getprop(hwfdt, node, "cache-stash-id", &len);
	if (!p) {
		*note = "stash off: the L3 cache controller node has no cache-stash-id";
		return -ENOENT;
	}
	if (len != sizeof(*p) || fdt32_to_cpu(*p) > 0xff) {
		*note = "stash off: the L3 cache-stash-id is not one cell of 8 bits";
		return -ERANGE;
	}
	*cid = (u8)fdt32_to_cpu(*p);
	return 0;
}

static bool compat(const void *hwfdt, int node, const char *c)
{
	return !fdt_node_check_compatible(hwfdt, node, c);
}

const char *iommu_plan_node_attr(const void *hwfdt, int node,
				 struct iommu_liodn_attr *attr,
				 const char **note)
{
	*attr = (struct iommu_liodn_attr){ 0 };
	*note = NULL;
	if (compat(hwfdt, node, "fsl,qman-portal") ||
	    compat(hwfdt, node, "fsl,qman")) {
		bool priv = compat(hwfdt, node, "fsl,qman");

		attr->indexed = true;
		attr->omi = priv ? IOMMU_OMI_QMAN_PRIV : IOMMU_OMI_QMAN;
		attr->stash = !l3_stash_id(hwfdt, &attr->cid, note);
		attr->no_coherency = priv;
		return priv ? "qman" : "qman-portal";
	}
	if (compat(hwfdt, node, "fsl,bman")) {
		attr->no_coherency = true;
		return "bman";
	}
	if (compat(hwfdt, node, "fsl,fman")) {
		*note = "Linux 6.1 sets no OMI or stash for FMan (OMI_FMAN unused)";
		return "fman";
	}
	if (compat(hwfdt, node, "fsl,fman-v2-port-rx") ||
	    compat(hwfdt, node, "fsl,fman-v2-port-tx") ||
	    compat(hwfdt, node, "fsl,fman-v2-port-oh") ||
	    compat(hwfdt, node, "fsl,fman-v3-port-rx") ||
	    compat(hwfdt, node, "fsl,fman-v3-port-tx") ||
	    compat(hwfdt, node, "fsl,fman-v3-port-oh")) {
		*note = "Linux 6.1 sets no OMI or stash for FMan ports (OMI_FMAN unused)";
		return "fman-port";
	}
	if (compat(hwfdt, node, "fsl,sec-v4.0") ||
	    compat(hwfdt, node, "fsl,sec-v4.0-job-ring") ||
	    compat(hwfdt, node, "fsl,sec-v5.0") ||
	    compat(hwfdt, node, "fsl,sec-v5.0-job-ring")) {
		*note = "Linux 6.1 sets no OMI or stash for SEC (OMI_CAAM unused)";
		return "sec";
	}
	return NULL;
}

/* Does @node's hardware "fsl,liodn" list @liodn? */
static bool node_has_liodn(const void *hwfdt, int node, u32 liodn)
{
	const fdt32_t *p;
	int len, i;

	p = fdt_getprop(hwfdt, node, "fsl,liodn", &len);
	for (i = 0; p && i < len / (int)sizeof(*p); i++)
		if (fdt32_to_cpu(p[i]) == liodn)
			return true;
	return false;
}

/*
 * The device node of @gp that @liodn belongs to: the node whose hardware
 * "fsl,liodn" lists it, else the group's first node (the assigned device,
 * whose config "fsl,liodn" gave it); -1 for a group without nodes.
 */
static int liodn_node(const void *hwfdt, const struct group_plan *gp, u32 liodn)
{
	unsigned int i;

	for (i = 0; i < gp->nnodes; i++)
		if (node_has_liodn(hwfdt, gp->hw_node[i], liodn))
			return gp->hw_node[i];
	return gp->nnodes ? gp->hw_node[0] : -1;
}

int iommu_plan_liodn_attrs(
	const void *hwfdt, const struct plan *plan, struct iommu *mmu,
	void (*report)(const void *hwfdt, int node, u32 liodn, const char *kind,
		       const struct iommu_liodn_attr *attr, const char *note))
{
	const struct group_plan *gp;
	struct iommu_liodn_attr attr;
	const char *kind, *note;
	unsigned int g, i;
	int node, ret;

	for (g = 0; g < plan->ngroups; g++) {
		gp = &plan->group[g];
		for (i = 0; i < gp->dma.nr_liodns; i++) {
			node = liodn_node(hwfdt, gp, gp->dma.liodns[i]);
			if (node < 0)
				continue;
			kind = iommu_plan_node_attr(hwfdt, node, &attr, &note);
			if (!kind)
				continue;
			ret = mmu->ops->set_liodn_attr(mmu, gp->dma.liodns[i],
						       &attr);
			if (ret)
				return ret;
			if (report)
				report(hwfdt, node, gp->dma.liodns[i], kind,
				       &attr, note);
		}
	}
	return 0;
}
