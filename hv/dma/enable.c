// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA enable/disable of a group and the lookups the hcall and fault
 * paths need. A disabled group's LIODNs are invalid in the IOMMU (PAMU
 * V=0): every access faults, none is let through untranslated. This is
 * the NXP Embedded Hypervisor's FH_DMA_ENABLE/FH_DMA_DISABLE model
 * (Linux include/uapi/linux/fsl_hypervisor.h; ../shared/reference/
 * topaz.md §2.9): the guest names the device by the "fsl,hv-dma-handle"
 * of its node, and the hypervisor disables a LIODN after an access
 * violation until the guest enables it again.
 */
#include <errno.h>
#include <weir/dma.h>
#include <weir/partition.h>
#include <weir/spinlock.h>
#include <weir/unit.h>

/* dma_lock() and dma_unlock() (include/weir/dma.h) take this. */
spinlock_t dma_spinlock = SPINLOCK_INIT;

/**
 * dma_active_window() - the window @g's devices use now, or NULL (the
 * group has none, e.g. after a failed activation).
 */
struct dma_window *dma_active_window(struct dma_group *g)
{
	unsigned int i;

	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		if (g->win[i].active)
			return &g->win[i];
	return NULL;
}

/**
 * dma_group_set_enabled() - allow (@on) or block all DMA of @g
 *
 * Enabling programs the active window and every slot its TCEs map;
 * disabling invalidates every LIODN of the group. Setting the state the
 * group already has reprograms it (harmless, and it re-validates LIODNs
 * a backend may have invalidated on its own).
 *
 * Return: 0, or -EIO when the backend refused (the group is then left
 * blocked: a failed enable never leaves a device half-mapped).
 */
int dma_group_set_enabled(struct dma_group *g, bool on)
{
	g->blocked = !on;
	if (!dma_group_apply(g, dma_active_window(g)))
		return 0;
	g->blocked = true;
	dma_group_apply(g, NULL);
	return -EIO;
}

/**
 * dma_partition_block() - disable the DMA of every group @p owns (a
 * stopped partition's devices must not write into RAM that is about to
 * be reloaded). Return: 0 or the first backend error.
 */
int dma_partition_block(struct partition *p)
{
	unsigned int i;
	int ret = 0, r;

	for (i = 0; i < DMA_MAX_GROUPS; i++) {
		struct dma_group *g = dma_group_by_index(i);

		if (!g || g->owner != p)
			continue;
		r = dma_group_set_enabled(g, false);
		if (r && !ret)
			ret = r;
	}
	return ret;
}

/* The group one of whose LIODNs is @liodn, or NULL. */
struct dma_group *dma_group_by_liodn(u32 liodn)
{
	unsigned int i, l;

	for (i = 0; i < DMA_MAX_GROUPS; i++) {
		struct dma_group *g = dma_group_by_index(i);

		for (l = 0; g && l < g->cfg.nr_liodns; l++)
			if (g->cfg.liodns[l] == liodn)
				return g;
	}
	return NULL;
}

/**
 * dma_group_by_handle() - the group named by DMA handle @handle for @p
 *
 * Return: 0; -EINVAL when @handle names no group; -EPERM when the group
 * belongs to another partition (the hcall layer reports both as
 * EV_EINVAL, so a guest cannot probe other partitions' handles).
 */
int dma_group_by_handle(const struct partition *p, u32 handle,
			struct dma_group **out)
{
	struct dma_group *g;

	if (handle < DMA_HANDLE_BASE)
		return -EINVAL;
	g = dma_group_by_index(handle - DMA_HANDLE_BASE);
	if (!g)
		return -EINVAL;
	if (g->owner != p)
		return -EPERM;
	*out = g;
	return 0;
}

/* The partition's DMA as a unit (include/weir/unit.h). */
static void dma_unit_stop(struct partition *p)
{
	if (dma_partition_block(p))
		pr_err("partition '%s': cannot block its DMA\n", p->name);
}

DEFINE_UNIT(dma, {
			 .name = "DMA windows",
			 .order = UNIT_ORDER_DMA,
			 .reset = dma_partition_reset,
			 .stop = dma_unit_stop,
		 });
