/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * IS_ENABLED(CONFIG_FOO): 1 when the Kconfig symbol is y, else 0, usable in
 * ordinary C conditions so both branches are always compiled. Same
 * contract as Linux/U-Boot's include/linux/kconfig.h (our own code).
 */
#ifndef WEIR_KCONFIG_H
#define WEIR_KCONFIG_H

#include <generated/autoconf.h>

#define __WEIR_ARG_PLACEHOLDER_1 0,
#define __weir_take_second(ignored, val, ...) val
#define __weir_is_defined(x) ___weir_is_defined(x)
#define ___weir_is_defined(val) \
	____weir_is_defined(__WEIR_ARG_PLACEHOLDER_##val)
#define ____weir_is_defined(arg1_or_junk) \
	__weir_take_second(arg1_or_junk 1, 0, 0)
#define IS_ENABLED(option) __weir_is_defined(option)

#endif
