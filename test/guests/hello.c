// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hello: the ePAPR contract test. Greets, checks the entry state and the
 * device tree, the hcall error paths, the decrementer, EV_IDLE wake-up
 * and that `sc 1` from its own user mode is refused, then beats.
 * Every check prints "check <what>: ok" or
 * "check <what>: FAIL (got X want Y)".
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define XSTR(x)		STR(x)
#define STR(x)		#x
#define EPAPR_MAGIC	0x45504150	/* "EPAP" */
#define BAD_HANDLE	0xdeadbeef
#define USER_EA		0x50000000	/* where hello maps its user page */
#define REMAP_EA	0x51000000	/* emul_remap()'s code alias */
#define REFILL_EA	0x52000000	/* tlb_refill()'s alias of page A or B */
#define SC_EA_A		0x53000000	/* sc_remap()'s alias of page A or B */
#define SC_EA_B		0x54000000	/* and of page B */
#define SC_MARK		0x5c0		/* r3 from the guest's own sc handler */

static int failed;

static void report(const char *what, const char *got, const char *want)
{
	if (!got) {
		printf("check %s: ok\n", what);
		return;
	}
	failed++;
	printf("check %s: FAIL (got %s want %s)\n", what, got, want);
}

static void check_num(const char *what, u32 got, u32 want)
{
	char g[16], w[16];

	if (got == want) {
		report(what, NULL, NULL);
		return;
	}
	snprintf(g, sizeof(g), "%u", (unsigned)got);
	snprintf(w, sizeof(w), "%u", (unsigned)want);
	report(what, g, w);
}

/* ------------------------------------------------------------ entry, DT */

static char got_buf[96], want_buf[96];
#define GOT(...)	snprintf(got_buf, sizeof(got_buf), __VA_ARGS__)
#define WANT(...)	snprintf(want_buf, sizeof(want_buf), __VA_ARGS__)
#define PROBLEM(g, w)	do { g; w; return false; } while (0)

static bool entry_state(void)
{
	u32 dt_end = (u32)guest.fdt + fdt_totalsize(guest.fdt);
	u64 lim = guest.ram_size < (64u << 20) ? guest.ram_size : 64u << 20;
	u64 map = 4096;

	/* min(RAM, 64 MiB), rounded down to a TLB1 size (4^n KiB) */
	while (map * 4 <= lim)
		map *= 4;

	if (guest.entry_r6 != EPAPR_MAGIC)
		PROBLEM(GOT("r6=0x%08x", (unsigned)guest.entry_r6),
			WANT("r6=0x%08x", EPAPR_MAGIC));
	if (guest.entry_r7 != map)
		PROBLEM(GOT("r7=0x%08x", (unsigned)guest.entry_r7),
			WANT("r7=0x%08x (min(RAM, 64 MiB) as 4^n KiB)",
			     (unsigned)map));
	if (guest.entry_msr & (MSR_EE | MSR_PR | MSR_IS | MSR_DS))
		PROBLEM(GOT("msr=0x%08x", (unsigned)guest.entry_msr),
			WANT("EE=PR=IS=DS=0"));
	if (dt_end > guest.entry_r7)
		PROBLEM(GOT("device tree end 0x%08x", (unsigned)dt_end),
			WANT("inside the initial mapped area"));
	return true;
}

/*
 * The registers a guest reaches without a trap start at zero, after a
 * boot and after a restart: SPRG3-7 (read through their user aliases
 * 259-263), USPRG0, the FPRs and FPSCR. Then they are dirtied, so that a
 * restart that kept them shows here the next time.
 */
static bool regs_clear(void)
{
	static u64 fpr[33] __attribute__((aligned(8)));
	static const u64 junk = 0x5a5a5a5a12345678ull;
	u32 sprg[6], i;

	sprg[0] = mfspr(259);
	sprg[1] = mfspr(260);
	sprg[2] = mfspr(261);
	sprg[3] = mfspr(262);
	sprg[4] = mfspr(263);
	sprg[5] = mfspr(256);
	mtmsr(mfmsr() | MSR_FP);
	__asm__ __volatile__(
		"stfd 0,0(%0)\n\tstfd 1,8(%0)\n\tstfd 2,16(%0)\n\t"
		"stfd 3,24(%0)\n\tstfd 4,32(%0)\n\tstfd 5,40(%0)\n\t"
		"stfd 6,48(%0)\n\tstfd 7,56(%0)\n\tstfd 8,64(%0)\n\t"
		"stfd 9,72(%0)\n\tstfd 10,80(%0)\n\tstfd 11,88(%0)\n\t"
		"stfd 12,96(%0)\n\tstfd 13,104(%0)\n\tstfd 14,112(%0)\n\t"
		"stfd 15,120(%0)\n\tstfd 16,128(%0)\n\tstfd 17,136(%0)\n\t"
		"stfd 18,144(%0)\n\tstfd 19,152(%0)\n\tstfd 20,160(%0)\n\t"
		"stfd 21,168(%0)\n\tstfd 22,176(%0)\n\tstfd 23,184(%0)\n\t"
		"stfd 24,192(%0)\n\tstfd 25,200(%0)\n\tstfd 26,208(%0)\n\t"
		"stfd 27,216(%0)\n\tstfd 28,224(%0)\n\tstfd 29,232(%0)\n\t"
		"stfd 30,240(%0)\n\tstfd 31,248(%0)\n\t"
		"mffs 0\n\tstfd 0,256(%0)"
		: : "b"(fpr) : "memory");

	/* dirty them for the next start */
	mtspr(SPR_SPRG3, 0x5a5a0003);
	mtspr(SPR_SPRG3 + 1, 0x5a5a0004);
	mtspr(SPR_SPRG3 + 2, 0x5a5a0005);
	mtspr(SPR_SPRG3 + 3, 0x5a5a0006);
	mtspr(SPR_SPRG3 + 4, 0x5a5a0007);
	mtspr(256, 0x5a5a0100);
	__asm__ __volatile__(
		"lfd 0,0(%0)\n\tmtfsf 0xff,0\n\tfmr 1,0\n\tfmr 17,0\n\tfmr 31,0"
		: : "b"(&junk) : "memory");

	for (i = 0; i < 6; i++)
		if (sprg[i])
			PROBLEM(GOT("%s = 0x%08x", i < 5 ? "SPRG3-7" : "USPRG0",
				    (unsigned)sprg[i]), WANT("0"));
	for (i = 0; i < 33; i++)
		if (fpr[i])
			PROBLEM(GOT("%s%u = 0x%016llx", i < 32 ? "f" : "FPSCR ",
				    i < 32 ? (unsigned)i : 0,
				    (unsigned long long)fpr[i]), WANT("0"));
	return true;
}

static bool dt_hypervisor(const void *fdt)
{
	const fdt32_t *p;
	int node, len;

	node = fdt_path_offset(fdt, "/hypervisor");
	if (node < 0)
		PROBLEM(GOT("no /hypervisor"), WANT("/hypervisor"));
	if (fdt_node_check_compatible(fdt, node, DT_COMPAT_HYPERVISOR))
		PROBLEM(GOT("compatible without it"), WANT(DT_COMPAT_HYPERVISOR));
	p = fdt_getprop(fdt, node, "hcall-instructions", &len);
	if (!p || len < 4 || len > 16 || len % 4)
		PROBLEM(GOT("hcall-instructions len %d", p ? len : -1),
			WANT("1..4 cells"));
	if (len == 4 && fdt32_to_cpu(p[0]) != EPAPR_HCALL_INSN)
		PROBLEM(GOT("hcall-instructions <0x%08x>", (unsigned)fdt32_to_cpu(p[0])),
			WANT("<0x%08x> (sc 1)", EPAPR_HCALL_INSN));
	p = fdt_getprop(fdt, node, "guest-id", &len);
	if (!p || len != 4)
		PROBLEM(GOT("guest-id len %d", p ? len : -1), WANT("<u32>"));
	if (!fdt_getprop(fdt, node, "guest-name", &len) || len < 2)
		PROBLEM(GOT("no guest-name"), WANT("string"));
	if (!fdt_getprop(fdt, node, DT_PROP_HV_VERSION, &len))
		PROBLEM(GOT("no fsl,hv-version"), WANT(DT_PROP_HV_VERSION));
	return true;
}

static bool dt_console(const void *fdt)
{
	const char *path, *colon;
	const fdt32_t *p, *c;
	int chosen, node, len, pic, cells;

	chosen = fdt_path_offset(fdt, "/chosen");
	path = chosen < 0 ? NULL : fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		PROBLEM(GOT("no /chosen/stdout-path"), WANT("stdout-path"));
	colon = strchr(path, ':');
	node = fdt_path_offset_namelen(fdt, path, colon ? colon - path : (int)strlen(path));
	if (node < 0)
		PROBLEM(GOT("stdout-path %s unresolved", path), WANT("a node"));
	if (fdt_node_check_compatible(fdt, node, DT_COMPAT_BYTE_CHANNEL))
		PROBLEM(GOT("%s not a byte channel", path),
			WANT(DT_COMPAT_BYTE_CHANNEL));
	p = fdt_getprop(fdt, node, DT_PROP_HV_HANDLE, &len);
	if (!p || len != 4)
		PROBLEM(GOT("hv-handle len %d", p ? len : -1), WANT("<u32>"));
	p = fdt_getprop(fdt, node, "interrupts", &len);
	pic = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_HV_PIC);
	c = pic < 0 ? NULL : fdt_getprop(fdt, pic, "#interrupt-cells", NULL);
	cells = c ? (int)fdt32_to_cpu(*c) : 2;
	if (!p || len != 8 * cells)
		PROBLEM(GOT("interrupts len %d", p ? len : -1),
			WANT("<rx sense tx sense> (%d bytes)", 8 * cells));
	return true;
}

static bool dt_pic(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_HV_PIC);

	if (node < 0)
		PROBLEM(GOT("no epapr,hv-pic node"), WANT("one"));
	if (!fdt_getprop(fdt, node, "interrupt-controller", NULL))
		PROBLEM(GOT("no interrupt-controller"), WANT("interrupt-controller"));
	return true;
}

static bool dt_memory(const void *fdt)
{
	const fdt32_t *p;
	int node, len;
	u64 base, size;

	if (fdt_address_cells(fdt, 0) != 2 || fdt_size_cells(fdt, 0) != 2)
		PROBLEM(GOT("#address-cells %d #size-cells %d",
			    fdt_address_cells(fdt, 0), fdt_size_cells(fdt, 0)),
			WANT("2 and 2"));
	node = fdt_path_offset(fdt, "/memory");
	p = node < 0 ? NULL : fdt_getprop(fdt, node, "reg", &len);
	if (!p || len != 16)
		PROBLEM(GOT("/memory reg len %d", p ? len : -1), WANT("16"));
	base = (u64)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
	size = (u64)fdt32_to_cpu(p[2]) << 32 | fdt32_to_cpu(p[3]);
	if (base != 0 || size < (16u << 20))
		PROBLEM(GOT("0x%llx+0x%llx", (unsigned long long)base,
			    (unsigned long long)size),
			WANT("0+(>= 16 MiB)"));
	return true;
}

static bool dt_timebase(const void *fdt)
{
	if (!guest.tb_freq)
		PROBLEM(GOT("no /cpus/cpu@0 timebase-frequency"), WANT("<u32>"));
	return true;
}

static void check_bool(const char *what, bool ok)
{
	report(what, ok ? NULL : got_buf, want_buf);
}

/* ------------------------------------------------------------ hcalls */

/* Unknown token: EV_UNIMPLEMENTED and r4..r10 untouched. */
static void check_unknown(const char *what, u32 token)
{
	/* PAPR (vendor 3) callers get H_FUNCTION (-2), others EV_UNIMPLEMENTED */
	u32 want = (token >> 16) == 3 ? (u32)-2 : EV_UNIMPLEMENTED;
	u32 in[8], out[8], st;
	char g[48], w[48];
	int i;

	in[0] = 0;
	for (i = 1; i < 8; i++)
		in[i] = 0xa5a50000 | (3 + i);	/* r4 = 0xa5a50004 ... */
	st = hcall_raw(token, in, out);
	if (st != want) {
		check_num(what, st, want);
		return;
	}
	for (i = 1; i < 8; i++) {
		if (out[i] != in[i]) {
			snprintf(g, sizeof(g), "r%d=0x%08x", 3 + i, (unsigned)out[i]);
			snprintf(w, sizeof(w), "0x%08x", (unsigned)in[i]);
			report(what, g, w);
			return;
		}
	}
	report(what, NULL, NULL);
}

static void hcall_checks(void)
{
	static const char junk[16] = "count-17 leaked\n";
	u32 st, v, rx, tx;
	char buf[16];

	check_unknown("unknown-token-1-8", EV_HCALL_TOKEN(1, 8));
	check_unknown("unknown-token-3-1", EV_HCALL_TOKEN(3, 1));
	check_unknown("unknown-token-1-0", EV_HCALL_TOKEN(1, 0));

	st = ev_byte_channel_poll(guest.console, &rx, &tx);
	check_num("poll-console", st, EV_SUCCESS);
	st = ev_byte_channel_send(BAD_HANDLE, 4, "bad\n", NULL);
	check_num("send-bad-handle", st, EV_EINVAL);
	st = ev_byte_channel_send(guest.console, 17, junk, NULL);
	check_num("send-count-17", st, EV_EINVAL);
	st = ev_byte_channel_receive(BAD_HANDLE, 16, buf, NULL);
	check_num("receive-bad-handle", st, EV_EINVAL);
	/* EV_EINVAL; a hypervisor that hides from a non-manager which ids
	 * exist answers EV_EPERM, which is as good */
	st = fh_partition_stop(99);
	check_num("stop-nonexistent", st == EV_EPERM ? EV_EINVAL : st, EV_EINVAL);

	v = 0xffff;
	st = fh_partition_get_status((u32)-1, &v);
	if (st != EV_SUCCESS)
		check_num("status-self", st, EV_SUCCESS);
	else
		check_num("status-self", v, FH_PARTITION_RUNNING);
}

/* ------------------------------------------------------------ timer */

static volatile int dec_left;
static u32 dec_ticks;

static void dec_again(void)
{
	if (--dec_left > 0)
		dec_arm(dec_ticks);
}

static void decrementer_checks(void)
{
	u32 before = dec_interrupts, n;
	u64 t0, deadline;

	/* three interrupts, 10 ms apart, waiting with MSR[EE] = 1 */
	dec_ticks = guest.tb_freq ? guest.tb_freq / 100 : 4000000;
	dec_left = 3;
	dec_set_callback(dec_again);
	deadline = get_tb() + 100ull * dec_ticks;	/* 1 s */
	dec_arm(dec_ticks);
	irq_enable();
	while (dec_interrupts - before < 3 && get_tb() < deadline)
		;
	irq_disable();
	dec_set_callback(NULL);
	n = dec_interrupts - before;
	if (n == 3)
		report("decrementer", NULL, NULL);
	else {
		char g[32];

		snprintf(g, sizeof(g), "%u interrupts in 1 s", (unsigned)n);
		report("decrementer", g, "3");
		dec_disarm();
	}

	/* EV_IDLE returns after the decrementer fires (no earlier) */
	if (n != 3) {
		report("idle-wakeup", "no decrementer", "a decrementer interrupt");
		return;
	}
	before = dec_interrupts;
	t0 = get_tb();
	dec_arm(dec_ticks);
	while (dec_interrupts == before)
		ev_idle();
	n = (u32)(get_tb() - t0);
	if (n + dec_ticks / 10 >= dec_ticks)
		report("idle-wakeup", NULL, NULL);
	else {
		char g[32], w[32];

		snprintf(g, sizeof(g), "woke after %u ticks", (unsigned)n);
		snprintf(w, sizeof(w), ">= %u", (unsigned)dec_ticks);
		report("idle-wakeup", g, w);
	}
}

/* ------------------------------------------------------------ user sc 1 */

/*
 * Runs in problem state: EV_IDLE by `sc 1` must raise a privileged
 * Program exception right there. The `sc` after it is a tripwire: it is
 * only reached if the hypervisor executed the hcall for user mode.
 */
__asm__(
"	.section .text.user_sc1, \"ax\"\n"
"	.balign	32\n"
"	.globl	user_sc1_fn, user_sc1_insn\n"
"user_sc1_fn:\n"
"	lis	11, " XSTR(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE)) "@h\n"
"	ori	11, 11, " XSTR(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE)) "@l\n"
"user_sc1_insn:\n"
"	.long	0x44000022\n"		/* sc 1 */
"	sc\n"
"	b	.\n"
"	.previous\n");
extern char user_sc1_fn[], user_sc1_insn[];

static u32 user_expect_pc, user_sup_msr;
static volatile int user_ivor;
static volatile u32 user_pc, user_esr;

static void user_trap(struct gframe *f, int ivor)
{
	user_ivor = ivor;
	user_pc = f->srr0;
	user_esr = f->esr;
	f->gpr[3] = ivor == IVOR_PROGRAM && (f->esr & ESR_PPR) &&
		    f->srr0 == user_expect_pc;
	f->srr0 = (u32)user_return;
	f->srr1 = user_sup_msr;
}

static void user_sc1_check(void)
{
	static const int ivors[] = { IVOR_DATA_STORAGE, IVOR_INSN_STORAGE,
		IVOR_PROGRAM, IVOR_SYSCALL, IVOR_DATA_TLB, IVOR_INSN_TLB };
	exc_handler_t old[6];
	u32 page = (u32)user_sc1_fn & ~0xfffu, ok;
	char g[80], w[48];
	int esel, i;

	esel = tlb1_find_free();
	if (esel < 0) {
		report("user-sc1", "no free TLB1 entry", "one");
		return;
	}
	/* a 4 KiB user-executable alias of the page holding user_sc1_fn */
	tlb1_set(esel, USER_EA, page, TSIZE_4K, MAS2_M,
		 MAS3_UX | MAS3_SX | MAS3_UR | MAS3_SR);
	user_expect_pc = USER_EA + ((u32)user_sc1_insn - page);
	user_sup_msr = mfmsr();
	user_ivor = -1;
	for (i = 0; i < 6; i++)
		old[i] = set_exception_handler(ivors[i], user_trap);

	ok = run_user(USER_EA + ((u32)user_sc1_fn - page),
		      (user_sup_msr | MSR_PR) & ~MSR_EE);

	for (i = 0; i < 6; i++)
		set_exception_handler(ivors[i], old[i]);
	tlb1_clear(esel);

	if (ok) {
		report("user-sc1", NULL, NULL);
		return;
	}
	if (user_ivor == IVOR_SYSCALL)
		snprintf(g, sizeof(g), "hcall executed for user mode (sc at 0x%08x)",
			 (unsigned)user_pc);
	else
		snprintf(g, sizeof(g), "%s at 0x%08x esr 0x%08x", ivor_name(user_ivor),
			 (unsigned)user_pc, (unsigned)user_esr);
	snprintf(w, sizeof(w), "program (PPR) at 0x%08x", (unsigned)user_expect_pc);
	report("user-sc1", g, w);
}

/*
 * weir zeroes a partition's RAM at every (re)start: the second half of
 * the MiB the heartbeat fills (it is the first heap allocation of that
 * size; stdio's buffers sit before it) must read as zero at entry, also
 * after a restart, when the previous run had filled it.
 */
static bool ram_zeroed(void)
{
	const u32 *p = (const u32 *)(guest.heap_start + (512u << 10));
	u32 i;

	if (guest.heap_end - guest.heap_start < (1u << 20) + (64u << 10))
		PROBLEM(GOT("heap of %u bytes", (unsigned)(guest.heap_end - guest.heap_start)),
			WANT("at least 1 MiB"));
	for (i = 0; i < (512u << 10) / 4; i++)
		if (p[i])
			PROBLEM(GOT("0x%08x at 0x%08x", (unsigned)p[i], (unsigned)(u32)&p[i]),
				WANT("zero"));
	return true;
}

/*
 * An emulated privileged instruction changes only its target: CR, CTR,
 * XER and the other GPRs come back as they were. The same mfmsr twice:
 * the first is emulated through weir's generic exit (which caches its
 * page), the second through the fast path (start.S exc_entry_fast).
 */
static bool trap_keeps_regs(void)
{
	u32 cr, ctr, xer, msr, keep = 0x89abcdef;
	int i;

	for (i = 0; i < 2; i++) {
		__asm__ __volatile__(
			"lis %0,0x9234\n\tori %0,%0,0x5678\n\t"
			"mtcrf 0xff,%0\n\tmtctr %0\n\t"
			"lis %2,0xe000\n\tmtxer %2\n\t"
			"mfmsr %3\n\t"
			"mfcr %0\n\tmfctr %1\n\tmfxer %2"
			: "=&r"(cr), "=&r"(ctr), "=&r"(xer), "=&r"(msr),
			  "+r"(keep)
			:
			: "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6",
			  "cr7", "ctr", "xer");
		if (cr != 0x92345678 || ctr != 0x92345678 ||
		    xer != 0xe0000000 || keep != 0x89abcdef)
			PROBLEM(GOT("cr 0x%08x ctr 0x%08x xer 0x%08x r 0x%08x "
				    "(pass %d)",
				    (unsigned)cr, (unsigned)ctr, (unsigned)xer,
				    (unsigned)keep, i),
				WANT("0x92345678 0x92345678 0xe0000000 "
				     "0x89abcdef"));
	}
	(void)msr;
	return true;
}

/*
 * weir caches the translation of the page of the last emulated
 * instruction (struct vtlb emul) and start.S emulates mfmsr, wrtee and
 * wrteei through it: every guest TLB change must drop it. REMAP_EA maps
 * page A or B; both begin with `tlbwe; isync` and the MAS registers are
 * set beforehand to map REMAP_EA to the other page, so the call's TLB
 * change is emulated from the page itself (filling the cache with it)
 * and the next trapping instruction, at the same EA, is in the other
 * page: A `mfmsr r4; li r3,1; blr`, B `mfmsr r3; blr`. A kept
 * translation would emulate the old page's word: r3 stays the argument
 * 0xdead (to B) or becomes the MSR (to A). Four switches, A B A B.
 * wrteei/wrtee around the calls check their MSR[EE] effect as well.
 */
static u32 remap_code[2][1024] __attribute__((aligned(4096)));

static void remap_write(u32 *slot, const u32 *insn, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		slot[i] = insn[i];
		__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0"
				     : : "r"(&slot[i]) : "memory");
	}
	__asm__ __volatile__("sync; isync" : : : "memory");
}

static bool emul_remap(void)
{
	static const u32 a[] = { 0x7c0007a4, 0x4c00012c, 0x7c8000a6,
				 0x38600001, 0x4e800020 };
	static const u32 b[] = { 0x7c0007a4, 0x4c00012c, 0x7c6000a6,
				 0x4e800020 };
	u32 (*fn)(u32) = (u32 (*)(u32))REMAP_EA;
	u32 msr = mfmsr(), m0, m1, got, want, perms = MAS3_SX | MAS3_SR;
	int esel, n, i;

	remap_write(remap_code[0], a, 5);
	remap_write(remap_code[1], b, 4);
	esel = tlb1_find_free();
	if (esel < 0)
		PROBLEM(GOT("no free TLB1 entry"), WANT("one"));
	tlb1_set(esel, REMAP_EA, (u32)remap_code[1], TSIZE_4K, MAS2_M, perms);
	for (n = 0; n < 4; n++) {
		/* what the page's own tlbwe writes: REMAP_EA -> A, B, A, B */
		mtspr(SPR_MAS0, MAS0_TLBSEL1 | MAS0_ESEL(esel));
		mtspr(SPR_MAS1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
		mtspr(SPR_MAS2, REMAP_EA | MAS2_M);
		mtspr(SPR_MAS3, (u32)remap_code[n & 1] | perms);
		mtspr(SPR_MAS7, 0);
		got = fn(0xdead);
		want = n & 1 ? msr : 1;
		if (got != want) {
			tlb1_clear(esel);
			PROBLEM(GOT("0x%08x (switch %d, to page %c)",
				    (unsigned)got, n, "AB"[n & 1]),
				WANT("0x%08x", (unsigned)want));
		}
	}
	tlb1_clear(esel);
	/* EE off and back as it was: wrteei 0, wrtee of the old MSR */
	for (i = 0; i < 2; i++) {
		__asm__ __volatile__("wrteei 0\n\tmfmsr %0\n\twrtee %2\n\t"
				     "mfmsr %1"
				     : "=&r"(m0), "=&r"(m1) : "r"(msr) : "memory");
		if ((m0 & MSR_EE) || m1 != msr)
			PROBLEM(GOT("0x%08x then 0x%08x (pass %d)", (unsigned)m0,
				    (unsigned)m1, i),
				WANT("EE clear, then 0x%08x", (unsigned)msr));
	}
	return true;
}

/*
 * weir refills a guest TLB miss whose page the guest maps (the shadow
 * entry of its translation, on the fast path: start.S vector_13/14 ->
 * hv_vcpu_fast()) and delivers one it does not map. REFILL_EA is mapped
 * by two TLB0 entries, PID 1 -> page A and PID 2 -> page B, each page
 * holding `li r3,<page>; blr` and a data word: fetches and loads at
 * REFILL_EA must reach the current PID's page, alternately (each PID's
 * first access misses); then PID 1's entry is remapped to B by tlbwe
 * (weir drops the shadow: the next accesses miss) and must reach B;
 * with both entries invalidated a load and a call at REFILL_EA must be
 * the guest's own data and instruction TLB misses, not a stale page.
 */
static u32 refill_code[2][1024] __attribute__((aligned(4096)));
static volatile u32 miss_ivor, miss_dear, miss_srr0;

static void refill_miss(struct gframe *f, int ivor)
{
	miss_ivor = ivor;
	miss_dear = f->dear;
	miss_srr0 = f->srr0;
	f->srr0 = ivor == IVOR_INSN_TLB ? f->lr : f->srr0 + 4;
}

static void refill_map(int way, u32 tid, int page)
{
	struct tlb_entry e = {
		.mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(way),
		.mas1 = page < 0 ? 0 : MAS1_VALID | MAS1_TID(tid) | MAS1_TSIZE(TSIZE_4K),
		.mas2 = REFILL_EA | MAS2_M,
		.mas3 = (page < 0 ? 0 : (u32)refill_code[page]) | MAS3_SR | MAS3_SX,
	};

	tlb_write(&e);
}

/* The word at REFILL_EA + 0x800 and what REFILL_EA's code returns. */
static bool refill_reads(u32 *data, u32 *ret)
{
	u32 (*fn)(void) = (u32 (*)(void))REFILL_EA;

	miss_ivor = 0;
	*data = *(volatile u32 *)(REFILL_EA + 0x800);
	if (miss_ivor)
		return false;
	*ret = fn();
	return !miss_ivor;
}

static bool tlb_refill(void)
{
	static const u32 code[2][2] = { { 0x3860000a, 0x4e800020 },
					{ 0x3860000b, 0x4e800020 } };
	exc_handler_t old_d, old_i;
	u32 data = 0, ret = 0, want, pid, n;
	bool ok = true;

	for (n = 0; n < 2; n++) {
		remap_write(refill_code[n], code[n], 2);
		refill_code[n][0x200] = 0xa0000000u + n;
	}
	old_d = set_exception_handler(IVOR_DATA_TLB, refill_miss);
	old_i = set_exception_handler(IVOR_INSN_TLB, refill_miss);
	refill_map(0, 1, 0);
	refill_map(1, 2, 1);
	for (n = 0; n < 6 && ok; n++) {
		pid = n < 4 ? 1 + (n & 1) : 1;
		if (n == 4)
			refill_map(0, 1, 1); /* PID 1 -> B now */
		mtspr(SPR_PID, pid);
		want = n < 4 ? pid - 1 : 1;
		if (!refill_reads(&data, &ret) || data != 0xa0000000u + want ||
		    ret != 0xa + want) {
			GOT("data 0x%08x code 0x%x miss %u at 0x%08x (PID %u, step %u)",
			    (unsigned)data, (unsigned)ret, (unsigned)miss_ivor,
			    (unsigned)miss_srr0, (unsigned)pid, (unsigned)n);
			WANT("page %c", "AB"[want]);
			ok = false;
		}
	}
	refill_map(0, 0, -1);
	refill_map(1, 0, -1);
	if (ok) {
		u32 (*fn)(u32) = (u32 (*)(u32))REFILL_EA;

		miss_ivor = 0;
		data = *(volatile u32 *)(REFILL_EA + 0x800);
		if (miss_ivor != IVOR_DATA_TLB || miss_dear != REFILL_EA + 0x800) {
			GOT("miss %u dear 0x%08x after the unmap", (unsigned)miss_ivor,
			    (unsigned)miss_dear);
			WANT("data TLB error at 0x%08x", REFILL_EA + 0x800);
			ok = false;
		}
		miss_ivor = 0;
		ret = fn(0x1234);
		if (ok && (miss_ivor != IVOR_INSN_TLB || miss_srr0 != REFILL_EA ||
			   ret != 0x1234)) {
			GOT("miss %u at 0x%08x, r3 0x%x after the unmap",
			    (unsigned)miss_ivor, (unsigned)miss_srr0, (unsigned)ret);
			WANT("instruction TLB error at 0x%08x", REFILL_EA);
			ok = false;
		}
	}
	mtspr(SPR_PID, 0);
	set_exception_handler(IVOR_DATA_TLB, old_d);
	set_exception_handler(IVOR_INSN_TLB, old_i);
	return ok;
}

/*
 * weir recognises `sc 1` in its system call vector through its cache of
 * the last `sc`'s page translation (struct vtlb sc, start.S
 * exc_entry_syscall); every guest TLB change must drop it. Page A holds
 * `lis/ori r11, <unknown ePAPR token>; sc 1; blr` (r3 = EV_UNIMPLEMENTED),
 * page B the same with `sc 0` at the same offset, a system call of the
 * guest's own (its handler makes r3 SC_MARK). SC_EA_A is remapped A, B,
 * A, B, A, B with a tlbwe between calls, each page called twice (the
 * first call fills the cache through weir's C path, the second takes the
 * vector's); a kept translation answers the old page's word on the first
 * call after a switch. Then SC_EA_A -> A and SC_EA_B -> B are called in
 * turn with no TLB change: a cache that ignores the page answers A's word
 * for B.
 */
static u32 sc_code[2][1024] __attribute__((aligned(4096)));

static void sc_own(struct gframe *f, int ivor)
{
	(void)ivor;
	f->gpr[3] = SC_MARK; /* SRR0 is past the sc already */
}

static bool sc_remap(void)
{
	const u32 tok = EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, 0x7ff);
	const u32 a[] = { 0x3d600000 | (tok >> 16), 0x616b0000 | (tok & 0xffff),
			  0x44000022, 0x4e800020 };
	const u32 b[] = { a[0], a[1], 0x44000002, 0x4e800020 };
	u32 (*fa)(u32) = (u32 (*)(u32))SC_EA_A, (*fb)(u32) = (u32 (*)(u32))SC_EA_B;
	u32 perms = MAS3_SX | MAS3_SR, got, want;
	exc_handler_t old;
	int esel, esel_b, n, k;
	bool ok = true;

	remap_write(sc_code[0], a, 4);
	remap_write(sc_code[1], b, 4);
	esel = tlb1_find_free();
	if (esel < 0)
		PROBLEM(GOT("no free TLB1 entry"), WANT("two"));
	tlb1_set(esel, SC_EA_A, (u32)sc_code[0], TSIZE_4K, MAS2_M, perms);
	esel_b = tlb1_find_free();
	if (esel_b < 0) {
		tlb1_clear(esel);
		PROBLEM(GOT("no free TLB1 entry"), WANT("two"));
	}
	old = set_exception_handler(IVOR_SYSCALL, sc_own);
	for (n = 0; n < 6 && ok; n++) {
		tlb1_set(esel, SC_EA_A, (u32)sc_code[n & 1], TSIZE_4K, MAS2_M,
			 perms);
		want = n & 1 ? SC_MARK : EV_UNIMPLEMENTED;
		for (k = 0; k < 2 && ok; k++) {
			got = fa(0xdead);
			if (got != want) {
				GOT("0x%x (page %c, call %d)", (unsigned)got,
				    "AB"[n & 1], k);
				WANT("0x%x", (unsigned)want);
				ok = false;
			}
		}
	}
	tlb1_set(esel, SC_EA_A, (u32)sc_code[0], TSIZE_4K, MAS2_M, perms);
	tlb1_set(esel_b, SC_EA_B, (u32)sc_code[1], TSIZE_4K, MAS2_M, perms);
	for (n = 0; n < 6 && ok; n++) {
		got = (n & 1 ? fb : fa)(0xdead);
		want = n & 1 ? SC_MARK : EV_UNIMPLEMENTED;
		if (got != want) {
			GOT("0x%x (0x%08x, page %c, no TLB change)", (unsigned)got,
			    n & 1 ? SC_EA_B : SC_EA_A, "AB"[n & 1]);
			WANT("0x%x", (unsigned)want);
			ok = false;
		}
	}
	set_exception_handler(IVOR_SYSCALL, old);
	tlb1_clear(esel_b);
	tlb1_clear(esel);
	return ok;
}

/*
 * sc_probe(p): r0, r2, r4..r31, CR, CTR, XER and LR from p->in (r3 too),
 * `sc 1`, then all of them to p->out (r1 aside: the stack). Runs with
 * r2 and r13 replaced for the length of one hcall (MSR[EE] clear).
 */
struct sc_probe {
	u32 in[36], out[36]; /* r0-r31, CR, CTR, XER, LR */
};
void sc_probe(struct sc_probe *p);
__asm__(
"	.section .text.sc_probe, \"ax\"\n"
"	.globl	sc_probe\n"
"sc_probe:\n"
"	stwu	1, -320(1)\n"
"	mflr	0\n"
"	stw	0, 324(1)\n"
"	mfcr	0\n"
"	stw	0, 12(1)\n"
"	stw	3, 8(1)\n"
"	stmw	2, 192(1)\n"		/* r2-r31: 120 bytes */
"	lwz	0, 128(3)\n"
"	mtcrf	0xff, 0\n"
"	lwz	0, 132(3)\n"
"	mtctr	0\n"
"	lwz	0, 136(3)\n"
"	mtxer	0\n"
"	lwz	0, 140(3)\n"
"	mtlr	0\n"
"	lwz	0, 0(3)\n"
"	lwz	2, 8(3)\n"
"	lmw	4, 16(3)\n"
"	lwz	3, 12(3)\n"
"	.long	0x44000022\n"		/* sc 1 */
"	stw	0, 16(1)\n"
"	stmw	2, 24(1)\n"		/* out r2-r31 at 16 + 4 * n */
"	mfcr	0\n"
"	stw	0, 144(1)\n"
"	mfctr	0\n"
"	stw	0, 148(1)\n"
"	mfxer	0\n"
"	stw	0, 152(1)\n"
"	mflr	0\n"
"	stw	0, 156(1)\n"
"	lmw	2, 192(1)\n"
"	lwz	3, 8(1)\n"
"	addi	3, 3, 144 - 4\n"		/* p->out - 4 */
"	addi	4, 1, 16 - 4\n"
"	li	0, 36\n"
"	mtctr	0\n"
"1:	lwzu	0, 4(4)\n"
"	stwu	0, 4(3)\n"
"	bdnz	1b\n"
"	lwz	0, 12(1)\n"
"	mtcrf	0xff, 0\n"
"	lwz	0, 324(1)\n"
"	mtlr	0\n"
"	addi	1, 1, 320\n"
"	blr\n"
"	.previous\n");

/*
 * An hcall the vector answers changes r3 and its outputs only: unknown
 * tokens of each vendor (their status, EV_UNIMPLEMENTED or PAPR's
 * H_FUNCTION), H_GET_TCE (outputs r4, r5) and H_PUT_TCE of a LIOBN this
 * partition does not have (H_PARAMETER) keep r0, r2, r4-r31, CR, CTR,
 * XER and LR. Each call twice in a row: the first may fill the `sc`
 * page's cache through weir's C path, the second is the vector's.
 */
static bool sc_keeps_regs(void)
{
	static const struct {
		u32 token, status, outputs;
	} calls[] = {
		{ EV_HCALL_TOKEN(0, 0x7ff), EV_UNIMPLEMENTED, 0 },
		{ EV_HCALL_TOKEN(1, 0x7ff), EV_UNIMPLEMENTED, 0 },
		{ EV_HCALL_TOKEN(2, 0x7ff), EV_UNIMPLEMENTED, 0 },
		{ 0x80000000u | EV_HCALL_TOKEN(1, 0x7ff), EV_UNIMPLEMENTED, 0 },
		{ EV_HCALL_TOKEN(3, 0x7ff), (u32)-2, 0 },    /* num & 3 */
		{ EV_HCALL_TOKEN(3, 0x1f00), (u32)-2, 0 },   /* past the table */
		{ EV_HCALL_TOKEN(3, 0x1c), (u32)-4, 3u << 4 }, /* H_GET_TCE */
		{ EV_HCALL_TOKEN(3, 0x20), (u32)-4, 0 },     /* H_PUT_TCE */
	};
	static struct sc_probe p;
	unsigned int c, pass, i;

	for (c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		for (pass = 0; pass < 2; pass++) {
			for (i = 0; i < 36; i++)
				p.in[i] = 0x9a000000u | (c << 16) | (pass << 8) | i;
			p.in[3] = 0xbad1;	/* LIOBN no partition has */
			p.in[11] = calls[c].token;
			p.in[32] = 0x92345678;	/* CR */
			p.in[34] = 0xe0000000;	/* XER: SO, OV, CA */
			sc_probe(&p);
			if (p.out[3] != calls[c].status)
				PROBLEM(GOT("status 0x%x for token 0x%08x (pass %u)",
					    (unsigned)p.out[3],
					    (unsigned)calls[c].token, pass),
					WANT("0x%x", (unsigned)calls[c].status));
			for (i = 0; i < 36; i++) {
				if (i == 1 || i == 3 ||
				    (i < 32 && (calls[c].outputs & (1u << i))))
					continue;
				if (p.out[i] != p.in[i])
					PROBLEM(GOT("%s%u 0x%08x after token 0x%08x (pass %u)",
						    i < 32 ? "r" : "spr ", i,
						    (unsigned)p.out[i],
						    (unsigned)calls[c].token, pass),
						WANT("0x%08x", (unsigned)p.in[i]));
			}
		}
	}
	return true;
}

void guest_main(void *fdt)
{
	printf("hello from %s (guest-id %u)\n", guest.name, (unsigned)guest.id);

	check_bool("entry-state", entry_state());
	check_bool("regs-clear", regs_clear());
	check_bool("dt-hypervisor", dt_hypervisor(fdt));
	check_bool("dt-console", dt_console(fdt));
	check_bool("dt-pic", dt_pic(fdt));
	check_bool("dt-memory", dt_memory(fdt));
	check_bool("dt-timebase", dt_timebase(fdt));
	check_bool("ram-zeroed", ram_zeroed());
	check_bool("trap-keeps-regs", trap_keeps_regs());
	check_bool("emul-remap", emul_remap());
	check_bool("tlb-refill", tlb_refill());
	check_bool("sc-remap", sc_remap());
	check_bool("sc-keeps-regs", sc_keeps_regs());
	hcall_checks();
	decrementer_checks();
	user_sc1_check();

	printf("hello: all checks done (%d failed)\n", failed);
	heartbeat();
}
