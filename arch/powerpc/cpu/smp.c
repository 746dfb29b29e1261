// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Secondary cores from the ePAPR spin table (ePAPR 1.1 §5.5): each
 * secondary cpu node has enable-method "spin-table" and a 64-bit
 * cpu-release-addr pointing at { u64 entry_addr; u64 r3; u32 rsvd;
 * u32 pir; }. Writing r3 and then entry_addr with bit 0 clear releases
 * the core with a 64 MiB initial mapping around the entry point (QEMU
 * hw/ppc/ppce500_spin.c; U-Boot arch/powerpc/cpu/mpc85xx/release.S).
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tlb.h>
#include <asm/vcpu_run.h>
#include <weir/byteorder.h>
#include <weir/log.h>
#include <weir/timer.h>

#define SPIN_VIRT (CONFIG_CCSR_VIRT - 0x20000)
#define STACK_SIZE 0x4000

extern void secondary_entry(void);
static u8 stacks[CONFIG_NR_CPUS][STACK_SIZE] __aligned(16);

/* The cpu node of core @cpu (hardware-tree order of device_type "cpu"). */
static int cpu_node(const void *fdt, unsigned int cpu)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	unsigned int n = 0;
	const char *type;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (type && !strcmp(type, "cpu") && n++ == cpu)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

int smp_release(const void *fdt, unsigned int cpu)
{
	struct percpu *p = &percpu_data[cpu];
	const fdt64_t *rel;
	volatile u32 *spin;
	phys_addr_t addr;
	int node = cpu_node(fdt, cpu), slot, len;
	u64 t0;

	if (cpu == 0 || cpu >= CONFIG_NR_CPUS || node < 0)
		return -ENODEV;
	rel = fdt_getprop(fdt, node, "cpu-release-addr", &len);
	if (!rel || len != 8) {
		pr_err("cpu %u: no 'cpu-release-addr' in its cpu node\n", cpu);
		return -ENODEV;
	}
	addr = fdt64_to_cpu(*rel);
	slot = tlb1_map_io(SPIN_VIRT, addr);
	if (slot < 0)
		return slot;
	spin = (volatile u32 *)(uintptr_t)(SPIN_VIRT + (u32)(addr & 0xfff));

	p->cpu = cpu;
	p->stack_top = (u32)(uintptr_t)&stacks[cpu][STACK_SIZE];
	p->online = false;
	msync();
	spin[2] = 0;		     /* r3 (high) */
	spin[3] = (u32)(uintptr_t)p; /* r3: its percpu block */
	msync();
	spin[0] = 0;				   /* entry_addr (high) */
	spin[1] = (u32)(uintptr_t)secondary_entry; /* bit 0 clear: go */
	msync();
	tlb1_unmap(slot);

	t0 = timer_ticks();
	while (!p->online) {
		/*
		 * A decrementer deadline 100 us ahead: QEMU's -icount runs
		 * the cores round robin and switches only at a timer
		 * deadline, so without one the released core would not run
		 * before this loop timed out. Nothing is enabled: TCR[DIE]
		 * is clear until the tick starts.
		 */
		mtspr(SPRN_DEC, timer_tb_freq() / 10000);
		if (timer_ticks_to_us(timer_ticks() - t0) > 1000000) {
			pr_err("cpu %u did not come up from the spin table at 0x%llx\n",
			       cpu, (unsigned long long)addr);
			return -ETIMEDOUT;
		}
	}
	return 0;
}

void secondary_main(struct percpu *p)
{
	percpu_init(p->cpu, p->stack_top);
	if (setup_secondary_tlb() < 0)
		cpu_halt();
	/* The boot core assigned our vCPU before releasing us. */
	cpu_tick_init();
	msync();
	p->online = true;
	if (p->vcpu)
		vcpu_run(p->vcpu);
	for (;;)
		__asm__ __volatile__("wait");
}
