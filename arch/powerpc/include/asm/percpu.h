/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-core hypervisor state, reached through SPRG0 on exception entry. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

/* Offsets used by start.S */
#define PERCPU_FRAME 0
#define PERCPU_STACK 4
#define PERCPU_VCPU 20

#ifndef __ASSEMBLY__
#include <weir/types.h>
#include <asm/ptrace.h>

struct vcpu;

struct percpu {
	struct trap_frame *frame; /* where the next exception saves */
	u32 stack_top;		  /* C stack for exception handling */
	unsigned int cpu;	  /* logical core number */
	u32 pir;		  /* PIR: doorbell (msgsnd) tag */
	bool in_fatal;		  /* a fatal exception is being reported */
	volatile bool online;	  /* secondary reached C */
	struct vcpu *vcpu;	  /* the vCPU pinned here, or NULL */
	u64 next_tick;		  /* timebase of weir's next tick */
	s64 tb_skew;		  /* secondary: ticks behind cpu 0 found */
	s64 tb_left;		  /* ... and after the hand-over */
	u32 tb_rtt;		  /* ... its best handshake round trip */
	struct trap_frame idle_frame __aligned(16);
};

_Static_assert(__builtin_offsetof(struct percpu, frame) == PERCPU_FRAME, "");
_Static_assert(__builtin_offsetof(struct percpu, stack_top) == PERCPU_STACK,
	       "");
_Static_assert(__builtin_offsetof(struct percpu, vcpu) == PERCPU_VCPU, "");

extern struct percpu percpu_data[CONFIG_NR_CPUS];

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__ __volatile__("mfspr %0,272" : "=r"(p));
	return p;
}

/* Point SPRG0 at core @cpu's percpu block; exceptions use @stack_top. */
void percpu_init(unsigned int cpu, u32 stack_top);
#endif

#endif
