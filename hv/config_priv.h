/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the config parser files (hv/config*.c, hv/iommu_*.c). */
#ifndef HV_CONFIG_PRIV_H
#define HV_CONFIG_PRIV_H

#include <weir/hwtree.h>

/**
 * dt_fail() - fill @err with @node's path in @fdt, @prop and the printf
 * message, and return @ret (a negative errno), for "return dt_fail(...)".
 */
int dt_fail(struct dt_error *err, const void *fdt, int node, const char *prop,
	    int ret, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
