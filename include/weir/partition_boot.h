/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Creating the partitions of a plan at boot (hv/partition/partition.c). */
#ifndef WEIR_PARTITION_BOOT_H
#define WEIR_PARTITION_BOOT_H

#include <weir/config.h>

/**
 * partitions_create() - set up every partition of @plan: RAM cleared,
 * console byte channel and virtual PIC, image loaded, guest tree built,
 * boot vCPU reset to the ePAPR entry state
 * @cfg: the config tree, for error messages
 * @lowmem_limit: RAM weir maps 1:1 (partition RAM must be below)
 * @err: the config node and property at fault
 * Return: 0, or a negative errno with @err filled; partitions created
 * before the failing one are not started by anyone.
 */
int partitions_create(const struct plan *plan, const void *cfg,
		      const void *hwfdt, const struct hw_info *hw,
		      u64 lowmem_limit, struct dt_error *err);

unsigned int partition_count(void);

#endif
