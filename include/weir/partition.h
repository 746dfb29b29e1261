/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A partition: cores, guest RAM, devices and console carved out of the
 * machine by the config tree. Guest RAM is guest-physical 0-based and
 * backed by one contiguous real range.
 */
#ifndef WEIR_PARTITION_H
#define WEIR_PARTITION_H

#include <weir/types.h>

#define PARTITION_NAME_MAX 32

struct partition {
	unsigned int id;                 /* 1-based guest-id */
	char name[PARTITION_NAME_MAX];
	phys_addr_t ram_phys;            /* real base of guest RAM */
	u64 ram_size;                    /* bytes, guest-physical [0, size) */
	void *ram_host;                  /* weir's mapping of that RAM */
};

/**
 * partition_gpa_to_phys() - translate a guest-physical range
 * @p: partition
 * @gpa: guest-physical address (bytes)
 * @len: length in bytes, > 0
 * @phys: real address of @gpa on success
 *
 * Return: 0, or -EFAULT when [gpa, gpa + len) is not entirely inside the
 * partition's RAM (including arithmetic wrap-around).
 */
int partition_gpa_to_phys(const struct partition *p, gpa_t gpa, u64 len,
			  phys_addr_t *phys);

/**
 * partition_gpa_ptr() - weir's pointer to a guest-physical range
 *
 * Same checks as partition_gpa_to_phys(); returns NULL when the range is
 * not entirely inside the partition's RAM.
 */
void *partition_gpa_ptr(const struct partition *p, gpa_t gpa, u64 len);

#endif
