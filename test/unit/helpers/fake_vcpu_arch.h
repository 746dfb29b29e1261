/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A recording fake of include/weir/vcpu_arch.h for host tests of the vCPU
 * core (hv/vcpu/): every shadow translation installed, every flush, timer
 * notification, SPRG mirror write and idle wait, plus a timebase the test
 * sets (and every single-page shadow drop). fake_vcpu_arch.c defines only the vcpu_arch.h functions.
 *
 * It also models the core's real TLB0 as the shadow calls leave it
 * (fake_arch.tlb0): arch_shadow_map() adds an entry, arch_shadow_unmap()
 * drops every entry at that page, arch_shadow_flush() drops them all, so
 * a test can run guest accesses through it the way the MMU would
 * (fake_tlb_lookup()). Like e500mc's, the model matches on EA and TID
 * only (every shadow is TS=1 and the guest always runs with IS=DS=1).
 */
#ifndef TEST_FAKE_VCPU_ARCH_H
#define TEST_FAKE_VCPU_ARCH_H

#include <weir/types.h>
#include <weir/vcpu.h>

/* What arch_pvr()/arch_svr() return: e500mc rev 2.0, P4080 rev 2.0. */
#define FAKE_PVR	0x80230020u
#define FAKE_SVR	0x82000020u

#define FAKE_ARCH_MAPS	64	/* arch_shadow_map() calls recorded */
#define FAKE_ARCH_SPRGS	64	/* arch_sprg_user_write() calls recorded */
#define FAKE_TLB0_ENTRIES 512	/* e500mc TLB0: 4 ways x 128 sets */

struct fake_shadow_map {
	u32 ea;
	phys_addr_t phys;
	u32 sid, wimge, perms;
};

/* One entry of the modelled real TLB0 (4 KiB, TS=1). */
struct fake_tlb_entry {
	bool valid;
	u32 ea, sid, wimge, perms;
	phys_addr_t phys;
};

struct fake_arch_record {
	/* arch_shadow_map(): all calls counted, the first FAKE_ARCH_MAPS kept */
	unsigned int maps;
	struct fake_shadow_map map[FAKE_ARCH_MAPS];
	unsigned int flushes;			/* arch_shadow_flush() */
	/* arch_shadow_unmap(): all calls counted, the first kept */
	unsigned int unmaps;
	u32 unmap[FAKE_ARCH_MAPS];
	unsigned int timer_changes;		/* arch_timer_changed() */
	struct vcpu *timer_vcpu;		/* its last argument */
	u64 tb;					/* arch_tb_read() returns this */
	unsigned int tb_reads;
	/* arch_sprg_user_write(): all calls counted, the first kept */
	unsigned int sprg_writes;
	struct {
		unsigned int n;
		u32 val;
	} sprg[FAKE_ARCH_SPRGS];
	u32 sprg_user[8];			/* last value written per n */
	unsigned int idle_waits;		/* arch_idle_wait() */
	unsigned int user_state_resets;	/* arch_guest_user_state_reset() */
	void (*idle_hook)(void);		/* run by arch_idle_wait() if set */
	/* run by vcpu_kick() if set: the kicked core's reaction */
	void (*kick_hook)(struct vcpu *v);
	/* the real TLB0 the shadow calls built (oldest replaced when full) */
	struct fake_tlb_entry tlb0[FAKE_TLB0_ENTRIES];
	unsigned int tlb0_next;
	/*
	 * arch_shadow_map() of a page that already had an entry for the same
	 * TID: two entries would match one access (a multi-hit, undefined
	 * on the real core).
	 */
	unsigned int multi_hits;
};

extern struct fake_arch_record fake_arch;

/* Forget every record; timebase 0, no idle hook, an empty TLB0. */
void fake_arch_clear(void);

/*
 * The modelled TLB0 entry an access at @ea with real PID @pid hits, or
 * NULL (a real TLB miss).
 */
const struct fake_tlb_entry *fake_tlb_lookup(u32 ea, u32 pid);

#endif
