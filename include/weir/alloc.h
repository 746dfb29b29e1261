/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Hypervisor memory. On the target this is a simple bump allocator over
 * weir's own reserved RAM (mapped 1:1, so virtual == physical); in the
 * sandbox it is the host heap.
 */
#ifndef WEIR_ALLOC_H
#define WEIR_ALLOC_H

#include <weir/types.h>

/**
 * hv_zalloc() - allocate zeroed hypervisor memory
 * @size: bytes, > 0
 * @align: bytes, a power of two (tables needing natural alignment pass
 *         their size)
 *
 * Return: the memory, or NULL when @size is 0, @align is not a power of
 * two, or the hypervisor heap is exhausted.
 */
void *hv_zalloc(size_t size, size_t align);

/**
 * hv_free() - return memory from hv_zalloc(). On the target the bump
 * allocator only reclaims the most recent allocation; tables that live
 * for the whole run are never freed.
 */
void hv_free(void *p);

/* Real address of hypervisor memory (identity on the target). */
phys_addr_t hv_virt_to_phys(const void *p);

/**
 * struct hv_alloc - one hv_zalloc() call as its size functions give it
 * @size: bytes
 * @align: bytes, a power of two
 *
 * The code that allocates at boot (an IOMMU driver's allocs(),
 * dma_group_allocs()) describes its calls with these, in order, and
 * allocates from them; the plan replays the same list on a struct
 * heap_budget.
 */
struct hv_alloc {
	u64 size;
	u64 align;
};

/**
 * struct heap_budget - the target's bump allocator without memory: the
 * addresses [@cur, @end) still free, @start where the heap began (bytes,
 * weir's addresses, mapped 1:1). lib/heap.c allocates with
 * heap_budget_take() on one of these, so a plan replayed on a copy of
 * the heap lands exactly where boot's allocations will.
 */
struct heap_budget {
	u64 start;
	u64 cur;
	u64 end;
};

/* A heap of @size bytes at address @start, nothing taken. */
void heap_budget_init(struct heap_budget *b, u64 start, u64 size);

/**
 * heap_budget_take() - take @size bytes aligned to @align from @b, as
 * hv_zalloc() does on the target (padding included)
 * Return: the address taken, or 0 (@b unchanged) when @size is 0,
 * @align is not a power of two or the rest of @b is too small.
 */
u64 heap_budget_take(struct heap_budget *b, u64 size, u64 align);

/**
 * heap_budget_take_all() - heap_budget_take() each of the @n allocations
 * of @a in order
 * Return: 0, or -ENOMEM at the first that does not fit (@b then holds
 * the ones before it).
 */
int heap_budget_take_all(struct heap_budget *b, const struct hv_alloc *a,
			 unsigned int n);

/* Bytes taken from @b so far (padding included). */
static inline u64 heap_budget_used(const struct heap_budget *b)
{
	return b->cur - b->start;
}

#endif
