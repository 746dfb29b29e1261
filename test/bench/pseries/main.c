// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hcall script of `make bench` on QEMU pseries, for the wall-clock
 * comparison (test/bench/pseries.py): a bare-metal 64-bit big-endian
 * program (start.S). QEMU's PAPR hcalls are native C in the emulator
 * (hw/ppc/spapr_hcall.c, spapr_iommu.c), so the ratio to weir shows the
 * price of handling them in a real hypervisor that itself runs under
 * emulation.
 *
 * hcalls: `sc 1`, r3 = opcode, arguments from r4, status r3 (LoPAR).
 * Console: H_PUT_TERM_CHAR to vty 0. The PHB's default DMA window is
 * QEMU's: LIOBN SPAPR_PCI_LIOBN(0, 0) = 0x80000000, bus 0, 1 GiB of
 * 4 KiB pages (hw/ppc/spapr_pci.c); the time base runs at 512 MHz
 * (SPAPR_TIMEBASE_FREQ, hw/ppc/spapr.c). The first call checks the
 * window exists.
 *
 * Output: the bench guest's line format (test/guests/bench.c), each
 * figure timed as n calls against a loop whose stub has a nop for the
 * sc, REPS times:
 *   bench-tb <hz>
 *   bench <name> n <calls> units <u> base <ticks> t <ticks>...
 *   bench-fail <name> status <s>
 *   bench-done <failures>
 */
typedef unsigned long u64;
typedef unsigned int u32;

#define H_GET_TCE		0x1C
#define H_PUT_TCE		0x20
#define H_PUT_TERM_CHAR		0x58
#define H_STUFF_TCE		0x138
#define H_PUT_TCE_INDIRECT	0x13C
#define H_UNKNOWN		0x7ffc	/* no hcall has this number */
#define LIOBN			0x80000000ul
#define TB_HZ			512000000ul
#define RW			0x3ul
#define SZ_4K			0x1000ul
#define REPS			11

extern char __bss_start[], __bss_end[];

/* regs[0..6] -> r3..r9 (r3 = opcode), sc 1, regs[0] = r3 after. */
void hc_sc(u64 *regs);
void hc_nop(u64 *regs);

#define STUB(name, insn)						\
	"	.section .text." #name ", \"ax\"\n"			\
	"	.globl " #name "\n"					\
	"	.section .opd, \"aw\"\n"				\
	"	.align 3\n"						\
	#name ":\n"							\
	"	.quad .L." #name ", .TOC.@tocbase, 0\n"			\
	"	.previous\n"						\
	".L." #name ":\n"						\
	"	std	%r3, -8(%r1)\n"					\
	"	mr	%r12, %r3\n"					\
	"	ld	%r3, 0(%r12)\n"					\
	"	ld	%r4, 8(%r12)\n"					\
	"	ld	%r5, 16(%r12)\n"				\
	"	ld	%r6, 24(%r12)\n"				\
	"	ld	%r7, 32(%r12)\n"				\
	"	ld	%r8, 40(%r12)\n"				\
	"	ld	%r9, 48(%r12)\n"				\
	"	" insn "\n"						\
	"	ld	%r12, -8(%r1)\n"				\
	"	std	%r3, 0(%r12)\n"					\
	"	std	%r4, 8(%r12)\n"					\
	"	blr\n"

__asm__(STUB(hc_sc, "sc 1") STUB(hc_nop, "nop"));

static u64 regs[8];
static u64 tce_list[2][512] __attribute__((aligned(4096)));
static unsigned char dma_page[4096] __attribute__((aligned(4096)));
static int failures;

static u64 tb(void)
{
	u64 t;

	__asm__ __volatile__("mftb %0" : "=r"(t));
	return t;
}

static void puts16(const char *s, u64 n)
{
	u64 w[2] = { 0, 0 }, i;

	for (i = 0; i < n; i++)
		w[i / 8] |= (u64)(unsigned char)s[i] << (56 - 8 * (i % 8));
	u64 r[8] = { H_PUT_TERM_CHAR, 0, n, w[0], w[1] };
	hc_sc(r);
}

static char line[256];
static u64 line_len;

static void out_str(const char *s)
{
	while (*s && line_len < sizeof(line))
		line[line_len++] = *s++;
}

static void out_num(u64 v)
{
	char buf[24];
	int i = 0;

	do {
		buf[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i && line_len < sizeof(line))
		line[line_len++] = buf[--i];
}

static void out_flush(void)
{
	u64 i;

	out_str("\r\n");
	for (i = 0; i < line_len; i += 16)
		puts16(line + i, line_len - i < 16 ? line_len - i : 16);
	line_len = 0;
}

typedef void (*prep_t)(u64 i, u64 *r);

static u64 run(void (*stub)(u64 *), u64 n, prep_t prep)
{
	u64 t0 = tb(), i;

	for (i = 0; i < n; i++) {
		prep(i, regs);
		stub(regs);
	}
	return tb() - t0;
}

static void measure(const char *name, u64 n, u64 units, prep_t prep, long want)
{
	u64 base = ~0ul, t[REPS], b;
	int r;

	for (r = 0; r < 3; r++) {
		b = run(hc_nop, n, prep);
		base = b < base ? b : base;
	}
	for (r = 0; r < REPS; r++) {
		t[r] = run(hc_sc, n, prep);
		if ((long)regs[0] != want) {
			out_str("bench-fail ");
			out_str(name);
			out_str(" status ");
			out_num(regs[0]);
			out_flush();
			failures++;
			return;
		}
	}
	out_str("bench ");
	out_str(name);
	out_str(" n ");
	out_num(n);
	out_str(" units ");
	out_num(units);
	out_str(" base ");
	out_num(base);
	out_str(" t");
	for (r = 0; r < REPS; r++) {
		out_str(" ");
		out_num(t[r]);
	}
	out_flush();
}

/* The same operations as test/guests/bench.c, in PAPR's register ABI. */
static void prep_unknown(u64 i, u64 *r)
{
	r[0] = H_UNKNOWN;
}

static void prep_get(u64 i, u64 *r)
{
	r[0] = H_GET_TCE;
	r[1] = LIOBN;
	r[2] = (i & 255) * SZ_4K;
}

static void prep_put(u64 i, u64 *r)
{
	r[0] = H_PUT_TCE;
	r[1] = LIOBN;
	r[2] = (1 + ((i >> 1) & 255)) * SZ_4K;
	r[3] = i & 1 ? 0 : (u64)dma_page | RW;
}

static u64 list_count;

static void prep_indirect(u64 i, u64 *r)
{
	r[0] = H_PUT_TCE_INDIRECT;
	r[1] = LIOBN;
	r[2] = 0;
	r[3] = (u64)tce_list[i & 1];
	r[4] = list_count;
}

static void prep_stuff(u64 i, u64 *r)
{
	r[0] = H_STUFF_TCE;
	r[1] = LIOBN;
	r[2] = 0;
	r[3] = 0;
	r[4] = list_count;
}

static void prep_sweep(u64 i, u64 *r)
{
	prep_stuff(i, r);
	r[2] = (i & 511) * 512 * SZ_4K;
	r[4] = 512;
}

void pseries_main(void *fdt)
{
	char *p;
	u64 i;

	for (p = __bss_start; p < __bss_end; p++)
		*p = 0;
	for (i = 0; i < 512; i++)
		tce_list[0][i] = (u64)dma_page | RW;
	out_str("bench-tb ");
	out_num(TB_HZ);
	out_flush();
	measure("null-unknown", 2000, 1, prep_unknown, -2 /* H_FUNCTION */);
	measure("get-tce", 2000, 1, prep_get, 0);
	measure("put-tce", 2000, 1, prep_put, 0);
	list_count = 1;
	measure("indirect-1", 1000, 1, prep_indirect, 0);
	list_count = 64;
	measure("indirect-64", 200, 64, prep_indirect, 0);
	list_count = 512;
	measure("indirect-512", 40, 512, prep_indirect, 0);
	list_count = 1;
	measure("stuff-1", 1000, 1, prep_stuff, 0);
	list_count = 512;
	measure("stuff-512", 100, 512, prep_stuff, 0);
	measure("linux-clear-1g", 512, 512, prep_sweep, 0);
	out_str("bench-done ");
	out_num((u64)failures);
	out_flush();
	for (;;)
		;
}
