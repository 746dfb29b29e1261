// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host cost of weir's hcall handlers alone, for `make bench`
 * (test/bench/host_bench.py runs this under valgrind --tool=callgrind).
 *
 *   bench_host <figure> <calls>   run <figure>'s operation <calls> times
 *                                 inside bench_measured() (callgrind
 *                                 collects only there: --toggle-collect)
 *   bench_host memory             print heap bytes per object (key value)
 *   bench_host list               print the figure names
 *
 * The setup follows test/unit/test_pamu_dma_hcalls.c: one partition with
 * 64 MiB of host-backed RAM and one vCPU, one DMA group (LIODN 5, 1 GiB
 * default window of 4 KiB pages, DDW with 16 MiB pages) on the real PAMU
 * table manager (drivers/iommu/pamu). Calls enter through hcall_dispatch()
 * with the guest's registers, as the vCPU code calls it, so the figures
 * exclude only the trap entry/exit and the sc decoding. Every call's
 * status is checked; a failure exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/epapr.h>
#include <weir/errq.h>
#include <weir/hcall.h>
#include <weir/iommu.h>
#include <weir/papr.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>
#include "helpers/fake_hv.h"

#define RAM_SIZE	(64 * SZ_1M)
#define SZ_16M		(16 * SZ_1M)
#define LIODN		5
#define GROUP		0
#define BUID		0x800000000ULL
#define LIOBN		DMA_LIOBN(GROUP, DMA_WIN_DEFAULT)
#define RW		(TCE_READ | TCE_WRITE)
#define PAGE		0x200000u	/* guest-physical page the TCEs map */
#define LIST		0x300000u	/* INDIRECT lists: map at +0, clear at +4K */
#define RTAS_BUF	0x310000u
#define HI(x)		((u32)((u64)(x) >> 32))
#define LO(x)		((u32)(x))

static const struct iommu_driver *drv;	/* the PAMU, from the registry */
static struct iommu *mmu;
static struct partition *part;	/* test_partitions_create()'s */
static struct vcpu *vcpu;
static struct dma_group *grp;
static u32 ddw_liobn;
static u64 ddw_start;
static size_t heap_bytes;	/* hv_zalloc() total, see below */

/* Count what the core allocates (linked with --wrap=hv_zalloc). */
void *__real_hv_zalloc(size_t size, size_t align);
void *__wrap_hv_zalloc(size_t size, size_t align)
{
	heap_bytes += size;
	return __real_hv_zalloc(size, align);
}

static void die(const char *what, long got)
{
	fprintf(stderr, "bench_host: %s: status %ld\n", what, got);
	exit(1);
}

static u32 hc(u32 token, unsigned int n, const u32 *args)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		vcpu->regs.gpr[3 + i] = args[i];
	vcpu->regs.gpr[11] = token;
	hcall_dispatch(vcpu);
	return vcpu->regs.gpr[3];
}

#define HC(tok, ...) hc((tok), sizeof((u32[]){ __VA_ARGS__ }) / 4, \
			(u32[]){ __VA_ARGS__ })
#define PAPR(op)	PAPR_EPAPR_TOKEN(op)

static u8 *ram(u64 gpa)
{
	return (u8 *)part->ram_host + gpa;
}

static void write_lists(unsigned int n, u64 first, u64 step, unsigned int pages)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		put_be64((u64 *)ram(LIST) + i, (first + (i % pages) * step) | RW);
		put_be64((u64 *)ram(LIST + SZ_4K) + i, 0);
	}
}

/* H_RTAS through hcall_dispatch; returns the RTAS status. */
static s32 rtas(u32 token, unsigned int nargs, unsigned int nret,
		const u32 *args, u32 *rets)
{
	u32 *buf = (u32 *)ram(RTAS_BUF);
	unsigned int i;

	buf[0] = cpu_to_be32(token);
	buf[1] = cpu_to_be32(nargs);
	buf[2] = cpu_to_be32(nret);
	for (i = 0; i < nargs; i++)
		buf[3 + i] = cpu_to_be32(args[i]);
	if (HC(PAPR(H_RTAS), RTAS_BUF) != H_SUCCESS)
		die("H_RTAS", -1);
	for (i = 0; i < nret; i++)
		rets[i] = be32_to_cpu(buf[3 + nargs + i]);
	return (s32)rets[0];
}

static s32 remove_window(u32 liobn)
{
	u32 st;

	return rtas(PAPR_RTAS_REMOVE_PE_DMA_WINDOW, 1, 1, &liobn, &st);
}

static s32 create_ddw(unsigned int wshift)
{
	u32 args[5] = { 0, HI(BUID), LO(BUID), 24, wshift }, ret[4];
	s32 st;

	st = remove_window(LIOBN);
	if (st)
		return st;
	st = rtas(PAPR_RTAS_CREATE_PE_DMA_WINDOW, 5, 4, args, ret);
	ddw_liobn = ret[1];
	ddw_start = (u64)ret[2] << 32 | ret[3];
	return st;
}

/* ------------------------------------------------------------ figures */

static long op_null(unsigned int i)
{
	return HC(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, 0x7ff), 0) ==
	       EV_UNIMPLEMENTED ? 0 : -1;
}

static long op_get(unsigned int i)
{
	return (s32)HC(PAPR(H_GET_TCE), LIOBN, 0, (i & 255) * SZ_4K);
}

/* map on even calls, clear on odd ones (as the guest figure) */
static long op_put(unsigned int i)
{
	return (s32)HC(PAPR(H_PUT_TCE), LIOBN, 0, (1 + ((i >> 1) & 255)) * SZ_4K,
		       0, i & 1 ? 0 : PAGE | RW);
}

static unsigned int count;

static long op_indirect(unsigned int i)
{
	return (s32)HC(PAPR(H_PUT_TCE_INDIRECT), LIOBN, 0, 0, 0,
		       LIST + (i & 1) * SZ_4K, count);
}

static long op_stuff(unsigned int i)
{
	return (s32)HC(PAPR(H_STUFF_TCE), LIOBN, 0, 0, 0, 0, count);
}

/* one call = the whole 1 GiB sweep, 512 x STUFF(512) */
static long op_clear_1g(unsigned int i)
{
	unsigned int k;
	s32 st;

	for (k = 0; k < 512; k++) {
		st = (s32)HC(PAPR(H_STUFF_TCE), LIOBN, 0, k * 512 * SZ_4K, 0, 0,
			     512);
		if (st)
			return st;
	}
	return 0;
}

static long op_ddw_cycle(unsigned int i)
{
	s32 st = create_ddw(30);

	if (st)
		return st;
	st = (s32)HC(PAPR(H_PUT_TCE_INDIRECT), ddw_liobn, HI(ddw_start),
		     LO(ddw_start), 0, LIST, 64);
	if (st)
		return st;
	return remove_window(ddw_liobn);
}

static long op_put_ddw(unsigned int i)
{
	u64 ioba = ddw_start + ((i >> 1) & 15) * SZ_16M;

	return (s32)HC(PAPR(H_PUT_TCE), ddw_liobn, HI(ioba), LO(ioba), 0,
		       i & 1 ? 0 : ((i >> 1) & 3) * SZ_16M | RW);
}

static long op_indirect_ddw(unsigned int i)
{
	return (s32)HC(PAPR(H_PUT_TCE_INDIRECT), ddw_liobn, HI(ddw_start),
		       LO(ddw_start), 0, LIST + (i & 1) * SZ_4K, 256);
}

static void prep_none(void) { }
static void prep_list512(void) { write_lists(512, PAGE, 0, 1); }
static void prep_list64_16m(void) { write_lists(64, 0, SZ_16M, 4); }

static void prep_ddw4g(void)
{
	s32 st;

	write_lists(256, 0, SZ_16M, 4);
	st = create_ddw(32);
	if (st)
		die("create DDW", st);
}

struct figure {
	const char *name;
	void (*prep)(void);
	long (*op)(unsigned int i);
	unsigned int count;	/* INDIRECT/STUFF count */
};

static const struct figure figures[] = {
	{ "null-unknown", prep_none, op_null, 0 },
	{ "get-tce", prep_none, op_get, 0 },
	{ "put-tce", prep_none, op_put, 0 },
	{ "indirect-1", prep_list512, op_indirect, 1 },
	{ "indirect-64", prep_list512, op_indirect, 64 },
	{ "indirect-512", prep_list512, op_indirect, 512 },
	{ "stuff-1", prep_none, op_stuff, 1 },
	{ "stuff-512", prep_none, op_stuff, 512 },
	{ "linux-clear-1g", prep_none, op_clear_1g, 0 },
	{ "ddw-cycle-1g", prep_list64_16m, op_ddw_cycle, 0 },
	{ "pamu-commit-1", prep_ddw4g, op_put_ddw, 0 },
	{ "pamu-commit-256", prep_ddw4g, op_indirect_ddw, 256 },
};

/* The only function callgrind collects in (--toggle-collect). */
__attribute__((noinline)) long bench_measured(long (*op)(unsigned int),
					      unsigned int i)
{
	return op(i);
}

static void setup(void)
{
	struct iommu_config pc = { .max_liodn = 15, .spaace_entries = 1024,
				  .max_subwindows = 256 };
	struct dma_group_config c;
	size_t before;

	fake_hv_clear();
	drv = iommu_driver_by_name("pamu");
	before = heap_bytes;
	if (!drv || drv->create(&pc, &mmu))
		die("create", -1);
	printf("heap-pamu %zu\n", heap_bytes - before);
	part = test_partitions_create(1, (const char *const[]){ "bench" }, 0);
	vcpu = part->vcpu[0];
	part->ram_phys = 0x10000000ULL;
	part->ram_size = RAM_SIZE;
	part->ram_host = calloc(1, RAM_SIZE);
	if (!part->ram_host)
		die("partition setup", -1);
	dma_group_config_init(&c);
	c.index = GROUP;
	c.buid = BUID;
	c.liodns[0] = LIODN;
	c.nr_liodns = 1;
	c.ddw_page_mask = DDW_PGSZ_4K | DDW_PGSZ_64K | DDW_PGSZ_16M;
	before = heap_bytes;
	if (dma_group_create(&c, part, mmu, &grp))
		die("dma_group_create", -1);
	printf("heap-group %zu\n", heap_bytes - before);
}

/*
 * Heap bytes of a PAMU like setup()'s whose staging log is sized for a
 * largest group of @group_liodns LIODNs, or holds @stage_max operations
 * when that is non-zero (the driver's create()).
 */
static size_t log_heap(unsigned int group_liodns, unsigned int stage_max)
{
	struct iommu_config pc = { .max_liodn = 15, .spaace_entries = 1024,
				  .max_subwindows = 256,
				  .group_liodns = group_liodns,
				  .stage_max = stage_max };
	size_t before = heap_bytes;
	struct iommu *m;

	if (drv->create(&pc, &m))
		die("create", -1);
	before = heap_bytes - before;
	drv->destroy(m);
	return before;
}

/*
 * The staging log (IOMMU_STAGE_OPS(n, 256) operations for a largest
 * group of n LIODNs): one operation's bytes from two logs that differ by
 * one (both >= 256, so the rest of the PAMU's heap is the same), then
 * each log against a 300-operation one.
 */
static void memory_stage_log(void)
{
	static const unsigned int n[] = { 1, 2, 8 };
	size_t base = log_heap(1, 300);
	size_t op = log_heap(1, 301) - base;
	unsigned int i;

	printf("pamu-stage-op-bytes %zu\n", op);
	for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		printf("pamu-stage-log-%u %zu\n", n[i],
		       log_heap(n[i], 0) - base + 300 * op);
}

static void memory(void)
{
	struct iommu_stats t, t1;
	s32 st;

	printf("sizeof-partition %zu\nsizeof-vcpu %zu\nsizeof-vpic %zu\n",
	       sizeof(struct partition), sizeof(struct vcpu),
	       sizeof(struct vpic));
	printf("tce-table-default %llu\n",
	       (unsigned long long)(DMA_DEFAULT_WINDOW_SIZE >> 12) * 8);
	mmu->ops->stats(mmu, &t);
	printf("pamu-tables-total %llu\npaace-count %u\nspaace-count %u\n",
	       (unsigned long long)t.table_bytes, t.entries, t.sub_entries);
	printf("spaace-used-default %u\n", t.sub_entries - t.sub_free);
	st = create_ddw(32);
	if (st)
		die("create DDW", st);
	printf("tce-table-ddw %llu\n", (unsigned long long)256 * 8);
	mmu->ops->stats(mmu, &t1);
	printf("spaace-used-ddw %u\n", t1.sub_entries - t1.sub_free);
	memory_stage_log();
}

int main(int argc, char **argv)
{
	const struct figure *f = NULL;
	unsigned int i, n;
	long st;

	if (argc == 2 && !strcmp(argv[1], "list")) {
		for (i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
			printf("%s\n", figures[i].name);
		return 0;
	}
	setup();
	if (argc == 2 && !strcmp(argv[1], "memory")) {
		memory();
		return 0;
	}
	for (i = 0; argc == 3 && i < sizeof(figures) / sizeof(figures[0]); i++)
		if (!strcmp(argv[1], figures[i].name))
			f = &figures[i];
	if (!f) {
		fprintf(stderr, "usage: bench_host list | memory | <figure> <calls>\n");
		return 2;
	}
	n = (unsigned int)strtoul(argv[2], NULL, 0);
	count = f->count;
	f->prep();
	for (i = 0; i < n; i++) {
		st = bench_measured(f->op, i);
		if (st)
			die(f->name, st);
	}
	printf("ok %s %u\n", f->name, n);
	return 0;
}
