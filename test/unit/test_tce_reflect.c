// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reflection of TCE tables into the IOMMU backend (hv/dma/tce.c),
 * checked on the sandbox backend's staged-and-committed slots
 * (drivers/iommu/sandbox): exact windows map exactly, contiguous runs map
 * a power-of-two prefix, anything else is disabled, and a backend failure
 * rolls the table back. The same on the PAMU: test_pamu_reflect.c.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "helpers/dma_env.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define DDW_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DYNAMIC)
#define RW	(TCE_READ | TCE_WRITE)
#define PG	0x1000ULL
#define SLOT	(4 * SZ_1M)	/* default window: 1 GiB / 256 */
#define M16	(16 * SZ_1M)
#define LIST	0x3000000ULL

static const struct sandbox_iommu_slot *slot_of(struct fake_env *e, u32 liodn,
				       unsigned int s)
{
	return &sandbox_iommu_liodn(e->mmu, liodn)->slot[s];
}

static void assert_slot(struct fake_env *e, unsigned int s, u64 phys,
			u64 size, unsigned int prot)
{
	u32 liodn;

	for (liodn = 1; liodn <= 2; liodn++) {
		const struct sandbox_iommu_slot *sl = slot_of(e, liodn, s);

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
	struct sandbox_iommu_state *st;
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
 * H_PUT_TCE_INDIRECT saves no old TCE while the old TCEs are 0 and
 * switches to saving them at the first one that is not: a refusal in
 * either part, or of the backend afterwards, puts back 0 and the saved
 * TCEs alike, slot counts and the dirty range included. The list covers
 * the last 256 TCEs of slot 8 and the first 256 of slot 9; slot 9 holds
 * a "page fault" TCE that is only a high half (list entry 300: 0 in the
 * low half) and a valid TCE (entry 400), so slot 8's count has changed
 * before either part fails.
 */
static void test_indirect_zero_prefix_rolls_back(void **state)
{
	struct fake_env *e = *state;
	struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];
	const u64 ioba = 9 * SLOT - 256 * PG, i0 = ioba / PG;
	u64 list[512], i, lo, hi;
	struct snap s;

	/* leave old TCEs in undo[]: remap a run over itself */
	assert_int_equal(map_run(e, LIOBN_A, 20 * SLOT, 0x1000000, 512, RW),
			 0);
	assert_int_equal(map_run(e, LIOBN_A, 20 * SLOT, 0x1000000, 512, RW),
			 0);
	assert_int_equal(h_put(&e->a, LIOBN_A, ioba + 300 * PG, 0x100000000ULL),
			 H_SUCCESS);
	assert_int_equal(h_put(&e->a, LIOBN_A, ioba + 400 * PG, 0x5000 | RW),
			 H_SUCCESS);
	for (i = 0; i < 512; i++)
		list[i] = (0x2000000 + i * PG) | RW;
	lo = w->dirty_lo;
	hi = w->dirty_hi;
	snap_take(e, &s);
	/* bad in the first part, past slot 8 (entry 280), at the end */
	list[280] = FAKE_RAM_A_SIZE | RW;
	guest_write_list(&e->a, LIST, list, 512);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, ioba, LIST, 512),
			 H_PARAMETER);
	list[280] = (0x2000000 + 280 * PG) | RW;
	list[511] = 0x100000000ULL | RW;
	guest_write_list(&e->a, LIST, list, 512);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, ioba, LIST, 512),
			 H_PARAMETER);
	/* good list, backend refuses slot 9's new mapping */
	list[511] = (0x2000000 + 511 * PG) | RW;
	guest_write_list(&e->a, LIST, list, 512);
	e->mmu->fail_commit = -EIO;
	assert_int_equal(h_indirect(&e->a, LIOBN_A, ioba, LIST, 512),
			 H_HARDWARE);
	e->mmu->fail_commit = 0;
	assert_int_equal(w->dirty_lo, lo);
	assert_int_equal(w->dirty_hi, hi);
	snap_same(e, &s);
	/* and it works */
	assert_int_equal(h_indirect(&e->a, LIOBN_A, ioba, LIST, 512), 0);
	for (i = 0; i < 512; i++)
		assert_int_equal(be64_to_cpu(w->tces[i0 + i]), list[i]);
	assert_int_equal(w->slot_valid[8], 256);
	assert_int_equal(w->slot_valid[9], 256);
	assert_slot(e, 9, FAKE_RAM_A + 0x2100000, SZ_1M,
		    IOMMU_READ | IOMMU_WRITE);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_env_setup, \
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
		T(test_indirect_zero_prefix_rolls_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
