/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Exceptions weir takes itself (arch/powerpc/cpu/traps.c). */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/ptrace.h>

const char *exception_name(unsigned int vector);
void dump_frame(const struct trap_frame *f);
/* Report "weir: fatal: <exception> at <pc>" with a register dump; stop. */
void __noreturn fatal_exception(struct trap_frame *f);
void handle_exception(struct trap_frame *f);

#endif
