// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IOMMU backends built in, in the order iommu_driver_find() tries
 * them (include/weir/iommu.h). A const table rather than a linker list
 * (U-Boot's U_BOOT_DRIVER, include/dm/device.h; Jailhouse's DEFINE_UNIT,
 * hypervisor/include/jailhouse/unit.h): the sandbox links the core as a
 * static library, where a linker list would only hold the drivers some
 * other object happens to pull in.
 */
#include <stddef.h>
#include <string.h>
#include <libfdt.h>
#include <weir/iommu.h>
#include "sandbox/sandbox_iommu.h"

/* The PAMU's one symbol outside drivers/iommu/pamu (its header is the
 * driver's own; `make layers` allows only this name here). */
extern const struct iommu_driver pamu_iommu_driver;

/*
 * The PAMU is always built (CONFIG_PAMU, default y: the core has no other
 * IOMMU); the sandbox backend only in host builds. Host-only parts test
 * !IS_ENABLED(CONFIG_PPC): cppcheck (mk/static.mk, sandbox config)
 * cannot expand IS_ENABLED() of a symbol that is set.
 */
static const struct iommu_driver *const drivers[] = {
	&pamu_iommu_driver,
	IS_ENABLED(CONFIG_PPC) ? NULL : &sandbox_iommu_driver,
};

static const struct iommu_driver *fallback(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i] && drivers[i]->fallback)
			return drivers[i];
	return NULL;
}

const struct iommu_driver *iommu_driver_find(const void *hwfdt, int *node)
{
	unsigned int i;
	int off;

	if (node)
		*node = -1;
	for (i = 0; hwfdt && i < ARRAY_SIZE(drivers); i++) {
		if (!drivers[i] || !drivers[i]->compatible)
			continue;
		off = fdt_node_offset_by_compatible(hwfdt, -1,
						    drivers[i]->compatible);
		if (off >= 0) {
			if (node)
				*node = off;
			return drivers[i];
		}
	}
	return fallback();
}

const struct iommu_driver *iommu_driver_at(const void *hwfdt, int node)
{
	unsigned int i;

	for (i = 0; hwfdt && node >= 0 && i < ARRAY_SIZE(drivers); i++)
		if (drivers[i] && drivers[i]->compatible &&
		    !fdt_node_check_compatible(hwfdt, node,
					       drivers[i]->compatible))
			return drivers[i];
	return fallback();
}

const struct iommu_driver *iommu_driver_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i] && !strcmp(drivers[i]->name, name))
			return drivers[i];
	return NULL;
}
