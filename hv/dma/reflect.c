// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reflection of TCE tables into the IOMMU backend.
 *
 * The backend (include/weir/iommu.h, i.e. the PAMU) has no page tables:
 * a window is split into N equal slots and each slot maps one physically
 * contiguous, size-aligned range with one permission, or faults. A slot
 * is therefore mapped only when its TCEs say exactly that:
 *
 *  - the slot's valid TCEs (R or W set) form one run from the slot start,
 *    guest-physically contiguous, with identical permissions;
 *  - the mapped size is the largest power of two <= the run that the real
 *    address is aligned to (the PAMU subwindow size field), so the device
 *    never reaches a byte no TCE grants;
 *  - otherwise the slot is disabled: the table still holds the TCEs and
 *    H_GET_TCE returns them, but the device faults there.
 *
 * When page size == slot size (exact windows: nr_tces <= max_subwindows,
 * e.g. a 4 GiB DDW of 16 MiB pages) every TCE is its own slot and the
 * reflection is exact. Slots overlapping the reserved MSI range map only
 * the partition's MSI doorbell, write-only, 1:1 at the range start.
 * doc/tce.md discusses the consequences.
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/log.h>
#include <weir/partition.h>

/**
 * dma_msi_overlaps() - does [iova, iova + len) touch @g's reserved MSI
 * range? @len in bytes, > 0, the range not wrapping (callers check).
 */
bool dma_msi_overlaps(const struct dma_group *g, u64 iova, u64 len)
{
	const struct dma_group_config *c = &g->cfg;

	return c->msi_len && iova < c->msi_iova + c->msi_len &&
	       c->msi_iova < iova + len;
}

/* Bytes covered by one slot of @w. */
static u64 slot_bytes(const struct dma_window *w)
{
	return 1ULL << (w->page_shift + w->slot_tce_shift);
}

/*
 * A slot overlapping the MSI range: map the part of the doorbell that
 * starts at the slot start (write-only), or nothing. A slot starting
 * before the range cannot reach the doorbell and stays disabled.
 */
static void slot_msi(const struct dma_group *g, u64 start, u64 bytes,
		     struct dma_slot_state *st)
{
	const struct dma_group_config *c = &g->cfg;
	u64 off;

	if (!c->has_doorbell || start < c->msi_iova)
		return;
	off = start - c->msi_iova;
	if (off >= c->doorbell_size)
		return;
	st->phys = c->doorbell_phys + off;
	st->size = bytes < c->doorbell_size - off ? bytes :
						     c->doorbell_size - off;
	st->prot = IOMMU_WRITE;
}

/* Largest power of two <= @v (v > 0). */
static u64 rounddown_pow2(u64 v)
{
	return 1ULL << (63 - __builtin_clzll(v));
}

/*
 * A slot with @n valid TCEs: map them if they are the first @n TCEs of
 * the slot, contiguous from the first one's page, with its permissions.
 * O(n): the valid count proves the rest of the slot is empty.
 */
static void slot_run(const struct dma_window *w, unsigned int s, u64 n,
		     struct dma_slot_state *st)
{
	const u64 *t = &w->tces[(u64)s << w->slot_tce_shift];
	u64 page = 1ULL << w->page_shift;
	u64 t0 = be64_to_cpu(t[0]);
	u64 perm = t0 & TCE_PERM_MASK;
	gpa_t gpa = t0 & ~(page - 1);
	phys_addr_t phys;
	u64 i, size;

	if (!perm)
		return;
	for (i = 1; i < n; i++)
		if (be64_to_cpu(t[i]) != ((gpa + i * page) | perm))
			return;
	size = rounddown_pow2(n << w->page_shift);
	if (partition_gpa_to_phys(w->group->owner, gpa, size, &phys))
		return;
	while (size > SZ_4K && !IS_ALIGNED(phys, size))
		size >>= 1;
	if (!IS_ALIGNED(phys, size))
		return;
	st->phys = phys;
	st->size = size;
	st->prot = (unsigned int)(perm & TCE_READ ? IOMMU_READ : 0) |
		   (unsigned int)(perm & TCE_WRITE ? IOMMU_WRITE : 0);
}

/**
 * dma_slot_compute() - the IOMMU state slot @s of @w must have, from its
 * TCEs (see the file comment). Disabled is {0, 0, 0}.
 */
void dma_slot_compute(const struct dma_window *w, unsigned int s,
		      struct dma_slot_state *st)
{
	u64 bytes = slot_bytes(w);
	u64 start = w->bus_offset + (u64)s * bytes;

	memset(st, 0, sizeof(*st));
	if (dma_msi_overlaps(w->group, start, bytes))
		slot_msi(w->group, start, bytes, st);
	else if (w->slot_valid[s])
		slot_run(w, s, w->slot_valid[s], st);
}

static bool slot_equal(const struct dma_slot_state *a,
		       const struct dma_slot_state *b)
{
	return a->prot == b->prot && (!a->prot ||
	       (a->phys == b->phys && a->size == b->size));
}

/* Stage slot @s of @w, as recorded in w->slot[s], for every LIODN. */
static int slot_stage(struct dma_window *w, unsigned int s)
{
	struct dma_group *g = w->group;
	const struct dma_slot_state *st = &w->slot[s];
	unsigned int i;
	int ret;

	for (i = 0; i < g->cfg.nr_liodns; i++) {
		ret = g->mmu->ops->stage_subwindow(g->mmu, g->cfg.liodns[i], s,
						   st->phys, st->size,
						   st->prot);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * dma_reflect_slots() - bring slots @first..@last (inclusive, < nr_slots)
 * of the active window @w in line with its TCEs: recompute each, stage
 * the ones that changed, commit once. Nothing is committed when no slot
 * changed or the group's DMA is disabled (the slots are only recorded).
 *
 * Return: 0, or -EIO when the backend refused a stage or the commit; the
 * staged changes are then aborted and w->slot[] is as before, so the
 * caller must restore the TCEs it changed.
 */
int dma_reflect_slots(struct dma_window *w, unsigned int first,
		      unsigned int last)
{
	struct dma_group *g = w->group;
	unsigned int s, nr = last - first + 1;
	bool changed = false;
	int ret = 0;

	memcpy(&g->slot_undo[first], &w->slot[first], nr * sizeof(*w->slot));
	for (s = first; s <= last && !ret; s++) {
		struct dma_slot_state st;

		dma_slot_compute(w, s, &st);
		if (slot_equal(&st, &w->slot[s]))
			continue;
		w->slot[s] = st;
		changed = true;
		if (!g->blocked)
			ret = slot_stage(w, s);
	}
	/* A blocked group keeps its LIODNs invalid: nothing to stage. */
	if (!changed || g->blocked)
		return 0;
	if (!ret)
		ret = g->mmu->ops->commit(g->mmu);
	if (!ret)
		return 0;
	g->mmu->ops->abort(g->mmu);
	memcpy(&w->slot[first], &g->slot_undo[first], nr * sizeof(*w->slot));
	pr_err("dma: liobn %#x: backend refused slots %u-%u (%d)\n", w->liobn,
	       first, last, ret);
	return -EIO;
}
