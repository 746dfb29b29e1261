// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The board-independent boot: banner, where the partition config is,
 * then (until partitions exist) a clean stop with a clear message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <weir/board.h>
#include <weir/hv.h>
#include <weir/log.h>
#include <weir/timer.h>

static void __noreturn idle_forever(void)
{
	for (;;)
		__asm__ __volatile__("wait");
}

static void selftest(const struct hw_info *hw)
{
	char val[32];

	if (!IS_ENABLED(CONFIG_SELFTEST_FATAL) ||
	    bootargs_get(hw->bootargs, "weir.selftest", val, sizeof(val)) < 0)
		return;
	if (!strcmp(val, "fatal")) {
		pr_info("selftest: executing an illegal instruction\n");
		__asm__ __volatile__(".long 0");	/* primary opcode 0 */
	}
}

/* Find the partition config DTB: bootargs config-addr=, else Kconfig. */
static void report_config(const struct hw_info *hw)
{
	char val[24];
	unsigned long long addr = CONFIG_WEIR_CONFIG_ADDR;
	const void *cfg;
	int node, sub, nparts = 0;

	if (bootargs_get(hw->bootargs, "config-addr", val, sizeof(val)) > 0)
		addr = strtoull(val, NULL, 0);
	cfg = (const void *)(uintptr_t)addr;
	if (addr >= 0xc0000000ULL || fdt_check_header(cfg)) {
		pr_info("no partition config at 0x%llx (set config-addr= in bootargs)\n",
			addr);
		return;
	}
	node = fdt_path_offset(cfg, "/partitions");
	if (node >= 0)
		fdt_for_each_subnode(sub, cfg, node)
			nparts++;
	pr_info("partition config at 0x%llx (%u bytes, %d partitions)\n",
		addr, fdt_totalsize(cfg), nparts);
}

void hv_main(struct boot_state *boot)
{
	const struct hw_info *hw = boot->hw;
	u64 now = timer_ticks();

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
	report_config(hw);
	pr_info("no partitions to start; cpu 0 idle\n");
	idle_forever();
}
