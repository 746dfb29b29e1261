/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running vCPUs on this core (arch/powerpc/cpu/vcpu_run.c). */
#ifndef ASM_VCPU_RUN_H
#define ASM_VCPU_RUN_H

#include <asm/percpu.h>
#include <asm/processor.h>

struct vcpu;

extern char idle_wait_insn[];
void cpu_wait_irq(void);

/* The guest's next instructions run with shadow id @sid (real PID). */
static inline void load_pid(u32 sid)
{
	mtspr(SPRN_PID, sid);
	isync();
}

/*
 * Ring core @cpu's processor doorbell (msgsnd, e500mc Core RM §3.4):
 * it leaves a wait (arch_idle_wait()) as soon as its MSR[EE] allows.
 * Stores before the call are visible to it first (msync).
 */
void cpu_doorbell(unsigned int cpu);

/* Decrementer, fixed-interval tick, doorbell or external input. */
void cpu_async_event(struct percpu *p, unsigned int vector);

/* Start @v on this core. Never returns. */
void __noreturn vcpu_run(struct vcpu *v);

/* Start weir's tick on this core (real DEC; console input, requests). */
void cpu_tick_init(void);

/* Real decrementer interrupt. Return: true when weir's tick is due. */
bool cpu_timer_event(struct percpu *p);

#endif
