/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sandbox models a PowerPC guest: the vCPU code keeps its registers
 * in the e500mc exception frame layout.
 */
#include "../../../powerpc/include/asm/ptrace.h"
