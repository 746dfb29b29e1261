/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef WEIR_HEAP_H
#define WEIR_HEAP_H

#include <weir/types.h>

/* Give the allocator [start, end) of weir's mapped, reserved RAM. */
void hv_heap_init(void *start, void *end);
size_t hv_heap_free_bytes(void);

struct heap_budget;

/* The heap as it is now (what is still free), for the plan at boot. */
void hv_heap_get(struct heap_budget *b);

#endif
