// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hcall fuzzer's invariants (invariants.h). The PAMU tables are read
 * by decoding the big-endian entries (paace_decode()), never through the
 * driver's own bookkeeping; exact windows are also probed through the
 * software model (pamu_model_translate()), the walk a device would do.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/errq.h>
#include "pamu.h"
#include "pamu_priv.h"
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
 *   RK_PAACT   the primary table: a changed entry marks its LIODN;
 *   RK_SPAACT  the secondary table: a changed entry marks its index (and,
 *              through the last decode, the LIODN whose run holds it);
 *   RK_MAP     the SPAACE allocation map: a changed bit marks its index;
 *   RK_OTHER   partitions, vPICs, vCPUs...: no invariant but "a refused
 *              call changes nothing" reads them.
 */
enum rkind { RK_OTHER, RK_GROUP, RK_PAACT, RK_SPAACT, RK_MAP };

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
static u32 dirty_spaace[(W_SPAACES + 31) / 32];	/* bit per SPAACE */

static void set_bit32(u32 *map, u32 i)
{
	map[i / 32] |= 1u << (i % 32);
}

static bool test_bit32(const u32 *map, u32 i)
{
	return map[i / 32] & (1u << (i % 32));
}

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

/*
 * What a refused call must not change: the PAMU tables and allocation
 * map, every group's state (config, owner, windows with their TCE tables
 * and slot bookkeeping, blocked flag, fault count; not the per-call
 * scratch undo/list), partitions, vPICs, byte channels, the vCPUs (but
 * not their shadow TLBs), the error queues, MSI registers, the console.
 */
void snap_init(void)
{
	struct pamu *pm = to_pamu(W.mmu);
	const struct pamu_tables *t = &pm->t;
	u8 *paact = (u8 *)t->paact, *spaact = (u8 *)t->spaact;
	size_t np = (size_t)t->num_paace * PAACE_SIZE;
	size_t ns = (size_t)t->num_spaace * PAACE_SIZE;
	unsigned int g, i, w;

	if (paact != t->base || spaact < paact + np || t->omt < spaact + ns ||
	    t->num_paace > 64 || t->num_spaace > W_SPAACES)
		inv_fail("start-up", "PAMU table layout not PAACT|SPAACT|OMT");
	nregions = 0;
	add_kind("paact", paact, np, RK_PAACT, 0);
	add("pamu tables (gap)", paact + np, (size_t)(spaact - paact) - np);
	add_kind("spaact", spaact, ns, RK_SPAACT, 0);
	add("pamu tables (gap, omt)", spaact + ns,
	    (size_t)(t->omt - spaact) - ns + OMT_SIZE);
	add_kind("spaace map", pm->spaace_map, (t->num_spaace + 31) / 32 * 4,
		 RK_MAP, 0);
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
	dirty_liodns = 0;
	dirty_groups = 0;
	memset(dirty_spaace, 0, sizeof(dirty_spaace));
}

/* Record which entries of a changed table region differ, then accept. */
static void mark_dirty(struct region *r)
{
	const u8 *c = r->copy, *l = r->live;
	size_t i, n;

	switch (r->kind) {
	case RK_GROUP:
		dirty_groups |= 1u << r->id;
		break;
	case RK_PAACT:
		for (i = 0; i < r->len / PAACE_SIZE; i++)
			if (!same(c + i * PAACE_SIZE, l + i * PAACE_SIZE,
				  PAACE_SIZE))
				dirty_liodns |= 1ULL << i;
		break;
	case RK_SPAACT:
		/* 16 entries (1 KiB) at a time, then entry by entry */
		n = r->len / PAACE_SIZE;
		for (i = 0; i < n; i += 16) {
			size_t k, m = n - i < 16 ? n - i : 16;

			if (same(c + i * PAACE_SIZE, l + i * PAACE_SIZE,
				 m * PAACE_SIZE))
				continue;
			for (k = i; k < i + m; k++)
				if (!same(c + k * PAACE_SIZE, l + k * PAACE_SIZE,
					  PAACE_SIZE))
					set_bit32(dirty_spaace, (u32)k);
		}
		break;
	case RK_MAP:
		for (i = 0; i < r->len / 4; i++)
			dirty_spaace[i] |= ((const u32 *)c)[i] ^
					   ((const u32 *)l)[i];
		break;
	case RK_OTHER:
		break;
	}
	memcpy(r->copy, r->live, r->len);
}

bool snap_update(void)
{
	bool changed = false;
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

static bool spaace_runs_same(unsigned int parts, const struct region *r);

bool snap_scope_same(unsigned int parts)
{
	unsigned int i;

	for (i = 0; i < nregions; i++) {
		const struct region *r = &regions[i];

		if (r->kind == RK_SPAACT) {
			if (!spaace_runs_same(parts, r))
				return false;
			continue;
		}
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

/* ------------------------------------------------------ PAMU decoding */

struct dec_slot {
	phys_addr_t phys;
	u64 size;
	unsigned int prot;
};

/* One LIODN's window as the tables say. */
struct dec {
	bool present, valid;
	u64 iova, size;
	u32 count;
	u32 fspi, nrun;		/* its SPAACE run (nrun 0: none) */
	struct dec_slot slot[W_MAX_SUB];
};

static struct dec dec[W_MAX_LIODN + 1];
/* Per SPAACE: the LIODN whose run holds it, as last decoded; -1: none. */
static int8_t spaace_owner[W_SPAACES];
/* SPAACEs whose "unreferenced is zero, map bit = referenced" rule must be
 * re-checked (changed, or in a run that moved). */
static u32 affected[(W_SPAACES + 31) / 32];

static unsigned int ap_prot(u8 ap)
{
	return (ap & PAACE_AP_QUERY ? IOMMU_READ : 0) |
	       (ap & PAACE_AP_UPDATE ? IOMMU_WRITE : 0);
}

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

static bool entry_zero(const u32 *e)
{
	unsigned int i;

	for (i = 0; i < PAACE_WORDS; i++)
		if (e[i])
			return false;
	return true;
}

/* Decode one slot entry @e (the primary for slot 0) of @liodn. */
static void decode_slot(const char *after, u32 liodn, const struct dec *d,
			unsigned int s, const struct paace_fields *e, bool mw,
			struct dec_slot *out)
{
	u64 slot = d->size / d->count, msize;

	memset(out, 0, sizeof(*out));
	if (!e->ap)
		return;
	if (e->atm != PAACE_ATM_WINDOW_XLATE)
		inv_fail(after, "liodn %u slot %u: ATM %u", liodn, s, e->atm);
	msize = mw ? pamu_wse_to_size(e->swse) : d->size;
	if (msize < SZ_4K || msize > slot)
		inv_fail(after, "liodn %u slot %u: size %#llx", liodn, s,
			 (unsigned long long)msize);
	out->phys = e->twba;
	out->size = msize;
	out->prot = ap_prot(e->ap);
	if (d->valid)
		check_mapping(after, liodn, d->iova + s * slot, out->phys,
			      out->size, out->prot);
}

/* Decode and check @liodn's primary and its SPAACE run into dec[]. */
static void decode_liodn(const char *after, const struct pamu_tables *t,
			 u32 liodn)
{
	const u32 *pe = t->paact + (size_t)liodn * PAACE_WORDS;
	struct dec *d = &dec[liodn];
	struct paace_fields f, e;
	unsigned int s;
	u64 idx;

	paace_decode(pe, &f);
	memset(d, 0, offsetof(struct dec, slot));
	d->present = f.v || f.wse;
	if (!d->present) {
		if (!entry_zero(pe))
			inv_fail(after, "liodn %u: absent entry not zero", liodn);
		return;
	}
	if (world_liodn_owner(liodn) < 0 || world_liodn_groups(liodn) != 1)
		inv_fail(after, "liodn %u: window but %u groups", liodn,
			 world_liodn_groups(liodn));
	d->valid = f.v;
	d->iova = f.wba;
	d->size = pamu_wse_to_size(f.wse);
	d->count = f.mw ? pamu_wce_to_count(f.wce) : 1;
	d->fspi = f.fspi;
	if (f.pt != PAACE_PT_PRIMARY || d->size < SZ_4K ||
	    d->count > W_MAX_SUB || !IS_ALIGNED(d->iova, d->size))
		inv_fail(after, "liodn %u: bad primary", liodn);
	for (s = 0; s < d->count; s++) {
		if (!s) {
			decode_slot(after, liodn, d, 0, &f, f.mw, &d->slot[0]);
			continue;
		}
		idx = (u64)f.fspi + s - 1;
		if (idx >= t->num_spaace)
			inv_fail(after, "liodn %u: run beyond SPAACT", liodn);
		if (spaace_owner[idx] >= 0)
			inv_fail(after, "spaace %llu shared (liodn %u and %d)",
				 (unsigned long long)idx, liodn,
				 spaace_owner[idx]);
		spaace_owner[idx] = (int8_t)liodn;
		d->nrun = s;
		set_bit32(affected, (u32)idx);
		paace_decode(t->spaact + idx * PAACE_WORDS, &e);
		if (!e.v) {
			memset(&d->slot[s], 0, sizeof(d->slot[s]));
			continue;
		}
		if (e.pt != PAACE_PT_SECONDARY || e.liodn != liodn)
			inv_fail(after, "spaace %llu: pt %u liodn %u in run of "
				 "liodn %u", (unsigned long long)idx, e.pt,
				 e.liodn, liodn);
		decode_slot(after, liodn, d, s, &e, true, &d->slot[s]);
	}
}

/* Forget @liodn's decoded run (it is about to be decoded again). */
static void release_liodn(u32 liodn)
{
	struct dec *d = &dec[liodn];
	u32 k;

	for (k = 0; k < d->nrun; k++) {
		spaace_owner[d->fspi + k] = -1;
		set_bit32(affected, d->fspi + k);
	}
	d->nrun = 0;
}

/* An unreferenced SPAACE is all zero; the map bit says "referenced". */
static void check_spaace(const char *after, const struct pamu *pm, u32 i)
{
	const u32 *se = pm->t.spaact + (size_t)i * PAACE_WORDS;
	bool ref = spaace_owner[i] >= 0;

	if (!ref && !entry_zero(se))
		inv_fail(after, "spaace %u: unreferenced, not zero", i);
	if (test_bit32(pm->spaace_map, i) != ref)
		inv_fail(after, "spaace %u: map bit %d, owner %d", i,
			 test_bit32(pm->spaace_map, i), spaace_owner[i]);
}

static void check_affected(const char *after, const struct pamu *pm)
{
	u32 w, i;

	for (w = 0; w < ARRAY_SIZE(affected); w++) {
		while (affected[w]) {
			i = w * 32 + (u32)__builtin_ctz(affected[w]);
			affected[w] &= affected[w] - 1;
			if (i < pm->t.num_spaace)
				check_spaace(after, pm, i);
		}
	}
}

/*
 * Every PAACE and SPAACE, from scratch. The view the incremental checks
 * kept (run owners, window geometry) must be what a fresh decode gives,
 * when this sweep follows them (@cross).
 */
static void check_pamu(const char *after, bool cross)
{
	static int8_t old_owner[W_SPAACES];
	static struct dec old[W_MAX_LIODN + 1];
	struct pamu *pm = to_pamu(W.mmu);
	const struct pamu_tables *t = &pm->t;
	u32 l, i;

	if (cross) {
		memcpy(old_owner, spaace_owner, sizeof(old_owner));
		for (l = 0; l < t->num_paace; l++)
			memcpy(&old[l], &dec[l], offsetof(struct dec, slot));
	}
	memset(spaace_owner, -1, sizeof(spaace_owner));
	for (l = 0; l < t->num_paace; l++) {
		dec[l].nrun = 0;
		decode_liodn(after, t, l);
		if (cross && memcmp(&old[l], &dec[l], offsetof(struct dec, slot)))
			inv_fail(after, "liodn %u: incremental view out of step",
				 l);
	}
	if (cross && memcmp(old_owner, spaace_owner, sizeof(old_owner)))
		inv_fail(after, "SPAACE owners: incremental view out of step");
	for (i = 0; i < t->num_spaace; i++)
		check_spaace(after, pm, i);
	memset(affected, 0, sizeof(affected));
}

/* Owner partition index of @liodn's group, or -1. */
static int liodn_part(u32 liodn)
{
	return world_liodn_owner(liodn);
}

/*
 * The SPAACE runs of the LIODNs of partitions @parts equal the snapshot
 * copy. dec[] is the decode of the copy's state (every snap_update() is
 * followed by a check that brings it in step).
 */
static bool spaace_runs_same(unsigned int parts, const struct region *r)
{
	unsigned int g, k;

	for (g = 0; g < W_NGROUPS; g++) {
		if (!(parts & (1u << W.grp_owner[g])))
			continue;
		for (k = 0; k < W.gcfg[g].nr_liodns; k++) {
			const struct dec *d = &dec[W.gcfg[g].liodns[k]];
			size_t off = (size_t)d->fspi * PAACE_SIZE;

			if (d->nrun && !same((u8 *)r->copy + off,
					     (u8 *)r->live + off,
					     (size_t)d->nrun * PAACE_SIZE)) {
				fprintf(stderr, "changed: SPAACE run of liodn %u\n",
					W.gcfg[g].liodns[k]);
				return false;
			}
		}
	}
	return true;
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
 * Committed slot state == what the TCEs say == the PAMU entries of every
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
			const struct dec_slot *d = &dec[g->cfg.liodns[l]].slot[s];

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
	return pamu_model_translate(W.mmu, liodn, iova, access, phys, NULL);
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
			if (d->valid)
				inv_fail(after, "group %u: no window, liodn %u "
					 "valid", g->cfg.index,
					 g->cfg.liodns[i]);
			continue;
		}
		if (!d->valid || d->iova != act->bus_offset ||
		    d->size != act->size || d->count != act->nr_slots)
			inv_fail(after, "group %u liodn %u: PAMU window is not "
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

/*
 * The PAMU's held slots (struct pamu_win) never outlive a commit or
 * abort: between calls none is held, so no stale slot can be written by
 * a later commit; the tables stay the only record.
 */
static void check_held_slots(const char *after)
{
	const struct pamu *pm = to_pamu(W.mmu);
	unsigned int i;

	if (pm->win.nr_dirty)
		inv_fail(after, "pamu: %u slots held after the call",
			 pm->win.nr_dirty);
	for (i = 0; i < (pm->max_subwindows + 31) / 32; i++)
		if (pm->win.dirty[i])
			inv_fail(after, "pamu: held-slot bitmap word %u is %#x",
				 i, pm->win.dirty[i]);
}

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
	if (pamu_staged_count(W.mmu))
		inv_fail(after, "%u PAMU operations left staged",
			 pamu_staged_count(W.mmu));
	check_held_slots(after);
}

static void clear_dirty(void)
{
	dirty_liodns = 0;
	dirty_groups = 0;
	memset(dirty_spaace, 0, sizeof(dirty_spaace));
}

void inv_check_all(const char *after)
{
	unsigned int g;

	inv_check_cheap(after);
	check_pamu(after, inv_stats.sweeps != 0 && !dirty_liodns &&
		   !dirty_groups);
	for (g = 0; g < W_NGROUPS; g++)
		check_group(after, W.grp[g]);
	clear_dirty();
	inv_stats.sweeps++;
}

/*
 * Only what the changes recorded by snap_update() can affect. Every rule
 * of inv_check_all() reads a fixed part of the state: a LIODN's rules
 * its PAACE, its SPAACE run and its group's config; a group's rules its
 * own state and its LIODNs' entries; a SPAACE's rule the entry, its map
 * bit and whether a run holds it. So re-checking the LIODNs whose entry
 * or run changed, those of changed groups, every group of such a LIODN
 * and every SPAACE that changed or sits in a run that moved gives the
 * verdict of a full sweep, which fuzz_hcall.c still runs periodically
 * (and the self-test proves this one alone catches every injected bug).
 */
void inv_check_changed(const char *after, unsigned int parts)
{
	struct pamu *pm = to_pamu(W.mmu);
	const struct pamu_tables *t = &pm->t;
	u64 liodns = dirty_liodns, todo;
	unsigned int groups = dirty_groups, g, k;
	u32 w, i;

	inv_check_cheap(after);
	for (g = 0; g < W_NGROUPS; g++)
		if (groups & (1u << g)) {
			check_owner(after, parts, (int)W.grp_owner[g],
				    "state of group", g);
			for (k = 0; k < W.gcfg[g].nr_liodns; k++)
				liodns |= 1ULL << W.gcfg[g].liodns[k];
		}
	for (todo = liodns; todo; todo &= todo - 1) {
		u32 l = (u32)__builtin_ctzll(todo);

		check_owner(after, parts, liodn_part(l), "PAACE of liodn", l);
	}
	for (w = 0; w < ARRAY_SIZE(dirty_spaace); w++) {
		affected[w] |= dirty_spaace[w];
		for (todo = dirty_spaace[w]; todo; todo &= todo - 1) {
			i = w * 32 + (u32)__builtin_ctzll(todo);
			if (i < W_SPAACES && spaace_owner[i] >= 0) {
				liodns |= 1ULL << spaace_owner[i];
				check_owner(after, parts,
					    liodn_part((u32)spaace_owner[i]),
					    "SPAACE (old run)", i);
			}
		}
	}
	for (todo = liodns; todo; todo &= todo - 1)
		release_liodn((u32)__builtin_ctzll(todo));
	for (todo = liodns; todo; todo &= todo - 1) {
		u32 l = (u32)__builtin_ctzll(todo);

		if (l < t->num_paace)
			decode_liodn(after, t, l);
		for (g = 0; g < W_NGROUPS; g++)
			for (k = 0; k < W.gcfg[g].nr_liodns; k++)
				if (W.gcfg[g].liodns[k] == l)
					groups |= 1u << g;
	}
	for (w = 0; w < ARRAY_SIZE(dirty_spaace); w++)
		for (todo = dirty_spaace[w]; todo; todo &= todo - 1) {
			i = w * 32 + (u32)__builtin_ctzll(todo);
			if (i < W_SPAACES && spaace_owner[i] >= 0)
				check_owner(after, parts,
					    liodn_part((u32)spaace_owner[i]),
					    "SPAACE (new run)", i);
		}
	check_affected(after, pm);
	for (g = 0; g < W_NGROUPS; g++)
		if (groups & (1u << g))
			check_group(after, W.grp[g]);
	clear_dirty();
	inv_stats.incremental++;
}
