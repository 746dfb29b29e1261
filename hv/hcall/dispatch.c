// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hcall dispatcher: the one place a token is decoded. The token in
 * r11 is (vendor << 16) | number; like Topaz the vendor is taken from
 * bits 16..30 and vendor 0 is accepted as ePAPR
 * (../shared/reference/pamu-and-linux-guest.md §4.1). Vendor 3 (IBM)
 * carries the PAPR TCE hcalls and H_RTAS (doc/tce.md), vendor
 * WEIR_VENDOR_ID weir's own device hcalls. Each vendor has a table
 * indexed by number; each entry carries the call's register shape, so
 * the registers are decoded here once, and whether its u64 handler runs
 * under dma_lock(), taken here (a register handler takes its own locks).
 * hcall_vec[] gives the same tables to the arch's `sc 1` vector, which
 * answers unknown tokens and runs HC_VECTOR entries without C dispatch.
 * Handlers live in one file per ABI family (hcall_priv.h). Calls from the
 * guest's problem state are refused by the vCPU code before they get
 * here.
 */
#include <errno.h>
#include <weir/dma.h>
#include <weir/epapr.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include <weir/vcpu_asm.h>
#include "hcall_priv.h"

#define WORDS(nin, nout) HC_SHAPE(nin, 0, nout, 0)
/* Designated fields: @regs, when a call has one, is named (PAPR_REGS). */
#define DESC(sh, fl, h)                                 \
	{                                               \
		.shape = (sh), .flags = (fl), .fn = (h) \
	}
#define CALL(sh, fl, num, h) [num] = DESC(sh, fl, h)
/* PAPR opcodes are multiples of 4: their table is indexed by opcode / 4,
 * the KVM-private range from H_RTAS (0xF000) by (opcode - H_RTAS) / 4. */
#define PAPR(sh, fl, num, h) [(num) / 4] = DESC(sh, fl, h)
/* The same with a handler on the registers too (struct hcall_desc regs) */
#define PAPR_REGS(sh, fl, num, h)                                         \
	[(num) / 4] = {                                                   \
		.shape = (sh), .flags = (fl), .fn = (h), .regs = h##_regs \
	}
#define KVM(sh, fl, num, h) [((num)-H_RTAS) / 4] = DESC(sh, fl, h)

static const struct hcall_desc epapr_calls[] = {
	CALL(WORDS(6, 1), HC_OUT_ALWAYS, EV_BYTE_CHANNEL_SEND,
	     hc_byte_channel_send),
	CALL(WORDS(2, 5), 0, EV_BYTE_CHANNEL_RECEIVE, hc_byte_channel_receive),
	CALL(WORDS(1, 2), 0, EV_BYTE_CHANNEL_POLL, hc_byte_channel_poll),
	CALL(WORDS(4, 0), 0, EV_INT_SET_CONFIG, hc_int_set_config),
	CALL(WORDS(1, 3), 0, EV_INT_GET_CONFIG, hc_int_get_config),
	CALL(WORDS(2, 0), 0, EV_INT_SET_MASK, hc_int_set_mask),
	CALL(WORDS(1, 1), 0, EV_INT_GET_MASK, hc_int_get_mask),
	CALL(WORDS(1, 1), 0, EV_INT_IACK, hc_int_iack),
	CALL(WORDS(1, 0), 0, EV_INT_EOI, hc_int_eoi),
	CALL(WORDS(0, 0), 0, EV_IDLE, hc_idle),
};

static const struct hcall_desc fsl_calls[] = {
	CALL(HC_SHAPE(4, 0x4, 1, 0), HC_DMA_LOCK, FH_ERR_GET_INFO,
	     hc_err_get_info),
	CALL(WORDS(1, 0), HC_OWN_REGS, FH_PARTITION_RESTART,
	     hc_partition_restart),
	CALL(WORDS(1, 1), 0, FH_PARTITION_GET_STATUS, hc_partition_get_status),
	CALL(WORDS(1, 0), 0, FH_PARTITION_STOP, hc_partition_stop),
	CALL(WORDS(1, 0), HC_DMA_LOCK, FH_DMA_ENABLE, hc_dma_enable),
	CALL(WORDS(1, 0), HC_DMA_LOCK, FH_DMA_DISABLE, hc_dma_disable),
	CALL(WORDS(1, 1), HC_DMA_LOCK, FH_VMPIC_GET_MSIR, hc_vmpic_get_msir),
	CALL(WORDS(0, 0), 0, FH_SYSTEM_RESET, hc_system_reset),
};

/* H_GET_TCE's r4:r5 is 0 when it fails (tce_get()), as the guests expect. */
static const struct hcall_desc papr_calls[] = {
	PAPR_REGS(H_GET_TCE_SHAPE, HC_DMA_LOCK | HC_OUT_ALWAYS | HC_VECTOR,
		  H_GET_TCE, hc_h_get_tce),
	PAPR_REGS(H_PUT_TCE_SHAPE, HC_DMA_LOCK | HC_VECTOR, H_PUT_TCE,
		  hc_h_put_tce),
	PAPR(H_STUFF_TCE_SHAPE, HC_DMA_LOCK, H_STUFF_TCE, hc_h_stuff_tce),
	PAPR(H_PUT_TCE_INDIRECT_SHAPE, HC_DMA_LOCK, H_PUT_TCE_INDIRECT,
	     hc_h_put_tce_indirect),
};

static const struct hcall_desc kvm_calls[] = {
	KVM(H_RTAS_SHAPE, HC_DMA_LOCK, H_RTAS, hc_h_rtas),
};

static const struct hcall_desc weir_calls[] = {
	CALL(HC_SHAPE(1, 0, 4, 0x1), HC_DMA_LOCK, WEIR_HC_MSI_INFO,
	     hc_weir_msi_info),
	CALL(HC_SHAPE(4, 0x6, 0, 0), HC_DMA_LOCK, WEIR_HC_DMA_COPY,
	     hc_weir_dma_copy),
};

/* Entry @i of @tab (@n entries), or NULL when it is out of range or empty. */
static inline const struct hcall_desc *entry(const struct hcall_desc *tab,
					     u32 n, u32 i)
{
	return i < n && tab[i].fn ? &tab[i] : NULL;
}

#define ENTRY(tab, i) entry(tab, ARRAY_SIZE(tab), i)

/* The entry of @token, or NULL. Always inline: it is on every hcall's
 * path, and a call would cost more than the switch. */
static inline __attribute__((always_inline)) const struct hcall_desc *
hcall_find(u32 token)
{
	u32 num = EV_TOKEN_NUM(token);

	switch (EV_TOKEN_VENDOR(token)) {
	case EV_LOCAL_VENDOR_ID:
	case EV_EPAPR_VENDOR_ID:
		return ENTRY(epapr_calls, num);
	case EV_FSL_VENDOR_ID:
		return ENTRY(fsl_calls, num);
	case PAPR_EPAPR_VENDOR:
		if (num & 3)
			return NULL;
		if (num >= H_RTAS)
			return ENTRY(kvm_calls, (num - H_RTAS) / 4);
		return ENTRY(papr_calls, num / 4);
	case WEIR_VENDOR_ID:
		return ENTRY(weir_calls, num);
	default:
		return NULL;
	}
}

const struct hcall_desc *hcall_lookup(u32 token)
{
	return hcall_find(token);
}

/*
 * hcall_find() as data, for the `sc 1` vector (struct hcall_vec,
 * weir/arch.h): ePAPR (vendors 0 and 1), FSL and PAPR by number; PAPR's
 * table by number / 4 with the two low bits zero, its KVM range from
 * H_RTAS left to the C path. test/unit/test_hcall.c checks every token
 * of these vendors against hcall_find().
 */
#define VEC(t, sh, sl, st)                                      \
	{                                                       \
		.tab = (t), .mask = (1u << (sh)) - 1,           \
		.limit = ARRAY_SIZE(t) << (sh),                 \
		.scale = HCALL_DESC_SHIFT - (sh), .slow = (sl), \
		.unknown = (st)                                 \
	}
const struct hcall_vec hcall_vec[HCALL_VEC_VENDORS] = {
	[EV_LOCAL_VENDOR_ID] = VEC(epapr_calls, 0, 0x10000, EV_UNIMPLEMENTED),
	[EV_EPAPR_VENDOR_ID] = VEC(epapr_calls, 0, 0x10000, EV_UNIMPLEMENTED),
	[EV_FSL_VENDOR_ID] = VEC(fsl_calls, 0, 0x10000, EV_UNIMPLEMENTED),
	[PAPR_EPAPR_VENDOR] = VEC(papr_calls, 2, H_RTAS, H_FUNCTION),
};

/* The layout start.S reads (weir/vcpu_asm.h), on its build */
ASM_AT(struct hcall_vec, tab, HCALL_VEC_TAB);
ASM_AT(struct hcall_vec, mask, HCALL_VEC_MASK);
ASM_AT(struct hcall_vec, limit, HCALL_VEC_LIMIT);
ASM_AT(struct hcall_vec, scale, HCALL_VEC_SCALE);
ASM_AT(struct hcall_vec, slow, HCALL_VEC_SLOW);
ASM_AT(struct hcall_vec, unknown, HCALL_VEC_UNKNOWN);
ASM_AT(struct hcall_desc, flags, HCALL_DESC_FLAGS);
ASM_AT(struct hcall_desc, fn, HCALL_DESC_FN);
ASM_AT(struct hcall_desc, regs, HCALL_DESC_REGS);
_Static_assert(!IS_ENABLED(CONFIG_PPC) ||
		       (sizeof(struct hcall_vec) == 1u << HCALL_VEC_SHIFT &&
			sizeof(struct hcall_desc) == 1u << HCALL_DESC_SHIFT),
	       "strides");
_Static_assert(HC_VECTOR == HC_VECTOR_ASM && H_RTAS % 4 == 0 &&
		       ARRAY_SIZE(papr_calls) * 4 <= H_RTAS,
	       "values");

/* What an unknown token returns: a PAPR caller (vendor 3) expects PAPR's
 * H_FUNCTION, as QEMU/KVM answer (doc/tce.md). */
static long unknown_status(u32 token)
{
	return EV_TOKEN_VENDOR(token) == PAPR_EPAPR_VENDOR ? H_FUNCTION :
							     EV_UNIMPLEMENTED;
}

/* Run @d's handler on @a, under dma_lock() if it asks for it. */
static inline long run(const struct hcall_desc *d, struct vcpu *v,
		       struct hcall_args *a)
{
	long st;

	if (!(d->flags & HC_DMA_LOCK))
		return d->fn(v, a);
	dma_lock();
	st = d->fn(v, a);
	dma_unlock();
	return st;
}

/* Its register handler on the registers at @r (r3), which takes its own
 * locks (HC_DMA_LOCK is @fn's; it may run from the `sc 1` vector,
 * HC_VECTOR). */
static inline long run_regs(const struct hcall_desc *d, struct vcpu *v, u32 *r)
{
	return d->regs(v, r);
}

/*
 * The arguments of shape @shape from the registers at @r (r3). When none
 * is a pair (the ePAPR and most FSL calls) registers are copied whole,
 * four always and two more for a call with more than four arguments:
 * fixed copies are cheaper than the counted loop, and values past the
 * call's own arguments are never read.
 */
static inline void decode_in(u32 shape, const u32 *r, u64 *in)
{
	if (HC_SHAPE_IN_PAIRS(shape)) {
		hc_abi_from_regs(HC_SHAPE_NIN(shape), HC_SHAPE_IN_PAIRS(shape),
				 r, in);
		return;
	}
	in[0] = r[0];
	in[1] = r[1];
	in[2] = r[2];
	in[3] = r[3];
	if (HC_SHAPE_NIN(shape) > 4) {
		in[4] = r[4];
		in[5] = r[5];
	}
}

/* The outputs of shape @shape to the registers at @r (r4); without pairs
 * one store per output, entered by their number. */
static inline void encode_out(u32 shape, const u64 *out, u32 *r)
{
	if (HC_SHAPE_OUT_PAIRS(shape)) {
		hc_abi_to_regs(HC_SHAPE_NOUT(shape), HC_SHAPE_OUT_PAIRS(shape),
			       out, r);
		return;
	}
	switch (HC_SHAPE_NOUT(shape)) {
	case 5:
		r[4] = (u32)out[4];
		/* fall through */
	case 4:
		r[3] = (u32)out[3];
		/* fall through */
	case 3:
		r[2] = (u32)out[2];
		/* fall through */
	case 2:
		r[1] = (u32)out[1];
		/* fall through */
	case 1:
		r[0] = (u32)out[0];
		/* fall through */
	default:
		break;
	}
}

/* hcall_dispatch() of an entry without a register handler: the u64
 * arguments and results. */
static inline void dispatch_args(const struct hcall_desc *d, struct vcpu *v,
				 u32 *gpr)
{
	struct hcall_args a;
	u32 flags;
	long st;

	decode_in(d->shape, &gpr[3], a.in);
	st = run(d, v, &a);
	flags = d->flags;
	if (flags & HC_OWN_REGS)
		return;
	gpr[3] = (u32)st;
	if (!st || (flags & HC_OUT_ALWAYS))
		encode_out(d->shape, a.out, &gpr[4]);
}

/* hcall_run()'s body, inline in hcall_dispatch() */
static inline void run_entry(struct vcpu *v, const struct hcall_desc *d)
{
	u32 *gpr = v->regs.gpr;

	if (d->regs)
		gpr[3] = (u32)run_regs(d, v, &gpr[3]);
	else
		dispatch_args(d, v, gpr);
}

void hcall_run(struct vcpu *v, const struct hcall_desc *d)
{
	run_entry(v, d);
}

void hcall_dispatch(struct vcpu *v)
{
	u32 *gpr = v->regs.gpr;
	const struct hcall_desc *d = hcall_find(gpr[11]);

	if (!d)
		gpr[3] = (u32)unknown_status(gpr[11]);
	else
		run_entry(v, d);
}

long hcall_call(struct vcpu *v, u32 token, const u64 *in, u64 *out)
{
	const struct hcall_desc *d = hcall_find(token);
	struct hcall_args a;
	unsigned int i;
	long st;

	if (!d)
		return unknown_status(token);
	for (i = 0; i < HC_MAX_IN; i++)
		a.in[i] = i < HC_SHAPE_NIN(d->shape) ? in[i] : 0;
	for (i = 0; i < HC_MAX_OUT; i++)
		a.out[i] = out[i];
	st = run(d, v, &a);
	if (d->flags & HC_OWN_REGS)
		return st;
	if (!st || (d->flags & HC_OUT_ALWAYS))
		for (i = 0; i < HC_SHAPE_NOUT(d->shape); i++)
			out[i] = a.out[i];
	return st;
}

long hcall_call_regs(struct vcpu *v, u32 token, const u64 *in, u64 *out)
{
	const struct hcall_desc *d = hcall_find(token);
	u32 *gpr = v->regs.gpr;

	gpr[11] = token;
	if (d)
		hc_abi_to_regs(HC_SHAPE_NIN(d->shape),
			       HC_SHAPE_IN_PAIRS(d->shape), in, &gpr[3]);
	hcall_dispatch(v);
	if (d)
		hc_abi_from_regs(HC_SHAPE_NOUT(d->shape),
				 HC_SHAPE_OUT_PAIRS(d->shape), &gpr[4], out);
	return (s32)gpr[3];
}

/* @d fits the registers: inputs in r3..r10, outputs in r4..r10. */
static bool shape_fits(const struct hcall_desc *d)
{
	u32 s = d->shape;
	unsigned int nin = HC_SHAPE_NIN(s), nout = HC_SHAPE_NOUT(s);
	unsigned int in_regs =
		nin + (unsigned int)__builtin_popcount(HC_SHAPE_IN_PAIRS(s));
	unsigned int out_regs =
		nout + (unsigned int)__builtin_popcount(HC_SHAPE_OUT_PAIRS(s));

	return nin <= HC_MAX_IN && nout <= HC_MAX_OUT &&
	       !(HC_SHAPE_IN_PAIRS(s) >> nin) &&
	       !(HC_SHAPE_OUT_PAIRS(s) >> nout) && in_regs <= 8 &&
	       out_regs <= 7;
}

static int table_check(const struct hcall_desc *tab, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (tab[i].fn && (!shape_fits(&tab[i]) ||
				  ((tab[i].flags & HC_VECTOR) && !tab[i].regs)))
			return -EINVAL;
	return 0;
}

int hcall_table_check(void)
{
	if (table_check(epapr_calls, ARRAY_SIZE(epapr_calls)) ||
	    table_check(fsl_calls, ARRAY_SIZE(fsl_calls)) ||
	    table_check(papr_calls, ARRAY_SIZE(papr_calls)) ||
	    table_check(kvm_calls, ARRAY_SIZE(kvm_calls)) ||
	    table_check(weir_calls, ARRAY_SIZE(weir_calls)))
		return -EINVAL;
	return 0;
}

long hcall_status(int err)
{
	switch (err) {
	case 0:
		return EV_SUCCESS;
	case -EINVAL:
		return EV_EINVAL;
	case -EPERM:
		return EV_EPERM;
	case -ENOENT:
		return EV_ENOENT;
	case -EAGAIN:
		return EV_EAGAIN;
	case -EFAULT:
		return EV_EFAULT;
	case -ENODEV:
		return EV_ENODEV;
	case -EALREADY:
	case -EBUSY:
		return EV_INVALID_STATE;
	case -ENOMEM:
		return EV_ENOMEM;
	default:
		return EV_INTERNAL;
	}
}
