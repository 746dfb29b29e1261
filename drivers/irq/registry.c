// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The interrupt controller drivers built in (include/weir/irqchip.h), in
 * the order irqchip_driver_find() tries them; a const table, as the IOMMU
 * registry (drivers/iommu/registry.c) and for the same reason.
 */
#include <stddef.h>
#include <libfdt.h>
#include <weir/irqchip.h>

/* The MPIC driver's one exported symbol (drivers/irq/mpic/mpic.c). */
extern const struct irqchip_driver mpic_irqchip_driver;

static const struct irqchip_driver *const drivers[] = {
	&mpic_irqchip_driver,
};

const struct irqchip_driver *irqchip_driver_find(const void *hwfdt, int *node)
{
	unsigned int i, k;
	int off;

	*node = -1;
	for (i = 0; hwfdt && i < sizeof(drivers) / sizeof(drivers[0]); i++)
		for (k = 0; drivers[i]->compatible[k]; k++) {
			off = fdt_node_offset_by_compatible(
				hwfdt, -1, drivers[i]->compatible[k]);
			if (off >= 0) {
				*node = off;
				return drivers[i];
			}
		}
	return NULL;
}

const struct irqchip_driver *irqchip_driver_at(const void *hwfdt, int node)
{
	unsigned int i, k;

	for (i = 0;
	     hwfdt && node >= 0 && i < sizeof(drivers) / sizeof(drivers[0]);
	     i++)
		for (k = 0; drivers[i]->compatible[k]; k++)
			if (!fdt_node_check_compatible(
				    hwfdt, node, drivers[i]->compatible[k]))
				return drivers[i];
	return NULL;
}
