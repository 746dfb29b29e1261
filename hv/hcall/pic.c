// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * EV_INT_* hcalls of the `epapr,hv-pic` (Linux arch/powerpc/sysdev/
 * ehv_pic.c and asm/epapr_hcalls.h ev_int_*, 6.1) on the partition's
 * virtual PIC (hv/irq/vpic.c):
 *   SET_CONFIG  r3 irq, r4 config, r5 priority 0..15, r6 destination vCPU
 *   GET_CONFIG  r3 irq               -> r4 config, r5 priority, r6 vCPU
 *   SET_MASK    r3 irq, r4 0 or 1
 *   GET_MASK    r3 irq               -> r4 0 or 1
 *   IACK        r3 0                 -> r4 irq, or 0xffff when none
 *   EOI         r3 irq
 * Source numbers the partition does not own are EV_EINVAL.
 */
#include <weir/epapr.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>
#include "hcall_priv.h"

static struct vpic *pic_of(struct vcpu *v)
{
	return v->part ? v->part->pic : NULL;
}

long hc_int_set_config(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);

	if (!pic)
		return EV_EINVAL;
	return hcall_status(vpic_set_config(pic, (u32)a->in[0], (u32)a->in[1],
					    (u32)a->in[2], (u32)a->in[3]));
}

long hc_int_get_config(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);
	u32 config, prio, dest;
	int err;

	if (!pic)
		return EV_EINVAL;
	err = vpic_get_config(pic, (u32)a->in[0], &config, &prio, &dest);
	if (err)
		return hcall_status(err);
	a->out[0] = config;
	a->out[1] = prio;
	a->out[2] = dest;
	return EV_SUCCESS;
}

long hc_int_set_mask(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);

	if (!pic || a->in[1] > 1)
		return EV_EINVAL;
	return hcall_status(vpic_set_mask(pic, (u32)a->in[0], a->in[1] != 0));
}

long hc_int_get_mask(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);
	bool masked;
	int err;

	if (!pic)
		return EV_EINVAL;
	err = vpic_get_mask(pic, (u32)a->in[0], &masked);
	if (err)
		return hcall_status(err);
	a->out[0] = masked;
	return EV_SUCCESS;
}

/*
 * Linux passes 0 in r3 (ehv_pic_get_irq: ev_int_iack(0, &irq)). A
 * partition without a vpic simply has nothing pending.
 */
long hc_int_iack(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);
	u32 irq = EV_INT_SPURIOUS;
	int err;

	if (a->in[0] != 0)
		return EV_EINVAL;
	if (pic) {
		err = vpic_iack(pic, v->id, &irq);
		if (err)
			return hcall_status(err);
	}
	a->out[0] = irq;
	return EV_SUCCESS;
}

long hc_int_eoi(struct vcpu *v, struct hcall_args *a)
{
	struct vpic *pic = pic_of(v);

	if (!pic)
		return EV_EINVAL;
	return hcall_status(vpic_eoi(pic, v->id, (u32)a->in[0]));
}
