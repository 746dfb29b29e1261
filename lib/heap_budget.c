// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bump allocator's arithmetic (include/weir/alloc.h): the target's
 * heap (lib/heap.c) allocates with it, and the plan (hv/iommu/plan.c,
 * at boot and in tools/weir-plan) replays boot's allocations with it, so
 * both count the same bytes, alignment padding included.
 */
#include <errno.h>
#include <weir/alloc.h>

void heap_budget_init(struct heap_budget *b, u64 start, u64 size)
{
	b->start = start;
	b->cur = start;
	b->end = start + size;
}

u64 heap_budget_take(struct heap_budget *b, u64 size, u64 align)
{
	u64 p;

	if (!size || !IS_POWER_OF_2(align))
		return 0;
	p = ALIGN_UP(b->cur, align);
	if (p < b->cur || p > b->end || size > b->end - p)
		return 0;
	b->cur = p + size;
	return p;
}

int heap_budget_take_all(struct heap_budget *b, const struct hv_alloc *a,
			 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!heap_budget_take(b, a[i].size, a[i].align))
			return -ENOMEM;
	return 0;
}
