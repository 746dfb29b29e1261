// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running one vCPU per core: entering the guest, exits, idling while the
 * guest waits (EV_IDLE / wait), parking a stopped vCPU, and the events
 * weir handles itself (decrementer for the guest, its own tick, doorbell
 * kicks from other cores).
 */
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <asm/vcpu_run.h>
#include <weir/arch.h>
#include <weir/booke.h>
#include <weir/vcpu.h>

/* msgsnd message type "doorbell" (e500mc Core RM §3.4, msgsnd rB) */
#define DBELL_TYPE (0u << 27)

void vcpu_kick(struct vcpu *v)
{
	struct percpu *p = &percpu_data[v->cpu];

	if (p == this_cpu())
		return; /* checked on the way back to the guest */
	msync();
	__asm__ __volatile__("msgsnd %0"
			     :
			     : "r"(DBELL_TYPE | p->pir)
			     : "memory");
}

void cpu_async_event(struct percpu *p, unsigned int vector)
{
	switch (vector) {
	case IVOR_DEC:
		if (cpu_timer_event(p))
			hv_tick(p->cpu, p->vcpu);
		break;
	case IVOR_FIT:
		mtspr(SPRN_TSR, TSR_FIS); /* never enabled; be safe */
		break;
	default:
		break; /* doorbell: the wake-up is the point */
	}
}

extern void exc_return(void);

void vcpu_run(struct vcpu *v)
{
	struct percpu *p = this_cpu();

	p->vcpu = v;
	cpu_tick_init();
	arch_shadow_flush();
	arch_guest_user_state_reset(v);
	load_pid(hv_vcpu_enter(v));
	p->frame = &v->regs;
	__asm__ __volatile__("b exc_return" ::: "memory");
	__builtin_unreachable();
}

int arch_cpu_start(unsigned int cpu, struct vcpu *v)
{
	if (cpu == this_cpu()->cpu)
		vcpu_run(v);
	percpu_data[cpu].vcpu = v;
	return smp_release(hv_fdt(), cpu);
}

void arch_cpu_idle(void)
{
	this_cpu()->vcpu = NULL;
	cpu_tick_init();
	for (;;)
		arch_idle_wait();
}

void arch_cpu_stop(void)
{
	for (;;)
		__asm__ __volatile__("wait");
}

void arch_selftest_fatal(void)
{
	__asm__ __volatile__(".long 0"); /* primary opcode 0 */
}

/* GUTS RSTCR (CCSR + 0xe00b0), HRESET_REQ: MPC8544/P4080 RMs, QEMU mpc8544_guts. */
void arch_system_reset(void)
{
	volatile u32 *rstcr = (volatile u32 *)(CONFIG_CCSR_VIRT + 0xe00b0);

	*rstcr = 0x2;
	for (;;)
		__asm__ __volatile__("wait");
}
