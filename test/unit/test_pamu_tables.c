// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU table manager through struct iommu_ops: staging, validation,
 * all-or-nothing commit, SPAACE runs, and the software PAMU model /
 * emulated DMA engine walking the committed big-endian tables.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <weir/byteorder.h>
#include "../../drivers/iommu/pamu/pamu.h"

#define RW (IOMMU_READ | IOMMU_WRITE)
#define R IOMMU_READ
#define W IOMMU_WRITE

static struct iommu *mk(u32 spaace)
{
	struct iommu_config cfg = { .max_liodn = 15, .spaace_entries = spaace,
				   .max_subwindows = 16, .iova_bits = 36 };
	struct iommu *mmu = NULL;

	assert_int_equal(pamu_create(&cfg, &mmu), 0);
	return mmu;
}

static int setup8(void **state)
{
	*state = mk(8);
	return 0;
}

static int setup16(void **state)
{
	*state = mk(16);
	return 0;
}

static int teardown(void **state)
{
	pamu_destroy(*state);
	return 0;
}

static u32 pw(struct iommu *mmu, u32 liodn, unsigned int word)
{
	return get_be32(&pamu_tables(mmu)->paact[liodn * PAACE_WORDS + word]);
}

static u32 sw(struct iommu *mmu, u32 idx, unsigned int word)
{
	return get_be32(&pamu_tables(mmu)->spaact[idx * PAACE_WORDS + word]);
}

static int xlate(struct iommu *mmu, u32 liodn, u64 iova, unsigned int acc,
		 phys_addr_t *phys)
{
	return mmu->ops->translate(mmu, liodn, iova, acc, phys);
}

/* Expect a model fault of @kind at @iova. */
static void expect_fault(struct iommu *mmu, u32 liodn, u64 iova,
			 unsigned int acc, enum iommu_fault_kind kind)
{
	struct iommu_fault av;
	phys_addr_t phys = 0xdead;

	assert_int_equal(pamu_model_translate(mmu, liodn, iova, acc, &phys,
					      &av), -EFAULT);
	assert_true(phys == 0xdead);
	assert_int_equal(av.kind, kind);
	assert_int_equal(av.liodn, liodn);
	assert_true(av.addr == iova);
	assert_int_equal(av.status[0] >> 16, liodn);
	assert_int_equal(av.status[0] & PAMU_AVS1_AV, 1);
}

static void test_caps(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_caps c;

	mmu->ops->caps(mmu, &c);
	assert_int_equal(c.iova_bits, 36);
	assert_int_equal(c.max_liodn, 15);
	assert_int_equal(c.max_subwindows, 16);
	assert_true(c.min_window == SZ_4K);
}

static void test_single_window(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	u8 *zero = calloc(1, t->size);
	phys_addr_t phys = 0;

	assert_int_equal(mmu->ops->stage_window(mmu, 3, 0x10000000, SZ_1M, 1),
			 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 3, 0, 0x20000000,
						   SZ_1M, RW), 0);
	/* staged, not committed: invisible to the tables and the model */
	assert_memory_equal(t->paact, zero, t->num_paace * PAACE_SIZE);
	assert_int_equal(xlate(mmu, 3, 0x10000000, R, &phys), -EFAULT);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_staged_count(mmu), 0);
	/* WBAL 0x10000000 | WSE(1M)=0x13<<6=0x4c0 | AP 3<<3 | V */
	assert_int_equal(pw(mmu, 3, 0), 0);
	assert_int_equal(pw(mmu, 3, 1), 0x100004d9);
	assert_int_equal(pw(mmu, 3, 2), 0x00000080);	/* CR */
	assert_int_equal(pw(mmu, 3, 3), 0x00000004);	/* ATM window */
	assert_int_equal(pw(mmu, 3, 4), 0);
	assert_int_equal(pw(mmu, 3, 5), 0x20000000);	/* TWBAL, no SWSE */
	assert_int_equal(pw(mmu, 3, 6), 0);
	assert_int_equal(pw(mmu, 2, 1), 0);		/* neighbours intact */
	assert_int_equal(pw(mmu, 4, 1), 0);
	assert_int_equal(xlate(mmu, 3, 0x10001234, R, &phys), 0);
	assert_true(phys == 0x20001234);
	assert_int_equal(xlate(mmu, 3, 0x100fffff, W, &phys), 0);
	assert_true(phys == 0x200fffff);
	expect_fault(mmu, 3, 0x10100000, R, IOMMU_FAULT_WINDOW);
	expect_fault(mmu, 3, 0x0fffffff, R, IOMMU_FAULT_WINDOW);
	expect_fault(mmu, 4, 0x10000000, R, IOMMU_FAULT_LIODN);
	free(zero);
}

static void test_read_only(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;

	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 1, 0, 0x7000, SZ_4K,
						   R), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	/* AP = QUERY: 1<<3; WSE(4K)=0xb<<6=0x2c0 */
	assert_int_equal(pw(mmu, 1, 1), 0x000002c9);
	assert_int_equal(xlate(mmu, 1, 0x10, R, &phys), 0);
	assert_true(phys == 0x7010);
	expect_fault(mmu, 1, 0x10, W, IOMMU_FAULT_PERM);
	expect_fault(mmu, 1, 0x10, RW, IOMMU_FAULT_PERM);
	assert_int_equal(xlate(mmu, 1, 0x10, 0, &phys), -EINVAL);
	assert_int_equal(xlate(mmu, 1, 0x10, 4, &phys), -EINVAL);
}

#define WBASE 0x400000000ULL	/* 16 GiB: uses WBAH */
#define SLOT (16 * SZ_1M)

/* LIODN 4: 64 MiB window, 4 slots of 16 MiB. */
static void stage_subwindowed(struct iommu *mmu)
{
	assert_int_equal(mmu->ops->stage_window(mmu, 4, WBASE, 4 * SLOT, 4),
			 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 0, 0x100000000ULL,
						   SLOT, RW), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 2, 0x30000000,
						   SLOT, R), 0);
	/* slot 3 maps only 4 KiB (SWSE < slot), write only */
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0x50000000,
						   SZ_4K, W), 0);
}

static void test_subwindows(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 5);
	/* primary: WBAH 4; WSE(64M)=0x19<<6=0x640 | MW 0x20 | AP 0x18 | V */
	assert_int_equal(pw(mmu, 4, 0), 4);
	assert_int_equal(pw(mmu, 4, 1), 0x00000679);
	/* WCE(4)=1<<4 | ATM 1<<2 */
	assert_int_equal(pw(mmu, 4, 3), 0x00000014);
	assert_int_equal(pw(mmu, 4, 4), 1);		/* TWBAH */
	/* TWBAL 0 | SWSE(16M)=0x17<<6=0x5c0 */
	assert_int_equal(pw(mmu, 4, 5), 0x000005c0);
	assert_int_equal(pw(mmu, 4, 6), 0);		/* FSPI */
	/* slot 1 -> SPAACT[0]: disabled, all zero */
	assert_int_equal(sw(mmu, 0, 1), 0);
	/* slot 2 -> SPAACT[1]: LIODN 4<<16 | AP 1<<3 | PT 2 | V */
	assert_int_equal(sw(mmu, 1, 1), 0x0004000b);
	assert_int_equal(sw(mmu, 1, 5), 0x300005c0);
	/* slot 3 -> SPAACT[2]: AP 2<<3; TWBAL | SWSE(4K)=0x2c0 */
	assert_int_equal(sw(mmu, 2, 0), 0);
	assert_int_equal(sw(mmu, 2, 1), 0x00040013);
	assert_int_equal(sw(mmu, 2, 2), 0x00000080);
	assert_int_equal(sw(mmu, 2, 3), 0x00000004);
	assert_int_equal(sw(mmu, 2, 5), 0x500002c0);

	assert_int_equal(xlate(mmu, 4, WBASE + 0x10, RW, &phys), 0);
	assert_true(phys == 0x100000010ULL);
	assert_int_equal(xlate(mmu, 4, WBASE + SLOT - 1, R, &phys), 0);
	assert_true(phys == 0x100000000ULL + SLOT - 1);
	expect_fault(mmu, 4, WBASE + SLOT, R, IOMMU_FAULT_WINDOW);	/* slot 1 */
	assert_int_equal(xlate(mmu, 4, WBASE + 2 * SLOT + 0x5000, R, &phys),
			 0);
	assert_true(phys == 0x30005000);
	expect_fault(mmu, 4, WBASE + 2 * SLOT, W, IOMMU_FAULT_PERM);
	assert_int_equal(xlate(mmu, 4, WBASE + 3 * SLOT + 0xfff, W, &phys), 0);
	assert_true(phys == 0x50000fff);
	expect_fault(mmu, 4, WBASE + 3 * SLOT + SZ_4K, W, IOMMU_FAULT_WINDOW);
	expect_fault(mmu, 4, WBASE + 3 * SLOT, R, IOMMU_FAULT_PERM);
	expect_fault(mmu, 4, WBASE + 4 * SLOT, R, IOMMU_FAULT_WINDOW);
	expect_fault(mmu, 4, WBASE - 1, R, IOMMU_FAULT_WINDOW);
}

/*
 * Operation mapping, stash and coherency (Linux 6.1 fsl_pamu.c
 * setup_qbman_paace(); struct paace layout of fsl_pamu.h): word 2 is
 * did/pid/snpid/coherency_required bytes (CR = 0x80), word 3 impl_attr
 * (CID in [23:16], WCE [7:4], ATM [3:2], OTM [1:0], OTM_INDEXED = 2),
 * word 7 op_encode.index_ot (u16 reserved, u16 omi).
 */
static void test_liodn_attr_words(void **state)
{
	struct iommu *mmu = *state;
	const struct iommu_liodn_attr portal = { .indexed = true,
		.omi = PAMU_OMI_QMAN, .stash = true, .cid = 0x10 };
	const struct iommu_liodn_attr qman = { .indexed = true,
		.omi = PAMU_OMI_QMAN_PRIV, .stash = true, .cid = 0x10,
		.no_coherency = true };
	const struct iommu_liodn_attr bman = { .no_coherency = true };

	assert_int_equal(pamu_set_liodn_attr(mmu, 3, &portal), 0);
	assert_int_equal(pamu_set_liodn_attr(mmu, 5, &qman), 0);
	assert_int_equal(pamu_set_liodn_attr(mmu, 6, &bman), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 3, 0x10000000, SZ_1M, 1),
			 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 3, 0, 0x20000000,
						   SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 5, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 5, 0, 0x30000000,
						   SZ_4K, RW), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 6, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 6, 0, 0x40000000,
						   SZ_4K, RW), 0);
	/* a window exists: attributes are fixed until it goes */
	assert_int_equal(pamu_set_liodn_attr(mmu, 3, &qman), -EBUSY);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_set_liodn_attr(mmu, 3, &qman), -EBUSY);

	/* QMan portal: CR kept, CID 0x10, ATM window, OTM indexed, OMI 0 */
	assert_int_equal(pw(mmu, 3, 1), 0x100004d9);
	assert_int_equal(pw(mmu, 3, 2), 0x00000080);
	assert_int_equal(pw(mmu, 3, 3), 0x00100006);
	assert_int_equal(pw(mmu, 3, 7), 0x00000000);
	/* QMan private memory: CR 0, CID 0x10, OTM indexed, OMI 2 */
	assert_int_equal(pw(mmu, 5, 2), 0x00000000);
	assert_int_equal(pw(mmu, 5, 3), 0x00100006);
	assert_int_equal(pw(mmu, 5, 7), 0x00000002);
	/* BMan: only CR cleared */
	assert_int_equal(pw(mmu, 6, 2), 0x00000000);
	assert_int_equal(pw(mmu, 6, 3), 0x00000004);
	assert_int_equal(pw(mmu, 6, 7), 0x00000000);
	/* any other LIODN: CR 1, no CID, no OTM */
	assert_int_equal(mmu->ops->stage_window(mmu, 7, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 7, 0, 0x40000000,
						   SZ_4K, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pw(mmu, 7, 2), 0x00000080);
	assert_int_equal(pw(mmu, 7, 3), 0x00000004);
	assert_int_equal(pw(mmu, 7, 7), 0x00000000);
}

/* The SPAACEs of a LIODN carry its attributes too. */
static void test_liodn_attr_spaace(void **state)
{
	struct iommu *mmu = *state;
	const struct iommu_liodn_attr qman = { .indexed = true,
		.omi = PAMU_OMI_QMAN_PRIV, .stash = true, .cid = 0x21,
		.no_coherency = true };

	assert_int_equal(pamu_set_liodn_attr(mmu, 4, &qman), 0);
	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pw(mmu, 4, 2), 0);
	/* CID 0x21 | WCE(4)=1<<4 | ATM 1<<2 | OTM 2 */
	assert_int_equal(pw(mmu, 4, 3), 0x00210016);
	assert_int_equal(pw(mmu, 4, 7), 2);
	/* slot 1 disabled: all zero; slot 3 -> SPAACT[2] */
	assert_int_equal(sw(mmu, 0, 3), 0);
	assert_int_equal(sw(mmu, 0, 7), 0);
	assert_int_equal(sw(mmu, 2, 1), 0x00040013);
	assert_int_equal(sw(mmu, 2, 2), 0x00000000);
	assert_int_equal(sw(mmu, 2, 3), 0x00210006);
	assert_int_equal(sw(mmu, 2, 7), 2);
}

static void test_liodn_attr_errors(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_liodn_attr a = { .indexed = true, .omi = OME_ENTRIES };

	assert_int_equal(pamu_set_liodn_attr(mmu, 16, &a), -ERANGE);
	assert_int_equal(pamu_set_liodn_attr(mmu, 1, &a), -EINVAL);
	a.omi = OME_ENTRIES - 1;
	assert_int_equal(pamu_set_liodn_attr(mmu, 1, &a), 0);
	/* after the window goes, the LIODN may change its attributes */
	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_set_liodn_attr(mmu, 1, &a), -EBUSY);
	assert_int_equal(mmu->ops->stage_disable(mmu, 1), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_set_liodn_attr(mmu, 1, &a), 0);
}

static void test_slot0_disabled(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;

	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, 2 * SZ_1M, 2), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 1, 0x40000000,
						   SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	/* slot 0 off: primary stays V=1 (window defined) with AP denied,
	 * never AP=ALL (Topaz defect 2.12/2); WSE(2M)=0x14<<6 | MW | V */
	assert_int_equal(pw(mmu, 2, 1), 0x00000521);
	expect_fault(mmu, 2, 0x1000, R, IOMMU_FAULT_PERM);
	assert_int_equal(xlate(mmu, 2, SZ_1M + 8, W, &phys), 0);
	assert_true(phys == 0x40000008);
}

static void test_window_errors(void **state)
{
	struct iommu *mmu = *state;
	const struct iommu_ops *o = mmu->ops;

	/* misaligned base */
	assert_int_equal(o->stage_window(mmu, 1, 0x1000, 0x2000, 1), -EINVAL);
	/* size not a power of two, below 4 KiB, zero */
	assert_int_equal(o->stage_window(mmu, 1, 0, 0x3000, 1), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, 0x800, 1), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, 0, 1), -EINVAL);
	/* beyond the 36-bit IOVA space */
	assert_int_equal(o->stage_window(mmu, 1, 1ULL << 36, SZ_4K, 1),
			 -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, 1ULL << 37, 1), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, 1ULL << 36, 1), 0);
	/* subwindow count: too big, not a power of two, zero, slot < 4K */
	assert_int_equal(o->stage_window(mmu, 1, 0, SZ_1M, 32), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, SZ_1M, 3), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, SZ_1M, 0), -EINVAL);
	assert_int_equal(o->stage_window(mmu, 1, 0, 0x4000, 8), -EINVAL);
	/* LIODN beyond the table */
	assert_int_equal(o->stage_window(mmu, 16, 0, SZ_4K, 1), -ERANGE);
	assert_int_equal(o->stage_subwindow(mmu, 16, 0, 0, SZ_4K, R), -ERANGE);
	assert_int_equal(o->stage_disable(mmu, 0xffffffff), -ERANGE);
	/* only the one valid call was staged */
	assert_int_equal(pamu_staged_count(mmu), 1);
	o->abort(mmu);
	assert_int_equal(pamu_staged_count(mmu), 0);
}

static void test_subwindow_errors(void **state)
{
	struct iommu *mmu = *state;
	const struct iommu_ops *o = mmu->ops;

	/* no window staged or committed */
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0, SZ_4K, R), -ENOENT);
	assert_int_equal(o->stage_window(mmu, 5, 0, SZ_1M, 4), 0);
	/* index, prot, size, alignment, address space */
	assert_int_equal(o->stage_subwindow(mmu, 5, 4, 0, SZ_4K, R), -EINVAL);
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0, SZ_4K, 4), -EINVAL);
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0, 0x80000, R),
			 -EINVAL);	/* > slot (256K) */
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0, 0x3000, R),
			 -EINVAL);
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0, 0x800, R), -EINVAL);
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 0x1000, 0x2000, R),
			 -EINVAL);	/* phys not aligned to size */
	assert_int_equal(o->stage_subwindow(mmu, 5, 0, 1ULL << 36, SZ_4K, R),
			 -EINVAL);
	/* prot 0 disables: phys and size ignored */
	assert_int_equal(o->stage_subwindow(mmu, 5, 1, 0x123, 7, 0), 0);
	/* without subwindows the mapping must cover the window (no SWSE) */
	assert_int_equal(o->stage_window(mmu, 6, 0, SZ_1M, 1), 0);
	assert_int_equal(o->stage_subwindow(mmu, 6, 0, 0, SZ_4K, R), -EINVAL);
	/* disabled in this transaction: no window any more */
	assert_int_equal(o->stage_disable(mmu, 6), 0);
	assert_int_equal(o->stage_subwindow(mmu, 6, 0, 0, SZ_1M, R), -ENOENT);
	assert_int_equal(pamu_staged_count(mmu), 4);
}

static void snapshot(struct iommu *mmu, u8 **buf)
{
	const struct pamu_tables *t = pamu_tables(mmu);

	*buf = malloc(t->size);
	memcpy(*buf, t->base, t->size);
}

static void test_pool_exhaustion(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	phys_addr_t phys;
	u8 *before;

	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_1M, 1), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 1, 0, 0x800000,
						   SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	snapshot(mmu, &before);
	/* each fits alone (7 and 3 of 8), together they do not */
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, SZ_1M, 8), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 3, 0, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->stage_disable(mmu, 1), 0);
	assert_int_equal(mmu->ops->commit(mmu), -ENOSPC);
	assert_memory_equal(t->base, before, t->size);
	assert_int_equal(pamu_spaace_free(mmu), 8);
	assert_int_equal(pamu_staged_count(mmu), 3);	/* kept for abort */
	assert_int_equal(xlate(mmu, 1, 0x10, R, &phys), 0);
	mmu->ops->abort(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_memory_equal(t->base, before, t->size);
	/* a single window needing more than the pool fails at stage time */
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, SZ_1M, 16),
			 -ENOSPC);
	free(before);
}

static void test_all_or_nothing(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	u8 *before;

	/* 3 of 8 SPAACEs used, then two more windows needing 3 each: the
	 * first would fit, the second not; neither may be written */
	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	snapshot(mmu, &before);
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 1, 0, SZ_4K, R),
			 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 3, SZ_1M, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->commit(mmu), -ENOSPC);
	assert_memory_equal(t->base, before, t->size);
	assert_int_equal(pamu_spaace_free(mmu), 5);
	mmu->ops->abort(mmu);
	/* one of them alone fits */
	assert_int_equal(mmu->ops->stage_window(mmu, 3, SZ_1M, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 2);
	assert_int_equal(pw(mmu, 3, 6), 3);
	free(before);
}

static void test_resize_needs_room(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	u8 *before;

	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_1M, 8), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 1);
	snapshot(mmu, &before);
	/* the old run is freed only after the new one is live */
	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_1M, 4), 0);
	assert_int_equal(mmu->ops->commit(mmu), -ENOSPC);
	assert_memory_equal(t->base, before, t->size);
	mmu->ops->abort(mmu);
	free(before);
}

static void test_resize(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;
	unsigned int i, w;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 13);
	assert_int_equal(mmu->ops->stage_window(mmu, 4, WBASE, 4 * SLOT, 8),
			 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 7, 0x60000000,
						   SLOT / 2, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 9);
	assert_int_equal(pw(mmu, 4, 6), 3);		/* new run at 3..9 */
	for (i = 0; i < 3; i++)				/* old run zeroed */
		for (w = 0; w < PAACE_WORDS; w++)
			assert_int_equal(sw(mmu, i, w), 0);
	expect_fault(mmu, 4, WBASE, R, IOMMU_FAULT_PERM);	/* slots reset */
	assert_int_equal(xlate(mmu, 4, WBASE + 7 * (SLOT / 2) + 4, R, &phys),
			 0);
	assert_true(phys == 0x60000004);
}

static void test_update_in_place(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	/* change slot 1 only: same run, other entries untouched */
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0x70000000,
						   SZ_1M, W), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 2, 0, 0, 0), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_spaace_free(mmu), 13);
	assert_int_equal(pw(mmu, 4, 6), 0);
	assert_int_equal(sw(mmu, 0, 1), 0x00040013);
	assert_int_equal(sw(mmu, 1, 1), 0);		/* slot 2 now off */
	assert_int_equal(sw(mmu, 2, 5), 0x500002c0);	/* slot 3 kept */
	assert_int_equal(xlate(mmu, 4, WBASE + SLOT + 0x40, W, &phys), 0);
	assert_true(phys == 0x70000040);
	expect_fault(mmu, 4, WBASE + 2 * SLOT, R, IOMMU_FAULT_WINDOW);
	assert_int_equal(xlate(mmu, 4, WBASE + 8, R, &phys), 0);
	assert_true(phys == 0x100000008ULL);
}

/* Byte ranges of the tables that differ from @before, as entry counts. */
static unsigned int entries_changed(struct iommu *mmu, const u8 *before)
{
	const struct pamu_tables *t = pamu_tables(mmu);
	const u8 *now = t->base;
	size_t off;
	unsigned int n = 0;

	for (off = 0; off < t->size; off += PAACE_SIZE)
		n += memcmp(now + off, before + off, PAACE_SIZE) != 0;
	return n;
}

/* Byte offset of SPAACE @idx in the table allocation. */
static size_t spaace_off(struct iommu *mmu, u32 idx)
{
	const struct pamu_tables *t = pamu_tables(mmu);

	return (size_t)((const u8 *)t->spaact - (const u8 *)t->base) + (size_t)idx * PAACE_SIZE;
}

/*
 * Subwindow-only commits write just the entries of the staged slots: a
 * mark planted in another live SPAACE of the same run (a reserved word
 * weir always writes as 0) survives, so that entry was not rewritten.
 */
static void test_subwin_only_writes_staged(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	u32 *mark2 = &pamu_tables(mmu)->spaact[1 * PAACE_WORDS + 8];
	phys_addr_t phys;
	u8 *before;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	*mark2 = 0x5a5a5a5a;		/* slot 2's SPAACE */
	snapshot(mmu, &before);
	/* slot 3 twice (the last wins), slot 1 on: two SPAACEs change */
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0x60000000,
						   SZ_4K, R), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0x70000000,
						   SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0x80000000,
						   SLOT, W), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(entries_changed(mmu, before), 2);
	assert_int_equal(memcmp((const u8 *)t->base + spaace_off(mmu, 0),
				before + spaace_off(mmu, 0), PAACE_SIZE) != 0,
			 1);
	assert_int_equal(memcmp((const u8 *)t->base + spaace_off(mmu, 2),
				before + spaace_off(mmu, 2), PAACE_SIZE) != 0,
			 1);
	assert_int_equal(*mark2, 0x5a5a5a5a);
	assert_int_equal(sw(mmu, 2, 5), 0x700004c0);	/* SWSE(1M) */
	assert_int_equal(xlate(mmu, 4, WBASE + 3 * SLOT + 0x10, RW, &phys), 0);
	assert_true(phys == 0x70000010);
	assert_int_equal(xlate(mmu, 4, WBASE + SLOT + 0x10, W, &phys), 0);
	assert_true(phys == 0x80000010);
	assert_int_equal(xlate(mmu, 4, WBASE + 2 * SLOT, R, &phys), 0);
	assert_true(phys == 0x30000000);
	free(before);

	/* a slot staged away and back: nothing is written at all */
	snapshot(mmu, &before);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0, 0, 0), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0x70000000,
						   SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_memory_equal(t->base, before, t->size);
	free(before);

	/* slot 0 alone: only the primary changes */
	snapshot(mmu, &before);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 0, 0x90000000,
						   SZ_4K, R), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(entries_changed(mmu, before), 1);
	assert_int_equal(pw(mmu, 4, 5), 0x900002c0);
	assert_int_equal(*mark2, 0x5a5a5a5a);
	free(before);
}

/*
 * All-or-nothing across the fast path: a subwindow-only change staged
 * with a window that cannot get its SPAACE run leaves the tables
 * byte-identical; after abort() the subwindow change alone commits.
 */
static void test_subwin_only_all_or_nothing(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	phys_addr_t phys;
	u8 *before;

	stage_subwindowed(mmu);		/* 3 of 16 SPAACEs */
	assert_int_equal(mmu->ops->commit(mmu), 0);
	snapshot(mmu, &before);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0x80000000,
						   SLOT, RW), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 5, 0, SZ_1M, 8), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 6, 0, SZ_1M, 8), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 0, 0, 0, 0), 0);
	assert_int_equal(mmu->ops->commit(mmu), -ENOSPC);
	assert_memory_equal(t->base, before, t->size);
	assert_int_equal(pamu_spaace_free(mmu), 13);
	mmu->ops->abort(mmu);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0x80000000,
						   SLOT, RW), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(entries_changed(mmu, before), 1);
	assert_int_equal(xlate(mmu, 4, WBASE + SLOT + 8, R, &phys), 0);
	assert_true(phys == 0x80000008);
	free(before);
}

/*
 * The held-slot list is bounded by the log size: a log of 4 ops fills
 * with 4 distinct slots, the 5th is refused (log full) and changes
 * nothing; the 4 commit and are the only entries written.
 */
static void test_subwin_only_log_bound(void **state)
{
	struct iommu_config cfg = { .max_liodn = 15, .spaace_entries = 16,
				   .max_subwindows = 16, .stage_max = 4 };
	struct iommu *mmu = NULL;
	phys_addr_t phys;
	unsigned int i;
	u8 *before;

	(void)state;
	assert_int_equal(pamu_create(&cfg, &mmu), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, 16 * SZ_1M, 16),
			 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	snapshot(mmu, &before);
	for (i = 0; i < 4; i++)
		assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 12 + i,
				 0x10000000 + i * SZ_1M, SZ_1M, RW), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 1, 0, SZ_1M, RW),
			 -ENOSPC);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(entries_changed(mmu, before), 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(xlate(mmu, 2, (12 + i) * SZ_1M + 4, W, &phys),
				 0);
		assert_true(phys == 0x10000004 + i * SZ_1M);
	}
	expect_fault(mmu, 2, SZ_1M, R, IOMMU_FAULT_WINDOW);
	free(before);
	pamu_destroy(mmu);
}

static void test_disable(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_fault av;
	phys_addr_t phys;
	unsigned int w;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(mmu->ops->stage_disable(mmu, 4), 0);
	/* staged disable: still live */
	assert_int_equal(xlate(mmu, 4, WBASE, R, &phys), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	for (w = 0; w < PAACE_WORDS; w++)
		assert_int_equal(pw(mmu, 4, w), 0);
	assert_int_equal(pamu_spaace_free(mmu), 16);
	assert_int_equal(pamu_model_translate(mmu, 4, WBASE, R, &phys, &av),
			 -EFAULT);
	assert_int_equal(av.kind, IOMMU_FAULT_LIODN);
	assert_true(av.liodn_valid);
	assert_false(av.entry_valid);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 0, 0, SZ_4K, R),
			 -ENOENT);
	/* disabling a LIODN without a window is harmless */
	assert_int_equal(mmu->ops->stage_disable(mmu, 9), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
}

static void test_abort(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	phys_addr_t phys;
	u8 *before;

	snapshot(mmu, &before);
	stage_subwindowed(mmu);
	mmu->ops->abort(mmu);
	assert_int_equal(pamu_staged_count(mmu), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_memory_equal(t->base, before, t->size);
	assert_int_equal(xlate(mmu, 4, WBASE, R, &phys), -EFAULT);
	/* after abort, subwindows of the dropped window are refused */
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 0, 0, SLOT, R),
			 -ENOENT);
	free(before);
}

static void test_block_liodn(void **state)
{
	struct iommu *mmu = *state;
	phys_addr_t phys;

	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(pamu_block_liodn(mmu, 4), 0);
	assert_int_equal(pamu_block_liodn(mmu, 16), -ERANGE);
	assert_int_equal(pw(mmu, 4, 1), 0x00000678);	/* V cleared only */
	expect_fault(mmu, 4, WBASE, R, IOMMU_FAULT_LIODN);
	/* a subwindow-only change keeps it blocked */
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0, SZ_4K, R),
			 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	expect_fault(mmu, 4, WBASE, R, IOMMU_FAULT_LIODN);
	/* restaging the window makes it live again */
	stage_subwindowed(mmu);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(xlate(mmu, 4, WBASE, R, &phys), 0);
}

static void test_model_liodn_range(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_fault av;
	phys_addr_t phys;

	assert_int_equal(pamu_model_translate(mmu, 100, 0x1000, W, &phys, &av),
			 -EFAULT);
	assert_int_equal(av.kind, IOMMU_FAULT_LIODN);
	assert_false(av.liodn_valid);
	assert_true(av.write);
	/* LIODN 100, LAV "not in PPAACT" 0x400, AV */
	assert_int_equal(av.status[0], 0x00640401);
	assert_int_equal(xlate(mmu, 16, 0, R, &phys), -EFAULT);
	assert_int_equal(xlate(mmu, 0xffffffff, 0, R, &phys), -EFAULT);
}

/* A 64 KiB "real memory" at 0x20000000 for the DMA engine. */
#define MEM_BASE 0x20000000ULL
#define MEM_SIZE 0x10000u

struct fake_mem {
	u8 bytes[MEM_SIZE];
	unsigned int calls;
};

static int mem_copy(void *ctx, phys_addr_t dst, phys_addr_t src, u64 len)
{
	struct fake_mem *m = ctx;

	m->calls++;
	if (src < MEM_BASE || dst < MEM_BASE ||
	    src + len > MEM_BASE + MEM_SIZE || dst + len > MEM_BASE + MEM_SIZE)
		return -EFAULT;
	memmove(m->bytes + (dst - MEM_BASE), m->bytes + (src - MEM_BASE), len);
	return 0;
}

static void test_dma_copy(void **state)
{
	struct iommu *mmu = *state;
	struct fake_mem *m = calloc(1, sizeof(*m));
	struct iommu_mem mem = { .copy = mem_copy, .ctx = m };
	struct iommu_fault av;
	unsigned int i;
	u8 *snap = malloc(MEM_SIZE);

	/* LIODN 2: IOVA 0x10000000.. (32K RW, 32K R) -> MEM_BASE */
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0x10000000,
						MEM_SIZE, 2), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 0, MEM_BASE,
						   MEM_SIZE / 2, RW), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 2, 1,
						   MEM_BASE + MEM_SIZE / 2,
						   MEM_SIZE / 2, R), 0);
	for (i = 0; i < MEM_SIZE; i++)
		m->bytes[i] = (u8)(i * 7 + 1);
	/* not committed yet: refused, nothing copied */
	assert_int_equal(pamu_model_dma_copy(mmu, 2, 0x10008000, 0x10000000,
					     16, &mem, &av), -EFAULT);
	assert_int_equal(m->calls, 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);

	/* read-only half to RW half; chunks end at every page boundary of
	 * either side: 0x100, 0xf00, 0x1100, 0x1f00 -> 5 copies */
	assert_int_equal(pamu_model_dma_copy(mmu, 2, 0x10008100, 0x10001f00,
					     0x2000, &mem, &av), 0);
	for (i = 0; i < 0x2000; i++)
		assert_int_equal(m->bytes[0x1f00 + i],
				 (u8)((0x8100 + i) * 7 + 1));
	assert_int_equal(m->calls, 5);

	/* destination read-only: refused before any byte moves */
	memcpy(snap, m->bytes, MEM_SIZE);
	m->calls = 0;
	assert_int_equal(pamu_model_dma_copy(mmu, 2, 0x10000000, 0x10007000,
					     0x2000, &mem, &av), -EFAULT);
	assert_int_equal(av.kind, IOMMU_FAULT_PERM);
	assert_true(av.addr == 0x10008000);
	assert_true(av.write);
	assert_int_equal(m->calls, 0);
	assert_memory_equal(snap, m->bytes, MEM_SIZE);

	/* source runs off the window's end: WAV at the first bad page */
	assert_int_equal(pamu_model_dma_copy(mmu, 2, 0x1000f000, 0x10000000,
					     0x1001, &mem, &av), -EFAULT);
	assert_int_equal(av.kind, IOMMU_FAULT_WINDOW);
	assert_true(av.addr == 0x10010000);
	assert_int_equal(av.liodn, 2);
	assert_int_equal(av.status[0], 0x00020081);	/* LIODN 2, WAV, AV */
	assert_false(av.write);
	assert_int_equal(m->calls, 0);
	assert_memory_equal(snap, m->bytes, MEM_SIZE);

	/* wrong LIODN, wrapping range, zero length */
	assert_int_equal(pamu_model_dma_copy(mmu, 3, 0x10000000, 0x10001000,
					     8, &mem, &av), -EFAULT);
	assert_int_equal(av.kind, IOMMU_FAULT_LIODN);
	assert_int_equal(pamu_model_dma_copy(mmu, 2, ~0ULL - 4, 0x10000000,
					     8, &mem, &av), -EINVAL);
	assert_int_equal(pamu_model_dma_copy(mmu, 2, 0, 0, 0, &mem, &av), 0);
	assert_int_equal(m->calls, 0);
	free(snap);
	free(m);
}

/*
 * The log holds one whole-window transaction of the largest group:
 * group_liodns x (max_subwindows + 1) operations (256 subwindows, 2
 * LIODNs: 514). Exactly that many commit; one more is refused.
 */
static void test_log_holds_group_window(void **state)
{
	struct iommu_config cfg = { .max_liodn = 15, .spaace_entries = 1024,
				   .max_subwindows = 256, .group_liodns = 2 };
	const u64 base = 0x800000000ULL;
	struct iommu_caps caps;
	struct iommu *mmu = NULL;
	phys_addr_t phys;
	unsigned int i;
	u32 liodn;

	(void)state;
	assert_int_equal(pamu_create(&cfg, &mmu), 0);
	mmu->ops->caps(mmu, &caps);
	assert_int_equal(caps.max_staged, 2 * 257);
	assert_true(IOMMU_STAGE_OPS(2, 256) == caps.max_staged);
	for (liodn = 3; liodn <= 4; liodn++) {
		assert_int_equal(mmu->ops->stage_window(mmu, liodn, base, SZ_1M,
							256), 0);
		for (i = 0; i < 256; i++)
			assert_int_equal(mmu->ops->stage_subwindow(mmu, liodn,
					 i, 0x10000000 + i * SZ_4K, SZ_4K, RW),
					 0);
	}
	assert_int_equal(pamu_staged_count(mmu), 514);
	assert_int_equal(mmu->ops->stage_disable(mmu, 5), -ENOSPC);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	for (liodn = 3; liodn <= 4; liodn++)
		for (i = 0; i < 256; i++) {
			assert_int_equal(xlate(mmu, liodn, base + i * SZ_4K + 8,
					       W, &phys), 0);
			assert_true(phys == 0x10000008 + i * SZ_4K);
		}
	assert_int_equal(pamu_spaace_free(mmu), 1024 - 2 * 255);
	pamu_destroy(mmu);
}

static void test_create_errors(void **state)
{
	struct iommu_config cfg = { .max_liodn = 0x10000, .spaace_entries = 8,
				   .max_subwindows = 16 };
	struct iommu *mmu;

	assert_int_equal(pamu_create(&cfg, &mmu), -ERANGE);
	cfg.max_liodn = 0x4ff;
	cfg.max_subwindows = 12;
	assert_int_equal(pamu_create(&cfg, &mmu), -EINVAL);
	cfg.max_subwindows = 1;
	assert_int_equal(pamu_create(&cfg, &mmu), -EINVAL);
	/* more LIODNs in a group than the PAACT has */
	cfg.max_subwindows = 256;
	cfg.group_liodns = 0x501;
	assert_int_equal(pamu_create(&cfg, &mmu), -EINVAL);
	cfg.group_liodns = 0;
	/* Linux/Topaz sizes: 1280 PAACEs, 2048 SPAACEs */
	cfg.max_subwindows = 256;
	cfg.spaace_entries = 0x800;
	assert_int_equal(pamu_create(&cfg, &mmu), 0);
	assert_int_equal(pamu_tables(mmu)->num_paace, 0x500);
	/* 80K + 128K + 2K -> 256 KiB, aligned to 256 KiB */
	assert_true(pamu_tables(mmu)->size == 0x40000);
	assert_true(IS_ALIGNED((uintptr_t)pamu_tables(mmu)->base, 0x40000));
	pamu_destroy(mmu);
}

/* ------------------------------------------------ audit, save, restore */

struct seen {
	unsigned int calls;
	struct iommu_window w[16];
	struct iommu_subwindow slot[16][16];
};

static void on_window(void *ctx, u32 liodn, const struct iommu_window *w)
{
	struct seen *s = ctx;

	assert_true(liodn < 16 && w->count <= 16);
	s->calls++;
	s->w[liodn] = *w;
	memcpy(s->slot[liodn], w->slot, w->count * sizeof(*w->slot));
}

static int audit(struct iommu *mmu, struct seen *s, bool full,
		 struct iommu_audit *a)
{
	memset(s, 0, sizeof(*s));
	memset(a, 0, sizeof(*a));
	a->full = full;
	a->window = on_window;
	a->ctx = s;
	return mmu->ops->audit(mmu, a);
}

/*
 * The audit reports what the tables hold, from their bytes: a window of
 * 4 slots on LIODN 4 (slot 1 RW, slot 3 R), nothing elsewhere; unchanged
 * tables keep their generation and are not decoded again.
 */
static void test_audit_windows(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_audit a;
	struct seen s;
	u64 gen;

	assert_int_equal(audit(mmu, &s, false, &a), 0);
	assert_int_equal(s.calls, 16);
	assert_false(s.w[4].present);
	gen = a.generation;
	assert_int_equal(mmu->ops->stage_window(mmu, 4, 0x40000000, 0x10000, 4),
			 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 1, 0x7000000,
						   0x4000, RW), 0);
	assert_int_equal(mmu->ops->stage_subwindow(mmu, 4, 3, 0x8000000,
						   SZ_4K, R), 0);
	assert_int_equal(audit(mmu, &s, false, &a), -EIO);
	assert_non_null(strstr(a.why, "left staged"));
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(audit(mmu, &s, false, &a), 0);
	assert_int_not_equal(a.generation, gen);
	assert_true(s.w[4].present && s.w[4].valid);
	assert_int_equal(s.w[4].iova, 0x40000000);
	assert_int_equal(s.w[4].size, 0x10000);
	assert_int_equal(s.w[4].count, 4);
	assert_int_equal(s.slot[4][0].prot, 0);
	assert_int_equal(s.slot[4][1].prot, RW);
	assert_int_equal(s.slot[4][1].phys, 0x7000000);
	assert_int_equal(s.slot[4][1].size, 0x4000);
	assert_int_equal(s.slot[4][2].prot, 0);
	assert_int_equal(s.slot[4][3].prot, R);
	assert_int_equal(s.slot[4][3].size, SZ_4K);
	assert_false(s.w[3].present);
	gen = a.generation;
	assert_int_equal(audit(mmu, &s, false, &a), 0);
	assert_int_equal(a.generation, gen);
	assert_int_equal(s.calls, 0);
	assert_int_equal(audit(mmu, &s, true, &a), 0);
	assert_int_equal(s.calls, 16);
}

/* A word in a free SPAACE, a shared run, a bad primary: each named. */
static void test_audit_catches(void **state)
{
	struct iommu *mmu = *state;
	const struct pamu_tables *t = pamu_tables(mmu);
	struct iommu_audit a;
	struct seen s;
	u32 save;

	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, 0x10000, 4), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(mmu->ops->save(mmu), 0);
	/* the run of LIODN 2 is 3 SPAACEs; the last of 8 is free */
	t->spaact[7 * PAACE_WORDS + 5] = cpu_to_be32(0x1000);
	assert_int_equal(audit(mmu, &s, false, &a), -EIO);
	assert_string_equal(a.why, "pamu: spaace 7: unreferenced, not zero");
	assert_int_equal(mmu->ops->restore(mmu), 0);
	assert_int_equal(audit(mmu, &s, false, &a), 0);
	/* LIODN 5's primary pointing into LIODN 2's run */
	memcpy(&t->paact[5 * PAACE_WORDS], &t->paact[2 * PAACE_WORDS],
	       PAACE_SIZE);
	assert_int_equal(audit(mmu, &s, false, &a), -EIO);
	assert_non_null(strstr(a.why, "in two runs"));
	assert_int_equal(mmu->ops->restore(mmu), 0);
	/* a primary typed secondary */
	save = t->paact[2 * PAACE_WORDS + PAACE_W_ADDR];
	t->paact[2 * PAACE_WORDS + PAACE_W_ADDR] =
		cpu_to_be32(be32_to_cpu(save) | PAACE_AF_PT);
	assert_int_equal(audit(mmu, &s, false, &a), -EIO);
	assert_string_equal(a.why, "pamu: liodn 2: bad primary");
	assert_int_equal(mmu->ops->restore(mmu), 0);
	assert_int_equal(audit(mmu, &s, false, &a), 0);
	assert_true(s.w[2].present);
}

/* restore() puts back the saved tables and drops what was staged. */
static void test_save_restore(void **state)
{
	struct iommu *mmu = *state;
	struct iommu_stats st;
	struct iommu_audit a;
	struct seen s;

	assert_int_equal(mmu->ops->restore(mmu), -ENOENT);
	assert_int_equal(mmu->ops->stage_window(mmu, 1, 0, SZ_4K, 1), 0);
	assert_int_equal(mmu->ops->save(mmu), -EBUSY);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(mmu->ops->save(mmu), 0);
	assert_int_equal(mmu->ops->stage_window(mmu, 2, 0, 0x10000, 8), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
	assert_int_equal(mmu->ops->stage_disable(mmu, 1), 0);
	assert_int_equal(mmu->ops->restore(mmu), 0);
	mmu->ops->stats(mmu, &st);
	assert_int_equal(st.staged, 0);
	assert_int_equal(st.sub_free, 8);
	assert_int_equal(audit(mmu, &s, false, &a), 0);
	assert_true(s.w[1].present);
	assert_false(s.w[2].present);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_caps, setup8, teardown),
		cmocka_unit_test(test_log_holds_group_window),
		cmocka_unit_test_setup_teardown(test_single_window, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_read_only, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_subwindows, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_slot0_disabled, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_window_errors, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_subwindow_errors, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_pool_exhaustion, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_resize_needs_room, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_resize, setup16, teardown),
		cmocka_unit_test_setup_teardown(test_update_in_place, setup16,
						teardown),
		cmocka_unit_test_setup_teardown(test_subwin_only_writes_staged,
						setup16, teardown),
		cmocka_unit_test_setup_teardown(test_subwin_only_all_or_nothing,
						setup16, teardown),
		cmocka_unit_test(test_subwin_only_log_bound),
		cmocka_unit_test_setup_teardown(test_disable, setup16,
						teardown),
		cmocka_unit_test_setup_teardown(test_abort, setup16, teardown),
		cmocka_unit_test_setup_teardown(test_block_liodn, setup16,
						teardown),
		cmocka_unit_test_setup_teardown(test_model_liodn_range, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_dma_copy, setup8,
						teardown),
		cmocka_unit_test(test_create_errors),
		cmocka_unit_test_setup_teardown(test_liodn_attr_words, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_liodn_attr_spaace,
						setup16, teardown),
		cmocka_unit_test_setup_teardown(test_audit_windows, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_audit_catches, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_save_restore, setup8,
						teardown),
		cmocka_unit_test_setup_teardown(test_liodn_attr_errors, setup8,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
