// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hypervisor heap for the target: a bump allocator over the part of
 * weir's reserved RAM after the image (include/weir/alloc.h). Tables are
 * allocated once at boot and live forever; hv_free() only gives back the
 * most recent allocation.
 */
#include <string.h>
#include <weir/alloc.h>
#include <weir/heap.h>

static uintptr_t heap_cur, heap_end, heap_last;

void hv_heap_init(void *start, void *end)
{
	heap_cur = (uintptr_t)start;
	heap_end = (uintptr_t)end;
	heap_last = 0;
}

size_t hv_heap_free_bytes(void)
{
	return heap_end - heap_cur;
}

void *hv_zalloc(size_t size, size_t align)
{
	uintptr_t p;

	if (!size || !IS_POWER_OF_2(align) || !heap_end)
		return NULL;
	p = ALIGN_UP(heap_cur, (uintptr_t)align);
	if (p < heap_cur || p > heap_end || size > heap_end - p)
		return NULL;
	heap_last = heap_cur;
	heap_cur = p + size;
	memset((void *)p, 0, size);
	return (void *)p;
}

void hv_free(void *ptr)
{
	/* Only the latest allocation can be returned to a bump allocator. */
	if (ptr && heap_last && (uintptr_t)ptr >= heap_last &&
	    (uintptr_t)ptr < heap_cur) {
		heap_cur = heap_last;
		heap_last = 0;
	}
}

phys_addr_t hv_virt_to_phys(const void *p)
{
	return (phys_addr_t)(uintptr_t)p;	/* weir's RAM is mapped 1:1 */
}
