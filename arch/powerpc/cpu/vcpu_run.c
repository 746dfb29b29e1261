// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Running one vCPU per core: entering the guest, exits, idling while the
 * guest waits (EV_IDLE / wait), parking a stopped vCPU, and the events
 * weir handles itself (decrementer for the guest, its own tick, doorbell
 * kicks from other cores).
 */
#include <stdio.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/vcpu_run.h>
#include <weir/booke.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/iommu_boot.h>
#include <weir/hv.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/vcpu_arch.h>
#include <weir/vcpu_emul.h>
#include <weir/trap.h>
#include <weir/vcpu_kick.h>

/* msgsnd message type "doorbell" (e500mc Core RM §3.4, msgsnd rB) */
#define DBELL_TYPE	(0u << 27)

void vcpu_kick(struct vcpu *v)
{
	struct percpu *p = &percpu_data[v->cpu];

	if (p == this_cpu())
		return;		/* checked on the way back to the guest */
	msync();
	__asm__ __volatile__("msgsnd %0" : : "r"(DBELL_TYPE | p->pir) : "memory");
}

static void console_poll(void)
{
	int c;

	while ((c = console_getc()) >= 0)
		console_mux_input(c);
}

void cpu_async_event(struct percpu *p, unsigned int vector)
{
	switch (vector) {
	case IVOR_DEC:
		if (!cpu_timer_event(p))
			break;
		/* this core's partition: its prompts and queued output */
		if (p->vcpu)
			console_mux_tick(p->vcpu->part->console);
		if (p->cpu == 0) {
			console_poll();
			iommu_poll();
		}
		break;
	case IVOR_FIT:
		mtspr(SPRN_TSR, TSR_FIS);	/* never enabled; be safe */
		break;
	default:
		break;		/* doorbell: the wake-up is the point */
	}
}

/* Real PID for the guest's current (AS, PR, PID). */
static void load_pid(struct vcpu *v)
{
	mtspr(SPRN_PID, vcpu_shadow_id(v));
	isync();
}

/* Wait while the vCPU idles or is stopped; apply partition requests. */
static void wait_runnable(struct vcpu *v)
{
	for (;;) {
		partition_vcpu_sync(v);
		if (v->stopped) {
			arch_idle_wait();
			continue;
		}
		if (!v->idle)
			return;
		if (vcpu_has_pending(v)) {
			v->idle = false;
			return;
		}
		arch_idle_wait();
	}
}

/* Back to the guest: deliver what is pending, set real MSR and PID. */
static void resume(struct vcpu *v)
{
	wait_runnable(v);
	vcpu_deliver_pending(v);
	v->regs.msr = vcpu_shadow_msr(v);
	load_pid(v);
}

void vcpu_guest_exception(struct percpu *p, struct trap_frame *f)
{
	struct vcpu *v = p->vcpu;

	if (!v || f != &v->regs)
		fatal_exception(f);
	cpu_async_event(p, f->vector);
	vcpu_exit(v, f->vector, f->dear, f->esr);
	resume(v);
}

extern void exc_return(void);

void vcpu_run(struct vcpu *v)
{
	struct percpu *p = this_cpu();

	p->vcpu = v;
	cpu_tick_init();
	arch_shadow_flush();
	arch_guest_user_state_reset(v);
	resume(v);
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

/* GUTS RSTCR (CCSR + 0xe00b0), HRESET_REQ: MPC8544/P4080 RMs, QEMU mpc8544_guts. */
void system_reset(void)
{
	volatile u32 *rstcr = (volatile u32 *)(CONFIG_CCSR_VIRT + 0xe00b0);

	pr_info("system reset requested\n");
	console_mux_flush();
	*rstcr = 0x2;
	for (;;)
		__asm__ __volatile__("wait");
}
