// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA groups and their windows: creation from the config, the LIOBN
 * registry, window activation and reset. See include/weir/dma.h and
 * doc/tce.md.
 */
#include <errno.h>
#include <string.h>
#include <weir/alloc.h>
#include <weir/dma.h>
#include <weir/log.h>
#include <weir/partition.h>

/* Every group of the system, by config index (names its LIOBNs); read by
 * dma_window_lookup() (include/weir/dma.h). */
struct dma_group *dma_groups[DMA_MAX_GROUPS];

/* Mark @w active or not; its fast-case view follows (tce_fast_init()). */
static void window_set_active(struct dma_window *w, bool active)
{
	w->active = active;
	tce_fast_init(w);
}

static unsigned int ilog2_u64(u64 v)
{
	return 63 - (unsigned int)__builtin_clzll(v);
}

/**
 * dma_group_config_init() - defaults: a 1 GiB default window of 4 KiB
 * pages at bus 0; DDW with 4K/64K/16M pages at DMA_DDW_BUS_BASE; the MSI
 * range [0x8000000, +1 MiB) reserved; no doorbell, no LIODNs.
 */
void dma_group_config_init(struct dma_group_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->default_size = DMA_DEFAULT_WINDOW_SIZE;
	cfg->default_page_shift = DMA_DEFAULT_PAGE_SHIFT;
	cfg->ddw_page_mask = DDW_PGSZ_4K | DDW_PGSZ_64K | DDW_PGSZ_16M;
	cfg->ddw_bus_base = DMA_DDW_BUS_BASE;
	cfg->msi_iova = DMA_MSI_IOVA_DEFAULT;
	cfg->msi_len = DMA_MSI_LEN_DEFAULT;
}

/*
 * Check the default-window geometry: page shift 12, 16 or 24; size a
 * power of two, at least one page and caps.min_window, at most 1 GiB
 * (Linux computes 1 << window_shift in an int, reference §2.1).
 */
static int check_default_geometry(const struct dma_group_config *cfg,
				  const struct iommu_caps *caps)
{
	unsigned int ps = cfg->default_page_shift;

	if (ps != 12 && ps != 16 && ps != 24)
		return -EINVAL;
	if (!IS_POWER_OF_2(cfg->default_size) ||
	    cfg->default_size < (1ULL << ps) ||
	    cfg->default_size < caps->min_window || cfg->default_size > SZ_1G)
		return -EINVAL;
	return 0;
}

/**
 * dma_identity_page_shift() - the IOMMU page shift of @cfg's identity
 * window on an IOMMU with @max_subwindows subwindows: one "page" per
 * slot, min(@max_subwindows, window / 4 KiB) slots, so the window's
 * table has one entry per slot (unused: the slots follow the RAM).
 * @cfg->default_size must be a power of two >= 4 KiB.
 */
unsigned int dma_identity_page_shift(const struct dma_group_config *cfg,
				     unsigned int max_subwindows)
{
	u64 pages = cfg->default_size >> 12;
	u64 slots = pages < max_subwindows ? pages : max_subwindows;

	return ilog2_u64(cfg->default_size) - ilog2_u64(slots);
}

/*
 * Check an identity window: a power of two from 4 KiB inside the IOVA
 * space holding the RAM; the real base and the size of the RAM whole
 * slots (each slot maps one size-aligned real range: a RAM slot maps all
 * of it); the MSI range in the window and in no slot holding RAM (the
 * doorbell slot maps the doorbell only).
 */
static int check_identity_geometry(const struct dma_group_config *cfg,
				   const struct iommu_caps *caps)
{
	u64 size = cfg->default_size, slot, msi_slot;

	if (!IS_POWER_OF_2(size) || size < SZ_4K || size < caps->min_window ||
	    ilog2_u64(size) > caps->iova_bits)
		return -EINVAL;
	slot = 1ULL << dma_identity_page_shift(cfg, caps->max_subwindows);
	if (!cfg->identity_size || cfg->identity_size > size ||
	    !IS_ALIGNED(cfg->identity_size, slot) ||
	    !IS_ALIGNED(cfg->identity_phys, slot))
		return -EINVAL;
	if (!cfg->msi_len)
		return 0;
	msi_slot = cfg->msi_iova & ~(slot - 1);
	if (msi_slot < cfg->identity_size || cfg->msi_iova >= size ||
	    cfg->msi_len > size - cfg->msi_iova)
		return -EINVAL;
	return 0;
}

/*
 * Check the MSI range and doorbell: range 4 KiB-aligned; doorbell a power
 * of two >= 4 KiB that fits in the range, its real page aligned to its
 * size and the range start aligned to it (so a slot can map it 1:1).
 */
static int check_msi(const struct dma_group_config *cfg)
{
	if (!cfg->msi_len)
		return cfg->has_doorbell ? -EINVAL : 0;
	if (!IS_ALIGNED(cfg->msi_iova, SZ_4K) ||
	    !IS_ALIGNED(cfg->msi_len, SZ_4K) ||
	    cfg->msi_iova + cfg->msi_len < cfg->msi_iova)
		return -EINVAL;
	if (!cfg->has_doorbell)
		return 0;
	if (!IS_POWER_OF_2(cfg->doorbell_size) || cfg->doorbell_size < SZ_4K ||
	    cfg->doorbell_size > cfg->msi_len ||
	    !IS_ALIGNED(cfg->doorbell_phys, cfg->doorbell_size) ||
	    !IS_ALIGNED(cfg->msi_iova, cfg->doorbell_size))
		return -EINVAL;
	return 0;
}

/*
 * Check the whole config against the backend caps. Returns 0/-EINVAL/
 * -ERANGE (LIODN beyond caps) /-EBUSY (index already in use) /-ENOSPC
 * (one transaction of the group, a fully mapped window restaged on every
 * LIODN, would not fit in the backend's staging log: caps.max_staged).
 */
static int check_config(const struct dma_group_config *cfg,
			const struct iommu_caps *caps)
{
	unsigned int i;

	if (cfg->index >= DMA_MAX_GROUPS)
		return -EINVAL;
	if (dma_groups[cfg->index])
		return -EBUSY;
	if (!cfg->nr_liodns || cfg->nr_liodns > DMA_GROUP_MAX_LIODNS)
		return -EINVAL;
	for (i = 0; i < cfg->nr_liodns; i++)
		if (cfg->liodns[i] > caps->max_liodn)
			return -ERANGE;
	if (!IS_POWER_OF_2(caps->max_subwindows) || caps->iova_bits > 63 ||
	    caps->iova_bits < 12)
		return -EINVAL;
	if (cfg->identity ? check_identity_geometry(cfg, caps) :
			    check_default_geometry(cfg, caps))
		return -EINVAL;
	if (check_msi(cfg))
		return -EINVAL;
	if (caps->max_staged &&
	    IOMMU_STAGE_OPS(cfg->nr_liodns, caps->max_subwindows) >
		    caps->max_staged)
		return -ENOSPC;
	return 0;
}

/*
 * Bytes hv_zalloc() gives a struct dma_group: a fixed figure, the same on
 * the 32-bit target and the 64-bit host (its pointers make sizeof()
 * differ), so weir-plan counts exactly what boot allocates.
 */
#define DMA_GROUP_ALLOC_BYTES 4864
_Static_assert(sizeof(struct dma_group) <= DMA_GROUP_ALLOC_BYTES,
	       "DMA_GROUP_ALLOC_BYTES too small");

/* The page shift of @cfg's default window: its TCEs', or one a slot. */
static unsigned int default_page_shift(const struct dma_group_config *cfg,
				       unsigned int max_subwindows)
{
	return cfg->identity ? dma_identity_page_shift(cfg, max_subwindows) :
			       cfg->default_page_shift;
}

/* A window of @max_tces TCEs: its TCE table and slot arrays. */
static void window_allocs(u64 max_tces, unsigned int max_subwindows,
			  struct hv_alloc *a)
{
	u64 max_slots = max_tces < max_subwindows ? max_tces : max_subwindows;

	a[0] = (struct hv_alloc){ max_tces * TCE_ENTRY_SIZE, SZ_4K };
	a[1] = (struct hv_alloc){ max_slots * sizeof(u32), 8 };
	a[2] = (struct hv_alloc){ max_slots * sizeof(struct dma_slot_state),
				  8 };
}

/**
 * dma_group_allocs() - what dma_group_create() allocates for @cfg on an
 * IOMMU with @max_subwindows subwindows per window, in order: the group,
 * its slot undo array, then per window (default: default_size >>
 * default_page_shift TCEs; dynamic: @max_subwindows TCEs) the TCE table
 * (8 bytes a TCE, 4 KiB aligned) and two arrays of one entry per slot.
 * An identity window has one entry per slot (dma_identity_page_shift()).
 * Sizes and alignments in bytes. @cfg must have passed check_config()
 * (dma_group_create() does; the plan's groups have).
 * Return: the number of entries of @a used, DMA_GROUP_NR_ALLOCS.
 */
unsigned int dma_group_allocs(const struct dma_group_config *cfg,
			      unsigned int max_subwindows,
			      struct hv_alloc a[DMA_GROUP_NR_ALLOCS])
{
	a[0] = (struct hv_alloc){ DMA_GROUP_ALLOC_BYTES, 8 };
	a[1] = (struct hv_alloc){
		(u64)max_subwindows * sizeof(struct dma_slot_state), 8
	};
	window_allocs(cfg->default_size >>
			      default_page_shift(cfg, max_subwindows),
		      max_subwindows, &a[2]);
	window_allocs(max_subwindows, max_subwindows, &a[5]);
	return DMA_GROUP_NR_ALLOCS;
}

/* Allocate a window's TCE table (@max_tces entries) and slot arrays. */
static int window_alloc(struct dma_group *g, struct dma_window *w,
			unsigned int index, u64 max_tces,
			const struct hv_alloc *a)
{
	u64 max_slots = a[1].size / sizeof(*w->slot_valid);

	w->group = g;
	w->liobn = DMA_LIOBN(g->cfg.index, index);
	w->max_tces = max_tces;
	w->max_slots = (unsigned int)max_slots;
	w->tces = hv_zalloc(a[0].size, a[0].align);
	w->slot_valid = hv_zalloc(a[1].size, a[1].align);
	w->slot = hv_zalloc(a[2].size, a[2].align);
	if (!w->tces || !w->slot_valid || !w->slot)
		return -ENOMEM;
	return 0;
}

/* Free what window_alloc() got (in reverse order, for the bump allocator). */
static void window_free(struct dma_window *w)
{
	if (w->slot)
		hv_free(w->slot);
	if (w->slot_valid)
		hv_free(w->slot_valid);
	if (w->tces)
		hv_free(w->tces);
}

/*
 * Allocate both windows (dma_group_allocs() @a): the default one sized by
 * the config, the dynamic one for exact windows only (at most
 * caps.max_subwindows TCEs). Nothing is allocated after this: hcalls
 * never allocate.
 */
static int group_alloc(struct dma_group *g, const struct hv_alloc *a)
{
	u64 def_tces = g->cfg.default_size >>
		       default_page_shift(&g->cfg, g->caps.max_subwindows);
	int ret;

	g->slot_undo = hv_zalloc(a[1].size, a[1].align);
	if (!g->slot_undo)
		return -ENOMEM;
	ret = window_alloc(g, &g->win[DMA_WIN_DEFAULT], DMA_WIN_DEFAULT,
			   def_tces, &a[2]);
	if (ret)
		return ret;
	return window_alloc(g, &g->win[DMA_WIN_DYNAMIC], DMA_WIN_DYNAMIC,
			    g->caps.max_subwindows, &a[5]);
}

/**
 * dma_group_create() - create a group from @cfg and activate its default
 * window (zeroed TCE table; only the MSI doorbell, if any, is mapped)
 * @cfg: the group config (copied)
 * @owner: the partition owning every LIODN of the group
 * @mmu: the IOMMU backend serving the LIODNs
 * @out: the group on success
 *
 * Return: 0; -EINVAL (bad config), -ERANGE (LIODN beyond the backend),
 * -EBUSY (index taken), -ENOSPC (the backend's staging log holds fewer
 * than IOMMU_STAGE_OPS(nr_liodns, caps.max_subwindows) operations, so
 * re-enabling a fully mapped window could fail), -ENOMEM, -EIO (backend
 * refused the window).
 */
int dma_group_create(const struct dma_group_config *cfg,
		     struct partition *owner, struct iommu *mmu,
		     struct dma_group **out)
{
	struct hv_alloc a[DMA_GROUP_NR_ALLOCS];
	struct iommu_caps caps;
	struct dma_group *g;
	int ret;

	mmu->ops->caps(mmu, &caps);
	ret = check_config(cfg, &caps);
	if (ret)
		return ret;
	dma_group_allocs(cfg, caps.max_subwindows, a);
	g = hv_zalloc(a[0].size, a[0].align);
	if (!g)
		return -ENOMEM;
	g->cfg = *cfg;
	g->owner = owner;
	g->mmu = mmu;
	g->caps = caps;
	ret = group_alloc(g, a);
	if (!ret)
		ret = dma_group_reset(g);
	if (ret) {
		dma_group_destroy(g);
		return ret;
	}
	dma_groups[cfg->index] = g;
	*out = g;
	return 0;
}

/**
 * dma_group_destroy() - unregister @g, block its devices and free it.
 * A backend failure to disable is logged (nothing else can be done).
 */
void dma_group_destroy(struct dma_group *g)
{
	unsigned int i;

	if (!g)
		return;
	/* its owner's last TCE window may be one of g's */
	if (g->owner && g->owner->tce_hit && g->owner->tce_hit->group == g)
		g->owner->tce_hit = NULL;
	if (dma_groups[g->cfg.index] == g) {
		dma_groups[g->cfg.index] = NULL;
		for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
			if (g->win[i].active &&
			    dma_window_deactivate(&g->win[i]))
				pr_err("dma: group %u: cannot block DMA\n",
				       g->cfg.index);
	}
	for (i = DMA_WINDOWS_PER_GROUP; i-- > 0;)
		window_free(&g->win[i]);
	if (g->slot_undo)
		hv_free(g->slot_undo);
	hv_free(g);
}

/**
 * dma_group_reset() - back to the boot state: the dynamic window removed,
 * the default window active with its configured geometry and a zeroed
 * table, DMA enabled or not as configured (start_disabled) (LoPAR
 * ibm,reset-pe-dma-window; also at partition start).
 *
 * Return: 0 or -EIO (backend refused; the group then has no window).
 */
int dma_group_reset(struct dma_group *g)
{
	g->blocked = g->cfg.start_disabled;
	window_set_active(&g->win[DMA_WIN_DYNAMIC], false);
	return dma_window_activate(
		&g->win[DMA_WIN_DEFAULT], 0, g->cfg.default_size,
		default_page_shift(&g->cfg, g->caps.max_subwindows));
}

/**
 * dma_partition_reset() - dma_group_reset() every group @p owns.
 * Return: 0 or the first error (the other groups are still reset).
 */
int dma_partition_reset(struct partition *p)
{
	unsigned int i;
	int ret = 0, r;

	for (i = 0; i < DMA_MAX_GROUPS; i++) {
		if (!dma_groups[i] || dma_groups[i]->owner != p)
			continue;
		r = dma_group_reset(dma_groups[i]);
		if (r && !ret)
			ret = r;
	}
	return ret;
}

/* The group with system-wide index @index, or NULL. */
struct dma_group *dma_group_by_index(unsigned int index)
{
	return index < DMA_MAX_GROUPS ? dma_groups[index] : NULL;
}

/**
 * dma_group_by_buid() - the group of @p whose DDW calls use @buid, or NULL
 * (no such group, it belongs to another partition, or it has an identity
 * window, which no DDW call changes).
 */
struct dma_group *dma_group_by_buid(const struct partition *p, u64 buid)
{
	unsigned int i;

	for (i = 0; i < DMA_MAX_GROUPS; i++)
		if (dma_groups[i] && dma_groups[i]->owner == p &&
		    !dma_groups[i]->cfg.identity &&
		    dma_groups[i]->cfg.buid == buid)
			return dma_groups[i];
	return NULL;
}

/**
 * dma_find_window() - the active window of @g at @bus_offset with IOMMU
 * page shift @page_shift and @size bytes, or NULL. This is what a
 * "borrowing" guest (Linux 9d67c9433509 create_table for window 0) reuses:
 * with the default geometry it returns exactly the default window.
 */
struct dma_window *dma_find_window(struct dma_group *g, u64 bus_offset,
				   unsigned int page_shift, u64 size)
{
	unsigned int i;

	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++) {
		struct dma_window *w = &g->win[i];

		if (w->active && w->bus_offset == bus_offset &&
		    w->page_shift == page_shift && w->size == size)
			return w;
	}
	return NULL;
}

/* Number of active windows of @g (0 or 1, see DMA_MAX_ACTIVE_WINDOWS). */
unsigned int dma_active_windows(const struct dma_group *g)
{
	unsigned int i, n = 0;

	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		n += g->win[i].active;
	return n;
}

/*
 * Set @w's geometry and zero its table. Slots: min(caps.max_subwindows,
 * TCEs), both powers of two, so a slot holds 1 << slot_tce_shift TCEs.
 */
static int window_set_geometry(struct dma_window *w, u64 bus_offset, u64 size,
			       unsigned int page_shift)
{
	u64 nr_tces = size >> page_shift;
	u64 nr_slots;

	if (!IS_POWER_OF_2(size) || !nr_tces || nr_tces > w->max_tces ||
	    !IS_ALIGNED(bus_offset, size))
		return -EINVAL;
	nr_slots = nr_tces < w->max_slots ? nr_tces : w->max_slots;
	w->bus_offset = bus_offset;
	w->size = size;
	w->page_shift = page_shift;
	w->nr_tces = nr_tces;
	w->nr_slots = (unsigned int)nr_slots;
	w->slot_tce_shift = ilog2_u64(nr_tces) - ilog2_u64(nr_slots);
	/* everything outside the dirty range is already 0 */
	memset(&w->tces[w->dirty_lo], 0,
	       (w->dirty_hi - w->dirty_lo) * TCE_ENTRY_SIZE);
	w->dirty_lo = w->dirty_hi = 0;
	memset(w->slot_valid, 0, nr_slots * sizeof(*w->slot_valid));
	return 0;
}

/* Stage @w's window and every mapped slot for every LIODN of its group. */
static int window_stage(struct dma_window *w)
{
	struct dma_group *g = w->group;
	const struct iommu_ops *ops = g->mmu->ops;
	unsigned int i, s;
	int ret;

	for (i = 0; i < g->cfg.nr_liodns; i++) {
		u32 liodn = g->cfg.liodns[i];

		ret = ops->stage_window(g->mmu, liodn, w->bus_offset, w->size,
					w->nr_slots);
		for (s = 0; !ret && s < w->nr_slots; s++)
			if (w->slot[s].prot)
				ret = ops->stage_subwindow(g->mmu, liodn, s,
							   w->slot[s].phys,
							   w->slot[s].size,
							   w->slot[s].prot);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * dma_group_apply() - program the backend with what @g should have now:
 * @w (its window and every mapped slot) for every LIODN, or every LIODN
 * disabled when the group is blocked or @w is NULL. One commit.
 *
 * Return: 0, or the backend's -errno (staged changes aborted, the
 * backend unchanged).
 */
int dma_group_apply(struct dma_group *g, struct dma_window *w)
{
	const struct iommu_ops *ops = g->mmu->ops;
	unsigned int i;
	int ret = 0;

	if (g->blocked || !w) {
		for (i = 0; !ret && i < g->cfg.nr_liodns; i++)
			ret = ops->stage_disable(g->mmu, g->cfg.liodns[i]);
	} else {
		ret = window_stage(w);
	}
	if (!ret)
		ret = ops->commit(g->mmu);
	if (ret)
		ops->abort(g->mmu);
	return ret;
}

/*
 * After a failed activation @w's table is already zeroed: block the
 * group's DMA so that no device keeps mappings the tables no longer grant,
 * and mark every window inactive (the group has no window).
 */
static void group_block(struct dma_group *g)
{
	unsigned int i;
	int ret;

	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		window_set_active(&g->win[i], false);
	ret = dma_group_apply(g, NULL);
	if (ret) {
		pr_err("dma: group %u: cannot block DMA (%d)\n", g->cfg.index,
		       ret);
	}
}

/**
 * dma_window_activate() - make @w the group's window with a zeroed table
 * @bus_offset: bytes, aligned to @size
 * @size: bytes, power of two, at most max_tces pages
 * @page_shift: IOMMU page shift
 *
 * The IOMMU window replaces whatever the group's LIODNs had; every slot
 * starts disabled except the MSI doorbell slot. Any other window of the
 * group is marked inactive on success.
 *
 * Return: 0, -EINVAL (geometry, nothing changed), -EIO (backend refused;
 * the group then has no active window and its DMA is blocked).
 */
int dma_window_activate(struct dma_window *w, u64 bus_offset, u64 size,
			unsigned int page_shift)
{
	struct dma_group *g = w->group;
	unsigned int s, i;
	int ret;

	ret = window_set_geometry(w, bus_offset, size, page_shift);
	if (ret)
		return ret;
	for (s = 0; s < w->nr_slots; s++)
		dma_slot_compute(w, s, &w->slot[s]);
	ret = dma_group_apply(g, w);
	if (ret) {
		pr_err("dma: liobn %#x: backend refused window (%d)\n",
		       w->liobn, ret);
		group_block(g);
		return -EIO;
	}
	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		window_set_active(&g->win[i], false);
	window_set_active(w, true);
	return 0;
}

/**
 * dma_window_deactivate() - remove @w: the group's LIODNs lose their
 * window (all DMA faults).
 * Return: 0 or -EIO (backend refused; @w stays active).
 */
int dma_window_deactivate(struct dma_window *w)
{
	if (dma_group_apply(w->group, NULL))
		return -EIO;
	window_set_active(w, false);
	return 0;
}
