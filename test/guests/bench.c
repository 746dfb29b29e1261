// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench: the guest-visible cost of weir's hot paths, for `make bench`
 * (test/bench/bench.py, doc/performance.md).
 *
 * Under QEMU with `-icount shift=0` every guest or weir instruction
 * advances virtual time by 1 ns, and the e500 time base is derived from
 * virtual time (QEMU hw/ppc/ppc.c cpu_ppc_get_tb(): virtual ns scaled by
 * the time-base frequency), so time-base deltas count instructions.
 * This guest only prints raw time-base deltas; the runner converts them
 * with the frequency from the device tree and checks the conversion
 * with the calibration loop below.
 *
 * Each figure is a loop of n calls of a small assembly stub, timed as a
 * whole; a second loop with the same stub but a nop in place of the
 * `sc 1` (or trapping instruction) is the baseline, so the difference is
 * the round trip alone (plus one instruction). Every figure is repeated
 * REPS times. Output lines (parsed by the runner):
 *
 *   bench-tb <hz>
 *   bench-entry <tbu> <tbl> <tbu>            time base at _start
 *   bench-calib <n1> <ticks1> <n2> <ticks2>  4-instruction loop, n iterations
 *   bench <name> n <calls> units <per call> base <ticks> t <ticks>...
 *   bench-fail <name> <what>                 a call did not succeed
 *   bench-done <failures>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define REPS_MAX	11
#define UNKNOWN_NUM	0x7ff		/* an ePAPR hcall number nobody uses */

typedef void (*stub_t)(u32 token, u32 *regs);
typedef void (*prep_t)(u32 i, u32 *regs);

/* r3..r10 = regs[0..7], r11 = token, then regs[0..7] = r3..r10 after. */
void bench_sc(u32 token, u32 *regs);
void bench_nosc(u32 token, u32 *regs);	/* the same with a nop */
void bench_mfmsr(u32 token, u32 *regs);	/* mfmsr (traps to weir) */
void bench_nop(u32 token, u32 *regs);	/* the same with a nop */
void bench_calib(u32 n);		/* n x 4 instructions */
void bench_load(u32 token, u32 *regs);	/* load from regs[0] */
void bench_load_base(u32 token, u32 *regs);	/* ... from regs[1] */
void bench_call(u32 token, u32 *regs);	/* jump to regs[0] (a blr) */
void bench_call_base(u32 token, u32 *regs);	/* ... to regs[1] */

#define HCALL_STUB(name, insn)						\
	"	.section .text." #name ", \"ax\"\n"			\
	"	.globl " #name "\n"					\
	"	.type " #name ", @function\n"				\
	#name ":\n"							\
	"	stwu	%r1, -32(%r1)\n"				\
	"	mflr	%r0\n"						\
	"	stw	%r0, 36(%r1)\n"					\
	"	mfcr	%r0\n"						\
	"	stw	%r0, 8(%r1)\n"					\
	"	stw	%r4, 12(%r1)\n"					\
	"	mr	%r11, %r3\n"					\
	"	mr	%r12, %r4\n"					\
	"	lwz	%r3, 0(%r12)\n"					\
	"	lwz	%r4, 4(%r12)\n"					\
	"	lwz	%r5, 8(%r12)\n"					\
	"	lwz	%r6, 12(%r12)\n"				\
	"	lwz	%r7, 16(%r12)\n"				\
	"	lwz	%r8, 20(%r12)\n"				\
	"	lwz	%r9, 24(%r12)\n"				\
	"	lwz	%r10, 28(%r12)\n"				\
	"	.globl " #name "_insn\n"				\
	#name "_insn:\n"						\
	"	" insn "\n"						\
	"	lwz	%r12, 12(%r1)\n"				\
	"	stw	%r3, 0(%r12)\n"					\
	"	stw	%r4, 4(%r12)\n"					\
	"	stw	%r5, 8(%r12)\n"					\
	"	stw	%r6, 12(%r12)\n"				\
	"	lwz	%r0, 8(%r1)\n"					\
	"	mtcr	%r0\n"						\
	"	lwz	%r0, 36(%r1)\n"					\
	"	mtlr	%r0\n"						\
	"	addi	%r1, %r1, 32\n"					\
	"	blr\n"							\
	"	.size " #name ", . - " #name "\n"

__asm__(HCALL_STUB(bench_sc, ".long 0x44000022")	/* sc 1 */
	HCALL_STUB(bench_nosc, "nop")
	"	.section .text.bench_mfmsr, \"ax\"\n"
	"	.globl bench_mfmsr\n"
	"bench_mfmsr:\n"
	"	.globl bench_mfmsr_insn\n"
	"bench_mfmsr_insn:\n"
	"	mfmsr	%r0\n"
	"	blr\n"
	"	.globl bench_nop\n"
	"bench_nop:\n"
	"	nop\n"
	"	blr\n"
	"	.globl bench_calib\n"
	"bench_calib:\n"
	"	mtctr	%r3\n"
	"1:	addi	%r4, %r4, 1\n"
	"	addi	%r5, %r5, 1\n"
	"	addi	%r6, %r6, 1\n"
	"	bdnz	1b\n"
	"	blr\n"
	"	.globl bench_load\n"
	"bench_load:\n"
	"	lwz	%r5, 0(%r4)\n"
	"	.globl bench_load_insn\n"
	"bench_load_insn:\n"
	"	lwz	%r0, 0(%r5)\n"
	"	blr\n"
	"	.globl bench_load_base\n"
	"bench_load_base:\n"
	"	lwz	%r5, 4(%r4)\n"
	"	lwz	%r0, 0(%r5)\n"
	"	blr\n"
	"	.globl bench_call\n"
	"bench_call:\n"
	"	lwz	%r5, 0(%r4)\n"
	"	mtctr	%r5\n"
	"	bctr\n"
	"	.globl bench_call_base\n"
	"bench_call_base:\n"
	"	lwz	%r5, 4(%r4)\n"
	"	mtctr	%r5\n"
	"	bctr\n"
	"	.previous\n");

static u32 regs[8];
static int failures;
/* From /chosen/bootargs "bench.reps=<r> bench.div=<d>": the smoke run
 * (make bench-smoke) uses 1 repetition and 1/d of the calls. */
static unsigned int reps = REPS_MAX, divisor = 1;

static u64 __attribute__((noinline)) run(stub_t stub, u32 token, u32 n,
					  prep_t prep)
{
	u64 t0 = get_tb();
	u32 i;

	for (i = 0; i < n; i++) {
		if (prep)
			prep(i, regs);
		stub(token, regs);
	}
	return get_tb() - t0;
}

struct figure {
	const char *name;
	stub_t stub, base;
	u32 token;
	u32 n;			/* calls per timed loop */
	u32 units;		/* TCEs (or bytes) per call, for per-unit figures */
	prep_t prep;
	u32 want;		/* r3 after the last call */
};

/* Time one figure REPS times against its baseline; print the ticks. */
static void measure(const struct figure *f)
{
	u64 base = ~0ull, t[REPS_MAX];
	u32 n = f->n / divisor ? f->n / divisor : 1;
	unsigned int r;

	for (r = 0; r < (reps < 3 ? reps : 3); r++) {
		u64 b = run(f->base, f->token, n, f->prep);

		if (b < base)
			base = b;
	}
	/* The first `sc` from the stub's page fills weir's cache of that
	 * page's translation (a vTLB walk, struct vtlb sc; a printf's hcall
	 * from another page replaced it): time the calls after it, what a
	 * guest calling often sees. An unknown token changes nothing. */
	if (f->stub == bench_sc) {
		u32 warm[8] = { 0 };

		bench_sc(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, UNKNOWN_NUM), warm);
	}
	for (r = 0; r < reps; r++) {
		t[r] = run(f->stub, f->token, n, f->prep);
		if (f->stub == bench_sc && regs[0] != f->want) {
			printf("bench-fail %s status %u want %u\n", f->name,
			       (unsigned)regs[0], (unsigned)f->want);
			failures++;
			return;
		}
	}
	printf("bench %s n %u units %u base %llu t", f->name, (unsigned)n,
	       (unsigned)f->units, (unsigned long long)base);
	for (r = 0; r < reps; r++)
		printf(" %llu", (unsigned long long)t[r]);
	printf("\n");
}

/* ------------------------------------------------------------ ePAPR */

static void prep_poll(u32 i, u32 *r)
{
	r[0] = guest.console;
}

/* 16 carriage returns: the console mux drops them, so nothing reaches
 * the UART and the figure is the hcall and byte-channel path alone. */
static void prep_send_cr(u32 i, u32 *r)
{
	r[0] = guest.console;
	r[1] = 16;
	r[2] = r[3] = r[4] = r[5] = 0x0d0d0d0d;
}

/* A 16-byte line, "bench-line 0123\n": the whole console path. */
static void prep_send_line(u32 i, u32 *r)
{
	r[0] = guest.console;
	r[1] = 16;
	r[2] = 0x62656e63;	/* benc */
	r[3] = 0x682d6c69;	/* h-li */
	r[4] = 0x6e652030;	/* ne 0 */
	r[5] = 0x3132330a;	/* 123\n */
}

static void prep_unknown(u32 i, u32 *r)
{
	memset(r, 0, 8 * sizeof(*r));
}

static void bench_epapr(void)
{
	const struct figure figs[] = {
		{ "null-unknown", bench_sc, bench_nosc,
		  EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, UNKNOWN_NUM), 2000, 1,
		  prep_unknown, EV_UNIMPLEMENTED },
		{ "null-poll", bench_sc, bench_nosc,
		  EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_POLL), 2000,
		  1, prep_poll, EV_SUCCESS },
		{ "bytechan-send16-cr", bench_sc, bench_nosc,
		  EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_SEND), 2000,
		  16, prep_send_cr, EV_SUCCESS },
		{ "bytechan-send16-line", bench_sc, bench_nosc,
		  EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_SEND), 8,
		  16, prep_send_line, EV_SUCCESS },
		{ "trap-mfmsr", bench_mfmsr, bench_nop, 0, 2000, 1, NULL, 0 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(figs) / sizeof(figs[0]); i++)
		measure(&figs[i]);
}


/* ------------------------------------------------------------ TLB */
/*
 * A guest TLB miss weir refills: the guest's own mapping (the initial
 * mapped area, one TLB1 entry over its RAM) covers the page, weir's
 * shadow of it is gone. weir's shadows are 4 KiB entries of the real
 * TLB0 (128 sets of 4 ways, a round-robin way): TLB_PAGES pages
 * TLB_SET_STRIDE apart fall in one set, so touching them in turn misses
 * on every touch, while the baseline touches a page that keeps its
 * shadow. The set is chosen away from the pages the loop itself uses
 * (its code, stack, regs[]), which keep theirs. tlb-refill loads,
 * tlb-refill-insn jumps to a blr in each page, tlb-refill-ee loads with
 * MSR[EE] set (as Linux runs: weir then looks for something to deliver).
 * tlb-refill-mix alternates between those pages and TLB_PAGES / 2
 * aliases of them at TLB0_EA, which the guest maps with entries of its
 * TLB0 (as Linux maps its user and vmalloc pages), in the same set: half
 * of its misses find a guest TLB1 entry, half a guest TLB0 entry.
 */
#define TLB_PAGE_SIZE		4096u
#define TLB_SETS		128
#define TLB_SET_STRIDE		(TLB_SETS * TLB_PAGE_SIZE)
#define TLB_PAGES		8
#define INSN_BLR		0x4e800020u
/* calls per figure: a multiple of TLB_PAGES, also at bench-smoke's
 * 1/100, so that every loop starts at the page evicted longest ago */
#define TLB_CALLS		2400

#define TLB0_EA			0x60000000u

static u32 tlb_page[TLB_PAGES], tlb0_page[TLB_PAGES / 2];

/* r[0]: the page of call @i; r[1]: the baseline's, bench_nop (a blr
 * after a nop, in a page that keeps its shadow), for loads and jumps. */
static void prep_tlb(u32 i, u32 *r)
{
	r[0] = tlb_page[i % TLB_PAGES];
	r[1] = (u32)bench_nop;
}

static void prep_tlb_mix(u32 i, u32 *r)
{
	u32 k = (i / 2) % (TLB_PAGES / 2);

	r[0] = i & 1 ? tlb_page[k] : tlb0_page[k];
	r[1] = (u32)bench_nop;
}

/* Guest TLB0 entries (way k of the set) mapping tlb0_page[k] to
 * tlb_page[k], or none (@map false). */
static void tlb0_aliases(u32 set, bool map)
{
	unsigned int k;

	for (k = 0; k < TLB_PAGES / 2; k++) {
		struct tlb_entry e = {
			.mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(k),
			.mas1 = map ? MAS1_VALID | MAS1_TSIZE(TSIZE_4K) : 0,
			.mas2 = (TLB0_EA + k * TLB_SET_STRIDE +
				 set * TLB_PAGE_SIZE) | MAS2_M,
			.mas3 = tlb_page[k] | MAS3_SR | MAS3_SW | MAS3_SX,
		};

		tlb_write(&e);
		tlb0_page[k] = e.mas2 & ~(TLB_PAGE_SIZE - 1);
	}
}

static u32 tlb_set(u32 addr)
{
	return (addr / TLB_PAGE_SIZE) % TLB_SETS;
}

/* A set none of the loop's own pages (code, stack, data) falls in. */
static u32 tlb_free_set(void)
{
	u32 sp, busy[TLB_SETS / 32] = { 0 };
	const u32 used[] = { (u32)run, (u32)prep_tlb, (u32)prep_tlb_mix,
			     (u32)bench_load, (u32)bench_call, (u32)bench_nop,
			     (u32)regs, (u32)tlb_page, (u32)&sp, (u32)measure };
	unsigned int i, j;

	for (i = 0; i < sizeof(used) / sizeof(used[0]); i++)
		for (j = 0; j < 2; j++) { /* the page and the next */
			u32 s = tlb_set(used[i] + j * TLB_PAGE_SIZE);

			busy[s / 32] |= 1u << (s % 32);
		}
	for (i = TLB_SETS / 2; i < TLB_SETS + TLB_SETS / 2; i++)
		if (!(busy[(i % TLB_SETS) / 32] & (1u << (i % 32))))
			return i % TLB_SETS;
	return 0;
}

static void bench_tlb(void)
{
	u32 size = TLB_PAGES * TLB_SET_STRIDE + TLB_SET_STRIDE, base, set;
	u8 *mem = malloc(size);
	const struct figure load = { "tlb-refill", bench_load, bench_load_base,
				     0, TLB_CALLS, 1, prep_tlb, 0 };
	const struct figure load_ee = { "tlb-refill-ee", bench_load,
					bench_load_base, 0, TLB_CALLS, 1,
					prep_tlb, 0 };
	const struct figure call = { "tlb-refill-insn", bench_call,
				     bench_call_base, 0, TLB_CALLS, 1, prep_tlb,
				     0 };
	const struct figure mix = { "tlb-refill-mix", bench_load,
				    bench_load_base, 0, TLB_CALLS, 1,
				    prep_tlb_mix, 0 };
	unsigned int i;

	if (!mem) {
		printf("bench-fail tlb-refill no %u bytes of heap\n",
		       (unsigned)size);
		failures++;
		return;
	}
	set = tlb_free_set();
	base = ((u32)mem + TLB_SET_STRIDE - 1) & ~(TLB_SET_STRIDE - 1);
	for (i = 0; i < TLB_PAGES; i++) {
		u32 *p = (u32 *)(base + i * TLB_SET_STRIDE + set * TLB_PAGE_SIZE);

		*p = INSN_BLR;
		__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0; sync; isync"
				     : : "r"(p) : "memory");
		tlb_page[i] = (u32)p;
	}
	measure(&load);
	__asm__ __volatile__("wrteei 1" : : : "memory");
	measure(&load_ee);
	__asm__ __volatile__("wrteei 0" : : : "memory");
	measure(&call);
	tlb0_aliases(set, true);
	measure(&mix);
	tlb0_aliases(set, false);
	free(mem);
}


/* ------------------------------------------------------------ PAPR TCE */
/*
 * The PAPR hcalls reach weir as ePAPR vendor 3 (doc/tce.md "Guest ABI"):
 * r11 = 0x30000 | opcode, LIOBN in r3, every 64-bit value a register
 * pair (high word first). Opcodes and codes are LoPAR's.
 */
#define PAPR_TOKEN(op)		PAPR_EPAPR_TOKEN(op)
#define TCE_RW			0x3
#define SZ_4K			0x1000u
#define SZ_16M			0x1000000u
#define LIST_MAX		512

static struct {
	bool found;
	u32 liobn;		/* default window */
	u32 buid_hi, buid_lo;
	u32 query, create, remove;	/* RTAS tokens */
	u32 ddw_liobn;		/* while a DDW exists */
} dma;

/* Two INDIRECT lists: [0] maps, [1] clears. Big-endian u64 = native. */
static u64 tce_list[2][LIST_MAX] __attribute__((aligned(4096)));
static u8 dma_page[SZ_4K] __attribute__((aligned(4096)));
static u32 rtas_buf[16];
static u32 ddw_start_hi, ddw_start_lo;	/* bus address of the DDW */

static bool dma_find(const void *fdt)
{
	const char *compat[] = { DT_COMPAT_DMA_ENGINE, DT_COMPAT_DMA_GROUP };
	const fdt32_t *p;
	unsigned int i;
	int node = -1, len;

	for (i = 0; i < 2 && node < 0; i++)
		node = fdt_node_offset_by_compatible(fdt, -1, compat[i]);
	if (node < 0)
		return false;
	p = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, &len);
	if (!p || len < 4)
		return false;
	dma.liobn = fdt32_to_cpu(p[0]);
	p = fdt_getprop(fdt, node, DT_PROP_BUID, &len);
	if (p && len == 8) {
		dma.buid_hi = fdt32_to_cpu(p[0]);
		dma.buid_lo = fdt32_to_cpu(p[1]);
	}
	p = fdt_getprop(fdt, node, DT_PROP_DDW_APPLICABLE, &len);
	if (p && len == 12) {
		dma.query = fdt32_to_cpu(p[0]);
		dma.create = fdt32_to_cpu(p[1]);
		dma.remove = fdt32_to_cpu(p[2]);
	}
	dma.found = true;
	return true;
}

/* H_RTAS with @nargs args and @nret returns; returns the RTAS status. */
static s32 rtas(u32 token, u32 nargs, u32 nret, const u32 *args, u32 *rets)
{
	u32 r[8] = { (u32)rtas_buf };
	unsigned int i;

	rtas_buf[0] = token;
	rtas_buf[1] = nargs;
	rtas_buf[2] = nret;
	for (i = 0; i < nargs; i++)
		rtas_buf[3 + i] = args[i];
	for (i = 0; i < nret; i++)
		rtas_buf[3 + nargs + i] = 0xdeadbeef;
	bench_sc(PAPR_TOKEN(H_RTAS), r);
	if (r[0] != 0)
		return -9999;
	for (i = 0; i < nret; i++)
		rets[i] = rtas_buf[3 + nargs + i];
	return (s32)rets[0];
}

static s32 ddw_remove(u32 liobn)
{
	u32 ret[1];

	return rtas(dma.remove, 1, 1, &liobn, ret);
}

/* Remove the default window, create a DDW of 2^@wshift with 2^@pshift
 * pages; its LIOBN goes to dma.ddw_liobn. */
static s32 ddw_create(u32 pshift, u32 wshift)
{
	u32 args[5] = { 0, dma.buid_hi, dma.buid_lo, pshift, wshift };
	u32 ret[4];
	s32 st;

	st = ddw_remove(dma.liobn);
	if (st)
		return st;
	st = rtas(dma.create, 5, 4, args, ret);
	if (!st) {
		dma.ddw_liobn = ret[1];
		ddw_start_hi = ret[2];
		ddw_start_lo = ret[3];
	}
	return st;
}

static u32 tce_liobn;		/* window the prep functions use */

static void prep_get(u32 i, u32 *r)
{
	r[0] = tce_liobn;
	r[1] = 0;
	r[2] = (i & 255) * SZ_4K;
}

/* Map on even calls, clear on odd ones, never the first TCE of an IOMMU
 * slot (4 MiB): every call changes the table but no slot changes state,
 * so this is the TCE path alone; pamu-commit-1 is the path with a commit. */
static void prep_put(u32 i, u32 *r)
{
	r[0] = tce_liobn;
	r[1] = 0;
	r[2] = (1 + ((i >> 1) & 255)) * SZ_4K;
	r[3] = 0;
	r[4] = i & 1 ? 0 : (u32)dma_page | TCE_RW;
}

/* DDW with 16 MiB pages: IOBA from the DDW start, one slot per TCE. */

static void prep_put_ddw(u32 i, u32 *r)
{
	r[0] = tce_liobn;
	r[1] = ddw_start_hi;
	r[2] = ddw_start_lo + ((i >> 1) & 15) * SZ_16M;
	r[3] = 0;
	r[4] = i & 1 ? 0 : ((i >> 1) & 3) * SZ_16M | TCE_RW;
}

static u32 list_count;

static void prep_indirect(u32 i, u32 *r)
{
	r[0] = tce_liobn;
	r[1] = 0;
	r[2] = 0;
	r[3] = 0;
	r[4] = (u32)tce_list[i & 1];
	r[5] = list_count;
}

static void prep_indirect_ddw(u32 i, u32 *r)
{
	prep_indirect(i, r);
	r[1] = ddw_start_hi;
	r[2] = ddw_start_lo;
}

static void prep_stuff(u32 i, u32 *r)
{
	r[0] = tce_liobn;
	r[1] = 0;
	r[2] = 0;
	r[3] = 0;
	r[4] = 0;
	r[5] = list_count;
}

/* Linux's boot clear of a 1 GiB window: 512 x STUFF(512) from IOBA 0. */
static void prep_sweep(u32 i, u32 *r)
{
	prep_stuff(i, r);
	r[2] = (i & 511) * 512 * SZ_4K;
	r[5] = 512;
}

static void fill_lists(unsigned int n, u32 page, u32 step, u32 npages)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		tce_list[0][i] = (u64)(page + (i % npages) * step) | TCE_RW;
		tce_list[1][i] = 0;
	}
}

static void measure_tce(const char *name, u32 op, u32 n, u32 units,
			prep_t prep, u32 count)
{
	struct figure f = { name, bench_sc, bench_nosc, PAPR_TOKEN(op), n,
			    units, prep, 0 };

	list_count = count;
	measure(&f);
}

/* DDW create + map 1 GiB with 16 MiB pages + remove, as one call. */
static void ddw_cycle(u32 i, u32 *r)
{
	u32 args[5] = { 0, dma.buid_hi, dma.buid_lo, 24, 30 };
	u32 ret[4], regs2[8];
	s32 st;

	st = ddw_remove(dma.liobn);
	if (!st)
		st = rtas(dma.create, 5, 4, args, ret);
	if (!st) {
		regs2[0] = ret[1];
		regs2[1] = ret[2];
		regs2[2] = ret[3];
		regs2[3] = 0;
		regs2[4] = (u32)tce_list[0];
		regs2[5] = 64;
		bench_sc(PAPR_TOKEN(H_PUT_TCE_INDIRECT), regs2);
		st = (s32)regs2[0];
		if (ddw_remove(ret[1]) && !st)
			st = -1;
	}
	/* what measure() checks: 0 when every step succeeded */
	r[0] = (u32)st;
}

static void nop_cycle(u32 i, u32 *r)
{
	r[0] = 0;
}

static void bench_tce(const void *fdt)
{
	s32 st;

	if (!dma_find(fdt)) {
		printf("bench-skip tce: no weir,dma-group node in the device tree\n");
		return;
	}
	/* default window, 4 KiB pages */
	tce_liobn = dma.liobn;
	measure_tce("get-tce", H_GET_TCE, 2000, 1, prep_get, 0);
	measure_tce("put-tce", H_PUT_TCE, 2000, 1, prep_put, 0);
	fill_lists(LIST_MAX, (u32)dma_page, 0, 1);
	measure_tce("indirect-1", H_PUT_TCE_INDIRECT, 1000, 1, prep_indirect, 1);
	measure_tce("indirect-64", H_PUT_TCE_INDIRECT, 200, 64, prep_indirect, 64);
	measure_tce("indirect-512", H_PUT_TCE_INDIRECT, 40, 512, prep_indirect, 512);
	measure_tce("stuff-1", H_STUFF_TCE, 1000, 1, prep_stuff, 1);
	measure_tce("stuff-512", H_STUFF_TCE, 100, 512, prep_stuff, 512);
	measure_tce("linux-clear-1g", H_STUFF_TCE, 512, 512, prep_sweep, 512);
	if (!dma.create) {
		printf("bench-skip ddw: no ibm,ddw-applicable\n");
		return;
	}
	/* create + map + remove: the calls are made by ddw_cycle() itself */
	fill_lists(64, 0, SZ_16M, 4);
	{
		struct figure f = { "ddw-cycle-1g", bench_nop, bench_nop, 0, 20, 1,
				    NULL, 0 };
		u64 t0, base = ~0ull, t[REPS_MAX];
		unsigned int r, n = f.n / divisor ? f.n / divisor : 1, k;

		for (r = 0; r < (reps < 3 ? reps : 3); r++) {
			u64 b = run(bench_nop, 0, n, nop_cycle);

			base = b < base ? b : base;
		}
		for (r = 0; r < reps; r++) {
			t0 = get_tb();
			for (k = 0; k < n; k++) {
				ddw_cycle(k, regs);
				if (regs[0]) {
					printf("bench-fail ddw-cycle-1g status %d\n",
					       (int)regs[0]);
					failures++;
					return;
				}
			}
			t[r] = get_tb() - t0;
		}
		printf("bench ddw-cycle-1g n %u units 1 base %llu t", n,
		       (unsigned long long)base);
		for (r = 0; r < reps; r++)
			printf(" %llu", (unsigned long long)t[r]);
		printf("\n");
	}
	/* PAMU commits on an exact DDW (one subwindow per TCE), 4 GiB of
	 * 16 MiB pages = 256 TCEs = 256 subwindows. */
	st = ddw_create(24, 32);
	if (st) {
		printf("bench-fail ddw-create status %d\n", (int)st);
		failures++;
		return;
	}
	tce_liobn = dma.ddw_liobn;
	measure_tce("pamu-commit-1", H_PUT_TCE, 1000, 1, prep_put_ddw, 0);
	fill_lists(256, 0, SZ_16M, 4);
	measure_tce("pamu-commit-256", H_PUT_TCE_INDIRECT, 40, 256,
		    prep_indirect_ddw, 256);
	st = ddw_remove(dma.ddw_liobn);
	if (st) {
		printf("bench-fail ddw-remove status %d\n", (int)st);
		failures++;
	}
}

static void calibrate(void)
{
	u64 t1, t2, t0;

	t0 = get_tb();
	bench_calib(250000);
	t1 = get_tb() - t0;
	t0 = get_tb();
	bench_calib(500000);
	t2 = get_tb() - t0;
	printf("bench-calib 250000 %llu 500000 %llu\n", (unsigned long long)t1,
	       (unsigned long long)t2);
}

static unsigned int bootarg(const void *fdt, const char *key, unsigned int def,
			    unsigned int max)
{
	const char *args = NULL, *p;
	int node, len;
	unsigned long v;

	node = fdt_path_offset(fdt, "/chosen");
	if (node >= 0)
		args = fdt_getprop(fdt, node, "bootargs", &len);
	p = args ? strstr(args, key) : NULL;
	if (!p)
		return def;
	v = strtoul(p + strlen(key), NULL, 0);
	return v >= 1 && v <= max ? (unsigned int)v : def;
}

void guest_main(void *fdt)
{
	reps = bootarg(fdt, "bench.reps=", REPS_MAX, REPS_MAX);
	divisor = bootarg(fdt, "bench.div=", 1, 1000);
	printf("bench-tb %u\n", (unsigned)guest.tb_freq);
	printf("bench-entry %u %u %u\n", (unsigned)guest_entry_tb[0],
	       (unsigned)guest_entry_tb[1], (unsigned)guest_entry_tb[2]);
	calibrate();
	bench_epapr();
	bench_tlb();
	bench_tce(fdt);
	printf("bench-done %d\n", failures);
}
