// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU table manager: PAACT / SPAACT / OMT in one naturally aligned
 * allocation, an SPAACE run allocator, and the staged iommu_ops backend.
 *
 * Sources: table sizes and the single zeroed, naturally aligned
 * allocation (erratum A-004510 needs one LAW/CSD over all tables): Linux
 * drivers/iommu/fsl_pamu.c fsl_pamu_probe, libos pamu_hw_init
 * (pamu-and-linux-guest.md 1.1, topaz.md 2.1). Subwindow i > 0 lives in
 * SPAACT[fspi + i - 1], subwindow 0 is the primary itself (pre-5.13 Linux
 * pamu_get_spaace / pamu_config_spaace; pamu-and-linux-guest.md 1.3).
 * V-bit protocol (clear V, barrier, write, barrier, set V): libos
 * pamu_enable_liodn, Linux pamu_enable_liodn (topaz.md 2.3).
 *
 * Staging (weir design): stage_* calls only append to an operation log.
 * The live tables are the only record of committed state; a LIODN's
 * staged state is its live state with its logged operations replayed.
 * commit() replays and validates every touched LIODN first (including
 * SPAACE runs, on a scratch copy of the allocation bitmap) and only then
 * writes the tables. The log holds the worst case of one transaction,
 * IOMMU_STAGE_OPS(group_liodns, max_subwindows): a group's every LIODN
 * restaging its window with all subwindows (pamu_create()).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <asm/io.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include <weir/log.h>
#include "pamu_priv.h"

#define PAMU_DEFAULT_IOVA_BITS 36
#define PAMU_MAX_LIODN 0xffffu /* 16-bit LIODN in SPAACE and AVS1 */

/* ------------------------------------------------------------ SPAACE pool */

static bool map_test(const u32 *map, u32 i)
{
	return map[i / 32] & (1u << (i % 32));
}

static void map_set(u32 *map, u32 start, u32 n, bool used)
{
	u32 i;

	for (i = start; i < start + n; i++) {
		if (used)
			map[i / 32] |= 1u << (i % 32);
		else
			map[i / 32] &= ~(1u << (i % 32));
	}
}

static size_t map_bytes(u32 entries)
{
	return ((size_t)entries + 31) / 32 * 4;
}

/*
 * run_alloc() - first fit run of @n contiguous free SPAACEs in @map.
 * Return: the first index (fspi), or -ENOSPC when no run is long enough.
 */
static s64 run_alloc(u32 *map, u32 entries, u32 n)
{
	u32 i, len = 0;

	for (i = 0; i < entries; i++) {
		len = map_test(map, i) ? 0 : len + 1;
		if (len == n) {
			map_set(map, i + 1 - n, n, true);
			return i + 1 - n;
		}
	}
	return -ENOSPC;
}

/* ----------------------------------------------------- V-bit protocol */

/*
 * entry_update() - make live entry @live equal to the encoded @new
 * without a device ever seeing a half-written entry: clear V, barrier,
 * write every other word (word 1 with V still clear), barrier, set V if
 * @new has it. Unchanged entries are not touched.
 */
static void entry_update(u32 *live, const u32 *new)
{
	u32 addr = get_be32(&new[PAACE_W_ADDR]);
	unsigned int i;

	if (!memcmp(live, new, PAACE_SIZE))
		return;
	put_be32(&live[PAACE_W_ADDR],
		 get_be32(&live[PAACE_W_ADDR]) & ~PAACE_AF_V);
	wmb();
	for (i = 0; i < PAACE_WORDS; i++)
		if (i != PAACE_W_ADDR)
			live[i] = new[i];
	put_be32(&live[PAACE_W_ADDR], addr & ~PAACE_AF_V);
	wmb();
	if (addr & PAACE_AF_V) {
		put_be32(&live[PAACE_W_ADDR], addr);
		wmb();
	}
}

/* entry_clear() - invalidate then zero a live entry. */
static void entry_clear(u32 *live)
{
	static const u32 zero[PAACE_WORDS];

	entry_update(live, zero);
}

/* Zero the SPAACEs of a run that no primary points at any more; free it. */
static void run_release(struct pamu *p, u32 fspi, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		entry_clear(pamu_spaace(&p->t, fspi + i));
	map_set(p->spaace_map, fspi, n, false);
}

/* ----------------------------------------------------------- encoding */

static u8 prot_to_ap(u32 prot)
{
	return (prot & IOMMU_READ ? PAACE_AP_QUERY : 0) |
	       (prot & IOMMU_WRITE ? PAACE_AP_UPDATE : 0);
}

static u32 ap_to_prot(u8 ap)
{
	return (ap & PAACE_AP_QUERY ? IOMMU_READ : 0) |
	       (ap & PAACE_AP_UPDATE ? IOMMU_WRITE : 0);
}

/*
 * The operation translation, stash target and coherency of @attr, in
 * every PAACE and SPAACE of the LIODN (Linux 6.1 setup_qbman_paace();
 * CR=1 is pamu_init_ppaace()'s default, cleared for QMan/BMan private
 * memory).
 */
static void encode_attr(const struct iommu_liodn_attr *attr,
			struct paace_fields *f)
{
	f->cr = !attr->no_coherency;
	if (attr->indexed) {
		f->otm = PAACE_OTM_INDEXED;
		f->op = attr->omi;
	}
	if (attr->stash)
		f->cid = attr->cid;
}

/*
 * Primary PAACE for @win: PT=primary, @attr's OTM/OMI/CID/CR,
 * V unless blocked; slot 0 in its own TWBA/AP/ATM (and SWSE
 * when MW=1). A disabled slot 0 is AP=DENIED with V kept (the window
 * stays defined), never V=1 with AP=ALL (topaz.md 2.12 item 2).
 */
static void encode_primary(const struct pamu_win *win,
			   const struct iommu_liodn_attr *attr, bool blocked,
			   u32 fspi, u32 *out)
{
	const struct pamu_slot *s = &win->slots[0];
	struct paace_fields f = { 0 };

	f.pt = PAACE_PT_PRIMARY;
	f.v = !blocked;
	encode_attr(attr, &f);
	f.wba = win->iova;
	pamu_size_to_wse(win->size, &f.wse);
	if (win->count > 1) {
		f.mw = true;
		pamu_count_to_wce(win->count, &f.wce);
		f.fspi = fspi;
	}
	if (s->prot) {
		f.ap = prot_to_ap(s->prot);
		f.atm = PAACE_ATM_WINDOW_XLATE;
		f.twba = s->phys;
		if (f.mw)
			pamu_size_to_wse(s->size, &f.swse);
	}
	paace_encode(out, &f);
}

/*
 * SPAACE for slot @s of @liodn, with @attr as its primary: all zero
 * (V=0) when disabled.
 */
static void encode_secondary(const struct pamu_slot *s,
			     const struct iommu_liodn_attr *attr, u32 liodn,
			     u32 *out)
{
	struct paace_fields f = { 0 };

	if (s->prot) {
		f.pt = PAACE_PT_SECONDARY;
		f.v = 1;
		encode_attr(attr, &f);
		f.liodn = (u16)liodn;
		f.ap = prot_to_ap(s->prot);
		f.atm = PAACE_ATM_WINDOW_XLATE;
		f.twba = s->phys;
		pamu_size_to_wse(s->size, &f.swse);
	}
	paace_encode(out, &f);
}

/* ------------------------------------------------------ window state */

/* A LIODN has a committed window when its primary has V or a WSE. */
static bool primary_present(const struct paace_fields *f)
{
	return f->v || f->wse;
}

static void slot_from_entry(struct pamu_slot *s, const struct paace_fields *f,
			    u64 size)
{
	s->prot = ap_to_prot(f->ap);
	s->phys = s->prot ? f->twba : 0;
	s->size = s->prot ? size : 0;
}

/* Forget every held slot i > 0: O(held slots), not O(count). */
static void win_drop_slots(struct pamu_win *win)
{
	u32 k, i;

	for (k = 0; k < win->nr_dirty; k++) {
		i = win->dirty_list[k];
		win->dirty[i / 32] &= ~(1u << (i % 32));
	}
	win->nr_dirty = 0;
}

static bool win_slot_held(const struct pamu_win *win, u32 i)
{
	return map_test(win->dirty, i);
}

/*
 * win_hold_slot() - mark slot @i (> 0) as set by a staged op.
 * Return: 0, or -ENOSPC when more distinct slots are held than the log
 * has ops (cannot happen: each held slot comes from one applied op, and
 * at most max_ops are applied between two win_drop_slots()).
 */
static int win_hold_slot(struct pamu_win *win, u32 i)
{
	if (win_slot_held(win, i))
		return 0;
	if (win->nr_dirty >= win->max_dirty)
		return -ENOSPC;
	win->dirty[i / 32] |= 1u << (i % 32);
	win->dirty_list[win->nr_dirty++] = i;
	return 0;
}

/*
 * win_load() - decode @liodn's committed window from its live primary:
 * the geometry and slot 0; no slot i > 0 is held (they stay in the live
 * SPAACEs, which only win_write() reads or writes).
 * Return: 0, or -EFAULT when the live entry is not one weir could have
 * written (count above max_subwindows, run outside the SPAACT).
 */
static int win_load(struct pamu *p, u32 liodn, struct pamu_win *win,
		    bool *blocked)
{
	struct paace_fields f;

	paace_decode(pamu_ppaace(&p->t, liodn), &f);
	win_drop_slots(win);
	memset(&win->slots[0], 0, sizeof(win->slots[0]));
	win->fresh = false;
	win->present = primary_present(&f);
	*blocked = win->present && !f.v;
	if (!win->present)
		return 0;
	win->iova = f.wba;
	win->size = pamu_wse_to_size(f.wse);
	win->count = f.mw ? pamu_wce_to_count(f.wce) : 1;
	win->fspi = f.fspi;
	if (win->count > p->max_subwindows ||
	    (win->count > 1 && (u64)f.fspi + win->count - 1 > p->t.num_spaace))
		return -EFAULT;
	slot_from_entry(&win->slots[0], &f,
			f.mw ? pamu_wse_to_size(f.swse) : win->size);
	return 0;
}

/*
 * check_window() - geometry of a stage_window() request.
 * Return: 0 or -EINVAL: @size not a power of two or < 4 KiB, window not
 * inside the 2^iova_bits IOVA space, @iova not aligned to @size, @count
 * not a power of two in [1, max_subwindows], slot (size/count) < 4 KiB.
 */
static int check_window(const struct pamu *p, u64 iova, u64 size, u32 count)
{
	u64 space = 1ULL << p->iova_bits;

	if (!IS_POWER_OF_2(size) || size < SZ_4K || size > space)
		return -EINVAL;
	if (iova >= space || iova + size > space || !IS_ALIGNED(iova, size))
		return -EINVAL;
	if (!IS_POWER_OF_2(count) || count > p->max_subwindows)
		return -EINVAL;
	if (size / count < SZ_4K)
		return -EINVAL;
	return 0;
}

/*
 * check_subwin() - a stage_subwindow() request against window @win.
 * Return: 0, -ENOENT (no window), -EINVAL: index >= count, unknown prot
 * bits, size not a power of two >= 4 KiB and <= slot size, size below
 * the slot size without subwindows (MW=0 has no SWSE), phys not aligned
 * to size or beyond the 2^iova_bits real address space.
 */
static int check_subwin(const struct pamu *p, const struct pamu_win *win,
			const struct pamu_op *op)
{
	u64 slot, space = 1ULL << p->iova_bits;

	if (!win->present)
		return -ENOENT;
	if (op->arg >= win->count || (op->prot & ~(IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if (!op->prot)
		return 0;
	slot = win->size / win->count;
	if (!IS_POWER_OF_2(op->size) || op->size < SZ_4K || op->size > slot)
		return -EINVAL;
	if (win->count == 1 && op->size != slot)
		return -EINVAL;
	if (!IS_ALIGNED(op->addr, op->size) || op->addr >= space ||
	    op->addr + op->size > space)
		return -EINVAL;
	return 0;
}

/*
 * win_apply() - validate staged @op and apply it to @win.
 * Return: 0 or the error of check_window()/check_subwin().
 */
static int win_apply(struct pamu *p, struct pamu_win *win, bool *blocked,
		     const struct pamu_op *op)
{
	int ret;

	switch (op->type) {
	case PAMU_OP_WINDOW:
		ret = check_window(p, op->addr, op->size, op->arg);
		if (ret)
			return ret;
		win->present = true;
		win->fresh = true;
		win->iova = op->addr;
		win->size = op->size;
		win->count = op->arg;
		*blocked = false;
		win_drop_slots(win);
		memset(&win->slots[0], 0, sizeof(win->slots[0]));
		return 0;
	case PAMU_OP_SUBWIN:
		ret = check_subwin(p, win, op);
		if (!ret && op->arg)
			ret = win_hold_slot(win, op->arg);
		if (ret)
			return ret;
		win->slots[op->arg].prot = op->prot;
		win->slots[op->arg].phys = op->prot ? op->addr : 0;
		win->slots[op->arg].size = op->prot ? op->size : 0;
		return 0;
	case PAMU_OP_DISABLE:
		win->present = false;
		win->fresh = true;
		return 0;
	}
	return -EINVAL;
}

/*
 * win_build() - @liodn's staged state: live state, then every logged op
 * for @liodn from index @from on, replayed in order.
 */
static int win_build(struct pamu *p, u32 liodn, unsigned int from,
		     struct pamu_win *win, bool *blocked)
{
	unsigned int i;
	int ret;

	ret = win_load(p, liodn, win, blocked);
	for (i = from; !ret && i < p->nr_ops; i++)
		if (p->ops[i].liodn == liodn)
			ret = win_apply(p, win, blocked, &p->ops[i]);
	return ret;
}

/* Does committing @win need a new SPAACE run? */
static bool win_needs_run(const struct pamu_win *win)
{
	return win->present && win->fresh && win->count > 1;
}

/* --------------------------------------------------------- writing */

/*
 * win_write_slots() - write the SPAACEs of @win's slots 1..count-1 into
 * the run at @fspi. A fresh window's run gets every entry (held slots
 * encoded, the others zero: already so in a free run, entry_update()
 * then only compares); a live run gets only the held slots, the others
 * are already what they must stay.
 */
static void win_write_slots(struct pamu *p, u32 liodn,
			    const struct pamu_win *win, u32 fspi)
{
	static const struct pamu_slot off;
	const struct iommu_liodn_attr *attr = &p->attr[liodn];
	u32 buf[PAACE_WORDS], i, k;

	if (!win->fresh) {
		for (k = 0; k < win->nr_dirty; k++) {
			i = win->dirty_list[k];
			encode_secondary(&win->slots[i], attr, liodn, buf);
			entry_update(pamu_spaace(&p->t, fspi + i - 1), buf);
		}
		return;
	}
	for (i = 1; i < win->count; i++) {
		encode_secondary(win_slot_held(win, i) ? &win->slots[i] : &off,
				 attr, liodn, buf);
		entry_update(pamu_spaace(&p->t, fspi + i - 1), buf);
	}
}

/*
 * win_write() - make @liodn's live entries equal to @win. New SPAACE
 * runs are written while unreachable, then the primary switches to them
 * (V-bit protocol), then the old run is zeroed and freed.
 * Return: 0, or -ENOSPC (cannot happen after a successful validation).
 */
static int win_write(struct pamu *p, u32 liodn, const struct pamu_win *win,
		     bool blocked)
{
	u32 *primary = pamu_ppaace(&p->t, liodn);
	u32 buf[PAACE_WORDS], old_fspi = 0, old_n = 0, fspi = win->fspi;
	struct paace_fields old;
	s64 run;

	paace_decode(primary, &old);
	if (primary_present(&old) && old.mw) {
		old_fspi = old.fspi;
		old_n = pamu_wce_to_count(old.wce) - 1;
	}
	if (!win->present) {
		entry_clear(primary);
	} else {
		if (win_needs_run(win)) {
			run = run_alloc(p->spaace_map, p->t.num_spaace,
					win->count - 1);
			if (run < 0)
				return (int)run;
			fspi = (u32)run;
		}
		win_write_slots(p, liodn, win, fspi);
		encode_primary(win, &p->attr[liodn], blocked, fspi, buf);
		entry_update(primary, buf);
		if (!win->fresh)
			return 0;
	}
	if (old_n)
		run_release(p, old_fspi, old_n);
	return 0;
}

/* ---------------------------------------------------- iommu_ops */

/*
 * stage() - validate @op against @liodn's staged state and log it.
 * Return: 0, -ERANGE (liodn beyond the PAACT), -ENOSPC (log full), or
 * the validation error of win_apply().
 */
static int stage(struct pamu *p, const struct pamu_op *op)
{
	bool blocked;
	int ret;

	if (op->liodn >= p->t.num_paace)
		return -ERANGE;
	if (p->nr_ops >= p->max_ops)
		return -ENOSPC;
	if (p->win_cached && p->win_liodn == op->liodn) {
		blocked = p->win_blocked;
		ret = 0;
	} else {
		ret = win_build(p, op->liodn, 0, &p->win, &blocked);
	}
	if (!ret)
		ret = win_apply(p, &p->win, &blocked, op);
	if (!ret && win_needs_run(&p->win) &&
	    p->win.count - 1 > p->t.num_spaace)
		ret = -ENOSPC;
	/* a refused op may have changed @win: rebuild next time */
	p->win_cached = !ret;
	if (!ret) {
		p->ops[p->nr_ops++] = *op;
		p->win_liodn = op->liodn;
		p->win_blocked = blocked;
	}
	return ret;
}

static int pamu_stage_window(struct iommu *mmu, u32 liodn, u64 iova, u64 size,
			     unsigned int subwindows)
{
	struct pamu_op op = { .type = PAMU_OP_WINDOW,
			      .liodn = liodn,
			      .addr = iova,
			      .size = size,
			      .arg = subwindows };

	return stage(to_pamu(mmu), &op);
}

static int pamu_stage_subwindow(struct iommu *mmu, u32 liodn,
				unsigned int index, phys_addr_t phys, u64 size,
				unsigned int prot)
{
	struct pamu_op op = { .type = PAMU_OP_SUBWIN,
			      .liodn = liodn,
			      .arg = index,
			      .addr = phys,
			      .size = size,
			      .prot = prot };

	return stage(to_pamu(mmu), &op);
}

static int pamu_stage_disable(struct iommu *mmu, u32 liodn)
{
	struct pamu_op op = { .type = PAMU_OP_DISABLE, .liodn = liodn };

	return stage(to_pamu(mmu), &op);
}

/*
 * Each LIODN in the staged log is built once, at its first op (marks
 * are cleared by the caller before the walk). Sets *@liodn.
 */
static bool first_op_of_liodn(struct pamu *p, unsigned int i, u32 *liodn)
{
	*liodn = p->ops[i].liodn;
	if (p->mark[*liodn])
		return false;
	p->mark[*liodn] = 1;
	return true;
}

/*
 * validate_all() - replay every touched LIODN and reserve its new SPAACE
 * run in a scratch bitmap (old runs stay reserved: they are freed only
 * after the new entries are live). Return: 0 or the first error.
 */
static int validate_all(struct pamu *p, unsigned int *built, bool *last_blocked)
{
	unsigned int i;
	bool blocked;
	u32 liodn;
	int ret;

	*built = 0;
	p->win_cached = false;
	memcpy(p->scratch_map, p->spaace_map, map_bytes(p->t.num_spaace));
	memset(p->mark, 0, p->t.num_paace);
	for (i = 0; i < p->nr_ops; i++) {
		if (!first_op_of_liodn(p, i, &liodn))
			continue;
		ret = win_build(p, liodn, i, &p->win, &blocked);
		if (ret)
			return ret;
		(*built)++;
		*last_blocked = blocked;
		if (win_needs_run(&p->win) &&
		    run_alloc(p->scratch_map, p->t.num_spaace,
			      p->win.count - 1) < 0)
			return -ENOSPC;
	}
	return 0;
}

/*
 * pamu_commit() - apply every staged change or none.
 * Return: 0; or the validation error (-EINVAL, -ENOENT, -ENOSPC,
 * -EFAULT) with the tables and the staged log unchanged (call abort()
 * to drop the log).
 */
static int pamu_commit(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);
	unsigned int i, built;
	bool blocked, vblocked = false;
	u32 liodn;
	int ret;

	ret = validate_all(p, &built, &vblocked);
	if (ret)
		return ret;
	memset(p->mark, 0, p->t.num_paace);
	for (i = 0; i < p->nr_ops; i++) {
		if (!first_op_of_liodn(p, i, &liodn))
			continue;
		/* One LIODN in the log: @win still holds what validate_all()
		 * built for it (its SPAACE reservation was only a dry run). */
		blocked = vblocked;
		ret = built == 1 ? 0 :
				   win_build(p, liodn, i, &p->win, &blocked);
		if (!ret)
			ret = win_write(p, liodn, &p->win, blocked);
		if (ret) {
			pr_err("pamu: commit failed after validation (%d)\n",
			       ret);
			break;
		}
	}
	p->nr_ops = 0;
	p->win_cached = false;
	win_drop_slots(&p->win); /* nothing held between commits */
	if (IS_ENABLED(CONFIG_IOMMU_FAULT_INJECT) && !ret &&
	    mmu->inject == IOMMU_INJECT_FREE_SUB)
		pamu_inject_free_sub(p);
	return ret;
}

static void pamu_abort(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);

	p->nr_ops = 0;
	p->win_cached = false;
	win_drop_slots(&p->win);
}

static int pamu_translate_op(struct iommu *mmu, u32 liodn, u64 iova,
			     unsigned int access, phys_addr_t *phys)
{
	return pamu_model_translate(mmu, liodn, iova, access, phys, NULL);
}

static void pamu_caps(struct iommu *mmu, struct iommu_caps *caps)
{
	struct pamu *p = to_pamu(mmu);

	caps->iova_bits = p->iova_bits;
	caps->max_liodn = p->t.num_paace - 1;
	caps->max_subwindows = p->max_subwindows;
	caps->min_window = SZ_4K;
	caps->max_staged = p->max_ops;
}

static const struct iommu_ops pamu_ops = {
	.stage_window = pamu_stage_window,
	.stage_subwindow = pamu_stage_subwindow,
	.stage_disable = pamu_stage_disable,
	.commit = pamu_commit,
	.abort = pamu_abort,
	.translate = pamu_translate_op,
	.caps = pamu_caps,
	.set_liodn_attr = pamu_set_liodn_attr,
	.dma_copy = pamu_model_dma_copy,
	.poll = pamu_poll,
	.stats = IS_ENABLED(CONFIG_PPC) ? NULL : pamu_stats, /* host builds */
	/* audit.c, host builds (tests): the self-check and state copy */
	.audit = IS_ENABLED(CONFIG_PPC) ? NULL : pamu_audit,
	.save = IS_ENABLED(CONFIG_PPC) ? NULL : pamu_save,
	.restore = IS_ENABLED(CONFIG_PPC) ? NULL : pamu_restore,
};

/* ---------------------------------------------------- creation */

static u64 round_pow2(u64 x)
{
	u64 r = 1;

	while (r < x)
		r <<= 1;
	return r;
}

/*
 * Bytes hv_zalloc() gives a struct pamu: a fixed figure, the same on the
 * 32-bit target and the 64-bit host, so weir-plan counts what boot does.
 */
#define PAMU_ALLOC_BYTES 256
_Static_assert(sizeof(struct pamu) <= PAMU_ALLOC_BYTES,
	       "PAMU_ALLOC_BYTES too small");

/*
 * tables_size() - PAACT | SPAACT | OMT, each part 4 KiB aligned, in one
 * allocation of power-of-two size (bytes) aligned to that size; @paact
 * and @spaact get the bytes of the first two parts.
 */
static u64 tables_size(u32 num_paace, u32 num_spaace, u64 *paact, u64 *spaact)
{
	*paact = ALIGN_UP((u64)num_paace * PAACE_SIZE, SZ_4K);
	*spaact = ALIGN_UP((u64)num_spaace * PAACE_SIZE, SZ_4K);
	return round_pow2(*paact + *spaact + OMT_SIZE);
}

/* tables_alloc() - the tables of tables_size(), zeroed, at @a. */
static int tables_alloc(struct pamu_tables *t, u32 num_paace, u32 num_spaace,
			const struct hv_alloc *a)
{
	u64 paact, spaact;
	u64 size = tables_size(num_paace, num_spaace, &paact, &spaact);
	u8 *base;

	if (size > SIZE_MAX || a->size != size)
		return -ENOSPC;
	base = hv_zalloc((size_t)a->size, (size_t)a->align);
	if (!base)
		return -ENOSPC;
	t->base = base;
	t->size = size;
	t->paact = (u32 *)base;
	t->num_paace = num_paace;
	t->spaact = (u32 *)(base + paact);
	t->num_spaace = num_spaace;
	t->omt = base + paact + spaact;
	pamu_omt_setup(t->omt);
	return 0;
}

static int check_config(const struct iommu_config *cfg)
{
	if (cfg->max_liodn > PAMU_MAX_LIODN)
		return -ERANGE;
	if (!IS_POWER_OF_2(cfg->max_subwindows) || cfg->max_subwindows < 2 ||
	    cfg->max_subwindows > (1u << 16))
		return -EINVAL;
	if (cfg->iova_bits > 63)
		return -EINVAL;
	/* a group cannot have more LIODNs than the PAACT has entries */
	if (cfg->group_liodns > cfg->max_liodn + 1)
		return -EINVAL;
	return 0;
}

/*
 * stage_ops() - operations the staging log holds: @cfg->stage_max, or
 * the worst case of one transaction, IOMMU_STAGE_OPS(group_liodns,
 * max_subwindows). At most 65536 * 65537 (check_config()), so the u64
 * cannot overflow; pamu_create() refuses what does not fit in memory.
 */
static u64 stage_ops(const struct iommu_config *cfg)
{
	if (cfg->stage_max)
		return cfg->stage_max;
	return IOMMU_STAGE_OPS(cfg->group_liodns ?: 1, cfg->max_subwindows);
}

/* Entries of the dirty list: the smaller of the log and the subwindows. */
static unsigned int max_dirty(unsigned int stage_max, unsigned int max_sub)
{
	return stage_max < max_sub ? stage_max : max_sub;
}

/**
 * pamu_allocs() - the hv_zalloc() calls pamu_create() makes for @cfg, in
 * order (sizes and alignments in bytes): the struct pamu, the tables
 * (PAACT | SPAACT | OMT, a power of two aligned to its size), the SPAACE
 * and scratch bitmaps, one byte per LIODN, the staging log (32 bytes an
 * operation), the scratch window's slots, dirty bitmap and dirty list,
 * one struct iommu_liodn_attr per LIODN.
 * Return: PAMU_NR_ALLOCS, or pamu_create()'s -ERANGE/-EINVAL/-ENOSPC for
 * a config it refuses before allocating.
 */
int pamu_allocs(const struct iommu_config *cfg,
		struct hv_alloc a[PAMU_NR_ALLOCS])
{
	u64 ops, paact, spaact, size;
	unsigned int stage_max, max_sub = cfg->max_subwindows;
	int ret;

	ret = check_config(cfg);
	if (ret)
		return ret;
	ops = stage_ops(cfg);
	if (ops > UINT_MAX / sizeof(struct pamu_op))
		return -ENOSPC;
	stage_max = (unsigned int)ops;
	size = tables_size(cfg->max_liodn + 1, cfg->spaace_entries, &paact,
			   &spaact);
	a[0] = (struct hv_alloc){ PAMU_ALLOC_BYTES, 8 };
	a[1] = (struct hv_alloc){ size, size };
	a[2] = (struct hv_alloc){ map_bytes(cfg->spaace_entries) + 4, 4 };
	a[3] = a[2];
	a[4] = (struct hv_alloc){ (u64)cfg->max_liodn + 1, 1 };
	a[5] = (struct hv_alloc){ sizeof(struct pamu_op) * (u64)stage_max, 8 };
	a[6] = (struct hv_alloc){ sizeof(struct pamu_slot) * (u64)max_sub, 8 };
	a[7] = (struct hv_alloc){ map_bytes(max_sub), 4 };
	a[8] = (struct hv_alloc){
		sizeof(u32) * (u64)max_dirty(stage_max, max_sub), 4
	};
	a[9] = (struct hv_alloc){
		sizeof(struct iommu_liodn_attr) * ((u64)cfg->max_liodn + 1), 4
	};
	return PAMU_NR_ALLOCS;
}

static void *alloc(const struct hv_alloc *a)
{
	return hv_zalloc((size_t)a->size, (size_t)a->align);
}

/**
 * pamu_create() - allocate the PAMU tables and an iommu for them
 * @cfg: table sizes (see struct iommu_config)
 * @out: the new iommu (ops = PAMU backend with staging and the model)
 *
 * The tables are zeroed (every LIODN blocked, V=0) and the OMT holds the
 * standard mappings. Registers are not touched: pamu_hw_init() does that.
 * The staging log holds stage_ops() operations of sizeof(struct
 * pamu_op) = 32 bytes: 8 224 bytes per LIODN of the largest group with
 * 256 subwindows (caps.max_staged reports it). What is allocated is
 * exactly pamu_allocs(), in that order.
 * Return: 0, -ERANGE (max_liodn > 0xffff: LIODN fields are 16 bits),
 * -EINVAL (max_subwindows not a power of two in [2, 65536], iova_bits >
 * 63, group_liodns > max_liodn + 1), -ENOSPC (out of hypervisor memory,
 * or a staging log beyond UINT_MAX bytes).
 */
int pamu_create(const struct iommu_config *cfg, struct iommu **out)
{
	struct hv_alloc a[PAMU_NR_ALLOCS];
	struct pamu *p;
	int ret;

	ret = pamu_allocs(cfg, a);
	if (ret < 0)
		return ret;
	p = alloc(&a[0]);
	if (!p)
		return -ENOSPC;
	p->iova_bits = cfg->iova_bits ?: PAMU_DEFAULT_IOVA_BITS;
	p->max_subwindows = cfg->max_subwindows;
	p->max_ops = (unsigned int)(a[5].size / sizeof(struct pamu_op));
	ret = tables_alloc(&p->t, cfg->max_liodn + 1, cfg->spaace_entries,
			   &a[1]);
	p->spaace_map = alloc(&a[2]);
	p->scratch_map = alloc(&a[3]);
	p->mark = alloc(&a[4]);
	p->ops = alloc(&a[5]);
	p->win.slots = alloc(&a[6]);
	p->win.dirty = alloc(&a[7]);
	p->win.max_dirty = max_dirty(p->max_ops, p->max_subwindows);
	p->win.dirty_list = alloc(&a[8]);
	p->attr = alloc(&a[9]);
	if (ret || !p->spaace_map || !p->scratch_map || !p->mark || !p->ops ||
	    !p->win.slots || !p->win.dirty || !p->win.dirty_list || !p->attr) {
		pamu_destroy(&p->iommu);
		return -ENOSPC;
	}
	p->iommu.ops = &pamu_ops;
	p->iommu.priv = p;
	*out = &p->iommu;
	return 0;
}

/** pamu_destroy() - free everything pamu_create() allocated (tests). */
void pamu_destroy(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);

	if (!IS_ENABLED(CONFIG_PPC))
		pamu_test_free(p);
	hv_free(p->attr);
	hv_free(p->win.dirty_list);
	hv_free(p->win.dirty);
	hv_free(p->win.slots);
	hv_free(p->ops);
	hv_free(p->mark);
	hv_free(p->scratch_map);
	hv_free(p->spaace_map);
	hv_free(p->t.base);
	hv_free(p);
}

/**
 * pamu_set_liodn_attr() - set what @liodn's PAACEs carry besides the window
 * @mmu:   the PAMU iommu
 * @liodn: LIODN (PAACT index)
 * @attr:  OTM/OMI, stash id (CID) and coherency (struct iommu_liodn_attr)
 *
 * Applies to every entry of @liodn written from then on; call it before
 * the LIODN's first window is staged (boot does, hv/iommu/plan.c
 * iommu_plan_liodn_attrs()), the live entries are not rewritten.
 * Return: 0; -ERANGE when @liodn is beyond the PAACT; -EINVAL when
 * @attr->omi is not an OME index (>= OME_ENTRIES); -EBUSY when @liodn
 * already has a window (live or staged).
 */
int pamu_set_liodn_attr(struct iommu *mmu, u32 liodn,
			const struct iommu_liodn_attr *attr)
{
	struct pamu *p = to_pamu(mmu);
	struct paace_fields f;
	unsigned int i;

	if (liodn >= p->t.num_paace)
		return -ERANGE;
	if (attr->indexed && attr->omi >= OME_ENTRIES)
		return -EINVAL;
	paace_decode(pamu_ppaace(&p->t, liodn), &f);
	if (primary_present(&f))
		return -EBUSY;
	for (i = 0; i < p->nr_ops; i++)
		if (p->ops[i].liodn == liodn)
			return -EBUSY;
	p->attr[liodn] = *attr;
	return 0;
}

/** pamu_tables() - the live tables (for pamu_hw_init and dumps). */
const struct pamu_tables *pamu_tables(struct iommu *mmu)
{
	return &to_pamu(mmu)->t;
}

/** pamu_spaace_free() - number of unallocated SPAACEs. */
u32 pamu_spaace_free(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);
	u32 i, n = 0;

	for (i = 0; i < p->t.num_spaace; i++)
		n += !map_test(p->spaace_map, i);
	return n;
}

/** pamu_staged_count() - number of staged, uncommitted operations. */
unsigned int pamu_staged_count(struct iommu *mmu)
{
	return to_pamu(mmu)->nr_ops;
}

/**
 * pamu_block_liodn() - clear @liodn's primary V bit now (not staged)
 *
 * For the access-violation policy: only removes access, so it may bypass
 * staging. The window stays defined; a later commit that restages the
 * window makes it valid again, subwindow-only changes keep it blocked.
 * Return: 0, or -ERANGE when @liodn is beyond the PAACT.
 */
int pamu_block_liodn(struct iommu *mmu, u32 liodn)
{
	struct pamu *p = to_pamu(mmu);
	u32 *e;

	if (liodn >= p->t.num_paace)
		return -ERANGE;
	e = pamu_ppaace(&p->t, liodn);
	p->win_cached = false; /* the live state changes */
	put_be32(&e[PAACE_W_ADDR], get_be32(&e[PAACE_W_ADDR]) & ~PAACE_AF_V);
	wmb();
	return 0;
}
