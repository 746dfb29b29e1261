/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-core hypervisor state, reached through SPRG0 on exception entry. */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

#include <weir/types.h>
#include <asm/ptrace.h>

struct percpu {
	struct trap_frame *frame;	/* must stay first: used by start.S */
	unsigned int cpu;		/* logical core number */
	bool in_fatal;			/* a fatal exception is being reported */
};

extern struct percpu percpu_data[CONFIG_NR_CPUS];

static inline struct percpu *this_cpu(void)
{
	struct percpu *p;

	__asm__ __volatile__("mfspr %0,272" : "=r"(p));
	return p;
}

/* Point SPRG0 at core @cpu's percpu block and its exception frame. */
void percpu_init(unsigned int cpu);

#endif
