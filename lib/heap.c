// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hypervisor heap for the target: a bump allocator over the heap Kconfig
 * gives weir (CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX bytes after the
 * image room, include/weir/alloc.h). Tables are allocated once at boot
 * and live forever; hv_free() only gives back the most recent
 * allocation. The arithmetic is heap_budget_take() (lib/heap_budget.c),
 * the one the plan replays.
 */
#include <weir/alloc.h>
#include <weir/arch.h>
#include <weir/heap.h>

static struct heap_budget heap;
static u64 heap_last;

void hv_heap_init(void *start, void *end)
{
	heap_budget_init(&heap, (uintptr_t)start,
			 (u64)((uintptr_t)end - (uintptr_t)start));
	heap_last = 0;
}

size_t hv_heap_free_bytes(void)
{
	return (size_t)(heap.end - heap.cur);
}

void hv_heap_get(struct heap_budget *b)
{
	*b = heap;
}

void *hv_zalloc(size_t size, size_t align)
{
	u64 cur = heap.cur, p;

	if (!heap.end)
		return NULL;
	p = heap_budget_take(&heap, size, align);
	if (!p)
		return NULL;
	heap_last = cur;
	/* dcbz: the 2 MiB TCE table of a DMA group was 0.7 M instructions
	 * of memset at boot (doc/performance.md, hand-off) */
	arch_zero_ram((void *)(uintptr_t)p, size);
	return (void *)(uintptr_t)p;
}

void hv_free(void *ptr)
{
	/* Only the latest allocation can be returned to a bump allocator. */
	if (ptr && heap_last && (uintptr_t)ptr >= heap_last &&
	    (uintptr_t)ptr < heap.cur) {
		heap.cur = heap_last;
		heap_last = 0;
	}
}

phys_addr_t hv_virt_to_phys(const void *p)
{
	return (phys_addr_t)(uintptr_t)p; /* weir's RAM is mapped 1:1 */
}
