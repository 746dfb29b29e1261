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

struct plan;

/**
 * config_msi_banks() - find each partition's MSI bank among its devices
 * and check it is one weir can give it (hv/config_msi.c): sets
 * part_plan.has_msi/msi_phys/msi_dev. Shared by boot and weir-plan
 * through config_parse(), so both refuse the same banks.
 * Return: 0 or a negative errno with @err naming the config child and its
 * "device" property (see config_parse()).
 */
int config_msi_banks(const void *cfg, const void *hwfdt,
		     const struct hw_info *hw, struct plan *plan,
		     struct dt_error *err);

#endif
