// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TCE hcalls through hcall_call(): every row of the validation table in
 * doc/tce.md with its exact PAPR code, no partial writes, GET returns
 * what PUT stored, STUFF/INDIRECT semantics, Linux's boot clear, the MSI
 * range and the borrowing lookup.
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
#include <weir/vcpu.h>
#include "helpers/dma_env.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define LIOBN_B	DMA_LIOBN(FAKE_GROUP_B, DMA_WIN_DEFAULT)
#define RW	(TCE_READ | TCE_WRITE)
#define PG	0x1000ULL
#define LIST	0x3000000ULL	/* a guest page of A used as TCE list */
#define MSI	DMA_MSI_IOVA_DEFAULT
#define SZ_16M	0x1000000ULL

/* A copy of both groups' tables and of the committed IOMMU state. */
struct snap {
	u64 *ta, *tb;
	struct sandbox_iommu_state *iommu;
};

static u64 *copy_table(const struct dma_window *w)
{
	u64 *t = malloc(w->nr_tces * 8);

	memcpy(t, w->tces, w->nr_tces * 8);
	return t;
}

static void snap_take(struct fake_env *e, struct snap *s)
{
	s->ta = copy_table(&e->ga->win[DMA_WIN_DEFAULT]);
	s->tb = copy_table(&e->gb->win[DMA_WIN_DEFAULT]);
	s->iommu = malloc(sizeof(*s->iommu));
	*s->iommu = e->mmu->committed;
}

/* Assert nothing changed since snap_take(), then free the snapshot. */
static void snap_same(struct fake_env *e, struct snap *s)
{
	const struct dma_window *wa = &e->ga->win[DMA_WIN_DEFAULT];
	const struct dma_window *wb = &e->gb->win[DMA_WIN_DEFAULT];

	assert_memory_equal(s->ta, wa->tces, wa->nr_tces * 8);
	assert_memory_equal(s->tb, wb->tces, wb->nr_tces * 8);
	assert_memory_equal(s->iommu, &e->mmu->committed, sizeof(*s->iommu));
	free(s->ta);
	free(s->tb);
	free(s->iommu);
}

static u64 tce_at(struct fake_env *e, u64 ioba)
{
	u64 r4 = ~0ULL;

	assert_int_equal(h_get(&e->a, LIOBN_A, ioba, &r4), H_SUCCESS);
	return r4;
}

/* Seed the table with something a failing call could destroy. */
static void seed(struct fake_env *e)
{
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x10000, 0x5000 | RW), 0);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x3ff00000, 0x7000 | TCE_READ),
			 0);
	assert_int_equal(h_put(&e->b, LIOBN_B, 0x20000, 0x9000 | RW), 0);
}

/* ---- LIOBN ---- */

static void test_liobn_unknown(void **state)
{
	struct fake_env *e = *state;
	struct snap s;
	u64 r4;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, 0x12345678, 0, RW), H_PARAMETER);
	assert_int_equal(h_put(&e->a, DMA_LIOBN(9, 0), 0, RW), H_PARAMETER);
	/* window 1 of A exists only after DDW create */
	assert_int_equal(h_put(&e->a, DMA_LIOBN(FAKE_GROUP_A, 1), 0, RW),
			 H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A | 1ULL << 32, 0, RW),
			 H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, 0x12345678, 0, 0, 1), H_PARAMETER);
	/* LIOBN is checked before the STUFF count (LoPAR order) */
	assert_int_equal(h_stuff(&e->a, 0x12345678, 0, 0, 513), H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, 0x12345678, 0, LIST, 1),
			 H_PARAMETER);
	assert_int_equal(h_get(&e->a, 0x12345678, 0, &r4), H_PARAMETER);
	assert_int_equal(r4, 0);
	snap_same(e, &s);
}

static void test_liobn_other_partition(void **state)
{
	struct fake_env *e = *state;
	struct snap s;
	u64 r4;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, LIOBN_B, 0x20000, 0), H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_B, 0, 0, 512), H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_B, 0, LIST, 1), H_PARAMETER);
	assert_int_equal(h_get(&e->a, LIOBN_B, 0x20000, &r4), H_PARAMETER);
	assert_int_equal(r4, 0);
	assert_int_equal(h_put(&e->b, LIOBN_A, 0x10000, 0), H_PARAMETER);
	snap_same(e, &s);
}

static void test_indirect_mtt_liobn(void **state)
{
	struct fake_env *e = *state;

	assert_int_equal(h_indirect(&e->a, 1ULL << 63 | LIOBN_A, 0, LIST, 1),
			 H_FUNCTION);
}

static void test_unknown_opcode(void **state)
{
	struct fake_env *e = *state;
	u64 in[HC_MAX_IN] = { LIOBN_A, 0, LIST, 1 }, out[HC_MAX_OUT] = { 0 };
	static struct vcpu v;

	v.part = &e->a;
	/* 0x124 is H_BULK_REMOVE, not H_PUT_TCE_INDIRECT */
	assert_int_equal(hcall_call(&v, PAPR_EPAPR_TOKEN(0x124), in, out),
			 H_FUNCTION);
	assert_int_equal(hcall_call(&v, PAPR_EPAPR_TOKEN(0x1F00), in, out),
			 H_FUNCTION);
	assert_int_equal(hcall_call(&v, PAPR_EPAPR_TOKEN(H_PUT_TCE + 1), in,
				    out), H_FUNCTION);
}

/* ---- IOBA ---- */

static void test_ioba_unaligned(void **state)
{
	struct fake_env *e = *state;
	struct snap s;
	u64 r4;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x10800, 0x5000 | RW),
			 H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x10001, 0), H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x10008, 0, 1), H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0x10100, LIST, 1),
			 H_PARAMETER);
	assert_int_equal(h_get(&e->a, LIOBN_A, 0x10004, &r4), H_PARAMETER);
	assert_int_equal(r4, 0);
	snap_same(e, &s);
}

static void test_ioba_outside(void **state)
{
	struct fake_env *e = *state;
	struct snap s;
	u64 r4;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, LIOBN_A, SZ_1G, 0), H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, ~0xfffULL, 0), H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, SZ_1G, 0, 1), H_PARAMETER);
	assert_int_equal(h_get(&e->a, LIOBN_A, SZ_1G, &r4), H_PARAMETER);
	assert_int_equal(r4, 0);
	/* count 0 still needs an IOBA inside the window */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, SZ_1G, 0, 0), H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, SZ_1G - PG, 0), H_SUCCESS);
	snap_same(e, &s);
}

static void test_range_crosses_end(void **state)
{
	struct fake_env *e = *state;
	u64 list[4] = { 0x1000 | RW, 0x2000 | RW, 0x3000 | RW, 0x4000 | RW };
	struct snap s;

	seed(e);
	/* the last TCE is non-zero: a partial STUFF would clear it */
	assert_int_equal(h_put(&e->a, LIOBN_A, SZ_1G - PG, 0x8000 | RW), 0);
	guest_write_list(&e->a, LIST, list, 4);
	snap_take(e, &s);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, SZ_1G - 2 * PG, 0, 3),
			 H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, SZ_1G - 512 * PG + PG, 0,
				 512), H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, SZ_1G - 3 * PG, LIST, 4),
			 H_PARAMETER);
	snap_same(e, &s);
	assert_int_equal(tce_at(e, SZ_1G - PG), 0x8000 | RW);
}

/* ---- TCE values ---- */

static void test_tce_reserved_bits(void **state)
{
	struct fake_env *e = *state;
	struct snap s;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000, 0x5000 | 0x4 | RW),
			 H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000, 0x5800 | TCE_READ),
			 H_PARAMETER);
	/* reserved bits are refused even in a "page fault" TCE */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000, 0x10), H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x20000, 0x8, 4),
			 H_PARAMETER);
	snap_same(e, &s);
}

static void test_tce_outside_ram(void **state)
{
	struct fake_env *e = *state;
	struct snap s;

	seed(e);
	snap_take(e, &s);
	/* first page beyond A's RAM, any permission */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000,
			       FAKE_RAM_A_SIZE | TCE_READ), H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000,
			       FAKE_RAM_A_SIZE | TCE_WRITE), H_PARAMETER);
	/* B's RAM is not in A's guest-physical space either */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000, FAKE_RAM_B | RW),
			 H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000,
			       0xfffffffffffff000ULL | RW), H_PARAMETER);
	snap_same(e, &s);
	/* the last page of RAM is fine */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000,
			       (FAKE_RAM_A_SIZE - PG) | RW), H_SUCCESS);
}

static void test_tce_poison_stored(void **state)
{
	struct fake_env *e = *state;

	/* no R/W: stored verbatim (LoPAR: page fault TCE, not translated) */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x20000, 0xdead0000ULL << 20),
			 H_SUCCESS);
	assert_int_equal(tce_at(e, 0x20000), 0xdead0000ULL << 20);
}

static void test_get_returns_put(void **state)
{
	struct fake_env *e = *state;
	static const u64 vals[] = {
		0x123000 | RW, 0x124000 | TCE_READ, 0x125000 | TCE_WRITE, 0,
		(FAKE_RAM_A_SIZE - PG) | RW,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vals); i++)
		assert_int_equal(h_put(&e->a, LIOBN_A, 0x40000 + i * PG,
				       vals[i]), H_SUCCESS);
	for (i = 0; i < ARRAY_SIZE(vals); i++)
		assert_int_equal(tce_at(e, 0x40000 + i * PG), vals[i]);
	/* overwrite and read back */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x40000, 0x999000 | TCE_READ),
			 0);
	assert_int_equal(tce_at(e, 0x40000), 0x999000 | TCE_READ);
}

/* ---- STUFF ---- */

static void test_stuff_limits(void **state)
{
	struct fake_env *e = *state;
	struct snap s;

	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0, 0, 513), H_P4);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0, 0, 1ULL << 40), H_P4);
	/* KVM: STUFF can only clear */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x10000, 0x5000 | RW, 1),
			 H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x10000, TCE_READ, 1),
			 H_PARAMETER);
	/* count 0 succeeds and changes nothing */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x10000, 0, 0), H_SUCCESS);
	snap_same(e, &s);
}

static void test_stuff_clears_range(void **state)
{
	struct fake_env *e = *state;
	u64 i;

	for (i = 0; i < 8; i++)
		assert_int_equal(h_put(&e->a, LIOBN_A, 0x100000 + i * PG,
				       (0x200000 + i * PG) | RW), 0);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x101000, 0, 6), H_SUCCESS);
	assert_int_equal(tce_at(e, 0x100000), 0x200000 | RW);
	for (i = 1; i < 7; i++)
		assert_int_equal(tce_at(e, 0x100000 + i * PG), 0);
	assert_int_equal(tce_at(e, 0x107000), 0x207000 | RW);
	/* a poison value without R/W may be stuffed */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x101000, 0xabc000, 2), 0);
	assert_int_equal(tce_at(e, 0x102000), 0xabc000);
}

/*
 * A clearing STUFF takes one of three paths (hv/dma/tce.c
 * stuff_clear_kind()): all 0 already, only "page fault" values (stored,
 * no slot can change), or valid TCEs among them (undo and reflection).
 * Each must leave the same table and IOMMU state.
 */
static void test_stuff_clear_paths(void **state)
{
	struct fake_env *e = *state;
	const struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];
	struct snap s;
	u64 i;

	/* Already clear: nothing changes. */
	seed(e);
	snap_take(e, &s);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x800000, 0, 512), H_SUCCESS);
	snap_same(e, &s);

	/* Only invalid values: they become 0, the IOMMU is untouched. */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x801000, 0xabc000, 3), 0);
	snap_take(e, &s);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x800000, 0, 8), H_SUCCESS);
	for (i = 0; i < 8; i++)
		assert_int_equal(tce_at(e, 0x800000 + i * PG), 0);
	assert_memory_equal(s.iommu, &e->mmu->committed, sizeof(*s.iommu));
	free(s.ta);
	free(s.tb);
	free(s.iommu);

	/* A valid TCE among invalid ones: its slot (1, 4 MiB) is unmapped. */
	assert_int_equal(h_put(&e->a, LIOBN_A, 0x400000, 0x600000 | RW), 0);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x401000, 0xabc000, 3), 0);
	assert_int_equal(sandbox_iommu_liodn(e->mmu, 1)->slot[1].prot,
			 IOMMU_READ | IOMMU_WRITE);
	assert_int_equal(w->slot_valid[1], 1);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, 0x400000, 0, 4), H_SUCCESS);
	for (i = 0; i < 4; i++)
		assert_int_equal(tce_at(e, 0x400000 + i * PG), 0);
	assert_int_equal(w->slot_valid[1], 0);
	assert_int_equal(sandbox_iommu_liodn(e->mmu, 1)->slot[1].prot, 0);
}

/* Linux iommu_table_clear() at boot: 512 x STUFF(0, 512) over 1 GiB. */
static void test_linux_boot_clear(void **state)
{
	struct fake_env *e = *state;
	const struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];
	u64 i;

	seed(e);
	for (i = 0; i < 512; i++)
		assert_int_equal(h_stuff(&e->a, LIOBN_A, i * 512 * PG, 0, 512),
				 H_SUCCESS);
	for (i = 0; i < w->nr_tces; i++)
		assert_int_equal(w->tces[i], 0);
	for (i = 0; i < w->nr_slots; i++)
		assert_int_equal(w->slot_valid[i], 0);
	/* only the MSI doorbell slot is still mapped */
	for (i = 0; i < 256; i++)
		assert_int_equal(sandbox_iommu_liodn(e->mmu, 1)->slot[i].prot,
				 i == MSI / (4 * SZ_1M) ? IOMMU_WRITE : 0);
}

/* ---- INDIRECT ---- */

static void test_indirect_limits(void **state)
{
	struct fake_env *e = *state;
	u64 list[1] = { 0x1000 | RW };
	struct snap s;

	seed(e);
	guest_write_list(&e->a, LIST, list, 1);
	snap_take(e, &s);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, LIST, 513),
			 H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, LIST + 8, 1),
			 H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, LIST + 0x800, 1),
			 H_PARAMETER);
	/* list page outside A's RAM */
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, FAKE_RAM_A_SIZE, 1),
			 H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, FAKE_RAM_B, 1),
			 H_PARAMETER);
	/* count 0 succeeds and changes nothing */
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0x10000, LIST, 0),
			 H_SUCCESS);
	snap_same(e, &s);
}

static void test_indirect_bad_entry_no_partial(void **state)
{
	struct fake_env *e = *state;
	u64 list[512];
	struct snap s;
	unsigned int i;

	seed(e);
	for (i = 0; i < 512; i++)
		list[i] = (0x400000 + i * PG) | RW;
	/* one bad entry, last in the list */
	list[511] = FAKE_RAM_A_SIZE | RW;
	guest_write_list(&e->a, LIST, list, 512);
	snap_take(e, &s);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, LIST, 512),
			 H_PARAMETER);
	snap_same(e, &s);
	/* reserved bits in the middle */
	list[511] = 0x1000 | RW;
	list[200] |= 0x100;
	guest_write_list(&e->a, LIST, list, 512);
	snap_take(e, &s);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0, LIST, 512),
			 H_PARAMETER);
	snap_same(e, &s);
}

static void test_indirect_writes_list(void **state)
{
	struct fake_env *e = *state;
	u64 list[512];
	unsigned int i;

	for (i = 0; i < 512; i++)
		list[i] = i % 3 ? (0x800000 + i * PG) | RW : 0;
	guest_write_list(&e->a, LIST, list, 512);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, 0x1000000, LIST, 512),
			 H_SUCCESS);
	for (i = 0; i < 512; i++)
		assert_int_equal(tce_at(e, 0x1000000 + i * PG), list[i]);
	assert_int_equal(tce_at(e, 0x1000000 + 512 * PG), 0);
	/* the list page is read, not the TCE table: changing it later does
	 * nothing */
	list[0] = 0x5000 | RW;
	guest_write_list(&e->a, LIST, list, 1);
	assert_int_equal(tce_at(e, 0x1000000), 0);
}

/* ---- MSI range ---- */

static void test_msi_range_refused(void **state)
{
	struct fake_env *e = *state;
	u64 list[2] = { 0x1000 | RW, 0x2000 | RW };
	struct snap s;
	u64 r4;

	seed(e);
	guest_write_list(&e->a, LIST, list, 2);
	snap_take(e, &s);
	assert_int_equal(h_put(&e->a, LIOBN_A, MSI, 0x1000 | RW), H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, MSI, 0), H_PARAMETER);
	assert_int_equal(h_put(&e->a, LIOBN_A, MSI + SZ_1M - PG, 0),
			 H_PARAMETER);
	assert_int_equal(h_indirect(&e->a, LIOBN_A, MSI - PG, LIST, 2),
			 H_PARAMETER);
	assert_int_equal(h_stuff(&e->a, LIOBN_A, MSI - PG, 0xabc000, 2),
			 H_PARAMETER);
	assert_int_equal(h_get(&e->a, LIOBN_A, MSI + 0x5000, &r4),
			 H_PARAMETER);
	assert_int_equal(r4, 0);
	snap_same(e, &s);
	/* just outside on both sides is fine */
	assert_int_equal(h_put(&e->a, LIOBN_A, MSI - PG, 0x1000 | RW), 0);
	assert_int_equal(h_put(&e->a, LIOBN_A, MSI + SZ_1M, 0x1000 | RW), 0);
	/* clearing may sweep over it */
	assert_int_equal(h_stuff(&e->a, LIOBN_A, MSI - PG, 0, 512), 0);
	assert_int_equal(tce_at(e, MSI - PG), 0);
}

static void test_msi_doorbell_mapped(void **state)
{
	struct fake_env *e = *state;
	phys_addr_t phys = 0;
	u32 liodn;

	for (liodn = 1; liodn <= 2; liodn++) {
		struct iommu *m = &e->mmu->mmu;

		assert_int_equal(m->ops->translate(m, liodn, MSI + 0x140,
						   IOMMU_WRITE, &phys), 0);
		assert_int_equal(phys, FAKE_DOORBELL + 0x140);
		/* write-only, and only the doorbell page */
		assert_int_equal(m->ops->translate(m, liodn, MSI + 0x140,
						   IOMMU_READ, &phys), -EFAULT);
		assert_int_equal(m->ops->translate(m, liodn, MSI + PG,
						   IOMMU_WRITE, &phys),
				 -EFAULT);
	}
	/* B has no MSI bank: its MSI slot stays disabled */
	assert_int_equal(sandbox_iommu_liodn(e->mmu, 7)->slot[MSI / (4 * SZ_1M)]
			 .prot, 0);
}

/* ---- borrowing ---- */

static void test_borrowing_finds_default(void **state)
{
	struct fake_env *e = *state;
	struct dma_window *w = &e->ga->win[DMA_WIN_DEFAULT];

	assert_ptr_equal(dma_find_window(e->ga, 0, 12, SZ_1G), w);
	assert_int_equal(w->liobn, LIOBN_A);
	assert_int_equal(w->bus_offset, 0);
	assert_int_equal(w->size, SZ_1G);
	assert_int_equal(w->page_shift, 12);
	assert_null(dma_find_window(e->ga, 0, 16, SZ_1G));
	assert_null(dma_find_window(e->ga, 0, 12, SZ_1G / 2));
	assert_null(dma_find_window(e->ga, SZ_1G, 12, SZ_1G));
}

/*
 * What a TCE call may change: every window's table, slot counts, slot
 * states and dirty range, and the committed IOMMU state.
 */
struct world {
	struct {
		u64 *tces;
		u32 *valid;
		struct dma_slot_state *slot;
		u64 dirty_lo, dirty_hi;
	} w[2][DMA_WINDOWS_PER_GROUP];
	struct sandbox_iommu_state iommu;
};

static struct dma_window *env_win(struct fake_env *e, unsigned int g,
				  unsigned int i)
{
	return &(g ? e->gb : e->ga)->win[i];
}

static void world_copy(struct fake_env *e, struct world *s, bool save)
{
	unsigned int g, i;

	for (g = 0; g < 2; g++)
		for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++) {
			struct dma_window *w = env_win(e, g, i);
			size_t nt = w->max_tces * 8;
			size_t nv = w->max_slots * sizeof(*w->slot_valid);
			size_t ns = w->max_slots * sizeof(*w->slot);

			if (!s->w[g][i].tces) {
				s->w[g][i].tces = malloc(nt);
				s->w[g][i].valid = malloc(nv);
				s->w[g][i].slot = malloc(ns);
			}
			if (save) {
				memcpy(s->w[g][i].tces, w->tces, nt);
				memcpy(s->w[g][i].valid, w->slot_valid, nv);
				memcpy(s->w[g][i].slot, w->slot, ns);
				s->w[g][i].dirty_lo = w->dirty_lo;
				s->w[g][i].dirty_hi = w->dirty_hi;
			} else {
				memcpy(w->tces, s->w[g][i].tces, nt);
				memcpy(w->slot_valid, s->w[g][i].valid, nv);
				memcpy(w->slot, s->w[g][i].slot, ns);
				w->dirty_lo = s->w[g][i].dirty_lo;
				w->dirty_hi = s->w[g][i].dirty_hi;
			}
		}
	if (save)
		s->iommu = e->mmu->committed;
	else
		e->mmu->committed = e->mmu->staged = s->iommu;
}

static void world_same(struct fake_env *e, const struct world *a,
		       const struct world *b)
{
	unsigned int g, i;

	for (g = 0; g < 2; g++)
		for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++) {
			const struct dma_window *w = env_win(e, g, i);

			assert_memory_equal(a->w[g][i].tces, b->w[g][i].tces,
					    w->max_tces * 8);
			assert_memory_equal(a->w[g][i].valid, b->w[g][i].valid,
					    w->max_slots *
						    sizeof(*w->slot_valid));
			assert_memory_equal(a->w[g][i].slot, b->w[g][i].slot,
					    w->max_slots * sizeof(*w->slot));
			assert_true(a->w[g][i].dirty_lo == b->w[g][i].dirty_lo);
			assert_true(a->w[g][i].dirty_hi == b->w[g][i].dirty_hi);
		}
	assert_memory_equal(&a->iommu, &b->iommu, sizeof(a->iommu));
}

static void world_free(struct world *s)
{
	unsigned int g, i;

	for (g = 0; g < 2; g++)
		for (i = 0; i < DMA_WINDOWS_PER_GROUP; i++) {
			free(s->w[g][i].tces);
			free(s->w[g][i].valid);
			free(s->w[g][i].slot);
		}
}

static struct world w_start, w_regs, w_u64;

/*
 * H_PUT_TCE (@tce) then H_GET_TCE of @p at @liobn, @ioba, each run twice
 * from the same state: through the register handler (hcall_call_regs(),
 * as from the guest's registers: the fast case when @p's last window
 * serves it) and through the u64 handler (hcall_call(), the full path).
 * Status, TCE and everything the call may change must be the same; the
 * u64 run's state stays. Return: the PUT's status.
 */
static long regs_vs_u64(struct fake_env *e, struct partition *p, u64 liobn,
			u64 ioba, u64 tce)
{
	static const u32 ops[] = { H_PUT_TCE, H_GET_TCE };
	static struct vcpu v;
	u64 in[HC_MAX_IN] = { liobn, ioba, tce };
	long sr, sa, put = 0;
	unsigned int i;

	v.part = p;
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		u64 or [HC_MAX_OUT] = { 0 }, oa[HC_MAX_OUT] = { 0 };
		u32 token = PAPR_EPAPR_TOKEN(ops[i]);

		world_copy(e, &w_start, true);
		sr = hcall_call_regs(&v, token, in, or);
		world_copy(e, &w_regs, true);
		world_copy(e, &w_start, false);
		sa = hcall_call(&v, token, in, oa);
		world_copy(e, &w_u64, true);
		assert_int_equal(sr, sa);
		assert_true(or [0] == oa[0]);
		world_same(e, &w_regs, &w_u64);
		if (ops[i] == H_PUT_TCE)
			put = sr;
		else if (put == H_SUCCESS)
			assert_true(or [0] == tce);
	}
	return put;
}

/* regs_vs_u64() of every IOBA of @iobas with every TCE of @tces by A,
 * and with the first TCE by B, right after A's hit on the same row. */
static void regs_rows(struct fake_env *e, u64 liobn, const u64 *iobas,
		      unsigned int ni, const u64 *tces, unsigned int nt)
{
	unsigned int j, k;

	for (j = 0; j < ni; j++)
		for (k = 0; k < nt; k++) {
			regs_vs_u64(e, &e->a, liobn, iobas[j], tces[k]);
			if (!k)
				regs_vs_u64(e, &e->b, liobn, iobas[j], tces[k]);
		}
}

/*
 * A guest's H_GET_TCE and H_PUT_TCE run their register handlers (struct
 * hcall_desc regs, reached through hcall_call_regs() as from the guest's
 * registers), hcall_call() the u64 ones: the same status, TCE, tables,
 * slot counts and states, dirty ranges and IOMMU state for every kind of
 * row, and every boundary of the register handlers' fast case (struct
 * tce_fast on the partition's last window): LIOBNs of both partitions,
 * none, 0, and the other partition's right after a hit; IOBAs aligned or
 * not, inside, outside, at and beyond the 4 GiB edge with the low word
 * inside the window (the high word must be seen), in and beside the MSI
 * range, the first TCE of a slot and beside it, in a slot whose first
 * TCE is valid (its state may change: no fast case); TCEs valid, outside
 * RAM, with reserved bits or a high word, poison; the cached window
 * removed (DDW remove), replaced by the dynamic one (a window above
 * 4 GiB), that one re-created at another size under the same LIOBN, the
 * default restored, and its group destroyed.
 */
static void test_regs_path_same(void **state)
{
	static const u64 liobns[] = { LIOBN_A, LIOBN_B, 0x12345678, 0,
				      LIOBN_A + 1 };
	static const u64 iobas[] = { 0,
				     PG,
				     0x10000,
				     0x10800,
				     0x10004,
				     SZ_1G - PG,
				     SZ_1G,
				     4 * SZ_1M,
				     4 * SZ_1M + PG,
				     1ULL << 32,
				     (1ULL << 32) | 0x10000,
				     (1ULL << 32) - PG,
				     ~0xfffULL,
				     MSI,
				     MSI + SZ_1M - PG,
				     MSI - PG,
				     MSI + SZ_1M,
				     MSI + 4 * SZ_1M };
	static const u64 tces[] = { 0x5000 | RW,    0x7000 | TCE_READ,
				    0x5800 | RW,    1ULL << 40 | RW,
				    0xdead0000ULL,  0,
				    0x1fff000 | RW, 1ULL << 32 | 0x4000 };
	/* the dynamic windows: 4 GiB of 16 MiB pages, then 1 MiB of 4 KiB
	 * pages, both at DMA_DDW_BUS_BASE (above 4 GiB) */
	static const u64 d_iobas[] = {
		DMA_DDW_BUS_BASE,
		DMA_DDW_BUS_BASE + SZ_16M,
		DMA_DDW_BUS_BASE + PG,
		DMA_DDW_BUS_BASE + 0xff000000ULL,
		DMA_DDW_BUS_BASE + (1ULL << 32),
		DMA_DDW_BUS_BASE - SZ_16M,
		DMA_DDW_BUS_BASE - PG,
		(u32)DMA_DDW_BUS_BASE | SZ_16M,
		DMA_DDW_BUS_BASE + SZ_1M - PG,
		DMA_DDW_BUS_BASE + SZ_1M,
	};
	static const u64 d_tces[] = { SZ_16M | RW, 0x5000 | RW, 0,
				      1ULL << 40 | RW, 0x2000000 | TCE_READ };
	struct fake_env *e = *state;
	u64 oa[HC_MAX_OUT], start;
	unsigned int i;
	u32 dyn;

	seed(e);
	/* the high IOBA word alone puts the page outside the window */
	assert_int_equal(h_put(&e->a, LIOBN_A, 1ULL << 32 | 0x10000, 0),
			 H_PARAMETER);
	assert_int_equal(h_get(&e->a, LIOBN_A, 1ULL << 32 | 0x10000, &oa[0]),
			 H_PARAMETER);
	regs_rows(e, LIOBN_A, iobas, ARRAY_SIZE(iobas), tces, ARRAY_SIZE(tces));
	for (i = 1; i < ARRAY_SIZE(liobns); i++)
		regs_rows(e, liobns[i], iobas, 4, tces, 2);
	assert_ptr_equal(e->a.tce_hit, &e->ga->win[DMA_WIN_DEFAULT]);

	/* slot 1 (4 MiB) mapped by a run from its first TCE, then changed
	 * beside it: the slot's state changes, never the fast case's */
	regs_vs_u64(e, &e->a, LIOBN_A, 4 * SZ_1M, 0x5000 | RW);
	regs_vs_u64(e, &e->a, LIOBN_A, 4 * SZ_1M + PG, 0x6000 | RW);
	regs_vs_u64(e, &e->a, LIOBN_A, 4 * SZ_1M + PG, 0);
	regs_vs_u64(e, &e->a, LIOBN_A, 4 * SZ_1M, 0);

	/* the cached window removed, then the dynamic one in its place */
	assert_int_equal(ddw_remove(&e->a, LIOBN_A), 0);
	regs_rows(e, LIOBN_A, iobas, 4, tces, 2);
	/* LIOBN 0, IOBA 0 against the closed window still in the cache */
	regs_rows(e, 0, iobas, 2, tces, 2);
	assert_int_equal(ddw_create(&e->a, FAKE_BUID_A, 24, 32, &dyn, &start),
			 0);
	regs_rows(e, LIOBN_A, iobas, 4, tces, 2);
	regs_rows(e, dyn, d_iobas, ARRAY_SIZE(d_iobas), d_tces,
		  ARRAY_SIZE(d_tces));
	assert_ptr_equal(e->a.tce_hit, &e->ga->win[DMA_WIN_DYNAMIC]);

	/* re-created at another size: the same LIOBN, 1 MiB of 4 KiB pages */
	assert_int_equal(ddw_remove(&e->a, dyn), 0);
	regs_rows(e, dyn, d_iobas, 4, d_tces, 2);
	regs_rows(e, LIOBN_A, iobas, 4, tces, 2);
	assert_int_equal(ddw_remove(&e->a, LIOBN_A), 0);
	assert_int_equal(ddw_create(&e->a, FAKE_BUID_A, 12, 20, &dyn, &start),
			 0);
	regs_rows(e, dyn, d_iobas, ARRAY_SIZE(d_iobas), d_tces,
		  ARRAY_SIZE(d_tces));

	/* the default window restored */
	assert_int_equal(ddw_reset(&e->a, FAKE_BUID_A), 0);
	regs_rows(e, LIOBN_A, iobas, ARRAY_SIZE(iobas), tces, 3);

	world_free(&w_start);
	world_free(&w_regs);
	world_free(&w_u64);
	memset(&w_start, 0, sizeof(w_start));
	memset(&w_regs, 0, sizeof(w_regs));
	memset(&w_u64, 0, sizeof(w_u64));
}

/*
 * The register handlers' cached window is the caller's only: B right
 * after A's hit on A's LIOBN is refused and changes nothing, and B's
 * cache never names A's window; destroying A's group forgets A's cache.
 */
static void test_regs_cache_own_partition(void **state)
{
	struct fake_env *e = *state;
	static struct vcpu va, vb;
	u64 in[HC_MAX_IN] = { LIOBN_A, 0x10000, 0x5000 | RW };
	u64 out[HC_MAX_OUT] = { 0 };
	struct snap s;

	va.part = &e->a;
	vb.part = &e->b;
	seed(e);
	assert_int_equal(hcall_call_regs(&va, PAPR_EPAPR_TOKEN(H_GET_TCE), in,
					 out),
			 H_SUCCESS);
	assert_ptr_equal(e->a.tce_hit, &e->ga->win[DMA_WIN_DEFAULT]);
	snap_take(e, &s);
	in[2] = 0x6000 | RW;
	assert_int_equal(hcall_call_regs(&vb, PAPR_EPAPR_TOKEN(H_PUT_TCE), in,
					 out),
			 H_PARAMETER);
	assert_int_equal(hcall_call_regs(&vb, PAPR_EPAPR_TOKEN(H_GET_TCE), in,
					 out),
			 H_PARAMETER);
	assert_true(out[0] == 0);
	snap_same(e, &s);
	assert_true(e->b.tce_hit != &e->ga->win[DMA_WIN_DEFAULT] &&
		    e->b.tce_hit != &e->ga->win[DMA_WIN_DYNAMIC]);
	/* B's own window in its cache, then A's LIOBN again */
	in[0] = LIOBN_B;
	in[1] = 0x20000;
	assert_int_equal(hcall_call_regs(&vb, PAPR_EPAPR_TOKEN(H_GET_TCE), in,
					 out),
			 H_SUCCESS);
	assert_ptr_equal(e->b.tce_hit, &e->gb->win[DMA_WIN_DEFAULT]);
	in[0] = LIOBN_A;
	in[1] = 0x10000;
	snap_take(e, &s);
	assert_int_equal(hcall_call_regs(&vb, PAPR_EPAPR_TOKEN(H_PUT_TCE), in,
					 out),
			 H_PARAMETER);
	snap_same(e, &s);
	dma_group_destroy(e->ga);
	e->ga = NULL;
	assert_null(e->a.tce_hit);
	assert_int_equal(hcall_call_regs(&va, PAPR_EPAPR_TOKEN(H_GET_TCE), in,
					 out),
			 H_PARAMETER);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_env_setup, \
					     fake_env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_liobn_unknown),
		T(test_liobn_other_partition),
		T(test_indirect_mtt_liobn),
		T(test_unknown_opcode),
		T(test_ioba_unaligned),
		T(test_ioba_outside),
		T(test_range_crosses_end),
		T(test_tce_reserved_bits),
		T(test_tce_outside_ram),
		T(test_tce_poison_stored),
		T(test_get_returns_put),
		T(test_stuff_limits),
		T(test_stuff_clears_range),
		T(test_stuff_clear_paths),
		T(test_linux_boot_clear),
		T(test_indirect_limits),
		T(test_indirect_bad_entry_no_partial),
		T(test_indirect_writes_list),
		T(test_msi_range_refused),
		T(test_msi_doorbell_mapped),
		T(test_borrowing_finds_default),
		T(test_regs_path_same),
		T(test_regs_cache_own_partition),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
