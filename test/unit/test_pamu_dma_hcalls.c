// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DMA hcalls end to end through hcall_dispatch() on the real PAMU
 * backend: PAPR TCE hcalls with 32-bit register pairs and H_RTAS, the
 * emulated DMA engine copying through PAMU entries written by H_PUT_TCE,
 * a fault reaching only the owner's error queue and disabling its DMA
 * (V=0), FH_DMA_ENABLE/DISABLE, FH_ERR_GET_INFO and its refusals, and
 * a fully mapped 256-page DDW re-enabled after FH_DMA_DISABLE and after
 * an access violation (one transaction of 257 staged PAMU operations).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <asm/io.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include <weir/console_mux.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/epapr.h>
#include <weir/errq.h>
#include <weir/hcall.h>
#include <weir/msi.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>
#include "../../drivers/iommu/pamu/pamu.h"
#include "helpers/capture.h"
#include "helpers/fake_hv.h"

#define RAM_SIZE	(16 * SZ_1M)
#define ENG_A		0	/* group indices */
#define ENG_B		1
#define LIODN_A		5
#define LIODN_B		6
#define LIOBN_A		DMA_LIOBN(ENG_A, DMA_WIN_DEFAULT)
#define LIOBN_B		DMA_LIOBN(ENG_B, DMA_WIN_DEFAULT)
#define H_A		DMA_HANDLE(ENG_A)
#define H_B		DMA_HANDLE(ENG_B)
#define RW		(TCE_READ | TCE_WRITE)
#define BUF		0x200000ULL	/* guest-physical scratch page */
#define DDW_A		DMA_LIOBN(ENG_A, DMA_WIN_DYNAMIC)
#define DDW_PAGES	256		/* 4 KiB pages = PAMU subwindows */
#define DDW_GPA		0x400000ULL	/* guest RAM behind the DDW */
#define DDW_LIST	0x300000ULL	/* the INDIRECT list */

/* part and pic: partition.c's and the vpic unit's (test_partitions_create()) */
struct env {
	struct iommu *mmu;
	struct partition *part;
	struct vpic *pic;
	struct dma_group *g[2];
};

static struct env *e;

static int setup(void **state)
{
	struct iommu_config pc = { .max_liodn = 15, .spaace_entries = 1024,
				  .max_subwindows = 256 };
	static const char *const names[] = { "p1", "p2" };
	unsigned int i;

	e = calloc(1, sizeof(*e));
	fake_hv_clear();
	console_mux_reset();
	assert_int_equal(pamu_create(&pc, &e->mmu), 0);
	e->part = test_partitions_create(2, names, 2u);	/* p2 manages */
	e->pic = e->part[0].pic;
	for (i = 0; i < 2; i++) {
		struct partition *p = &e->part[i];
		struct dma_group_config c;

		p->ram_phys = 0x10000000ULL * (i + 1);
		p->ram_size = RAM_SIZE;
		p->ram_host = calloc(1, RAM_SIZE);

		dma_group_config_init(&c);
		c.index = i;
		c.buid = 0x800000000ULL + i;
		c.liodns[0] = i ? LIODN_B : LIODN_A;
		c.nr_liodns = 1;
		c.default_size = 256 * SZ_1M;	/* 65536 TCEs: bounded */
		assert_int_equal(dma_group_create(&c, p, e->mmu, &e->g[i]), 0);
		snprintf(e->g[i]->path, sizeof(e->g[i]->path), "/dma-engine@%u",
			 c.liodns[0]);
		assert_int_equal(dma_engine_add(e->g[i]), 0);
	}
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		dma_group_destroy(e->g[i]);
		free(e->part[i].ram_host);
	}
	errq_reset(errq_global());
	msi_reset_all();
	pamu_destroy(e->mmu);
	free(e);
	return 0;
}

static struct vcpu *vc(unsigned int id)
{
	return e->part[id - 1].vcpu[0];
}

static u8 *ram(unsigned int id, u64 gpa)
{
	return (u8 *)e->part[id - 1].ram_host + gpa;
}

/* hcall with r3.. = args; returns r3. */
static u32 hc(struct vcpu *v, u32 token, unsigned int n, const u32 *args)
{
	unsigned int i;

	memset(v->regs.gpr, 0, sizeof(v->regs.gpr));
	for (i = 0; i < n; i++)
		v->regs.gpr[3 + i] = args[i];
	v->regs.gpr[11] = token;
	hcall_dispatch(v);
	return v->regs.gpr[3];
}

#define HC(v, tok, ...) hc((v), (tok), sizeof((u32[]){ __VA_ARGS__ }) / 4, \
			   (u32[]){ __VA_ARGS__ })
#define PAPR(op)	PAPR_EPAPR_TOKEN(op)
#define FSLT(n)		EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, n)
#define WEIRT(n)	EV_HCALL_TOKEN(WEIR_VENDOR_ID, n)
#define HI(x)		((u32)((u64)(x) >> 32))
#define LO(x)		((u32)(x))

static s32 put_tce(unsigned int id, u32 liobn, u64 ioba, u64 tce)
{
	return (s32)HC(vc(id), PAPR(H_PUT_TCE), liobn, HI(ioba), LO(ioba),
		       HI(tce), LO(tce));
}

static u32 copy(unsigned int id, u32 handle, u64 src, u64 dst, u32 len)
{
	return HC(vc(id), WEIRT(WEIR_HC_DMA_COPY), handle, HI(src), LO(src),
		  HI(dst), LO(dst), len);
}

/* The primary PAACE of @liodn has V=1. */
static bool paace_valid(u32 liodn)
{
	struct paace_fields f;

	paace_decode(pamu_tables(e->mmu)->paact + liodn * PAACE_WORDS, &f);
	return f.v;
}

/*
 * Group A trades its default window for a DDW of DDW_PAGES 4 KiB pages
 * (exact: one PAMU subwindow per page) and maps every page, TCE i ->
 * DDW_GPA + i pages read/write, with one H_PUT_TCE_INDIRECT.
 */
static void ddw_full(void)
{
	u32 liobn = LIOBN_A, st, rets[4];
	u32 args[5] = { 0, HI(0x800000000ULL), LO(0x800000000ULL), 12, 20 };
	u64 *list = (u64 *)ram(1, DDW_LIST);
	unsigned int i;

	assert_int_equal(papr_rtas_call(&e->part[0],
					PAPR_RTAS_REMOVE_PE_DMA_WINDOW, &liobn,
					1, &st, 1), RTAS_SUCCESS);
	assert_int_equal(papr_rtas_call(&e->part[0],
					PAPR_RTAS_CREATE_PE_DMA_WINDOW, args,
					5, rets, 4), RTAS_SUCCESS);
	assert_int_equal(rets[1], DDW_A);
	for (i = 0; i < DDW_PAGES; i++)
		list[i] = cpu_to_be64((DDW_GPA + i * SZ_4K) | RW);
	assert_int_equal((s32)HC(vc(1), PAPR(H_PUT_TCE_INDIRECT), DDW_A,
				 HI(DMA_DDW_BUS_BASE), LO(DMA_DDW_BUS_BASE),
				 0, DDW_LIST, DDW_PAGES), H_SUCCESS);
}

/*
 * LIODN_A's primary PAACE and its DDW_PAGES - 1 SPAACEs are valid, and
 * the model translates every page of the DDW to its TCE's real page.
 */
static void assert_ddw_mapped(void)
{
	const struct pamu_tables *t = pamu_tables(e->mmu);
	struct paace_fields f, sf;
	phys_addr_t phys;
	unsigned int i;
	u64 iova;

	paace_decode(t->paact + LIODN_A * PAACE_WORDS, &f);
	assert_true(f.v);
	assert_true(f.mw);
	assert_int_equal(pamu_wce_to_count(f.wce), DDW_PAGES);
	for (i = 1; i < DDW_PAGES; i++) {
		paace_decode(t->spaact + (size_t)(f.fspi + i - 1) * PAACE_WORDS,
			     &sf);
		assert_true(sf.v);
		assert_int_equal(sf.liodn, LIODN_A);
	}
	for (i = 0; i < DDW_PAGES; i++) {
		iova = DMA_DDW_BUS_BASE + i * SZ_4K + 8;
		assert_int_equal(pamu_model_translate(e->mmu, LIODN_A, iova,
						      IOMMU_WRITE, &phys, NULL),
				 0);
		assert_true(phys == e->part[0].ram_phys + DDW_GPA +
				    i * SZ_4K + 8);
	}
}

/* The engine copies from the DDW's first page to its last. */
static void assert_ddw_copies(void)
{
	u64 last = DMA_DDW_BUS_BASE + (DDW_PAGES - 1) * SZ_4K;

	memset(ram(1, DDW_GPA), 0x5a, 0x100);
	memset(ram(1, DDW_GPA + (DDW_PAGES - 1) * SZ_4K), 0, 0x100);
	assert_int_equal(copy(1, H_A, DMA_DDW_BUS_BASE, last, 0x100),
			 EV_SUCCESS);
	assert_int_equal(ram(1, DDW_GPA + (DDW_PAGES - 1) * SZ_4K)[0xff],
			 0x5a);
}

static void test_tce_pairs_and_get(void **state)
{
	u64 tce = 0x123000ULL | RW;

	assert_int_equal(put_tce(1, LIOBN_A, 0x5000, tce), H_SUCCESS);
	assert_int_equal((s32)HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 0, 0x5000),
			 H_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[4], 0);
	assert_int_equal(vc(1)->regs.gpr[5], (u32)tce);
	/* the high word of the IOBA counts: 1 << 32 is outside 256 MiB */
	assert_int_equal(put_tce(1, LIOBN_A, 0x100005000ULL, tce), H_PARAMETER);
	assert_int_equal((s32)HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 1, 0x5000),
			 H_PARAMETER);
	assert_int_equal(vc(1)->regs.gpr[4], 0);
	assert_int_equal(vc(1)->regs.gpr[5], 0);
	/* a TCE above 4 GiB (high word) is not partition 1's RAM */
	assert_int_equal(put_tce(1, LIOBN_A, 0x6000, 0x100000000ULL | RW),
			 H_PARAMETER);
	/* partition 2 may not touch partition 1's LIOBN */
	assert_int_equal(put_tce(2, LIOBN_A, 0x6000, 0x1000 | RW), H_PARAMETER);
	HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 0, 0x6000);
	assert_int_equal(vc(1)->regs.gpr[5], 0);
}

static void test_stuff_and_indirect_counts(void **state)
{
	u32 *list = (u32 *)ram(1, 0x300000);
	unsigned int i;

	for (i = 0; i < 4; i++) {
		list[2 * i] = cpu_to_be32(0);
		list[2 * i + 1] = cpu_to_be32((0x400000 + i * 0x1000) | RW);
	}
	/* INDIRECT: r4:r5 IOBA, r6:r7 list, r8 count */
	assert_int_equal((s32)HC(vc(1), PAPR(H_PUT_TCE_INDIRECT), LIOBN_A, 0,
				 0x10000, 0, 0x300000, 4), H_SUCCESS);
	HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 0, 0x13000);
	assert_int_equal(vc(1)->regs.gpr[5], 0x403000 | RW);
	/* STUFF: r8 count; > 512 is H_P4 */
	assert_int_equal((s32)HC(vc(1), PAPR(H_STUFF_TCE), LIOBN_A, 0, 0x10000,
				 0, 0, 513), H_P4);
	HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 0, 0x10000);
	assert_int_equal(vc(1)->regs.gpr[5], 0x400000 | RW);
	assert_int_equal((s32)HC(vc(1), PAPR(H_STUFF_TCE), LIOBN_A, 0, 0x10000,
				 0, 0, 4), H_SUCCESS);
	HC(vc(1), PAPR(H_GET_TCE), LIOBN_A, 0, 0x13000);
	assert_int_equal(vc(1)->regs.gpr[5], 0);
}

static void test_engine_copies_through_pamu(void **state)
{
	/* IOVA 0x1000 -> gpa 0x100000 (read), 0x2000 -> gpa 0x101000 (write);
	 * 256 MiB / 4 KiB exceeds 256 slots, so each slot is 1 MiB and maps
	 * only a contiguous run from its start: use one slot per buffer */
	memset(ram(1, 0x100000), 0xab, 0x1000);
	assert_int_equal(put_tce(1, LIOBN_A, 0x000000, 0x100000 | TCE_READ),
			 H_SUCCESS);
	assert_int_equal(put_tce(1, LIOBN_A, 0x100000, 0x101000 | TCE_WRITE),
			 H_SUCCESS);
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0x1000), EV_SUCCESS);
	assert_int_equal(ram(1, 0x101000)[0], 0xab);
	assert_int_equal(ram(1, 0x101000)[0xfff], 0xab);
	assert_int_equal(e->part[0].errq.count, 0);
}

static void test_fault_reaches_owner_only(void **state)
{
	struct errq before_b = e->part[1].errq;
	u8 *dst = ram(1, 0x101000);

	assert_int_equal(put_tce(1, LIOBN_A, 0x000000, 0x100000 | TCE_READ),
			 H_SUCCESS);
	assert_int_equal(put_tce(1, LIOBN_A, 0x100000, 0x101000 | TCE_WRITE),
			 H_SUCCESS);
	memset(ram(1, 0x100000), 0x11, 0x2000);
	memset(dst, 0x22, 0x1000);
	/* the destination runs one page past the mapped one: nothing copied */
	assert_int_equal(copy(1, H_A, 0x0, 0x100800, 0x1000), EV_EFAULT);
	assert_int_equal(dst[0x800], 0x22);
	assert_int_equal(e->part[0].errq.count, 1);
	assert_int_equal(e->part[0].errq.rec[0].liodn, LIODN_A);
	assert_int_equal(e->part[0].errq.rec[0].addr, 0x101000);
	assert_int_equal(e->part[0].errq.rec[0].flags, HV_ERROR_WRITE);
	assert_int_equal(e->part[0].errq.rec[0].dma_handle, H_A);
	assert_memory_equal(&e->part[1].errq, &before_b, sizeof(before_b));
	assert_int_equal(errq_global()->count, 1);
	/* policy: the engine's LIODN is now invalid, even for good copies */
	assert_false(paace_valid(LIODN_A));
	assert_true(paace_valid(LIODN_B));
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0x100), EV_EFAULT);
	assert_int_equal(dst[0], 0x22);
	/* the TCE table survived; FH_DMA_ENABLE brings the mapping back */
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_true(paace_valid(LIODN_A));
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0x100), EV_SUCCESS);
	assert_int_equal(dst[0], 0x11);
}

static void test_dma_enable_disable(void **state)
{
	assert_int_equal(put_tce(1, LIOBN_A, 0x0, 0x100000 | RW), H_SUCCESS);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_DISABLE), H_A), EV_SUCCESS);
	assert_false(paace_valid(LIODN_A));
	/* TCE changes while disabled are kept but not let through */
	assert_int_equal(put_tce(1, LIOBN_A, 0x100000, 0x101000 | RW),
			 H_SUCCESS);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0x10), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0x10), EV_SUCCESS);
	/* another partition's handle, or none: EV_EINVAL, nothing changes */
	assert_int_equal(HC(vc(2), FSLT(FH_DMA_DISABLE), H_A), EV_EINVAL);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_DISABLE), 0x1ff), EV_EINVAL);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_DISABLE), 0), EV_EINVAL);
	assert_true(paace_valid(LIODN_A));
	/* nor may it use the other partition's engine */
	assert_int_equal(copy(2, H_A, 0x0, 0x100000, 0x10), EV_EINVAL);
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, 0), EV_EINVAL);
	assert_int_equal(copy(1, H_A, 0x0, 0x100000, DMA_ENGINE_MAX_LEN + 1),
			 EV_EINVAL);
	assert_int_equal(e->part[0].errq.count, 1);	/* the one fault */
}

static void test_err_get_info(void **state)
{
	u8 *buf = ram(1, BUF), rec[ERRQ_RECORD_SIZE];
	u32 v;
	u64 a;

	assert_int_equal(copy(1, H_A, 0x7000000, 0x0, 0x10), EV_EFAULT);
	assert_int_equal(e->part[0].errq.count, 1);
	memset(buf, 0x5a, ERRQ_RECORD_SIZE);
	memcpy(rec, buf, sizeof(rec));
	/* refusals leave the queue and the buffer alone */
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), 7, 128, 0, BUF, 0),
			 EV_EINVAL);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GLOBAL,
			    128, 0, BUF, 0), EV_EPERM);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    127, 0, BUF, 0), EV_EINVAL);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    128, 0, RAM_SIZE - 64, 0), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    128, 1, BUF, 0), EV_EFAULT);
	assert_memory_equal(buf, rec, sizeof(rec));
	assert_int_equal(e->part[0].errq.count, 1);
	/* peek, then read */
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    256, 0, BUF, 1), EV_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[4], ERRQ_RECORD_SIZE);
	assert_int_equal(e->part[0].errq.count, 1);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    256, 0, BUF, 0), EV_SUCCESS);
	assert_int_equal(e->part[0].errq.count, 0);
	assert_string_equal((char *)buf + ERRQ_OFF_DOMAIN, "dma-engine");
	assert_string_equal((char *)buf + ERRQ_OFF_ERROR, "access violation");
	assert_string_equal((char *)buf + ERRQ_OFF_PATH, "/dma-engine@5");
	memcpy(&v, buf + ERRQ_OFF_LIODN, 4);
	assert_int_equal(be32_to_cpu(v), LIODN_A);
	memcpy(&v, buf + ERRQ_OFF_LPID, 4);
	assert_int_equal(be32_to_cpu(v), 1);
	memcpy(&v, buf + ERRQ_OFF_FLAGS, 4);
	assert_int_equal(be32_to_cpu(v), 0);	/* a read */
	memcpy(&a, buf + ERRQ_OFF_ADDR, 8);
	assert_int_equal(be64_to_cpu(a), 0x7000000);
	assert_int_equal(HC(vc(1), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GUEST,
			    256, 0, BUF, 0), EV_ENOENT);
	/* the manager reads the global queue */
	assert_int_equal(HC(vc(2), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GLOBAL,
			    128, 0, BUF, 0), EV_SUCCESS);
	memcpy(&v, ram(2, BUF) + ERRQ_OFF_LPID, 4);
	assert_int_equal(be32_to_cpu(v), 1);
}

static void test_errq_bounded(void **state)
{
	unsigned int i;

	for (i = 0; i < ERRQ_DEPTH + 3; i++) {
		assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
		assert_int_equal(copy(1, H_A, 0x8000000ULL + i * 0x1000, 0, 4),
				 EV_EFAULT);
	}
	assert_int_equal(e->part[0].errq.count, ERRQ_DEPTH);
	assert_int_equal(e->part[0].errq.lost, 3);
	/* the oldest records are kept */
	assert_int_equal(e->part[0].errq.rec[e->part[0].errq.head].addr,
			 0x8000000);
	assert_int_equal(e->part[1].errq.count, 0);
}

/*
 * The global queue is fair: partition 1's storm of 20 records, then one
 * record of partition 2 (the manager's own device). Partition 2's record
 * stays; partition 1 loses its 5 oldest; the manager first reads a
 * "records lost" record saying 5. Keeping the oldest, as before, would
 * have dropped partition 2's record.
 */
static void test_errq_global_fair(void **state)
{
	struct errq *q = errq_global();
	struct hv_error r = { .lpid = 1 }, out;
	u8 *buf = ram(2, BUF);
	u32 v;
	u64 a;
	unsigned int i;

	for (i = 0; i < 20; i++) {
		r.addr = 0x1000 * i;
		errq_report(&e->part[0], &r);
	}
	r.lpid = 2;
	r.addr = 0x2222000;
	errq_report(&e->part[1], &r);
	assert_int_equal(q->count, ERRQ_DEPTH);
	assert_int_equal(q->lost, 5);
	/* partition 1's own queue kept its oldest 16 */
	assert_int_equal(e->part[0].errq.count, ERRQ_DEPTH);
	assert_int_equal(e->part[0].errq.lost, 4);

	/* the manager reads: first the loss, then the rest in order */
	assert_int_equal(HC(vc(2), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GLOBAL,
			    128, 0, BUF, 1), EV_SUCCESS);
	assert_int_equal(q->lost, 5);		/* a peek keeps it */
	assert_int_equal(HC(vc(2), FSLT(FH_ERR_GET_INFO), ERRQ_HANDLE_GLOBAL,
			    128, 0, BUF, 0), EV_SUCCESS);
	assert_string_equal((char *)buf + ERRQ_OFF_DOMAIN, "weir");
	assert_string_equal((char *)buf + ERRQ_OFF_ERROR, "records lost");
	memcpy(&v, buf + ERRQ_OFF_FLAGS, 4);
	assert_int_equal(be32_to_cpu(v), HV_ERROR_LOST);
	memcpy(&a, buf + ERRQ_OFF_ADDR, 8);
	assert_int_equal(be64_to_cpu(a), 5);
	assert_int_equal(q->lost, 0);
	for (i = 5; i < 20; i++) {
		assert_int_equal(errq_pop(q, &out, false), 0);
		assert_int_equal(out.lpid, 1);
		assert_int_equal(out.addr, 0x1000 * i);
	}
	assert_int_equal(errq_pop(q, &out, false), 0);
	assert_int_equal(out.lpid, 2);
	assert_int_equal(out.addr, 0x2222000);
	assert_int_equal(errq_pop(q, &out, false), -ENOENT);

	/* a storm once it holds the most pushes out only its own */
	errq_reset(q);
	r.lpid = 2;
	errq_report(&e->part[1], &r);
	for (i = 0; i < 40; i++) {
		r.lpid = 1 + (i % 8 == 0);	/* partition 2 now and then */
		errq_report(&e->part[r.lpid - 1], &r);
	}
	for (i = v = 0; i < q->count; i++)
		v += q->rec[(q->head + i) % ERRQ_DEPTH].lpid == 2;
	assert_int_equal(v, 6);			/* all 6 of partition 2 */
}

static void test_h_rtas(void **state)
{
	u32 *b = (u32 *)ram(1, BUF);
	u8 saved[64];

	/* ibm,query-pe-dma-window, nret 5 */
	b[0] = cpu_to_be32(PAPR_RTAS_QUERY_PE_DMA_WINDOW);
	b[1] = cpu_to_be32(3);
	b[2] = cpu_to_be32(5);
	b[3] = 0;
	b[4] = cpu_to_be32(8);		/* BUID 0x800000000 */
	b[5] = 0;
	memset(&b[6], 0xee, 20);
	assert_int_equal((s32)HC(vc(1), PAPR(H_RTAS), BUF), H_SUCCESS);
	assert_int_equal(be32_to_cpu(b[6]), RTAS_SUCCESS);
	assert_int_equal(be32_to_cpu(b[7]), 0);	/* default window active */
	/* partition 2 does not own that BUID */
	memcpy(ram(2, BUF), b, 44);
	assert_int_equal((s32)HC(vc(2), PAPR(H_RTAS), BUF), H_SUCCESS);
	assert_int_equal((s32)be32_to_cpu(((u32 *)ram(2, BUF))[6]),
			 RTAS_PARAMETER_ERROR);
	/* bad buffers: refused, nothing written */
	memcpy(saved, b, sizeof(saved));
	assert_int_equal((s32)HC(vc(1), PAPR(H_RTAS), BUF + 2), H_PARAMETER);
	assert_int_equal((s32)HC(vc(1), PAPR(H_RTAS), RAM_SIZE - 8),
			 H_PARAMETER);
	b[2] = cpu_to_be32(14);		/* 3 + 14 cells > 16 */
	memcpy(saved, b, sizeof(saved));
	assert_int_equal((s32)HC(vc(1), PAPR(H_RTAS), BUF), H_PARAMETER);
	assert_memory_equal(b, saved, sizeof(saved));
	/* the last cells of RAM: nargs + nret reach past the end */
	b = (u32 *)ram(1, RAM_SIZE - 16);
	b[0] = cpu_to_be32(PAPR_RTAS_QUERY_PE_DMA_WINDOW);
	b[1] = cpu_to_be32(3);
	b[2] = cpu_to_be32(5);
	assert_int_equal((s32)HC(vc(1), PAPR(H_RTAS), RAM_SIZE - 16),
			 H_PARAMETER);
}

static void test_start_disabled(void **state)
{
	struct dma_group *g = e->g[0];

	g->cfg.start_disabled = true;
	assert_int_equal(dma_group_reset(g), 0);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(put_tce(1, LIOBN_A, 0x0, 0x100000 | RW), H_SUCCESS);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(copy(1, H_A, 0x0, 0x800, 0x10), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_int_equal(copy(1, H_A, 0x0, 0x800, 0x10), EV_SUCCESS);
	/* a partition stop blocks every group it owns */
	assert_int_equal(dma_partition_block(&e->part[0]), 0);
	assert_false(paace_valid(LIODN_A));
	assert_true(paace_valid(LIODN_B));
}

/* A fake MSI bank block: big-endian registers, as the MPIC's; its
 * doorbell page (the MSIIR or MSIIR1 alias, include/weir/msi.h). */
static u32 bank_regs[0x200 / 4];
static u32 alias_page[SZ_4K / 4];
#define BANK_PHYS	0xfe0041600ULL

/* The group of partition 1 with @d's doorbell page, as iommu_boot() does. */
static void doorbell_group(const struct msi_bank_desc *d)
{
	struct dma_group_config c = e->g[0]->cfg;

	dma_group_destroy(e->g[0]);
	c.has_doorbell = true;
	c.doorbell_phys = msi_doorbell_page(d->doorbell);
	c.doorbell_size = SZ_4K;
	assert_int_equal(dma_group_create(&c, &e->part[0], e->mmu, &e->g[0]), 0);
	assert_int_equal(dma_engine_add(e->g[0]), 0);
}

/* WEIR_HC_MSI_INFO of LIOBN_A: the doorbell IOVA, SRS and IBS shifts. */
static u64 msi_info(u32 srs, u32 ibs)
{
	assert_int_equal(HC(vc(1), WEIRT(WEIR_HC_MSI_INFO), LIOBN_A), EV_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[6], srs);
	assert_int_equal(vc(1)->regs.gpr[7], ibs);
	assert_int_equal(vc(1)->regs.gpr[8], VPIC_IRQ_MSI(0));
	return (u64)vc(1)->regs.gpr[4] << 32 | vc(1)->regs.gpr[5];
}

static void test_msi_doorbell(void **state)
{
	/* the MSI data a PCI device writes: little-endian */
	u32 word = cpu_to_le32(2u << MSI_SRS_SHIFT | 5u << MSI_IBS_SHIFT);
	struct msi_bank_desc d = { BANK_PHYS, BANK_PHYS + MSI_MSIIR, false,
				   true };
	struct msi_bank_desc other = { 0xfe0080000ULL, 0xfe0080140ULL, false,
				       true };
	struct msi_bank_desc same_page = { BANK_PHYS + 0x200,
					   BANK_PHYS + 0x200 + MSI_MSIIR, false,
					   true };
	u64 iova;
	bool pending;

	memset(bank_regs, 0, sizeof(bank_regs));
	assert_int_equal(msi_bank_add(&e->part[0], &d, bank_regs,
				      &bank_regs[MSI_MSIIR / 4]), 0);
	/* one bank per partition; another bank whose doorbell is in the same
	 * 4 KiB page can not go to another partition (the PAMU maps whole
	 * pages) */
	assert_int_equal(msi_bank_add(&e->part[0], &other, bank_regs,
				      bank_regs), -EBUSY);
	assert_int_equal(msi_bank_add(&e->part[1], &same_page, bank_regs,
				      bank_regs), -EBUSY);
	doorbell_group(&d);

	iova = msi_info(5, 0);
	assert_int_equal(iova, DMA_MSI_IOVA_DEFAULT + 0x740);
	assert_int_equal(HC(vc(2), WEIRT(WEIR_HC_MSI_INFO), LIOBN_B), EV_ENODEV);
	assert_int_equal(HC(vc(2), WEIRT(WEIR_HC_MSI_INFO), LIOBN_A), EV_EINVAL);

	/* the engine writes MSIIR through the window's doorbell slot */
	memcpy(ram(1, 0x100000), &word, 4);
	assert_int_equal(put_tce(1, LIOBN_A, 0, 0x100000 | TCE_READ), H_SUCCESS);
	assert_int_equal(copy(1, H_A, 0, iova, 4), EV_SUCCESS);
	assert_int_equal(bank_regs[MSI_MSIIR / 4], word);
	/* only MSIIR, only 4 bytes, only writes */
	assert_int_equal(copy(1, H_A, 0, iova - 4, 4), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_int_equal(copy(1, H_A, 0, iova, 8), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_int_equal(copy(1, H_A, iova, 0x1000, 4), EV_EFAULT);

	/* the MPIC latched it: MSISR bit 2, MSIR2 bit 5; the tick collects
	 * it into partition 1's vPIC source MSI(2) */
	bank_regs[MSI_MSISR / 4] = cpu_to_be32(1u << 2);
	bank_regs[MSI_MSIR(2) / 4] = cpu_to_be32(1u << 5);
	assert_int_equal(vpic_set_mask(&e->pic[0], VPIC_IRQ_MSI(2), false), 0);
	msi_poll();
	assert_true(e->pic[0].src[VPIC_IRQ_MSI(2) - VPIC_IRQ_BASE].pending);
	assert_int_equal(HC(vc(2), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(2)),
			 EV_EINVAL);
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(2)),
			 EV_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[4], 1u << 5);
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(2)),
			 EV_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[4], 0);	/* read clears */
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(0) - 1),
			 EV_EINVAL);
	/* an MSIIR bank has 8 MSIRs: MSI(8) is no source of it */
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(8)),
			 EV_EINVAL);
	pending = e->pic[1].src[VPIC_IRQ_MSI(2) - VPIC_IRQ_BASE].pending;
	assert_false(pending);
}

/*
 * An MPIC 4.3 bank (T4240's msi@41600: MSIIR1 alias at 0x44148 in a page
 * of its own): 16 MSIRs, each read by the tick (no MSISR), the MSIIR1
 * data encoding (SRS 0, IBS 4), the doorbell at the alias. A bank of
 * another partition whose alias is in another page is fine.
 */
static void test_msi_doorbell_v43(void **state)
{
	struct msi_bank_desc d = { BANK_PHYS, 0xfe0044148ULL, true, false };
	struct msi_bank_desc d1 = { BANK_PHYS + 0x200, 0xfe0045148ULL, true,
				    false };
	u32 word = cpu_to_le32(15u << MSI_SRS_SHIFT_V43 | 17u << MSI_IBS_SHIFT_V43);
	u32 *alias = &alias_page[0x148 / 4];
	u64 iova;

	memset(bank_regs, 0, sizeof(bank_regs));
	memset(alias_page, 0, sizeof(alias_page));
	assert_int_equal(msi_bank_add(&e->part[0], &d, bank_regs, alias), 0);
	assert_int_equal(msi_bank_add(&e->part[1], &d1, bank_regs, alias), 0);
	doorbell_group(&d);
	iova = msi_info(0, 4);
	assert_int_equal(iova, DMA_MSI_IOVA_DEFAULT + 0x148);

	memcpy(ram(1, 0x100000), &word, 4);
	assert_int_equal(put_tce(1, LIOBN_A, 0, 0x100000 | TCE_READ), H_SUCCESS);
	assert_int_equal(copy(1, H_A, 0, iova, 4), EV_SUCCESS);
	assert_int_equal(*alias, word);
	assert_int_equal(bank_regs[MSI_MSIIR / 4], 0);	/* not the bank page */

	/* MSIR15 bit 17, no MSISR: the tick reads every MSIR */
	bank_regs[MSI_MSIR(15) / 4] = cpu_to_be32(1u << 17);
	assert_int_equal(vpic_set_mask(&e->pic[0], VPIC_IRQ_MSI(15), false), 0);
	msi_poll();
	assert_true(e->pic[0].src[VPIC_IRQ_MSI(15) - VPIC_IRQ_BASE].pending);
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(15)),
			 EV_SUCCESS);
	assert_int_equal(vc(1)->regs.gpr[4], 1u << 17);
	assert_int_equal(HC(vc(1), FSLT(FH_VMPIC_GET_MSIR), VPIC_IRQ_MSI(16)),
			 EV_EINVAL);
}

/*
 * A fully mapped DDW of 256 4 KiB pages, disabled and enabled again:
 * FH_DMA_ENABLE restages the window and all 256 subwindows in one
 * transaction (257 PAMU operations; the log once held 256, so this
 * returned EV_INTERNAL and left the device blocked).
 */
static void test_full_ddw_reenable(void **state)
{
	ddw_full();
	assert_ddw_mapped();
	assert_ddw_copies();
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_DISABLE), H_A), EV_SUCCESS);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(copy(1, H_A, DMA_DDW_BUS_BASE,
			      DMA_DDW_BUS_BASE + SZ_4K, 0x10), EV_EFAULT);
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_false(e->g[0]->blocked);
	assert_ddw_mapped();
	assert_ddw_copies();
	assert_true(paace_valid(LIODN_B));
	assert_int_equal(pamu_staged_count(e->mmu), 0);
}

/* The same window after an access violation disabled the group's DMA. */
static void test_full_ddw_reenable_after_fault(void **state)
{
	ddw_full();
	/* bus 0 is outside the DDW: a violation, the policy blocks LIODN_A */
	assert_int_equal(copy(1, H_A, 0x0, DMA_DDW_BUS_BASE, 0x10), EV_EFAULT);
	assert_int_equal(e->part[0].errq.count, 1);
	assert_true(e->g[0]->blocked);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_false(e->g[0]->blocked);
	assert_ddw_mapped();
	assert_ddw_copies();
	assert_int_equal(pamu_staged_count(e->mmu), 0);
}

/* A violation of @liodn at @addr pending on a fake PAMU unit, decoded
 * as the driver's poll() hands it to the core. */
static void pamu_av_of(u8 *regs, u32 liodn, u32 avs1_low, u32 addr,
		       struct iommu_fault *f)
{
	struct pamu_av av;

	out_be32(regs + PAMU_PICS, PAMU_PICS_AVICS | PAMU_PICS_AVIE);
	out_be32(regs + PAMU_AVS1, liodn << 16 | avs1_low);
	out_be32(regs + PAMU_AVS2, 0);
	out_be32(regs + PAMU_AVAH, 0);
	out_be32(regs + PAMU_AVAL, addr);
	assert_int_equal(pamu_av_handle(regs, 0, e->mmu, PAMU_QUIRK_A003638,
					&av), 0);
	pamu_fault_of(f, &av);
}

/*
 * Violations of LIODNs no partition owns reach the console: one beyond
 * the PAACT (16 entries here; never used as an index, ASan would see
 * it) and an invalid entry of no group, the device U-Boot left running.
 * They are rate-limited by one global budget, queue nothing and disable
 * nothing. An owned entry already disabled is not reported again.
 */
static void test_unowned_violations_logged(void **state)
{
	u8 *regs = hv_zalloc(PAMU_BLOCK_SIZE, PAMU_BLOCK_SIZE);
	const unsigned int n = 1000;
	struct iommu_fault av;
	unsigned int i;

	assert_non_null(regs);
	capture_start();
	pamu_av_of(regs, 0xffff, 0x401, 0x7654000, &av);
	assert_false(av.liodn_valid);
	assert_int_equal(dma_fault_route(&av), -ENOENT);
	pamu_av_of(regs, 9, 0x801, 0x1000, &av);
	assert_true(av.liodn_valid && !av.entry_valid);
	assert_int_equal(dma_fault_route(&av), -ENOENT);
	assert_int_equal(capture_count("owned by no partition"), 2);

	capture_start();
	pamu_av_of(regs, 0xffff, 0x401, 0x7654000, &av);
	assert_int_equal(dma_fault_route(&av), -ENOENT);
	pamu_av_of(regs, 9, 0x801, 0x1000, &av);
	assert_int_equal(dma_fault_route(&av), -ENOENT);
	assert_int_equal(capture_count("LIODN 65535 (beyond the PAACT), owned by no partition: read IOVA 0x7654000"), 1);
	capture_start();
	pamu_av_of(regs, 9, 0x801, 0x1000, &av);
	assert_int_equal(dma_fault_route(&av), -ENOENT);
	assert_int_equal(capture_count("LIODN 9 (entry invalid), owned by no partition: read IOVA 0x1000"), 1);

	/* 1000 in all: LOG_BUDGET_FIRST lines, then one per LOG_BUDGET_EVERY */
	capture_start();
	for (i = 5; i < n; i++) {
		pamu_av_of(regs, 0xffff, 0x401, 0x7654000, &av);
		dma_fault_route(&av);
	}
	assert_int_equal(capture_count("owned by no partition"),
			 LOG_BUDGET_FIRST - 5 + n / LOG_BUDGET_EVERY);
	/* dma_fault_report() of an unowned LIODN takes the same budget:
	 * event 1001 is suppressed */
	capture_start();
	pamu_av_of(regs, 9, 0x801, 0x1000, &av);
	assert_int_equal(dma_fault_report(&av, "pamu"), -ENOENT);
	assert_int_equal(capture_count("owned by no partition"), 0);
	assert_int_equal(e->part[0].errq.count, 0);
	assert_int_equal(e->part[1].errq.count, 0);
	assert_int_equal(errq_global()->count, 0);
	assert_true(paace_valid(LIODN_A) && paace_valid(LIODN_B));

	/* an owned, valid entry goes to its owner; once disabled, no more */
	capture_start();
	pamu_av_of(regs, LIODN_A, 0x81, 0x9000000, &av);
	assert_int_equal(dma_fault_route(&av), 0);
	assert_false(paace_valid(LIODN_A));
	pamu_av_of(regs, LIODN_A, 0x801, 0x9000000, &av);
	assert_int_equal(dma_fault_route(&av), -EALREADY);
	assert_int_equal(capture_count("partition 'p1': DMA access violation, LIODN 5"), 1);
	assert_int_equal(e->part[0].errq.count, 1);
	hv_free(regs);
}


/*
 * An identity window (doc/passthrough.md): group A of partition 1 (16
 * MiB of RAM at real 0x10000000) gets IOVA = guest-physical, the MSI
 * range at 16 MiB: a 32 MiB window of 256 subwindows of 128 KiB. Exact
 * PAMU layout: the primary (slot 0) and SPAACEs 1..127 map the RAM
 * slot by slot read/write, slot 128 the doorbell page write-only, slots
 * 129..255 are all-zero SPAACEs. The guest's TCE and DDW calls do not
 * reach the window; the engine copies guest-physical to guest-physical;
 * a partition reset rebuilds the same entries.
 */
#define ID_WINDOW	(32 * SZ_1M)
#define ID_SLOT		(ID_WINDOW / 256)

static void identity_group(void)
{
	struct msi_bank_desc d = { .phys = BANK_PHYS,
				    .doorbell = BANK_PHYS + MSI_MSIIR };
	struct dma_group_config c = e->g[0]->cfg;

	dma_group_destroy(e->g[0]);
	c.identity = true;
	c.identity_phys = e->part[0].ram_phys;
	c.identity_size = RAM_SIZE;
	c.default_size = ID_WINDOW;
	c.msi_iova = RAM_SIZE;
	c.has_doorbell = true;
	c.doorbell_phys = msi_doorbell_page(d.doorbell);
	c.doorbell_size = SZ_4K;
	assert_int_equal(dma_group_create(&c, &e->part[0], e->mmu, &e->g[0]), 0);
	snprintf(e->g[0]->path, sizeof(e->g[0]->path), "/dma-engine@%u",
		 LIODN_A);
	assert_int_equal(dma_engine_add(e->g[0]), 0);
}

static void assert_identity_tables(void)
{
	const struct pamu_tables *t = pamu_tables(e->mmu);
	struct paace_fields f, sf;
	unsigned int s;

	paace_decode(t->paact + LIODN_A * PAACE_WORDS, &f);
	assert_true(f.v);
	assert_int_equal(f.pt, PAACE_PT_PRIMARY);
	assert_true(f.wba == 0);
	assert_true(pamu_wse_to_size(f.wse) == ID_WINDOW);
	assert_true(f.mw);
	assert_int_equal(pamu_wce_to_count(f.wce), 256);
	assert_int_equal(f.ap, PAACE_AP_ALL);
	assert_int_equal(f.atm, PAACE_ATM_WINDOW_XLATE);
	assert_true(f.twba == 0x10000000ULL);
	assert_true(pamu_wse_to_size(f.swse) == ID_SLOT);
	for (s = 1; s < 256; s++) {
		const u32 *w = t->spaact + (size_t)(f.fspi + s - 1) * PAACE_WORDS;
		unsigned int i;

		paace_decode(w, &sf);
		if (s < RAM_SIZE / ID_SLOT) {
			assert_true(sf.v);
			assert_int_equal(sf.pt, PAACE_PT_SECONDARY);
			assert_int_equal(sf.liodn, LIODN_A);
			assert_int_equal(sf.ap, PAACE_AP_ALL);
			assert_int_equal(sf.atm, PAACE_ATM_WINDOW_XLATE);
			assert_true(sf.twba == 0x10000000ULL + s * ID_SLOT);
			assert_true(pamu_wse_to_size(sf.swse) == ID_SLOT);
		} else if (s == RAM_SIZE / ID_SLOT) {
			assert_true(sf.v);
			assert_int_equal(sf.ap, PAACE_AP_UPDATE);
			assert_true(sf.twba == 0xfe0041000ULL);
			assert_true(pamu_wse_to_size(sf.swse) == SZ_4K);
		} else {
			for (i = 0; i < PAACE_WORDS; i++)
				assert_int_equal(w[i], 0);
		}
	}
}

static void test_identity_window(void **state)
{
	struct ddw_query q;

	memset(bank_regs, 0, sizeof(bank_regs));
	assert_int_equal(msi_bank_add(&e->part[0], &(struct msi_bank_desc){
				.phys = BANK_PHYS,
				.doorbell = BANK_PHYS + MSI_MSIIR },
				bank_regs, &bank_regs[MSI_MSIIR / 4]), 0);
	identity_group();
	assert_identity_tables();
	/* the guest-physical address is the bus address: RAM to RAM */
	memset(ram(1, 0x3000), 0xa5, 0x100);
	memset(ram(1, RAM_SIZE - 0x100), 0, 0x100);
	assert_int_equal(copy(1, H_A, 0x3000, RAM_SIZE - 0x100, 0x100),
			 EV_SUCCESS);
	assert_int_equal(ram(1, RAM_SIZE - 1)[0], 0xa5);
	/* the doorbell at msi_iova + its page offset, as WEIR_HC_MSI_INFO says */
	assert_true(msi_info(5, 0) == RAM_SIZE + 0x740);
	/* no TCE call reaches an identity window, no DDW replaces it */
	assert_int_equal(put_tce(1, LIOBN_A, 0, 0x1000 | RW), H_PARAMETER);
	assert_int_equal(ddw_query(&e->part[0], e->g[0]->cfg.buid, &q),
			 -ENOENT);
	/* above the RAM, outside the doorbell: a violation, nothing written */
	assert_int_equal(copy(1, H_A, 0x3000, RAM_SIZE + ID_SLOT, 4), EV_EFAULT);
	assert_false(paace_valid(LIODN_A));
	assert_int_equal(HC(vc(1), FSLT(FH_DMA_ENABLE), H_A), EV_SUCCESS);
	assert_identity_tables();
	/* a partition restart rebuilds the same entries */
	assert_int_equal(dma_partition_reset(&e->part[0]), 0);
	assert_identity_tables();
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tce_pairs_and_get),
		T(test_stuff_and_indirect_counts),
		T(test_engine_copies_through_pamu),
		T(test_fault_reaches_owner_only),
		T(test_unowned_violations_logged),
		T(test_dma_enable_disable),
		T(test_err_get_info),
		T(test_errq_bounded),
		T(test_errq_global_fair),
		T(test_h_rtas),
		T(test_start_disabled),
		T(test_msi_doorbell),
		T(test_msi_doorbell_v43),
		T(test_identity_window),
		T(test_full_ddw_reenable),
		T(test_full_ddw_reenable_after_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
