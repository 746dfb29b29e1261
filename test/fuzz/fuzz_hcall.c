// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness of every guest-reachable call of the core: PAPR TCE
 * hcalls (hcall_call(), all opcodes including unknown ones), the DDW
 * RTAS calls (papr_rtas_call()) and the ePAPR/FSL/weir hcalls
 * (hcall_dispatch() on a host vCPU), with arbitrary arguments and guest
 * memory contents (TCE lists), on the world of world.h (three partitions,
 * four DMA groups on the real PAMU backend). After every call the
 * invariants of invariants.h are checked; a refused call must have
 * changed nothing at all (snapshot) and no register but r3.
 *
 * Input: a sequence of operations, each one opcode byte and its
 * arguments (see the op_* functions); values come from a small decoder
 * that mixes raw numbers with interesting ones of the world (LIOBNs,
 * BUIDs, window and MSI addresses, RAM sizes, page shifts...), so the
 * fuzzer reaches deep paths without guessing 64-bit constants.
 *
 * At exit the number of calls made is printed ("fuzz_hcall: N calls"),
 * the figure doc/robustness.md reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/epapr.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include "invariants.h"
#include "world.h"

#define MAX_OPS		64	/* operations per input */

/* ------------------------------------------------------------ input */

static const u8 *in_p;
static size_t in_n;

static u8 get8(void)
{
	if (!in_n)
		return 0;
	in_n--;
	return *in_p++;
}

static u16 get16(void)
{
	u16 lo = get8();

	return (u16)(lo | get8() << 8);
}

static u32 get32(void)
{
	u32 lo = get16();

	return lo | (u32)get16() << 16;
}

static u64 get64(void)
{
	u64 lo = get32();

	return lo | (u64)get32() << 32;
}

/* ------------------------------------------------------- dictionary */

#define DICT_MAX 256
static u64 dict[DICT_MAX];
static unsigned int ndict;

static void dict_add(u64 v)
{
	if (ndict < DICT_MAX)
		dict[ndict++] = v;
}

static void dict_add_split(u64 v)
{
	dict_add(v);
	dict_add(v >> 32);
	dict_add(v & 0xffffffffu);
}

/* Interesting values of the world; built once (the layout is fixed). */
static void dict_init(void)
{
	static const u64 fixed[] = {
		0, 1, 2, 3, 4, 8, 12, 15, 16, 17, 21, 24, 25, 28, 31, 32, 34,
		35, 36, 40, 63, 64, 255, 256, 511, 512, 513, 1024, 0x1000,
		0x10000, 0x100000, 0x1000000, 0x10000000, 0x40000000,
		0x80000000ULL, 0xffffffffULL, 0x100000000ULL, ~0ULL,
		1ULL << 63, VPIC_IRQ(0), VPIC_IRQ(1), VPIC_IRQ(2),
		VPIC_IRQ(VPIC_NR_IRQS - 1), VPIC_IRQ(VPIC_NR_IRQS),
		VPIC_IRQ_BASE - 1, EV_INT_SPURIOUS, 0xffffffffULL - 1,
	};
	unsigned int i, g, w;

	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		dict_add(fixed[i]);
	for (i = 0; i < W_NPARTS; i++) {
		dict_add(i + 1);
		dict_add(W_HANDLE(i + 1));
		dict_add(W.part[i].ram_size);
		dict_add(W.part[i].ram_size - SZ_4K);
		dict_add(W.part[i].ram_size - 0x1000000);
	}
	for (g = 0; g < W_NGROUPS; g++) {
		const struct dma_group_config *c = &W.gcfg[g];

		for (w = 0; w < 3; w++)
			dict_add(DMA_LIOBN(c->index, w));
		dict_add(DMA_LIOBN(c->index, 0) | 1ULL << 32);
		dict_add_split(c->buid);
		dict_add(c->default_size);
		dict_add(c->default_size - (1ULL << c->default_page_shift));
		dict_add(c->msi_iova);
		dict_add(c->msi_iova + c->msi_len);
		dict_add(c->msi_iova - (1ULL << c->default_page_shift));
		dict_add_split(c->ddw_bus_base);
		dict_add(DMA_HANDLE(c->index));
	}
	for (i = 0; i < 4; i++)
		dict_add(PAPR_RTAS_QUERY_PE_DMA_WINDOW + i);
	dict_add(W_MSI_BANK);
}

/*
 * A 64-bit argument: the low 3 bits of a mode byte choose a small
 * number, a dictionary value (optionally plus a scaled delta, or with
 * TCE permission bits), a structured TCE, or raw 32/64-bit values.
 */
static u64 arg(void)
{
	static const unsigned int shifts[] = { 0, 12, 16, 24 };
	u8 mode = get8();
	u64 v;

	switch (mode & 7) {
	case 0:
		return get8();
	case 1:
		return dict[get8() % ndict];
	case 2:
		v = dict[get8() % ndict];
		return v + ((u64)(s64)(int8_t)get8() << shifts[(mode >> 3) & 3]);
	case 3:	/* TCE: page number, page shift, permissions */
		v = (u64)get16() << shifts[1 + (mode >> 3) % 3];
		return v | ((mode >> 5) & TCE_PERM_MASK);
	case 4:
		return get32();
	case 5:
		return get64();
	case 6:
		return dict[get8() % ndict] | ((mode >> 3) & TCE_PERM_MASK);
	default:
		return -(u64)(s64)(int8_t)get8();
	}
}

/* ------------------------------------------------ guest RAM writes */

#define DIRTY_MAX 512
static struct {
	struct partition *p;
	u64 gpa, len;
} dirty[DIRTY_MAX];
static unsigned int ndirty;

/* Write @len bytes at @gpa of @p (clamped to its RAM), remembered so
 * that the next input starts from zeroed RAM. */
static void *guest_span(struct partition *p, u64 gpa, u64 *len)
{
	if (gpa >= p->ram_size || ndirty == DIRTY_MAX)
		return NULL;
	if (*len > p->ram_size - gpa)
		*len = p->ram_size - gpa;
	dirty[ndirty].p = p;
	dirty[ndirty].gpa = gpa;
	dirty[ndirty].len = *len;
	ndirty++;
	return (u8 *)p->ram_host + gpa;
}

static void guest_ram_clean(void)
{
	while (ndirty--)
		memset((u8 *)dirty[ndirty].p->ram_host + dirty[ndirty].gpa, 0,
		       dirty[ndirty].len);
	ndirty = 0;
}

/* A page-aligned guest address of @p from 2 bytes. */
static u64 guest_page(struct partition *p)
{
	return ((u64)get16() << 12) % p->ram_size;
}

/*
 * A TCE list of @count entries at @gpa: a contiguous run from a base TCE
 * (what Linux builds), with optionally one entry replaced by an arbitrary
 * value, or all entries the same.
 */
static void write_tce_list(struct partition *p, u64 gpa, unsigned int count)
{
	u8 mode = get8();
	u64 base = arg(), odd = arg(), step = 1ULL << (12 + (mode & 0xc));
	unsigned int k = get16(), i;
	u64 len = (u64)count * 8;
	u64 *list = guest_span(p, gpa, &len);

	if (!list)
		return;
	for (i = 0; i < len / 8; i++) {
		u64 v = mode & 1 ? base : base + i * step;

		if ((mode & 2) && i == k % count)
			v = odd;
		list[i] = cpu_to_be64(v);
	}
}

/* ---------------------------------------------------------- checking */

static unsigned long long calls;

/*
 * A PAMU commit refused with -ENOSPC: the SPAACE pool (sized like
 * hv/iommu/boot.c does, two full runs per LIODN) had no free run. The
 * allocator is first fit, so a smaller pool fragments (doc/robustness.md,
 * finding 2); with the boot sizing this must never happen.
 */
static void check_commit_space(const char *what)
{
	struct iommu_stats st;

	if (!W.commit_enospc)
		return;
	W.mmu->ops->stats(W.mmu, &st);
	inv_fail(what, "PAMU commit -ENOSPC with %u SPAACEs free",
		 st.sub_free);
}

/*
 * Full sweeps (inv_check_all()) besides the incremental checks: at every
 * sweep_every-th state change and at the end of every sweep_inputs-th
 * input that changed state (before world_restart() erases what the
 * input did). FUZZ_SWEEP=N sets sweep_every; 0 turns both off, leaving
 * only the incremental checks (the self-test runs so, to prove that they
 * alone catch every injected bug); 1 sweeps after every change and at
 * the end of every input (the checks as they were before the incremental
 * ones). FUZZ_SWEEP_INPUTS=M sets sweep_inputs.
 */
static unsigned long sweep_every = 64, sweep_inputs = 16;
static unsigned long since_sweep;	/* state changes since the last one */
static unsigned long changed_inputs;	/* inputs that changed state */
static unsigned long long refused_calls, changing_calls;
static bool input_changed;		/* this input changed state */

#define ALL_PARTS	((1u << W_NPARTS) - 1)

/*
 * The "refused call changes nothing" compare. Scoped (the default): the
 * state the caller could change (snap_scope_same(): every small region,
 * the caller's groups and SPAACE runs) right before and after each call,
 * and everything (snap_same()) after every full_every-th refused call,
 * after every state change (snap_update(), with the ownership rule) and
 * at the end of every input. The check before a call proves that what
 * the call may change was untouched until then, so a change another
 * partition's refused call made is never accepted as this call's: it
 * fails the ownership rule or the next full compare. FUZZ_SCOPE=0
 * compares everything after every call (names the exact call).
 */
static bool scoped = true;
static unsigned long full_every = 16, refused_since_full;

static void check_changed(const char *what, unsigned int parts)
{
	inv_check_changed(what, parts);
	since_sweep++;
	if (sweep_every && since_sweep >= sweep_every) {
		inv_check_all(what);
		since_sweep = 0;
	}
}

/* Before a call of partitions @parts: what it may change is untouched. */
static void before_call(const char *what, unsigned int parts)
{
	if (scoped && !snap_scope_same(parts))
		inv_fail(what, "state changed before the call: an earlier "
			 "refused call changed another partition's state "
			 "(FUZZ_SCOPE=0 names it)");
}

/* After a call: refused -> nothing changed; else check what changed. */
static void after_call(const char *what, bool refused, unsigned int parts)
{
	calls++;
	if (W.block_failed)
		inv_fail(what, "a stop could not block the partition's DMA");
	if (refused) {
		bool full = !scoped || ++refused_since_full >= full_every;

		if (world_selftest)
			world_selftest_refused((unsigned int)__builtin_ctz(parts));
		refused_calls++;
		if (full)
			refused_since_full = 0;
		if (full ? !snap_same() : !snap_scope_same(parts))
			inv_fail(what, "a refused call changed state");
		inv_check_cheap(what);
		return;
	}
	if (snap_update()) {
		changing_calls++;
		input_changed = true;
		check_changed(what, parts);
	} else {
		inv_check_cheap(what);
	}
}

static struct partition *caller(unsigned int *pi)
{
	*pi = get8() % W_NPARTS;
	return &W.part[*pi];
}

/* --------------------------------------------------------------- ops */

static const unsigned long papr_ops[] = {
	H_GET_TCE, H_PUT_TCE, H_STUFF_TCE, H_PUT_TCE_INDIRECT,
};

/* PAPR hcall: caller, opcode (known or raw), four arguments. */
static void op_papr(void)
{
	unsigned int pi;
	struct partition *p = caller(&pi);
	u8 sel = get8();
	unsigned long opcode = sel < 224 ? papr_ops[sel % 4] : get16();
	u64 args[HC_MAX_IN] = { 0 }, ret[HC_MAX_OUT] = { 0 };
	unsigned int i;
	long rc;

	for (i = 0; i < 4; i++)
		args[i] = arg();
	if (p->state != PART_RUNNING)
		return;
	before_call("hcall_call", 1u << pi);
	rc = hcall_call(p->vcpu[0], PAPR_EPAPR_TOKEN(opcode), args, ret);
	check_commit_space("hcall_call");
	if (rc == H_HARDWARE)
		inv_fail("hcall_call", "H_HARDWARE: the PAMU refused weir's "
			 "own state (op %#lx)", opcode);
	if (rc != H_SUCCESS && ret[0])
		inv_fail("hcall_call", "refused call wrote r4");
	after_call("hcall_call", rc != H_SUCCESS, 1u << pi);
}

/* H_PUT_TCE_INDIRECT with a freshly written list (the list's address
 * must match, which random inputs rarely achieve in two ops). */
static void op_indirect(void)
{
	unsigned int pi;
	struct partition *p = caller(&pi);
	u64 args[HC_MAX_IN] = { 0 }, ret[HC_MAX_OUT] = { 0 };
	unsigned int count = get16() % (TCE_BATCH_MAX + 8);
	long rc;

	args[0] = arg();
	args[1] = arg();
	args[2] = guest_page(p);
	if (get8() & 1)		/* sometimes a misaligned list */
		args[2] |= get8() & 0xff8;
	args[3] = count;
	write_tce_list(p, args[2] & ~0xfffULL, count ? count : 1);
	/* guest RAM is not part of the snapshot: nothing to accept */
	if (p->state != PART_RUNNING)
		return;
	before_call("H_PUT_TCE_INDIRECT", 1u << pi);
	rc = hcall_call(p->vcpu[0], PAPR_EPAPR_TOKEN(H_PUT_TCE_INDIRECT), args,
			ret);
	check_commit_space("H_PUT_TCE_INDIRECT");
	if (rc == H_HARDWARE)
		inv_fail("indirect", "H_HARDWARE");
	after_call("H_PUT_TCE_INDIRECT", rc != H_SUCCESS, 1u << pi);
}

static const u32 rtas_tokens[] = {
	PAPR_RTAS_QUERY_PE_DMA_WINDOW, PAPR_RTAS_CREATE_PE_DMA_WINDOW,
	PAPR_RTAS_REMOVE_PE_DMA_WINDOW, PAPR_RTAS_RESET_PE_DMA_WINDOW,
};

/* RTAS DDW call: caller, token, nargs, nrets, eight argument cells. */
static void op_rtas(void)
{
	unsigned int pi;
	struct partition *p = caller(&pi);
	u8 sel = get8();
	u32 token = sel < 240 ? rtas_tokens[sel % 4] : get32();
	unsigned int nargs = get8() % 9, nrets = get8() % 9, i;
	u32 args[8], rets[8] = { 0 };
	int st;

	for (i = 0; i < 8; i++)
		args[i] = (u32)arg();
	if (p->state != PART_RUNNING)
		return;
	before_call("papr_rtas_call", 1u << pi);
	st = papr_rtas_call(p, token, args, nargs, rets, nrets);
	check_commit_space("papr_rtas_call");
	if (nrets && (int)rets[0] != st)
		inv_fail("papr_rtas_call", "status %d, rets[0] %d", st,
			 (int)rets[0]);
	if (st == RTAS_HARDWARE_ERROR)
		inv_fail("papr_rtas_call", "hardware error (token %#x)", token);
	after_call("papr_rtas_call", st != RTAS_SUCCESS, 1u << pi);
}

static const u32 vendors[] = {
	EV_LOCAL_VENDOR_ID, EV_EPAPR_VENDOR_ID, EV_FSL_VENDOR_ID,
	PAPR_EPAPR_VENDOR, WEIR_VENDOR_ID, 0x8000 | EV_EPAPR_VENDOR_ID,
	0x7fff, EV_FSL_VENDOR_ID,
};

/* Numbers worth trying with any vendor (PAPR opcodes through the ePAPR
 * token, H_RTAS, weir's and the DMA ones). */
static const u32 nums[] = {
	H_GET_TCE, H_PUT_TCE, H_STUFF_TCE, H_PUT_TCE_INDIRECT, H_RTAS,
	WEIR_HC_MSI_INFO, WEIR_HC_DMA_COPY, FH_DMA_ENABLE, FH_DMA_DISABLE,
	FH_ERR_GET_INFO, FH_VMPIC_GET_MSIR, FH_PARTITION_STOP_DMA,
	FH_PARTITION_RESTART, FH_PARTITION_STOP, 0x124, 0xffff,
};

/*
 * The partitions a call of @p (index @pi) with @tok may change: itself,
 * and for a manager the partition-control target r3 names (guest-id;
 * hv/hcall/partition.c).
 */
static unsigned int call_parts(const struct partition *p, unsigned int pi,
			       u32 tok, u32 r3)
{
	unsigned int parts = 1u << pi;
	u32 num = EV_TOKEN_NUM(tok);

	if (p->manager && EV_TOKEN_VENDOR(tok) == EV_FSL_VENDOR_ID &&
	    (num == FH_PARTITION_RESTART || num == FH_PARTITION_STOP ||
	     num == FH_PARTITION_STOP_DMA) && r3 >= 1 && r3 <= W_NPARTS)
		parts |= 1u << (r3 - 1);
	return parts;
}

/*
 * ePAPR hcall: caller, vCPU, token (vendor x number, or raw), r3..r10.
 * A refused call changes nothing but r3, except a DMA engine copy that
 * faults: by design it queues an error record and blocks the engine
 * (doc/dma-engine.md), which the full invariants then check.
 */
static void op_epapr(void)
{
	unsigned int pi, vi, i;
	struct partition *p = caller(&pi);
	struct vcpu *v;
	struct trap_frame before;
	u8 sel = get8();
	u8 nsel = get8();
	u32 num = nsel & 0x80 ? nums[nsel % ARRAY_SIZE(nums)] : nsel % 24;
	u32 tok = sel < 224 ? EV_HCALL_TOKEN(vendors[sel % 8], num) : get32();
	u32 r3;
	unsigned int parts;
	bool self_restart;

	vi = get8() % p->nvcpus;
	v = p->vcpu[vi];
	for (i = 3; i <= 10; i++)
		v->regs.gpr[i] = (u32)arg();
	v->regs.gpr[11] = tok;
	snap_accept_regs(pi, vi);	/* the loaded registers: baseline */
	if (p->state != PART_RUNNING)
		return;
	parts = call_parts(p, pi, tok, v->regs.gpr[3]);
	before_call("hcall_dispatch", parts);
	before = v->regs;
	hcall_dispatch(v);
	/* a restart of its own partition writes no status: the reload at
	 * the sync sets the fresh boot's registers */
	self_restart = partition_status(p) == PART_STARTING;
	world_sync();
	check_commit_space("hcall_dispatch");
	r3 = v->regs.gpr[3];
	if (self_restart) {
		after_call("FH_PARTITION_RESTART itself", false, parts);
		return;
	}
	if (r3 != EV_SUCCESS && EV_TOKEN_VENDOR(tok) == WEIR_VENDOR_ID &&
	    EV_TOKEN_NUM(tok) == WEIR_HC_DMA_COPY) {
		after_call("WEIR_HC_DMA_COPY refused", false, parts);
		return;
	}
	if (r3 != EV_SUCCESS) {
		/* refused: r3 is the only register that may change, and
		 * PAPR's H_GET_TCE returns a zero TCE in r4:r5 (papr.h) */
		before.gpr[3] = r3;
		if (EV_TOKEN_VENDOR(tok) == PAPR_EPAPR_VENDOR &&
		    EV_TOKEN_NUM(tok) == H_GET_TCE && !v->regs.gpr[4] &&
		    !v->regs.gpr[5])
			before.gpr[4] = before.gpr[5] = 0;
		if (memcmp(&before, &v->regs, sizeof(before)))
			inv_fail("hcall_dispatch", "refused token %#x changed "
				 "registers besides r3", tok);
		/* -EIO from the group: the PAMU refused weir's own state
		 * (a whole-window restage must always fit, doc/pamu.md) */
		if (r3 == EV_INTERNAL && EV_TOKEN_VENDOR(tok) ==
		    EV_FSL_VENDOR_ID && (EV_TOKEN_NUM(tok) == FH_DMA_ENABLE ||
					 EV_TOKEN_NUM(tok) == FH_DMA_DISABLE))
			inv_fail("hcall_dispatch", "EV_INTERNAL: the PAMU "
				 "refused weir's own state (FH_DMA_%s)",
				 EV_TOKEN_NUM(tok) == FH_DMA_ENABLE ?
				 "ENABLE" : "DISABLE");
		snap_accept_regs(pi, vi);
		after_call("hcall_dispatch", true, parts);
		return;
	}
	after_call("hcall_dispatch", false, parts);
}

/* Guest memory: raw bytes, or a TCE list, at a page of a partition. */
static void op_guest_write(void)
{
	unsigned int pi;
	struct partition *p = caller(&pi);
	u64 gpa = guest_page(p) + (get8() & 0xf8), len;
	u8 mode = get8();
	u8 *dst;
	u64 i;

	if (mode & 1) {
		write_tce_list(p, gpa, get16() % TCE_BATCH_MAX + 1);
		return;
	}
	len = mode >> 1;
	dst = guest_span(p, gpa, &len);
	for (i = 0; dst && i < len; i++)
		dst[i] = get8();
}

/* Console input for a partition (what the UART poll loop queues). */
static void op_console_in(void)
{
	unsigned int pi, n = get8() % 20;
	struct partition *p = caller(&pi);

	while (n--)
		bytechan_push_input(p->console, get8());
	if (snap_update()) {
		input_changed = true;
		check_changed("console input", 1u << pi);
	}
	else
		inv_check_cheap("console input");
}

/* ------------------------------------------------------------ driver */

static void report(void)
{
	fprintf(stderr, "fuzz_hcall: %llu calls\n", calls);
	fprintf(stderr, "fuzz_hcall_stats: %llu refused, %llu changed state, "
		"%llu incremental checks, %llu full sweeps (every %lu changes, "
		"%lu inputs)\n", refused_calls, changing_calls,
		inv_stats.incremental, inv_stats.sweeps, sweep_every,
		sweep_inputs);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *sweep = getenv("FUZZ_SWEEP");

	setvbuf(stdout, NULL, _IOLBF, 0);	/* pr_err() before abort() */
	if (sweep)
		sweep_every = strtoul(sweep, NULL, 0);
	sweep = getenv("FUZZ_SCOPE");
	if (sweep)
		scoped = strtoul(sweep, NULL, 0) != 0;
	sweep = getenv("FUZZ_SWEEP_INPUTS");
	if (sweep && strtoul(sweep, NULL, 0))
		sweep_inputs = strtoul(sweep, NULL, 0);
	world_init();
	world_reset();
	snap_init();
	inv_check_all("start-up");
	dict_init();
	atexit(report);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int ops = 0;

	guest_ram_clean();
	/*
	 * Back to the state checked at start-up. The snapshot still holds
	 * the end of the previous input, so snap_update() records what the
	 * restart changed and the incremental check brings the decoded view
	 * of the tables (invariants.c) back in step with it.
	 */
	world_restart();
	if (snap_update())
		inv_check_changed("restart", ALL_PARTS);
	in_p = data;
	in_n = size;
	input_changed = false;
	while (in_n && ops++ < MAX_OPS) {
		switch (get8() % 8) {
		case 0:
		case 1:
			op_papr();
			break;
		case 2:
			op_indirect();
			break;
		case 3:
			op_rtas();
			break;
		case 4:
		case 5:
			op_epapr();
			break;
		case 6:
			op_guest_write();
			break;
		default:
			op_console_in();
			break;
		}
	}
	if (snap_update())	/* everything accounted for by now */
		inv_fail("end of input", "state changed since the last full "
			 "compare: a refused call changed another partition's "
			 "state (FUZZ_SCOPE=0 names it)");
	if (input_changed && sweep_every &&
	    (sweep_every == 1 || ++changed_inputs % sweep_inputs == 0)) {
		inv_check_all("end of input");
		since_sweep = 0;
	}
	return 0;
}
