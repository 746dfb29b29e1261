// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sandbox SVR (include/weir/arch.h arch_svr()): 0, no SoC, so no SoC
 * erratum applies. Its own object, so a host program that defines
 * arch_svr() itself (test/unit/helpers/fake_vcpu_arch.c, the fuzz world)
 * links without this one.
 */
#include <weir/arch.h>

u32 arch_svr(void)
{
	return 0;
}
