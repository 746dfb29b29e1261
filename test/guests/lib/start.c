// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Runtime start-up after crt0.S: read what the guest needs from its
 * device tree (hcall instructions, console, identity, RAM, timebase),
 * place the heap, install the decrementer handler.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

struct guest_info guest;
u32 guest_entry_tb[3];

void guest_runtime_init(void *fdt, u32 r6, u32 r7, u32 msr, u32 moved);
void timer_init(void);

void guest_halt(void)
{
	static const u32 none[8];

	irq_disable();
	dec_disarm();
	for (;;) {
		fh_partition_stop((u32)-1);
		/* EV_IDLE with MSR[EE] = 0: nothing is taken any more */
		hcall_raw(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_IDLE), none,
			  NULL);
	}
}

void guest_stop(void)
{
	fflush(stdout);
	guest_halt();
}

static u64 read_cells(const fdt32_t *p, int cells)
{
	u64 v = 0;

	while (cells-- > 0)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

static void read_identity(const void *fdt)
{
	const fdt32_t *p;
	const char *s;
	int node, len;

	guest.name = "?";
	node = fdt_path_offset(fdt, "/hypervisor");
	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "guest-id", &len);
	if (p && len == 4)
		guest.id = fdt32_to_cpu(*p);
	s = fdt_getprop(fdt, node, "guest-name", &len);
	if (s && len > 0 && s[len - 1] == '\0')
		guest.name = s;
}

/* End of the first /memory range (guest RAM starts at 0). */
static void read_memory(const void *fdt)
{
	const fdt32_t *p;
	int node, len, ac, sc;

	node = fdt_path_offset(fdt, "/memory");
	if (node < 0)
		node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
						     "memory", sizeof("memory"));
	if (node < 0)
		return;
	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	p = fdt_getprop(fdt, node, "reg", &len);
	if (!p || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc))
		return;
	guest.ram_size = read_cells(p, ac) + read_cells(p + ac, sc);
}

static void read_timebase(const void *fdt)
{
	const fdt32_t *p;
	int node, len;

	node = fdt_path_offset(fdt, "/cpus/cpu@0");
	if (node < 0)
		node = fdt_node_offset_by_prop_value(fdt, -1, "device_type",
						     "cpu", sizeof("cpu"));
	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "timebase-frequency", &len);
	if (p && (len == 4 || len == 8))
		guest.tb_freq = (u32)read_cells(p, len / 4);
}

/*
 * Heap: from _end to the end of RAM that the initial mapped area covers,
 * kept clear of the device tree (ePAPR lets the hypervisor put it
 * anywhere in the mapped area).
 */
static void place_heap(const void *fdt)
{
	u32 start = ((u32)_end + 15) & ~15u;
	u64 end = guest.entry_r7 ? guest.entry_r7 : 16u << 20;
	u32 dt = (u32)fdt, dt_end = dt + fdt_totalsize(fdt);

	if (guest.ram_size && guest.ram_size < end)
		end = guest.ram_size;
	if (dt_end > start && dt < end) {
		if (dt >= start && dt - start >= (4u << 20))
			end = dt;
		else
			start = (dt_end + 15) & ~15u;
	}
	guest.heap_start = start;
	guest.heap_end = end > start ? (u32)end : start;
}

void guest_runtime_init(void *fdt, u32 r6, u32 r7, u32 msr, u32 moved)
{
	guest.fdt = fdt;
	guest.entry_r6 = r6;
	guest.entry_r7 = r7;
	guest.entry_msr = msr;
	guest.fdt_moved = moved;

	/* No tree, no console: nothing can be said, stop. */
	if (!fdt || fdt_check_header(fdt))
		guest_stop();
	hcall_patch(fdt);
	if (console_init(fdt))
		guest_stop();
	read_identity(fdt);
	read_memory(fdt);
	read_timebase(fdt);
	place_heap(fdt);
	timer_init();
	if (moved)
		printf("guest: device tree overlapped BSS, moved to 0x%08x\n",
		       (unsigned)(u32)fdt);
}
