/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hcall boundary (doc/architecture.md). The vCPU code calls
 * hcall_dispatch() for an `sc 1` issued from the guest's supervisor mode.
 * The dispatcher finds the token's table entry, decodes the registers
 * once by the entry's shape (include/weir/hcall_abi.h), takes the DMA
 * lock if the entry says so, runs the handler on the decoded values and
 * stores its status in r3 and its outputs from r4. The status codes of
 * the guest ABIs (ePAPR EV_*, PAPR H_*, RTAS) exist only in hv/hcall/:
 * everything below returns negative errno codes.
 */
#ifndef WEIR_HCALL_H
#define WEIR_HCALL_H

#include <weir/hcall_abi.h>
#include <weir/types.h>

struct partition;
struct vcpu;

/**
 * hcall_dispatch() - run the hcall whose token is in the guest's r11
 * @v: calling vCPU (its regs.gpr are read and written)
 *
 * An unknown token sets r3 = EV_UNIMPLEMENTED (H_FUNCTION for vendor 3,
 * PAPR) and changes nothing else. A refused call changes r3 only, except
 * where its ABI says otherwise (H_GET_TCE: r4:r5 = 0; byte-channel SEND
 * with a full ring: r4 = 0).
 */
void hcall_dispatch(struct vcpu *v);

struct hcall_desc;

/**
 * hcall_run() - hcall_dispatch() of a token already looked up
 * @v: calling vCPU
 * @d: the table entry of the token in @v's r11 (hcall_vec[], weir/arch.h,
 *	as the arch's `sc 1` vector reads it; never NULL)
 */
void hcall_run(struct vcpu *v, const struct hcall_desc *d);

/**
 * hcall_call() - run the hcall @token with decoded values (no registers)
 * @v: calling vCPU
 * @in: its arguments, in order (HC_MAX_IN; the unused ones are ignored);
 *      values are passed whole, 64 bits even where the register ABI has
 *      one 32-bit register, so a test can probe the handlers' own checks
 * @out: its outputs (HC_MAX_OUT), written as hcall_dispatch() would write
 *       the registers
 *
 * The entry point of the unit tests and fuzzers; hcall_dispatch() is this
 * after decoding the registers.
 * Return: the status hcall_dispatch() would store in r3 (EV_*, or a signed
 * H_* code for vendor 3); EV_UNIMPLEMENTED/H_FUNCTION for an unknown token.
 */
long hcall_call(struct vcpu *v, u32 token, const u64 *in, u64 *out);

/**
 * hcall_call_regs() - run the hcall @token as a 32-bit guest issues it
 * @v: calling vCPU; its r3.. are loaded from @in by the token's shape
 *     (so a 32-bit argument loses bits 32-63, as in a guest register)
 * @in, @out: as hcall_call(); @out is read back from r4.. by the shape
 *
 * The oracle's host runner uses it to apply the register ABI of the
 * guests (include/weir/hcall_abi.h) without writing it again.
 * Return: r3 after the call, sign-extended.
 */
long hcall_call_regs(struct vcpu *v, u32 token, const u64 *in, u64 *out);

/**
 * hcall_table_check() - every table entry sits at the index its number
 * gives and has a shape that fits the registers, and one marked for the
 * `sc 1` vector (HC_VECTOR) has a register handler (for the host tests).
 * Return: 0, or -EINVAL naming nothing (the test prints the table).
 */
int hcall_table_check(void);

/**
 * hcall_status() - the ePAPR status (EV_*) for an internal result
 * @err: 0 or a negative errno
 * Return: EV_SUCCESS, EV_EINVAL, EV_EPERM, EV_ENOENT, EV_EAGAIN, EV_EFAULT,
 * EV_ENODEV, EV_INVALID_STATE (-EALREADY, -EBUSY), EV_ENOMEM, or
 * EV_INTERNAL for anything else.
 */
long hcall_status(int err);

/**
 * papr_rtas_call() - run one DDW RTAS call for partition @p
 * (hv/hcall/papr.c; H_RTAS copies the rtas_args buffer and calls this)
 * @token: PAPR_RTAS_*
 * @args: @nargs input cells; @rets: @nrets output cells, rets[0] = status
 *
 * In weir the caller (H_RTAS) holds dma_lock().
 * Return: the status also written to rets[0] (when @nrets >= 1):
 * RTAS_SUCCESS, RTAS_PARAMETER_ERROR (wrong nargs/nrets, unknown token,
 * BUID or LIOBN, bad shifts, no window available), RTAS_HARDWARE_ERROR
 * (the IOMMU refused).
 */
int papr_rtas_call(struct partition *p, u32 token, const u32 *args,
		   unsigned int nargs, u32 *rets, unsigned int nrets);

#endif
