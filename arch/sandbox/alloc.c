// SPDX-License-Identifier: GPL-2.0-or-later
/* Sandbox hypervisor memory: the host heap (see include/weir/alloc.h). */
#include <stdlib.h>
#include <string.h>
#include <weir/alloc.h>

void *hv_zalloc(size_t size, size_t align)
{
	void *p;

	if (!size || !IS_POWER_OF_2(align))
		return NULL;
	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, size))
		return NULL;
	memset(p, 0, size);
	return p;
}

void hv_free(void *p)
{
	free(p);
}

phys_addr_t hv_virt_to_phys(const void *p)
{
	return (phys_addr_t)(uintptr_t)p;
}
