/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ePAPR/FSL hcall handlers, one per hcall, listed in hv/hcall/dispatch.c's
 * table. Each reads its arguments from @gpr (the guest's r0..r31), writes
 * its outputs to gpr[4..] only when it succeeds, and returns the EV_*
 * status the dispatcher stores in r3. Failing calls change no register
 * but r3 and no state.
 */
#ifndef WEIR_HCALL_PRIV_H
#define WEIR_HCALL_PRIV_H

#include <weir/hcall.h>
#include <weir/types.h>

/*
 * A handler's status meaning "write nothing to r3": the caller's
 * registers were replaced (its partition restarted), or the handler
 * stored r3 itself (PAPR hcalls, whose H_* codes are negative and one of
 * which, H_HARDWARE, equals this value). Not an EV_* code.
 */
#define HCALL_NORETURN	0xffffffffu

/* hv/hcall/bytechan.c */
u32 hc_byte_channel_send(struct vcpu *v, u32 *gpr);
u32 hc_byte_channel_receive(struct vcpu *v, u32 *gpr);
u32 hc_byte_channel_poll(struct vcpu *v, u32 *gpr);

/* hv/hcall/pic.c */
u32 hc_int_set_config(struct vcpu *v, u32 *gpr);
u32 hc_int_get_config(struct vcpu *v, u32 *gpr);
u32 hc_int_set_mask(struct vcpu *v, u32 *gpr);
u32 hc_int_get_mask(struct vcpu *v, u32 *gpr);
u32 hc_int_iack(struct vcpu *v, u32 *gpr);
u32 hc_int_eoi(struct vcpu *v, u32 *gpr);

/* hv/hcall/partition.c */
u32 hc_partition_get_status(struct vcpu *v, u32 *gpr);
u32 hc_partition_stop(struct vcpu *v, u32 *gpr);
u32 hc_partition_restart(struct vcpu *v, u32 *gpr);
u32 hc_system_reset(struct vcpu *v, u32 *gpr);
u32 hc_idle(struct vcpu *v, u32 *gpr);

/* hv/hcall/dma.c */
u32 hc_dma_enable(struct vcpu *v, u32 *gpr);
u32 hc_dma_disable(struct vcpu *v, u32 *gpr);
u32 hc_err_get_info(struct vcpu *v, u32 *gpr);
u32 hc_weir_dma_copy(struct vcpu *v, u32 *gpr);
u32 hc_vmpic_get_msir(struct vcpu *v, u32 *gpr);
u32 hc_weir_msi_info(struct vcpu *v, u32 *gpr);

/* hv/hcall/tce.c: PAPR hcalls (ePAPR vendor 3); they store r3 themselves */
u32 hc_h_get_tce(struct vcpu *v, u32 *gpr);
u32 hc_h_put_tce(struct vcpu *v, u32 *gpr);
u32 hc_h_stuff_tce(struct vcpu *v, u32 *gpr);
u32 hc_h_put_tce_indirect(struct vcpu *v, u32 *gpr);
u32 hc_h_rtas(struct vcpu *v, u32 *gpr);

#endif
