// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Random PUT/STUFF/INDIRECT/remove sequences against a simple reference
 * model. After every step the TCE table (through H_GET_TCE) equals the
 * model and the IOMMU model agrees:
 *  - exact DDW (16 MiB pages, one TCE per slot): every IOVA translates to
 *    exactly the real address of its TCE's page with its permissions;
 *  - default window (4 KiB pages, 1024 TCEs per slot): the device never
 *    reaches a byte no TCE grants, and a fully mapped aligned slot works.
 * Backend failures are injected at random: a failed call changes nothing.
 * Each test runs twice: on the sandbox backend, and with the PAMU behind
 * it (sandbox_iommu_shadow()), where the translations come from the software PAMU model walking
 * the PAACT/SPAACT weir programmed (issue [tce]: "for every mapped TCE of
 * an exact window, the PAMU model's translation equals the real address
 * of its page").
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "helpers/dma_env.h"

#define LIOBN_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DEFAULT)
#define DDW_A	DMA_LIOBN(FAKE_GROUP_A, DMA_WIN_DYNAMIC)
#define RW	(TCE_READ | TCE_WRITE)
#define LIST	0x3000000ULL

static u64 rng_state = 0x9e3779b97f4a7c15ULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static u64 below(u64 n)
{
	return rnd() % n;
}

/* One window under test and its model. */
struct win_model {
	u64 liobn, base;
	unsigned int shift;	/* page shift */
	u64 nr;			/* TCEs */
	u64 model[4096 + 1024]; /* TCEs from the window start */
	u64 span;		/* TCEs the sequence touches */
};

/* Independent validity rule (doc/tce.md): no reserved bits, R/W pages in
 * RAM. */
static bool tce_ok(const struct win_model *m, u64 tce)
{
	u64 page = 1ULL << m->shift;
	u64 gpa = tce & ~(page - 1);

	if (tce & (page - 1) & ~TCE_PERM_MASK)
		return false;
	return !(tce & RW) ||
	       (gpa < FAKE_RAM_A_SIZE && FAKE_RAM_A_SIZE - gpa >= page);
}

/* A random TCE: mostly valid, sometimes out of RAM or with reserved bits;
 * runs of contiguous pages come from 'next'. */
static u64 random_tce(const struct win_model *m, u64 *next)
{
	u64 page = 1ULL << m->shift;
	u64 pages = FAKE_RAM_A_SIZE >> m->shift;
	u64 r = below(100), perm = 1 + below(3);

	if (r < 10)
		return 0;
	if (r < 14)
		return (pages + below(8)) << m->shift | perm;
	if (r < 17)
		return (below(pages) << m->shift) | 0x4 | perm;
	if (r < 60) {
		*next += page;
		return ((*next % FAKE_RAM_A_SIZE) & ~(page - 1)) | RW;
	}
	return (below(pages) << m->shift) | perm;
}

/* Apply one random op and update the model. */
static void step(struct fake_env *e, struct win_model *m, u64 *next)
{
	u64 idx = below(m->span + 2), n, i, tce;
	u64 ioba = m->base + (idx << m->shift);
	u64 list[512];
	bool ok, fail = below(10) == 0;
	long rc, want;

	e->mmu->fail_commit = fail ? -EIO : 0;
	switch (below(3)) {
	case 0:
		tce = random_tce(m, next);
		ok = idx < m->nr && tce_ok(m, tce);
		rc = h_put(&e->a, m->liobn, ioba, tce);
		want = ok ? H_SUCCESS : H_PARAMETER;
		if (ok && rc == H_SUCCESS)
			m->model[idx] = tce;
		break;
	case 1:
		n = below(8) ? below(64) : below(600);
		tce = below(8) ? 0 : random_tce(m, next);
		if (idx >= m->nr)
			want = H_PARAMETER;
		else if (n > 512)
			want = H_P4;
		else if (n > m->nr - idx || (tce & RW) || !tce_ok(m, tce))
			want = H_PARAMETER;
		else
			want = H_SUCCESS;
		rc = h_stuff(&e->a, m->liobn, ioba, tce, n);
		if (want == H_SUCCESS && rc == H_SUCCESS)
			for (i = 0; i < n; i++)
				m->model[idx + i] = tce;
		break;
	default:
		n = below(8) ? below(64) : below(520);
		ok = n <= 512 && idx < m->nr && n <= m->nr - idx;
		for (i = 0; i < n && i < 512; i++) {
			list[i] = random_tce(m, next);
			if (below(4))
				list[i] = tce_ok(m, list[i]) ? list[i] : 0;
			ok = ok && tce_ok(m, list[i]);
		}
		guest_write_list(&e->a, LIST, list, n < 512 ? n : 512);
		rc = h_indirect(&e->a, m->liobn, ioba, LIST, n);
		want = ok ? H_SUCCESS : H_PARAMETER;
		if (ok && rc == H_SUCCESS)
			for (i = 0; i < n; i++)
				m->model[idx + i] = list[i];
		break;
	}
	e->mmu->fail_commit = 0;
	/* a backend failure may replace success, nothing else */
	if (rc == H_HARDWARE && fail && want == H_SUCCESS)
		return;
	assert_int_equal(rc, want);
}

static void check_table(struct fake_env *e, const struct win_model *m)
{
	u64 i, r4;

	for (i = 0; i < m->span; i++) {
		assert_int_equal(h_get(&e->a, m->liobn,
				       m->base + (i << m->shift), &r4), 0);
		assert_int_equal(r4, m->model[i]);
	}
}

static unsigned int tce_access(u64 tce)
{
	return (tce & TCE_READ ? IOMMU_READ : 0) |
	       (tce & TCE_WRITE ? IOMMU_WRITE : 0);
}

/* Exact window: translation == model for every page, both LIODNs. */
static void check_exact(struct fake_env *e, const struct win_model *m)
{
	struct iommu *mmu = &e->mmu->mmu;
	u64 i, off, page = 1ULL << m->shift;
	unsigned int acc, liodn;
	phys_addr_t phys;

	for (i = 0; i < m->nr; i++) {
		off = below(page) & ~7ULL;
		for (liodn = 1; liodn <= 2; liodn++) {
			for (acc = IOMMU_READ; acc <= IOMMU_WRITE; acc <<= 1) {
				int rc = mmu->ops->translate(mmu, liodn,
					m->base + (i << m->shift) + off, acc,
					&phys);

				if (!(tce_access(m->model[i]) & acc)) {
					assert_int_equal(rc, -EFAULT);
					continue;
				}
				assert_int_equal(rc, 0);
				assert_int_equal(phys, FAKE_RAM_A +
						 (m->model[i] & ~(page - 1)) +
						 off);
			}
		}
	}
}

/* Bounded default window: whatever a slot maps, the TCEs grant. */
static void check_safe(struct fake_env *e, const struct win_model *m)
{
	const struct sandbox_iommu_liodn *l = sandbox_iommu_liodn(e->mmu, 1);
	u64 slot = l->size / l->subwindows, per = slot >> m->shift;
	u64 s, p;

	for (s = 0; s * per < m->span; s++) {
		const struct sandbox_iommu_slot *sl = &l->slot[s];
		bool full = true;

		for (p = 0; p < sl->size >> m->shift && sl->prot; p++) {
			u64 t = m->model[s * per + p];

			assert_int_equal(tce_access(t) & sl->prot, sl->prot);
			assert_int_equal(FAKE_RAM_A + (t & ~0xfffULL),
					 sl->phys + (p << m->shift));
		}
		/* liveness: a whole slot of one aligned run is mapped */
		for (p = 0; p < per && full; p++)
			full = m->model[s * per + p] ==
			       (((m->model[s * per] & ~0xfffULL) +
				 (p << m->shift)) | RW);
		if (full && !(((m->model[s * per] & ~0xfffULL) + FAKE_RAM_A) &
			      (slot - 1)))
			assert_int_equal(sl->size, slot);
	}
}

static void test_random_exact_ddw(void **state)
{
	struct fake_env *e = *state;
	static struct win_model m;
	u32 liobn = LIOBN_A, ret, rets[4];
	u32 args[5] = { 0, (u32)(FAKE_BUID_A >> 32), (u32)FAKE_BUID_A, 24,
			32 };
	u64 next = 0;
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.liobn = DDW_A;
	m.base = DMA_DDW_BUS_BASE;
	m.shift = 24;
	m.nr = m.span = 256;
	assert_int_equal(papr_rtas_call(&e->a, PAPR_RTAS_REMOVE_PE_DMA_WINDOW,
					&liobn, 1, &ret, 1), 0);
	for (i = 0; i < 3000; i++) {
		if (i % 500 == 0) {
			/* remove (restores the default), then again */
			if (i) {
				liobn = DDW_A;
				assert_int_equal(papr_rtas_call(&e->a,
					PAPR_RTAS_REMOVE_PE_DMA_WINDOW, &liobn,
					1, &ret, 1), 0);
				liobn = LIOBN_A;
				assert_int_equal(papr_rtas_call(&e->a,
					PAPR_RTAS_REMOVE_PE_DMA_WINDOW, &liobn,
					1, &ret, 1), 0);
			}
			assert_int_equal(papr_rtas_call(&e->a,
				PAPR_RTAS_CREATE_PE_DMA_WINDOW, args, 5, rets,
				4), 0);
			memset(m.model, 0, sizeof(m.model));
		}
		step(e, &m, &next);
		check_table(e, &m);
		check_exact(e, &m);
	}
}

/* Map slot @s of the default window with one 4 MiB-aligned run (two
 * INDIRECT(512)), as Linux's large pool would for a 4 MiB buffer. */
static void map_full_slot(struct fake_env *e, struct win_model *m,
			  unsigned int s)
{
	const struct sandbox_iommu_liodn *l = sandbox_iommu_liodn(e->mmu, 1);
	u64 gpa = below(FAKE_RAM_A_SIZE / (4 * SZ_1M)) * 4 * SZ_1M;
	u64 list[512], h, i, idx;

	for (h = 0; h < 2; h++) {
		idx = s * 1024 + h * 512;
		for (i = 0; i < 512; i++)
			list[i] = (gpa + ((h * 512 + i) << 12)) | RW;
		guest_write_list(&e->a, LIST, list, 512);
		assert_int_equal(h_indirect(&e->a, m->liobn, idx << 12, LIST,
					    512), H_SUCCESS);
		memcpy(&m->model[idx], list, sizeof(list));
	}
	assert_int_equal(l->slot[s].size, 4 * SZ_1M);
	assert_int_equal(l->slot[s].phys, FAKE_RAM_A + gpa);
}

static void test_random_default_window(void **state)
{
	struct fake_env *e = *state;
	static struct win_model m;
	u64 next = 0;
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.liobn = LIOBN_A;
	m.base = 0;
	m.shift = 12;
	m.nr = SZ_1G >> 12;
	m.span = 4096 - 2;	/* first 4 slots, plus a little beyond */
	for (i = 0; i < 3000; i++) {
		if (i % 50 == 0)
			map_full_slot(e, &m, (unsigned int)below(4));
		else
			step(e, &m, &next);
		if (i % 10 == 0)
			check_table(e, &m);
		check_safe(e, &m);
	}
	check_table(e, &m);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fake_env_setup, \
					     fake_env_teardown)

#define T_PAMU(f) cmocka_unit_test_setup_teardown(f, fake_env_setup_pamu, \
						  fake_env_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_random_exact_ddw),
		T(test_random_default_window),
		/* again with the real PAMU tables behind the sandbox: translate()
		 * is the software PAMU model walking PAACT/SPAACT */
		T_PAMU(test_random_exact_ddw),
		T_PAMU(test_random_default_window),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
