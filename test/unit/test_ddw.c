// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dynamic DMA windows through papr_rtas_call(): query / create / remove /
 * reset with PAPR inputs and outputs, the default window restored after
 * removing the last DDW and after reset, windows-available counting,
 * stable LIOBNs, and the IOMMU window following along.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "helpers/dma_env.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define DDW_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DYNAMIC)
#define RW	(TCE_READ | TCE_WRITE)
#define BUID_HI(b)	((u32)((b) >> 32))
#define BUID_LO(b)	((u32)(b))
#define CFG	0x10000	/* config_addr: bus 0 devfn 1; not checked */

static int query(struct partition *p, u64 buid, u32 *rets, unsigned int n)
{
	u32 args[3] = { CFG, BUID_HI(buid), BUID_LO(buid) };

	return papr_rtas_call(p, PAPR_RTAS_QUERY_PE_DMA_WINDOW, args, 3, rets,
			      n);
}

static int create(struct partition *p, u64 buid, u32 ps, u32 ws, u32 *rets)
{
	u32 args[5] = { CFG, BUID_HI(buid), BUID_LO(buid), ps, ws };

	return papr_rtas_call(p, PAPR_RTAS_CREATE_PE_DMA_WINDOW, args, 5, rets,
			      4);
}

static int remove_win(struct partition *p, u32 liobn)
{
	u32 ret = 0x55;
	int st = papr_rtas_call(p, PAPR_RTAS_REMOVE_PE_DMA_WINDOW, &liobn, 1,
				&ret, 1);

	assert_int_equal((int)ret, st);
	return st;
}

static int reset(struct partition *p, u64 buid)
{
	u32 args[3] = { CFG, BUID_HI(buid), BUID_LO(buid) }, ret;

	return papr_rtas_call(p, PAPR_RTAS_RESET_PE_DMA_WINDOW, args, 3, &ret,
			      1);
}

static u32 windows_available(struct partition *p, u64 buid)
{
	u32 rets[5];

	assert_int_equal(query(p, buid, rets, 5), RTAS_SUCCESS);
	return rets[1];
}

static void assert_default_window(struct fake_env *e)
{
	const struct sandbox_iommu_liodn *l = sandbox_iommu_liodn(e->mmu, 1);
	struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];
	u64 r4 = 1;

	assert_true(w->active);
	assert_ptr_equal(dma_find_window(e->ga, 0, 12, SZ_1G), w);
	assert_true(l->valid);
	assert_int_equal(l->iova, 0);
	assert_int_equal(l->size, SZ_1G);
	assert_int_equal(l->subwindows, 256);
	assert_memory_equal(l, sandbox_iommu_liodn(e->mmu, 2), sizeof(*l));
	assert_int_equal(h_get(&e->a, LIOBN_A, 0x10000, &r4), H_SUCCESS);
	assert_int_equal(r4, 0); /* zeroed */
}

/* Linux enable_ddw(): default active -> 0 available; remove the default,
 * query again, create 16M pages x 4 GiB. */
static void remove_default_and_create(struct fake_env *e)
{
	u32 rets[6];

	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 0);
	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 1);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 32, rets),
			 RTAS_SUCCESS);
	assert_int_equal(rets[1], DDW_A);
	assert_int_equal(((u64)rets[2] << 32) | rets[3], DMA_DDW_BUS_BASE);
	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 0);
}

static void test_query_outputs(void **state)
{
	struct fake_env *e = *state;
	u32 rets[6] = { 0 };

	assert_int_equal(query(&e->a, FAKE_BUID_A, rets, 5), RTAS_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 0);		/* default window in use */
	assert_int_equal(rets[2], 0);		/* so no block either */
	assert_int_equal(rets[3], DDW_PGSZ_4K | DDW_PGSZ_64K | DDW_PGSZ_16M);
	assert_int_equal(rets[4], 0);
	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	assert_int_equal(query(&e->a, FAKE_BUID_A, rets, 5), RTAS_SUCCESS);
	assert_int_equal(rets[1], 1);
	assert_int_equal(rets[2], 256);		/* exact windows only */
	assert_int_equal(query(&e->a, FAKE_BUID_A, rets, 6), RTAS_SUCCESS);
	assert_int_equal(rets[0], 0);
	assert_int_equal(rets[1], 1);
	assert_int_equal(rets[2], 0);
	assert_int_equal(rets[3], 256);
	assert_int_equal(rets[4], 0x7);
	assert_int_equal(rets[5], 0);
}

static void test_query_bad_args(void **state)
{
	struct fake_env *e = *state;
	u32 args[3] = { CFG, BUID_HI(FAKE_BUID_A), BUID_LO(FAKE_BUID_A) };
	u32 rets[6];

	assert_int_equal(query(&e->a, FAKE_BUID_A, rets, 4),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal((int)rets[0], RTAS_PARAMETER_ERROR);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_QUERY_PE_DMA_WINDOW,
					args, 2, rets, 5),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(query(&e->a, 0x1234, rets, 5), RTAS_PARAMETER_ERROR);
	/* B's BUID is not A's */
	assert_int_equal(query(&e->a, FAKE_BUID_B, rets, 5),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(papr_rtas_call(&e->a, 0x9999, args, 3, rets, 5),
			 RTAS_PARAMETER_ERROR);
}

static void test_create_refused(void **state)
{
	struct fake_env *e = *state;
	u32 rets[4];

	/* no window available while the default is active */
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 32, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	/* page shift not offered (13, 25) or not encodable */
	assert_int_equal(create(&e->a, FAKE_BUID_A, 13, 24, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 25, 30, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 0, 30, rets),
			 RTAS_PARAMETER_ERROR);
	/* window smaller than a page */
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 23, rets),
			 RTAS_PARAMETER_ERROR);
	/* not exact: 512 x 16M > 256 slots */
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 33, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 12, 21, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 200, rets),
			 RTAS_PARAMETER_ERROR);
	/* wrong BUID, wrong nargs */
	assert_int_equal(create(&e->a, FAKE_BUID_B, 24, 32, rets),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_CREATE_PE_DMA_WINDOW,
					rets, 4, rets, 4),
			 RTAS_PARAMETER_ERROR);
	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 1);
	assert_false(sandbox_iommu_liodn(e->mmu, 1)->valid);
}

static void test_create_remove_cycle(void **state)
{
	struct fake_env *e = *state;
	const struct sandbox_iommu_liodn *l = sandbox_iommu_liodn(e->mmu, 1);
	u64 r4;

	remove_default_and_create(e);
	assert_true(l->valid);
	assert_int_equal(l->iova, DMA_DDW_BUS_BASE);
	assert_int_equal(l->size, 4 * SZ_1G);
	assert_int_equal(l->subwindows, 256);
	/* the DDW takes TCEs, the default LIOBN is gone */
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, RW), H_SUCCESS);
	assert_int_equal(h_get(&e->a, DDW_A, DMA_DDW_BUS_BASE, &r4), 0);
	assert_int_equal(r4, RW);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0, 0), H_PARAMETER);
	assert_null(dma_find_window(e->ga, 0, 12, SZ_1G));
	assert_non_null(dma_find_window(e->ga, DMA_DDW_BUS_BASE, 24,
					4 * SZ_1G));
	/* Linux clean_dma_window(): STUFF 0 over the whole DDW */
	assert_int_equal(h_stuff(&e->a, DDW_A, DMA_DDW_BUS_BASE, 0, 256), 0);
	/* removing the last DDW restores the default window, zeroed */
	assert_int_equal(remove_win(&e->a, DDW_A), RTAS_SUCCESS);
	assert_default_window(e);
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, 0),
			 H_PARAMETER);
	assert_int_equal(remove_win(&e->a, DDW_A), RTAS_PARAMETER_ERROR);
	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 0);
	/* and the whole cycle again: same LIOBN (QEMU's def_win bug: the
	 * second removal would not restore the default) */
	remove_default_and_create(e);
	assert_int_equal(remove_win(&e->a, DDW_A), RTAS_SUCCESS);
	assert_default_window(e);
}

static void test_remove_default_leaves_none(void **state)
{
	struct fake_env *e = *state;

	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	assert_false(sandbox_iommu_liodn(e->mmu, 1)->valid);
	assert_false(sandbox_iommu_liodn(e->mmu, 2)->valid);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0, 0), H_PARAMETER);
	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_PARAMETER_ERROR);
	/* B untouched */
	assert_true(sandbox_iommu_liodn(e->mmu, 7)->valid);
}

static void test_remove_bad(void **state)
{
	struct fake_env *e = *state;
	u32 two[2] = { LIOBN_A, 0 }, ret;

	assert_int_equal(remove_win(&e->a, 0x1234), RTAS_PARAMETER_ERROR);
	assert_int_equal(remove_win(&e->a,
				    DMA_LIOBN(FAKE_GROUP_B, DMA_WIN_DEFAULT)),
			 RTAS_PARAMETER_ERROR);
	assert_true(e->gb->win[DMA_WIN_DEFAULT].active);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_REMOVE_PE_DMA_WINDOW,
					two, 2, &ret, 1),
			 RTAS_PARAMETER_ERROR);
	assert_true(e->ga->win[DMA_WIN_DEFAULT].active);
}

static void test_reset_restores_default(void **state)
{
	struct fake_env *e = *state;
	u32 args4[4] = { CFG, BUID_HI(FAKE_BUID_A), BUID_LO(FAKE_BUID_A), 1 };
	u32 ret;

	/* reset with the default window dirty: zeroed */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x10000, 0x1000 | RW), 0);
	assert_int_equal(reset(&e->a, FAKE_BUID_A), RTAS_SUCCESS);
	assert_default_window(e);
	/* reset with a DDW active */
	remove_default_and_create(e);
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, RW), 0);
	assert_int_equal(reset(&e->a, FAKE_BUID_A), RTAS_SUCCESS);
	assert_default_window(e);
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, 0),
			 H_PARAMETER);
	/* reset with no window at all */
	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	assert_int_equal(reset(&e->a, FAKE_BUID_A), RTAS_SUCCESS);
	assert_default_window(e);
	/* bad BUID, other partition's BUID, 4-input form */
	assert_int_equal(reset(&e->a, 0x1234), RTAS_PARAMETER_ERROR);
	assert_int_equal(reset(&e->a, FAKE_BUID_B), RTAS_PARAMETER_ERROR);
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_RESET_PE_DMA_WINDOW,
					args4, 4, &ret, 1),
			 RTAS_PARAMETER_ERROR);
}

static void test_partition_reset(void **state)
{
	struct fake_env *e = *state;
	u64 r4;

	remove_default_and_create(e);
	assert_int_equal(h_put(&e->b, DMA_LIOBN(FAKE_GROUP_B, 0), 0x1000,
			       0x1000 | RW), 0);
	assert_int_equal(dma_partition_reset(&e->a), 0);
	assert_default_window(e);
	/* B keeps its TCEs */
	assert_int_equal(h_get(&e->b, DMA_LIOBN(FAKE_GROUP_B, 0), 0x1000, &r4),
			 0);
	assert_int_equal(r4, 0x1000 | RW);
}

static void test_liobn_stable(void **state)
{
	struct fake_env *e = *state;
	struct dma_group_config cfg = e->ga->cfg;
	struct dma_group *g;

	assert_int_equal(e->ga->win[DMA_WIN_DEFAULT].liobn, LIOBN_A);
	dma_group_destroy(e->ga);
	e->ga = NULL;
	assert_int_equal(h_put(&e->a, LIOBN_A, 0, 0), H_PARAMETER);
	assert_int_equal(dma_group_create(&cfg, &e->a, &e->mmu->mmu, &g), 0);
	e->ga = g;
	assert_int_equal(g->win[DMA_WIN_DEFAULT].liobn, LIOBN_A);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x1000, 0), H_SUCCESS);
	/* the index is taken now */
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -EBUSY);
}

static void test_create_backend_failure(void **state)
{
	struct fake_env *e = *state;
	u32 rets[4];

	assert_int_equal(remove_win(&e->a, LIOBN_A), RTAS_SUCCESS);
	e->mmu->fail_commit = -ENOSPC;
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 32, rets),
			 RTAS_HARDWARE_ERROR);
	e->mmu->fail_commit = 0;
	assert_false(sandbox_iommu_liodn(e->mmu, 1)->valid);
	assert_int_equal(windows_available(&e->a, FAKE_BUID_A), 1);
	assert_int_equal(h_put(&e->a, DDW_A, DMA_DDW_BUS_BASE, 0),
			 H_PARAMETER);
	assert_int_equal(create(&e->a, FAKE_BUID_A, 24, 32, rets),
			 RTAS_SUCCESS);
}

static void test_config_checked(void **state)
{
	struct fake_env *e = *state;
	struct dma_group_config cfg;
	struct dma_group *g;

	dma_group_config_init(&cfg);
	cfg.index = 9;
	cfg.liodns[0] = 9;
	cfg.nr_liodns = 1;
	cfg.default_size = 3 * SZ_1M;
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -EINVAL);
	cfg.default_size = 2 * SZ_1G;	/* Linux int shift: <= 1 GiB */
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -EINVAL);
	cfg.default_size = SZ_1G;
	cfg.default_page_shift = 13;
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -EINVAL);
	cfg.default_page_shift = 16;
	cfg.liodns[0] = 99;
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -ERANGE);
	cfg.liodns[0] = 9;
	cfg.has_doorbell = true;
	cfg.doorbell_phys = 0xffe140800ULL;	/* not page aligned */
	cfg.doorbell_size = SZ_4K;
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g),
			 -EINVAL);
	cfg.has_doorbell = false;
	assert_int_equal(dma_group_create(&cfg, &e->b, &e->mmu->mmu, &g), 0);
	assert_ptr_equal(dma_find_window(g, 0, 16, SZ_1G),
			 &g->win[DMA_WIN_DEFAULT]);
	dma_group_destroy(g);
	assert_false(sandbox_iommu_liodn(e->mmu, 9)->valid);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_env_setup, \
					     fake_env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_query_outputs),
		T(test_query_bad_args),
		T(test_create_refused),
		T(test_create_remove_cycle),
		T(test_remove_default_leaves_none),
		T(test_remove_bad),
		T(test_reset_restores_default),
		T(test_partition_reset),
		T(test_liobn_stable),
		T(test_create_backend_failure),
		T(test_config_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
