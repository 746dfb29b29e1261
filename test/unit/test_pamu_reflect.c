// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reflection of TCE tables into the PAMU backend (hv/dma/tce.c through
 * the sandbox backend shadowed by the PAMU, fake_env_setup_pamu()): a
 * 2-LIODN group's biggest transactions, a 512-TCE INDIRECT changing every
 * subwindow and the re-enable of a fully mapped window, fit in the
 * staging log; a group too big for the log is refused when it is
 * created. Split from test_tce_reflect.c, which checks the same paths on
 * the sandbox backend alone.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "../../drivers/iommu/pamu/pamu.h"
#include "helpers/dma_env.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define DDW_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DYNAMIC)
#define RW	(TCE_READ | TCE_WRITE)
#define PG	0x1000ULL
#define LIST	0x3000000ULL

/* Slot @s of LIODNs 1 and 2 in the sandbox backend's committed state. */
static void assert_slot(struct fake_env *e, unsigned int s, u64 phys,
			u64 size, unsigned int prot)
{
	const struct sandbox_iommu_slot *sl;
	u32 liodn;

	for (liodn = 1; liodn <= 2; liodn++) {
		sl = &sandbox_iommu_liodn(e->mmu, liodn)->slot[s];
		assert_int_equal(sl->prot, prot);
		if (prot) {
			assert_int_equal(sl->phys, phys);
			assert_int_equal(sl->size, size);
		}
	}
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
	const struct pamu_tables *t = pamu_tables(e->mmu->shadow);
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
			assert_int_equal(pamu_model_translate(e->mmu->shadow,
					 liodn, iova0 + off, IOMMU_WRITE,
					 &phys, NULL), 0);
			assert_true(phys == phys0 + off);
		}
	}
}

/* Both LIODNs of group A are invalid (V=0) in the real PAMU. */
static void assert_pamu_blocked(struct fake_env *e)
{
	const struct pamu_tables *t = pamu_tables(e->mmu->shadow);
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
	assert_int_equal(pamu_staged_count(e->mmu->shadow), 0);
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
	assert_int_equal(pamu_staged_count(e->mmu->shadow), 0);
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
	struct iommu_config pc = { .max_liodn = 15, .spaace_entries = 1024,
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

#define T_PAMU(f) cmocka_unit_test_setup_teardown(f, fake_env_setup_pamu, \
						  fake_env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T_PAMU(test_indirect_512_two_liodns),
		T_PAMU(test_full_ddw_two_liodns),
		cmocka_unit_test(test_group_too_big_for_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
