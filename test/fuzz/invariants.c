// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hcall fuzzer's invariants (invariants.h). The IOMMU is reached only
 * through iommu_ops: its audit (the PAMU's drivers/iommu/pamu/audit.c)
 * decodes the table bytes with code apart from the encoder, checks the
 * driver's own rules and hands each LIODN's window here, where it is
 * checked against the partitions' RAM and doorbells and against what
 * hv/dma believes is mapped; exact windows are also probed through
 * iommu_ops.translate (the PAMU's software model), the walk a device
 * would do.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/errq.h>
#include "invariants.h"
#include "world.h"

/* ----------------------------------------------------------- failure */

void inv_fail(const char *after, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\nINVARIANT BROKEN after %s: ", after);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---------------------------------------------------------- snapshot */

/*
 * The snapshot is a list of regions of live state with a copy each. A
 * region's kind says which invariants depend on it, so that a change can
 * be mapped to what must be re-checked (inv_check_changed()):
 *   RK_GROUP   group @id's state: its LIODNs and windows;
 *   RK_OTHER   partitions, vPICs, vCPUs...: no invariant but "a refused
 *              call changes nothing" reads them.
 * The IOMMU's state is not a region: its audit (below) says whether it
 * changed (a generation) and which LIODNs' windows did.
 */
enum rkind { RK_OTHER, RK_GROUP };

#define MAX_REGIONS 80

struct region {
	const char *name;
	void *live;
	void *copy;
	size_t len;
	size_t cap;
	enum rkind kind;
	unsigned int id;
	int owner;		/* partition index; -1: shared (small) */
};

static struct region regions[MAX_REGIONS];
static unsigned int nregions;

/* What changed since the last check (snap_update() sets, checks clear). */
static u64 dirty_liodns;			/* bit per LIODN */
static unsigned int dirty_groups;		/* bit per group */

/*
 * Equality of @n bytes, without the ASan memcmp interceptor: both sides
 * are the harness's own live state and copies (known valid), and this
 * runs on ~380 KB after every call. Blocks of 64 bytes OR their XORs so
 * that the compiler vectorizes the loop.
 */
__attribute__((no_sanitize("address", "undefined")))
static bool same(const void *a, const void *b, size_t n)
{
	const u8 *x = a, *y = b;

	while (n >= 64) {
		u64 d = 0, u, v;
		unsigned int i;

		for (i = 0; i < 64; i += 8) {
			__builtin_memcpy(&u, x + i, 8);
			__builtin_memcpy(&v, y + i, 8);
			d |= u ^ v;
		}
		if (d)
			return false;
		x += 64;
		y += 64;
		n -= 64;
	}
	while (n--)
		if (*x++ != *y++)
			return false;
	return true;
}

static void add_kind(const char *name, void *live, size_t len,
		     enum rkind kind, unsigned int id)
{
	struct region *r = &regions[nregions++];

	if (nregions > MAX_REGIONS)
		abort();
	r->name = name;
	r->live = live;
	r->len = len;
	r->kind = kind;
	r->id = id;
	r->owner = kind == RK_GROUP ? (int)W.grp_owner[id] : -1;
	if (r->cap < len || !r->copy) {
		free(r->copy);
		r->copy = malloc(len ? len : 1);
		r->cap = len;
		if (!r->copy)
			abort();
	}
	memcpy(r->copy, live, len);
}

static void add(const char *name, void *live, size_t len)
{
	add_kind(name, live, len, RK_OTHER, 0);
}

/* ------------------------------------------------------- IOMMU audit */

/* One LIODN's window as the last audit reported it. */
struct dec {
	struct iommu_window w;		/* w.slot points at slot[] */
	struct iommu_subwindow slot[W_MAX_SUB];
};

static struct dec dec[W_MAX_LIODN + 1];
static u64 iommu_gen;			/* of the last audit */
static bool audit_failed;		/* reported by inv_check_cheap() */
static char audit_why[200];

static bool window_same(const struct iommu_window *a,
			const struct iommu_window *b)
{
	unsigned int s;

	if (a->present != b->present || a->valid != b->valid ||
	    a->iova != b->iova || a->size != b->size ||
	    a->count != b->count || a->sub_first != b->sub_first)
		return false;
	for (s = 0; s < a->count; s++)
		if (a->slot[s].phys != b->slot[s].phys ||
		    a->slot[s].size != b->slot[s].size ||
		    a->slot[s].prot != b->slot[s].prot)
			return false;
	return true;
}

/* iommu_audit.window: keep @w in dec[], mark @liodn if it changed. */
static void on_window(void *ctx, u32 liodn, const struct iommu_window *w)
{
	struct dec *d;

	if (liodn > W_MAX_LIODN || w->count > W_MAX_SUB)
		inv_fail("audit", "liodn %u with %u slots: beyond the world",
			 liodn, w->count);
	d = &dec[liodn];
	if (window_same(&d->w, w))
		return;
	d->w = *w;
	d->w.slot = d->slot;
	memcpy(d->slot, w->slot, w->count * sizeof(*w->slot));
	dirty_liodns |= 1ULL << liodn;
}

/*
 * Run the IOMMU's audit (@full: decode every entry even if the tables
 * did not change): dec[] in step with the tables, the LIODNs whose
 * window changed marked in dirty_liodns. A broken rule is kept for the
 * next inv_check_cheap(), which names the call. Returns true when the
 * IOMMU's state changed (its generation) or the audit failed.
 */
static bool audit(bool full)
{
	struct iommu_audit a = { .full = full, .window = on_window };
	int ret = W.mmu->ops->audit(W.mmu, &a);

	if (ret) {
		if (!audit_failed)
			snprintf(audit_why, sizeof(audit_why),
				 "IOMMU audit: %s (%d)",
				 ret == -EIO ? a.why : "no verdict", ret);
		audit_failed = true;
		return true;
	}
	if (a.generation == iommu_gen)
		return false;
	iommu_gen = a.generation;
	return true;
}

/* ---------------------------------------------------------- snapshot */

/*
 * What a refused call must not change: the IOMMU's tables (its audit),
 * every group's state (config, owner, windows with their TCE tables
 * and slot bookkeeping, blocked flag, fault count; not the per-call
 * scratch undo/list), partitions, vPICs, byte channels, the vCPUs (but
 * not their shadow TLBs), the error queues, MSI registers, the console.
 */
void snap_init(void)
{
	unsigned int g, i, w;

	nregions = 0;
	for (g = 0; g < W_NGROUPS; g++) {
		struct dma_group *grp = W.grp[g];

		add_kind("group", grp, offsetof(struct dma_group, undo),
			 RK_GROUP, g);
		add_kind("group flags", &grp->blocked,
			 sizeof(*grp) - offsetof(struct dma_group, blocked),
			 RK_GROUP, g);
		for (w = 0; w < DMA_WINDOWS_PER_GROUP; w++) {
			struct dma_window *win = &grp->win[w];

			add_kind("tce table", win->tces,
				 win->max_tces * TCE_ENTRY_SIZE, RK_GROUP, g);
			add_kind("slot valid", win->slot_valid,
				 win->max_slots * sizeof(*win->slot_valid),
				 RK_GROUP, g);
			add_kind("slot state", win->slot,
				 win->max_slots * sizeof(*win->slot),
				 RK_GROUP, g);
		}
	}
	add("partitions", W.part, W_NPARTS * sizeof(*W.part));
	add("global error queue", errq_global(), sizeof(struct errq));
	add("msi registers", W.msi_regs, sizeof(W.msi_regs));
	add("vpics", W.pic, W_NPARTS * sizeof(*W.pic));
	add("byte channels", W.con, W_NPARTS * sizeof(*W.con));
	for (g = 0; g < W_NPARTS; g++)
		for (i = 0; i < W.part[g].nvcpus; i++)
			add("vcpu", W.vcpu[g][i], offsetof(struct vcpu, tlb));
	add("console bytes", &W.console_bytes, sizeof(W.console_bytes));
	add("kicks", &W.kicks, sizeof(W.kicks));
	add("resets", &W.resets, sizeof(W.resets));
	audit(true);
	dirty_liodns = 0;
	dirty_groups = 0;
}

/* Record what a changed region marks, then accept it. */
static void mark_dirty(struct region *r)
{
	if (r->kind == RK_GROUP)
		dirty_groups |= 1u << r->id;
	memcpy(r->copy, r->live, r->len);
}

bool snap_update(void)
{
	bool changed = audit(false);
	unsigned int i;

	for (i = 0; i < nregions; i++) {
		struct region *r = &regions[i];

		if (!same(r->copy, r->live, r->len)) {
			mark_dirty(r);
			changed = true;
		}
	}
	return changed;
}

bool snap_same(void)
{
	unsigned int i;

	if (audit(false)) {
		fprintf(stderr, "changed: the IOMMU's tables (audit)\n");
		return false;
	}
	for (i = 0; i < nregions; i++) {
		const struct region *r = &regions[i];

		if (!same(r->copy, r->live, r->len)) {
			size_t off = 0;

			while (((u8 *)r->copy)[off] == ((u8 *)r->live)[off])
				off++;
			fprintf(stderr, "changed: %s (region %u) at offset %#zx\n",
				r->name, i, off);
			return false;
		}
	}
	return true;
}

bool snap_scope_same(unsigned int parts)
{
	unsigned int i;

	for (i = 0; i < nregions; i++) {
		const struct region *r = &regions[i];

		if (r->owner >= 0 && !(parts & (1u << r->owner)))
			continue;
		if (!same(r->copy, r->live, r->len)) {
			fprintf(stderr, "changed: %s (region %u)\n", r->name, i);
			return false;
		}
	}
	return true;
}

void snap_accept_regs(unsigned int pi, unsigned int vi)
{
	unsigned int i, n = 0;

	for (i = 0; i < nregions; i++) {
		struct region *r = &regions[i];

		if (r->live != W.vcpu[pi][vi])
			continue;
		((struct vcpu *)r->copy)->regs = W.vcpu[pi][vi]->regs;
		n++;
	}
	if (n != 1)
		abort();
}

/* ------------------------------------------------- windows of the IOMMU */

/*
 * A mapping of @liodn: slot at bus @iova maps [@phys, +@size) with @prot.
 * It must lie in the owner's RAM, or be the group's own doorbell, mapped
 * write-only 1:1 from the MSI range start.
 */
static void check_mapping(const char *after, u32 liodn, u64 iova,
			  phys_addr_t phys, u64 size, unsigned int prot)
{
	const struct dma_group *g = world_group_of_liodn(liodn);
	const struct partition *p = g->owner;
	const struct dma_group_config *c = &g->cfg;

	if (phys >= p->ram_phys && size <= p->ram_size &&
	    phys - p->ram_phys <= p->ram_size - size)
		return;
	if (c->has_doorbell && phys >= c->doorbell_phys &&
	    size <= c->doorbell_size &&
	    phys - c->doorbell_phys <= c->doorbell_size - size) {
		if (prot != IOMMU_WRITE)
			inv_fail(after, "liodn %u: doorbell mapped with prot %u",
				 liodn, prot);
		if (iova < c->msi_iova ||
		    iova - c->msi_iova != phys - c->doorbell_phys)
			inv_fail(after, "liodn %u: doorbell at iova %#llx",
				 liodn, (unsigned long long)iova);
		return;
	}
	inv_fail(after, "liodn %u (partition %u) maps iova %#llx -> real "
		 "%#llx+%#llx outside its RAM %#llx+%#llx", liodn, p->id,
		 (unsigned long long)iova, (unsigned long long)phys,
		 (unsigned long long)size, (unsigned long long)p->ram_phys,
		 (unsigned long long)p->ram_size);
}

/*
 * @liodn's window as the audit reported it: only a LIODN of exactly one
 * group has one, and a valid one maps only its owner's RAM or the
 * group's doorbell.
 */
static void check_liodn(const char *after, u32 liodn)
{
	const struct dec *d = &dec[liodn];
	unsigned int s;

	if (!d->w.present)
		return;
	if (world_liodn_owner(liodn) < 0 || world_liodn_groups(liodn) != 1)
		inv_fail(after, "liodn %u: window but %u groups", liodn,
			 world_liodn_groups(liodn));
	if (!d->w.valid)
		return;
	for (s = 0; s < d->w.count; s++)
		if (d->slot[s].prot)
			check_mapping(after, liodn,
				      d->w.iova + s * (d->w.size / d->w.count),
				      d->slot[s].phys, d->slot[s].size,
				      d->slot[s].prot);
}

/* Owner partition index of @liodn's group, or -1. */
static int liodn_part(u32 liodn)
{
	return world_liodn_owner(liodn);
}

/* A change of @what belonging to partition index @pi: allowed in @parts? */
static void check_owner(const char *after, unsigned int parts, int pi,
			const char *what, unsigned int n)
{
	if (pi >= 0 && !(parts & (1u << pi)))
		inv_fail(after, "%s %u of partition %u changed by a call "
			 "that may only change partitions %#x (or by an "
			 "earlier refused call: FUZZ_SCOPE=0 names it)", what,
			 n, pi + 1, parts);
}

/* -------------------------------------------------- windows and tables */

static bool in_msi(const struct dma_group *g, u64 iova, u64 len)
{
	return dma_msi_overlaps(g, iova, len);
}

/* Every TCE: reserved bits clear, valid ones inside the owner's RAM,
 * none in the MSI range; slot_valid counts right. */
static void check_tces(const char *after, const struct dma_window *w)
{
	const struct dma_group *g = w->group;
	u64 page = 1ULL << w->page_shift, i;
	unsigned int s;

	for (s = 0; s < w->nr_slots; s++) {
		u32 n = 0;

		for (i = (u64)s << w->slot_tce_shift;
		     i < ((u64)s + 1) << w->slot_tce_shift; i++) {
			u64 tce = be64_to_cpu(w->tces[i]);
			u64 iova = w->bus_offset + i * page;

			if (!(tce & TCE_PERM_MASK))
				continue;
			n++;
			if (tce & (page - 1) & ~TCE_PERM_MASK)
				inv_fail(after, "liobn %#x tce %llu: reserved "
					 "bits %#llx", w->liobn,
					 (unsigned long long)i,
					 (unsigned long long)tce);
			if ((tce & ~(page - 1)) >= g->owner->ram_size ||
			    g->owner->ram_size - (tce & ~(page - 1)) < page)
				inv_fail(after, "liobn %#x tce %llu: page %#llx "
					 "outside RAM", w->liobn,
					 (unsigned long long)i,
					 (unsigned long long)tce);
			if (in_msi(g, iova, page))
				inv_fail(after, "liobn %#x: TCE %#llx in the MSI "
					 "range at %#llx", w->liobn,
					 (unsigned long long)tce,
					 (unsigned long long)iova);
		}
		if (n != w->slot_valid[s])
			inv_fail(after, "liobn %#x slot %u: valid %u, counted %u",
				 w->liobn, s, w->slot_valid[s], n);
	}
}

/*
 * Committed slot state == what the TCEs say == the IOMMU entries of every
 * LIODN of the group; every mapped byte is granted by a TCE.
 */
static void check_slots(const char *after, const struct dma_window *w)
{
	const struct dma_group *g = w->group;
	u64 page = 1ULL << w->page_shift;
	u64 sbytes = page << w->slot_tce_shift;
	unsigned int s, l;

	for (s = 0; s < w->nr_slots; s++) {
		const struct dma_slot_state *st = &w->slot[s];
		struct dma_slot_state want;
		u64 start = w->bus_offset + s * sbytes, off;

		dma_slot_compute(w, s, &want);
		if (want.prot != st->prot || (st->prot &&
		    (want.phys != st->phys || want.size != st->size)))
			inv_fail(after, "liobn %#x slot %u: committed state is "
				 "not what the TCEs say", w->liobn, s);
		for (l = 0; l < g->cfg.nr_liodns; l++) {
			const struct iommu_subwindow *d =
				&dec[g->cfg.liodns[l]].slot[s];

			if (d->prot != st->prot || (st->prot &&
			    (d->phys != st->phys || d->size != st->size)))
				inv_fail(after, "liobn %#x slot %u liodn %u: "
					 "PAMU entry differs from the table",
					 w->liobn, s, g->cfg.liodns[l]);
		}
		if (!st->prot || in_msi(g, start, sbytes))
			continue;
		for (off = 0; off < st->size; off += page < st->size ? page :
							       st->size) {
			u64 i = (start + off - w->bus_offset) >> w->page_shift;
			u64 tce = be64_to_cpu(w->tces[i]);
			u64 perm = tce & TCE_PERM_MASK;
			unsigned int tprot = (perm & TCE_READ ? IOMMU_READ : 0) |
					     (perm & TCE_WRITE ? IOMMU_WRITE : 0);
			u64 want_phys = g->owner->ram_phys +
					(tce & ~(page - 1)) +
					((start + off) & (page - 1));

			if ((st->prot & tprot) != st->prot ||
			    st->phys + off != want_phys)
				inv_fail(after, "liobn %#x slot %u: iova %#llx "
					 "mapped to %#llx but TCE %llu is %#llx",
					 w->liobn, s,
					 (unsigned long long)(start + off),
					 (unsigned long long)(st->phys + off),
					 (unsigned long long)i,
					 (unsigned long long)tce);
		}
	}
}

static int translate(u32 liodn, u64 iova, unsigned int access,
		     phys_addr_t *phys)
{
	return W.mmu->ops->translate(W.mmu, liodn, iova, access, phys);
}

/*
 * Exact windows (one TCE per slot): the model must grant exactly what
 * each TCE grants, at the first and last byte of the page, and nothing
 * else; the MSI range reaches only the doorbell, write-only.
 */
static void check_exact(const char *after, const struct dma_window *w)
{
	const struct dma_group *g = w->group;
	const struct partition *p = g->owner;
	u64 page = 1ULL << w->page_shift, i;
	unsigned int l, a;

	if (w->slot_tce_shift)
		return;
	for (i = 0; i < w->nr_tces; i++) {
		u64 tce = be64_to_cpu(w->tces[i]);
		u64 iova = w->bus_offset + i * page;
		bool msi = in_msi(g, iova, page);

		for (l = 0; l < g->cfg.nr_liodns; l++) {
			u32 liodn = g->cfg.liodns[l];

			for (a = IOMMU_READ; a <= IOMMU_WRITE; a <<= 1) {
				u64 perm = a == IOMMU_READ ? TCE_READ : TCE_WRITE;
				phys_addr_t ph, ph2;
				int r = translate(liodn, iova, a, &ph);
				int r2 = translate(liodn, iova + page - 1, a,
						   &ph2);

				if (msi) {
					if (!r && (a != IOMMU_WRITE ||
					    !g->cfg.has_doorbell ||
					    ph != g->cfg.doorbell_phys +
						  (iova - g->cfg.msi_iova)))
						inv_fail(after, "liodn %u: MSI "
							 "iova %#llx reaches %#llx",
							 liodn,
							 (unsigned long long)iova,
							 (unsigned long long)ph);
					continue;
				}
				if (!(tce & perm)) {
					if (!r || !r2)
						inv_fail(after, "liodn %u: iova "
							 "%#llx access %u granted, "
							 "TCE %#llx", liodn,
							 (unsigned long long)iova,
							 a, (unsigned long long)tce);
					continue;
				}
				if (r || r2 ||
				    ph != p->ram_phys + (tce & ~(page - 1)) ||
				    ph2 != ph + page - 1)
					inv_fail(after, "liodn %u: iova %#llx "
						 "access %u: model %d/%d, TCE "
						 "%#llx", liodn,
						 (unsigned long long)iova, a,
						 r, r2, (unsigned long long)tce);
			}
		}
	}
}

/*
 * The dirty range (struct dma_window) never lies: every TCE outside
 * [dirty_lo, dirty_hi), over the whole capacity, is 0, so re-zeroing
 * only that range on reset/remove leaves a zeroed table.
 */
static void check_dirty(const char *after, const struct dma_window *w)
{
	u64 i;

	if (w->dirty_lo > w->dirty_hi || w->dirty_hi > w->max_tces)
		inv_fail(after, "liobn %#x: dirty range %llu..%llu bad",
			 w->liobn, (unsigned long long)w->dirty_lo,
			 (unsigned long long)w->dirty_hi);
	for (i = 0; i < w->max_tces; i++) {
		if (i == w->dirty_lo)
			i = w->dirty_hi;
		if (i < w->max_tces && w->tces[i])
			inv_fail(after, "liobn %#x: tce %llu not 0 outside the "
				 "dirty range", w->liobn,
				 (unsigned long long)i);
	}
}

static void check_group(const char *after, const struct dma_group *g)
{
	const struct dma_window *act = NULL;
	unsigned int i;

	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		if (g->win[i].active) {
			if (act)
				inv_fail(after, "group %u: two active windows",
					 g->cfg.index);
			act = &g->win[i];
		}
	for (i = 0; i < g->cfg.nr_liodns; i++) {
		const struct dec *d = &dec[g->cfg.liodns[i]];

		if (!act || g->blocked) {
			if (d->w.valid)
				inv_fail(after, "group %u: no window, liodn %u "
					 "valid", g->cfg.index,
					 g->cfg.liodns[i]);
			continue;
		}
		if (!d->w.valid || d->w.iova != act->bus_offset ||
		    d->w.size != act->size || d->w.count != act->nr_slots)
			inv_fail(after, "group %u liodn %u: IOMMU window is not "
				 "the active window %#x", g->cfg.index,
				 g->cfg.liodns[i], act->liobn);
	}
	if (act) {
		check_tces(after, act);
		if (!g->blocked) {	/* blocked: tables kept, unreachable */
			check_slots(after, act);
			check_exact(after, act);
		}
	}
	/* last, so that a more specific check names a bad TCE first */
	for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++)
		check_dirty(after, &g->win[i]);
}

/* --------------------------------------------------------------- all */

struct inv_stats inv_stats;

void inv_check_cheap(const char *after)
{
	size_t off = 0;
	unsigned int i;
	static u8 pattern[W_CANARY];

	if (!pattern[0])
		memset(pattern, W_CANARY_BYTE, sizeof(pattern));
	for (i = 0; i <= W_NPARTS; i++) {
		if (memcmp(W.mem + off, pattern, W_CANARY))
			inv_fail(after, "canary %u (weir's memory) written", i);
		if (i < W_NPARTS)
			off += W_CANARY + W.part[i].ram_size;
	}
	/* the audit's own rules (nothing staged or held, tables well formed)
	 * as of the last audit, which ran after this call if it changed
	 * anything */
	if (audit_failed)
		inv_fail(after, "%s", audit_why);
}

static void clear_dirty(void)
{
	dirty_liodns = 0;
	dirty_groups = 0;
}

void inv_check_all(const char *after)
{
	unsigned int g;
	u32 l;

	audit(true);
	inv_check_cheap(after);
	for (l = 0; l <= W_MAX_LIODN; l++)
		check_liodn(after, l);
	for (g = 0; g < W_NGROUPS; g++)
		check_group(after, W.grp[g]);
	clear_dirty();
	inv_stats.sweeps++;
}

/*
 * Only what the changes recorded by snap_update() can affect. Every rule
 * of inv_check_all() reads a fixed part of the state: a LIODN's rules
 * its window (as the audit decoded it, which snap_update() ran) and its
 * group's config; a group's rules its own state and its LIODNs'
 * windows. So re-checking the LIODNs whose window changed, those of
 * changed groups and every group of such a LIODN gives the verdict of a
 * full sweep, which fuzz_hcall.c still runs periodically (and the
 * self-test proves this one alone catches every injected bug). Also
 * ownership: a changed group or window must belong to one of partitions
 * @parts.
 */
void inv_check_changed(const char *after, unsigned int parts)
{
	u64 liodns = dirty_liodns, todo;
	unsigned int groups = dirty_groups, g, k;

	inv_check_cheap(after);
	for (g = 0; g < W_NGROUPS; g++)
		if (groups & (1u << g)) {
			check_owner(after, parts, (int)W.grp_owner[g],
				    "state of group", g);
			for (k = 0; k < W.gcfg[g].nr_liodns; k++)
				liodns |= 1ULL << W.gcfg[g].liodns[k];
		}
	for (todo = dirty_liodns; todo; todo &= todo - 1) {
		u32 l = (u32)__builtin_ctzll(todo);

		check_owner(after, parts, liodn_part(l),
			    "IOMMU window (or subwindow entries) of liodn", l);
	}
	for (todo = liodns; todo; todo &= todo - 1) {
		u32 l = (u32)__builtin_ctzll(todo);

		check_liodn(after, l);
		for (g = 0; g < W_NGROUPS; g++)
			for (k = 0; k < W.gcfg[g].nr_liodns; k++)
				if (W.gcfg[g].liodns[k] == l)
					groups |= 1u << g;
	}
	for (g = 0; g < W_NGROUPS; g++)
		if (groups & (1u << g))
			check_group(after, W.grp[g]);
	clear_dirty();
	inv_stats.incremental++;
}
