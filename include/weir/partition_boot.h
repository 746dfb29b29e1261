/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Creating the partitions of a plan at boot (hv/partition/partition.c). */
#ifndef WEIR_PARTITION_BOOT_H
#define WEIR_PARTITION_BOOT_H

#include <weir/config.h>

/**
 * partitions_create() - set up every partition of @plan: its boot vCPU
 * pinned to the first core of its mask, and every unit's init
 * (include/weir/unit.h: virtual PIC, console byte channel, error queue)
 * @cfg: the config tree, for error messages
 * @hwfdt: the hardware tree and @hw its facts, for partitions_load()
 * @lowmem_limit: RAM weir maps 1:1 (partition RAM must be below)
 * @err: the config node and property at fault
 * Return: 0, or a negative errno with @err filled: -ERANGE (RAM above
 * @lowmem_limit), a unit's init error; partitions created before the
 * failing one are not started by anyone.
 */
int partitions_create(const struct plan *plan, const void *cfg,
		      const void *hwfdt, const struct hw_info *hw,
		      u64 lowmem_limit, struct dt_error *err);

/**
 * partitions_load() - load every created partition (after iommu_boot()):
 * each unit's reset, RAM cleared, image loaded, guest tree built, each
 * unit's start, boot vCPU reset to the ePAPR entry state; the partition
 * is then PART_RUNNING, its vCPU not started (arch_cpu_start())
 * Return: 0, or the first partition's negative errno with @err filled
 * (a unit's reset, the image or the guest tree); the later ones are not
 * loaded.
 */
int partitions_load(struct dt_error *err);

unsigned int partition_count(void);

#endif
