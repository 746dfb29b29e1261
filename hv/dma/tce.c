// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The TCE table of a window: the operations H_GET_TCE, H_PUT_TCE,
 * H_STUFF_TCE, H_PUT_TCE_INDIRECT with internal -errno codes
 * (hv/hcall/papr.c maps them to PAPR codes), and their reflection into
 * the IOMMU backend.
 *
 * Validation is at least as strict as Linux KVM
 * (arch/powerpc/kvm/book3s_64_vio.c: kvmppc_ioba_validate,
 * kvmppc_tce_validate, kvmppc_h_put_tce_indirect) and never laxer than
 * LoPAR (ch_lpar_option.xml, the TCE hcalls); doc/tce.md has the table.
 * Every call validates its whole range and every TCE before it writes
 * anything, and undoes its writes if the IOMMU backend refuses the
 * result, so a failing call never leaves a partial change behind.
 *
 * Reflection: the backend (include/weir/iommu.h, i.e. the PAMU) has no
 * page tables: a window is split into N equal slots and each slot maps
 * one physically contiguous, size-aligned range with one permission, or
 * faults. A slot is therefore mapped only when its TCEs say exactly that:
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

/*
 * Check @count IOMMU pages from bus address @ioba against @w and return
 * the index of the first TCE in *@idx.
 * Rules: @ioba aligned to the IOMMU page (KVM; QEMU rounds down instead),
 * inside the window, the whole range inside the window (no wrap);
 * @count 0 only needs @ioba inside.
 * Return: 0 or -EINVAL.
 */
static int ioba_range(const struct dma_window *w, u64 ioba, u64 count, u64 *idx)
{
	u64 off;

	if (!IS_ALIGNED(ioba, 1ULL << w->page_shift) || ioba < w->bus_offset)
		return -EINVAL;
	off = (ioba - w->bus_offset) >> w->page_shift;
	if (off >= w->nr_tces || count > w->nr_tces - off)
		return -EINVAL;
	*idx = off;
	return 0;
}

/*
 * As ioba_range(), and a non-empty range touching the reserved MSI range
 * is refused: weir owns those TCEs (the doorbell mapping).
 * Return: 0, -EINVAL (alignment or range), -EACCES (MSI range).
 */
static int ioba_check(const struct dma_window *w, u64 ioba, u64 count, u64 *idx)
{
	int ret = ioba_range(w, ioba, count, idx);

	if (!ret && count &&
	    dma_msi_overlaps(w->group, ioba, count << w->page_shift))
		return -EACCES;
	return ret;
}

/*
 * ioba_check() of the one page at @ioba (count 1), on 32-bit words when
 * @ioba, the window's base and TCE count are below 4 GiB and its page
 * smaller (the default window, and every window on this 32-bit core's
 * usual bus): the same tests without 64-bit shifts on a 32-bit core.
 * With those high words 0 the 64-bit and 32-bit values are equal: lo -
 * base cannot wrap once lo >= base, and "1 > nr_tces - off" is "off >=
 * nr_tces". The MSI test stays dma_msi_overlaps()'s.
 */
static inline int ioba_check1(const struct dma_window *w, u64 ioba, u64 *idx)
{
	unsigned int shift = w->page_shift;
	u32 lo = (u32)ioba, base = (u32)w->bus_offset, off;

	if ((ioba | w->bus_offset | w->nr_tces) >> 32 || shift >= 32)
		return ioba_check(w, ioba, 1, idx);
	if ((lo & ((1U << shift) - 1)) || lo < base)
		return -EINVAL;
	off = (lo - base) >> shift;
	if (off >= (u32)w->nr_tces)
		return -EINVAL;
	if (dma_msi_overlaps(w->group, ioba, 1ULL << shift))
		return -EACCES;
	*idx = off;
	return 0;
}

/*
 * The window @liobn of @p and the TCE index of the one page at @ioba.
 * Out of line: one copy for tce_get() and tce_put() (weir's text stays
 * within its 192 KiB target).
 * Return: as dma_window_lookup(), then as ioba_check().
 */
static __attribute__((noinline)) int window_entry(const struct partition *p,
						  u64 liobn, u64 ioba,
						  struct dma_window **w,
						  u64 *idx)
{
	int ret = dma_tce_window_lookup(p, liobn, w);

	return ret ? ret : ioba_check1(*w, ioba, idx);
}

/*
 * After a successful call of @p on @w (dma_tce_window_lookup() found it
 * @p's): the register handlers' next fast case (struct partition
 * tce_hit). Only then: a refused call changes nothing.
 * Return: 0.
 */
static int tce_hit(struct partition *p, struct dma_window *w)
{
	p->tce_hit = w;
	return 0;
}

/*
 * The rules one TCE is checked against, computed once per call from the
 * window @w and the partition @p (a batch checks 512 TCEs against them):
 * bits between the permission bits and the IOMMU page size are reserved
 * and must be 0 (LoPAR bits 52-61; KVM iommu_tce_check_gpa); a TCE with R
 * or W set must name a page wholly inside @p's RAM (LoPAR H_PUT_TCE step
 * 2). A TCE without R/W ("page fault") is stored as is.
 */
struct tce_rules {
	u64 page;     /* ~(IOMMU page size - 1): the page address */
	u64 reserved; /* bits that must be 0 */
	u64 gpa_end;  /* a page fits in RAM iff its gpa < this */
};

static void tce_rules_init(struct tce_rules *r, const struct dma_window *w,
			   const struct partition *p)
{
	u64 page = 1ULL << w->page_shift;

	r->page = ~(page - 1);
	r->reserved = (page - 1) & ~TCE_PERM_MASK;
	r->gpa_end = partition_gpa_end(p, page);
}

/* Return: 0, -EINVAL (reserved bits), -EFAULT (page not the RAM). */
static inline int tce_rules_check(const struct tce_rules *r, u64 tce)
{
	if (tce & r->reserved)
		return -EINVAL;
	if ((tce & TCE_PERM_MASK) && (tce & r->page) >= r->gpa_end)
		return -EFAULT;
	return 0;
}

/* One TCE for @w and partition @p: tce_rules_check()'s errors. */
static inline int tce_check(const struct dma_window *w,
			    const struct partition *p, u64 tce)
{
	struct tce_rules r;

	tce_rules_init(&r, w, p);
	return tce_rules_check(&r, tce);
}

/**
 * tce_fast_init() - set @w->fast (see struct tce_fast) from @w's state:
 * the values of an active TCE window whose IOBAs and TCE rules fit 32-bit
 * tests (window size at most 4 GiB, so inside one 4 GiB-aligned block
 * since its base is aligned to its size; reserved TCE bits in the low
 * word, the owner's RAM bound at most 2^32 - 4, as tce_write_checked()
 * asks), else the closed value. Called whenever @w is activated or
 * deactivated (window.c), under dma_lock().
 */
void tce_fast_init(struct dma_window *w)
{
	const struct dma_group_config *c = &w->group->cfg;
	struct tce_fast *f = &w->fast;
	u64 page = 1ULL << w->page_shift, base = w->bus_offset, lo, hi;
	struct tce_rules r;

	memset(f, 0, sizeof(*f));
	f->off_mask = ~0u;
	f->msi_n = ~0u;
	if (!w->active || c->identity || !w->group->owner ||
	    w->size > (1ULL << 32) || w->page_shift < 3)
		return;
	tce_rules_init(&r, w, w->group->owner);
	if (r.reserved >> 32 || r.gpa_end > 0xfffffffcULL)
		return;
	f->base_hi = (u32)(base >> 32);
	f->base_lo = (u32)base;
	f->off_mask = ~(u32)(w->size - page);
	f->tce_shift = w->page_shift - 3;
	f->msi_lo = f->msi_n = 0;
	if (c->msi_len && dma_msi_overlaps(w->group, base, w->size)) {
		/* the TCEs of the first and last pages touching the range */
		lo = c->msi_iova > base ? c->msi_iova - base : 0;
		hi = c->msi_iova + c->msi_len - base;
		hi = (hi < w->size ? hi : w->size) - 1;
		f->msi_lo = (u32)(lo >> w->page_shift) * TCE_ENTRY_SIZE;
		f->msi_n = (u32)((hi >> w->page_shift) + 1) * TCE_ENTRY_SIZE -
			   f->msi_lo;
	}
	f->reserved = (u32)r.reserved;
	f->end4 = (u32)((r.gpa_end + 3) & ~3ULL);
	f->slot_mask = ((1U << w->slot_tce_shift) - 1) * TCE_ENTRY_SIZE;
	f->slot_shift = w->slot_tce_shift + 3;
	f->liobn = w->liobn;
}

/* Widen @w's dirty range (see struct dma_window) over TCEs @idx..+@n. */
static inline void tce_dirty(struct dma_window *w, u64 idx, u64 n)
{
	if (w->dirty_lo == w->dirty_hi) {
		w->dirty_lo = idx;
		w->dirty_hi = idx + n;
		return;
	}
	if (idx < w->dirty_lo)
		w->dirty_lo = idx;
	if (idx + n > w->dirty_hi)
		w->dirty_hi = idx + n;
}

/* Store @tce at index @idx of @w, keeping the slot's valid count; returns
 * the previous TCE. */
static inline u64 tce_write(struct dma_window *w, u64 idx, u64 tce)
{
	u64 old = be64_to_cpu(w->tces[idx]);
	u32 *valid = &w->slot_valid[idx >> w->slot_tce_shift];

	*valid += (u32)((tce & TCE_PERM_MASK) != 0) -
		  (u32)((old & TCE_PERM_MASK) != 0);
	w->tces[idx] = cpu_to_be64(tce);
	return old;
}

/*
 * Put TCEs @idx..+@count of @w back as they were before a refused write:
 * the first @zeros were 0 (their old values were not saved), the rest are
 * group->undo[@zeros..@count - 1]. Slot counts follow (tce_write()).
 */
static void tce_restore(struct dma_window *w, u64 idx, u64 count, u64 zeros)
{
	const u64 *undo = w->group->undo;
	u64 i;

	for (i = 0; i < count; i++)
		tce_write(w, idx + i, i < zeros ? 0 : undo[i]);
}

/*
 * H_PUT_TCE_INDIRECT's store: TCE @idx + i of @w takes the guest's list
 * entry @src[i] (big-endian), checked against @r as it is stored; the
 * previous TCEs go to group->undo[]. Each list entry is read once, so the
 * guest cannot change it between check and use (LoPAR asks for the list
 * to be copied first; this is the same guarantee without the copy). On
 * the first bad TCE the ones stored so far are put back, slot counts
 * included, so a refused list changes nothing: the IOMMU sees the table
 * only through tce_reflect(), afterwards, and the caller holds dma_lock.
 * Tight enough for 512-TCE batches: 32-bit indices (a window has at most
 * 2^24 TCEs, a 36-bit IOVA space of 4 KiB pages); each slot's valid count
 * is updated once, with the sum of its TCEs' changes. *@zeros is 0: every
 * old TCE is in undo[] (see tce_write_checked_u32()).
 * Return: 0 or the tce_rules_check() error of the first bad TCE.
 */
static int tce_write_checked_u64(struct dma_window *w,
				 const struct tce_rules *r, u64 idx,
				 const u64 *src, unsigned int count,
				 unsigned int *zeros)
{
	u64 *t = &w->tces[idx], *undo = w->group->undo;
	unsigned int shift = w->slot_tce_shift, i = 0, end;
	u32 s = (u32)(idx >> shift);
	u32 room = (1U << shift) - ((u32)idx & ((1U << shift) - 1));
	int ret, delta;

	*zeros = 0;
	/* Slot by slot, so that its valid count is updated once. */
	while (i < count) {
		end = count - i < room ? count : i + room;
		room = 1U << shift;
		for (delta = 0; i < end; i++) {
			u64 tce = be64_to_cpu(src[i]), old = be64_to_cpu(t[i]);

			ret = tce_rules_check(r, tce);
			if (ret) {
				w->slot_valid[s] += (u32)delta;
				tce_restore(w, idx, i, 0);
				return ret;
			}
			delta += (int)((tce & TCE_PERM_MASK) != 0) -
				 (int)((old & TCE_PERM_MASK) != 0);
			undo[i] = old;
			t[i] = cpu_to_be64(tce);
		}
		w->slot_valid[s++] += (u32)delta;
	}
	return 0;
}

/* A 32-bit word that may alias the halves of a u64 TCE. */
typedef u32 __attribute__((__may_alias__)) tce_half;

/* Which tce_half of a native u64 holds its high 32 bits. */
#define HALF_HI (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 0 : 1)

/*
 * The TCE steps of tce_write_checked_u32(): list entry @s over table
 * entry @t, each two raw big-endian halves; @res and @end4 are its rules.
 * *@delta counts the change of valid TCEs. Each list half is read once.
 *
 * tce_put_fresh(): stores the TCE (returns 0) when it has no reserved bit
 * and a zero high half and the old TCE is 0, so only the low half needs
 * writing and nothing needs saving; returns 1 (nothing stored) when that
 * test fails; -EFAULT for R/W and a page not below @end4.
 *
 * tce_put_saved(): any old TCE, saved natively in @u for tce_restore();
 * returns 0 (stored), -EINVAL (reserved bits), -EFAULT (R/W, and a high
 * half or a page not below @end4) as tce_rules_check() would.
 */
static inline int tce_put_fresh(const tce_half *s, tce_half *t, u32 res,
				u32 end4, int *delta)
{
	u32 lo = be32_to_cpu(s[1]);

	if ((lo & res) | s[0] | t[0] | t[1])
		return 1;
	if (lo & TCE_PERM_MASK) {
		if (lo >= end4)
			return -EFAULT;
		(*delta)++;
	}
	t[1] = cpu_to_be32(lo);
	return 0;
}

static inline int tce_put_saved(const tce_half *s, tce_half *t, tce_half *u,
				u32 res, u32 end4, int *delta)
{
	u32 hi = s[0], lo = be32_to_cpu(s[1]);
	u32 ohi = be32_to_cpu(t[0]), olo = be32_to_cpu(t[1]);

	if (lo & res)
		return -EINVAL;
	if (lo & TCE_PERM_MASK) {
		if (hi || lo >= end4)
			return -EFAULT;
		(*delta)++;
	}
	if (olo & TCE_PERM_MASK)
		(*delta)--;
	u[HALF_HI] = ohi;
	u[HALF_HI ^ 1] = olo;
	t[0] = hi;
	t[1] = cpu_to_be32(lo);
	return 0;
}

static inline __attribute__((always_inline)) int
tce_put_one(bool fresh, const tce_half *s, tce_half *t, tce_half *u, u32 res,
	    u32 end4, int *delta)
{
	return fresh ? tce_put_fresh(s, t, res, end4, delta) :
		       tce_put_saved(s, t, u, res, end4, delta);
}

/*
 * Up to *@n TCEs from *@s to *@t with tce_put_fresh() (@fresh) or
 * tce_put_saved() (undo at *@u), 4 per step so that each pointer moves
 * once per step; stops at the first TCE the step does not store. The
 * pointers and *@n are left at that TCE (or the end).
 * Return: the step's result there, or 0.
 */
static inline __attribute__((always_inline)) int
tce_put_steps(bool fresh, const tce_half **s, tce_half **t, tce_half **u,
	      unsigned int *n, u32 res, u32 end4, int *delta)
{
	const tce_half *sp = *s;
	tce_half *tp = *t, *up = *u;
	unsigned int left = *n, j;
	int ret = 0;

	while (left >= 4 && !ret) {
#pragma GCC unroll 4
		for (j = 0; j < 4; j++) {
			ret = tce_put_one(fresh, &sp[2 * j], &tp[2 * j],
					  &up[2 * j], res, end4, delta);
			if (ret)
				break;
		}
		sp += 2 * j;
		tp += 2 * j;
		up += fresh ? 0 : 2 * j;
		left -= j;
	}
	while (left && !ret) {
		ret = tce_put_one(fresh, sp, tp, up, res, end4, delta);
		if (!ret) {
			sp += 2;
			tp += 2;
			up += fresh ? 0 : 2;
			left--;
		}
	}
	*s = sp;
	*t = tp;
	*u = up;
	*n = left;
	return ret;
}

/*
 * tce_write_checked() on 32-bit halves, for the usual case: IOMMU pages
 * of at most 4 GiB (no reserved bit in the high half) and a RAM bound
 * below 4 GiB. Then a TCE is good iff its low half has no reserved bit
 * and, when R or W is set, its high half is 0 and its low half is below
 * @end4, the RAM bound rounded up to a multiple of 4 (the low half less
 * its two permission bits is the page address, a multiple of 4, and
 * below the bound exactly when below the rounded bound).
 *
 * Two loops. While the old TCEs are 0 (Linux maps into TCEs it cleared
 * with H_STUFF_TCE), tce_put_fresh()'s one test per TCE - new low half's
 * reserved bits, new high half, both old halves, all 0 - lets it skip
 * the undo copy and the old TCE's valid-count change: a refusal puts 0
 * back. From the first TCE where that test fails (an old TCE not 0, or
 * a new one with a high half, valid or not), tce_put_saved() checks
 * exactly and saves each old TCE in group->undo[] at its index; *@zeros
 * is the number of TCEs stored before, for tce_restore(). The TCE the
 * first loop stopped at is read again by the second, which checks what
 * it stores.
 * Return: as tce_write_checked_u64().
 */
static int tce_write_checked_u32(struct dma_window *w,
				 const struct tce_rules *r, u64 idx,
				 const u64 *src, unsigned int count, u32 end4,
				 unsigned int *zeros)
{
	const tce_half *sh = (const tce_half *)src;
	tce_half *t0 = (tce_half *)&w->tces[idx], *th = t0;
	tce_half *uh = (tce_half *)w->group->undo;
	u32 res = (u32)r->reserved;
	unsigned int shift = w->slot_tce_shift, n, left = count, z = count;
	u32 s = (u32)(idx >> shift);
	u32 room = (1U << shift) - ((u32)idx & ((1U << shift) - 1));
	int delta, ret = 0;

	/* Slot by slot, so that its valid count is updated once. */
	while (left && !ret) {
		n = left < room ? left : room;
		room = 1U << shift;
		left -= n;
		delta = 0;
		if (z == count) {
			ret = tce_put_steps(true, &sh, &th, &uh, &n, res, end4,
					    &delta);
			if (ret > 0) {
				z = (unsigned int)(th - t0) / 2;
				uh += 2 * z;
				ret = 0;
			}
		}
		if (n && !ret)
			ret = tce_put_steps(false, &sh, &th, &uh, &n, res, end4,
					    &delta);
		w->slot_valid[s++] += (u32)delta;
	}
	if (ret) {
		n = (unsigned int)(th - t0) / 2;
		tce_restore(w, idx, n, n < z ? n : z);
		return ret;
	}
	*zeros = z;
	return 0;
}

/*
 * H_PUT_TCE_INDIRECT's checked store (see tce_write_checked_u64()): on
 * 32-bit halves when the rules allow (tce_write_checked_u32()). *@zeros:
 * how many TCEs from @idx were 0 before and are not in group->undo[].
 */
static int tce_write_checked(struct dma_window *w, const struct tce_rules *r,
			     u64 idx, const u64 *src, unsigned int count,
			     unsigned int *zeros)
{
	if (!(r->reserved >> 32) && r->gpa_end <= 0xfffffffcULL)
		return tce_write_checked_u32(w, r, idx, src, count,
					     (u32)((r->gpa_end + 3) & ~3ULL),
					     zeros);
	return tce_write_checked_u64(w, r, idx, src, count, zeros);
}

/* The same for H_STUFF_TCE: one @value without R/W (tce_stuff() refuses
 * R/W), so only valid old TCEs change a slot count. */
static void tce_stuff_run(struct dma_window *w, u64 idx, u64 value,
			  unsigned int count)
{
	u64 *t = &w->tces[idx], *undo = w->group->undo;
	u64 be = cpu_to_be64(value);
	u32 *valid = w->slot_valid;
	unsigned int shift = w->slot_tce_shift, i;

	for (i = 0; i < count; i++) {
		u64 old = be64_to_cpu(t[i]);

		if (old & TCE_PERM_MASK)
			valid[((u32)idx + i) >> shift]--;
		undo[i] = old;
		t[i] = be;
	}
}

/*
 * What a clearing H_STUFF_TCE (value 0) over @count TCEs from @t would
 * change: STUFF_SAME when every TCE is 0 already (Linux's boot clear of
 * a fresh window: nothing to write), STUFF_NO_VALID when none has R/W
 * (the slots' valid TCEs stay the same, so no slot changes state: store
 * without undo or reflection), STUFF_VALID otherwise (the full path).
 * One OR per 32-bit half of the raw big-endian words: OR commutes with
 * the byte order, so the permission test is done once, on the result.
 */
enum stuff_kind { STUFF_SAME, STUFF_NO_VALID, STUFF_VALID };

static enum stuff_kind stuff_clear_kind(const u64 *t, unsigned int count)
{
	u64 any = 0;
	unsigned int i;

	/* 8 TCEs per branch: 2 loads and 2 ORs per TCE on a 32-bit core. */
#pragma GCC unroll 8
	for (i = 0; i < count; i++)
		any |= t[i];
	if (!any)
		return STUFF_SAME;
	return be64_to_cpu(any) & TCE_PERM_MASK ? STUFF_VALID : STUFF_NO_VALID;
}

/*
 * After TCEs @idx..+@n of @w were all set to 0: shrink the dirty range
 * (see struct dma_window) by the part of it they cover from either end,
 * so that a later clear of the same TCEs is a compare, not a scan.
 */
static inline void tce_clean(struct dma_window *w, u64 idx, u64 n)
{
	u64 end = idx + n;

	if (idx <= w->dirty_lo && end > w->dirty_lo)
		w->dirty_lo = end < w->dirty_hi ? end : w->dirty_hi;
	if (idx < w->dirty_hi && end >= w->dirty_hi)
		w->dirty_hi = idx > w->dirty_lo ? idx : w->dirty_lo;
}

/* ---- reflection into the IOMMU ---- */

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

/*
 * A slot of an identity window (no MSI range in it): the real RAM behind
 * guest-physical [start, start + bytes), read/write, when it is the
 * partition's; disabled above the RAM. check_identity_geometry() made
 * the RAM whole slots, so a RAM slot maps all of its bytes.
 */
static void slot_identity(const struct dma_group *g, u64 start, u64 bytes,
			  struct dma_slot_state *st)
{
	const struct dma_group_config *c = &g->cfg;

	if (start >= c->identity_size || bytes > c->identity_size - start)
		return;
	st->phys = c->identity_phys + start;
	st->size = bytes;
	st->prot = IOMMU_READ | IOMMU_WRITE;
}

/**
 * dma_slot_compute() - the IOMMU state slot @s of @w must have, from its
 * TCEs (see the file comment), or for an identity window from the
 * partition's RAM (the TCEs play no part). Disabled is {0, 0, 0}.
 */
void dma_slot_compute(const struct dma_window *w, unsigned int s,
		      struct dma_slot_state *st)
{
	u64 bytes = slot_bytes(w);
	u64 start = w->bus_offset + (u64)s * bytes;

	*st = (struct dma_slot_state){ 0 }; /* stores, not a memset() call */
	if (dma_msi_overlaps(w->group, start, bytes))
		slot_msi(w->group, start, bytes, st);
	else if (w->group->cfg.identity)
		slot_identity(w->group, start, bytes, st);
	else if (w->slot_valid[s])
		slot_run(w, s, w->slot_valid[s], st);
}

static bool slot_equal(const struct dma_slot_state *a,
		       const struct dma_slot_state *b)
{
	return a->prot == b->prot &&
	       (!a->prot || (a->phys == b->phys && a->size == b->size));
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
	unsigned int s, i;
	bool changed = false;
	int ret = 0;

	/*
	 * Each slot is saved as it is looked at, by struct copy: weir is
	 * built -ffreestanding, so memcpy() is a call, dearer than the copy
	 * for the one or two slots of a usual call.
	 */
	for (s = first; s <= last && !ret; s++) {
		struct dma_slot_state st;

		g->slot_undo[s] = w->slot[s];
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
	for (i = first; i < s; i++)
		w->slot[i] = g->slot_undo[i];
	pr_err("dma: liobn %#x: backend refused slots %u-%u (%d)\n", w->liobn,
	       first, last, ret);
	return -EIO;
}

/* ---- the TCE operations' use of it ---- */

/*
 * Reflect TCEs @idx..@idx+@count-1 (count >= 1) of @w into the IOMMU. On
 * failure put them back (tce_restore(): the first @zeros were 0, the
 * rest are in group->undo[]) so table and IOMMU agree.
 * Return: 0 or -EIO.
 */
static int tce_reflect_zeros(struct dma_window *w, u64 idx, u64 count,
			     u64 zeros)
{
	int ret;

	ret = dma_reflect_slots(w, (unsigned int)(idx >> w->slot_tce_shift),
				(unsigned int)((idx + count - 1) >>
					       w->slot_tce_shift));
	if (ret)
		tce_restore(w, idx, count, zeros);
	return ret;
}

/* tce_reflect_zeros() with every old TCE in group->undo[]. */
static int tce_reflect(struct dma_window *w, u64 idx, u64 count)
{
	return tce_reflect_zeros(w, idx, count, 0);
}

/*
 * put_keeps_slot_off() - after TCE @idx of @w was stored: true when its
 * slot was disabled and provably still is, so reflecting it would only
 * recompute the same disabled state (no snapshot, compute or commit).
 * A slot's state depends on its TCEs only through dma_slot_compute():
 * mapped needs its n valid TCEs (n = slot_valid) to be exactly its first
 * n, TCE 0 included. Witnesses that they are not: n == 0; TCE 0 of the
 * slot invalid; TCE @idx valid at an offset >= n, or invalid at an
 * offset < n. (An MSI-range slot depends on the configuration only, so
 * a disabled one stays disabled whatever this says.) O(1).
 */
static bool put_keeps_slot_off(const struct dma_window *w, u64 idx)
{
	u32 s = (u32)(idx >> w->slot_tce_shift);
	u64 first = (u64)s << w->slot_tce_shift;
	u64 k = idx - first;
	u32 n = w->slot_valid[s];
	bool valid = be64_to_cpu(w->tces[idx]) & TCE_PERM_MASK;

	if (w->slot[s].prot)
		return false;
	if (!n || !(be64_to_cpu(w->tces[first]) & TCE_PERM_MASK))
		return true;
	return valid != (k < n);
}

/**
 * tce_put() - H_PUT_TCE: store @tce for the IOMMU page at bus @ioba
 * @p: calling partition
 * @liobn: window name (from ibm,dma-window or DDW create)
 * @ioba: bus address in bytes, aligned to the window's IOMMU page
 * @tce: guest-physical page | TCE_WRITE | TCE_READ
 *
 * Return: 0; -ENOENT/-EPERM (LIOBN unknown / another partition's);
 * -EINVAL (IOBA unaligned or outside, TCE reserved bits); -EACCES (MSI
 * range); -EFAULT (page not the partition's RAM); -EIO (IOMMU refused,
 * nothing changed).
 */
int tce_put(struct partition *p, u64 liobn, u64 ioba, u64 tce)
{
	struct dma_window *w;
	u64 idx;
	int ret;

	ret = window_entry(p, liobn, ioba, &w, &idx);
	if (!ret)
		ret = tce_check(w, p, tce);
	if (ret)
		return ret;
	if (tce)
		tce_dirty(w, idx, 1);
	w->group->undo[0] = tce_write(w, idx, tce);
	if (!put_keeps_slot_off(w, idx)) {
		ret = tce_reflect(w, idx, 1);
		if (ret)
			return ret;
	}
	return tce_hit(p, w);
}

/**
 * tce_get() - H_GET_TCE: the TCE stored for bus @ioba, exactly as put
 * (including permission bits and any poison value of a "page fault" TCE).
 * On error *@tce is 0.
 * Return: 0, -ENOENT/-EPERM (LIOBN), -EINVAL (IOBA), -EACCES (MSI range).
 */
int tce_get(struct partition *p, u64 liobn, u64 ioba, u64 *tce)
{
	struct dma_window *w;
	u64 idx;
	int ret;

	*tce = 0;
	ret = window_entry(p, liobn, ioba, &w, &idx);
	if (ret)
		return ret;
	*tce = be64_to_cpu(w->tces[idx]);
	return tce_hit(p, w);
}

/*
 * A clearing H_STUFF_TCE over TCEs @idx..+@count (count >= 1) of @w: only
 * the part inside the dirty range can hold anything but 0, so only that
 * part is scanned (nothing at all when they do not meet: Linux's boot
 * clear of a fresh window), stored and reflected; the TCEs cleared then
 * shrink the dirty range.
 * Return: 0 or -EIO (tce_reflect(); nothing changed).
 */
static int tce_stuff_clear(struct dma_window *w, u64 idx, u64 count)
{
	u64 lo = idx > w->dirty_lo ? idx : w->dirty_lo;
	u64 hi = idx + count < w->dirty_hi ? idx + count : w->dirty_hi;
	unsigned int n;
	int ret;

	if (lo >= hi)
		return 0;
	n = (unsigned int)(hi - lo);
	switch (stuff_clear_kind(&w->tces[lo], n)) {
	case STUFF_SAME:
		break;
	case STUFF_NO_VALID:
		memset(&w->tces[lo], 0, n * sizeof(w->tces[0]));
		break;
	case STUFF_VALID:
		tce_stuff_run(w, lo, 0, n);
		ret = tce_reflect(w, lo, n);
		if (ret)
			return ret;
		break;
	}
	tce_clean(w, idx, count);
	return 0;
}

/**
 * tce_stuff() - H_STUFF_TCE: store @tce in @count consecutive TCEs from
 * bus @ioba
 * @count: IOMMU pages, 0..TCE_BATCH_MAX; 0 checks and changes nothing
 * @tce: must have neither TCE_READ nor TCE_WRITE (KVM: STUFF can only
 *       clear; LoPAR would allow it) and no reserved bits
 *
 * Order (LoPAR): LIOBN and start IOBA, then @count > 512, then the range.
 * A clearing STUFF (@tce == 0) may cover the reserved MSI range, whose
 * TCEs are always 0, so that a guest can sweep a whole window (Linux
 * iommu_table_clear() at boot, clean_dma_window()); any other value
 * touching it is refused.
 * Return: 0; -ENOENT/-EPERM (LIOBN); -EINVAL (IOBA, range, R/W or
 * reserved bits in @tce); -E2BIG (@count > 512, PAPR H_P4); -EACCES (MSI
 * range, @tce != 0); -EIO (IOMMU refused, nothing changed).
 */
int tce_stuff(struct partition *p, u64 liobn, u64 ioba, u64 tce, u64 count)
{
	struct dma_window *w;
	u64 idx;
	int ret;

	ret = dma_tce_window_lookup(p, liobn, &w);
	if (!ret)
		ret = ioba_range(w, ioba, 0, &idx);
	if (!ret && count > TCE_BATCH_MAX)
		ret = -E2BIG;
	if (!ret)
		ret = ioba_range(w, ioba, count, &idx);
	if (!ret && (tce & TCE_PERM_MASK))
		ret = -EINVAL;
	if (!ret)
		ret = tce_check(w, p, tce);
	if (ret || !count)
		return ret;
	/* Clearing (tce 0) may sweep over the MSI range: its TCEs are 0. */
	if (tce && dma_msi_overlaps(w->group, ioba, count << w->page_shift))
		return -EACCES;
	if (tce) {
		tce_dirty(w, idx, count);
		tce_stuff_run(w, idx, tce, (unsigned int)count);
		return tce_reflect(w, idx, count);
	}
	return tce_stuff_clear(w, idx, count);
}

/**
 * tce_put_indirect() - H_PUT_TCE_INDIRECT: store @count TCEs read from the
 * guest page @list into consecutive TCEs from bus @ioba
 * @list: guest-physical address of the TCE list, 4 KiB-aligned (always
 *        4 KiB whatever the IOMMU page size), the whole 4 KiB page inside
 *        the partition's RAM
 * @count: TCEs, 0..TCE_BATCH_MAX; 0 checks and changes nothing
 *
 * Every TCE is validated as tce_put() validates one; a list with a bad
 * TCE, or one the IOMMU backend refuses, changes nothing: TCEs and slot
 * counts are put back (tce_restore()), the dirty range is widened only
 * after the reflection succeeded.
 * Return: 0; -ENOENT/-EPERM (LIOBN); -E2BIG (@count > 512, PAPR
 * H_PARAMETER); -EINVAL (list alignment, IOBA, range, reserved bits);
 * -EACCES (MSI range); -EFAULT (list or a TCE's page not the partition's
 * RAM); -EIO (IOMMU refused, nothing changed).
 */
int tce_put_indirect(struct partition *p, u64 liobn, u64 ioba, gpa_t list,
		     u64 count)
{
	const u64 *src;
	struct dma_window *w;
	struct tce_rules r;
	unsigned int zeros = 0;
	u64 idx;
	int ret;

	ret = dma_tce_window_lookup(p, liobn, &w);
	if (ret)
		return ret;
	if (count > TCE_BATCH_MAX)
		return -E2BIG;
	if (!IS_ALIGNED(list, TCE_LIST_ALIGN))
		return -EINVAL;
	ret = ioba_check(w, ioba, count, &idx);
	if (ret || !count)
		return ret;
	src = partition_gpa_ptr(p, list, TCE_LIST_ALIGN);
	if (!src)
		return -EFAULT;
	tce_rules_init(&r, w, p);
	ret = tce_write_checked(w, &r, idx, src, (unsigned int)count, &zeros);
	if (!ret)
		ret = tce_reflect_zeros(w, idx, count, zeros);
	/* only now: a refused call leaves the dirty range as it was too */
	if (!ret)
		tce_dirty(w, idx, count);
	return ret;
}
