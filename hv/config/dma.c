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
#include <string.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>

#define IOVA_BITS 36 /* e500mc IOVA space (PAMU windows) */
/*
 * Most subwindows a PAMU window has: 2^(PC3[MWCE] + 1), MWCE a 3-bit
 * field (Linux fsl_pamu.h PAMU_PC3_MWCE). An identity window's slots are
 * checked here at this count; a PAMU with fewer (bigger slots) is checked
 * again by dma_group_create() (hv/dma/window.c) at plan and boot.
 */
#define IDENTITY_SUBWINDOWS 256

static const char *const dma_opts[] = {
	"dma-window-size", "dma-page-shift",  "dma-disabled",
	"msi-iova",	   "dma-window-type",
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

/*
 * "dma-window-type": "tce" (the default) or "identity". 1 for identity,
 * 0 for tce, else -EINVAL with @err.
 */
static int parse_window_type(const void *cfg, int node, struct dt_error *err)
{
	const char *prop = "dma-window-type";
	int len;
	const char *v = fdt_getprop(cfg, node, prop, &len);

	if (!v)
		return 0;
	if (len == sizeof("tce") && !memcmp(v, "tce", sizeof("tce")))
		return 0;
	if (len == sizeof("identity") &&
	    !memcmp(v, "identity", sizeof("identity")))
		return 1;
	return dt_fail(err, cfg, node, prop, -EINVAL,
		       "need \"tce\" or \"identity\"");
}

/* Smallest power of two >= @v (0 < v <= 2^63). */
static u64 roundup_pow2(u64 v)
{
	return v <= 1 ? 1 : 1ULL << (64 - __builtin_clzll(v - 1));
}

/*
 * An identity window over @ram_size bytes of RAM at real @ram_phys:
 * window = the smallest power of two holding the RAM and the MSI range;
 * the MSI range above the RAM, in a slot of its own; the RAM whole
 * slots (IDENTITY_SUBWINDOWS). A TCE window's options are refused.
 */
static int identity_window(const void *cfg, int node,
			   struct dma_group_config *dma, phys_addr_t ram_phys,
			   u64 ram_size, struct dt_error *err)
{
	const char *type = "dma-window-type";
	const char *msi =
		fdt_getprop(cfg, node, "msi-iova", NULL) ? "msi-iova" : type;
	u64 end = ram_size, slot;

	if (fdt_getprop(cfg, node, "dma-window-size", NULL) ||
	    fdt_getprop(cfg, node, "dma-page-shift", NULL))
		return dt_fail(
			err, cfg, node,
			fdt_getprop(cfg, node, "dma-window-size", NULL) ?
				"dma-window-size" :
				"dma-page-shift",
			-EINVAL,
			"only for a TCE window: an identity window follows the partition's RAM");
	if (dma->msi_len && dma->msi_iova < ram_size)
		return dt_fail(
			err, cfg, node, msi, -ERANGE,
			"MSI range 0x%llx+0x%llx overlaps the 0x%llx bytes of RAM the identity window maps (give msi-iova at or above 0x%llx)",
			(unsigned long long)dma->msi_iova,
			(unsigned long long)dma->msi_len,
			(unsigned long long)ram_size,
			(unsigned long long)ram_size);
	/* parse_msi() kept the range inside the IOVA space, so the window */
	if (dma->msi_len)
		end = dma->msi_iova + dma->msi_len;
	dma->default_size = roundup_pow2(end < SZ_4K ? SZ_4K : end);
	slot = dma->default_size / IDENTITY_SUBWINDOWS;
	if (slot < SZ_4K)
		slot = SZ_4K;
	if (!IS_ALIGNED(ram_phys, slot) || !IS_ALIGNED(ram_size, slot))
		return dt_fail(
			err, cfg, node, type, -EINVAL,
			"guest-memory 0x%llx+0x%llx is not whole 0x%llx-byte subwindows of the 0x%llx-byte window",
			(unsigned long long)ram_phys,
			(unsigned long long)ram_size, (unsigned long long)slot,
			(unsigned long long)dma->default_size);
	/* the doorbell is mapped at the start of its subwindow (tce.c) */
	if (dma->msi_len && !IS_ALIGNED(dma->msi_iova, slot))
		return dt_fail(
			err, cfg, node, msi, -EINVAL,
			"MSI range 0x%llx does not start a 0x%llx-byte subwindow of the identity window (give msi-iova 0x%llx)",
			(unsigned long long)dma->msi_iova,
			(unsigned long long)slot,
			(unsigned long long)ALIGN_UP(dma->msi_iova, slot));
	dma->identity = true;
	dma->identity_phys = ram_phys;
	dma->identity_size = ram_size;
	return 0;
}

int config_dma_opts(const void *cfg, int node, struct dma_group_config *dma,
		    bool *enabled, phys_addr_t ram_phys, u64 ram_size,
		    struct dt_error *err)
{
	int len, ret;
	const void *p = fdt_getprop(cfg, node, "dma-disabled", &len);

	if (p && len)
		return dt_fail(err, cfg, node, "dma-disabled", -EINVAL,
			       "must be empty (a flag)");
	*enabled = !p;
	ret = parse_window_type(cfg, node, err);
	if (ret > 0) {
		ret = parse_msi(cfg, node, dma, err);
		return ret ? ret :
			     identity_window(cfg, node, dma, ram_phys, ram_size,
					     err);
	}
	if (!ret)
		ret = parse_page_shift(cfg, node, dma, err);
	if (!ret)
		ret = parse_window_size(cfg, node, dma, err);
	if (!ret)
		ret = parse_msi(cfg, node, dma, err);
	if (!ret)
		ret = check_msi_in_window(cfg, node, dma, err);
	return ret;
}
