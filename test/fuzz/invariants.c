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
#include <weir/pamu.h>
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

#define MAX_REGIONS 64

struct region {
	const char *name;
	void *live;
	void *copy;
	size_t len;
	size_t cap;
};

static struct region regions[MAX_REGIONS];
static unsigned int nregions;

static void add(const char *name, void *live, size_t len)
{
	struct region *r = &regions[nregions++];

	if (nregions > MAX_REGIONS)
		abort();
	r->name = name;
	r->live = live;
	r->len = len;
	if (r->cap < len) {
		free(r->copy);
		r->copy = malloc(len);
		r->cap = len;
		if (!r->copy)
			abort();
	}
	memcpy(r->copy, live, len);
}

/*
 * What a refused call must not change: the PAMU tables and allocation
 * map, every group's config and windows (geometry, TCE table, slot
 * bookkeeping; not the per-call scratch undo/list), partitions, vPICs,
 * byte channels, the vCPUs (but not their shadow TLBs), the console.
 */
void snap_init(void)
{
	struct pamu *pm = to_pamu(W.mmu);
	const struct pamu_tables *t = &pm->t;
	unsigned int g, i, w;

	nregions = 0;
	add("pamu tables", t->base,
	    (size_t)((u8 *)t->omt - (u8 *)t->base) + OMT_SIZE);
	add("spaace map", pm->spaace_map, (t->num_spaace + 31) / 32 * 4);
	for (g = 0; g < W_NGROUPS; g++) {
		struct dma_group *grp = W.grp[g];

		add("group cfg", &grp->cfg, sizeof(grp->cfg));
		add("group windows", grp->win, sizeof(grp->win));
		for (w = 0; w < DMA_WINDOWS_PER_GROUP; w++) {
			struct dma_window *win = &grp->win[w];

			add("tce table", win->tces, win->max_tces * TCE_ENTRY_SIZE);
			add("slot valid", win->slot_valid,
			    win->max_slots * sizeof(*win->slot_valid));
			add("slot state", win->slot,
			    win->max_slots * sizeof(*win->slot));
		}
	}
	add("partitions", W.part, sizeof(W.part));
	add("global error queue", errq_global(), sizeof(struct errq));
	add("msi registers", W.msi_regs, sizeof(W.msi_regs));
	add("vpics", W.pic, sizeof(W.pic));
	add("byte channels", W.con, sizeof(W.con));
	for (g = 0; g < W_NPARTS; g++)
		for (i = 0; i < W.part[g].nvcpus; i++)
			add("vcpu", W.vcpu[g][i], offsetof(struct vcpu, tlb));
	add("console bytes", &W.console_bytes, sizeof(W.console_bytes));
	add("kicks", &W.kicks, sizeof(W.kicks));
	add("resets", &W.resets, sizeof(W.resets));
}

bool snap_update(void)
{
	bool changed = false;
	unsigned int i;

	for (i = 0; i < nregions; i++) {
		struct region *r = &regions[i];

		if (memcmp(r->copy, r->live, r->len)) {
			memcpy(r->copy, r->live, r->len);
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

		if (memcmp(r->copy, r->live, r->len)) {
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
	struct dec_slot slot[W_MAX_SUB];
};

static struct dec dec[W_MAX_LIODN + 1];
static u8 spaace_refs[W_SPAACES];

static unsigned int ap_prot(u8 ap)
{
	return (ap & PAACE_AP_QUERY ? IOMMU_READ : 0) |
	       (ap & PAACE_AP_UPDATE ? IOMMU_WRITE : 0);
}

static const struct dma_group *group_of_liodn(u32 liodn)
{
	unsigned int g, i;

	for (g = 0; g < W_NGROUPS; g++)
		for (i = 0; i < W.gcfg[g].nr_liodns; i++)
			if (W.gcfg[g].liodns[i] == liodn)
				return W.grp[g];
	return NULL;
}

/*
 * A mapping of @liodn: slot at bus @iova maps [@phys, +@size) with @prot.
 * It must lie in the owner's RAM, or be the group's own doorbell, mapped
 * write-only 1:1 from the MSI range start.
 */
static void check_mapping(const char *after, u32 liodn, u64 iova,
			  phys_addr_t phys, u64 size, unsigned int prot)
{
	const struct dma_group *g = group_of_liodn(liodn);
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
		if (spaace_refs[idx]++)
			inv_fail(after, "spaace %llu shared (liodn %u)",
				 (unsigned long long)idx, liodn);
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

static bool map_bit(const u32 *map, u32 i)
{
	return map[i / 32] & (1u << (i % 32));
}

static void check_pamu(const char *after)
{
	struct pamu *pm = to_pamu(W.mmu);
	const struct pamu_tables *t = &pm->t;
	struct paace_fields e;
	u32 l, i;

	memset(spaace_refs, 0, sizeof(spaace_refs));
	for (l = 0; l < t->num_paace; l++)
		decode_liodn(after, t, l);
	for (i = 0; i < t->num_spaace; i++) {
		const u32 *se = t->spaact + (size_t)i * PAACE_WORDS;

		paace_decode(se, &e);
		if (!spaace_refs[i] && !entry_zero(se))
			inv_fail(after, "spaace %u: unreferenced, not zero", i);
		if (map_bit(pm->spaace_map, i) != !!spaace_refs[i])
			inv_fail(after, "spaace %u: map bit %d, %u refs", i,
				 map_bit(pm->spaace_map, i), spaace_refs[i]);
	}
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
	if (!act)
		return;
	check_tces(after, act);
	if (g->blocked)		/* tables kept, nothing reachable */
		return;
	check_slots(after, act);
	check_exact(after, act);
}

/* --------------------------------------------------------------- all */

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
}

void inv_check_all(const char *after)
{
	unsigned int g;

	inv_check_cheap(after);
	check_pamu(after);
	for (g = 0; g < W_NGROUPS; g++)
		check_group(after, W.grp[g]);
}
