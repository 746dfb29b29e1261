// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The e500mc side of include/weir/vcpu_arch.h: shadow translations are
 * 4 KiB TLB0 entries in address space 1 (weir's own mappings are IPROT
 * TLB1 entries in address space 0, so a guest can neither hit nor evict
 * them), timers are this core's real DEC/TCR/TSR.
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/vcpu_run.h>
#include <weir/booke.h>
#include <weir/vcpu_arch.h>

#define TSIZE_4K	2

void arch_shadow_map(u32 ea, phys_addr_t phys, u32 sid, u32 wimge, u32 perms)
{
	static unsigned int next_way[CONFIG_NR_CPUS];
	struct percpu *p = this_cpu();
	unsigned int way = next_way[p->cpu]++ & 3;	/* e500mc TLB0: 4 ways */

	mtspr(SPRN_MAS0, MAS0_TLBSEL(0) | MAS0_ESEL(way));
	mtspr(SPRN_MAS1, MAS1_VALID | MAS1_TID(sid) | MAS1_TS |
			 MAS1_TSIZE(TSIZE_4K));
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

u32 arch_dec_read(void)
{
	return mfspr(SPRN_DEC);
}

void arch_dec_write(u32 val)
{
	mtspr(SPRN_DEC, val);
}

void arch_decar_write(u32 val)
{
	mtspr(SPRN_DECAR, val);
}

/*
 * weir's tick: the fixed-interval timer on TB bit 21 (every 2^22 ticks,
 * ~10 ms at 400 MHz). TCR[FP] holds the low two bits and TCR[FPEXT]
 * (e500, bits 13-16) the high four of 63 - bit (e500mc Core RM §2.8.1;
 * QEMU hw/ppc/ppc_booke.c booke_get_fit_target).
 */
#define FIT_SEL		(63 - 21)
#define TCR_WEIR	(TCR_FIE | ((FIT_SEL & 3) << 24) | ((FIT_SEL >> 2) << 13))

void arch_tcr_update(u32 guest_tcr)
{
	mtspr(SPRN_TCR, (guest_tcr & (TCR_DIE | TCR_ARE)) | TCR_WEIR);
}

void cpu_tick_init(void)
{
	mtspr(SPRN_TSR, TSR_FIS | TSR_DIS | TSR_WIS | TSR_ENW);
	arch_tcr_update(0);
}

void arch_tsr_clear(u32 bits)
{
	mtspr(SPRN_TSR, bits);
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
	case 3: mtspr(SPRN_SPRG3, val); break;
	case 4: mtspr(SPRN_SPRG4, val); break;
	case 5: mtspr(SPRN_SPRG4 + 1, val); break;
	case 6: mtspr(SPRN_SPRG4 + 2, val); break;
	case 7: mtspr(SPRN_SPRG4 + 3, val); break;
	}
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
