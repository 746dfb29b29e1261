// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The e500mc side of include/weir/arch.h's running guest: shadow translations are
 * 4 KiB TLB0 entries in address space 1 (weir's own mappings are IPROT
 * TLB1 entries in address space 0, so a guest can neither hit nor evict
 * them); the real decrementer serves weir's tick and the guest's timer.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/vcpu_run.h>
#include <weir/arch.h>
#include <weir/booke.h>
#include <weir/vcpu.h>

#define TSIZE_4K 2
#define TLB0_WAYS 4 /* e500mc TLB0: 512 entries, 4-way set associative */

void arch_shadow_map(u32 ea, phys_addr_t phys, u32 sid, u32 wimge, u32 perms)
{
	static unsigned int next_way[CONFIG_NR_CPUS];
	struct percpu *p = this_cpu();
	unsigned int way = next_way[p->cpu]++ % TLB0_WAYS;

	mtspr(SPRN_MAS0, MAS0_TLBSEL(0) | MAS0_ESEL(way));
	mtspr(SPRN_MAS1,
	      MAS1_VALID | MAS1_TID(sid) | MAS1_TS | MAS1_TSIZE(TSIZE_4K));
	mtspr(SPRN_MAS2, (ea & MAS2_EPN) | wimge);
	mtspr(SPRN_MAS3, ((u32)phys & MAS3_RPN) | perms);
	mtspr(SPRN_MAS7, (u32)(phys >> 32));
	__asm__ __volatile__("isync; tlbwe; isync" ::: "memory");
}

void arch_shadow_flush(void)
{
	/* weir never uses TLB0: flash-invalidating it drops only shadows. */
	mtspr(SPRN_MMUCSR0, MMUCSR0_TLB0FI);
	while (mfspr(SPRN_MMUCSR0) & MMUCSR0_TLB0FI)
		;
	isync();
}

/*
 * Drop this core's shadows of one page, core-locally: TLB0 is 4-way set
 * associative and tlbre/tlbwe address an entry by MAS2[EPN] (the set)
 * and MAS0[ESEL] (the way) (e500mc Core RM, "TLB0", tlbre/tlbwe), so
 * the set @ea falls in is read way by way and an entry of that page is
 * written back invalid, whatever its TID and TS (weir never uses TLB0).
 * A tlbivax would reach every core's TLB0 on a board, other partitions'
 * shadows too, and needs one broadcast at a time under a global lock;
 * this touches nothing outside this core. The vCPUs of a partition ask
 * each other for their drops (hv/vcpu/smp.c, vcpu_tlbivax()).
 */
void arch_shadow_unmap(u32 ea)
{
	u32 epn = ea & MAS2_EPN;
	unsigned int way;

	for (way = 0; way < TLB0_WAYS; way++) {
		mtspr(SPRN_MAS0, MAS0_TLBSEL(0) | MAS0_ESEL(way));
		mtspr(SPRN_MAS2, epn);
		__asm__ __volatile__("isync; tlbre; isync" ::: "memory");
		if (!(mfspr(SPRN_MAS1) & MAS1_VALID) ||
		    (mfspr(SPRN_MAS2) & MAS2_EPN) != epn)
			continue;
		mtspr(SPRN_MAS1, 0);
		__asm__ __volatile__("isync; tlbwe; isync" ::: "memory");
	}
}

/*
 * One real decrementer per core serves weir's tick (console input,
 * requests from other cores) and the guest's virtual decrementer: it is
 * programmed for whichever comes first. QEMU 7.2's fixed-interval timer
 * never fires (hw/ppc/ppc_booke.c arms it only while TSR[FIS] is already
 * set), so weir does not use the FIT.
 */
#define TICK_HZ 100

static u64 tick_period;

void cpu_tick_init(void)
{
	struct percpu *p = this_cpu();

	if (!tick_period)
		tick_period = timer_tb_freq() / TICK_HZ;
	mtspr(SPRN_TSR, TSR_FIS | TSR_DIS | TSR_WIS | TSR_ENW);
	mtspr(SPRN_TCR, TCR_DIE);
	p->next_tick = get_tb() + tick_period;
	arch_timer_changed(p->vcpu);
}

void arch_timer_changed(struct vcpu *v)
{
	struct percpu *p = this_cpu();
	u64 now = get_tb(), next = p->next_tick, delta;

	if (v && vtimer_next(v) < next)
		next = vtimer_next(v);
	delta = next > now ? next - now : 1;
	if (delta > 0x7fffffff)
		delta = 0x7fffffff;
	mtspr(SPRN_DEC, (u32)delta);
}

/* Real decrementer fired: weir's tick and/or the guest's deadline. */
bool cpu_timer_event(struct percpu *p)
{
	u64 now = get_tb();
	bool tick = now >= p->next_tick;

	mtspr(SPRN_TSR, TSR_DIS);
	if (tick)
		p->next_tick = now + tick_period;
	if (p->vcpu)
		vtimer_expire(p->vcpu, now);
	arch_timer_changed(p->vcpu);
	return tick;
}

u64 arch_tb_read(void)
{
	return get_tb();
}

u32 arch_pvr(void)
{
	return mfspr(SPRN_PVR);
}

u32 arch_svr(void)
{
	return mfspr(SPRN_SVR);
}

void arch_sprg_user_write(unsigned int n, u32 val)
{
	switch (n) {
	case 3:
		mtspr(SPRN_SPRG3, val);
		break;
	case 4:
		mtspr(SPRN_SPRG4, val);
		break;
	case 5:
		mtspr(SPRN_SPRG4 + 1, val);
		break;
	case 6:
		mtspr(SPRN_SPRG4 + 2, val);
		break;
	case 7:
		mtspr(SPRN_SPRG4 + 3, val);
		break;
	}
}

void arch_guest_user_state_reset(const struct vcpu *v)
{
	static const u64 zero;
	u32 msr = mfmsr();
	unsigned int n;

	for (n = 3; n < 8; n++)
		arch_sprg_user_write(n, v->sprg[n]);
	mtspr(SPRN_USPRG0, v->usprg0);
	/* weir is soft-float: the FPU is the guest's alone */
	mtmsr(msr | MSR_FP);
	isync();
	__asm__ __volatile__("lfd 0,0(%0)\n\tmtfsf 0xff,0\n\t"
			     "fmr 1,0\n\tfmr 2,0\n\tfmr 3,0\n\tfmr 4,0\n\t"
			     "fmr 5,0\n\tfmr 6,0\n\tfmr 7,0\n\tfmr 8,0\n\t"
			     "fmr 9,0\n\tfmr 10,0\n\tfmr 11,0\n\tfmr 12,0\n\t"
			     "fmr 13,0\n\tfmr 14,0\n\tfmr 15,0\n\tfmr 16,0\n\t"
			     "fmr 17,0\n\tfmr 18,0\n\tfmr 19,0\n\tfmr 20,0\n\t"
			     "fmr 21,0\n\tfmr 22,0\n\tfmr 23,0\n\tfmr 24,0\n\t"
			     "fmr 25,0\n\tfmr 26,0\n\tfmr 27,0\n\tfmr 28,0\n\t"
			     "fmr 29,0\n\tfmr 30,0\n\tfmr 31,0"
			     :
			     : "b"(&zero)
			     : "memory");
	mtmsr(msr);
	isync();
}

void arch_idle_wait(void)
{
	struct percpu *p = this_cpu();
	struct trap_frame *frame = p->frame;
	u32 stack = p->stack_top, sp;

	__asm__ __volatile__("mr %0,1" : "=r"(sp));
	/* An interrupt now saves into idle_frame and runs below our stack. */
	p->frame = &p->idle_frame;
	p->stack_top = (sp - 256) & ~15u;
	cpu_wait_irq();
	p->frame = frame;
	p->stack_top = stack;
}
