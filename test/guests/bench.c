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
	printf("bench-done %d\n", failures);
}
