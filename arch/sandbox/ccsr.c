// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sandbox SoC registers: the host has no CCSR, so nothing maps
 * (include/weir/arch.h arch_ccsr_ptr()); the IOMMU driver then finds no
 * units to program. Host tests that program registers map fake blocks
 * themselves (test/unit/test_pamu_a004510.c).
 */
#include <weir/arch.h>

void *arch_ccsr_ptr(phys_addr_t phys, u64 len)
{
	return NULL;
}
