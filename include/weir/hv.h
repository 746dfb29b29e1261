/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hand-over from the arch bring-up to the board-independent core. */
#ifndef WEIR_HV_H
#define WEIR_HV_H

#include <weir/hwtree.h>

struct boot_state {
	void *fdt;			/* weir's copy of the hardware tree */
	const struct hw_info *hw;
	phys_addr_t hv_start;		/* weir's reserved RAM */
	u64 hv_size;
	u64 image_size;			/* image + BSS, bytes */
	u64 entry_tb;			/* timebase at weir's first instruction */
	int tlb1_used;
	u64 lowmem_limit;		/* RAM below this is mapped 1:1 */
};

struct vcpu;

/**
 * arch_cpu_start() - run @v on core @cpu: a secondary core is released
 * from its spin table, the calling core (cpu 0) enters the guest and
 * does not return
 * Return: 0 once a secondary is up, or a negative errno (the core did
 * not come up; its partition does not run).
 */
int arch_cpu_start(unsigned int cpu, struct vcpu *v);

/* This core has nothing to run: idle, serving weir's tick. */
void __attribute__((noreturn)) arch_cpu_idle(void);

/**
 * arch_ccsr_ptr() - weir's mapping of the SoC registers at real address
 * [@phys, @phys + @len)
 * Return: the pointer, or NULL when the range is not inside CCSR (or
 * CCSR is not mapped).
 */
void *arch_ccsr_ptr(phys_addr_t phys, u64 len);

/**
 * arch_zero_ram() - zero @len bytes at @p (weir's mapping of guest RAM,
 * cacheable), as fast as the core allows (dcbz on PowerPC)
 */
void arch_zero_ram(void *p, u64 len);
/* The data cache block size arch_zero_ram() uses (0: memset only). */
void arch_zero_ram_init(u32 dcache_block);

/* The board-independent boot: banner, config, partitions. Never returns. */
void __attribute__((noreturn)) hv_main(struct boot_state *boot);

#endif
