/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef ASM_SMP_H
#define ASM_SMP_H

struct percpu;

/**
 * smp_release() - start core @cpu from its ePAPR spin table; it runs
 * percpu_data[cpu].vcpu (set it first) or idles
 * Return: 0 once the core is up; -ENODEV when the hardware tree has no
 * spin table for it; -ETIMEDOUT when it did not answer within 1 s.
 */
int smp_release(const void *fdt, unsigned int cpu);

void secondary_main(struct percpu *p);

/* weir's copy of the hardware tree. */
const void *hv_fdt(void);

/* The boot core's C entry (start.S), with the tree U-Boot passed in r3. */
void weir_entry(void *fdt_in);

#endif
