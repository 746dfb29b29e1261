/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Offsets into struct vcpu and struct partition (include/weir/vcpu.h,
 * include/weir/partition.h) on the 32-bit PowerPC build, for the arch's
 * assembly that reads them before any C runs (arch/powerpc/cpu/start.S
 * exc_entry_program: the emulation of mfmsr, wrtee and wrteei). Part of
 * the arch boundary; only defines, so that assembly may include it. The
 * core checks them against its structures (_Static_assert in
 * hv/vcpu/exit.c): a layout change fails the build, not the guest.
 */
#ifndef WEIR_VCPU_ASM_H
#define WEIR_VCPU_ASM_H

#define VCPU_PART 176	      /* struct partition *part */
#define VCPU_MSR 188	      /* the guest's virtual MSR */
#define VCPU_PID 432	      /* the guest's PID */
#define VCPU_TCR 436	      /* virtual TCR */
#define VCPU_TSR 440	      /* virtual TSR */
#define VCPU_PENDING 580      /* VIRQ_* (atomic) */
#define VCPU_IDLE 584	      /* bool idle */
#define VCPU_STOPPED 585      /* bool stopped */
#define VCPU_REFILL_N 12388   /* tlb.refill_n */
#define VCPU_EMUL_VALID 12420 /* tlb.emul.valid (bool) */
#define VCPU_EMUL_PAGE 12424  /* tlb.emul.page */
#define VCPU_EMUL_AS 12428    /* tlb.emul.as */
#define VCPU_EMUL_PID 12432   /* tlb.emul.pid */
#define VCPU_EMUL_HOST 12436  /* tlb.emul.host */
#define PARTITION_REQ 72      /* u32 req, enum partition_req */

#endif
