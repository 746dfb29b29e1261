/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Offsets into struct vcpu and struct partition (include/weir/vcpu.h,
 * include/weir/partition.h) and into the hcall table (struct hcall_vec,
 * weir/arch.h; struct hcall_desc, hv/hcall/hcall_priv.h) on the 32-bit
 * PowerPC build, for the arch's assembly that reads them before any C
 * runs (arch/powerpc/cpu/start.S exc_entry_program: the emulation of
 * mfmsr, wrtee and wrteei; exc_entry_syscall: the `sc 1` hcall). Part of
 * the arch boundary; only defines, so that assembly may include it. The
 * core checks them against its structures (_Static_assert in
 * hv/vcpu/exit.c and hv/hcall/dispatch.c): a layout change fails the
 * build, not the guest.
 */
#ifndef WEIR_VCPU_ASM_H
#define WEIR_VCPU_ASM_H

#define VCPU_PART 176	     /* struct partition *part */
#define VCPU_MSR 188	     /* the guest's virtual MSR */
#define VCPU_PID 432	     /* the guest's PID */
#define VCPU_TCR 436	     /* virtual TCR */
#define VCPU_TSR 440	     /* virtual TSR */
#define VCPU_PENDING 580     /* VIRQ_* (atomic) */
#define VCPU_IDLE 584	     /* bool idle */
#define VCPU_STOPPED 585     /* bool stopped */
#define VCPU_REFILL_N 12388  /* tlb.refill_n */
#define VCPU_EMUL_TAG 12408  /* tlb.emul.tag */
#define VCPU_EMUL_HOST 12412 /* tlb.emul.host */
#define PARTITION_REQ 72     /* u32 req, enum partition_req */
#define VCPU_SC_TAG 12400    /* tlb.sc.tag: page | 2 | MSR[IS] */
#define VCPU_SC_HOST 12404   /* tlb.sc.host */

/* struct hcall_vec (weir/arch.h): one per vendor 0..HCALL_VEC_VENDORS-1 */
#define HCALL_VEC_VENDORS 4
#define HCALL_VEC_SHIFT 5 /* its size, 32 bytes, as a shift */
#define HCALL_VEC_TAB 0
#define HCALL_VEC_MASK 4
#define HCALL_VEC_LIMIT 8
#define HCALL_VEC_SCALE 12
#define HCALL_VEC_SLOW 16
#define HCALL_VEC_UNKNOWN 20
/* struct hcall_desc (hv/hcall/hcall_priv.h), 16 bytes */
#define HCALL_DESC_SHIFT 4
#define HCALL_DESC_FLAGS 4
#define HCALL_DESC_FN 8
#define HCALL_DESC_REGS 12
#define HC_VECTOR_ASM 0x8 /* HC_VECTOR */
#define IVOR_HCALL_ASM 40 /* IVOR_HCALL (weir/booke.h) */

#ifndef __ASSEMBLER__
/* The core's check of one offset above, on the 32-bit PowerPC build */
#define ASM_AT(type, field, off)                                         \
	_Static_assert(!IS_ENABLED(CONFIG_PPC) ||                        \
			       __builtin_offsetof(type, field) == (off), \
		       #field)
#endif

#endif
