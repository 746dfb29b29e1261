/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A virtual CPU: the state of one guest core that the hardware does not
 * hold while the guest runs in problem state (trap-and-emulate, the model
 * Linux's KVM for e500 uses; ../shared/reference/README.md items 21-23).
 *
 * The guest's GPRs, PC, LR, CTR, CR and XER live in @regs, which is the
 * exception frame start.S saves into while this vCPU runs. Everything a
 * guest supervisor would own (MSR, SRR0/1, SPRGs, IVPR/IVORs, timers, the
 * MMU) is virtual and kept here.
 */
#ifndef WEIR_VCPU_H
#define WEIR_VCPU_H

#include <weir/types.h>
#include <weir/arch.h>
#include <weir/spinlock.h>

struct partition;

/* Guest TLB geometry (what the guest reads in TLB0CFG/TLB1CFG). */
#define VTLB0_WAYS 4
#define VTLB0_SETS 128
#define VTLB0_ENTRIES (VTLB0_WAYS * VTLB0_SETS)
#define VTLB1_ENTRIES 64

/* One guest TLB entry, in MAS terms (MAS1, MAS2, MAS7:MAS3). */
struct vtlb_entry {
	u32 mas1;   /* V, IPROT, TID, TS, TSIZE */
	u32 mas2;   /* EPN, WIMGE */
	u64 mas7_3; /* RPN (guest-physical), U0-3, permissions */
};

/* In a struct vtlb_page_cache tag: set when it holds a page (0, as
 * zeroed memory, is empty) */
#define VTLB_PAGE_VALID 2u

struct vtlb {
	struct vtlb_entry tlb0[VTLB0_ENTRIES]; /* set-major: [set][way] */
	struct vtlb_entry tlb1[VTLB1_ENTRIES];
	unsigned int tlb0_victim[VTLB0_SETS]; /* round-robin next way */
	unsigned int tlb1_victim;
	/*
	 * shadow ids: (IS, DS, PR, PID) -> real PID of the shadow entries.
	 * IS and DS are separate keys: a context fetching in one address
	 * space and accessing data in the other has ids of its own (exit.c,
	 * split address spaces).
	 */
	u8 sid[2][2][2][256];
	unsigned int next_sid;
	/*
	 * The last refills of a split context's shadow after a permission
	 * fault (exit.c split_refill()): instruction, page, side, count.
	 * refill_n is 0 after any other exit.
	 */
	u32 refill_pc, refill_ea;
	unsigned int refill_side, refill_n;
	/* shadows to drop after a guest TLB change (VTLB_DROP_*) */
	unsigned int drop;
	u32 drop_ea;
	/*
	 * The translation of the last `sc`'s 4 KiB page (@sc) and of the
	 * last emulated privileged instruction's (@emul) (exit.c
	 * fetch_cached()), so that an hcall or an emulation does not walk
	 * the vTLB: @tag is the page's address | VTLB_PAGE_VALID | its AS
	 * (MSR[IS]), for the PID of the fill, 0 when empty; valid until any guest
	 * TLB change or PID write (every tlbwe, tlbivax, tlbilx, MMUCSR0
	 * flash, IMA, mtspr PID, reset empty both: vtlb_page_caches_drop()),
	 * so that the check is one compare (arch start.S CACHED_WORD).
	 */
	struct vtlb_page_cache {
		u32 tag;
		const u32 *host; /* weir's pointer to the guest page */
	} sc, emul;
	/*
	 * 1 + the highest TLB1 index written valid since the reset (tlbwe,
	 * the IMA): the entries from here on are invalid, so that
	 * vtlb_lookup() of a TLB0 page does not test all VTLB1_ENTRIES.
	 */
	unsigned int tlb1_used;
};

/* Pending virtual exceptions (bit per source). */
#define VIRQ_DEC (1u << 0)
#define VIRQ_EXT (1u << 1)
#define VIRQ_DBELL (1u << 2) /* processor doorbell (msgsnd type 0) */

/*
 * A TLB invalidation another vCPU of the partition asked of this one (a
 * guest tlbivax is broadcast to every core's TLB: hv/vcpu/smp.c). The
 * requester posts under @lock and waits until @done reaches its @seq.
 */
struct vtlb_shootdown {
	spinlock_t lock;
	u32 seq;   /* requests posted, atomic */
	u32 done;  /* requests applied, atomic */
	u32 ea;	   /* the tlbivax EA of the one request pending */
	bool many; /* several pending: invalidate every non-IPROT entry */
};

struct vcpu {
	struct trap_frame regs; /* must stay first */
	struct partition *part;
	unsigned int id;  /* vCPU number in the partition */
	unsigned int cpu; /* physical core it is pinned to */

	/* virtual supervisor state */
	u32 msr;
	u32 srr0, srr1, csrr0, csrr1, mcsrr0, mcsrr1;
	u32 dear, esr, mcsr;
	u32 sprg[8];
	u32 ivpr;
	u32 ivor[42]; /* indexed by IVOR number */
	u32 pid;
	u32 tcr, tsr, decar;
	u64 dec_deadline; /* timebase value when DEC reaches 0 */
	bool dec_armed;	  /* DEC is counting down */
	u32 mas0, mas1, mas2, mas3, mas4, mas6, mas7;
	u32 hid0, hid1, l1csr0, l1csr1, l1csr2, bucsr, mmucsr0, dbcr[3];
	u32 dbsr, epcr, usprg0;
	u32 dsrr0, dsrr1;	    /* debug class (e500mc: DSRR, rfdi) */
	u32 iac[4], dac[2], dvc[2]; /* debug compare registers, stored */

	u32 pending;  /* VIRQ_* */
	bool idle;    /* waiting in EV_IDLE */
	bool stopped; /* this vCPU must not run (atomic: read by vCPU 0) */
	/*
	 * A secondary vCPU waits in its ePAPR spin table entry until the
	 * guest releases it (hv/vcpu/smp.c); @gen is the partition start
	 * (struct partition run_gen) its state belongs to.
	 */
	bool spinning;
	u32 gen;
	struct vtlb tlb;
	/* last: vcpu_reset() never clears it (another core may be posting) */
	struct vtlb_shootdown shoot;
};

#endif
