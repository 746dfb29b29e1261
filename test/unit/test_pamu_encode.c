// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU entry encoders, OMT, SVR quirk table, register programming and
 * access-violation decoding. Expected words are computed by hand from the
 * field definitions (fsl_pamu.h masks, see drivers/iommu/pamu/pamu.h); the
 * arithmetic is in the comments.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <asm/io.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include "../../drivers/iommu/pamu/pamu.h"

static u32 be(const u32 *e, unsigned int i)
{
	return get_be32(&e[i]);
}

static void test_primary_encoding(void **state)
{
	struct paace_fields f = {
		.pt = PAACE_PT_PRIMARY, .v = 1, .ap = PAACE_AP_ALL,
		.wba = 0x840000000ULL,	/* 36-bit, 1 GiB aligned */
		.wse = 0x1d,		/* 2^30 */
		.mw = true, .wce = 3,	/* 16 subwindows */
		.did = 0x10, .pid = 2, .snpid = 5, .cr = true,
		.cid = 0x21, .atm = PAACE_ATM_WINDOW_XLATE,
		.otm = PAACE_OTM_INDEXED, .twba = 0xa12345000ULL,
		.swse = 0x19, .fspi = 0x123, .op = 3,
	};
	static const u8 head[8] = { 0, 0, 0, 0x08, 0x40, 0x00, 0x07, 0x79 };
	u32 e[PAACE_WORDS];
	unsigned int i;

	memset(e, 0xa5, sizeof(e));
	paace_encode(e, &f);
	assert_int_equal(be(e, 0), 0x00000008);	/* wba >> 32 */
	/* WBAL 0x40000000 | WSE 0x1d<<6=0x740 | MW 0x20 | AP 3<<3 | V */
	assert_int_equal(be(e, 1), 0x40000779);
	/* did<<24 | pid<<16 | snpid<<8 | CR 0x80 */
	assert_int_equal(be(e, 2), 0x10020580);
	/* CID 0x21<<16 | WCE 3<<4 | ATM 1<<2 | OTM 2 */
	assert_int_equal(be(e, 3), 0x00210036);
	assert_int_equal(be(e, 4), 0x0000000a);
	/* TWBAL 0x12345000 | SWSE 0x19<<6=0x640 */
	assert_int_equal(be(e, 5), 0x12345640);
	assert_int_equal(be(e, 6), 0x00000123);
	assert_int_equal(be(e, 7), 0x00000003);
	for (i = 8; i < PAACE_WORDS; i++)
		assert_int_equal(e[i], 0);
	/* big-endian in memory on every host */
	assert_memory_equal(e, head, sizeof(head));
}

static void test_secondary_encoding(void **state)
{
	struct paace_fields f = {
		.pt = PAACE_PT_SECONDARY, .v = 1, .ap = PAACE_AP_QUERY,
		.liodn = 0x1ab, .cr = true, .atm = PAACE_ATM_WINDOW_XLATE,
		.twba = 0x300002000ULL, .swse = PAACE_WSE_4K,
		.wba = 0xfffff000ULL, .wse = 0x3f, .mw = true, .fspi = 7,
	};
	u32 e[PAACE_WORDS];

	paace_encode(e, &f);
	assert_int_equal(be(e, 0), 0);		/* no WBAH in a SPAACE */
	/* LIODN 0x1ab<<16 | AP 1<<3 | PT 0x2 | V (WBAL/WSE/MW ignored) */
	assert_int_equal(be(e, 1), 0x01ab000b);
	assert_int_equal(be(e, 2), 0x00000080);
	assert_int_equal(be(e, 3), 0x00000004);
	assert_int_equal(be(e, 4), 0x00000003);
	/* TWBAL 0x2000 | SWSE 0xb<<6=0x2c0 */
	assert_int_equal(be(e, 5), 0x000022c0);
	assert_int_equal(be(e, 6), 0);		/* no FSPI in a SPAACE */
}

static void test_to_io_domain(void **state)
{
	struct paace_fields f = { .dd = 1, .did = 0x21, .pid = 7,
				  .snpid = 9, .cr = true };
	u32 e[PAACE_WORDS];

	paace_encode(e, &f);
	assert_int_equal(be(e, 1), 0x00000004);	/* DD */
	assert_int_equal(be(e, 2), 0x21000000);	/* only DID when DD=1 */
}

static void fields_equal(const struct paace_fields *a,
			 const struct paace_fields *b)
{
	assert_true(a->wba == b->wba);
	assert_true(a->twba == b->twba);
	assert_int_equal(a->wse, b->wse);
	assert_int_equal(a->mw, b->mw);
	assert_int_equal(a->liodn, b->liodn);
	assert_int_equal(a->ap, b->ap);
	assert_int_equal(a->dd, b->dd);
	assert_int_equal(a->pt, b->pt);
	assert_int_equal(a->v, b->v);
	assert_int_equal(a->did, b->did);
	assert_int_equal(a->pid, b->pid);
	assert_int_equal(a->snpid, b->snpid);
	assert_int_equal(a->cr, b->cr);
	assert_int_equal(a->cid, b->cid);
	assert_int_equal(a->wce, b->wce);
	assert_int_equal(a->atm, b->atm);
	assert_int_equal(a->otm, b->otm);
	assert_int_equal(a->swse, b->swse);
	assert_int_equal(a->fspi, b->fspi);
	assert_int_equal(a->op, b->op);
}

static void test_decode_roundtrip(void **state)
{
	struct paace_fields f = {
		.pt = PAACE_PT_PRIMARY, .v = 1, .ap = 2, .wba = 0xff0000000ULL,
		.wse = 0x1b, .mw = true, .wce = 7, .did = 1, .pid = 2,
		.snpid = 3, .cr = true, .cid = 4, .atm = 1, .otm = 2,
		.twba = 0x123456000ULL, .swse = 0x13, .fspi = 0x7fff, .op = 9,
	}, g;
	u32 e[PAACE_WORDS];

	paace_encode(e, &f);
	paace_decode(e, &g);
	fields_equal(&f, &g);
	f = (struct paace_fields){ .pt = 1, .v = 1, .ap = 3, .liodn = 0xffff,
				   .atm = 1, .twba = 0xfff000ULL, .swse = 0xb };
	paace_encode(e, &f);
	paace_decode(e, &g);
	fields_equal(&f, &g);
}

static void test_wse_wce(void **state)
{
	u8 v = 0;

	assert_int_equal(pamu_size_to_wse(SZ_4K, &v), 0);
	assert_int_equal(v, 0x0b);
	assert_int_equal(pamu_size_to_wse(4 * SZ_1G, &v), 0);
	assert_int_equal(v, 0x1f);
	assert_int_equal(pamu_size_to_wse(64 * SZ_1G, &v), 0);
	assert_int_equal(v, 0x23);
	assert_int_equal(pamu_size_to_wse(2048, &v), -EINVAL);
	assert_int_equal(pamu_size_to_wse(0, &v), -EINVAL);
	assert_int_equal(pamu_size_to_wse(SZ_4K * 3, &v), -EINVAL);
	/* sizes in u64: 4 GiB and 64 GiB must not truncate */
	assert_true(pamu_wse_to_size(0x1f) == 4 * SZ_1G);
	assert_true(pamu_wse_to_size(0x23) == 64 * SZ_1G);
	assert_true(pamu_wse_to_size(63) == 0);
	assert_int_equal(pamu_count_to_wce(2, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(pamu_count_to_wce(16, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(pamu_count_to_wce(256, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(pamu_count_to_wce(1, &v), -EINVAL);
	assert_int_equal(pamu_count_to_wce(3, &v), -EINVAL);
	assert_int_equal(pamu_count_to_wce(1u << 17, &v), -EINVAL);
	assert_int_equal(pamu_wce_to_count(7), 256);
}

static void test_omt(void **state)
{
	u8 omt[OMT_SIZE];

	memset(omt, 0xff, sizeof(omt));
	pamu_omt_setup(omt);
	assert_int_equal(omt[0 * OME_SIZE + 0], 0x80);	/* QMAN READ->READ */
	assert_int_equal(omt[0 * OME_SIZE + 2], 0x96);	/* EREAD0->RSA */
	assert_int_equal(omt[0 * OME_SIZE + 3], 0x9d);	/* EWRITE0->WWSAO */
	assert_int_equal(omt[0 * OME_SIZE + 7], 0x92);	/* DIRECT1->LDECPE */
	assert_int_equal(omt[1 * OME_SIZE + 0], 0x98);	/* FMAN READ->READI */
	assert_int_equal(omt[2 * OME_SIZE + 3], 0x9b);	/* QMAN_PRIV WWSA */
	assert_int_equal(omt[3 * OME_SIZE + 1], 0x81);	/* CAAM WRITE */
	assert_int_equal(omt[4 * OME_SIZE + 0], 0);
	assert_int_equal(omt[0 * OME_SIZE + 5], 0);
	assert_int_equal(pamu_ome_set(omt, 16, 0, 0), -EINVAL);
	assert_int_equal(pamu_ome_set(omt, 0, 128, 0), -EINVAL);
}

static void test_quirks(void **state)
{
	const u32 base = PAMU_QUIRK_A003638 | PAMU_QUIRK_A005982;

	/* P4080 rev 2.0: SVR 0x820000 << 8 | 0x20 */
	assert_int_equal(pamu_quirks(0x82000020), base | PAMU_QUIRK_A004510);
	assert_int_equal(pamu_csd_port_id(0x82000020), 0xfff80000);
	/* P4080E (security bit) rev 2.0 is the same part */
	assert_int_equal(pamu_quirks(0x82080020), base | PAMU_QUIRK_A004510);
	/* P4080 rev 1.0: PAMU3, no CSD */
	assert_int_equal(pamu_quirks(0x82000010), base | PAMU_QUIRK_PAMU3);
	assert_int_equal(pamu_csd_port_id(0x82000010), 0);
	/* P5040 1.0, P2041 1.1, P5010 2.0 */
	assert_int_equal(pamu_csd_port_id(0x82040010), 0xff800000);
	assert_int_equal(pamu_csd_port_id(0x82100111), 0xff000000);
	assert_int_equal(pamu_csd_port_id(0x82210020), 0xfc000000);
	/* P3041 rev 2.0 is not in the A-004510 list; nor is T4240 */
	assert_int_equal(pamu_quirks(0x82110320), base);
	assert_int_equal(pamu_quirks(0x82400020), base);
	assert_int_equal(pamu_csd_port_id(0x82400020), 0);
	assert_int_equal(pamu_quirks(0), base);
}

struct hw {
	u8 *regs;
	u8 *guts;
	struct iommu *mmu;
};

static int hw_setup(void **state)
{
	struct iommu_config cfg = { .max_liodn = 15, .spaace_entries = 8,
				   .max_subwindows = 16 };
	struct hw *hw = calloc(1, sizeof(*hw));

	hw->regs = hv_zalloc(2 * PAMU_BLOCK_SIZE, PAMU_BLOCK_SIZE);
	hw->guts = hv_zalloc(0x1000, 0x1000);
	assert_int_equal(pamu_create(&cfg, &hw->mmu), 0);
	*state = hw;
	return 0;
}

static int hw_teardown(void **state)
{
	struct hw *hw = *state;

	pamu_destroy(hw->mmu);
	hv_free(hw->regs);
	hv_free(hw->guts);
	free(hw);
	return 0;
}

static u32 rd(const u8 *base, unsigned int off)
{
	return in_be32(base + off);
}

static void check_pair(const u8 *r, unsigned int off, u64 val)
{
	assert_int_equal(rd(r, off), (u32)(val >> 32));
	assert_int_equal(rd(r, off + 4), (u32)val);
}

static void test_hw_init(void **state)
{
	struct hw *hw = *state;
	const struct pamu_tables *t = pamu_tables(hw->mmu);
	u64 pa = hv_virt_to_phys(t->paact), sa = hv_virt_to_phys(t->spaact);
	u64 oa = hv_virt_to_phys(t->omt);
	unsigned int i;

	/* one allocation, naturally aligned, power of two (A-004510) */
	assert_true(IS_POWER_OF_2(t->size));
	assert_true(IS_ALIGNED((u64)(uintptr_t)t->base, t->size));
	assert_true(pa == hv_virt_to_phys(t->base));
	assert_true(sa == pa + SZ_4K && oa == sa + SZ_4K);
	out_be32(hw->guts + GUTS_PAMUBYPENR, 0xffffffff);
	out_be32(hw->regs + PAMU_PC, PAMU_PC_PE);
	assert_int_equal(pamu_hw_init(hw->regs, 2, t, hw->guts), 0);
	for (i = 0; i < 2; i++) {
		const u8 *r = hw->regs + i * PAMU_BLOCK_SIZE;

		check_pair(r, PAMU_PPBAH, pa);
		check_pair(r, PAMU_PPLAH, pa + 16 * 64);	/* exclusive */
		check_pair(r, PAMU_SPBAH, sa);
		check_pair(r, PAMU_SPLAH, sa + 8 * 64);
		check_pair(r, PAMU_OBAH, oa);
		check_pair(r, PAMU_OLAH, oa + 2048);
		assert_int_equal(rd(r, PAMU_PICS), 0x00000004);
		/* PE | OCE | SPCC | PPCC */
		assert_int_equal(rd(r, PAMU_PC), 0x40001011);
	}
	/* units 0 and 1 out of bypass: bits 0x80000000 and 0x40000000 */
	assert_int_equal(rd(hw->guts, GUTS_PAMUBYPENR), 0x3fffffff);
	assert_int_equal(pamu_hw_init(hw->regs, 0, t, NULL), -EINVAL);
	assert_int_equal(pamu_hw_init(hw->regs, 33, t, NULL), -EINVAL);
	assert_int_equal(pamu_hw_init_one(hw->regs, 32, t, NULL), -EINVAL);
	assert_int_equal(pamu_hw_init_one(NULL, 0, t, NULL), -EINVAL);
}

static void test_max_subwindows(void **state)
{
	struct hw *hw = *state;

	out_be32(hw->regs + PAMU_PC3, 7u << 21);
	assert_int_equal(pamu_hw_max_subwindows(hw->regs), 256);
	out_be32(hw->regs + PAMU_PC3, (3u << 21) | 0x001fffff);
	assert_int_equal(pamu_hw_max_subwindows(hw->regs), 16);
	out_be32(hw->regs + PAMU_PC3, 0);
	assert_int_equal(pamu_hw_max_subwindows(hw->regs), 2);
}

static void commit_window(struct iommu *mmu, u32 liodn)
{
	assert_int_equal(mmu->ops->stage_window(mmu, liodn, 0, SZ_1M, 1), 0);
	assert_int_equal(mmu->ops->commit(mmu), 0);
}

static void set_av(u8 *r, u32 pics, u32 avs1, u32 avah, u32 aval)
{
	out_be32(r + PAMU_PICS, pics);
	out_be32(r + PAMU_AVS1, avs1);
	out_be32(r + PAMU_AVS2, 0x5a5a0000);
	out_be32(r + PAMU_AVAH, avah);
	out_be32(r + PAMU_AVAL, aval);
}

static void test_av_valid_liodn(void **state)
{
	struct hw *hw = *state;
	const u32 q = pamu_quirks(0x82000020);
	struct pamu_av av;

	commit_window(hw->mmu, 5);
	/* LIODN 5, WAV low bit 0x80, AV */
	set_av(hw->regs, 0xc, (5u << 16) | 0x81, 0x1, 0x23456000);
	assert_int_equal(pamu_av_handle(hw->regs, 0, hw->mmu, q, &av), 0);
	assert_int_equal(av.liodn, 5);
	assert_true(av.liodn_valid && av.entry_valid && !av.av_disabled);
	assert_int_equal(av.kind, PAMU_AV_WINDOW);
	assert_true(av.addr == 0x123456000ULL);
	assert_int_equal(av.avs2, 0x5a5a0000);
	/* status cleared: AVS1 & mask written back, AVICS w1c, AVIE kept */
	assert_int_equal(rd(hw->regs, PAMU_AVS1), 0x81);
	assert_int_equal(rd(hw->regs, PAMU_PICS), 0xc);
	/* nothing pending */
	set_av(hw->regs, 0x4, 0, 0, 0);
	assert_int_equal(pamu_av_handle(hw->regs, 0, hw->mmu, q, &av),
			 -ENOENT);
}

static void test_av_out_of_range_liodn(void **state)
{
	struct hw *hw = *state;
	struct pamu_av av;

	/* LIODN 0xffff (table has 16), LAV "not in PPAACT" */
	set_av(hw->regs + PAMU_BLOCK_SIZE, 0xc, 0xffff0401, 0, 0x1000);
	assert_int_equal(pamu_av_handle(hw->regs + PAMU_BLOCK_SIZE, 1,
					hw->mmu, PAMU_QUIRK_A003638, &av), 0);
	assert_int_equal(av.unit, 1);
	assert_int_equal(av.liodn, 0xffff);
	assert_false(av.liodn_valid);
	assert_false(av.entry_valid);
	assert_int_equal(av.kind, PAMU_AV_LIODN);
	/* still cleared, and A-003638 turned AV reporting off */
	assert_int_equal(rd(hw->regs + PAMU_BLOCK_SIZE, PAMU_AVS1), 0x0401);
	assert_true(av.av_disabled);
	assert_int_equal(rd(hw->regs + PAMU_BLOCK_SIZE, PAMU_PICS), 0x8);
	pamu_av_reenable(hw->regs + PAMU_BLOCK_SIZE, 0);
	assert_int_equal(rd(hw->regs + PAMU_BLOCK_SIZE, PAMU_PICS), 0x4);
	/* LIODN 16 is the first beyond the table */
	set_av(hw->regs, 0xc, (16u << 16) | 0x1, 0, 0);
	assert_int_equal(pamu_av_handle(hw->regs, 0, hw->mmu, 0, &av), 0);
	assert_false(av.liodn_valid);
	assert_false(av.av_disabled);	/* no quirk: reporting stays on */
	assert_int_equal(rd(hw->regs, PAMU_PICS), 0xc);
}

static void test_av_disabled_liodn(void **state)
{
	struct hw *hw = *state;
	struct pamu_av av;

	/* LIODN 6 has no window (V=0): A-003638 case */
	set_av(hw->regs, 0x8, (6u << 16) | 0x9, 0, 0);
	assert_int_equal(pamu_av_handle(hw->regs, 0, hw->mmu,
					PAMU_QUIRK_A003638, &av), 0);
	assert_true(av.liodn_valid);
	assert_false(av.entry_valid);
	assert_int_equal(av.kind, PAMU_AV_PERM);
	assert_true(av.av_disabled);
	assert_int_equal(rd(hw->regs, PAMU_PICS), 0x8);
}

static void test_av_kind_decode(void **state)
{
	assert_int_equal(pamu_av_kind_decode(0x1), PAMU_AV_UNKNOWN);
	assert_int_equal(pamu_av_kind_decode(0x3), PAMU_AV_OPTRANS);
	assert_int_equal(pamu_av_kind_decode(0x41), PAMU_AV_PERM);
	assert_int_equal(pamu_av_kind_decode(0x201), PAMU_AV_WINDOW);
	assert_int_equal(pamu_av_kind_decode(0x1001), PAMU_AV_LIODN);
	assert_int_equal(pamu_av_kind_decode(0x2001), PAMU_AV_GATE);
	assert_int_equal(pamu_av_kind_decode(0x4001), PAMU_AV_PDV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primary_encoding),
		cmocka_unit_test(test_secondary_encoding),
		cmocka_unit_test(test_to_io_domain),
		cmocka_unit_test(test_decode_roundtrip),
		cmocka_unit_test(test_wse_wce),
		cmocka_unit_test(test_omt),
		cmocka_unit_test(test_quirks),
		cmocka_unit_test_setup_teardown(test_hw_init, hw_setup,
						hw_teardown),
		cmocka_unit_test_setup_teardown(test_max_subwindows, hw_setup,
						hw_teardown),
		cmocka_unit_test_setup_teardown(test_av_valid_liodn, hw_setup,
						hw_teardown),
		cmocka_unit_test_setup_teardown(test_av_out_of_range_liodn,
						hw_setup, hw_teardown),
		cmocka_unit_test_setup_teardown(test_av_disabled_liodn,
						hw_setup, hw_teardown),
		cmocka_unit_test(test_av_kind_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
