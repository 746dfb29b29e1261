// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Why the guest stopped and what to do about it. Every exception taken
 * while a guest runs lands here (arch code saved the guest state in
 * v->regs). Guest faults go back to the guest's own vectors; privileged
 * instructions are emulated; TLB misses are filled from the guest's TLB
 * with pages checked against the partition's RAM, so a guest can never
 * reach memory that is not its own. The model is Linux's KVM for e500
 * (arch/powerpc/kvm/booke.c, e500_mmu_host.c).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <weir/booke.h>
#include <weir/byteorder.h>
#include <weir/hcall.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/arch.h>
#include <weir/vcpu_asm.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>

#define SC_LEV(insn) (((insn) >> 5) & 0x7f)
#define OP_SC 17
#define SC_1_INSN 0x44000022u /* sc 1: opcode 17, LEV 1, bit 30 set */

/* The offsets the arch's assembly reads (weir/vcpu_asm.h), on its build */
ASM_AT(struct vcpu, part, VCPU_PART);
ASM_AT(struct vcpu, msr, VCPU_MSR);
ASM_AT(struct vcpu, pid, VCPU_PID);
ASM_AT(struct vcpu, tcr, VCPU_TCR);
ASM_AT(struct vcpu, tsr, VCPU_TSR);
ASM_AT(struct vcpu, pending, VCPU_PENDING);
ASM_AT(struct vcpu, idle, VCPU_IDLE);
ASM_AT(struct vcpu, stopped, VCPU_STOPPED);
ASM_AT(struct vcpu, tlb.refill_n, VCPU_REFILL_N);
ASM_AT(struct vcpu, tlb.emul.tag, VCPU_EMUL_TAG);
ASM_AT(struct vcpu, tlb.emul.host, VCPU_EMUL_HOST);
ASM_AT(struct partition, req, PARTITION_REQ);
ASM_AT(struct vcpu, tlb.sc.tag, VCPU_SC_TAG);
ASM_AT(struct vcpu, tlb.sc.host, VCPU_SC_HOST);
_Static_assert(sizeof(((struct vcpu *)0)->idle) == 1 &&
		       sizeof(((struct vcpu *)0)->stopped) == 1 &&
		       VTLB_PAGE_VALID == 2,
	       "bytes");
_Static_assert(PREQ_NONE == 0 && (VIRQ_EXT | VIRQ_DBELL) == 6 &&
		       SC_1_INSN == 0x44000022u && IVOR_HCALL == IVOR_HCALL_ASM,
	       "values");

static bool guest_user(const struct vcpu *v)
{
	return v->msr & MSR_PR;
}

int vcpu_fetch(struct vcpu *v, u32 ea, bool insn, u32 *word)
{
	u32 as = !!(v->msr & (insn ? MSR_IS : MSR_DS));
	const u32 *p;
	u64 gpa;

	if (!vtlb_lookup(&v->tlb, ea, as, v->pid, &gpa) || (ea & 3))
		return -EFAULT;
	p = partition_gpa_ptr(v->part, gpa, 4);
	if (!p)
		return -EFAULT;
	*word = get_be32(p);
	return 0;
}

/*
 * The word of @c's page at @ea (4-byte aligned) when @c caches that page
 * for @v's current instruction AS (and PID: a PID write empties it), or
 * NULL.
 */
static inline const u32 *cached_word(const struct vtlb_page_cache *c,
				     const struct vcpu *v, u32 ea)
{
	if (c->tag == ((ea & ~0xfffu) | VTLB_PAGE_VALID | !!(v->msr & MSR_IS)))
		return c->host + (ea & 0xfffu) / 4;
	return NULL;
}

/*
 * fetch_cached() - the instruction word at @ea as vcpu_fetch() reads it,
 * through @c, one of the vTLB's cached page translations (struct vtlb
 * sc, emul), filled here on a miss when the page is wholly RAM: the next
 * trap from the same page costs no vTLB walk. The word itself is read
 * each time (the guest may rewrite it).
 * Return: 0, or -EFAULT as vcpu_fetch().
 */
static int fetch_cached(struct vcpu *v, struct vtlb_page_cache *c, u32 ea,
			u32 *word)
{
	u32 as = !!(v->msr & MSR_IS), page = ea & ~0xfffu;
	const u32 *p = cached_word(c, v, ea);
	u64 gpa;

	if (p) {
		*word = get_be32(p);
		return 0;
	}
	if (!vtlb_lookup(&v->tlb, page, as, v->pid, &gpa) || (ea & 3))
		return -EFAULT;
	p = partition_gpa_ptr(v->part, gpa, SZ_4K);
	if (!p) /* a page not wholly RAM: no cache */
		return vcpu_fetch(v, ea, true, word);
	c->tag = page | VTLB_PAGE_VALID | as;
	c->host = p;
	*word = get_be32(p + (ea & 0xfff) / 4);
	return 0;
}

/* Stop this vCPU for good with a message; the other partitions go on. */
static void vcpu_fail(struct vcpu *v, const char *why, u32 pc)
{
	pr_err("partition '%s' vcpu %u: %s at 0x%08x; stopping it\n",
	       v->part->name, v->id, why, pc);
	__atomic_store_n(&v->stopped, true, __ATOMIC_SEQ_CST);
	/* a secondary's fault stops its whole partition, through vCPU 0 */
	if (v->id)
		partition_stop(v->part);
}

/*
 * Split address spaces. Book E lets a guest fetch in one address space
 * and access data in the other (MSR[IS] != MSR[DS]). The guest really
 * runs with IS = DS = 1 (real AS 0 is weir's), and e500mc has one PID
 * register, so a real shadow entry (TS 1, TID = the context's shadow id)
 * matches fetches and data alike: nothing in the real TLB can tell the
 * two sides apart but the permission bits. So:
 *
 *  - such a context has shadow ids of its own (vtlb_shadow_id() keys IS
 *    and DS apart): its shadows are never seen with IS == DS, nor in the
 *    other split context;
 *  - a shadow filled for one side grants only that side's permissions
 *    (UX for a fetch, UR/UW for data), plus the other side's when the
 *    other address space maps the EA to the same guest-physical page with
 *    the same attributes (split_perms());
 *  - an access from the other side then takes a real ISI/DSI, and
 *    split_refill() replaces the entry with that side's shadow (or
 *    delivers the guest's TLB miss when that side has no translation).
 *
 * One instruction fetched from a page and accessing the same page, which
 * the two address spaces map differently, can never have both shadows at
 * once: the vCPU is stopped with a message rather than given the wrong
 * page. Linux's KVM for e500 has the same single-PID, TS=1 shadows and
 * leaves IS != DS unhandled (e500.h get_cur_as(), tlbe_is_host_safe()).
 */
static bool split_as(const struct vcpu *v)
{
	return !(v->msr & MSR_IS) != !(v->msr & MSR_DS);
}

#define SIDE_FETCH 1
#define SIDE_DATA 2

int vcpu_shadow_id(struct vcpu *v)
{
	bool flush;
	int sid = vtlb_shadow_id(&v->tlb, v->msr & MSR_IS, v->msr & MSR_DS,
				 guest_user(v), v->pid, &flush);

	if (flush)
		arch_shadow_flush();
	return sid;
}

void vcpu_shadow_drop(struct vcpu *v)
{
	switch (v->tlb.drop) {
	case VTLB_DROP_PAGE:
		arch_shadow_unmap(v->tlb.drop_ea);
		break;
	case VTLB_DROP_ALL:
		arch_shadow_flush();
		break;
	}
	v->tlb.drop = VTLB_DROP_NONE;
}

/*
 * Real permissions of a split context's shadow of @e (guest-physical
 * @gpa) filled for the fetch side (@insn) or the data side: that side's,
 * plus the other side's when it maps @ea to the same page the same way.
 */
static __attribute__((noinline)) u32 split_perms(const struct vcpu *v,
						 bool insn, u32 ea,
						 const struct vtlb_entry *e,
						 u64 gpa)
{
	const u32 fetch = MAS3_UX, data = MAS3_UR | MAS3_UW;
	u32 other_as = !!(v->msr & (insn ? MSR_DS : MSR_IS));
	u32 perms = vtlb_shadow_perms(e, guest_user(v)) & (insn ? fetch : data);
	const struct vtlb_entry *o;
	u64 ogpa;

	o = vtlb_lookup(&v->tlb, ea, other_as, v->pid, &ogpa);
	if (o && (ogpa >> 12) == (gpa >> 12) &&
	    vtlb_shadow_wimge(o) == vtlb_shadow_wimge(e))
		perms |= vtlb_shadow_perms(o, guest_user(v)) &
			 (insn ? data : fetch);
	return perms;
}

/*
 * Guest-physical @gpa has neither RAM nor an owned device behind it: a
 * bus error for the guest, delivered as a storage exception it can
 * handle (one log line within the partition's budget).
 */
static void refuse_gpa(struct vcpu *v, bool insn, u32 ea, u32 esr, u64 gpa)
{
	char note[LOG_BUDGET_NOTE];

	if (log_budget_take(&v->part->log[PLOG_BAD_GPA], note))
		pr_warn("partition '%s': %s access to guest-physical 0x%llx outside its memory at pc 0x%08x: refused%s\n",
			v->part->name, insn ? "instruction" : "data",
			(unsigned long long)gpa, v->regs.pc, note);
	if (!insn) {
		v->dear = ea;
		v->esr = esr & ESR_ST;
	} else {
		v->esr = 0;
	}
	vcpu_reflect(v, insn ? IVOR_ISI : IVOR_DSI, v->regs.pc);
}

/*
 * shadow_fill() - install the real shadow of @ea's guest translation in
 * @v's current context (AS of the fetch side for @insn, else of the data
 * side; PID; shadow id), 4 KiB at the page of @ea: the one refill of a
 * guest TLB miss, for the generic exit (tlb_miss()) and the fast path
 * (hv_vcpu_fast()). The guest-physical page must be RAM of the
 * partition, or, with @mmio, a page of a device it owns (then
 * cache-inhibited, guarded and never executable, doc/passthrough.md).
 * Permissions: the guest entry's, for the guest's user or supervisor
 * view; only one side's in a split context (split_perms()).
 * @gpa: set to @ea's guest-physical address unless -ENOENT.
 * Return: 0 when installed; -ENOENT when the guest's TLB has no entry
 * for @ea (the guest's own miss); -EFAULT when the page is neither RAM
 * nor (with @mmio) an owned device's. Nothing changed on an error.
 */
static int shadow_fill(struct vcpu *v, bool insn, u32 ea, bool mmio, u64 *gpa)
{
	u32 as = !!(v->msr & (insn ? MSR_IS : MSR_DS));
	const struct vtlb_entry *e;
	phys_addr_t phys;
	u32 perms, wimge;
	bool dev = false;
	int sid;

	e = vtlb_lookup(&v->tlb, ea, as, v->pid, gpa);
	if (!e)
		return -ENOENT;
	wimge = vtlb_shadow_wimge(e);
	if (partition_gpa_to_phys(v->part, *gpa & ~0xfffULL, SZ_4K, &phys)) {
		if (!mmio ||
		    !partition_mmio_ok(v->part, *gpa & ~0xfffULL, SZ_4K))
			return -EFAULT;
		/*
		 * A page of a device the partition owns, at guest-physical =
		 * real (doc/passthrough.md): cache-inhibited and guarded
		 * whatever the guest asked (caching device registers, or
		 * speculating into them, is never right), and never
		 * executable.
		 */
		phys = *gpa & ~0xfffULL;
		wimge = (wimge & MAS2_E) | MAS2_I | MAS2_G;
		dev = true;
	}
	if (split_as(v))
		perms = split_perms(v, insn, ea, e, *gpa);
	else
		perms = vtlb_shadow_perms(e, guest_user(v));
	if (dev)
		perms &= ~(MAS3_UX | MAS3_SX);
	sid = vcpu_shadow_id(v);
	arch_shadow_map(ea & ~0xfffu, phys, (u32)sid, wimge, perms);
	return 0;
}

/*
 * Fill a guest TLB miss from the guest's TLB, or deliver the miss.
 * Return: true when a shadow was installed.
 */
static bool tlb_miss(struct vcpu *v, bool insn, u32 ea, u32 esr)
{
	u32 as = !!(v->msr & (insn ? MSR_IS : MSR_DS));
	u64 gpa;

	switch (shadow_fill(v, insn, ea, true, &gpa)) {
	case 0:
		return true;
	case -EFAULT:
		refuse_gpa(v, insn, ea, esr, gpa);
		return false;
	}
	vtlb_load_defaults(v, ea, as, v->pid);
	/*
	 * A TLB miss interrupt, unlike a tlbsx miss, sets MAS1[V] (e500mc
	 * Core RM, MAS updates on a TLB error interrupt; KVM e500_mmu.c
	 * kvmppc_e500_deliver_tlb_miss): Linux's miss handlers write MAS1
	 * back as loaded.
	 */
	v->mas1 |= MAS1_VALID;
	if (!insn) {
		v->dear = ea;
		v->esr = esr & ESR_ST;
	}
	vcpu_reflect(v, insn ? IVOR_ITLB : IVOR_DTLB, v->regs.pc);
	return false;
}

/*
 * A real ISI (@insn) or DSI at @ea in a split context: the entry there
 * may hold the other side's shadow (split_perms()). When this side's
 * guest translation allows the access, drop the entry and fill this
 * side's shadow; when this side has no translation, deliver the guest's
 * TLB miss. The same instruction and page refilled again for the same
 * side means the refill was not the cure: the exception is the guest's.
 * Refilled for each side in turn means one instruction needs the page on
 * both sides at once, which one real entry cannot give: stop the vCPU.
 * Return: true when handled here (false: reflect it to the guest).
 */
static bool split_refill(struct vcpu *v, bool insn, u32 ea, u32 esr)
{
	u32 as = !!(v->msr & (insn ? MSR_IS : MSR_DS));
	u32 need = insn ? MAS3_UX : (esr & ESR_ST) ? MAS3_UW : MAS3_UR;
	unsigned int side = insn ? SIDE_FETCH : SIDE_DATA;
	u32 page = ea & ~0xfffu;
	struct vtlb *t = &v->tlb;
	const struct vtlb_entry *e;

	if (!split_as(v))
		return false;
	e = vtlb_lookup(t, ea, as, v->pid, NULL);
	if (!e) {
		t->refill_n = 0;
		tlb_miss(v, insn, ea, esr); /* the guest's TLB miss */
		return true;
	}
	if (!(vtlb_shadow_perms(e, guest_user(v)) & need))
		return false; /* the guest's own protection */
	if (t->refill_n && t->refill_pc == v->regs.pc && t->refill_ea == page) {
		if (t->refill_side == side)
			return false;
		if (++t->refill_n > 2) {
			vcpu_fail(
				v,
				"one instruction fetches from and accesses a page its two address spaces (MSR[IS] != MSR[DS]) map differently",
				v->regs.pc);
			return true;
		}
	} else {
		t->refill_pc = v->regs.pc;
		t->refill_ea = page;
		t->refill_n = 1;
	}
	t->refill_side = side;
	arch_shadow_unmap(page);
	if (!tlb_miss(v, insn, ea, esr))
		t->refill_n = 0;
	return true;
}

/* Program exception: emulate a supervisor's privileged instruction. */
static void program(struct vcpu *v, u32 esr)
{
	char note[LOG_BUDGET_NOTE];
	u32 insn;

	if (!(esr & ESR_PPR) || guest_user(v)) {
		vcpu_program(v, esr); /* the guest's own problem */
		return;
	}
	if (fetch_cached(v, &v->tlb.emul, v->regs.pc, &insn)) {
		vcpu_fail(v, "cannot read the faulting instruction",
			  v->regs.pc);
		return;
	}
	if (IS_ENABLED(CONFIG_DEBUG_EXIT_STATS))
		exit_stats_insn(insn);
	switch (vcpu_emulate(v, insn)) {
	case EMUL_NEXT:
		v->regs.pc += 4;
		break;
	case EMUL_JUMP:
		break;
	case EMUL_ILLEGAL:
		/* The first few are worth a line: a guest's next step is
		 * often an instruction or SPR weir does not emulate yet. */
		if (log_budget_take(&v->part->log[PLOG_NOT_EMULATED], note))
			pr_warn("partition '%s': privileged instruction 0x%08x at 0x%08x not emulated: program exception%s\n",
				v->part->name, insn, v->regs.pc, note);
		vcpu_program(v, ESR_PIL);
		break;
	}
}

/*
 * A cache-locking instruction from the guest's supervisor (or from its
 * user mode with its MSR[UCLE] set) arrives as a DSI with ESR[DLK] or
 * ESR[ILK], because the guest really runs in problem state with UCLE 0.
 * Return: true when it was emulated (false: a DSI for the guest).
 */
static bool cache_lock(struct vcpu *v, u32 esr)
{
	u32 insn;

	if (!(esr & (ESR_DLK | ESR_ILK)) ||
	    (guest_user(v) && !(v->msr & MSR_UCLE)))
		return false;
	if (vcpu_fetch(v, v->regs.pc, true, &insn) ||
	    vcpu_emulate_cache_lock(v, insn) != EMUL_NEXT)
		return false;
	v->regs.pc += 4;
	return true;
}

/*
 * System call. Without the hypervisor category `sc 1` arrives here too
 * (SRR0 after the sc): read the instruction for its LEV field.
 */
static void syscall(struct vcpu *v)
{
	u32 insn, sc_pc = v->regs.pc - 4;

	if (fetch_cached(v, &v->tlb.sc, sc_pc, &insn)) {
		vcpu_fail(v, "cannot read the sc instruction", sc_pc);
		return;
	}
	if ((insn >> 26) != OP_SC || SC_LEV(insn) != 1) {
		vcpu_reflect(v, IVOR_SYSCALL, v->regs.pc);
		return;
	}
	if (guest_user(v)) {
		/* `sc 1` from the guest's user mode is not an hcall. */
		v->regs.pc = sc_pc;
		vcpu_program(v, ESR_PPR);
		return;
	}
	hcall_dispatch(v);
}

/* Embedded hypervisor system call (E.HV cores): SRR0 is after the sc. */
static void hv_syscall(struct vcpu *v)
{
	if (guest_user(v)) {
		v->regs.pc -= 4;
		vcpu_program(v, ESR_PPR);
		return;
	}
	hcall_dispatch(v);
}

void vcpu_exit(struct vcpu *v, unsigned int ivor, u32 dear, u32 esr)
{
	bool refill = false;

	switch (ivor) {
	case IVOR_PROGRAM:
		program(v, esr);
		break;
	case IVOR_SYSCALL:
		syscall(v);
		break;
	case IVOR_HCALL:
		hv_syscall(v);
		break;
	case IVOR_DTLB:
		tlb_miss(v, false, dear, esr);
		break;
	case IVOR_ITLB:
		tlb_miss(v, true, v->regs.pc, esr);
		break;
	case IVOR_DSI:
		if (cache_lock(v, esr))
			break;
		refill = split_refill(v, false, dear, esr);
		if (refill)
			break;
		/* fall through */
	case IVOR_ALIGN:
		v->dear = dear;
		v->esr = esr;
		vcpu_reflect(v, ivor, v->regs.pc);
		break;
	case IVOR_ISI:
		refill = split_refill(v, true, v->regs.pc, esr);
		if (refill)
			break;
		v->esr = esr;
		vcpu_reflect(v, ivor, v->regs.pc);
		break;
	case IVOR_FPUNAVAIL:
	case IVOR_APUNAVAIL:
		vcpu_reflect(v, ivor, v->regs.pc);
		break;
	case IVOR_DEC:
	case IVOR_EXTERNAL:
	case IVOR_FIT:
	case IVOR_DOORBELL:
	case IVOR_PERFMON:
		break; /* handled by the arch code before we get here */
	default:
		vcpu_fail(v, "unexpected exception", v->regs.pc);
		break;
	}
	if (!refill)
		v->tlb.refill_n = 0; /* split_refill() counts in a row */
	if (!v->stopped)
		vcpu_deliver_pending(v);
}

/*
 * The way back to the guest after any exit (include/weir/arch.h entry
 * points; the arch's run loop only saves and restores registers around
 * them): the partition's requests applied, an idle or stopped vCPU parked
 * (arch_idle_wait(): weir's tick and kicks still run), what is pending
 * delivered, the real MSR and shadow id chosen. Beside vcpu_exit() so
 * that an hcall's path crosses one core file before the dispatcher.
 */
/* arch_idle_wait(), its time counted under CONFIG_DEBUG_EXIT_STATS. */
static void idle_wait(void)
{
	u64 t0 = IS_ENABLED(CONFIG_DEBUG_EXIT_STATS) ? arch_tb_read() : 0;

	arch_idle_wait();
	if (IS_ENABLED(CONFIG_DEBUG_EXIT_STATS))
		exit_stats_idle(arch_tb_read() - t0);
}

/* Wait while the vCPU idles or is stopped; apply partition requests. */
static void wait_runnable(struct vcpu *v)
{
	for (;;) {
		partition_vcpu_sync(v);
		vcpu_shootdown_serve(v);
		if (v->stopped || (v->spinning && !vcpu_spin_release(v))) {
			idle_wait();
			continue;
		}
		if (!v->idle)
			return;
		if (vcpu_has_pending(v)) {
			v->idle = false;
			return;
		}
		idle_wait();
	}
}

/* One body for both entry points: an exit pays for one call frame. */
static inline u32 enter(struct vcpu *v)
{
	wait_runnable(v);
	vcpu_deliver_pending(v);
	v->regs.msr = vcpu_shadow_msr(v);
	return (u32)vcpu_shadow_id(v);
}

u32 hv_vcpu_enter(struct vcpu *v)
{
	return enter(v);
}

u32 hv_vcpu_exit(struct vcpu *v, unsigned int ivor, u32 dear, u32 esr)
{
	if (IS_ENABLED(CONFIG_DEBUG_EXIT_STATS))
		exit_stats_count(ivor);
	vcpu_exit(v, ivor, dear, esr);
	return enter(v);
}

/* The MSR bits the real MSR (vcpu_shadow_msr()) and shadow id depend on. */
#define MSR_SHADOW (MSR_IS | MSR_DS | MSR_PR | MSR_FP | MSR_FE0 | MSR_FE1)

/*
 * Nothing stops @v from resuming as it entered with its MSR now @msr: not
 * idle or stopped, no partition request, and nothing to deliver (MSR[EE]
 * clear, or nothing pending). arch/powerpc start.S exc_entry_program
 * checks the same before its mfmsr/wrtee/wrteei emulation.
 */
static inline bool fast_resumable(const struct vcpu *v, u32 msr)
{
	return !v->idle && !v->stopped &&
	       __atomic_load_n(&v->part->req, __ATOMIC_RELAXED) == PREQ_NONE &&
	       (!(msr & MSR_EE) || !vcpu_has_pending(v));
}

/*
 * After a fast-path hcall or emulation that began with @msr and @pid:
 * resume as entered when the real MSR and shadow id stay, nothing is to
 * be delivered and nothing requested; otherwise the generic way back
 * (vcpu_exit()'s tail, then enter()).
 */
static u32 fast_done(struct vcpu *v, u32 msr, u32 pid)
{
	v->tlb.refill_n = 0; /* as vcpu_exit() */
	if (!((v->msr ^ msr) & MSR_SHADOW) && v->pid == pid &&
	    fast_resumable(v, v->msr))
		return HV_FAST_RESUME;
	if (!v->stopped)
		vcpu_deliver_pending(v);
	return enter(v);
}

u32 hv_vcpu_fast(struct vcpu *v, unsigned int ivor, u32 esr)
{
	u32 msr = v->msr, pid = v->pid;
	const u32 *w;
	u64 gpa;

	if (guest_user(v) && ivor != IVOR_DTLB && ivor != IVOR_ITLB)
		return HV_FAST_GENERIC;
	switch (ivor) {
	case IVOR_PROGRAM:
		w = cached_word(&v->tlb.emul, v, v->regs.pc);
		if (!w || !(esr & ESR_PPR))
			return HV_FAST_GENERIC;
		if (IS_ENABLED(CONFIG_DEBUG_EXIT_STATS))
			exit_stats_insn(get_be32(w));
		switch (vcpu_emulate(v, get_be32(w))) {
		case EMUL_NEXT:
			v->regs.pc += 4;
			break;
		case EMUL_JUMP:
			break;
		default: /* changed nothing: the generic path reports it */
			return HV_FAST_GENERIC;
		}
		break;
	case IVOR_SYSCALL:
		w = cached_word(&v->tlb.sc, v, v->regs.pc - 4);
		if (!w || get_be32(w) != SC_1_INSN)
			return HV_FAST_GENERIC;
		hcall_dispatch(v);
		break;
	case IVOR_HCALL:
		hcall_dispatch(v);
		break;
	default: /* IVOR_DTLB, IVOR_ITLB (after the hcalls' cases) */
		/*
		 * A plain refill only (shadow_fill() of RAM); the guest's own
		 * miss, a device page, a bus error and a split context's
		 * refill sequence (refill_n) go the generic way.
		 */
		if ((ivor != IVOR_DTLB && ivor != IVOR_ITLB) ||
		    v->tlb.refill_n ||
		    shadow_fill(v, ivor == IVOR_ITLB,
				ivor == IVOR_ITLB ? v->regs.pc : v->regs.dear,
				false, &gpa))
			return HV_FAST_GENERIC;
		break;
	}
	if (IS_ENABLED(CONFIG_DEBUG_EXIT_STATS))
		exit_stats_count(ivor);
	return fast_done(v, msr, pid);
}

u32 hv_vcpu_hcall(struct vcpu *v, const struct hcall_desc *d)
{
	u32 msr = v->msr, pid = v->pid;

	hcall_run(v, d);
	return fast_done(v, msr, pid);
}

int vcpu_reset(struct vcpu *v, u32 entry, u32 fdt_gpa)
{
	struct partition *p = v->part;
	unsigned int id = v->id, cpu = v->cpu;
	u32 gen = v->gen;
	int tsize;
	u64 ima;

	/* all but the TLB requests of other vCPUs: served as they come */
	__builtin_memset(v, 0, offsetof(struct vcpu, shoot));
	v->part = p;
	v->id = id;
	v->cpu = cpu;
	v->gen = gen;
	vtlb_reset(&v->tlb);
	ima = vtlb_ima_size(p->ram_size);
	tsize = vtlb_set_ima(&v->tlb, 0, ima);
	if (tsize < 0)
		return tsize;
	v->msr = MSR_ME;
	/* MAS4 defaults: TLB0, 4 KiB (e500mc reset value of TSIZED) */
	v->mas4 = MAS1_TSIZE(2);
	v->regs.pc = entry;
	v->regs.gpr[3] = fdt_gpa;
	v->regs.gpr[6] = 0x45504150; /* ePAPR magic "EPAP" (ePAPR 1.1 §5.4.1) */
	v->regs.gpr[7] = (u32)ima;
	v->regs.msr = vcpu_shadow_msr(v);
	/* the memset cleared VIRQ_EXT, which must mirror the vPIC */
	if (p->pic)
		vpic_sync(p->pic);
	return 0;
}
