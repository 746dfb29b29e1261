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

#endif
