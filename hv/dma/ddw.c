// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dynamic DMA windows (LoPAR sec_rtas_dma_window.xml: ibm,query-pe-dma-
 * window, ibm,create-pe-dma-window, ibm,remove-pe-dma-window,
 * ibm,reset-pe-dma-window), internal -errno API; hv/hcall/papr.c is the
 * RTAS boundary.
 *
 * weir rules (doc/tce.md):
 *  - one active window per group (the IOMMU gives a LIODN one window), so
 *    a guest removes the default window before it creates a DDW (Linux
 *    enable_ddw() does so when windows-available is 0 and the reset
 *    extension exists);
 *  - a DDW is always exact: at most caps.max_subwindows TCEs, so every
 *    TCE is one IOMMU slot; "largest block" says so;
 *  - removing the last window when it is dynamic restores the default
 *    window (LoPAR; QEMU 7.2 hw/ppc/spapr_rtas_ddw.c misses this after the
 *    default LIOBN was reused), and reset always restores it, zeroed.
 */
#include <errno.h>
#include <weir/dma.h>

/* IOMMU page shift of each DDW_PGSZ_* bit, by bit number (LoPAR). */
static const unsigned char ddw_pgsz_shift[] = {
	12, 16, 24, 25, 26, 27, 28, 34, 21,
};

/**
 * ddw_page_shift_to_mask() - the DDW_PGSZ_* bit of @page_shift, or 0 when
 * PAPR has no encoding for it.
 */
int ddw_page_shift_to_mask(unsigned int page_shift)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ddw_pgsz_shift); i++)
		if (ddw_pgsz_shift[i] == page_shift)
			return 1 << i;
	return 0;
}

/* Largest window shift a DDW of @g may have: exact (<= max_subwindows
 * pages) and inside the IOVA space above ddw_bus_base. */
static unsigned int ddw_max_window_shift(const struct dma_group *g,
					 unsigned int page_shift)
{
	unsigned int exact = page_shift + (unsigned int)__builtin_ctz(
						  g->caps.max_subwindows);
	u64 base = g->cfg.ddw_bus_base;
	unsigned int s = exact;

	while (s >= page_shift &&
	       (!IS_ALIGNED(base, 1ULL << s) ||
		base + (1ULL << s) > (1ULL << g->caps.iova_bits)))
		s--;
	return s;
}

/* The configured page sizes for which at least a one-page DDW fits. */
static u32 ddw_page_mask(const struct dma_group *g)
{
	u32 mask = 0;
	unsigned int i, ps;

	for (i = 0; i < ARRAY_SIZE(ddw_pgsz_shift); i++) {
		ps = ddw_pgsz_shift[i];
		if ((g->cfg.ddw_page_mask & (1u << i)) &&
		    (1ULL << ps) >= g->caps.min_window &&
		    ddw_max_window_shift(g, ps) >= ps)
			mask |= 1u << i;
	}
	return mask;
}

/**
 * ddw_query() - ibm,query-pe-dma-window for the group @buid of @p
 *
 * Fills @q: windows available (DMA_MAX_ACTIVE_WINDOWS - active, so 0
 * while the default window is active); largest block = the TCEs a new
 * window may have (caps.max_subwindows, exact windows only; 0 when no
 * window is available); the page-size mask; migration mask 0.
 * Return: 0, -ENOENT (no group @buid for @p), -EOPNOTSUPP (no DDW).
 */
int ddw_query(struct partition *p, u64 buid, struct ddw_query *q)
{
	struct dma_group *g = dma_group_by_buid(p, buid);
	unsigned int active;

	if (!g)
		return -ENOENT;
	q->page_mask = ddw_page_mask(g);
	if (!q->page_mask)
		return -EOPNOTSUPP;
	active = dma_active_windows(g);
	q->windows_available = active < DMA_MAX_ACTIVE_WINDOWS ?
				       DMA_MAX_ACTIVE_WINDOWS - active :
				       0;
	q->largest_block = q->windows_available ? g->caps.max_subwindows : 0;
	q->migration_mask = 0;
	return 0;
}

/**
 * ddw_create() - ibm,create-pe-dma-window
 * @page_shift: IOMMU page shift, one of the query's page-size mask
 * @window_shift: log2 of the window size in bytes, >= @page_shift, the
 *                window exact (<= max_subwindows pages) and inside the
 *                IOVA space at ddw_bus_base
 * @liobn: the new window's LIOBN (stable: group index, window 1)
 * @start: its bus address in bytes (cfg.ddw_bus_base)
 *
 * The new window's table is zeroed: the device can reach nothing but the
 * MSI doorbell (if the window covers the MSI range) until TCEs are put.
 * Return: 0; -ENOENT (no group @buid); -EOPNOTSUPP (no DDW); -EINVAL
 * (page or window shift); -ENOSPC (no window available: remove the
 * default window first); -EIO (IOMMU refused; the group has no window).
 */
int ddw_create(struct partition *p, u64 buid, unsigned int page_shift,
	       unsigned int window_shift, u32 *liobn, u64 *start)
{
	struct dma_group *g = dma_group_by_buid(p, buid);
	u32 mask;
	int ret, bit;

	if (!g)
		return -ENOENT;
	mask = ddw_page_mask(g);
	if (!mask)
		return -EOPNOTSUPP;
	bit = page_shift < 64 ? ddw_page_shift_to_mask(page_shift) : 0;
	if (!(mask & (u32)bit) || window_shift < page_shift ||
	    window_shift > ddw_max_window_shift(g, page_shift) ||
	    (1ULL << window_shift) < g->caps.min_window)
		return -EINVAL;
	if (dma_active_windows(g) >= DMA_MAX_ACTIVE_WINDOWS)
		return -ENOSPC;
	ret = dma_window_activate(&g->win[DMA_WIN_DYNAMIC], g->cfg.ddw_bus_base,
				  1ULL << window_shift, page_shift);
	if (ret)
		return ret;
	*liobn = g->win[DMA_WIN_DYNAMIC].liobn;
	*start = g->cfg.ddw_bus_base;
	return 0;
}

/**
 * ddw_remove() - ibm,remove-pe-dma-window for window @liobn of @p
 *
 * Removing a dynamic window that is the last one restores the default
 * window, zeroed (LoPAR R1-7.3.x: the platform restores the default
 * window when the last non-default window is removed); removing the
 * default window leaves the group with no window (DMA blocked).
 * Return: 0; -ENOENT/-EPERM (LIOBN unknown, inactive, another
 * partition's); -EIO (IOMMU refused; nothing changed for the default
 * window, the group has no window after a failed restore).
 */
int ddw_remove(struct partition *p, u64 liobn)
{
	struct dma_window *w;
	struct dma_group *g;
	int ret;

	ret = dma_tce_window_lookup(p, liobn, &w);
	if (ret)
		return ret;
	g = w->group;
	if (w == &g->win[DMA_WIN_DEFAULT])
		return dma_window_deactivate(w);
	return dma_group_reset(g);
}

/**
 * ddw_reset() - ibm,reset-pe-dma-window: remove every dynamic window and
 * restore the default window (same LIOBN, bus address, size; zeroed).
 * Return: 0, -ENOENT (no group @buid for @p), -EIO (IOMMU refused; the
 * group has no window).
 */
int ddw_reset(struct partition *p, u64 buid)
{
	struct dma_group *g = dma_group_by_buid(p, buid);

	if (!g)
		return -ENOENT;
	return dma_group_reset(g);
}
