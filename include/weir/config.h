/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The partition config tree (binding: doc/bindings/weir-config.md) turned
 * into a plan: which cores, RAM, image and devices each partition gets.
 * Validation names the config node and property of every problem and
 * produces no plan on error.
 */
#ifndef WEIR_CONFIG_H
#define WEIR_CONFIG_H

#include <weir/guest_dt.h>
#include <weir/hwtree.h>

#define CONFIG_MAX_PARTITIONS 8
#define CONFIG_MAX_DEVICES 16
#define CONFIG_BOOTARGS_MAX 255		/* characters, without the NUL */

struct part_plan {
	char name[32];			/* "label", else the node name */
	int cfg_node;			/* offset in the config tree */
	u32 cpu_mask;			/* bit n = core n (hardware tree order) */
	phys_addr_t ram_phys;		/* real base of guest-physical 0 */
	u64 ram_size;			/* bytes */
	phys_addr_t image_src;		/* where the loader put the image */
	u64 image_gpa;			/* where it goes in the guest */
	u64 image_len;			/* bytes */
	int hw_dev[CONFIG_MAX_DEVICES];	/* device nodes in the hardware tree */
	unsigned int ndev;
	bool manager;			/* may stop/restart other partitions */
	char bootargs[CONFIG_BOOTARGS_MAX + 1];	/* "" when not given */
	/* board compatible for the guest root ("-hv" is appended by the
	 * guest tree builder); "" when not given: the caller's default */
	char guest_compatible[GUEST_DT_BOARD_MAX + 1];
	bool has_entry;			/* "guest-entry" given */
	u64 entry_gpa;			/* guest entry point (raw images) */
};

struct plan {
	struct part_plan part[CONFIG_MAX_PARTITIONS];
	unsigned int nparts;
};

/* Memory weir keeps for itself (its image, heap and tables). */
struct hv_reserved {
	phys_addr_t start;
	u64 size;
};

/**
 * config_parse() - validate a config tree against the hardware
 * @cfg: config tree (root compatible "weir,config-1")
 * @hwfdt: hardware tree (devices are resolved in it)
 * @hw: parsed hardware facts (cores, RAM)
 * @hv: weir's own memory, never given to a partition
 * @plan: result, only meaningful when 0 is returned
 * @err: on error, the config node and property at fault
 *
 * Return: 0; -EINVAL for a bad tree or property; -EBUSY when a core,
 * RAM range or device is given to two partitions; -ERANGE when RAM lies
 * outside physical memory or overlaps weir; -ENOENT when a device or the
 * guest image is missing; -E2BIG when limits are exceeded (partitions,
 * devices, "bootargs" or "guest-compatible" length); -ERANGE also when
 * "guest-entry" lies outside guest-memory.
 */
int config_parse(const void *cfg, const void *hwfdt, const struct hw_info *hw,
		 const struct hv_reserved *hv, struct plan *plan,
		 struct dt_error *err);

#endif
