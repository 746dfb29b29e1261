/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The register frame saved by every exception entry (arch/powerpc/cpu/
 * start.S). Offsets are shared with the assembly.
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#define FRAME_GPR(n) ((n)*4)
#define FRAME_PC 128
#define FRAME_MSR 132
#define FRAME_LR 136
#define FRAME_CTR 140
#define FRAME_CR 144
#define FRAME_XER 148
#define FRAME_DEAR 152
#define FRAME_ESR 156
#define FRAME_VECTOR 160
#define FRAME_SIZE 176

#ifndef __ASSEMBLY__
#include <weir/types.h>

struct trap_frame {
	u32 gpr[32];
	u32 pc;	 /* SRR0 / CSRR0 / MCSRR0 */
	u32 msr; /* SRR1 / CSRR1 / MCSRR1 */
	u32 lr;
	u32 ctr;
	u32 cr;
	u32 xer;
	u32 dear;
	u32 esr;
	u32 vector; /* IVOR number */
	u32 pad[3];
};

_Static_assert(sizeof(struct trap_frame) == FRAME_SIZE, "frame layout");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == FRAME_VECTOR,
	       "frame layout");
#endif

#endif
