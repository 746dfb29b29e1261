/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Book E register numbers and bits live with the core: weir/booke.h. */
#ifndef ASM_REG_H
#define ASM_REG_H
#include <weir/booke.h>
#endif
