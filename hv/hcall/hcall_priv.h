/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hcall table's entry and the handlers it lists (hv/hcall/dispatch.c),
 * one file per ABI family. A handler gets the caller and the arguments the
 * dispatcher decoded by the entry's shape; it writes its outputs to
 * a->out[] (stored in r4.. only when it succeeds, unless the entry says
 * HC_OUT_ALWAYS) and returns the status of its ABI (EV_*, or a signed
 * H_* code), which the dispatcher stores in r3. Failing calls change no
 * state.
 */
#ifndef WEIR_HCALL_PRIV_H
#define WEIR_HCALL_PRIV_H

#include <weir/hcall.h>
#include <weir/types.h>

/* Decoded arguments and outputs of one call (hcall_abi.h's shapes). */
struct hcall_args {
	u64 in[HC_MAX_IN];
	u64 out[HC_MAX_OUT];
};

typedef long (*hcall_fn)(struct vcpu *v, struct hcall_args *a);
/* A handler that reads its inputs from the registers at @r (r3 first)
 * and stores its outputs there (r4 on) itself, by the entry's shape. */
typedef long (*hcall_regs_fn)(struct vcpu *v, u32 *r);

/* struct hcall_desc.flags */
#define HC_DMA_LOCK 0x1	  /* @fn under dma_lock(); @regs takes it itself */
#define HC_OUT_ALWAYS 0x2 /* outputs stored whatever the status */
#define HC_OWN_REGS \
	0x4 /* the handler writes r3 itself: it may have
				 * replaced the caller's registers */
/*
 * HC_VECTOR: the entry's register handler (@regs, required) may run from
 * the `sc 1` vector (arch/powerpc start.S exc_entry_syscall) on the
 * guest's frame, after which the guest resumes at once with rfi, its
 * real MSR and PID as they were, no pending interrupt delivered and no
 * request served. So such a handler must change nothing but r3..r10 of
 * its caller (r3 is its status): not the guest's MSR, PID or TLB, not its
 * idle, stopped or pending state, no partition request, nothing that can
 * become deliverable to any vCPU; it takes its own locks (dma_lock()) and
 * may not sleep or wait for another core's exit. Why no check follows it:
 * with those untouched, the guest is as resumable as when it issued the
 * `sc` (it ran, so it was not idle or stopped, and whatever another core
 * changes meanwhile, an interrupt to deliver or a request, comes with
 * vcpu_kick(), a doorbell this core takes as soon as rfi turns the
 * guest's MSR[EE] back on; what this core sets itself it delivers on its
 * own way back). Today H_GET_TCE and H_PUT_TCE: TCE table and PAMU
 * updates under dma_lock() only.
 */
#define HC_VECTOR 0x8

/**
 * struct hcall_desc - one table entry
 * @shape: HC_SHAPE(nin, in_pairs, nout, out_pairs) of its registers
 * @flags: HC_*
 * @fn: the handler
 * @regs: the same handler on the registers, or NULL: what the guest's
 *	hcall runs when set (no unpacking of 32-bit pairs into 64-bit
 *	arguments and back); @fn serves hcall_call(). It takes its own
 *	locks: HC_DMA_LOCK is for @fn only
 *
 * 16 bytes on the 32-bit core: the tables are indexed by number, and a
 * power-of-two stride is one shift on the path of every hcall (the
 * number's name, never read, is gone for @regs).
 */
struct hcall_desc {
	u32 shape;
	u32 flags;
	hcall_fn fn;
	hcall_regs_fn regs;
};

/* hv/hcall/bytechan.c: ePAPR byte channels */
long hc_byte_channel_send(struct vcpu *v, struct hcall_args *a);
long hc_byte_channel_receive(struct vcpu *v, struct hcall_args *a);
long hc_byte_channel_poll(struct vcpu *v, struct hcall_args *a);

/* hv/hcall/pic.c: ePAPR vPIC */
long hc_int_set_config(struct vcpu *v, struct hcall_args *a);
long hc_int_get_config(struct vcpu *v, struct hcall_args *a);
long hc_int_set_mask(struct vcpu *v, struct hcall_args *a);
long hc_int_get_mask(struct vcpu *v, struct hcall_args *a);
long hc_int_iack(struct vcpu *v, struct hcall_args *a);
long hc_int_eoi(struct vcpu *v, struct hcall_args *a);

/* hv/hcall/partition.c: FSL partition control and ePAPR EV_IDLE */
long hc_partition_get_status(struct vcpu *v, struct hcall_args *a);
long hc_partition_stop(struct vcpu *v, struct hcall_args *a);
long hc_partition_restart(struct vcpu *v, struct hcall_args *a);
long hc_system_reset(struct vcpu *v, struct hcall_args *a);
long hc_idle(struct vcpu *v, struct hcall_args *a);

/* hv/hcall/dma.c: FSL DMA control and error queues, weir's DMA engine */
long hc_dma_enable(struct vcpu *v, struct hcall_args *a);
long hc_dma_disable(struct vcpu *v, struct hcall_args *a);
long hc_err_get_info(struct vcpu *v, struct hcall_args *a);
long hc_weir_dma_copy(struct vcpu *v, struct hcall_args *a);

/* hv/hcall/msi.c: FSL vMPIC MSIR and weir's MSI doorbell */
long hc_vmpic_get_msir(struct vcpu *v, struct hcall_args *a);
long hc_weir_msi_info(struct vcpu *v, struct hcall_args *a);

/**
 * hcall_lookup() - the table entry of @token as the dispatcher finds it
 * (hcall_find()), or NULL when the token is unknown; for the unit test
 * that checks the `sc 1` vector's table (hcall_vec[]) against it
 */
const struct hcall_desc *hcall_lookup(u32 token);

/* hv/hcall/papr.c: PAPR TCE hcalls and H_RTAS (ePAPR vendor 3) */
long hc_h_get_tce(struct vcpu *v, struct hcall_args *a);
long hc_h_get_tce_regs(struct vcpu *v, u32 *r);
long hc_h_put_tce(struct vcpu *v, struct hcall_args *a);
long hc_h_put_tce_regs(struct vcpu *v, u32 *r);
long hc_h_stuff_tce(struct vcpu *v, struct hcall_args *a);
long hc_h_put_tce_indirect(struct vcpu *v, struct hcall_args *a);
long hc_h_rtas(struct vcpu *v, struct hcall_args *a);

#endif
