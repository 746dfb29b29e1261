// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Boot CPU bring-up on e500mc, from the ePAPR entry (start.S) to the
 * board-independent hv_main():
 *   1. copy the hardware FDT into weir's image (U-Boot's copy may lie in
 *      memory weir is about to use);
 *   2. find the console, RAM and CCSR in it;
 *   3. replace U-Boot's TLB entries with weir's own (RAM 1:1, CCSR, UART);
 *   4. bring up the console, report any problem with node and property,
 *      and stop cleanly if weir cannot run;
 *   5. timebase, heap, then hv_main().
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tlb.h>
#include <weir/arch.h>
#include <weir/fdt_util.h>
#include <weir/heap.h>
#include <weir/log.h>
#include <weir/ns16550.h>
#include <weir/timer.h>

#define UART_VIRT (CONFIG_CCSR_VIRT - 0x10000)
/* Highest virtual address used for the 1:1 RAM map. */
#define LOWMEM_LIMIT (CONFIG_CCSR_VIRT - 0x10000000)
#define MAX_MAPS 14

extern char __image_start[], _end[], boot_stack_top[];

static u8 fdt_buf[CONFIG_FDT_MAX_SIZE] __aligned(8);
/* weir's TLB1 map, installed the same way on every core */
static struct tlb_map boot_maps[MAX_MAPS];
static int boot_nmaps;
static struct hw_info hw;
static struct ns16550 uart;
static struct boot_state boot;

static void __noreturn boot_fatal(const struct dt_error *err)
{
	char line[300];

	printf("weir: fatal: %s\n", dt_error_str(err, line, sizeof(line)));
	printf("weir: stopped: fix the device tree and reboot\n");
	cpu_halt();
}

static int add_map(struct tlb_map *maps, int n, u32 virt, phys_addr_t phys,
		   u64 size, u32 wimge)
{
	if (n == MAX_MAPS)
		return n;
	maps[n] = (struct tlb_map){
		.virt = virt,
		.phys = phys,
		.size = size,
		.wimge = wimge,
		.perms = MAS3_SR | MAS3_SW | MAS3_SX,
	};
	return n + 1;
}

/* Largest TLB1 page that fits at @addr and within @left bytes. */
static u64 best_page(u64 addr, u64 left)
{
	u64 size = SZ_1G;

	while (size > SZ_4K && (!IS_ALIGNED(addr, size) || size > left))
		size >>= 2;
	return size;
}

/* Smallest TLB1 page (4^n KiB) holding @size bytes. */
static u64 tlb_page_covering(u64 size)
{
	u64 page = SZ_4K;

	while (page < size && page < SZ_1G)
		page <<= 2;
	return page;
}

/* Map RAM bank @b 1:1 below LOWMEM_LIMIT; cacheable, coherent. */
static int map_ram(struct tlb_map *maps, int n, const struct hw_mem_bank *b)
{
	u64 a = b->base, end = b->base + b->size, page;

	if (end > LOWMEM_LIMIT)
		end = LOWMEM_LIMIT;
	while (a < end && n < MAX_MAPS - 2) {
		page = best_page(a, end - a);
		n = add_map(maps, n, (u32)a, a, page, MAS2_M);
		a += page;
	}
	return n;
}

static bool inside_ram(u64 start, u64 size)
{
	unsigned int i;

	for (i = 0; i < hw.nram; i++)
		if (start >= hw.ram[i].base &&
		    start + size <= hw.ram[i].base + hw.ram[i].size)
			return true;
	return false;
}

/* Core name from PVR[0:15] (e500mc/e5500/e6500 Core Reference Manuals). */
static const char *pvr_core_name(u32 pvr)
{
	switch (pvr >> 16) {
	case 0x8021:
		return "e500v2";
	case 0x8023:
		return "e500mc";
	case 0x8024:
		return "e5500";
	case 0x8040:
		return "e6500";
	default:
		return NULL;
	}
}

static void setup_console(void)
{
	uart.base =
		(void *)(uintptr_t)(UART_VIRT + (u32)(hw.uart_phys & 0xfff));
	uart.reg_shift = hw.uart_shift;
	uart.clock_hz = hw.uart_clock;
	uart.baud = hw.uart_baud;
	ns16550_init(&uart);
	console_register(&ns16550_console_ops, &uart);
}

int setup_secondary_tlb(void)
{
	u32 image = (u32)(uintptr_t)__image_start;

	return tlb_takeover(boot_maps, boot_nmaps, image, CONFIG_HV_MEM_SIZE);
}

void weir_entry(void *fdt_in)
{
	struct dt_error hw_err, con_err;
	struct tlb_map maps[MAX_MAPS];
	u32 image = (u32)(uintptr_t)__image_start;
	int n = 0, con, ret;
	unsigned int i;

	percpu_init(0, (u32)(uintptr_t)boot_stack_top);
	boot.entry_tb = get_tb();
	/* Without a tree there is no console to report on: stop. */
	if (fdt_copy_compact(fdt_buf, sizeof(fdt_buf), fdt_in))
		cpu_halt();

	con = hw_find_console(fdt_buf, &hw, &con_err);
	ret = hw_parse(fdt_buf, &hw, &hw_err);
	if (pvr_core_name(mfspr(SPRN_PVR))) /* QEMU's cpu nodes say "8544" */
		snprintf(hw.cpu, sizeof(hw.cpu), "%s",
			 pvr_core_name(mfspr(SPRN_PVR)));
	if (!ret && !inside_ram(image, CONFIG_HV_MEM_SIZE)) {
		snprintf(hw_err.node, sizeof(hw_err.node), "/memory");
		snprintf(hw_err.prop, sizeof(hw_err.prop), "reg");
		snprintf(hw_err.msg, sizeof(hw_err.msg),
			 "weir's memory 0x%x+0x%x is not inside RAM", image,
			 CONFIG_HV_MEM_SIZE);
		ret = -EINVAL;
	}

	if (ret) {
		/* RAM unknown: map only weir's own reserved memory. */
		n = add_map(maps, n, image, image, CONFIG_HV_MEM_SIZE, MAS2_M);
	} else {
		for (i = 0; i < hw.nram; i++)
			n = map_ram(maps, n, &hw.ram[i]);
		n = add_map(maps, n, CONFIG_CCSR_VIRT, hw.ccsr_phys,
			    tlb_page_covering(hw.ccsr_size), MAS2_I | MAS2_G);
	}
	if (con != -ENOENT)
		n = add_map(maps, n, UART_VIRT, hw.uart_phys & ~0xfffULL, SZ_4K,
			    MAS2_I | MAS2_G);
	if (tlb_takeover(maps, n, image, CONFIG_HV_MEM_SIZE) < 0)
		cpu_halt();
	memcpy(boot_maps, maps, sizeof(maps));
	boot_nmaps = n;
	boot.tlb1_used = n;
	boot.lowmem_limit = LOWMEM_LIMIT;

	if (con == -ENOENT)
		cpu_halt(); /* nowhere to print: nothing more to do */
	setup_console();
	if (con == -ENODEV) {
		char path[96];

		printf("weir: console: %s (fallback)\n",
		       fdt_path_of(fdt_buf, hw.uart_node, path, sizeof(path)));
		boot_fatal(&con_err);
	}
	if (ret)
		boot_fatal(&hw_err);

	timer_init(hw.tb_freq);
	arch_zero_ram_init(hw.dcache_block);
	/* the heap Kconfig gives weir, which the plan checks against */
	hv_heap_init((void *)(uintptr_t)(image + CONFIG_HV_IMAGE_MAX),
		     (void *)(uintptr_t)(image + CONFIG_HV_MEM_SIZE));
	boot.fdt = fdt_buf;
	boot.hw = &hw;
	boot.hv_start = image;
	boot.hv_size = CONFIG_HV_MEM_SIZE;
	boot.image_size = (uintptr_t)_end - image;
	hv_main(&boot);
}

void *arch_ccsr_ptr(phys_addr_t phys, u64 len)
{
	if (!hw_in_ccsr(&hw, phys, len))
		return NULL;
	return (void *)(uintptr_t)(CONFIG_CCSR_VIRT + (phys - hw.ccsr_phys));
}

const void *hv_fdt(void)
{
	return fdt_buf;
}
