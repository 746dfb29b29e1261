// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The trap-and-emulate vCPU core (hv/vcpu/) driven the way the arch code
 * drives it: a partition with 16 MiB of real (malloc'd) guest RAM, a vCPU
 * reset to the ePAPR entry state, guest instructions written big-endian
 * into guest RAM at the PC, and exits through vcpu_exit() with the IVOR,
 * DEAR and ESR the hardware would report. The arch boundary is the
 * recording fake of test/unit/helpers/fake_vcpu_arch.c.
 *
 * Every exit is checked against a snapshot of the whole struct vcpu in
 * which only the fields the architecture says change were changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <weir/booke.h>
#include <weir/byteorder.h>
#include <weir/epapr.h>
#include <weir/partition.h>
#include <weir/arch.h>
#include <weir/vcpu.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vtimer.h>
#include <weir/vtlb.h>
#include "helpers/capture.h"
#include "helpers/fake_hv.h"
#include "helpers/fake_vcpu_arch.h"

#define RAM_PHYS	0x10000000ULL
#define RAM_SIZE	(16u << 20)
#define ENTRY		0x00100000u
#define FDT_GPA		0x00ff0000u
#define EPAPR_MAGIC	0x45504150u

/* The guest's vectors: IVPR 0, IVORn = n * 0x100 + 0x1000. */
#define VEC(n)		((u32)(n) * 0x100u + 0x1000u)

/* Instruction encodings (Power ISA 2.06 Book I/III-E). */
#define MFMSR(rd)	(0x7c0000a6u | (u32)(rd) << 21)
#define MTMSR(rs)	(0x7c000124u | (u32)(rs) << 21)
#define WRTEE(rs)	(0x7c000106u | (u32)(rs) << 21)
#define WRTEEI(e)	(0x7c000146u | (u32)(e) << 15)
#define SPRF(spr)	((((u32)(spr) & 0x1f) << 16) | (((u32)(spr) >> 5) << 11))
#define MFSPR(rd, spr)	(0x7c0002a6u | (u32)(rd) << 21 | SPRF(spr))
#define MTSPR(spr, rs)	(0x7c0003a6u | (u32)(rs) << 21 | SPRF(spr))
#define RFI		0x4c000064u
#define RFDI		0x4c00004eu
/* cache locking, X-form opcode 31 with CT = 0 in the RT field */
#define X31(xo, ra, rb)	(0x7c000000u | (u32)(ra) << 16 | (u32)(rb) << 11 | (u32)(xo) << 1)
#define DCBTLS(ra, rb)	X31(166, ra, rb)
#define DCBTSTLS(ra, rb) X31(134, ra, rb)
#define ICBTLS(ra, rb)	X31(486, ra, rb)
#define DCBLC(ra, rb)	X31(390, ra, rb)
#define ICBLC(ra, rb)	X31(230, ra, rb)
#define TLBWE		0x7c0007a4u
#define TLBRE		0x7c000764u
#define TLBSX(rb)	(0x7c000724u | (u32)(rb) << 11)
#define TLBSX_RA(ra, rb) (TLBSX(rb) | (u32)(ra) << 16)
#define TLBIVAX(rb)	(0x7c000624u | (u32)(rb) << 11)
#define MSGSND(rb)	(0x7c00019cu | (u32)(rb) << 11)
#define MSGCLR(rb)	(0x7c0001dcu | (u32)(rb) << 11)
#define TLBILX(t, rb)	(0x7c000024u | (u32)(t) << 21 | (u32)(rb) << 11)
#define WAIT		0x7c00007cu
#define SC		0x44000002u
#define SC1		0x44000022u

#define TSIZE_4K	2
#define TSIZE_16M	14
#define TSIZE_64M	16
#define MSR_BASE_KEEP	(MSR_CE | MSR_ME | MSR_DE)
#define RTMP		31	/* scratch GPR of the guest_*() helpers */
#define RB		20	/* rB of the tlbsx/tlbivax/tlbilx tests */

static struct partition part;
static struct vcpu *v;
static u8 *ram;
static struct vcpu before, expect;

/* ------------------------------------------------------------ fixture */
static int setup(void **state)
{
	unsigned int n;

	fake_arch_clear();
	memset(&part, 0, sizeof(part));
	part.id = 1;
	snprintf(part.name, sizeof(part.name), "vtest");
	part.ram_phys = RAM_PHYS;
	part.ram_size = RAM_SIZE;
	ram = calloc(1, RAM_SIZE);
	v = calloc(1, sizeof(*v));
	if (!ram || !v)
		abort();
	part.ram_host = ram;
	part.state = PART_RUNNING;
	part.nvcpus = 1;
	part.vcpu[0] = v;
	v->part = &part;
	assert_int_equal(vcpu_reset(v, ENTRY, FDT_GPA), 0);
	v->ivpr = 0;
	for (n = 0; n < 42; n++)
		v->ivor[n] = VEC(n);
	return 0;
}

static int teardown(void **state)
{
	free(v);
	free(ram);
	v = NULL;
	ram = NULL;
	return 0;
}

/* ----------------------------------------------------- state snapshots */
struct field {
	const char *name;
	size_t off, size;
};

#define FLD(f)	{ #f, offsetof(struct vcpu, f), sizeof(((struct vcpu *)0)->f) }
static const struct field fields[] = {
	FLD(regs.gpr), FLD(regs.pc), FLD(regs.msr), FLD(regs.lr),
	FLD(regs.ctr), FLD(regs.cr), FLD(regs.xer), FLD(regs.dear),
	FLD(regs.esr), FLD(regs.vector), FLD(regs.pad), FLD(part), FLD(id),
	FLD(cpu), FLD(msr), FLD(srr0), FLD(srr1), FLD(csrr0), FLD(csrr1),
	FLD(mcsrr0), FLD(mcsrr1), FLD(dear), FLD(esr), FLD(mcsr), FLD(sprg),
	FLD(ivpr), FLD(ivor), FLD(pid), FLD(tcr), FLD(tsr), FLD(decar),
	FLD(dec_deadline), FLD(dec_armed), FLD(mas0), FLD(mas1), FLD(mas2),
	FLD(mas3), FLD(mas4), FLD(mas6), FLD(mas7), FLD(hid0), FLD(hid1),
	FLD(l1csr0), FLD(l1csr1), FLD(l1csr2), FLD(bucsr), FLD(mmucsr0),
	FLD(dbcr), FLD(dbsr), FLD(epcr), FLD(usprg0), FLD(dsrr0), FLD(dsrr1),
	FLD(iac), FLD(dac), FLD(dvc), FLD(pending), FLD(idle),
	FLD(stopped), FLD(tlb.tlb0), FLD(tlb.tlb1), FLD(tlb.tlb0_victim),
	FLD(tlb.tlb1_victim), FLD(tlb.sid), FLD(tlb.next_sid),
	FLD(tlb.refill_pc), FLD(tlb.refill_ea), FLD(tlb.refill_side),
	FLD(tlb.refill_n), FLD(tlb.drop), FLD(tlb.drop_ea),
	FLD(tlb.tlb1_used),
};

/* The whole struct vcpu equals @exp; names the first field that does not. */
static void assert_vcpu_is(const struct vcpu *exp)
{
	const u8 *a = (const u8 *)exp, *b = (const u8 *)v;
	size_t i, f;

	for (i = 0; i < sizeof(*exp); i++) {
		const char *name = "(padding)";
		size_t at = i;

		if (a[i] == b[i])
			continue;
		for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
			if (i >= fields[f].off && i < fields[f].off + fields[f].size) {
				name = fields[f].name;
				at = i - fields[f].off;
				break;
			}
		}
		fail_msg("struct vcpu: %s differs at byte %zu (offset %zu): expected 0x%02x, got 0x%02x",
			 name, at, i, a[i], b[i]);
	}
}

/* before = expect = the vCPU now; the test edits expect. */
static void snap(void)
{
	memcpy(&before, v, sizeof(before));
	memcpy(&expect, v, sizeof(expect));
}

static void check(void)
{
	/* caches: checked by test_sc_cache, test_emul_fast */
	expect.tlb.sc = v->tlb.sc;
	expect.tlb.emul = v->tlb.emul;
	assert_vcpu_is(&expect);
}

/* What a base-class exception taken at @pc does to @e (ISA III-E §7.6). */
static void expect_base(struct vcpu *e, unsigned int ivor, u32 pc)
{
	e->srr0 = pc;
	e->srr1 = e->msr;
	e->msr &= MSR_BASE_KEEP;
	e->idle = false;
	e->regs.pc = VEC(ivor);
}

/* A program exception with @esr for the instruction at e->regs.pc. */
static void expect_program(struct vcpu *e, u32 esr)
{
	e->esr = esr;
	expect_base(e, IVOR_PROGRAM, e->regs.pc);
}

/* ------------------------------------------------------- guest helpers */
static void poke(u64 gpa, u32 word)
{
	assert_true(gpa + 4 <= RAM_SIZE);
	put_be32((u32 *)(ram + gpa), word);
}

/*
 * The guest executes privileged @insn at its PC: store it there (EA ==
 * guest-physical under the initial mapped area) and take the exit the
 * hardware takes for a privileged instruction in problem state.
 */
static void exec(u32 insn)
{
	poke(v->regs.pc, insn);
	vcpu_exit(v, IVOR_PROGRAM, 0, ESR_PPR);
}

/* exec() of an instruction that must be emulated and continue after it. */
static void exec_ok(u32 insn)
{
	u32 pc = v->regs.pc;

	exec(insn);
	assert_false(v->stopped);
	assert_int_equal(v->regs.pc, pc + 4);
}

static void guest_mtspr(unsigned int spr, u32 val)
{
	v->regs.gpr[RTMP] = val;
	exec_ok(MTSPR(spr, RTMP));
}

static u32 guest_mfspr(unsigned int spr)
{
	v->regs.gpr[RTMP] = 0xbad0bad0;
	exec_ok(MFSPR(RTMP, spr));
	return v->regs.gpr[RTMP];
}

static void guest_mas(u32 mas0, u32 mas1, u32 mas2, u32 mas3, u32 mas7)
{
	guest_mtspr(SPRN_MAS0, mas0);
	guest_mtspr(SPRN_MAS1, mas1);
	guest_mtspr(SPRN_MAS2, mas2);
	guest_mtspr(SPRN_MAS3, mas3);
	guest_mtspr(SPRN_MAS7, mas7);
}

/* A tlbwe the vTLB must accept. */
static void guest_tlbwe(u32 mas0, u32 mas1, u32 mas2, u32 mas3, u32 mas7)
{
	guest_mas(mas0, mas1, mas2, mas3, mas7);
	exec_ok(TLBWE);
}

/* TLB1[esel]: a valid 4 KiB supervisor RW page @ea -> guest-physical @gpa. */
static void map4k(unsigned int esel, u32 ea, u64 gpa, u32 perms)
{
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(esel),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_4K), ea | MAS2_M,
		    ((u32)gpa & MAS3_RPN) | perms, (u32)(gpa >> 32));
}

/* ------------------------------------------------------------- reset */
static void test_reset_state(void **state)
{
	struct vtlb_entry zero = { 0 };
	unsigned int i;
	struct partition big = part, tiny = part;
	struct vcpu *w;

	assert_int_equal(v->regs.pc, ENTRY);
	assert_int_equal(v->regs.gpr[3], FDT_GPA);
	assert_int_equal(v->regs.gpr[6], EPAPR_MAGIC);
	assert_int_equal(v->regs.gpr[7], RAM_SIZE);
	assert_int_equal(v->msr, MSR_ME);
	assert_int_equal(v->regs.msr, MSR_PR | MSR_IS | MSR_DS | MSR_EE | MSR_ME);
	assert_int_equal(v->mas4, MAS1_TSIZE(TSIZE_4K));
	/* the initial mapped area: EA 0 -> gpa 0, all 16 MiB, IPROT, SRWX */
	assert_int_equal(v->tlb.tlb1[0].mas1,
			 MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(TSIZE_16M));
	assert_int_equal(v->tlb.tlb1[0].mas2, MAS2_M);
	assert_int_equal(v->tlb.tlb1[0].mas7_3, MAS3_SR | MAS3_SW | MAS3_SX);
	for (i = 1; i < VTLB1_ENTRIES; i++)
		assert_memory_equal(&v->tlb.tlb1[i], &zero, sizeof(zero));
	for (i = 0; i < VTLB0_ENTRIES; i++)
		assert_memory_equal(&v->tlb.tlb0[i], &zero, sizeof(zero));
	assert_int_equal(v->tlb.next_sid, 1);
	assert_ptr_equal(v->part, &part);

	/* 1 GiB of RAM: the IMA stops at 64 MiB; id and cpu survive */
	w = calloc(1, sizeof(*w));
	assert_non_null(w);
	big.ram_size = 1ULL << 30;
	w->part = &big;
	w->id = 3;
	w->cpu = 5;
	w->regs.gpr[9] = 0x99;
	assert_int_equal(vcpu_reset(w, 0x2000, 0x3000), 0);
	assert_int_equal(w->regs.gpr[7], 64u << 20);
	assert_int_equal(w->regs.gpr[9], 0);
	assert_int_equal(w->id, 3);
	assert_int_equal(w->cpu, 5);
	assert_int_equal(MAS1_TSIZE_GET(w->tlb.tlb1[0].mas1), TSIZE_64M);
	/* 48 MiB: the largest 4^n KiB page not above it is 16 MiB */
	big.ram_size = 48u << 20;
	assert_int_equal(vcpu_reset(w, 0x2000, 0x3000), 0);
	assert_int_equal(w->regs.gpr[7], 16u << 20);
	/* below 4 KiB there is no initial mapped area to give */
	tiny.ram_size = 0x800;
	w->part = &tiny;
	assert_int_equal(vcpu_reset(w, 0x2000, 0x3000), -EINVAL);
	free(w);
}

/* ------------------------------------------------------- 1: MSR access */
static void test_msr_round_trip(void **state)
{
	const u32 msr = MSR_CE | MSR_EE | MSR_ME | MSR_DE | MSR_FP;

	v->regs.gpr[5] = 0xdeadbeef;
	snap();
	exec(MFMSR(5));
	expect.regs.gpr[5] = MSR_ME;
	expect.regs.pc = ENTRY + 4;
	check();

	v->regs.gpr[6] = msr;
	snap();
	exec(MTMSR(6));
	expect.msr = msr;
	expect.regs.pc = ENTRY + 8;
	check();

	snap();
	exec(MFMSR(7));
	expect.regs.gpr[7] = msr;
	expect.regs.pc += 4;
	check();

	snap();
	exec(WRTEEI(0));
	expect.msr = msr & ~MSR_EE;
	expect.regs.pc += 4;
	check();

	snap();
	exec(WRTEEI(1));
	expect.msr = msr;
	expect.regs.pc += 4;
	check();

	/* wrtee takes only EE from rS */
	v->regs.gpr[8] = ~MSR_EE;
	snap();
	exec(WRTEE(8));
	expect.msr = msr & ~MSR_EE;
	expect.regs.pc += 4;
	check();

	v->regs.gpr[8] = MSR_EE | MSR_PR | MSR_IS | MSR_DS;
	snap();
	exec(WRTEE(8));
	expect.msr = msr;
	expect.regs.pc += 4;
	check();
	assert_int_equal(v->regs.pc, ENTRY + 7 * 4);
}

/* ------------------------------------------------------------- 2: SPRs */
struct spr_reg {
	unsigned int spr;
	size_t off;		/* its u32 in struct vcpu */
};

#define SPR_REG(spr, f)	{ spr, offsetof(struct vcpu, f) }

static u32 *field_u32(struct vcpu *e, size_t off)
{
	return (u32 *)((char *)e + off);
}

static void test_spr_plain(void **state)
{
	static const struct spr_reg regs[] = {
		SPR_REG(SPRN_SRR0, srr0), SPR_REG(SPRN_SRR1, srr1),
		SPR_REG(SPRN_CSRR0, csrr0), SPR_REG(SPRN_CSRR1, csrr1),
		SPR_REG(SPRN_DEAR, dear), SPR_REG(SPRN_ESR, esr),
		SPR_REG(SPRN_SPRG0, sprg[0]), SPR_REG(SPRN_SPRG1, sprg[1]),
		SPR_REG(SPRN_SPRG2, sprg[2]), SPR_REG(SPRN_SPRG3, sprg[3]),
		SPR_REG(SPRN_SPRG4, sprg[4]), SPR_REG(SPRN_SPRG4 + 1, sprg[5]),
		SPR_REG(SPRN_SPRG4 + 2, sprg[6]), SPR_REG(SPRN_SPRG4 + 3, sprg[7]),
		SPR_REG(SPRN_MAS0, mas0), SPR_REG(SPRN_MAS1, mas1),
		SPR_REG(SPRN_MAS2, mas2), SPR_REG(SPRN_MAS3, mas3),
		SPR_REG(SPRN_MAS4, mas4), SPR_REG(SPRN_MAS6, mas6),
		SPR_REG(SPRN_MAS7, mas7),
	};
	unsigned int i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		u32 val = 0x1234abcdu ^ (i * 0x01010101u);

		v->regs.gpr[5] = val;
		snap();
		exec(MTSPR(regs[i].spr, 5));
		*field_u32(&expect, regs[i].off) = val;
		expect.regs.pc += 4;
		check();

		v->regs.gpr[6] = 0;
		snap();
		exec(MFSPR(6, regs[i].spr));
		expect.regs.gpr[6] = val;
		expect.regs.pc += 4;
		check();
	}
	/* SPRG3-7 are user-readable: mirrored in that order, SPRG0-2 never */
	assert_int_equal(fake_arch.sprg_writes, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(fake_arch.sprg[i].n, 3 + i);
		assert_int_equal(fake_arch.sprg[i].val,
				 0x1234abcdu ^ ((9 + i) * 0x01010101u));
		assert_int_equal(fake_arch.sprg_user[3 + i], v->sprg[3 + i]);
	}
	assert_int_equal(fake_arch.sprg_user[0], 0);
	assert_int_equal(fake_arch.sprg_user[1], 0);
	assert_int_equal(fake_arch.sprg_user[2], 0);
	assert_int_equal(fake_arch.flushes, 0);
}

static void test_spr_ivpr_ivor(void **state)
{
	unsigned int spr, idx;

	snap();
	guest_mtspr(SPRN_IVPR, 0x1234fff8);
	assert_int_equal(v->ivpr, 0x12340000);
	assert_int_equal(guest_mfspr(SPRN_IVPR), 0x12340000);
	expect.ivpr = 0x12340000;
	expect.regs.gpr[RTMP] = 0x12340000;
	expect.regs.pc += 8;
	check();

	/* IVOR0-15 = 400-415, IVOR32-37 = 528-533, IVOR38-41 = 432-435 */
	for (spr = 0; spr < 1024; spr++) {
		u32 val;

		if (spr >= 400 && spr <= 415)
			idx = spr - 400;
		else if (spr >= 528 && spr <= 533)
			idx = spr - 528 + 32;
		else if (spr >= 432 && spr <= 435)
			idx = spr - 432 + 38;
		else
			continue;
		val = 0xa5a50000u | idx << 8 | 0x7f;
		snap();
		guest_mtspr(spr, val);
		expect.ivor[idx] = (idx << 8 | 0x7f) & 0xfff0;
		expect.regs.gpr[RTMP] = val;
		expect.regs.pc += 4;
		check();
		assert_int_equal(guest_mfspr(spr), (idx << 8 | 0x7f) & 0xfff0);
	}
	/* IVOR16-31 do not exist on e500mc */
	v->ivpr = 0;
	for (idx = 0; idx < 42; idx++)
		v->ivor[idx] = VEC(idx);
	for (spr = 416; spr < 432; spr++) {
		v->regs.gpr[5] = 0x5555;
		snap();
		exec(MFSPR(5, spr));
		expect_program(&expect, ESR_PIL);
		check();
		v->msr = MSR_ME;
		v->regs.pc = ENTRY;
	}
}

static void test_spr_pid_pir_version(void **state)
{
	guest_mtspr(SPRN_PID, 0x2a);
	assert_int_equal(v->pid, 0x2a);
	assert_int_equal(guest_mfspr(SPRN_PID), 0x2a);
	/* 8-bit PID (MMUCFG[PIDSIZE] = 7) */
	guest_mtspr(SPRN_PID, 0x1ff);
	assert_int_equal(guest_mfspr(SPRN_PID), 0xff);

	v->id = 3;
	assert_int_equal(guest_mfspr(SPRN_PIR), 3);
	/* PIR is not the guest's to change */
	v->regs.gpr[5] = 7;
	snap();
	exec(MTSPR(SPRN_PIR, 5));
	expect.regs.pc += 4;
	check();
	assert_int_equal(guest_mfspr(SPRN_PIR), 3);

	assert_int_equal(guest_mfspr(SPRN_PVR), FAKE_PVR);
	assert_int_equal(guest_mfspr(SPRN_SVR), FAKE_SVR);
}

/* TLBnCFG fields (Power ISA 2.06 III-E §6.11.4.5; Linux mmu-book3e.h) */
#define CFG_ASSOC(c)	((c) >> 24)
#define CFG_MINSIZE(c)	(((c) >> 20) & 0xf)
#define CFG_MAXSIZE(c)	(((c) >> 16) & 0xf)
#define CFG_IPROT	0x00008000u
/* MMUCFG fields */
#define MMUCFG_MAVN(c)	((c) & 3)
#define MMUCFG_NTLBS(c)	(((c) >> 2) & 3)
#define MMUCFG_PIDSZ(c)	(((c) >> 6) & 0x1f)

static void test_spr_tlbcfg(void **state)
{
	u32 cfg0 = guest_mfspr(SPRN_TLB0CFG);
	u32 cfg1 = guest_mfspr(SPRN_TLB1CFG);
	u32 mmucfg = guest_mfspr(SPRN_MMUCFG);
	unsigned int tsize;

	/* TLB0: 4-way, 512 entries, 4 KiB (4^1 KiB) only, no IPROT */
	assert_int_equal(cfg0, 0x04110200);
	assert_int_equal(CFG_ASSOC(cfg0), VTLB0_WAYS);
	assert_int_equal(TLBCFG_NENTRY(cfg0), VTLB0_ENTRIES);

	/* TLB1: fully associative, 64 entries, 4 KiB..4 GiB, IPROT */
	assert_int_equal(CFG_ASSOC(cfg1), VTLB1_ENTRIES);
	assert_int_equal(TLBCFG_NENTRY(cfg1), VTLB1_ENTRIES);
	assert_int_equal(CFG_MINSIZE(cfg1), 1);		/* 4^1 KiB */
	assert_int_equal(CFG_MAXSIZE(cfg1), 11);	/* 4^11 KiB = 4 GiB */
	assert_true(cfg1 & CFG_IPROT);

	/* MMU architecture v1.0, two TLBs, 8-bit PID (e500mc) */
	assert_int_equal(MMUCFG_MAVN(mmucfg), 0);
	assert_int_equal(MMUCFG_NTLBS(mmucfg), 1);
	assert_int_equal(MMUCFG_PIDSZ(mmucfg), 7);

	/* The vTLB accepts exactly the sizes TLB1CFG advertises (MAS1
	 * TSIZE counts 2^n KiB: 4^k KiB is TSIZE 2k) and ESEL < NENTRY. */
	for (tsize = 0; tsize < 32; tsize++) {
		bool ok = !(tsize & 1) && tsize / 2 >= CFG_MINSIZE(cfg1) &&
			  tsize / 2 <= CFG_MAXSIZE(cfg1);

		v->regs.pc = ENTRY;
		v->msr = MSR_ME;
		guest_mas(MAS0_TLBSEL1 | MAS0_ESEL(TLBCFG_NENTRY(cfg1) - 1),
			  MAS1_VALID | MAS1_TSIZE(tsize), 0x40000000, 0, 0);
		exec(TLBWE);
		if (ok) {
			assert_int_equal(v->regs.pc, ENTRY + 6 * 4);
			assert_int_equal(MAS1_TSIZE_GET(v->tlb.tlb1[63].mas1), tsize);
		} else {
			assert_int_equal(v->regs.pc, VEC(IVOR_PROGRAM));
			assert_int_equal(v->esr, ESR_PIL);
		}
	}
	v->regs.pc = ENTRY;
	v->msr = MSR_ME;
	guest_mas(MAS0_TLBSEL1 | MAS0_ESEL(TLBCFG_NENTRY(cfg1)),
		  MAS1_VALID | MAS1_TSIZE(TSIZE_4K), 0x40000000, 0, 0);
	exec(TLBWE);
	assert_int_equal(v->regs.pc, VEC(IVOR_PROGRAM));
}

static void test_spr_unknown(void **state)
{
	/* mfspr r5,1000: illegal, r5 unchanged */
	v->regs.gpr[5] = 0x5555aaaa;
	v->msr = MSR_ME | MSR_EE | MSR_CE | MSR_DE | MSR_FP;
	v->regs.pc = ENTRY + 0x40;
	snap();
	exec(MFSPR(5, 1000));
	expect_program(&expect, ESR_PIL);
	check();
	assert_int_equal(v->srr0, ENTRY + 0x40);
	assert_int_equal(v->srr1, MSR_ME | MSR_EE | MSR_CE | MSR_DE | MSR_FP);
	assert_int_equal(v->msr, MSR_ME | MSR_CE | MSR_DE);
	assert_int_equal(v->regs.pc, 0x1600);
	assert_int_equal(v->regs.gpr[5], 0x5555aaaa);

	/* mtspr 1000,r5: illegal, nothing stored anywhere */
	v->msr = MSR_ME;
	v->regs.pc = ENTRY;
	snap();
	exec(MTSPR(1000, 5));
	expect_program(&expect, ESR_PIL);
	check();
	assert_int_equal(fake_arch.sprg_writes, 0);
	assert_int_equal(fake_arch.flushes, 0);
}

/* --------------------------------------------------------------- 3: rfi */
static void test_rfi(void **state)
{
	v->srr0 = 0x00200042;
	v->srr1 = MSR_EE | MSR_ME | MSR_CE;
	snap();
	exec(RFI);
	expect.regs.pc = 0x00200040;
	expect.msr = MSR_EE | MSR_ME | MSR_CE;
	check();

	/* rfci / rfmci use their own pairs */
	v->csrr0 = 0x3000;
	v->csrr1 = MSR_ME | MSR_DE;
	v->mcsrr0 = 0x4000;
	v->mcsrr1 = MSR_ME | MSR_FP;
	snap();
	exec(0x4c000066);	/* rfci */
	expect.regs.pc = 0x3000;
	expect.msr = MSR_ME | MSR_DE;
	check();
	snap();
	exec(0x4c00004c);	/* rfmci */
	expect.regs.pc = 0x4000;
	expect.msr = MSR_ME | MSR_FP;
	check();

	/* into the guest's user mode: from there, privileged is privileged */
	v->srr0 = 0x00200000;
	v->srr1 = MSR_EE | MSR_ME | MSR_PR;
	exec(RFI);
	assert_int_equal(v->msr, MSR_EE | MSR_ME | MSR_PR);
	v->regs.gpr[5] = 0x77;
	snap();
	exec(MFMSR(5));
	expect_program(&expect, ESR_PPR);
	check();
	assert_int_equal(v->srr0, 0x00200000);
	assert_int_equal(v->srr1, MSR_EE | MSR_ME | MSR_PR);
	assert_int_equal(v->regs.gpr[5], 0x77);
}

/* ------------------------------------------------- 4: exception delivery */
static void test_reflect_base(void **state)
{
	static const unsigned int base[] = {
		IVOR_DSI, IVOR_ISI, IVOR_EXTERNAL, IVOR_ALIGN, IVOR_PROGRAM,
		IVOR_FPUNAVAIL, IVOR_SYSCALL, IVOR_APUNAVAIL, IVOR_DEC,
		IVOR_FIT, IVOR_DTLB, IVOR_ITLB, IVOR_PERFMON, IVOR_DOORBELL,
	};
	const u32 msr = MSR_EE | MSR_PR | MSR_IS | MSR_DS | MSR_CE | MSR_ME |
			MSR_DE | MSR_FP | MSR_FE0 | MSR_FE1 | MSR_WE | MSR_PMM;
	unsigned int i;

	v->ivpr = 0x1234ffff;	/* only IVPR[0:15] counts */
	for (i = 0; i < sizeof(base) / sizeof(base[0]); i++) {
		v->ivor[base[i]] = VEC(base[i]) | 0xf;	/* and IVOR[48:59] */
		v->msr = msr;
		v->idle = true;
		snap();
		vcpu_reflect(v, base[i], 0x00345678);
		expect.srr0 = 0x00345678;
		expect.srr1 = msr;
		expect.msr = MSR_CE | MSR_ME | MSR_DE;
		expect.idle = false;
		expect.regs.pc = 0x12340000 | VEC(base[i]);
		check();
	}
}

static void test_reflect_critical_mcheck(void **state)
{
	static const unsigned int crit[] = { IVOR_CRITICAL, IVOR_WDT };
	const u32 msr = MSR_EE | MSR_PR | MSR_CE | MSR_ME | MSR_DE | MSR_IS;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		v->msr = msr;
		snap();
		vcpu_reflect(v, crit[i], 0x5000);
		expect.csrr0 = 0x5000;
		expect.csrr1 = msr;
		expect.msr = MSR_ME;
		expect.regs.pc = VEC(crit[i]);
		check();
	}
	/* e500mc's debug level: DSRR0/1, only ME kept (KVM INT_CLASS_DBG) */
	v->msr = msr;
	snap();
	vcpu_reflect(v, IVOR_DEBUG, 0x5800);
	expect.dsrr0 = 0x5800;
	expect.dsrr1 = msr;
	expect.msr = MSR_ME;
	expect.regs.pc = VEC(IVOR_DEBUG);
	check();
	/* rfdi returns through DSRR0/1 */
	v->regs.pc = ENTRY;
	v->msr = MSR_ME;
	v->dsrr0 = 0x5804;
	v->dsrr1 = msr & ~MSR_PR;
	snap();
	exec(RFDI);
	expect.msr = msr & ~MSR_PR;
	expect.regs.pc = 0x5804;
	check();

	v->msr = msr;
	snap();
	vcpu_reflect(v, IVOR_MCHECK, 0x6000);
	expect.mcsrr0 = 0x6000;
	expect.mcsrr1 = msr;
	expect.msr = 0;
	expect.regs.pc = VEC(IVOR_MCHECK);
	check();
}

/* ------------------------------------------------------------ 5: sc 1 */
/* An `sc`/`sc 1` at ENTRY: the exit comes with the PC after it. */
static void load_sc(u32 insn, u32 token)
{
	unsigned int i;

	for (i = 0; i < 32; i++)
		v->regs.gpr[i] = 0xdead0000u | i << 8 | i;
	v->regs.gpr[11] = token;
	poke(ENTRY, insn);
	v->regs.pc = ENTRY + 4;
}

static void test_hcall_unknown_token(void **state)
{
	load_sc(SC1, 0x00010008);	/* ePAPR vendor, number 8: none */
	snap();
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	expect.regs.gpr[3] = EV_UNIMPLEMENTED;
	check();
	assert_int_equal(v->regs.gpr[3], 12);
	assert_int_equal(v->regs.pc, ENTRY + 4);

	/* the same through the E.HV hypervisor-call vector */
	load_sc(SC1, 0x00010008);
	snap();
	vcpu_exit(v, IVOR_HCALL, 0, 0);
	expect.regs.gpr[3] = EV_UNIMPLEMENTED;
	check();
}

static void test_hcall_from_guest_user(void **state)
{
	const u32 msr = MSR_ME | MSR_EE | MSR_PR;

	/* EV_IDLE is a real hcall: if dispatched it would set idle, r3 = 0.
	 * Through IVOR 8 (no E.HV, QEMU) and IVOR 40 (E.HV) alike. */
	static const int vectors[] = { IVOR_SYSCALL, IVOR_HCALL };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vectors); i++) {
		load_sc(SC1, EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE));
		v->msr = msr;
		snap();
		vcpu_exit(v, vectors[i], 0, 0);
		expect.esr = ESR_PPR;
		expect.srr0 = ENTRY;
		expect.srr1 = msr;
		expect.msr = MSR_ME;
		expect.regs.pc = VEC(IVOR_PROGRAM);
		check();
		assert_int_equal(v->regs.gpr[3], 0xdead0303);
		assert_false(v->idle);
	}

	/* and from the supervisor it is one */
	load_sc(SC1, EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE));
	snap();
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	expect.regs.gpr[3] = EV_SUCCESS;
	expect.idle = true;
	check();
}

/* The word before the PC is no `sc` (rewritten meanwhile): no hcall. */
static void test_syscall_not_sc(void **state)
{
	load_sc(0x00000020, EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE));
	snap();
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	expect_base(&expect, IVOR_SYSCALL, ENTRY + 4);
	check();
}

static void test_sc_lev0(void **state)
{
	const u32 msr[] = { MSR_ME | MSR_EE, MSR_ME | MSR_EE | MSR_PR };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		load_sc(SC, 0x00010008);
		v->msr = msr[i];
		v->esr = 0x1234;
		snap();
		vcpu_exit(v, IVOR_SYSCALL, 0, 0);
		expect.srr0 = ENTRY + 4;
		expect.srr1 = msr[i];
		expect.msr = MSR_ME;
		expect.regs.pc = VEC(IVOR_SYSCALL);
		check();
	}
}

/*
 * The `sc` page's cached translation (exit.c fetch_cached()): an `sc 1`
 * at EA 0x40000010 of a page mapped to guest page A is an hcall, from the
 * walk and then from the cache; the guest remaps the page to B, where the
 * word is an `sc 0`: a system call for the guest, not an hcall (a stale
 * cache would dispatch it). Rewriting the word is seen at once; a
 * tlbivax drops the cache too.
 */
static void test_sc_cache(void **state)
{
	const u32 ea = 0x40000000u, a = 0x200000u, b = 0x300000u;
	const u32 token = 0x00010008;	/* ePAPR vendor, number 8: none */
	unsigned int i;

	poke(a + 0x10, SC1);
	poke(b + 0x10, SC);
	map4k(5, ea, a, MAS3_SR | MAS3_SX);
	for (i = 0; i < 2; i++) {
		v->regs.gpr[3] = 0;
		v->regs.gpr[11] = token;
		v->regs.pc = ea + 0x14;
		vcpu_exit(v, IVOR_SYSCALL, 0, 0);
		assert_int_equal(v->regs.gpr[3], EV_UNIMPLEMENTED);
		assert_int_equal(v->regs.pc, ea + 0x14);
		assert_true(v->tlb.sc.tag & VTLB_PAGE_VALID);
	}
	v->regs.pc = ENTRY;
	map4k(5, ea, b, MAS3_SR | MAS3_SX);
	assert_false(v->tlb.sc.tag & VTLB_PAGE_VALID);
	v->regs.gpr[3] = 0;
	v->regs.pc = ea + 0x14;
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	assert_int_equal(v->regs.gpr[3], 0);
	assert_int_equal(v->regs.pc, VEC(IVOR_SYSCALL));
	assert_int_equal(v->srr0, ea + 0x14);

	/* the word is read every time: now an hcall at B */
	poke(b + 0x10, SC1);
	v->msr = MSR_ME;
	v->regs.pc = ea + 0x14;
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	assert_int_equal(v->regs.gpr[3], EV_UNIMPLEMENTED);
	assert_true(v->tlb.sc.tag & VTLB_PAGE_VALID);
	/* any TLB change drops it */
	v->regs.pc = ENTRY;
	v->regs.gpr[RB] = ea;
	exec_ok(TLBIVAX(RB));
	assert_false(v->tlb.sc.tag & VTLB_PAGE_VALID);
	/* so does a PID write, even of the same PID: the caches hold none */
	map4k(5, ea, b, MAS3_SR | MAS3_SX);
	v->regs.pc = ea + 0x14;
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	assert_true(v->tlb.sc.tag & VTLB_PAGE_VALID);
	v->regs.pc = ENTRY;
	v->regs.gpr[RB] = v->pid;
	exec_ok(MTSPR(SPRN_PID, RB));
	assert_false(v->tlb.sc.tag & VTLB_PAGE_VALID);
}

/*
 * The hcall fast path (hv_vcpu_fast(), start.S exc_entry_fast): it runs a
 * call only from the `sc` cache's page and declines, changing nothing,
 * before the cache is filled, after the page is remapped (to a page whose
 * word is `sc 0`), when the word is rewritten, and from the guest's user
 * mode; with a deliverable interrupt it runs the call and then takes the
 * generic way back, which delivers it.
 */
static void test_hcall_fast(void **state)
{
	const u32 ea = 0x40000000u, a = 0x200000u, b = 0x300000u;
	const u32 token = 0x00010008; /* ePAPR vendor, number 8: none */
	const u32 msr = v->msr;

	poke(a + 0x10, SC1);
	poke(b + 0x10, SC);
	map4k(5, ea, a, MAS3_SR | MAS3_SX);
	v->regs.gpr[11] = token;
	v->regs.gpr[3] = 0;
	v->regs.pc = ea + 0x14;
	assert_int_equal(hv_vcpu_fast(v, IVOR_SYSCALL, 0), HV_FAST_GENERIC);
	assert_int_equal(v->regs.gpr[3], 0);
	vcpu_exit(v, IVOR_SYSCALL, 0, 0); /* fills the cache */
	assert_true(v->tlb.sc.tag & VTLB_PAGE_VALID);
	v->regs.gpr[3] = 0;
	assert_int_equal(hv_vcpu_fast(v, IVOR_SYSCALL, 0), HV_FAST_RESUME);
	assert_int_equal(v->regs.gpr[3], EV_UNIMPLEMENTED);
	assert_int_equal(v->regs.pc, ea + 0x14);

	/* the word rewritten in place: `sc 0` is the guest's system call */
	poke(a + 0x10, SC);
	v->regs.gpr[3] = 0;
	assert_int_equal(hv_vcpu_fast(v, IVOR_SYSCALL, 0), HV_FAST_GENERIC);
	assert_int_equal(v->regs.gpr[3], 0);
	poke(a + 0x10, SC1);

	/* from the guest's user mode `sc 1` is not an hcall */
	v->msr = msr | MSR_PR;
	assert_int_equal(hv_vcpu_fast(v, IVOR_SYSCALL, 0), HV_FAST_GENERIC);
	assert_int_equal(hv_vcpu_fast(v, IVOR_HCALL, 0), HV_FAST_GENERIC);
	assert_int_equal(v->regs.gpr[3], 0);
	v->msr = msr;

	/* remapped to B: the cache is gone, nothing runs */
	v->regs.pc = ENTRY;
	map4k(5, ea, b, MAS3_SR | MAS3_SX);
	v->regs.pc = ea + 0x14;
	assert_int_equal(hv_vcpu_fast(v, IVOR_SYSCALL, 0), HV_FAST_GENERIC);
	assert_int_equal(v->regs.gpr[3], 0);
	assert_int_equal(v->regs.pc, ea + 0x14);

	/* E.HV's vector needs no cache */
	assert_int_equal(hv_vcpu_fast(v, IVOR_HCALL, 0), HV_FAST_RESUME);
	assert_int_equal(v->regs.gpr[3], EV_UNIMPLEMENTED);

	/* a deliverable decrementer: the call runs, then it is delivered */
	v->regs.gpr[3] = 0;
	v->msr = msr | MSR_EE;
	v->tsr = TSR_DIS;
	v->tcr = TCR_DIE;
	assert_int_not_equal(hv_vcpu_fast(v, IVOR_HCALL, 0), HV_FAST_RESUME);
	assert_int_equal(v->regs.gpr[3], EV_UNIMPLEMENTED);
	assert_int_equal(v->regs.pc, VEC(IVOR_DEC));
	assert_int_equal(v->srr0, ea + 0x14);
}

/*
 * The emulation fast path (hv_vcpu_fast() for IVOR_PROGRAM): it emulates
 * only from the page the generic path cached, and declines, changing
 * nothing, before that, after a remap, for the guest's user mode, for a
 * program exception that is not a privileged instruction, and for an
 * instruction weir does not emulate; a change of MSR[IS] or of the PID,
 * or a deliverable interrupt, takes the generic way back.
 */
static void test_emul_fast(void **state)
{
	const u32 ea = 0x40000000u, a = 0x200000u, b = 0x300000u;
	const u32 msr = v->msr;

	poke(a + 0x10, MFMSR(RTMP));
	poke(b + 0x10, MFMSR(RTMP));
	map4k(5, ea, a, MAS3_SR | MAS3_SX);
	v->regs.pc = ea + 0x10;
	v->regs.gpr[RTMP] = 0;
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			 HV_FAST_GENERIC);
	assert_int_equal(v->regs.pc, ea + 0x10);
	vcpu_exit(v, IVOR_PROGRAM, 0, ESR_PPR); /* fills the cache */
	assert_true(v->tlb.emul.tag & VTLB_PAGE_VALID);
	assert_int_equal(v->regs.gpr[RTMP], msr);
	v->regs.gpr[RTMP] = 0;
	v->regs.pc = ea + 0x10;
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			 HV_FAST_RESUME);
	assert_int_equal(v->regs.gpr[RTMP], msr);
	assert_int_equal(v->regs.pc, ea + 0x14);

	/* not a privileged-instruction exception, or from user mode */
	v->regs.gpr[RTMP] = 0;
	v->regs.pc = ea + 0x10;
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PIL),
			 HV_FAST_GENERIC);
	v->msr = msr | MSR_PR;
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			 HV_FAST_GENERIC);
	v->msr = msr;
	assert_int_equal(v->regs.gpr[RTMP], 0);
	assert_int_equal(v->regs.pc, ea + 0x10);

	/* not emulated: nothing done here */
	poke(a + 0x10, 0x7c0003ac);
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			 HV_FAST_GENERIC);
	assert_int_equal(v->regs.pc, ea + 0x10);

	/* wrteei 1 with a decrementer pending: delivered after it */
	poke(a + 0x10, WRTEEI(1));
	v->tsr = TSR_DIS;
	v->tcr = TCR_DIE;
	assert_int_not_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			     HV_FAST_RESUME);
	assert_int_equal(v->regs.pc, VEC(IVOR_DEC));
	assert_int_equal(v->srr0, ea + 0x14);
	v->tsr = 0;
	v->tcr = 0;
	v->msr = msr;

	/* wrteei 1 with a guest doorbell pending (msgsnd to itself, or from
	 * another vCPU): delivered after it, not left behind */
	v->regs.pc = ea + 0x10;
	vcpu_pending_set(v, VIRQ_DBELL);
	assert_int_not_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			     HV_FAST_RESUME);
	assert_int_equal(v->regs.pc, VEC(IVOR_DOORBELL));
	assert_int_equal(v->srr0, ea + 0x14);
	assert_false(vcpu_pending_read(v) & VIRQ_DBELL);
	v->msr = msr;

	/* a new PID: the generic way back (a shadow id to load) */
	poke(a + 0x10, MTSPR(SPRN_PID, RTMP));
	v->regs.gpr[RTMP] = 7;
	v->regs.pc = ea + 0x10;
	assert_int_not_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			     HV_FAST_RESUME);
	assert_int_equal(v->pid, 7);
	assert_int_equal(v->regs.pc, ea + 0x14);
	v->pid = 0;

	/* remapped to B: the cache is gone, nothing runs */
	poke(a + 0x10, MFMSR(RTMP));
	v->regs.pc = ENTRY;
	map4k(5, ea, b, MAS3_SR | MAS3_SX);
	assert_false(v->tlb.emul.tag & VTLB_PAGE_VALID);
	v->regs.gpr[RTMP] = 0;
	v->regs.pc = ea + 0x10;
	assert_int_equal(hv_vcpu_fast(v, IVOR_PROGRAM, ESR_PPR),
			 HV_FAST_GENERIC);
	assert_int_equal(v->regs.gpr[RTMP], 0);
}

/*
 * A guest TLB miss on the fast path: a page the guest maps to its RAM is
 * refilled with the translation it has now (a remap by tlbwe, another
 * PID's entry for the same EA), from its supervisor or user mode, and
 * the guest resumes; anything else (no translation, a device page, a
 * bus error, a split context's refill sequence) changes nothing and is
 * left to the generic exit, which delivers the guest's own miss.
 */
static void miss_at(unsigned int ivor, u32 ea)
{
	v->regs.pc = ivor == IVOR_ITLB ? ea : ENTRY + 0x40;
	v->regs.dear = ivor == IVOR_DTLB ? ea : 0;
}

static u32 fast_miss(unsigned int ivor, u32 ea)
{
	miss_at(ivor, ea);
	return hv_vcpu_fast(v, ivor, 0);
}

static void expect_refused_fast(unsigned int ivor, u32 ea)
{
	unsigned int maps = fake_arch.maps;

	miss_at(ivor, ea);
	snap();
	assert_int_equal(hv_vcpu_fast(v, ivor, 0), HV_FAST_GENERIC);
	assert_int_equal(fake_arch.maps, maps);
	check();
}

static void test_tlb_fast(void **state)
{
	static const struct mmio_window win[] = {
		{ .base = 0xc00000000ULL, .size = 0x1000, .hw_node = 1 },
	};
	const u32 ea = 0x40000000u, msr = v->msr;

	map4k(5, ea, 0x200000, MAS3_SR | MAS3_SW | MAS3_SX);
	fake_arch_clear();
	assert_int_equal(fast_miss(IVOR_DTLB, ea + 0x10), HV_FAST_RESUME);
	assert_int_equal(fast_miss(IVOR_ITLB, ea + 0x20), HV_FAST_RESUME);
	assert_int_equal(fake_arch.maps, 2);
	assert_int_equal(fake_arch.map[0].ea, ea);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0x200000);
	assert_int_equal(fake_arch.map[0].perms,
			 MAS3_UR | MAS3_UW | MAS3_UX);
	assert_int_equal(fake_arch.map[1].phys, RAM_PHYS + 0x200000);
	assert_int_equal(v->regs.pc, ea + 0x20); /* the fetch is retried */

	/* remapped by tlbwe: the new page, never the old one */
	v->regs.pc = ENTRY;
	map4k(5, ea, 0x300000, MAS3_SR | MAS3_SX);
	assert_int_equal(fast_miss(IVOR_ITLB, ea), HV_FAST_RESUME);
	assert_int_equal(fast_miss(IVOR_DTLB, ea + 4), HV_FAST_RESUME);
	assert_int_equal(fake_arch.map[2].phys, RAM_PHYS + 0x300000);
	assert_int_equal(fake_arch.map[3].phys, RAM_PHYS + 0x300000);
	assert_int_equal(fake_arch.map[3].perms, MAS3_UR | MAS3_UX);
	v->regs.pc = ENTRY;
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(5), 0, 0, 0, 0);

	/* one EA, two PIDs (TLB0 entries): each PID's own page, and the
	 * user view of a user page when the guest is in user mode */
	v->regs.pc = ENTRY;
	guest_tlbwe(MAS0_ESEL(0), MAS1_VALID | MAS1_TID(7) | MAS1_TSIZE(TSIZE_4K),
		    ea, 0x400000 | MAS3_UR | MAS3_SR, 0);
	v->regs.pc = ENTRY;
	guest_tlbwe(MAS0_ESEL(1), MAS1_VALID | MAS1_TID(8) | MAS1_TSIZE(TSIZE_4K),
		    ea, 0x500000 | MAS3_SR, 0);
	fake_arch_clear();
	v->pid = 7;
	v->msr = msr | MSR_PR;
	assert_int_equal(fast_miss(IVOR_DTLB, ea + 8), HV_FAST_RESUME);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0x400000);
	assert_int_equal(fake_arch.map[0].perms, MAS3_UR);
	v->msr = msr;
	v->pid = 8;
	assert_int_equal(fast_miss(IVOR_DTLB, ea + 8), HV_FAST_RESUME);
	assert_int_equal(fake_arch.map[1].phys, RAM_PHYS + 0x500000);
	assert_int_not_equal(fake_arch.map[1].sid, fake_arch.map[0].sid);
	assert_int_equal(fake_arch.multi_hits, 0);

	/* no translation (PID 9; another AS): the generic exit delivers the
	 * guest's miss */
	v->pid = 9;
	expect_refused_fast(IVOR_DTLB, ea + 8);
	v->pid = 8;
	v->msr = msr | MSR_IS;
	expect_refused_fast(IVOR_ITLB, ea);
	v->msr = msr;
	v->pid = 9;
	vcpu_exit(v, IVOR_DTLB, ea + 8, 0);
	assert_int_equal(v->regs.pc, VEC(IVOR_DTLB));
	assert_int_equal(v->dear, ea + 8);
	v->pid = 0;

	/* a device page, a page outside RAM: nothing done here */
	part.mmio = win;
	part.nmmio = 1;
	v->regs.pc = ENTRY;
	map4k(5, ea, 0xc00000000ULL, MAS3_SR | MAS3_SW);
	expect_refused_fast(IVOR_DTLB, ea);
	v->regs.pc = ENTRY;
	map4k(5, ea, RAM_SIZE, MAS3_SR | MAS3_SW);
	expect_refused_fast(IVOR_DTLB, ea);
	part.mmio = NULL;
	part.nmmio = 0;

	/* in a split context's refill sequence: the generic exit counts */
	v->regs.pc = ENTRY;
	map4k(5, ea, 0x200000, MAS3_SR | MAS3_SW);
	v->tlb.refill_n = 1;
	expect_refused_fast(IVOR_DTLB, ea);
	v->tlb.refill_n = 0;

	/* a decrementer due with MSR[EE] set: refilled, then delivered */
	v->msr = msr | MSR_EE;
	v->tsr = TSR_DIS;
	v->tcr = TCR_DIE;
	assert_int_not_equal(fast_miss(IVOR_DTLB, ea), HV_FAST_RESUME);
	assert_int_equal(fake_arch.map[fake_arch.maps - 1].phys,
			 RAM_PHYS + 0x200000);
	assert_int_equal(v->regs.pc, VEC(IVOR_DEC));
	assert_int_equal(v->srr0, ENTRY + 0x40);
	v->tsr = 0;
	v->tcr = 0;
	v->msr = msr;
}

/* ------------------------------------------------------ 6: TLB and fill */
static void expect_fill(void)
{
	memcpy(expect.tlb.sid, v->tlb.sid, sizeof(expect.tlb.sid));
	expect.tlb.next_sid = v->tlb.next_sid;
}

static void test_tlbwe_fill(void **state)
{
	unsigned int sid;
	bool flush;

	map4k(5, 0x40000000, 0x200000, MAS3_SR | MAS3_SW);
	/* an empty slot written: no shadow can be stale */
	assert_int_equal(fake_arch.flushes, 0);
	assert_int_equal(fake_arch.unmaps, 0);
	assert_int_equal(fake_arch.maps, 0);
	assert_int_equal(v->tlb.tlb1[5].mas1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
	assert_int_equal(v->tlb.tlb1[5].mas2, 0x40000000 | MAS2_M);
	assert_int_equal(v->tlb.tlb1[5].mas7_3, 0x200000 | MAS3_SR | MAS3_SW);

	v->regs.pc = ENTRY + 0x80;
	snap();
	vcpu_exit(v, IVOR_DTLB, 0x40000123, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].ea, 0x40000000);
	assert_int_equal(fake_arch.map[0].phys, 0x10200000);
	assert_int_equal(fake_arch.map[0].wimge, MAS2_M);
	assert_int_equal(fake_arch.map[0].perms, MAS3_UR | MAS3_UW);
	sid = fake_arch.map[0].sid;
	assert_in_range(sid, 1, 255);
	assert_int_equal(fake_arch.flushes, 0);
	/* nothing but the shadow-id bookkeeping changed */
	assert_int_equal(before.tlb.sid[0][0][0][0], 0);
	assert_int_equal(v->tlb.sid[0][0][0][0], sid);
	assert_int_equal(v->tlb.next_sid, before.tlb.next_sid + 1);
	expect_fill();
	check();
	assert_int_equal(vtlb_shadow_id(&v->tlb, 0, 0, 0, 0, &flush), (int)sid);
	assert_false(flush);

	/* a store to the same page: the same shadow, nothing else */
	snap();
	vcpu_exit(v, IVOR_DTLB, 0x40000ffc, ESR_ST);
	assert_int_equal(fake_arch.maps, 2);
	assert_memory_equal(&fake_arch.map[1], &fake_arch.map[0],
			    sizeof(fake_arch.map[0]));
	check();

	/* instruction side: SX becomes UX */
	map4k(6, 0x50000000, 0x300000, MAS3_SX | MAS3_SR);
	v->regs.pc = 0x50000010;
	snap();
	vcpu_exit(v, IVOR_ITLB, 0, 0);
	assert_int_equal(fake_arch.maps, 3);
	assert_int_equal(fake_arch.map[2].ea, 0x50000000);
	assert_int_equal(fake_arch.map[2].phys, 0x10300000);
	assert_int_equal(fake_arch.map[2].perms, MAS3_UX | MAS3_UR);
	assert_int_equal(fake_arch.map[2].sid, sid);
	check();
	v->regs.pc = ENTRY;

	/* the guest's user mode: the U bits apply, under another id */
	map4k(7, 0x60000000, 0x400000, MAS3_SR | MAS3_SW | MAS3_UR);
	v->msr = MSR_ME | MSR_PR;
	v->regs.pc = ENTRY;
	snap();
	vcpu_exit(v, IVOR_DTLB, 0x60000008, 0);
	assert_int_equal(fake_arch.maps, 4);
	assert_int_equal(fake_arch.map[3].ea, 0x60000000);
	assert_int_equal(fake_arch.map[3].phys, 0x10400000);
	assert_int_equal(fake_arch.map[3].perms, MAS3_UR);
	assert_in_range(fake_arch.map[3].sid, 1, 255);
	assert_int_not_equal(fake_arch.map[3].sid, sid);
	expect_fill();
	check();
}

static void test_fill_large_page(void **state)
{
	/* 16 MiB page EA 0xc0000000 -> gpa 0: the whole RAM */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(9),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_16M),
		    0xc0000000 | MAS2_W | MAS2_G | MAS2_E,
		    0 | MAS3_SR | MAS3_SW | MAS3_SX, 0);
	vcpu_exit(v, IVOR_DTLB, 0xc0abc123, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].ea, 0xc0abc000);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0xabc000);
	/* RAM: M forced on, W and G not honoured, E is the guest's */
	assert_int_equal(fake_arch.map[0].wimge, MAS2_M | MAS2_E);
	assert_int_equal(fake_arch.map[0].perms, MAS3_UR | MAS3_UW | MAS3_UX);
	/* cache-inhibited, non-coherent RAM: still cacheable and coherent */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(9),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_16M),
		    0xc0000000 | MAS2_I | MAS2_G, 0 | MAS3_SR | MAS3_SW, 0);
	vcpu_exit(v, IVOR_DTLB, 0xc0abc123, 0);
	assert_int_equal(fake_arch.maps, 2);
	assert_int_equal(fake_arch.map[1].wimge, MAS2_M);
	/* EPN/RPN offset bits the guest wrote are dropped by tlbwe */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(9),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_16M), 0xc0345000,
		    0x00678000 | MAS3_SR, 0);
	assert_int_equal(v->tlb.tlb1[9].mas2, 0xc0000000);
	assert_int_equal(v->tlb.tlb1[9].mas7_3, MAS3_SR);
	vcpu_exit(v, IVOR_DTLB, 0xc0fff004, 0);
	assert_int_equal(fake_arch.maps, 3);
	assert_int_equal(fake_arch.map[2].phys, RAM_PHYS + 0xfff000);
}

static void test_tlbre_tlbsx(void **state)
{
	map4k(5, 0x40000000, 0x200000, MAS3_SR | MAS3_SW);
	guest_mas(MAS0_TLBSEL1 | MAS0_ESEL(5), 0, 0, 0, 0x7);
	snap();
	exec(TLBRE);
	expect.mas1 = MAS1_VALID | MAS1_TSIZE(TSIZE_4K);
	expect.mas2 = 0x40000000 | MAS2_M;
	expect.mas3 = 0x200000 | MAS3_SR | MAS3_SW;
	expect.mas7 = 0;
	expect.regs.pc += 4;
	check();

	/* tlbsx finds it: MAS0 selects it, MAS1-3/7 are the entry */
	guest_mas(0, 0, 0, 0, 0x7);
	guest_mtspr(SPRN_MAS6, 0);
	v->regs.gpr[0] = 0x10000000;	/* rA = 0 is 0, not r0 */
	v->regs.gpr[RB] = 0x40000123;
	snap();
	exec(TLBSX(RB));
	expect.mas0 = MAS0_TLBSEL1 | MAS0_ESEL(5);
	expect.mas1 = MAS1_VALID | MAS1_TSIZE(TSIZE_4K);
	expect.mas2 = 0x40000000 | MAS2_M;
	expect.mas3 = 0x200000 | MAS3_SR | MAS3_SW;
	expect.mas7 = 0;
	expect.regs.pc += 4;
	check();
	/* tlbsx rA,rB searches rA + rB */
	guest_mas(0, 0, 0, 0, 0x7);
	v->regs.gpr[4] = 0x40000000;
	v->regs.gpr[RB] = 0x123;
	exec_ok(TLBSX_RA(4, RB));
	assert_int_equal(v->mas0, MAS0_TLBSEL1 | MAS0_ESEL(5));
	assert_int_equal(v->mas1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));

	/* TID and TS take part in the search */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(8),
		    MAS1_VALID | MAS1_TID(0x2a) | MAS1_TS | MAS1_TSIZE(TSIZE_4K),
		    0x48000000, 0x00500000 | MAS3_SR, 0x1);
	guest_mtspr(SPRN_MAS6, 0x2a << 16 | MAS6_SAS);
	v->regs.gpr[RB] = 0x48000ffc;
	exec_ok(TLBSX(RB));
	assert_int_equal(v->mas0, MAS0_TLBSEL1 | MAS0_ESEL(8));
	assert_int_equal(v->mas1, MAS1_VALID | MAS1_TID(0x2a) | MAS1_TS |
				  MAS1_TSIZE(TSIZE_4K));
	assert_int_equal(v->mas3, 0x00500000 | MAS3_SR);
	assert_int_equal(v->mas7, 1);
	guest_mtspr(SPRN_MAS6, 0x2b << 16 | MAS6_SAS);
	exec_ok(TLBSX(RB));
	assert_false(v->mas1 & MAS1_VALID);
	guest_mtspr(SPRN_MAS6, 0x2a << 16);
	exec_ok(TLBSX(RB));
	assert_false(v->mas1 & MAS1_VALID);

	/* TLB0: 4 KiB only, no IPROT; way from ESEL, set from the EPN */
	guest_tlbwe(MAS0_ESEL(2), MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(6),
		    0x60005000 | MAS2_I | MAS2_G, 0x00600000 | MAS3_SR, 0);
	assert_int_equal(v->tlb.tlb0[5 * VTLB0_WAYS + 2].mas1,
			 MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
	guest_mas(MAS0_ESEL(2), 0, 0x60005000, 0, 0);
	exec_ok(TLBRE);
	assert_int_equal(v->mas1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
	assert_int_equal(v->mas2, 0x60005000 | MAS2_I | MAS2_G);
	assert_int_equal(v->mas3, 0x00600000 | MAS3_SR);
	/* tlbre/tlbsx do not change the TLB, and the tlbwes filled empty
	 * slots: no shadow was dropped */
	assert_int_equal(fake_arch.flushes, 0);
	assert_int_equal(fake_arch.unmaps, 0);
}

static void test_tlbsx_miss_defaults(void **state)
{
	guest_mtspr(SPRN_MAS4, MAS1_TSIZE(4) | MAS2_I | MAS2_G);
	guest_mtspr(SPRN_MAS6, 7 << 16 | MAS6_SAS);
	guest_mas(MAS0_TLBSEL1 | MAS0_ESEL(3), MAS1_VALID, 0x1000, 0xfffff3ff, 5);
	v->regs.gpr[RB] = 0x50000123;
	snap();
	exec(TLBSX(RB));
	expect.mas0 = 0;	/* TLB0, victim way 0 of the set, NV 0 */
	expect.mas1 = MAS1_TID(7) | MAS1_TS | MAS1_TSIZE(4);
	expect.mas2 = 0x50000000 | MAS2_I | MAS2_G;
	expect.mas3 = 0xfffff3ff & MAS3_U0_3;
	expect.mas7 = 0;
	expect.regs.pc += 4;
	check();
	assert_int_equal(fake_arch.flushes, 0);

	/* MAS4[TLBSELD] = 1: MAS0 selects TLB1 and its victim (ISA 2.06
	 * III-E tlbsx; QEMU booke206_tlbsx, KVM kvmppc_e500_emul_tlbsx) */
	guest_mtspr(SPRN_MAS4, MAS0_TLBSEL1 | MAS1_TSIZE(TSIZE_16M));
	snap();
	exec(TLBSX(RB));
	expect.mas0 = MAS0_TLBSEL1 | MAS0_ESEL(0) | MAS0_NV(0);
	expect.mas1 = MAS1_TID(7) | MAS1_TS | MAS1_TSIZE(TSIZE_16M);
	expect.mas2 = 0x50000000;
	expect.regs.pc += 4;
	check();
}

/* --------------------------------------------------------- 7: isolation */
/* A data miss at @ea must be refused: DSI, no shadow. */
static void expect_dsi_refused(u32 ea, u32 esr)
{
	unsigned int maps = fake_arch.maps;

	v->regs.pc = ENTRY + 0x100;
	v->msr = MSR_ME | MSR_EE;
	snap();
	vcpu_exit(v, IVOR_DTLB, ea, esr);
	assert_int_equal(fake_arch.maps, maps);
	expect.dear = ea;
	expect.esr = esr & ESR_ST;
	expect_base(&expect, IVOR_DSI, ENTRY + 0x100);
	check();
	assert_int_equal(v->regs.pc, 0x1200);
}

/*
 * Guest-triggered lines have a budget per partition and kind: 1000
 * refused accesses print LOG_BUDGET_FIRST lines, then one per
 * LOG_BUDGET_EVERY saying how many were suppressed; 1000 instructions weir
 * does not emulate likewise. Another partition's first line of each kind
 * still prints (with one global budget it would not).
 */
static void test_log_budget_per_partition(void **state)
{
	const unsigned int n = 1000;
	const unsigned int want = LOG_BUDGET_FIRST + n / LOG_BUDGET_EVERY;
	struct partition other = part;
	unsigned int i;

	map4k(5, 0x40000000, 0x30000000, MAS3_SR | MAS3_SW | MAS3_SX);
	capture_start();
	for (i = 0; i < n; i++) {
		v->regs.pc = ENTRY + 0x100;
		vcpu_exit(v, IVOR_DTLB, 0x40000123, 0);
		v->regs.pc = ENTRY;
		exec(MFSPR(5, 1000));
	}
	assert_int_equal(capture_count("outside its memory"), want);
	/* event 1024 is the next line out: 255 suppressed since 768 */
	capture_start();
	for (i = n; i < 4 * LOG_BUDGET_EVERY; i++) {
		v->regs.pc = ENTRY;
		exec(MFSPR(5, 1000));
	}
	assert_int_equal(capture_count("not emulated: program exception (255 suppressed)"), 1);
	assert_int_equal(part.log[PLOG_NOT_EMULATED].events, 4 * LOG_BUDGET_EVERY);

	memset(other.log, 0, sizeof(other.log));
	snprintf(other.name, sizeof(other.name), "other");
	v->part = &other;
	capture_start();
	v->regs.pc = ENTRY + 0x100;
	vcpu_exit(v, IVOR_DTLB, 0x40000123, 0);
	v->regs.pc = ENTRY;
	exec(MFSPR(5, 1000));
	assert_int_equal(capture_count("partition 'other'"), 2);
	v->part = &part;
}

static void test_isolation_beyond_ram(void **state)
{
	/* gpa 0x3000_0000, far beyond the 16 MiB */
	map4k(5, 0x40000000, 0x30000000, MAS3_SR | MAS3_SW | MAS3_SX);
	expect_dsi_refused(0x40000123, ESR_ST);
	expect_dsi_refused(0x40000000, 0);

	/* gpa 0xf_e000_0000 through MAS7 */
	map4k(5, 0x40000000, 0xfe0000000ULL, MAS3_SR | MAS3_SW | MAS3_SX);
	assert_int_equal(v->tlb.tlb1[5].mas7_3,
			 0xfe0000000ULL | MAS3_SR | MAS3_SW | MAS3_SX);
	expect_dsi_refused(0x40000abc, 0);

	/* gpa 0x1_0020_0000: its low 32 bits would be inside RAM */
	map4k(5, 0x40000000, 0x100200000ULL, MAS3_SR | MAS3_SW | MAS3_SX);
	expect_dsi_refused(0x40000008, ESR_ST);
	map4k(5, 0x40000000, 0xfe0000000ULL, MAS3_SR | MAS3_SW | MAS3_SX);

	/* instruction fetch there: ISI, no shadow */
	v->regs.pc = 0x40000010;
	v->msr = MSR_ME;
	v->esr = 0x1234;
	snap();
	vcpu_exit(v, IVOR_ITLB, 0, 0);
	assert_int_equal(fake_arch.maps, 0);
	expect.esr = 0;
	expect_base(&expect, IVOR_ISI, 0x40000010);
	check();
	assert_int_equal(v->regs.pc, 0x1300);

	/* the last page of RAM maps, the first byte after it does not */
	map4k(5, 0x40000000, RAM_SIZE - 0x1000, MAS3_SR);
	vcpu_exit(v, IVOR_DTLB, 0x40000fff, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + RAM_SIZE - 0x1000);
	map4k(5, 0x40000000, RAM_SIZE, MAS3_SR);
	expect_dsi_refused(0x40000000, 0);
	/* wrapping into RAM from the top of the 36-bit space */
	map4k(5, 0x40000000, 0xffffff000ULL, MAS3_SR);
	expect_dsi_refused(0x40000000, 0);
	assert_int_equal(fake_arch.maps, 1);
}

/* RAM that ends inside a page: that page cannot be given as a shadow. */
static void test_isolation_partial_page(void **state)
{
	u32 word;

	part.ram_size = RAM_SIZE - 0x800;
	map4k(5, 0x40000000, RAM_SIZE - 0x2000, MAS3_SR | MAS3_SW);
	vcpu_exit(v, IVOR_DTLB, 0x40000004, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + RAM_SIZE - 0x2000);
	map4k(5, 0x40000000, RAM_SIZE - 0x1000, MAS3_SR | MAS3_SW);
	expect_dsi_refused(0x40000004, 0);
	expect_dsi_refused(0x40000ffc, ESR_ST);
	assert_int_equal(fake_arch.maps, 1);
	/* weir itself may still read the part that is RAM */
	poke(RAM_SIZE - 0x1000, 0x600df00d);
	assert_int_equal(vcpu_fetch(v, 0x40000000, false, &word), 0);
	assert_int_equal(word, 0x600df00d);
	assert_int_equal(vcpu_fetch(v, 0x40000800, false, &word), -EFAULT);
}

static void test_isolation_large_page(void **state)
{
	/* 64 MiB page at gpa 0 over 16 MiB of RAM: only RAM pages map */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(7),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_64M), 0x80000000 | MAS2_M,
		    MAS3_SR | MAS3_SW, 0);
	vcpu_exit(v, IVOR_DTLB, 0x80fff004, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0xfff000);
	expect_dsi_refused(0x81000000, 0);
	expect_dsi_refused(0x83fffffc, ESR_ST);
	assert_int_equal(fake_arch.maps, 1);
}

/*
 * MMIO passthrough: a page of an owned device window maps at its real
 * address (guest-physical = real), cache-inhibited and guarded whatever
 * the guest's WIMGE, never executable; one byte past the window, or a
 * window of another partition, still faults as outside memory.
 */
static void test_mmio_window(void **state)
{
	static const struct mmio_window win[] = {
		{ .base = 0xc00000000ULL, .size = 0x2000, .hw_node = 1 },
	};

	part.mmio = win;
	part.nmmio = 1;
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(5),
		    MAS1_VALID | MAS1_TSIZE(TSIZE_4K), 0x40000000 | MAS2_M,
		    0x00001000 | MAS3_SR | MAS3_SW | MAS3_SX, 0xc);
	vcpu_exit(v, IVOR_DTLB, 0x40000010, ESR_ST);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].phys, 0xc00001000ULL);
	assert_int_equal(fake_arch.map[0].wimge, MAS2_I | MAS2_G);
	assert_int_equal(fake_arch.map[0].perms & (MAS3_SX | MAS3_UX), 0);
	assert_true(fake_arch.map[0].perms & MAS3_UW);
	/* the page after the window */
	map4k(5, 0x40000000, 0xc00002000ULL, MAS3_SR);
	expect_dsi_refused(0x40000000, 0);
	/* no window: the same page is refused */
	part.nmmio = 0;
	map4k(5, 0x40000000, 0xc00001000ULL, MAS3_SR);
	expect_dsi_refused(0x40000000, 0);
	assert_int_equal(fake_arch.maps, 1);
	part.mmio = NULL;
}

/* --------------------------------------------- 8: miss without translation */
static void test_miss_no_translation(void **state)
{
	guest_mtspr(SPRN_PID, 0x2a);
	guest_mtspr(SPRN_MAS4, MAS1_TSIZE(TSIZE_4K) | MAS2_M);
	/* make TLB0 set 1's next victim way 1 */
	guest_tlbwe(MAS0_ESEL(0), MAS1_VALID, 0x70081000, 0x1000 | MAS3_SR, 0);
	assert_int_equal(v->tlb.tlb0_victim[1], 1);
	guest_mtspr(SPRN_MAS3, 0x12345fff);
	fake_arch_clear();

	v->msr = MSR_ME | MSR_EE | MSR_DS;
	v->regs.pc = ENTRY + 0x200;
	snap();
	vcpu_exit(v, IVOR_DTLB, 0x70001234, ESR_ST | ESR_DLK);
	expect.mas0 = MAS0_ESEL(1) | MAS0_NV(1);
	/* a miss loads MAS1[V] = 1 (tlbsx leaves it 0): Linux's miss
	 * handlers write the entry without setting V themselves */
	expect.mas1 = MAS1_VALID | MAS1_TID(0x2a) | MAS1_TS | MAS1_TSIZE(TSIZE_4K);
	expect.mas2 = 0x70001000 | MAS2_M;
	expect.mas3 = 0x12345fff & MAS3_U0_3;
	expect.mas7 = 0;
	expect.mas6 = 0x2a << 16 | MAS6_SAS;
	expect.dear = 0x70001234;
	expect.esr = ESR_ST;
	expect_base(&expect, IVOR_DTLB, ENTRY + 0x200);
	check();
	assert_int_equal(v->regs.pc, 0x1d00);
	assert_int_equal(fake_arch.maps, 0);
	assert_int_equal(fake_arch.flushes, 0);

	/* instruction side: TS from MSR[IS]; DEAR and ESR untouched */
	v->msr = MSR_ME | MSR_IS;
	v->regs.pc = 0x70002000;
	snap();
	vcpu_exit(v, IVOR_ITLB, 0, 0);
	expect.mas0 = 0;
	expect.mas1 = MAS1_VALID | MAS1_TID(0x2a) | MAS1_TS | MAS1_TSIZE(TSIZE_4K);
	expect.mas2 = 0x70002000 | MAS2_M;
	expect.mas3 = 0x12345fff & MAS3_U0_3;
	expect.mas7 = 0;
	expect.mas6 = 0x2a << 16 | MAS6_SAS;
	expect_base(&expect, IVOR_ITLB, 0x70002000);
	check();
	assert_int_equal(v->regs.pc, 0x1e00);

	/* a translation for another PID is no translation */
	v->msr = MSR_ME;
	v->regs.pc = ENTRY;
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(4),
		    MAS1_VALID | MAS1_TID(0x2b) | MAS1_TSIZE(TSIZE_4K),
		    0x70001000, 0x1000 | MAS3_SR, 0);
	v->regs.pc = ENTRY;
	snap();
	vcpu_exit(v, IVOR_DTLB, 0x70001234, 0);
	assert_int_equal(fake_arch.maps, 0);
	assert_int_equal(v->regs.pc, 0x1d00);
	assert_int_equal(v->mas1, MAS1_VALID | MAS1_TID(0x2a) | MAS1_TSIZE(TSIZE_4K));
}

/*
 * Linux's e500 DataTLBError handler (head_85xx.S, finish_tlb_load) only
 * fills MAS2's WIMGE, MAS3 and MAS7 and clears MAS1[TID] for kernel
 * addresses before its tlbwe: the retried access must then be filled.
 */
static void test_miss_linux_handler_refill(void **state)
{
	guest_mtspr(SPRN_PID, 0x11);
	guest_mtspr(SPRN_MAS4, MAS1_TSIZE(TSIZE_4K));
	fake_arch_clear();

	v->msr = MSR_ME | MSR_EE;
	v->regs.pc = ENTRY + 0x100;
	vcpu_exit(v, IVOR_DTLB, 0xd1002344, ESR_ST);
	assert_int_equal(v->regs.pc, VEC(IVOR_DTLB));
	assert_int_equal(fake_arch.maps, 0);
	/* the handler: TID 0 for a kernel address, then WIMGE, RPN, perms */
	v->regs.pc = ENTRY + 0x400;
	guest_mtspr(SPRN_MAS1, guest_mfspr(SPRN_MAS1) & ~MAS1_TID(0x3fff));
	guest_mtspr(SPRN_MAS2, guest_mfspr(SPRN_MAS2) | MAS2_M);
	guest_mtspr(SPRN_MAS3, 0x00345000 | MAS3_SR | MAS3_SW);
	guest_mtspr(SPRN_MAS7, 0);
	exec_ok(TLBWE);
	exec(RFI);
	assert_int_equal(v->regs.pc, ENTRY + 0x100);
	/* the retried store is filled from the entry just written */
	fake_arch_clear();
	snap();
	vcpu_exit(v, IVOR_DTLB, 0xd1002344, ESR_ST);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].ea, 0xd1002000);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0x345000);
	assert_int_equal(fake_arch.map[0].perms, MAS3_UR | MAS3_UW);
	assert_int_equal(v->regs.pc, ENTRY + 0x100);
}

/* --------------------------------------------------------- 9: bad tlbwe */
static void bad_tlb_insn(u32 insn, u32 mas0, u32 mas1)
{
	struct vtlb tlb;

	v->msr = MSR_ME;
	v->regs.pc = ENTRY;
	guest_mas(mas0, mas1, 0x40000000 | MAS2_M, 0x200000 | MAS3_SR, 0);
	fake_arch_clear();
	memcpy(&tlb, &v->tlb, sizeof(tlb));
	snap();
	exec(insn);
	expect_program(&expect, ESR_PIL);
	check();
	assert_memory_equal(&v->tlb, &tlb, sizeof(tlb));
	assert_int_equal(fake_arch.flushes, 0);
}

static void test_bad_tlbwe(void **state)
{
	const u32 ok1 = MAS1_VALID | MAS1_TSIZE(TSIZE_4K);

	map4k(5, 0x40000000, 0x200000, MAS3_SR);
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(64), ok1);
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(0xfff), ok1);
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(3));
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(1));
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(0));
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(24));
	bad_tlb_insn(TLBWE, MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(31));
	bad_tlb_insn(TLBWE, MAS0_TLBSEL(2) | MAS0_ESEL(5), ok1);
	bad_tlb_insn(TLBWE, MAS0_TLBSEL(3), ok1);
	bad_tlb_insn(TLBRE, MAS0_TLBSEL1 | MAS0_ESEL(64), ok1);
	bad_tlb_insn(TLBRE, MAS0_TLBSEL(2), ok1);
	bad_tlb_insn(TLBILX(2, RB), 0, ok1);
}

/* ---------------------------------------------------------- 10: flood */
/* Send weir's console messages (stdout) to /dev/null, or back. */
static void quiet(bool on)
{
	static int saved = -1;

	fflush(stdout);
	if (on && saved < 0) {
		int null = open("/dev/null", O_WRONLY);

		assert_true(null >= 0);
		saved = dup(STDOUT_FILENO);
		assert_true(saved >= 0);
		assert_true(dup2(null, STDOUT_FILENO) >= 0);
		close(null);
	} else if (!on && saved >= 0) {
		assert_true(dup2(saved, STDOUT_FILENO) >= 0);
		close(saved);
		saved = -1;
	}
}

static u32 lcg_state;

static u32 rnd(void)
{
	lcg_state = lcg_state * 1664525u + 1013904223u;
	return lcg_state ^ (lcg_state >> 15);
}

static void test_ima_survives_flood(void **state)
{
	struct vtlb_entry ima = v->tlb.tlb1[0];
	unsigned int i, esel, tsize[VTLB1_ENTRIES], pages = 0, alls = 0;

	for (esel = 1; esel < VTLB1_ENTRIES; esel++) {
		map4k(esel, 0x40000000 + esel * 0x1000, esel * 0x1000, MAS3_SR);
		tsize[esel] = TSIZE_4K;
	}
	for (i = 0; i < 100000; i++) {
		/* the entry overwritten decides: 4 KiB one page, else all */
		if (tsize[1 + i % 63] == TSIZE_4K)
			pages++;
		else
			alls++;
		tsize[1 + i % 63] = 2 + 2 * (i % 11);
		v->regs.pc = ENTRY;
		assert_int_equal(vcpu_mtspr(v, SPRN_MAS0,
				 MAS0_TLBSEL1 | MAS0_ESEL(1 + i % 63)), 0);
		assert_int_equal(vcpu_mtspr(v, SPRN_MAS1,
				 MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(2 + 2 * (i % 11))), 0);
		assert_int_equal(vcpu_mtspr(v, SPRN_MAS2, i << 12), 0);
		assert_int_equal(vcpu_mtspr(v, SPRN_MAS3, i << 12 | MAS3_SR), 0);
		exec_ok(TLBWE);
	}
	assert_memory_equal(&v->tlb.tlb1[0], &ima, sizeof(ima));
	assert_int_equal(fake_arch.unmaps, pages);
	assert_int_equal(fake_arch.flushes, alls);
	assert_int_equal(pages + alls, 100000);
	assert_true(pages > 63 && alls > 0);
	/* the IMA is the guest's to replace */
	map4k(0, 0x40000000, 0x200000, MAS3_SR);
	assert_int_equal(v->tlb.tlb1[0].mas1, MAS1_VALID | MAS1_TSIZE(TSIZE_4K));
}

/*
 * Random tlbwe then random data misses: every tlbwe is either taken or
 * refused as illegal; the IMA survives (ESEL 0 never written); every
 * shadow lands inside the partition's RAM and reads what vcpu_fetch
 * reads; every other miss is a DSI (translation outside RAM) or a DTLB
 * miss (no translation).
 */
static void test_tlb_flood_random(void **state)
{
	struct vtlb_entry ima = v->tlb.tlb1[0];
	unsigned int i, taken = 0, refused = 0, maps = 0, dsi = 0, dtlb = 0;

	lcg_state = 12345;
	for (i = 0; i < 100000; i++) {
		u32 r = rnd(), mas0, mas3 = rnd(), mas7 = 0;

		if (r & 1)
			mas0 = MAS0_TLBSEL1 | MAS0_ESEL(1 + rnd() % 63);
		else
			mas0 = MAS0_ESEL(rnd() & 0xfff);
		if (r & 2) {
			mas3 = (rnd() % RAM_SIZE) | (mas3 & 0xfff);
		} else {
			mas7 = rnd() & 0xff;
		}
		v->regs.pc = ENTRY;
		v->msr = MSR_ME;
		vcpu_mtspr(v, SPRN_MAS0, mas0);
		vcpu_mtspr(v, SPRN_MAS1, MAS1_VALID |
			   (rnd() & (MAS1_IPROT | MAS1_TID(0x3) | MAS1_TS)) |
			   MAS1_TSIZE(rnd() % 8 ? rnd() % 18 : rnd() % 26));
		vcpu_mtspr(v, SPRN_MAS2, rnd() & 0xf0fff01f);
		vcpu_mtspr(v, SPRN_MAS3, mas3);
		vcpu_mtspr(v, SPRN_MAS7, mas7);
		exec(TLBWE);
		assert_false(v->stopped);
		if (v->regs.pc == ENTRY + 4) {
			taken++;
		} else {
			assert_int_equal(v->regs.pc, VEC(IVOR_PROGRAM));
			assert_int_equal(v->esr, ESR_PIL);
			refused++;
		}
	}
	assert_memory_equal(&v->tlb.tlb1[0], &ima, sizeof(ima));
	assert_true(taken > 1000 && refused > 1000);

	quiet(true);	/* thousands of "outside its memory: refused" */
	for (i = 0; i < 20000; i++) {
		u32 r = rnd(), ea = rnd();
		const struct vtlb_entry *e;
		u64 gpa;

		if (r & 1) {	/* near a TLB1 entry, mostly inside it */
			e = &v->tlb.tlb1[1 + rnd() % 63];
			ea = (e->mas2 & MAS2_EPN) +
			     (u32)(rnd() % (vtlb_entry_size(e) < (32u << 20) ?
					    vtlb_entry_size(e) : (32u << 20)));
		}
		v->regs.pc = ENTRY;
		v->msr = MSR_ME | (r & 2 ? MSR_DS : 0) | (r & 4 ? MSR_PR : 0);
		v->pid = rnd() & 3;
		fake_arch.maps = 0;
		e = vtlb_lookup(&v->tlb, ea, !!(r & 2), v->pid, &gpa);
		vcpu_exit(v, IVOR_DTLB, ea, 0);
		if (fake_arch.maps) {
			const struct fake_shadow_map *m = &fake_arch.map[0];
			u32 word, marker = rnd();

			assert_int_equal(fake_arch.maps, 1);
			assert_non_null(e);
			assert_int_equal(m->ea, ea & ~0xfffu);
			assert_int_equal(m->phys & 0xfff, 0);
			assert_true(m->phys >= RAM_PHYS &&
				    m->phys + 0x1000 <= RAM_PHYS + RAM_SIZE);
			assert_int_equal(m->phys, RAM_PHYS + (gpa & ~0xfffULL));
			assert_in_range(m->sid, 1, 255);
			assert_int_equal(m->perms & ~(MAS3_UR | MAS3_UW | MAS3_UX), 0);
			assert_int_equal(v->regs.pc, ENTRY);
			/* the shadow and vcpu_fetch see the same word */
			poke(m->phys - RAM_PHYS + (ea & 0xffc), marker);
			assert_int_equal(vcpu_fetch(v, ea & ~3u, false, &word), 0);
			assert_int_equal(word, marker);
			maps++;
		} else if (e) {
			assert_int_equal(v->regs.pc, VEC(IVOR_DSI));
			assert_int_equal(v->dear, ea);
			assert_true(gpa >= RAM_SIZE);
			dsi++;
		} else {
			assert_int_equal(v->regs.pc, VEC(IVOR_DTLB));
			assert_int_equal(v->dear, ea);
			dtlb++;
		}
	}
	quiet(false);
	assert_true(maps > 100 && dsi > 100 && dtlb > 100);
}

/*
 * Shadow ids: 1..255, unique per generation, recycled with a flush; one
 * per (IS, DS, PR, PID), IS and DS apart.
 */
static void test_shadow_ids(void **state)
{
	static struct vtlb t;
	bool seen[256] = { false }, flush;
	unsigned int as, pr, pid, n = 0, flushes = 0, gen = 0;

	vtlb_reset(&t);
	for (pid = 0; pid < 256; pid++) {
		for (as = 0; as < 4; as++) {	/* IS | DS << 1 */
			for (pr = 0; pr < 2; pr++) {
				int id = vtlb_shadow_id(&t, as & 1, as & 2, pr,
							pid, &flush);

				n++;
				assert_in_range(id, 1, 255);
				if (flush) {
					flushes++;
					/* exactly when 255 ids are in use */
					assert_int_equal(gen, 255);
					assert_int_equal(id, 1);
					memset(seen, 0, sizeof(seen));
					gen = 0;
				}
				assert_false(seen[id]);
				seen[id] = true;
				gen++;
				/* asked again: the same id, no flush */
				assert_int_equal(vtlb_shadow_id(&t,
						 (as & 1) ? MSR_IS : 0,
						 (as & 2) ? MSR_DS : 0,
						 pr ? MSR_PR : 0, pid, &flush), id);
				assert_false(flush);
			}
		}
	}
	assert_int_equal(n, 2048);
	assert_int_equal(flushes, 8);	/* 2048 = 8 * 255 + 8 */
}

static void test_shadow_id_recycle_in_fill(void **state)
{
	unsigned int pid;
	bool flush;

	map4k(5, 0x40000000, 0x200000, MAS3_SR);
	for (pid = 0; pid < 255; pid++) {
		vtlb_shadow_id(&v->tlb, 1, 1, 1, pid, &flush);
		assert_false(flush);
	}
	fake_arch_clear();
	vcpu_exit(v, IVOR_DTLB, 0x40000010, 0);	/* AS 0, PR 0, PID 0: new */
	assert_int_equal(fake_arch.flushes, 1);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].sid, 1);
	assert_int_equal(v->tlb.sid[0][0][0][0], 1);
	assert_int_equal(v->tlb.sid[1][1][1][0], 0);
}

/* ----------------------------------- split address spaces (IS != DS) */
/*
 * Book E lets a guest fetch in one address space and access data in the
 * other (MSR[IS] != MSR[DS]). Here AS0 and AS1 map SPLIT_EA to different
 * guest-physical pages; the accesses run through the modelled real TLB0
 * (fake_vcpu_arch.h) with the real PID the arch code loads before
 * entering the guest (vcpu_shadow_id()), taking the exits the core takes.
 */
#define SPLIT_EA	0x40000000u
#define SPLIT_GPA0	0x00200000u	/* AS0's page at SPLIT_EA */
#define SPLIT_GPA1	0x00300000u	/* AS1's page at SPLIT_EA */
#define CODE1		0x00500000u	/* AS1 code page, EA == guest-physical */
#define ONLY1_EA	0x60000000u	/* mapped in AS1 only */
#define ONLY1_GPA	0x00600000u

enum { ACC_NONE, ACC_LOAD, ACC_STORE };

/* TLB1[esel]: a valid 4 KiB page in address space @as. */
static void map4k_as(unsigned int esel, u32 as, u32 ea, u64 gpa, u32 perms)
{
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(esel),
		    MAS1_VALID | (as ? MAS1_TS : 0) | MAS1_TSIZE(TSIZE_4K),
		    ea | MAS2_M, ((u32)gpa & MAS3_RPN) | perms,
		    (u32)(gpa >> 32));
}

/* Every shadow the core holds lies in the partition's RAM; no multi-hit. */
static void assert_real_tlb_sane(void)
{
	unsigned int i;

	for (i = 0; i < FAKE_TLB0_ENTRIES; i++) {
		const struct fake_tlb_entry *t = &fake_arch.tlb0[i];

		if (!t->valid)
			continue;
		assert_true(t->phys >= RAM_PHYS);
		assert_true(t->phys + SZ_4K <= RAM_PHYS + RAM_SIZE);
	}
	assert_int_equal(fake_arch.multi_hits, 0);
}

/*
 * The core runs the guest instruction at @pc, which accesses data at @ea
 * (@acc, ACC_*), until it completes or an exit gives the guest an
 * exception (or stops the vCPU). The instruction is fetched again after
 * every exit, as the core does after the interrupt returns.
 * Return: 0 with the real addresses fetched (@ipa) and accessed (@dpa),
 * or -1 when the guest got an exception or the vCPU was stopped.
 */
static int run_insn(u32 pc, int acc, u32 ea, phys_addr_t *ipa,
		    phys_addr_t *dpa)
{
	u32 esr = acc == ACC_STORE ? ESR_ST : 0;
	u32 need = acc == ACC_STORE ? MAS3_UW : MAS3_UR;
	unsigned int n;

	v->regs.pc = pc;
	for (n = 0; n < 16; n++) {
		u32 pid = (u32)vcpu_shadow_id(v);	/* what resume() loads */
		const struct fake_tlb_entry *t = fake_tlb_lookup(pc, pid);

		if (!t) {
			vcpu_exit(v, IVOR_ITLB, 0, 0);
		} else if (!(t->perms & MAS3_UX)) {
			vcpu_exit(v, IVOR_ISI, 0, 0);
		} else {
			*ipa = t->phys | (pc & 0xfff);
			if (acc == ACC_NONE)
				return 0;
			t = fake_tlb_lookup(ea, pid);
			if (!t) {
				vcpu_exit(v, IVOR_DTLB, ea, esr);
			} else if (!(t->perms & need)) {
				vcpu_exit(v, IVOR_DSI, ea, esr);
			} else {
				*dpa = t->phys | (ea & 0xfff);
				return 0;
			}
		}
		assert_real_tlb_sane();
		if (v->stopped || v->regs.pc != pc)
			return -1;
	}
	fail_msg("the instruction at 0x%08x makes no progress", pc);
	return -1;
}

/* The instruction at @pc reads @ea: it must complete, returns real address. */
static phys_addr_t load_ok(u32 pc, u32 ea)
{
	phys_addr_t i = 0, d = 0;

	assert_int_equal(run_insn(pc, ACC_LOAD, ea, &i, &d), 0);
	return d;
}

static phys_addr_t store_ok(u32 pc, u32 ea)
{
	phys_addr_t i = 0, d = 0;

	assert_int_equal(run_insn(pc, ACC_STORE, ea, &i, &d), 0);
	return d;
}

/* The instruction at @pc is fetched: real address. */
static phys_addr_t fetch_ok(u32 pc)
{
	phys_addr_t i = 0, d = 0;

	assert_int_equal(run_insn(pc, ACC_NONE, 0, &i, &d), 0);
	return i;
}

/* AS0 and AS1 map SPLIT_EA differently; AS1 also maps its code page. */
static void split_fixture(void)
{
	map4k_as(5, 0, SPLIT_EA, SPLIT_GPA0, MAS3_SR | MAS3_SW | MAS3_SX);
	map4k_as(6, 1, SPLIT_EA, SPLIT_GPA1, MAS3_SR | MAS3_SW | MAS3_SX);
	map4k_as(7, 1, CODE1, CODE1, MAS3_SR | MAS3_SX);
	map4k_as(8, 1, ONLY1_EA, ONLY1_GPA, MAS3_SR | MAS3_SX);
	fake_arch_clear();
}

/* IS=0, DS=1: data first, then a fetch at the same EA, then data again. */
static void test_split_as_data_then_fetch(void **state)
{
	split_fixture();
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(load_ok(ENTRY, SPLIT_EA + 0x10),
			 RAM_PHYS + SPLIT_GPA1 + 0x10);
	assert_int_equal(fetch_ok(SPLIT_EA + 0x20),
			 RAM_PHYS + SPLIT_GPA0 + 0x20);
	assert_int_equal(load_ok(ENTRY + 4, SPLIT_EA + 0x30),
			 RAM_PHYS + SPLIT_GPA1 + 0x30);
	assert_int_equal(store_ok(ENTRY + 8, SPLIT_EA + 0x34),
			 RAM_PHYS + SPLIT_GPA1 + 0x34);
	assert_int_equal(fetch_ok(SPLIT_EA + 0x24),
			 RAM_PHYS + SPLIT_GPA0 + 0x24);
	assert_int_equal(fetch_ok(ENTRY + 12), RAM_PHYS + ENTRY + 12);
	assert_false(v->stopped);
	assert_real_tlb_sane();
}

/* IS=0, DS=1: the fetch first, then data at the same EA. */
static void test_split_as_fetch_then_data(void **state)
{
	split_fixture();
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(fetch_ok(SPLIT_EA + 0x20),
			 RAM_PHYS + SPLIT_GPA0 + 0x20);
	assert_int_equal(load_ok(ENTRY, SPLIT_EA + 0x10),
			 RAM_PHYS + SPLIT_GPA1 + 0x10);
	assert_int_equal(fetch_ok(SPLIT_EA + 0x28),
			 RAM_PHYS + SPLIT_GPA0 + 0x28);
	assert_false(v->stopped);
	assert_real_tlb_sane();
}

/* The reverse, IS=1 and DS=0, both orders. */
static void test_split_as_reverse(void **state)
{
	split_fixture();
	v->msr = MSR_ME | MSR_IS;
	assert_int_equal(load_ok(CODE1, SPLIT_EA + 0x10),
			 RAM_PHYS + SPLIT_GPA0 + 0x10);
	assert_int_equal(fetch_ok(SPLIT_EA + 0x20),
			 RAM_PHYS + SPLIT_GPA1 + 0x20);
	assert_int_equal(store_ok(CODE1 + 4, SPLIT_EA + 0x14),
			 RAM_PHYS + SPLIT_GPA0 + 0x14);

	/* fetch first, from a fresh vCPU and real TLB */
	teardown(state);
	setup(state);
	split_fixture();
	v->msr = MSR_ME | MSR_IS;
	assert_int_equal(fetch_ok(SPLIT_EA + 0x20),
			 RAM_PHYS + SPLIT_GPA1 + 0x20);
	assert_int_equal(load_ok(CODE1, SPLIT_EA + 0x10),
			 RAM_PHYS + SPLIT_GPA0 + 0x10);
	assert_false(v->stopped);
	assert_real_tlb_sane();
}

/*
 * IS=1, DS=0: the code page ONLY1_EA is mapped in AS1 only. Data at it
 * is a data TLB miss for the guest (in AS0), not the fetched page.
 */
static void test_split_as_data_miss_not_code(void **state)
{
	phys_addr_t i = 0, d = 0;

	split_fixture();
	v->msr = MSR_ME | MSR_IS;
	assert_int_equal(run_insn(ONLY1_EA, ACC_LOAD, ONLY1_EA + 0x10, &i, &d),
			 -1);
	assert_false(v->stopped);
	assert_int_equal(i, RAM_PHYS + ONLY1_GPA);
	assert_int_equal(v->regs.pc, VEC(IVOR_DTLB));
	assert_int_equal(v->srr0, ONLY1_EA);
	assert_int_equal(v->dear, ONLY1_EA + 0x10);
	assert_int_equal(v->mas1 & MAS1_TS, 0);		/* the DS side's AS */
	assert_int_equal(v->srr1, MSR_ME | MSR_IS);
	assert_real_tlb_sane();

	/* and IS=0, DS=1: data at ENTRY (AS0's initial mapped area only) */
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(run_insn(ENTRY, ACC_LOAD, ENTRY + 0x10, &i, &d), -1);
	assert_false(v->stopped);
	assert_int_equal(i, RAM_PHYS + ENTRY);
	assert_int_equal(v->regs.pc, VEC(IVOR_DTLB));
	assert_int_equal(v->dear, ENTRY + 0x10);
	assert_int_equal(v->mas1 & MAS1_TS, MAS1_TS);
	assert_real_tlb_sane();
}

/* From split to IS == DS and back, by mtmsr and rfi. */
static void test_split_as_msr_switch(void **state)
{
	split_fixture();
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(load_ok(ENTRY, SPLIT_EA), RAM_PHYS + SPLIT_GPA1);
	assert_int_equal(fetch_ok(SPLIT_EA), RAM_PHYS + SPLIT_GPA0);

	/* mtmsr to IS=DS=1 (executed in AS0 at ENTRY + 0x40) */
	v->regs.pc = ENTRY + 0x40;
	v->regs.gpr[3] = MSR_ME | MSR_IS | MSR_DS;
	exec_ok(MTMSR(3));
	assert_int_equal(v->msr, MSR_ME | MSR_IS | MSR_DS);
	assert_int_equal(load_ok(CODE1, SPLIT_EA + 8), RAM_PHYS + SPLIT_GPA1 + 8);
	assert_int_equal(fetch_ok(SPLIT_EA + 8), RAM_PHYS + SPLIT_GPA1 + 8);
	assert_int_equal(load_ok(SPLIT_EA + 12, SPLIT_EA), RAM_PHYS + SPLIT_GPA1);

	/* rfi to IS=DS=0 (executed in AS1 at CODE1 + 0x40) */
	v->regs.pc = CODE1 + 0x40;
	v->srr0 = ENTRY + 0x80;
	v->srr1 = MSR_ME;
	exec(RFI);
	assert_int_equal(v->regs.pc, ENTRY + 0x80);
	assert_int_equal(v->msr, MSR_ME);
	assert_int_equal(load_ok(ENTRY + 0x80, SPLIT_EA + 4), RAM_PHYS + SPLIT_GPA0 + 4);
	assert_int_equal(fetch_ok(SPLIT_EA + 4), RAM_PHYS + SPLIT_GPA0 + 4);
	assert_int_equal(store_ok(SPLIT_EA + 4, SPLIT_EA), RAM_PHYS + SPLIT_GPA0);

	/* mtmsr to IS=1, DS=0 */
	v->regs.pc = ENTRY + 0x84;
	v->regs.gpr[3] = MSR_ME | MSR_IS;
	exec_ok(MTMSR(3));
	assert_int_equal(fetch_ok(SPLIT_EA), RAM_PHYS + SPLIT_GPA1);
	assert_int_equal(load_ok(CODE1, SPLIT_EA), RAM_PHYS + SPLIT_GPA0);
	assert_int_equal(fetch_ok(SPLIT_EA + 0x10), RAM_PHYS + SPLIT_GPA1 + 0x10);

	/* and back to IS=DS=1: nothing of the split context is seen */
	v->regs.pc = CODE1 + 0x44;
	v->srr0 = CODE1 + 0x48;
	v->srr1 = MSR_ME | MSR_IS | MSR_DS;
	exec(RFI);
	assert_int_equal(load_ok(CODE1 + 0x48, SPLIT_EA), RAM_PHYS + SPLIT_GPA1);
	assert_int_equal(fetch_ok(SPLIT_EA), RAM_PHYS + SPLIT_GPA1);
	assert_false(v->stopped);
	assert_real_tlb_sane();
}

/*
 * Both address spaces map the page to the same guest-physical page: one
 * shadow serves both sides, nothing ping-pongs.
 */
static void test_split_as_same_page(void **state)
{
	unsigned int maps;

	map4k_as(5, 0, 0x70000000, 0x700000, MAS3_SR | MAS3_SX);
	map4k_as(6, 1, 0x70000000, 0x700000, MAS3_SR | MAS3_SW);
	fake_arch_clear();
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(load_ok(0x70000000, 0x70000010), RAM_PHYS + 0x700010);
	maps = fake_arch.maps;
	assert_int_equal(store_ok(0x70000004, 0x70000020), RAM_PHYS + 0x700020);
	assert_int_equal(fetch_ok(0x70000008), RAM_PHYS + 0x700008);
	assert_int_equal(fake_arch.maps, maps);
	assert_int_equal(fake_arch.unmaps, 0);
	assert_real_tlb_sane();
}

/*
 * One instruction fetched from a page and accessing data in the same
 * page, which the two address spaces map differently: no single real
 * entry serves both sides; weir stops the vCPU rather than give either
 * side the other's page.
 */
static void test_split_as_same_page_conflict(void **state)
{
	phys_addr_t i = 0, d = 0;

	split_fixture();
	v->msr = MSR_ME | MSR_DS;
	quiet(true);
	assert_int_equal(run_insn(SPLIT_EA + 0x20, ACC_LOAD, SPLIT_EA + 0x10,
				  &i, &d), -1);
	quiet(false);
	assert_true(v->stopped);
	/* after one refill for each side, not a third */
	assert_int_equal(fake_arch.unmaps, 2);
	assert_real_tlb_sane();
}

/*
 * A real DSI the guest's translation allows and the right shadow does not
 * cure (here: the same exit twice) is the guest's after one refill.
 */
static void test_split_as_real_dsi(void **state)
{
	split_fixture();
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(load_ok(ENTRY, SPLIT_EA), RAM_PHYS + SPLIT_GPA1);
	v->regs.pc = ENTRY;
	vcpu_exit(v, IVOR_DSI, SPLIT_EA + 8, ESR_ST);
	assert_int_equal(v->regs.pc, ENTRY);		/* refilled, retried */
	vcpu_exit(v, IVOR_DSI, SPLIT_EA + 8, ESR_ST);
	assert_int_equal(v->regs.pc, VEC(IVOR_DSI));
	assert_int_equal(v->dear, SPLIT_EA + 8);
	assert_int_equal(v->esr, ESR_ST);
	assert_false(v->stopped);
	assert_real_tlb_sane();

	/* the guest's own protection: reflected at once */
	map4k_as(9, 1, 0x48000000, 0x480000, MAS3_SR);
	v->msr = MSR_ME | MSR_DS;
	fake_arch_clear();
	assert_int_equal(load_ok(ENTRY, 0x48000000), RAM_PHYS + 0x480000);
	v->regs.pc = ENTRY;
	vcpu_exit(v, IVOR_DSI, 0x48000000, ESR_ST);
	assert_int_equal(v->regs.pc, VEC(IVOR_DSI));
	assert_int_equal(fake_arch.unmaps, 0);
}

/* A split guest still reaches nothing outside its RAM on either side. */
static void test_split_as_outside_ram(void **state)
{
	phys_addr_t i = 0, d = 0;

	map4k_as(5, 0, 0x48000000, 0x480000, MAS3_SR | MAS3_SW | MAS3_SX);
	map4k_as(6, 1, 0x48000000, RAM_SIZE, MAS3_SR | MAS3_SW | MAS3_SX);
	map4k_as(7, 1, CODE1, CODE1, MAS3_SR | MAS3_SX);
	fake_arch_clear();
	v->msr = MSR_ME | MSR_DS;
	quiet(true);
	assert_int_equal(run_insn(ENTRY, ACC_LOAD, 0x48000010, &i, &d), -1);
	assert_int_equal(v->regs.pc, VEC(IVOR_DSI));
	v->msr = MSR_ME | MSR_DS;
	assert_int_equal(fetch_ok(0x48000020), RAM_PHYS + 0x480020);
	assert_int_equal(run_insn(ENTRY, ACC_STORE, 0x48000010, &i, &d), -1);
	assert_int_equal(v->regs.pc, VEC(IVOR_DSI));

	/* IS=1, DS=0: the data side is in RAM, the fetch side is not */
	v->msr = MSR_ME | MSR_IS;
	assert_int_equal(load_ok(CODE1, 0x48000010), RAM_PHYS + 0x480010);
	assert_int_equal(run_insn(0x48000020, ACC_NONE, 0, &i, &d), -1);
	assert_int_equal(v->regs.pc, VEC(IVOR_ISI));
	quiet(false);
	assert_false(v->stopped);
	assert_real_tlb_sane();
}

/* ---------------------------------------------- tlbivax / tlbilx / MMUCSR0 */
static bool valid1(unsigned int esel)
{
	return v->tlb.tlb1[esel].mas1 & MAS1_VALID;
}

static void tlb_fixture(void)
{
	map4k(5, 0x40000000, 0x200000, MAS3_SR);
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(6),
		    MAS1_VALID | MAS1_TID(0x2a) | MAS1_TSIZE(TSIZE_4K),
		    0x40001000, 0x201000 | MAS3_SR, 0);
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(7),
		    MAS1_VALID | MAS1_TID(0x2a) | MAS1_TS | MAS1_TSIZE(TSIZE_4K),
		    0x40002000, 0x202000 | MAS3_SR, 0);
	guest_tlbwe(MAS0_ESEL(1), MAS1_VALID | MAS1_TID(0x2a), 0x40003000,
		    0x203000 | MAS3_SR, 0);
	fake_arch_clear();
}

static void test_tlbivax(void **state)
{
	tlb_fixture();
	v->regs.gpr[0] = 0x00001008;	/* rA = 0 is 0, not r0 */
	/* TLB0 only (EA[60] clear): the TLB1 entry at that EA stays */
	v->regs.gpr[RB] = 0x40000000;
	exec_ok(TLBIVAX(RB));
	assert_true(valid1(5));
	/* nothing was invalidated: no shadow dropped */
	assert_int_equal(fake_arch.flushes, 0);
	assert_int_equal(fake_arch.unmaps, 0);
	/* TLB1, by EA, any TID/TS */
	v->regs.gpr[RB] = 0x40001000 | 0x8;
	exec_ok(TLBIVAX(RB));
	assert_true(valid1(5) && !valid1(6) && valid1(7));
	/* all of TLB1: IPROT (the IMA) survives */
	v->regs.gpr[RB] = 0x8 | 0x4;
	exec_ok(TLBIVAX(RB));
	assert_true(valid1(0) && !valid1(5) && !valid1(7));
	assert_true(v->tlb.tlb0[3 * VTLB0_WAYS + 1].mas1 & MAS1_VALID);
	/* TLB0 by EA */
	v->regs.gpr[RB] = 0x40003000;
	exec_ok(TLBIVAX(RB));
	assert_false(v->tlb.tlb0[3 * VTLB0_WAYS + 1].mas1 & MAS1_VALID);
	/* one 4 KiB entry: its page; two pages at once (all of TLB1): all */
	assert_int_equal(fake_arch.unmaps, 2);
	assert_int_equal(fake_arch.unmap[0], 0x40001000);
	assert_int_equal(fake_arch.unmap[1], 0x40003000);
	assert_int_equal(fake_arch.flushes, 1);
	assert_int_equal(v->tlb.drop, VTLB_DROP_NONE);
}

/*
 * Several vCPUs: a second vCPU of the fixture's partition, and a vCPU of
 * another partition that must never be touched.
 */
static struct vcpu *w, *x;
static struct partition other;

static void smp_fixture(void)
{
	w = calloc(1, sizeof(*w));
	x = calloc(1, sizeof(*x));
	if (!w || !x)
		abort();
	part.nvcpus = 2;
	part.vcpu[1] = w;
	w->part = &part;
	w->id = 1;
	w->cpu = 1;
	assert_int_equal(vcpu_reset(w, 0, 0), 0);
	memset(&other, 0, sizeof(other));
	other.id = 2;
	other.ram_size = RAM_SIZE;
	other.nvcpus = 1;
	other.vcpu[0] = x;
	x->part = &other;
	x->cpu = 2;
	assert_int_equal(vcpu_reset(x, 0, 0), 0);
	fake_hv_clear();
	fake_arch_clear();
}

static void smp_free(void)
{
	free(w);
	free(x);
	w = x = NULL;
}

static void test_msgsnd(void **state)
{
	smp_fixture();
	/* PIRTAG 1: vCPU 1 of this partition, kicked */
	v->regs.gpr[RB] = 1;
	exec_ok(MSGSND(RB));
	assert_true(vcpu_pending_read(w) & VIRQ_DBELL);
	assert_false(vcpu_pending_read(v) & VIRQ_DBELL);
	assert_false(vcpu_pending_read(x) & VIRQ_DBELL);
	assert_int_equal(fake_kicks(w), 1);
	/* PIRTAG 2 and 3: no such vCPU here; another partition's core is
	 * never reached */
	vcpu_msgclr(w, 0);
	v->regs.gpr[RB] = 2;
	exec_ok(MSGSND(RB));
	v->regs.gpr[RB] = 3;
	exec_ok(MSGSND(RB));
	/* a critical doorbell (type 1) is not offered */
	v->regs.gpr[RB] = (1u << 27) | 1;
	exec_ok(MSGSND(RB));
	assert_int_equal(vcpu_pending_read(v) | vcpu_pending_read(w) |
				 vcpu_pending_read(x),
			 0);
	assert_int_equal(fake_hv.kicks, 1);
	/* broadcast: both vCPUs of this partition, no other */
	v->regs.gpr[RB] = 0x04000000 | 7;
	exec_ok(MSGSND(RB));
	assert_true(vcpu_pending_read(v) & VIRQ_DBELL);
	assert_true(vcpu_pending_read(w) & VIRQ_DBELL);
	assert_false(vcpu_pending_read(x) & VIRQ_DBELL);
	/* msgclr clears this vCPU's only */
	v->regs.gpr[RB] = 0;
	exec_ok(MSGCLR(RB));
	assert_false(vcpu_pending_read(v) & VIRQ_DBELL);
	assert_true(vcpu_pending_read(w) & VIRQ_DBELL);
	/* taken by w once its MSR[EE] allows: IVOR36, SRR0/1, edge */
	w->ivor[IVOR_DOORBELL] = VEC(IVOR_DOORBELL);
	w->regs.pc = 0x3000;
	assert_false(vcpu_deliver_pending(w));
	w->msr |= MSR_EE;
	assert_true(vcpu_has_pending(w));
	assert_true(vcpu_deliver_pending(w));
	assert_int_equal(w->regs.pc, VEC(IVOR_DOORBELL));
	assert_int_equal(w->srr0, 0x3000);
	assert_false(vcpu_pending_read(w) & VIRQ_DBELL);
	smp_free();
}

/* The kicked core serves its requests at once (the real one does on its
 * way back to the guest). */
static void serve_kicked(struct vcpu *k)
{
	vcpu_shootdown_serve(k);
}

static void test_tlbivax_all_vcpus(void **state)
{
	static const struct vtlb_entry page = {
		.mas1 = MAS1_VALID | MAS1_TSIZE(TSIZE_4K),
		.mas2 = 0x40001000,
		.mas7_3 = 0x201000 | MAS3_SR,
	};

	smp_fixture();
	w->tlb.tlb1[5] = page;
	x->tlb.tlb1[5] = page;
	fake_arch.kick_hook = serve_kicked;
	/* TLB1 by EA: gone from vCPU 1's TLB too, with its shadow */
	v->regs.gpr[RB] = 0x40001000 | 0x8;
	exec_ok(TLBIVAX(RB));
	assert_false(w->tlb.tlb1[5].mas1 & MAS1_VALID);
	assert_int_equal(w->shoot.done, w->shoot.seq);
	assert_int_equal(w->shoot.seq, 1);
	assert_int_equal(fake_kicks(w), 1);
	assert_int_equal(fake_arch.unmaps, 1);
	assert_int_equal(fake_arch.unmap[0], 0x40001000);
	/* the IMA (IPROT) stays on both; the other partition is untouched */
	v->regs.gpr[RB] = 0x8 | 0x4;
	exec_ok(TLBIVAX(RB));
	assert_true(w->tlb.tlb1[0].mas1 & MAS1_VALID);
	assert_true(x->tlb.tlb1[5].mas1 & MAS1_VALID);
	assert_int_equal(x->shoot.seq, 0);
	assert_int_equal(fake_kicks(x), 0);
	/* a tlbilx is this vCPU's alone */
	w->tlb.tlb1[5] = page;
	exec_ok(TLBILX(0, RB));
	assert_true(w->tlb.tlb1[5].mas1 & MAS1_VALID);
	assert_int_equal(w->shoot.seq, 2);
	smp_free();
}

static void test_spin_release(void **state)
{
	u32 *e;

	smp_fixture();
	part.spin_table_gpa = 0x7000;
	vcpu_spin_init(&part);
	e = (u32 *)(ram + 0x7000 + 32);
	/* what Linux's smp_85xx_start_cpu() checks first */
	assert_int_equal(get_be32(&e[1]), 1);
	assert_int_equal(get_be32(&e[5]), 1);
	assert_int_equal(vcpu_secondary_reset(w), 0);
	assert_true(w->spinning);
	assert_false(vcpu_spin_release(w));
	/* released: PC, r3 from the entry, r7 the IMA, r6 0, 1:1 IMA */
	put_be32(&e[3], 0x1234);
	put_be32(&e[1], 0x800100);
	assert_true(vcpu_spin_release(w));
	assert_false(w->spinning);
	assert_false(w->stopped);
	assert_int_equal(w->regs.pc, 0x800100);
	assert_int_equal(w->regs.gpr[3], 0x1234);
	assert_int_equal(w->regs.gpr[6], 0);
	assert_int_equal(w->regs.gpr[7], vtlb_ima_size(RAM_SIZE));
	assert_true(w->msr == MSR_ME);
	assert_int_equal(w->tlb.tlb1[0].mas2 & ~0xfffu, 0);
	/* an entry whose mapping leaves the RAM stops the vCPU */
	assert_int_equal(vcpu_secondary_reset(w), 0);
	put_be32(&e[1], (u32)RAM_SIZE + 0x100);
	assert_true(vcpu_spin_release(w));
	assert_true(w->stopped);
	/* the other partition's RAM was never looked at */
	assert_int_equal(x->regs.pc, 0);
	smp_free();
}

static void test_tlbilx(void **state)
{
	tlb_fixture();
	/* T=3: TID = SPID, TS = SAS, EA */
	guest_mtspr(SPRN_MAS6, 0x2a << 16 | MAS6_SAS);
	v->regs.gpr[RB] = 0x40001000;	/* TS 0 entry: SAS 1 misses it */
	exec_ok(TLBILX(3, RB));
	assert_true(valid1(6) && valid1(7));
	v->regs.gpr[RB] = 0x40002000;
	exec_ok(TLBILX(3, RB));
	assert_true(valid1(6) && !valid1(7));
	/* T=1: every entry with TID = SPID */
	exec_ok(TLBILX(1, RB));
	assert_true(valid1(0) && valid1(5) && !valid1(6));
	assert_false(v->tlb.tlb0[3 * VTLB0_WAYS + 1].mas1 & MAS1_VALID);
	/* T=0: all but IPROT */
	exec_ok(TLBILX(0, RB));
	assert_true(valid1(0) && !valid1(5));
	/* T=3 and T=0 each invalidated one 4 KiB entry, T=1 two pages */
	assert_int_equal(fake_arch.unmaps, 2);
	assert_int_equal(fake_arch.unmap[0], 0x40002000);
	assert_int_equal(fake_arch.unmap[1], 0x40000000);
	assert_int_equal(fake_arch.flushes, 1);
}

/*
 * Precise shadow drops: entries at one EA under several TIDs drop one
 * page; overwriting a large entry drops everything; a refused tlbwe drops
 * nothing; the refill after a drop reads the new translation.
 */
static void test_shadow_drop(void **state)
{
	/* TLB0 set 3 holds 0x40003000 for TID 0x2a (way 1) and TID 7 (way 2) */
	tlb_fixture();
	guest_tlbwe(MAS0_ESEL(2), MAS1_VALID | MAS1_TID(7), 0x40003000,
		    0x213000 | MAS3_SR, 0);
	assert_int_equal(fake_arch.unmaps + fake_arch.flushes, 0);
	v->regs.gpr[RB] = 0x40003000;
	exec_ok(TLBIVAX(RB));
	assert_int_equal(fake_arch.unmaps, 1);
	assert_int_equal(fake_arch.unmap[0], 0x40003000);
	assert_int_equal(fake_arch.flushes, 0);

	/* rewriting a valid 4 KiB entry drops its old page only */
	fake_arch_clear();
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(5), MAS1_VALID | MAS1_TSIZE(TSIZE_4K),
		    0x50000000, 0x300000 | MAS3_SR, 0);
	assert_int_equal(fake_arch.unmaps, 1);
	assert_int_equal(fake_arch.unmap[0], 0x40000000);
	assert_int_equal(fake_arch.flushes, 0);
	/* ... and the next miss there fills from the new entry */
	v->msr = MSR_ME;
	v->regs.pc = ENTRY;
	vcpu_exit(v, IVOR_DTLB, 0x50000010, 0);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].phys, RAM_PHYS + 0x300000);

	/* overwriting a 16 MiB entry: every shadow may be stale */
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(9), MAS1_VALID | MAS1_TSIZE(TSIZE_16M),
		    0xc0000000, MAS3_SR, 0);
	fake_arch_clear();
	guest_tlbwe(MAS0_TLBSEL1 | MAS0_ESEL(9), MAS1_VALID | MAS1_TSIZE(TSIZE_4K),
		    0xc0000000, MAS3_SR, 0);
	assert_int_equal(fake_arch.flushes, 1);
	assert_int_equal(fake_arch.unmaps, 0);

	/* a refused tlbwe changes nothing and drops nothing */
	fake_arch_clear();
	guest_mas(MAS0_TLBSEL1 | MAS0_ESEL(9), MAS1_VALID | MAS1_TSIZE(3), 0xc0000000,
		  MAS3_SR, 0);
	exec(TLBWE);
	assert_int_equal(v->esr, ESR_PIL);
	assert_int_equal(fake_arch.flushes + fake_arch.unmaps, 0);
	assert_int_equal(v->tlb.drop, VTLB_DROP_NONE);
}

static void test_mmucsr0_flash(void **state)
{
	tlb_fixture();
	guest_mtspr(SPRN_MMUCSR0, MMUCSR0_TLB1FI);
	assert_true(valid1(0) && !valid1(5) && !valid1(6) && !valid1(7));
	assert_true(v->tlb.tlb0[3 * VTLB0_WAYS + 1].mas1 & MAS1_VALID);
	guest_mtspr(SPRN_MMUCSR0, MMUCSR0_TLB0FI);
	assert_false(v->tlb.tlb0[3 * VTLB0_WAYS + 1].mas1 & MAS1_VALID);
	assert_int_equal(fake_arch.flushes, 2);
	assert_int_equal(guest_mfspr(SPRN_MMUCSR0), 0);
}

/* ------------------------------------------------------ 11: decrementer */
static void test_dec(void **state)
{
	u32 pc;

	fake_arch.tb = 0;
	guest_mtspr(SPRN_DEC, 1000);
	assert_int_equal(fake_arch.timer_changes, 1);
	assert_ptr_equal(fake_arch.timer_vcpu, v);
	assert_int_equal(vtimer_next(v), 1000);
	fake_arch.tb = 400;
	assert_int_equal(guest_mfspr(SPRN_DEC), 600);

	assert_false(vtimer_expire(v, 999));
	assert_false(v->tsr & TSR_DIS);
	assert_true(vtimer_expire(v, 1000));
	assert_int_equal(v->tsr, TSR_DIS);
	assert_int_equal(vtimer_next(v), UINT64_MAX);	/* no ARE: stopped */
	fake_arch.tb = 1000;
	assert_int_equal(guest_mfspr(SPRN_DEC), 0);
	assert_false(vtimer_expire(v, 5000));

	/* DIE set but MSR[EE] clear: pending, not delivered */
	guest_mtspr(SPRN_TCR, TCR_DIE);
	assert_int_equal(v->tcr, TCR_DIE);
	assert_true(vcpu_has_pending(v));
	snap();
	assert_false(vcpu_deliver_pending(v));
	check();

	/* the guest enables EE: the exit that did it delivers the DEC */
	pc = v->regs.pc;
	snap();
	exec(WRTEEI(1));
	expect.msr |= MSR_EE;
	expect_base(&expect, IVOR_DEC, pc + 4);
	check();
	assert_int_equal(v->regs.pc, 0x1a00);
	assert_int_equal(v->srr1, MSR_ME | MSR_EE);

	/* its handler: writing 0 clears nothing, writing DIS clears it */
	guest_mtspr(SPRN_TSR, 0);
	assert_int_equal(v->tsr, TSR_DIS);
	guest_mtspr(SPRN_TSR, TSR_DIS);
	assert_int_equal(v->tsr, 0);
	assert_false(vcpu_has_pending(v));
	v->msr |= MSR_EE;
	assert_false(vcpu_deliver_pending(v));

	/* DEC = 0 stops the count */
	guest_mtspr(SPRN_DEC, 0);
	assert_int_equal(vtimer_next(v), UINT64_MAX);
	assert_false(vtimer_expire(v, UINT64_MAX - 1));
	assert_int_equal(v->tsr, 0);
}

static void test_dec_autoreload(void **state)
{
	guest_mtspr(SPRN_DECAR, 500);
	assert_int_equal(guest_mfspr(SPRN_DECAR), 500);
	guest_mtspr(SPRN_TCR, TCR_DIE | TCR_ARE);
	fake_arch.tb = 2000;
	guest_mtspr(SPRN_DEC, 1000);
	assert_int_equal(vtimer_next(v), 3000);

	assert_true(vtimer_expire(v, 3000));
	assert_int_equal(v->tsr, TSR_DIS);
	assert_int_equal(vtimer_next(v), 3500);
	fake_arch.tb = 3100;
	assert_int_equal(guest_mfspr(SPRN_DEC), 400);
	/* still set: not newly set */
	assert_false(vtimer_expire(v, 3500));
	assert_int_equal(vtimer_next(v), 4000);
	guest_mtspr(SPRN_TSR, TSR_DIS);
	/* periods missed while not running are skipped */
	assert_true(vtimer_expire(v, 10000));
	assert_int_equal(vtimer_next(v), 10500);
}

static void test_tcr_mask(void **state)
{
	guest_mtspr(SPRN_TCR, 0xffffffff);
	/* everything but the watchdog reset control */
	assert_int_equal(guest_mfspr(SPRN_TCR),
			 TCR_WP | TCR_WIE | TCR_DIE | TCR_FP | TCR_FIE | TCR_ARE);
	assert_int_equal(v->tcr & TCR_WRC, 0);
}

/* ------------------------------------------- 12: real storage exceptions */
static void test_real_storage_faults(void **state)
{
	map4k(5, 0x40000000, 0x200000, MAS3_SR);
	vcpu_exit(v, IVOR_DTLB, 0x40000123, ESR_ST);
	assert_int_equal(fake_arch.maps, 1);
	assert_int_equal(fake_arch.map[0].perms, MAS3_UR);

	/* the store then faults on the read-only shadow: the guest's DSI */
	v->regs.pc = ENTRY + 0x300;
	v->msr = MSR_ME | MSR_EE;
	snap();
	vcpu_exit(v, IVOR_DSI, 0x40000123, ESR_ST);
	expect.dear = 0x40000123;
	expect.esr = ESR_ST;
	expect_base(&expect, IVOR_DSI, ENTRY + 0x300);
	check();
	assert_int_equal(v->regs.pc, 0x1200);

	/* ISI: ESR as reported, DEAR untouched */
	v->regs.pc = 0x40000000;
	v->msr = MSR_ME;
	snap();
	vcpu_exit(v, IVOR_ISI, 0xdeadbeef, ESR_BO);
	expect.esr = ESR_BO;
	expect_base(&expect, IVOR_ISI, 0x40000000);
	check();
	assert_int_equal(v->regs.pc, 0x1300);

	/* alignment: DEAR and ESR */
	v->regs.pc = ENTRY + 0x304;
	v->msr = MSR_ME;
	snap();
	vcpu_exit(v, IVOR_ALIGN, 0x40000003, ESR_ST);
	expect.dear = 0x40000003;
	expect.esr = ESR_ST;
	expect_base(&expect, IVOR_ALIGN, ENTRY + 0x304);
	check();
	assert_int_equal(v->regs.pc, 0x1500);
	assert_int_equal(fake_arch.maps, 1);
}

/* --------------------------------------------------------- 13: fetch */
static void test_fetch(void **state)
{
	u32 word = 0x11111111;

	poke(0x2000, 0x12345678);
	assert_int_equal(vcpu_fetch(v, 0x2000, true, &word), 0);
	assert_int_equal(word, 0x12345678);
	assert_int_equal(vcpu_fetch(v, 0x2000, false, &word), 0);
	poke(RAM_SIZE - 4, 0xcafef00d);
	assert_int_equal(vcpu_fetch(v, RAM_SIZE - 4, true, &word), 0);
	assert_int_equal(word, 0xcafef00d);

	word = 0x11111111;
	assert_int_equal(vcpu_fetch(v, 0x50000000, true, &word), -EFAULT);
	assert_int_equal(vcpu_fetch(v, RAM_SIZE, true, &word), -EFAULT);
	assert_int_equal(vcpu_fetch(v, 0x2002, true, &word), -EFAULT);
	/* AS 1 has no translation */
	v->msr |= MSR_DS;
	assert_int_equal(vcpu_fetch(v, 0x2000, false, &word), -EFAULT);
	assert_int_equal(vcpu_fetch(v, 0x2000, true, &word), 0);
	word = 0x11111111;
	/* translation to outside RAM */
	map4k(5, 0x40000000, 0x30000000, MAS3_SX | MAS3_SR);
	assert_int_equal(vcpu_fetch(v, 0x40000010, true, &word), -EFAULT);
	map4k(5, 0x40000000, RAM_SIZE, MAS3_SX | MAS3_SR);
	assert_int_equal(vcpu_fetch(v, 0x40000000, true, &word), -EFAULT);
	assert_int_equal(word, 0x11111111);
	/* ... and into its last page */
	map4k(5, 0x40000000, RAM_SIZE - 0x1000, MAS3_SX | MAS3_SR);
	assert_int_equal(vcpu_fetch(v, 0x40000ffc, true, &word), 0);
	assert_int_equal(word, 0xcafef00d);
}

static void test_fetch_outside_ram_stops(void **state)
{
	/* a privileged instruction in a page mapped beyond RAM */
	map4k(5, 0x40000000, 0x30000000, MAS3_SX | MAS3_SR);
	v->regs.pc = 0x40000010;
	v->msr = MSR_ME | MSR_EE;
	/* a decrementer pending and enabled: a stopped vCPU takes nothing */
	v->tcr = TCR_DIE;
	v->tsr = TSR_DIS;
	snap();
	vcpu_exit(v, IVOR_PROGRAM, 0, ESR_PPR);
	expect.stopped = true;
	check();

	/* an sc there */
	memcpy(v, &before, sizeof(*v));
	v->regs.pc = 0x40000014;
	snap();
	vcpu_exit(v, IVOR_SYSCALL, 0, 0);
	expect.stopped = true;
	check();

	/* a PC with no translation at all */
	memcpy(v, &before, sizeof(*v));
	v->regs.pc = 0x50000000;
	snap();
	vcpu_exit(v, IVOR_PROGRAM, 0, ESR_PPR);
	expect.stopped = true;
	check();
	assert_int_equal(fake_arch.maps, 0);
}

/* --------------------------------------------------------- odds and ends */
static void test_not_privileged_is_reflected(void **state)
{
	/* a trap (ESR[PTR]) from the guest supervisor: its own, not emulated */
	poke(ENTRY, MFMSR(5));
	v->regs.gpr[5] = 0x55;
	snap();
	vcpu_exit(v, IVOR_PROGRAM, 0, ESR_PTR);
	expect_program(&expect, ESR_PTR);
	check();

	/* an instruction weir does not emulate */
	v->msr = MSR_ME;
	v->regs.pc = ENTRY;
	snap();
	exec(0x7c0003ac);	/* dcbi 0,0 */
	expect_program(&expect, ESR_PIL);
	check();
}

static void test_wait(void **state)
{
	snap();
	exec(WAIT);
	expect.idle = true;
	expect.regs.pc += 4;
	check();

	/* with a decrementer pending and EE on, wait ends in its handler */
	v->idle = false;
	v->tcr = TCR_DIE;
	v->tsr = TSR_DIS;
	v->msr = MSR_ME | MSR_EE;
	snap();
	exec(WAIT);
	expect_base(&expect, IVOR_DEC, before.regs.pc + 4);
	check();
	assert_false(v->idle);
}

static void test_unexpected_exit_stops(void **state)
{
	snap();
	vcpu_exit(v, 33, 0, 0);
	expect.stopped = true;
	check();
}

/* A fatal fault of vCPU 1 stops it and asks vCPU 0 to stop the
 * partition; another partition hears nothing. */
static void test_secondary_fault_stops_partition(void **state)
{
	smp_fixture();
	vcpu_exit(w, 33, 0, 0);
	assert_true(w->stopped);
	assert_int_equal(part.req, PREQ_STOP);
	assert_int_equal(fake_kicks(v), 1);
	assert_int_equal(other.req, PREQ_NONE);
	assert_int_equal(fake_kicks(x), 0);
	/* vCPU 0 applying it: test_hcall.c test_partition_stop */
	smp_free();
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

/* ------------------------------------- Linux 6.1 guest: debug registers */
/*
 * Debug SPRs are storage (KVM booke_emulate.c): DSRR0/1, IAC1-4, DAC1-2,
 * DVC1-2 read back what was written, each in its own field; MCARU reads 0.
 */
static void test_debug_sprs(void **state)
{
	static const struct { unsigned int spr; size_t off; } regs[] = {
		{ SPRN_DSRR0, offsetof(struct vcpu, dsrr0) },
		{ SPRN_DSRR1, offsetof(struct vcpu, dsrr1) },
		{ SPRN_IAC1, offsetof(struct vcpu, iac[0]) },
		{ SPRN_IAC1 + 1, offsetof(struct vcpu, iac[1]) },
		{ SPRN_IAC1 + 2, offsetof(struct vcpu, iac[2]) },
		{ SPRN_IAC1 + 3, offsetof(struct vcpu, iac[3]) },
		{ SPRN_DAC1, offsetof(struct vcpu, dac[0]) },
		{ SPRN_DAC1 + 1, offsetof(struct vcpu, dac[1]) },
		{ SPRN_DVC1, offsetof(struct vcpu, dvc[0]) },
		{ SPRN_DVC1 + 1, offsetof(struct vcpu, dvc[1]) },
	};
	unsigned int i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		u32 val = 0x12340000u | i << 4 | 4;

		v->regs.gpr[RTMP] = val;
		snap();
		exec(MTSPR(regs[i].spr, RTMP));
		memcpy((u8 *)&expect + regs[i].off, &val, sizeof(val));
		expect.regs.pc += 4;
		check();
		assert_int_equal(guest_mfspr(regs[i].spr), val);
	}
	assert_int_equal(guest_mfspr(SPRN_MCARU), 0);
}

/*
 * Cache locking from the guest's supervisor traps as a DSI with ESR[DLK]
 * or [ILK] (problem state, MSR[UCLE] = 0): a lock fails with
 * L1CSR0[CUL] / L1CSR1[ICUL] set, an unlock does nothing, both continue.
 * From the guest's user mode without its UCLE, the DSI is the guest's.
 */
/* A DSI at @insn (at ENTRY + 0x40, DEAR 0x2000, ESR @esr) that weir must
 * reflect to the guest unchanged. */
static void dsi_reflected(struct vcpu *v, u32 insn, u32 esr)
{
	v->regs.pc = ENTRY + 0x40;
	poke(v->regs.pc, insn);
	snap();
	vcpu_exit(v, IVOR_DSI, 0x2000, esr);
	expect.dear = 0x2000;
	expect.esr = esr;
	expect_base(&expect, IVOR_DSI, ENTRY + 0x40);
	check();
}

static void lock_insn(u32 insn, u32 esr, u32 l1csr0, u32 l1csr1)
{
	v->regs.pc = ENTRY + 0x40;
	poke(v->regs.pc, insn);
	v->l1csr0 = v->l1csr1 = 0;
	snap();
	vcpu_exit(v, IVOR_DSI, 0x2000, esr);
	expect.l1csr0 = l1csr0;
	expect.l1csr1 = l1csr1;
	expect.regs.pc = ENTRY + 0x44;
	check();
}

static void test_cache_locking(void **state)
{
	v->msr = MSR_ME;
	lock_insn(DCBTLS(3, 4), ESR_DLK, L1CSR0_CUL, 0);
	lock_insn(DCBTSTLS(0, 5), ESR_DLK | ESR_ST, L1CSR0_CUL, 0);
	lock_insn(ICBTLS(3, 4), ESR_ILK, 0, L1CSR1_ICUL);
	lock_insn(DCBLC(3, 4), ESR_DLK, 0, 0);
	lock_insn(ICBLC(3, 4), ESR_ILK, 0, 0);
	/* the guest reads the failure back */
	lock_insn(DCBTLS(3, 4), ESR_DLK, L1CSR0_CUL, 0);
	assert_int_equal(guest_mfspr(SPRN_L1CSR0) & L1CSR0_CUL, L1CSR0_CUL);

	/* guest user mode, its UCLE clear: the guest's own DSI */
	v->msr = MSR_ME | MSR_PR;
	dsi_reflected(v, DCBTLS(3, 4), ESR_DLK);
	/* ... with UCLE set it is emulated like the supervisor's */
	v->msr = MSR_ME | MSR_PR | MSR_UCLE;
	lock_insn(ICBTLS(3, 4), ESR_ILK, 0, L1CSR1_ICUL);

	/* a DSI with DLK at an instruction that is not a lock: the guest's */
	v->msr = MSR_ME;
	dsi_reflected(v, TLBWE, ESR_DLK);
	/* and a plain DSI never looks at the instruction */
	v->msr = MSR_ME;
	dsi_reflected(v, DCBTLS(3, 4), ESR_ST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_reset_state),
		T(test_msr_round_trip),
		T(test_spr_plain),
		T(test_spr_ivpr_ivor),
		T(test_spr_pid_pir_version),
		T(test_spr_tlbcfg),
		T(test_spr_unknown),
		T(test_rfi),
		T(test_reflect_base),
		T(test_reflect_critical_mcheck),
		T(test_hcall_unknown_token),
		T(test_hcall_from_guest_user),
		T(test_sc_lev0),
		T(test_sc_cache),
		T(test_hcall_fast),
		T(test_emul_fast),
		T(test_tlb_fast),
		T(test_syscall_not_sc),
		T(test_tlbwe_fill),
		T(test_fill_large_page),
		T(test_tlbre_tlbsx),
		T(test_tlbsx_miss_defaults),
		T(test_miss_linux_handler_refill),
		T(test_debug_sprs),
		T(test_cache_locking),
		T(test_shadow_drop),
		T(test_isolation_beyond_ram),
		T(test_log_budget_per_partition),
		T(test_isolation_partial_page),
		T(test_isolation_large_page),
		T(test_mmio_window),
		T(test_miss_no_translation),
		T(test_bad_tlbwe),
		T(test_ima_survives_flood),
		T(test_tlb_flood_random),
		T(test_shadow_ids),
		T(test_shadow_id_recycle_in_fill),
		T(test_split_as_data_then_fetch),
		T(test_split_as_fetch_then_data),
		T(test_split_as_reverse),
		T(test_split_as_data_miss_not_code),
		T(test_split_as_msr_switch),
		T(test_split_as_same_page),
		T(test_split_as_same_page_conflict),
		T(test_split_as_real_dsi),
		T(test_split_as_outside_ram),
		T(test_tlbivax),
		T(test_tlbilx),
		T(test_msgsnd),
		T(test_tlbivax_all_vcpus),
		T(test_spin_release),
		T(test_secondary_fault_stops_partition),
		T(test_mmucsr0_flash),
		T(test_dec),
		T(test_dec_autoreload),
		T(test_tcr_mask),
		T(test_real_storage_faults),
		T(test_fetch),
		T(test_fetch_outside_ram_stops),
		T(test_not_privileged_is_reflected),
		T(test_wait),
		T(test_unexpected_exit_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
