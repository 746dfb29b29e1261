// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partition config parsing and validation. Vocabulary follows the NXP
 * Embedded Hypervisor's config binding where it fits ("partition",
 * "label", "cpus" as <first count> pairs, "guest-image" as
 * <src gpa len>, device nodes with "device" = path or alias); see
 * doc/bindings/weir-config.md.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>

/* Read a property of exactly @n 64-bit (2-cell) numbers. */
static int get_u64s(const void *cfg, int node, const char *prop, u64 *v, int n)
{
	int len, i;
	const u32 *p = fdt_getprop(cfg, node, prop, &len);

	if (!p)
		return -ENOENT;
	if (len != n * 8)
		return -EINVAL;
	for (i = 0; i < n; i++)
		v[i] = fdt_read_cells(p + 2 * i, 2);
	return 0;
}

static int parse_cpus(const void *cfg, int node, const struct hw_info *hw,
		      struct part_plan *pp, struct dt_error *err)
{
	int len, i;
	const u32 *p = fdt_getprop(cfg, node, "cpus", &len);

	if (!p || len == 0 || len % 8)
		return dt_fail(err, cfg, node, "cpus", -EINVAL,
			       "need <first count> pairs");
	for (i = 0; i < len / 8; i++) {
		u32 first = fdt32_to_cpu(p[2 * i]),
		    count = fdt32_to_cpu(p[2 * i + 1]);

		if (!count || first >= hw->ncpus || count > hw->ncpus - first)
			return dt_fail(
				err, cfg, node, "cpus", -EINVAL,
				"cores %u..%u do not exist (machine has %u)",
				first, first + count - 1, hw->ncpus);
		pp->cpu_mask |= ((1u << count) - 1) << first;
	}
	return 0;
}

static bool inside_one_bank(const struct hw_info *hw, u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < hw->nram; i++)
		if (base >= hw->ram[i].base && size <= hw->ram[i].size &&
		    base - hw->ram[i].base <= hw->ram[i].size - size)
			return true;
	return false;
}

static int parse_memory(const void *cfg, int node, const struct hw_info *hw,
			const struct hv_reserved *hv, struct part_plan *pp,
			struct dt_error *err)
{
	u64 v[2];
	int ret = get_u64s(cfg, node, "guest-memory", v, 2);

	if (ret)
		return dt_fail(
			err, cfg, node, "guest-memory", -EINVAL,
			ret == -ENOENT ?
				"missing" :
				"need <phys-hi phys-lo size-hi size-lo>");
	if (!v[1] || !IS_ALIGNED(v[0], SZ_4K) || !IS_ALIGNED(v[1], SZ_4K))
		return dt_fail(
			err, cfg, node, "guest-memory", -EINVAL,
			"base and size must be 4 KiB multiples, size > 0");
	if (!inside_one_bank(hw, v[0], v[1]))
		return dt_fail(err, cfg, node, "guest-memory", -ERANGE,
			       "0x%llx+0x%llx is not inside physical memory",
			       (unsigned long long)v[0],
			       (unsigned long long)v[1]);
	if (ranges_overlap(v[0], v[1], hv->start, hv->size))
		return dt_fail(
			err, cfg, node, "guest-memory", -ERANGE,
			"0x%llx+0x%llx overlaps weir's memory 0x%llx+0x%llx",
			(unsigned long long)v[0], (unsigned long long)v[1],
			(unsigned long long)hv->start,
			(unsigned long long)hv->size);
	pp->ram_phys = v[0];
	pp->ram_size = v[1];
	return 0;
}

static int parse_image(const void *cfg, int node, const struct hw_info *hw,
		       const struct hv_reserved *hv, struct part_plan *pp,
		       struct dt_error *err)
{
	u64 v[3];
	int ret = get_u64s(cfg, node, "guest-image", v, 3);

	if (ret)
		return dt_fail(
			err, cfg, node, "guest-image",
			ret == -ENOENT ? -ENOENT : -EINVAL,
			ret == -ENOENT ?
				"missing" :
				"need <src-hi src-lo gpa-hi gpa-lo len-hi len-lo>");
	if (!v[2] || !inside_one_bank(hw, v[0], v[2]))
		return dt_fail(err, cfg, node, "guest-image", -ENOENT,
			       "image 0x%llx+0x%llx is not in physical memory",
			       (unsigned long long)v[0],
			       (unsigned long long)v[2]);
	/* Read again at every (re)start: it must be memory no guest owns
	 * and weir does not use. */
	if (ranges_overlap(v[0], v[2], hv->start, hv->size))
		return dt_fail(err, cfg, node, "guest-image", -ERANGE,
			       "image 0x%llx+0x%llx overlaps weir's memory",
			       (unsigned long long)v[0],
			       (unsigned long long)v[2]);
	if (ranges_overlap(v[0], v[2], pp->ram_phys, pp->ram_size))
		return dt_fail(
			err, cfg, node, "guest-image", -EBUSY,
			"image 0x%llx+0x%llx lies in the partition's own guest-memory, which is cleared at every start",
			(unsigned long long)v[0], (unsigned long long)v[2]);
	if (v[1] >= pp->ram_size || v[2] > pp->ram_size - v[1])
		return dt_fail(
			err, cfg, node, "guest-image", -ERANGE,
			"guest range 0x%llx+0x%llx is outside guest-memory",
			(unsigned long long)v[1], (unsigned long long)v[2]);
	pp->image_src = v[0];
	pp->image_gpa = v[1];
	pp->image_len = v[2];
	return 0;
}

/*
 * A single NUL-terminated string of at most @max characters into @out;
 * absent leaves @out empty. -EINVAL or -E2BIG (with @err) otherwise.
 */
static int get_string(const void *cfg, int node, const char *prop, size_t max,
		      char *out, struct dt_error *err)
{
	int len;
	const char *s = fdt_getprop(cfg, node, prop, &len);
	size_t n;

	out[0] = '\0';
	if (!s)
		return 0;
	if (len < 1)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "need one string");
	n = strnlen(s, (size_t)len);
	if (n + 1 != (size_t)len)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "need one string");
	if (n > max)
		return dt_fail(err, cfg, node, prop, -E2BIG,
			       "%zu characters, at most %zu", n, max);
	memcpy(out, s, n + 1);
	return 0;
}

/* manager, bootargs, guest-compatible, guest-entry: all optional. */
static int parse_guest(const void *cfg, int node, struct part_plan *pp,
		       struct dt_error *err)
{
	const char *gc = "guest-compatible";
	const void *p;
	size_t n;
	u64 v;
	int len, ret;

	p = fdt_getprop(cfg, node, "manager", &len);
	if (p && len)
		return dt_fail(err, cfg, node, "manager", -EINVAL,
			       "must be empty (a flag)");
	pp->manager = p != NULL;

	ret = get_string(cfg, node, "bootargs", CONFIG_BOOTARGS_MAX,
			 pp->bootargs, err);
	if (ret)
		return ret;

	/* Linux corenet_generic.c matches "<board>-hv" in a 24-byte buffer. */
	ret = get_string(cfg, node, gc, GUEST_DT_BOARD_MAX,
			 pp->guest_compatible, err);
	if (ret)
		return ret;
	n = strlen(pp->guest_compatible);
	if (fdt_getprop(cfg, node, gc, NULL) && !n)
		return dt_fail(err, cfg, node, gc, -EINVAL, "empty");
	if (n >= 3 && !strcmp(pp->guest_compatible + n - 3, "-hv"))
		return dt_fail(
			err, cfg, node, gc, -EINVAL,
			"give the board without \"-hv\"; weir appends it");

	ret = get_u64s(cfg, node, "guest-entry", &v, 1);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return dt_fail(err, cfg, node, "guest-entry", -EINVAL,
			       "need <gpa-hi gpa-lo>");
	if (v >= pp->ram_size)
		return dt_fail(err, cfg, node, "guest-entry", -ERANGE,
			       "0x%llx is outside guest-memory (0x%llx bytes)",
			       (unsigned long long)v,
			       (unsigned long long)pp->ram_size);
	if (!IS_ALIGNED(v, 4))
		return dt_fail(err, cfg, node, "guest-entry", -EINVAL,
			       "0x%llx is not 4-byte aligned",
			       (unsigned long long)v);
	pp->has_entry = true;
	pp->entry_gpa = v;
	return 0;
}

/* Every child with a "device" property assigns that hardware node. */
static int parse_devices(const void *cfg, int node, const void *hwfdt,
			 struct part_plan *pp, struct dt_error *err)
{
	int child;

	fdt_for_each_subnode(child, cfg, node)
	{
		int len, hwnode;
		const char *dev = fdt_getprop(cfg, child, "device", &len);

		if (!dev)
			continue;
		/* Checked before libfdt reads it as a C string: an
		 * unterminated value would run into the next property. */
		if (len < 2 || strnlen(dev, (size_t)len) + 1 != (size_t)len)
			return dt_fail(
				err, cfg, child, "device", -EINVAL,
				"need one non-empty NUL-terminated string (a path or alias)");
		hwnode = fdt_resolve_path(hwfdt, dev);
		if (hwnode < 0)
			return dt_fail(err, cfg, child, "device", -ENOENT,
				       "\"%s\" is not in the hardware tree",
				       dev);
		if (pp->ndev == CONFIG_MAX_DEVICES)
			return dt_fail(err, cfg, child, "device", -E2BIG,
				       "more than %d devices",
				       CONFIG_MAX_DEVICES);
		pp->dev_cfg[pp->ndev] = child;
		pp->hw_dev[pp->ndev++] = hwnode;
	}
	return 0;
}

static int parse_partition(const void *cfg, int node, const void *hwfdt,
			   const struct hw_info *hw,
			   const struct hv_reserved *hv, struct part_plan *pp,
			   struct dt_error *err)
{
	const char *label = fdt_getprop(cfg, node, "label", NULL);
	int ret;

	memset(pp, 0, sizeof(*pp));
	pp->cfg_node = node;
	snprintf(pp->name, sizeof(pp->name), "%s",
		 label ? label : fdt_get_name(cfg, node, NULL));
	ret = parse_cpus(cfg, node, hw, pp, err);
	if (!ret)
		ret = parse_memory(cfg, node, hw, hv, pp, err);
	if (!ret)
		ret = parse_image(cfg, node, hw, hv, pp, err);
	if (!ret)
		ret = parse_guest(cfg, node, pp, err);
	if (!ret)
		ret = parse_devices(cfg, node, hwfdt, pp, err);
	return ret;
}

/* Cores, RAM and devices must each belong to at most one partition. */
static int check_exclusive(const void *cfg, const void *hwfdt,
			   const struct plan *plan, unsigned int n,
			   struct dt_error *err)
{
	const struct part_plan *a = &plan->part[n], *b;
	unsigned int i, j, k;
	char path[96];

	for (i = 0; i < n; i++) {
		b = &plan->part[i];
		if (a->cpu_mask & b->cpu_mask)
			return dt_fail(
				err, cfg, a->cfg_node, "cpus", -EBUSY,
				"core(s) 0x%x already belong to partition '%s'",
				a->cpu_mask & b->cpu_mask, b->name);
		if (ranges_overlap(a->ram_phys, a->ram_size, b->ram_phys,
				   b->ram_size))
			return dt_fail(err, cfg, a->cfg_node, "guest-memory",
				       -EBUSY,
				       "overlaps the RAM of partition '%s'",
				       b->name);
		/* A guest that can write another's image controls its restart. */
		if (ranges_overlap(a->image_src, a->image_len, b->ram_phys,
				   b->ram_size))
			return dt_fail(
				err, cfg, a->cfg_node, "guest-image", -EBUSY,
				"image 0x%llx+0x%llx lies in the RAM of partition '%s'",
				(unsigned long long)a->image_src,
				(unsigned long long)a->image_len, b->name);
		if (ranges_overlap(b->image_src, b->image_len, a->ram_phys,
				   a->ram_size))
			return dt_fail(
				err, cfg, a->cfg_node, "guest-memory", -EBUSY,
				"holds the image of partition '%s' (0x%llx+0x%llx)",
				b->name, (unsigned long long)b->image_src,
				(unsigned long long)b->image_len);
		for (j = 0; j < a->ndev; j++)
			for (k = 0; k < b->ndev; k++)
				if (a->hw_dev[j] == b->hw_dev[k])
					return dt_fail(
						err, cfg, a->dev_cfg[j],
						"device", -EBUSY,
						"%s is already assigned to partition '%s', cannot also go to '%s'",
						fdt_path_of(hwfdt, a->hw_dev[j],
							    path, sizeof(path)),
						b->name, a->name);
	}
	for (j = 0; j < a->ndev; j++)
		for (k = 0; k < j; k++)
			if (a->hw_dev[j] == a->hw_dev[k])
				return dt_fail(
					err, cfg, a->dev_cfg[j], "device",
					-EBUSY,
					"%s is assigned twice in partition '%s'",
					fdt_path_of(hwfdt, a->hw_dev[j], path,
						    sizeof(path)),
					a->name);
	return 0;
}

int config_parse(const void *cfg, const void *hwfdt, const struct hw_info *hw,
		 const struct hv_reserved *hv, struct plan *plan,
		 struct dt_error *err)
{
	int parts, node, ret;

	memset(plan, 0, sizeof(*plan));
	ret = fdt_check_tree(cfg);
	if (ret) {
		/* Not a tree: name its root without walking it (fuzzing found
		 * fdt_get_path() reading wild offsets of a bad header, and
		 * libfdt looping on a property length that wraps). */
		snprintf(err->node, sizeof(err->node), "/");
		err->prop[0] = '\0';
		snprintf(err->msg, sizeof(err->msg),
			 "not a valid device tree (%s)", fdt_strerror(ret));
		return -EINVAL;
	}
	if (fdt_node_check_compatible(cfg, 0, "weir,config-1"))
		return dt_fail(err, cfg, 0, "compatible", -EINVAL,
			       "not \"weir,config-1\"");
	parts = fdt_path_offset(cfg, "/partitions");
	if (parts < 0)
		return dt_fail(err, cfg, 0, "partitions", -EINVAL,
			       "node missing");
	fdt_for_each_subnode(node, cfg, parts)
	{
		if (fdt_node_check_compatible(cfg, node, "weir,partition"))
			continue;
		if (plan->nparts == PARTITION_MAX)
			return dt_fail(err, cfg, node, "compatible", -E2BIG,
				       "more than %d partitions",
				       PARTITION_MAX);
		ret = parse_partition(cfg, node, hwfdt, hw, hv,
				      &plan->part[plan->nparts], err);
		if (!ret)
			ret = check_exclusive(cfg, hwfdt, plan, plan->nparts,
					      err);
		if (ret) {
			memset(plan, 0, sizeof(*plan));
			return ret;
		}
		plan->nparts++;
	}
	ret = config_msi_banks(cfg, hwfdt, hw, plan, err);
	if (!ret)
		ret = iommu_groups_build(cfg, hwfdt, plan, err);
	if (!ret)
		ret = config_mmio_windows(cfg, hwfdt, hw, hv, plan, err);
	if (!ret)
		ret = config_irqs(cfg, hwfdt, hw, plan, err);
	if (ret)
		memset(plan, 0, sizeof(*plan));
	return ret;
}
