// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reflection of TCE tables into the IOMMU backend (hv/dma/tce.c),
 * checked on the fake backend's staged-and-committed slots: exact windows
 * map exactly, contiguous runs map a power-of-two prefix, anything else is
 * disabled, and a backend failure rolls the table back. On the real PAMU
 * (fake_env_setup_pamu()): a 2-LIODN group's biggest transactions, a
 * 512-TCE INDIRECT changing every subwindow and the re-enable of a fully
 * mapped window, fit in the staging log; a group too big for the log is
 * refused when it is created.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <weir/dma.h>
#include <weir/pamu.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "helpers/fake_iommu.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define DDW_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DYNAMIC)
#define RW	(TCE_READ | TCE_WRITE)
#define PG	0x1000ULL
#define SLOT	(4 * SZ_1M)	/* default window: 1 GiB / 256 */
#define M16	(16 * SZ_1M)
#define LIST	0x3000000ULL

static const struct fake_slot *slot_of(struct fake_env *e, u32 liodn,
				       unsigned int s)
{
	return &fake_iommu_liodn(e->mmu, liodn)->slot[s];
}

static void assert_slot(struct fake_env *e, unsigned int s, u64 phys,
			u64 size, unsigned int prot)
{
	u32 liodn;

	for (liodn = 1; liodn <= 2; liodn++) {
		const struct fake_slot *sl = slot_of(e, liodn, s);

		assert_int_equal(sl->prot, prot);
		if (prot) {
			assert_int_equal(sl->phys, phys);
			assert_int_equal(sl->size, size);
		}
	}
}

static int xlate(struct fake_env *e, u32 liodn, u64 iova, unsigned int acc,
		 phys_addr_t *phys)
{
	return e->mmu->mmu.ops->translate(&e->mmu->mmu, liodn, iova, acc,
					  phys);
}

/* Put @n contiguous TCEs from @gpa at @ioba with @perm, via INDIRECT. */
static long map_run(struct fake_env *e, u64 liobn, u64 ioba, u64 gpa, u64 n,
		    u64 perm)
{
	u64 list[512];
	u64 i;

	for (i = 0; i < n; i++)
		list[i] = (gpa + i * PG) | perm;
	guest_write_list(&e->a, LIST, list, n);
	return h_indirect(&e->a, liobn, ioba, LIST, n);
}

static void make_ddw(struct fake_env *e)
{
	u32 liobn = LIOBN_A, ret, rets[4];
	u32 args[5] = { 0, (u32)(FAKE_BUID_A >> 32), (u32)FAKE_BUID_A, 24,
			32 };

	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_REMOVE_PE_DMA_WINDOW,
					&liobn, 1, &ret, 1), 0);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_CREATE_PE_DMA_WINDOW,
					args, 5, rets, 4), 0);
	assert_int_equal(rets[1], DDW_A);
}

/* Linux direct mapping: TCE[i] = i << 24 | RW over all of RAM. */
static void test_exact_ddw_maps_exactly(void **state)
{
	struct fake_env *e = *state;
	u64 list[32], i, base = DMA_DDW_BUS_BASE;
	phys_addr_t phys;

	make_ddw(e);
	for (i = 0; i < 32; i++)
		list[i] = (i * M16) | RW;
	guest_write_list(&e->a, LIST, list, 32);
	assert_int_equal(h_indirect(&e->a, DDW_A, base, LIST, 32), H_SUCCESS);
	for (i = 0; i < 32; i++)
		assert_slot(e, (unsigned int)i, FAKE_RAM_A + i * M16, M16,
			    IOMMU_READ | IOMMU_WRITE);
	for (i = 32; i < 256; i++)
		assert_slot(e, (unsigned int)i, 0, 0, 0);
	assert_int_equal(xlate(e, 2, base + 5 * M16 + 0x1234, IOMMU_WRITE,
			       &phys), 0);
	assert_int_equal(phys, FAKE_RAM_A + 5 * M16 + 0x1234);
	assert_int_equal(xlate(e, 1, base + 32 * M16, IOMMU_READ, &phys),
			 -EFAULT);
	/* a permuted, read-only page */
	assert_int_equal(h_put(&e->a, DDW_A, base + 100 * M16,
			       7 * M16 | TCE_READ), H_SUCCESS);
	assert_slot(e, 100, FAKE_RAM_A + 7 * M16, M16, IOMMU_READ);
	assert_int_equal(xlate(e, 1, base + 100 * M16 + 8, IOMMU_WRITE, &phys),
			 -EFAULT);
	/* unmap one */
	assert_int_equal(h_stuff(&e->a, DDW_A, base + 5 * M16, 0, 1), 0);
	assert_slot(e, 5, 0, 0, 0);
	assert_slot(e, 6, FAKE_RAM_A + 6 * M16, M16, IOMMU_READ | IOMMU_WRITE);
}

static void test_run_maps_pow2_prefix(void **state)
{
	struct fake_env *e = *state;
	phys_addr_t phys;

	/* half of slot 1 */
	assert_int_equal(map_run(e, LIOBN_A, SLOT, 0x1000000, 512, RW), 0);
	assert_slot(e, 1, FAKE_RAM_A + 0x1000000, 2 * SZ_1M,
		    IOMMU_READ | IOMMU_WRITE);
	/* the whole slot */
	assert_int_equal(map_run(e, LIOBN_A, SLOT + 512 * PG,
				 0x1000000 + 512 * PG, 512, RW), 0);
	assert_slot(e, 1, FAKE_RAM_A + 0x1000000, SLOT,
		    IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(xlate(e, 1, SLOT + 0x3ff008, IOMMU_READ, &phys), 0);
	assert_int_equal(phys, FAKE_RAM_A + 0x13ff008);
	/* 3 pages: only 2 can be one power-of-two subwindow */
	assert_int_equal(map_run(e, LIOBN_A, 2 * SLOT, 0x2000000, 3,
				 TCE_READ), 0);
	assert_slot(e, 2, FAKE_RAM_A + 0x2000000, 2 * PG, IOMMU_READ);
	assert_int_equal(xlate(e, 1, 2 * SLOT + 2 * PG, IOMMU_READ, &phys),
			 -EFAULT);
	/* a run from a page not aligned to its length: 4 KiB only */
	assert_int_equal(map_run(e, LIOBN_A, 3 * SLOT, 0x2001000, 2, RW), 0);
	assert_slot(e, 3, FAKE_RAM_A + 0x2001000, PG,
		    IOMMU_READ | IOMMU_WRITE);
}

static void test_irregular_slots_disabled(void **state)
{
	struct fake_env *e = *state;

	/* gap in guest-physical addresses */
	assert_int_equal(h_put(&e->a, LIOBN_A, 4 * SLOT, 0x100000 | RW), 0);
	assert_slot(e, 4, FAKE_RAM_A + 0x100000, PG, IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(h_put(&e->a, LIOBN_A, 4 * SLOT + PG, 0x102000 | RW),
			 0);
	assert_slot(e, 4, 0, 0, 0);
	/* mixed permissions */
	assert_int_equal(map_run(e, LIOBN_A, 5 * SLOT, 0x200000, 2, RW), 0);
	assert_int_equal(h_put(&e->a, LIOBN_A, 5 * SLOT + PG,
			       0x201000 | TCE_READ), 0);
	assert_slot(e, 5, 0, 0, 0);
	/* run not at the slot start */
	assert_int_equal(h_put(&e->a, LIOBN_A, 6 * SLOT + 5 * PG,
			       0x300000 | RW), 0);
	assert_slot(e, 6, 0, 0, 0);
	/* hole inside the run */
	assert_int_equal(map_run(e, LIOBN_A, 7 * SLOT, 0x400000, 4, RW), 0);
	assert_slot(e, 7, FAKE_RAM_A + 0x400000, 4 * PG,
		    IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(h_put(&e->a, LIOBN_A, 7 * SLOT + PG, 0), 0);
	assert_slot(e, 7, 0, 0, 0);
	/* a stray TCE after the run */
	assert_int_equal(h_put(&e->a, LIOBN_A, 7 * SLOT + PG, 0x401000 | RW),
			 0);
	assert_slot(e, 7, FAKE_RAM_A + 0x400000, 4 * PG,
		    IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(h_put(&e->a, LIOBN_A, 7 * SLOT + 900 * PG,
			       0x900000 | RW), 0);
	assert_slot(e, 7, 0, 0, 0);
}

static void test_no_commit_when_unchanged(void **state)
{
	struct fake_env *e = *state;
	unsigned int commits = e->mmu->commits;

	/* slot 6 stays disabled: nothing to tell the IOMMU */
	assert_int_equal(h_put(&e->a, LIOBN_A, 6 * SLOT + 5 * PG,
			       0x300000 | RW), 0);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 6 * SLOT + 5 * PG, 0, 1), 0);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0, 0, 512), 0);
	assert_int_equal(e->mmu->commits, commits);
	assert_int_equal(h_put(&e->a, LIOBN_A, 6 * SLOT, 0x300000 | RW), 0);
	assert_int_equal(e->mmu->commits, commits + 1);
}

/*
 * H_PUT_TCE into a disabled slot skips the reflection only when the slot
 * provably stays disabled; every put that completes a run from the slot
 * start still maps it (state checked after each put, and the commits).
 */
static void test_put_skip_only_when_off(void **state)
{
	struct fake_env *e = *state;
	unsigned int commits = e->mmu->commits;
	u64 b = 10 * SLOT, g = 0x600000;

	/* TCE 1 before TCE 0: off (TCE 0 invalid), no commit */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + PG, (g + PG) | RW), 0);
	assert_slot(e, 10, 0, 0, 0);
	assert_int_equal(e->mmu->commits, commits);
	/* TCE 0 completes the run: 2 pages mapped */
	assert_int_equal(h_put(&e->a, LIOBN_A, b, g | RW), 0);
	assert_slot(e, 10, FAKE_RAM_A + g, 2 * PG, IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(e->mmu->commits, commits + 1);
	/* TCE 3 valid at offset 3 >= 3 valid: off again (mapped before, so
	 * it is reflected and committed) */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + 3 * PG, (g + 3 * PG) | RW),
			 0);
	assert_slot(e, 10, 0, 0, 0);
	assert_int_equal(e->mmu->commits, commits + 2);
	/* TCE 5 valid at offset 5 >= 4 valid: provably off, skipped */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + 5 * PG, (g + 5 * PG) | RW),
			 0);
	assert_slot(e, 10, 0, 0, 0);
	assert_int_equal(e->mmu->commits, commits + 2);
	/* TCE 5 invalid again: offset 5 >= 3 valid, not provable: reflected,
	 * still off, nothing to commit */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + 5 * PG, 0), 0);
	assert_slot(e, 10, 0, 0, 0);
	assert_int_equal(e->mmu->commits, commits + 2);
	/* TCE 2 fills the hole: 4 contiguous pages, mapped */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + 2 * PG, (g + 2 * PG) | RW),
			 0);
	assert_slot(e, 10, FAKE_RAM_A + g, 4 * PG, IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(e->mmu->commits, commits + 3);
	/* clearing TCE 1 (offset 1 < 4 valid) unmaps it */
	assert_int_equal(h_put(&e->a, LIOBN_A, b + PG, 0), 0);
	assert_slot(e, 10, 0, 0, 0);
	/* and TCE 0 cleared, then TCE 1 back: TCE 0 invalid, skipped */
	assert_int_equal(h_put(&e->a, LIOBN_A, b, 0), 0);
	commits = e->mmu->commits;
	assert_int_equal(h_put(&e->a, LIOBN_A, b + PG, (g + PG) | RW), 0);
	assert_slot(e, 10, 0, 0, 0);
	assert_int_equal(e->mmu->commits, commits);
	assert_int_equal(h_put(&e->a, LIOBN_A, b, g | RW), 0);
	assert_slot(e, 10, FAKE_RAM_A + g, 4 * PG, IOMMU_READ | IOMMU_WRITE);
}

/* No TCE of @w's whole capacity outside [lo, hi) is set. */
static void assert_zero_outside(const struct dma_window *w, u64 lo, u64 hi)
{
	u64 i;

	for (i = 0; i < w->max_tces; i++)
		if (i < lo || i >= hi)
			assert_true(w->tces[i] == 0);
}

/*
 * Removing / resetting a window zeroes only its dirty range: TCEs put
 * at both ends of the default table (and poison "page fault" TCEs) are
 * all gone after a DDW cycle, and a clearing STUFF dirties nothing.
 */
static void test_reset_zeroes_dirty_range(void **state)
{
	struct fake_env *e = *state;
	struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];
	u32 liobn = DDW_A, ret;

	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0, 0, 512), 0);
	assert_true(w->dirty_lo == w->dirty_hi);
	assert_int_equal(h_put(&e->a, LIOBN_A, 7 * PG, 0x5000 | RW), 0);
	assert_int_equal(h_put(&e->a, LIOBN_A, SZ_1G - PG, 0xdead0000ULL),
			 0);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 300 * PG, 0xbeef000ULL, 3),
			 0);
	assert_true(w->dirty_lo == 7);
	assert_true(w->dirty_hi == (SZ_1G >> 12));
	assert_zero_outside(w, w->dirty_lo, w->dirty_hi);
	make_ddw(e);			/* default removed, kept until reset */
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, M16 | RW), 0);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_REMOVE_PE_DMA_WINDOW,
					&liobn, 1, &ret, 1), 0);
	assert_true(w->active);		/* restored, zeroed */
	assert_zero_outside(w, 0, 0);
	assert_true(w->dirty_lo == w->dirty_hi);
	/* the removed DDW keeps its one TCE until it is created again */
	assert_zero_outside(&e->ga->win[DMA_WIN_DYNAMIC], 0, 1);
	make_ddw(e);
	assert_zero_outside(&e->ga->win[DMA_WIN_DYNAMIC], 0, 0);
}

struct snap {
	u64 *tces;
	u32 *valid;
	struct fake_iommu_state *st;
};

static void snap_take(struct fake_env *e, struct snap *s)
{
	const struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];

	s->tces = malloc(w->nr_tces * 8);
	memcpy(s->tces, w->tces, w->nr_tces * 8);
	s->valid = malloc(w->nr_slots * 4);
	memcpy(s->valid, w->slot_valid, w->nr_slots * 4);
	s->st = malloc(sizeof(*s->st));
	*s->st = e->mmu->committed;
}

static void snap_same(struct fake_env *e, struct snap *s)
{
	const struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];

	assert_memory_equal(s->tces, w->tces, w->nr_tces * 8);
	assert_memory_equal(s->valid, w->slot_valid, w->nr_slots * 4);
	assert_memory_equal(s->st, &e->mmu->committed, sizeof(*s->st));
	free(s->tces);
	free(s->valid);
	free(s->st);
}

static void test_commit_failure_rolls_back(void **state)
{
	struct fake_env *e = *state;
	struct snap s;
	u64 list[512], i;

	assert_int_equal(map_run(e, LIOBN_A, SLOT, 0x1000000, 512, RW), 0);
	for (i = 0; i < 512; i++)
		list[i] = (0x2000000 + i * PG) | RW;
	guest_write_list(&e->a, LIST, list, 512);
	snap_take(e, &s);
	e->mmu->fail_commit = -EIO;
	assert_int_equal(h_put(&e->a, LIOBN_A, 8 * SLOT, 0x5000 | RW),
			 H_HARDWARE);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, SLOT, 0, 512), H_HARDWARE);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 9 * SLOT, LIST, 512),
			 H_HARDWARE);
	e->mmu->fail_commit = 0;
	e->mmu->fail_stage = -ENOSPC;
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 9 * SLOT - 256 * PG, LIST,
				    512), H_HARDWARE);
	e->mmu->fail_stage = 0;
	snap_same(e, &s);
	assert_true(e->mmu->aborts >= 4);
	/* and it works again */
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 9 * SLOT, LIST, 512), 0);
	assert_slot(e, 9, FAKE_RAM_A + 0x2000000, 2 * SZ_1M,
		    IOMMU_READ | IOMMU_WRITE);
}

/*
 * On group A's LIODNs 1 and 2 the real PAMU has a valid primary with
 * @count subwindows and @count - 1 valid SPAACEs of that LIODN, and the
 * model translates the last bytes of every @slot-byte subwindow from
 * @iova0 to @phys0 + the same offset, for writes.
 */
static void assert_pamu_mapped(struct fake_env *e, u64 iova0,
			       unsigned int count, u64 slot,
			       phys_addr_t phys0)
{
	const struct pamu_tables *t = pamu_tables(e->mmu->pamu);
	struct paace_fields f, sf;
	phys_addr_t phys;
	unsigned int s;
	u32 liodn;
	u64 off;

	for (liodn = 1; liodn <= 2; liodn++) {
		paace_decode(t->paact + liodn * PAACE_WORDS, &f);
		assert_true(f.v);
		assert_int_equal(pamu_wce_to_count(f.wce), count);
		for (s = 1; s < count; s++) {
			paace_decode(t->spaact + (size_t)(f.fspi + s - 1) *
				     PAACE_WORDS, &sf);
			assert_true(sf.v);
			assert_int_equal(sf.liodn, liodn);
		}
		for (s = 0; s < count; s++) {
			off = (u64)s * slot + slot - 8;
			assert_int_equal(pamu_model_translate(e->mmu->pamu,
					 liodn, iova0 + off, IOMMU_WRITE,
					 &phys, NULL), 0);
			assert_true(phys == phys0 + off);
		}
	}
}

/* Both LIODNs of group A are invalid (V=0) in the real PAMU. */
static void assert_pamu_blocked(struct fake_env *e)
{
	const struct pamu_tables *t = pamu_tables(e->mmu->pamu);
	struct paace_fields f;
	u32 liodn;

	for (liodn = 1; liodn <= 2; liodn++) {
		paace_decode(t->paact + liodn * PAACE_WORDS, &f);
		assert_false(f.v);
	}
}

/* Disable then enable group A: both restage nothing but what it has. */
static void group_a_cycle(struct fake_env *e)
{
	assert_int_equal(dma_group_set_enabled(e->ga, false), 0);
	assert_pamu_blocked(e);
	assert_int_equal(dma_group_set_enabled(e->ga, true), 0);
	assert_false(e->ga->blocked);
	assert_int_equal(pamu_staged_count(e->mmu->pamu), 0);
}

/*
 * Group A (LIODNs 1 and 2) with a default window of 2 MiB of 4 KiB
 * pages: 512 TCEs in 256 subwindows of 2 pages. One INDIRECT of 512
 * valid, contiguous TCEs changes every subwindow of both LIODNs, 512
 * staged operations in one transaction (H_HARDWARE while the PAMU log
 * held 256); disable + enable restages 2 x 257.
 */
static void test_indirect_512_two_liodns(void **state)
{
	struct fake_env *e = *state;
	struct dma_group_config c = e->ga->cfg;
	unsigned int s;

	dma_group_destroy(e->ga);
	c.default_size = 2 * SZ_1M;
	assert_int_equal(dma_group_create(&c, &e->a, &e->mmu->mmu, &e->ga), 0);
	assert_int_equal(e->ga->win[DMA_WIN_DEFAULT].nr_slots, 256);
	assert_int_equal(map_run(e, LIOBN_A, 0, 0x1000000, 512, RW),
			 H_SUCCESS);
	for (s = 0; s < 256; s++)
		assert_slot(e, s, FAKE_RAM_A + 0x1000000 + s * 2 * PG, 2 * PG,
			    IOMMU_READ | IOMMU_WRITE);
	assert_pamu_mapped(e, 0, 256, 2 * PG, FAKE_RAM_A + 0x1000000);
	assert_int_equal(pamu_staged_count(e->mmu->pamu), 0);
	group_a_cycle(e);
	assert_pamu_mapped(e, 0, 256, 2 * PG, FAKE_RAM_A + 0x1000000);
	/* and all of it again, unmapped in one batch */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0, 0, 512), H_SUCCESS);
	for (s = 0; s < 256; s++)
		assert_slot(e, s, 0, 0, 0);
}

/*
 * A DDW of 256 4 KiB pages on group A, every page mapped by one INDIRECT
 * (2 x 256 operations), then disabled and enabled again (2 x 257).
 */
static void test_full_ddw_two_liodns(void **state)
{
	struct fake_env *e = *state;
	u32 liobn = LIOBN_A, st, rets[4];
	u32 args[5] = { 0, (u32)(FAKE_BUID_A >> 32), (u32)FAKE_BUID_A, 12,
			20 };
	u64 base = DMA_DDW_BUS_BASE;

	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_REMOVE_PE_DMA_WINDOW,
					&liobn, 1, &st, 1), 0);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_CREATE_PE_DMA_WINDOW,
					args, 5, rets, 4), 0);
	assert_int_equal(rets[1], DDW_A);
	assert_int_equal(map_run(e, DDW_A, base, 0x2000000, 256, RW),
			 H_SUCCESS);
	assert_pamu_mapped(e, base, 256, PG, FAKE_RAM_A + 0x2000000);
	group_a_cycle(e);
	assert_pamu_mapped(e, base, 256, PG, FAKE_RAM_A + 0x2000000);
}

/*
 * dma_group_create() refuses a group whose whole-window transaction
 * (IOMMU_STAGE_OPS(LIODNs, max_subwindows)) does not fit in the PAMU's
 * staging log, instead of failing FH_DMA_ENABLE later.
 */
static void test_group_too_big_for_log(void **state)
{
	struct pamu_config pc = { .max_liodn = 15, .spaace_entries = 1024,
				  .max_subwindows = 256 };	/* 1 LIODN */
	struct dma_group_config c;
	struct iommu_caps caps;
	struct partition p;
	struct dma_group *g = NULL;
	struct iommu *mmu;

	(void)state;
	fake_partition_init(&p, 1, FAKE_RAM_A, FAKE_RAM_A_SIZE);
	assert_int_equal(pamu_create(&pc, &mmu), 0);
	mmu->ops->caps(mmu, &caps);
	assert_int_equal(caps.max_staged, 257);
	dma_group_config_init(&c);
	c.index = 9;
	c.buid = FAKE_BUID_A;
	c.liodns[0] = 3;
	c.liodns[1] = 4;
	c.nr_liodns = 2;
	assert_int_equal(dma_group_create(&c, &p, mmu, &g), -ENOSPC);
	assert_null(g);
	assert_int_equal(pamu_staged_count(mmu), 0);
	c.nr_liodns = 1;
	assert_int_equal(dma_group_create(&c, &p, mmu, &g), 0);
	dma_group_destroy(g);
	pamu_destroy(mmu);
	fake_partition_fini(&p);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_env_setup, \
					     fake_env_teardown)
#define T_PAMU(f) cmocka_unit_test_setup_teardown(f, fake_env_setup_pamu, \
						  fake_env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_exact_ddw_maps_exactly),
		T(test_put_skip_only_when_off),
		T(test_reset_zeroes_dirty_range),
		T(test_run_maps_pow2_prefix),
		T(test_irregular_slots_disabled),
		T(test_no_commit_when_unchanged),
		T(test_commit_failure_rolls_back),
		T_PAMU(test_indirect_512_two_liodns),
		T_PAMU(test_full_ddw_two_liodns),
		cmocka_unit_test(test_group_too_big_for_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
