// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-group DMA options of the partition config (a device child or a
 * weir,dma-engine node): the default window's size and IOMMU page size,
 * its initial state, the reserved MSI range. Binding:
 * doc/bindings/weir-config.md; the limits are those dma_group_create()
 * enforces (hv/dma/window.c), checked here so that a bad value is a
 * config error naming the property instead of a failure at boot.
 */
#include <errno.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>

#define IOVA_BITS 36 /* e500mc IOVA space (PAMU windows) */

static const char *const dma_opts[] = {
	"dma-window-size",
	"dma-page-shift",
	"dma-disabled",
	"msi-iova",
};

const char *config_dma_first_opt(const void *cfg, int node)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dma_opts); i++)
		if (fdt_getprop(cfg, node, dma_opts[i], NULL))
			return dma_opts[i];
	return NULL;
}

/* A <hi lo> number: 1 when present, 0 when absent, -EINVAL otherwise. */
static int get_u64(const void *cfg, int node, const char *prop, u64 *v)
{
	int len;
	const u32 *p = fdt_getprop(cfg, node, prop, &len);

	if (!p)
		return 0;
	if (len != 8)
		return -EINVAL;
	*v = fdt_read_cells(p, 2);
	return 1;
}

static int parse_page_shift(const void *cfg, int node,
			    struct dma_group_config *dma, struct dt_error *err)
{
	const char *prop = "dma-page-shift";
	int len;
	const u32 *p = fdt_getprop(cfg, node, prop, &len);
	u32 v;

	if (!p)
		return 0;
	if (len != 4)
		return dt_fail(err, cfg, node, prop, -EINVAL, "need one cell");
	v = fdt32_to_cpu(*p);
	/* IOMMU page sizes of the default window (window.c, LoPAR DDW). */
	if (v != 12 && v != 16 && v != 24)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "%u: need 12, 16 or 24 (4K, 64K, 16M pages)", v);
	dma->default_page_shift = v;
	return 0;
}

static int parse_window_size(const void *cfg, int node,
			     struct dma_group_config *dma, struct dt_error *err)
{
	const char *prop = "dma-window-size";
	u64 v;
	int ret = get_u64(cfg, node, prop, &v);

	if (ret < 0)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "need <size-hi size-lo>");
	if (!ret)
		v = dma->default_size;
	/*
	 * A power of two of at least 4 KiB (PAMU minimum window) and one
	 * IOMMU page; at most 1 GiB, the largest default window
	 * dma_group_create() builds (window.c check_default_geometry: a
	 * 32-bit default window, pamu-and-linux-guest.md §2.1).
	 */
	if (!IS_POWER_OF_2(v) || v < SZ_4K || v > SZ_1G)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "0x%llx: need a power of two, 4 KiB to 1 GiB",
			       (unsigned long long)v);
	if (v < (1ULL << dma->default_page_shift))
		return dt_fail(
			err, cfg, node, ret ? prop : "dma-page-shift", -EINVAL,
			"window 0x%llx is smaller than one %llu KiB page",
			(unsigned long long)v,
			(1ULL << dma->default_page_shift) >> 10);
	dma->default_size = v;
	return 0;
}

static int parse_msi(const void *cfg, int node, struct dma_group_config *dma,
		     struct dt_error *err)
{
	const char *prop = "msi-iova";
	u64 v;
	int ret = get_u64(cfg, node, prop, &v);

	if (ret < 0)
		return dt_fail(err, cfg, node, prop, -EINVAL,
			       "need <iova-hi iova-lo>");
	if (!ret)
		return 0;
	if (!IS_ALIGNED(v, SZ_4K) || v >= (1ULL << IOVA_BITS) ||
	    dma->msi_len > (1ULL << IOVA_BITS) - v)
		return dt_fail(
			err, cfg, node, prop, -EINVAL,
			"0x%llx: need 4 KiB alignment and 0x%llx bytes inside the %d-bit IOVA space",
			(unsigned long long)v, (unsigned long long)dma->msi_len,
			IOVA_BITS);
	dma->msi_iova = v;
	return 0;
}

/*
 * The MSI range must lie inside the default window: every window of a
 * group reserves it and maps the doorbell there (doc/tce.md), and the
 * guest tree publishes it as the doorbell's IOVA. Outside the window a
 * device's MSI write would fault, silently for the guest. Named: the
 * property that was given, msi-iova before dma-window-size.
 */
static int check_msi_in_window(const void *cfg, int node,
			       const struct dma_group_config *dma,
			       struct dt_error *err)
{
	const char *prop = fdt_getprop(cfg, node, "msi-iova", NULL) ?
				   "msi-iova" :
				   "dma-window-size";

	if (!dma->msi_len ||
	    (dma->msi_iova < dma->default_size &&
	     dma->msi_len <= dma->default_size - dma->msi_iova))
		return 0;
	return dt_fail(
		err, cfg, node, prop, -ERANGE,
		"MSI range 0x%llx+0x%llx is outside the 0x%llx-byte DMA window (give msi-iova inside it)",
		(unsigned long long)dma->msi_iova,
		(unsigned long long)dma->msi_len,
		(unsigned long long)dma->default_size);
}

int config_dma_opts(const void *cfg, int node, struct dma_group_config *dma,
		    bool *enabled, struct dt_error *err)
{
	int len, ret;
	const void *p = fdt_getprop(cfg, node, "dma-disabled", &len);

	if (p && len)
		return dt_fail(err, cfg, node, "dma-disabled", -EINVAL,
			       "must be empty (a flag)");
	*enabled = !p;
	ret = parse_page_shift(cfg, node, dma, err);
	if (!ret)
		ret = parse_window_size(cfg, node, dma, err);
	if (!ret)
		ret = parse_msi(cfg, node, dma, err);
	if (!ret)
		ret = check_msi_in_window(cfg, node, dma, err);
	return ret;
}
