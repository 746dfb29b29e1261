// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAMU's self-check and state copy for host tests (iommu_ops.audit,
 * .save, .restore; sandbox builds only, weir itself never calls them).
 *
 * The audit is an oracle for the encoder (tables.c, paace.c): it reads
 * the table bytes with its own decode, written from the field layout of
 * Linux drivers/iommu/fsl_pamu.h (struct paace: word 0 WBAH, word 1
 * addr_bitfields with PPAACE_AF_WBAL [31:12], PPAACE_AF_WSE [11:6],
 * PPAACE_AF_MW [5] or SPAACE_AF_LIODN [31:16], PAACE_AF_AP [4:3],
 * PAACE_AF_PT [1], PAACE_AF_V [0]; word 3 impl_attr with PAACE_IA_WCE
 * [7:4], PAACE_IA_ATM [3:2]; word 4 TWBAH; word 5 win_bitfields with
 * PAACE_WIN_TWBAL [31:12], PAACE_WIN_SWSE [11:6]; word 6 FSPI; sizes
 * 2^(field + 1)), and never calls paace_decode() or the encoder's size
 * helpers. Subwindow 0 lives in the primary, subwindow i > 0 in SPAACE
 * FSPI + i - 1 (pre-5.13 Linux pamu_get_spaace()). Of the driver's
 * bookkeeping it reads only what it checks: the SPAACE allocation map,
 * the staging log's length and the held slots.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include "pamu_priv.h"

/* Test-only state of one instance: audit scratch and the saved copy. */
struct pamu_test {
	u32 *used;		       /* bit per SPAACE: in some run */
	struct iommu_subwindow *slots; /* max_subwindows */
	void *saved_tables;	       /* t.size bytes; NULL: none saved */
	u32 *saved_map;
	struct iommu_liodn_attr *saved_attr;
	u8 *shadow;	/* the tables' bytes at the last audit */
	u64 generation; /* iommu_audit.generation */
	bool audited;	/* the last audit passed */
};

/* ------------------------------------------------------------ decode */

/* Field @mask >> @shift of big-endian word @i of entry @e. */
static u32 field(const u32 *e, unsigned int i, u32 mask, unsigned int shift)
{
	return (get_be32(&e[i]) & mask) >> shift;
}

/* Words of struct paace (fsl_pamu.h), by their Linux names. */
#define W_WBAH 0u  /* wbah, primary */
#define W_ADDR 1u  /* addr_bitfields */
#define W_IMPL 3u  /* impl_attr */
#define W_TWBAH 4u /* twbah */
#define W_WIN 5u   /* win_bitfields */
#define W_FSPI 6u  /* fspi, primary */

static bool v_bit(const u32 *e)
{
	return field(e, W_ADDR, 0x1u, 0);
}

static unsigned int ap_prot(const u32 *e)
{
	u32 ap = field(e, W_ADDR, 0x18u, 3); /* 1: query (read), 2: update */

	return (ap & 1u ? IOMMU_READ : 0) | (ap & 2u ? IOMMU_WRITE : 0);
}

/* An entry of 16 words is all zero: one OR over 8 double words. */
static bool all_zero(const u32 *e)
{
	u64 w[PAACE_WORDS / 2], acc = 0;
	unsigned int i;

	memcpy(w, e, sizeof(w));
	for (i = 0; i < ARRAY_SIZE(w); i++)
		acc |= w[i];
	return !acc;
}

/* ------------------------------------------------------------- audit */

struct audit_ctx {
	const struct pamu *p;
	struct pamu_test *t;
	struct iommu_audit *a;
};

__attribute__((format(printf, 2, 3))) static int bad(struct audit_ctx *c,
						     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->a->why, sizeof(c->a->why), fmt, ap);
	va_end(ap);
	return -EIO;
}

/*
 * Slot @s of @liodn from entry @e (the primary for slot 0): off when AP
 * denies everything; else window translation, a size of 4 KiB up to the
 * slot (the SWSE with subwindows, else the window size).
 */
static int decode_slot(struct audit_ctx *c, u32 liodn, unsigned int s,
		       const u32 *e, bool mw, u64 wsize, u64 slot,
		       struct iommu_subwindow *out)
{
	u64 size;

	memset(out, 0, sizeof(*out));
	out->prot = ap_prot(e);
	if (!out->prot)
		return 0;
	if (field(e, W_IMPL, 0xcu, 2) != 1u) /* ATM: window translation */
		return bad(c, "pamu: liodn %u slot %u: ATM %u", liodn, s,
			   field(e, W_IMPL, 0xcu, 2));
	size = mw ? 2ULL << field(e, W_WIN, 0xfc0u, 6) : wsize;
	if (size < SZ_4K || size > slot)
		return bad(c, "pamu: liodn %u slot %u: size %#llx", liodn, s,
			   (unsigned long long)size);
	out->phys = (u64)get_be32(&e[W_TWBAH]) << 32 |
		    (get_be32(&e[W_WIN]) & ~0xfffu);
	out->size = size;
	return 0;
}

/* @liodn's primary and its SPAACE run, decoded into @w and checked. */
static int decode_liodn(struct audit_ctx *c, u32 liodn, struct iommu_window *w)
{
	const struct pamu_tables *t = &c->p->t;
	const u32 *pe = pamu_ppaace(t, liodn);
	struct iommu_subwindow *slots = c->t->slots;
	u32 wse = field(pe, W_ADDR, 0xfc0u, 6);
	bool mw = field(pe, W_ADDR, 0x20u, 5);
	unsigned int s;
	int ret;

	memset(w, 0, sizeof(*w));
	w->slot = slots;
	w->present = v_bit(pe) || wse;
	if (!w->present && !all_zero(pe))
		return bad(c, "pamu: liodn %u: absent entry not zero", liodn);
	if (!w->present)
		return 0;
	w->valid = v_bit(pe);
	w->iova = (u64)get_be32(&pe[W_WBAH]) << 32 |
		  (get_be32(&pe[W_ADDR]) & ~0xfffu);
	w->size = 2ULL << wse;
	w->count = mw ? 2u << field(pe, W_IMPL, 0xf0u, 4) : 1u;
	w->sub_first = w->count > 1 ? get_be32(&pe[W_FSPI]) : 0;
	if (field(pe, W_ADDR, 0x2u, 1) || w->size < SZ_4K ||
	    w->count > c->p->max_subwindows || w->iova & (w->size - 1))
		return bad(c, "pamu: liodn %u: bad primary", liodn);
	ret = decode_slot(c, liodn, 0, pe, mw, w->size, w->size / w->count,
			  &slots[0]);
	for (s = 1; !ret && s < w->count; s++) {
		u64 idx = (u64)w->sub_first + s - 1;
		const u32 *se;

		if (idx >= t->num_spaace)
			return bad(c, "pamu: liodn %u: run beyond SPAACT",
				   liodn);
		if (c->t->used[idx / 32] & (1u << (idx % 32)))
			return bad(c,
				   "pamu: spaace %llu in two runs (liodn %u)",
				   (unsigned long long)idx, liodn);
		c->t->used[idx / 32] |= 1u << (idx % 32);
		se = pamu_spaace(t, (u32)idx);
		if (!v_bit(se)) {
			memset(&slots[s], 0, sizeof(slots[s]));
			continue;
		}
		if (field(se, W_ADDR, 0x2u, 1) != 1u ||
		    field(se, W_ADDR, 0xffff0000u, 16) != liodn)
			return bad(
				c,
				"pamu: spaace %llu: pt %u liodn %u in run of liodn %u",
				(unsigned long long)idx,
				field(se, W_ADDR, 0x2u, 1),
				field(se, W_ADDR, 0xffff0000u, 16), liodn);
		ret = decode_slot(c, liodn, s, se, true, w->size,
				  w->size / w->count, &slots[s]);
	}
	return ret;
}

/* Bytes from the PAACT to the end of the OMT: every table and the gaps. */
static size_t tables_len(const struct pamu_tables *tb)
{
	return (size_t)(tb->omt + OMT_SIZE - (const u8 *)tb->base);
}

/*
 * @n bytes at @a and @b are equal: blocks of 64 bytes OR their XORs, so
 * that the compiler vectorizes the loop (this runs on every table byte
 * at every audit).
 */
static bool same(const u8 *a, const u8 *b, size_t n)
{
	while (n >= 64) {
		u64 x[8], y[8], d = 0;
		unsigned int i;

		memcpy(x, a, 64);
		memcpy(y, b, 64);
		for (i = 0; i < 8; i++)
			d |= x[i] ^ y[i];
		if (d)
			return false;
		a += 64;
		b += 64;
		n -= 64;
	}
	return !n || !memcmp(a, b, n);
}

static struct pamu_test *test_state(struct pamu *p)
{
	struct pamu_test *t = p->test;

	if (t)
		return t;
	t = hv_zalloc(sizeof(*t), 8);
	if (!t)
		return NULL;
	t->used = hv_zalloc(((size_t)p->t.num_spaace + 31) / 32 * 4, 4);
	t->slots = hv_zalloc(p->max_subwindows * sizeof(*t->slots), 8);
	t->shadow = hv_zalloc(tables_len(&p->t), 8);
	if (!t->used || !t->slots || !t->shadow) {
		hv_free(t->shadow);
		hv_free(t->slots);
		hv_free(t->used);
		hv_free(t);
		return NULL;
	}
	p->test = t;
	return t;
}

/* Every entry from scratch: the rules on the tables, the windows. */
static int audit_tables(struct audit_ctx *c)
{
	const struct pamu *p = c->p;
	const struct pamu_tables *tb = &p->t;
	struct iommu_window w;
	u32 l, i;
	int ret;

	memset(c->t->used, 0, ((size_t)tb->num_spaace + 31) / 32 * 4);
	for (l = 0; l < tb->num_paace; l++) {
		ret = decode_liodn(c, l, &w);
		if (ret)
			return ret;
		c->a->window(c->a->ctx, l, &w);
	}
	for (i = 0; i < tb->num_spaace; i++) {
		bool used = c->t->used[i / 32] & (1u << (i % 32));
		bool mapped = p->spaace_map[i / 32] & (1u << (i % 32));

		if (!used && !all_zero(pamu_spaace(tb, i)))
			return bad(c, "pamu: spaace %u: unreferenced, not zero",
				   i);
		if (mapped != used)
			return bad(c,
				   "pamu: spaace %u: map bit %d, in a run %d",
				   i, mapped, used);
	}
	return 0;
}

/**
 * pamu_audit() - iommu_ops.audit (include/weir/iommu.h): decode every
 * PAACE and SPAACE from its bytes and check the driver's rules.
 * @mmu: the PAMU iommu
 * @a:   @a->window gets every LIODN's window (0 .. num_paace - 1) when
 *       the tables were decoded; @a->generation counts the audits that
 *       found a byte of PAACT, SPAACT, OMT or the gaps between them
 *       changed (the allocation map is checked equal to what the runs
 *       hold, so they cover it)
 *
 * Rules: no operation staged and no slot held (struct pamu_win) between
 * transactions (checked at every call); an absent primary (V = 0,
 * WSE = 0) is all zero; a present one is primary-typed, at least 4 KiB,
 * aligned, with at most max_subwindows slots whose run lies inside the
 * SPAACT; a valid SPAACE of a run is secondary-typed and names the run's
 * LIODN; a mapped slot uses window translation and a size of 4 KiB up to
 * the slot; no SPAACE is in two runs; a SPAACE no run holds is all zero;
 * the allocation map marks exactly the SPAACEs the runs hold. The tables
 * are decoded (and the windows reported) when @a->full is set, when the
 * last audit failed, and whenever a byte changed since the last audit
 * (a copy of the tables kept for that); otherwise their bytes are those
 * already found good.
 * Return: 0; -EIO with @a->why naming the first broken rule; -ENOMEM.
 */
int pamu_audit(struct iommu *mmu, struct iommu_audit *a)
{
	struct pamu *p = to_pamu(mmu);
	struct audit_ctx c = { .p = p, .t = test_state(p), .a = a };
	unsigned int i;
	int ret;

	a->why[0] = 0;
	if (!c.t)
		return -ENOMEM;
	if (p->nr_ops)
		return bad(&c, "pamu: %u operations left staged", p->nr_ops);
	if (p->win.nr_dirty)
		return bad(&c, "pamu: %u slots held after the transaction",
			   p->win.nr_dirty);
	for (i = 0; i < (p->max_subwindows + 31) / 32; i++)
		if (p->win.dirty[i])
			return bad(&c, "pamu: held-slot bitmap word %u is %#x",
				   i, p->win.dirty[i]);
	if (!same(c.t->shadow, p->t.base, tables_len(&p->t))) {
		memcpy(c.t->shadow, p->t.base, tables_len(&p->t));
		c.t->generation++;
	} else if (c.t->audited && !a->full) {
		a->generation = c.t->generation;
		return 0;
	}
	a->generation = c.t->generation;
	ret = audit_tables(&c);
	c.t->audited = !ret;
	return ret;
}

/* ------------------------------------------------------- save/restore */

/**
 * pamu_save() - iommu_ops.save: copy the tables, the SPAACE allocation
 * map and the LIODN attributes into the instance (one copy; a second
 * save replaces it).
 * Return: 0; -EBUSY when operations are staged (they would be lost at
 * restore); -ENOMEM.
 */
int pamu_save(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);
	size_t map = ((size_t)p->t.num_spaace + 31) / 32 * 4;
	size_t attr = (size_t)p->t.num_paace * sizeof(*p->attr);
	struct pamu_test *t = test_state(p);

	if (!t)
		return -ENOMEM;
	if (p->nr_ops)
		return -EBUSY;
	if (!t->saved_tables) {
		t->saved_tables = hv_zalloc((size_t)p->t.size, 8);
		t->saved_map = hv_zalloc(map, 4);
		t->saved_attr = hv_zalloc(attr, 4);
		if (!t->saved_tables || !t->saved_map || !t->saved_attr) {
			pamu_test_free(p);
			return -ENOMEM;
		}
	}
	memcpy(t->saved_tables, p->t.base, (size_t)p->t.size);
	memcpy(t->saved_map, p->spaace_map, map);
	memcpy(t->saved_attr, p->attr, attr);
	return 0;
}

/**
 * pamu_restore() - iommu_ops.restore: put back what pamu_save() copied,
 * dropping anything staged. Not for live hardware: the tables are
 * rewritten without the V-bit protocol.
 * Return: 0; -ENOENT when nothing was saved.
 */
int pamu_restore(struct iommu *mmu)
{
	struct pamu *p = to_pamu(mmu);
	const struct pamu_test *t = p->test;

	if (!t || !t->saved_tables)
		return -ENOENT;
	mmu->ops->abort(mmu);
	memcpy(p->t.base, t->saved_tables, (size_t)p->t.size);
	memcpy(p->spaace_map, t->saved_map,
	       ((size_t)p->t.num_spaace + 31) / 32 * 4);
	memcpy(p->attr, t->saved_attr,
	       (size_t)p->t.num_paace * sizeof(*p->attr));
	return 0;
}

/** pamu_test_free() - free the test-only state (pamu_destroy()). */
void pamu_test_free(struct pamu *p)
{
	struct pamu_test *t = p->test;

	if (!t)
		return;
	hv_free(t->saved_attr);
	hv_free(t->saved_map);
	hv_free(t->saved_tables);
	hv_free(t->shadow);
	hv_free(t->slots);
	hv_free(t->used);
	hv_free(t);
	p->test = NULL;
}

/**
 * pamu_inject_free_sub() - IOMMU_INJECT_FREE_SUB (include/weir/iommu.h),
 * called by pamu_commit() after a successful commit in builds with
 * CONFIG_IOMMU_FAULT_INJECT: a stray write into the last SPAACE when no
 * run holds it, the bug the audit's "unreferenced, not zero" rule exists
 * to catch.
 */
void pamu_inject_free_sub(struct pamu *p)
{
	u32 i = p->t.num_spaace - 1;

	if (!(p->spaace_map[i / 32] & (1u << (i % 32))))
		pamu_spaace(&p->t, i)[0] = 1;
}
