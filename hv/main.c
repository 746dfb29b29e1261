// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The board-independent boot: banner, the partition config validated
 * into a plan, the partitions created and started (or a clean stop with
 * a clear message); weir's periodic tick; the machine reset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <weir/arch.h>
#include <weir/board.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/hwirq.h>
#include <weir/iommu_boot.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/partition_boot.h>
#include <weir/vcpu.h>

/*
 * Start every vCPU on its core, cpu 0's last: a partition's vCPU 0 at its
 * entry, the others waiting in the guest's spin table.
 */
static void __noreturn start_partitions(void)
{
	struct vcpu *mine = NULL, *v;
	struct partition *p;
	unsigned int i, n;

	for (i = 1; i <= partition_count(); i++) {
		p = partition_by_id(i);
		for (n = 0; n < p->nvcpus; n++) {
			v = p->vcpu[n];
			if (n == 0)
				pr_info("partition %u '%s': starting on cpu %u at 0x%08x\n",
					i, p->name, v->cpu, v->regs.pc);
			else
				pr_info("partition %u '%s': vcpu %u on cpu %u waits in the spin table\n",
					i, p->name, n, v->cpu);
			if (v->cpu == 0)
				mine = v;
			else if (arch_cpu_start(v->cpu, v))
				pr_err("partition '%s' vcpu %u not started\n",
				       p->name, n);
		}
	}
	if (mine)
		arch_cpu_start(0, mine);
	arch_cpu_idle();
}

static void selftest(const struct hw_info *hw)
{
	char val[32];

	if (!IS_ENABLED(CONFIG_SELFTEST_FATAL) ||
	    bootargs_get(hw->bootargs, "weir.selftest", val, sizeof(val)) < 0)
		return;
	if (!strcmp(val, "fatal")) {
		pr_info("selftest: executing an illegal instruction\n");
		arch_selftest_fatal();
	}
}

/* Find the partition config DTB: bootargs config-addr=, else Kconfig. */
static const void *find_config(const struct boot_state *boot,
			       unsigned long long *addr)
{
	char val[24];
	const void *cfg;

	*addr = CONFIG_WEIR_CONFIG_ADDR;
	if (bootargs_get(boot->hw->bootargs, "config-addr", val, sizeof(val)) >
	    0)
		*addr = strtoull(val, NULL, 0);
	cfg = (const void *)(uintptr_t)*addr;
	if (*addr >= boot->lowmem_limit || fdt_check_header(cfg)) {
		pr_info("no partition config at 0x%llx (set config-addr= in bootargs)\n",
			*addr);
		return NULL;
	}
	/* config_parse() walks all of it: it must lie in mapped memory. */
	if (fdt_totalsize(cfg) > boot->lowmem_limit - *addr) {
		pr_err("partition config at 0x%llx: its size 0x%x runs past the memory weir maps (0x%llx)\n",
		       *addr, fdt_totalsize(cfg),
		       (unsigned long long)boot->lowmem_limit);
		return NULL;
	}
	return cfg;
}

static void print_plan(const void *fdt, const struct plan *plan)
{
	const struct part_plan *pp;
	unsigned int i, d;
	char path[96];

	for (i = 0; i < plan->nparts; i++) {
		pp = &plan->part[i];
		pr_info("partition %u '%s': cores 0x%x, RAM 0x%llx+%llu MiB, image 0x%llx+0x%llx\n",
			i + 1, pp->name, pp->cpu_mask,
			(unsigned long long)pp->ram_phys,
			(unsigned long long)(pp->ram_size >> 20),
			(unsigned long long)pp->image_src,
			(unsigned long long)pp->image_len);
		for (d = 0; d < pp->ndev; d++)
			pr_info("  device %s\n",
				fdt_path_of(fdt, pp->hw_dev[d], path,
					    sizeof(path)));
		for (d = 0; d < pp->nmmio; d++)
			pr_info("  mmio 0x%llx+0x%llx (%s of %s): guest-physical = real, cache-inhibited\n",
				(unsigned long long)pp->mmio[d].base,
				(unsigned long long)pp->mmio[d].size,
				pp->mmio[d].pci ? "ranges" : "reg",
				fdt_path_of(fdt, pp->mmio[d].hw_node, path,
					    sizeof(path)));
	}
}

static void __noreturn config_fatal(const struct dt_error *err)
{
	char line[300];

	printf("weir: fatal: config %s\n",
	       dt_error_str(err, line, sizeof(line)));
	printf("weir: stopped: fix the partition config and reboot\n");
	arch_cpu_stop();
}

void hv_main(struct boot_state *boot)
{
	const struct hw_info *hw = boot->hw;
	u64 now = timer_ticks();
	static struct plan plan;
	struct hv_reserved hv;
	struct dt_error err;
	unsigned long long addr;
	const void *cfg;

	printf("\nweir %s on %s (%s x%u, %llu MiB)\n", WEIR_VERSION, hw->model,
	       hw->cpu, hw->ncpus, (unsigned long long)(hw->ram_total >> 20));
	pr_info("board %s, CCSR 0x%llx, timebase %u Hz\n", board_desc.name,
		(unsigned long long)hw->ccsr_phys, hw->tb_freq);
	pr_info("memory: weir 0x%llx+0x%llx (image %llu KiB), %d TLB1 entries\n",
		(unsigned long long)boot->hv_start,
		(unsigned long long)boot->hv_size,
		(unsigned long long)(boot->image_size >> 10), boot->tlb1_used);
	pr_info("boot took %llu us from reset, %llu us in weir\n",
		(unsigned long long)timer_ticks_to_us(now),
		(unsigned long long)timer_ticks_to_us(now - boot->entry_tb));
	selftest(hw);
	cfg = find_config(boot, &addr);
	if (cfg) {
		hv.start = boot->hv_start;
		hv.size = boot->hv_size;
		if (config_parse(cfg, boot->fdt, hw, &hv, &plan, &err))
			config_fatal(&err);
		pr_info("partition config at 0x%llx (%u bytes, %u partitions)\n",
			addr, fdt_totalsize(cfg), plan.nparts);
		print_plan(boot->fdt, &plan);
		/* the IOMMU between: the partitions exist, their RAM is
		 * not loaded yet (nothing may DMA into it) */
		if (partitions_create(&plan, cfg, boot->fdt, hw,
				      boot->lowmem_limit, &err) ||
		    hwirq_boot(boot->fdt, &plan, &err) ||
		    iommu_boot(cfg, &plan, boot->fdt, hw, &err) ||
		    partitions_load(&err))
			config_fatal(&err);
		if (plan.nparts)
			start_partitions();
	}
	pr_info("no partitions to start; cpu 0 idle\n");
	arch_cpu_stop();
}

void hv_tick(unsigned int cpu, struct vcpu *v)
{
	int c;

	/* this core's partition: its prompts and queued output (once per
	 * partition: on its vCPU 0's core) */
	if (v && v->id == 0)
		console_mux_tick(v->part->console);
	if (cpu != 0)
		return;
	while ((c = console_getc()) >= 0)
		console_mux_input(c);
	iommu_poll();
}
