/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ePAPR hcall dispatch (include/weir/epapr.h for the ABI). The vCPU code
 * calls hcall_dispatch() for an `sc 1` issued from the guest's supervisor
 * mode; handlers read arguments from the guest's r3..r10 and write the
 * EV_* status to r3 and results to r4... This is the only place EV_*
 * codes exist: everything below returns negative errno codes.
 */
#ifndef WEIR_HCALL_H
#define WEIR_HCALL_H

#include <weir/types.h>

struct vcpu;

/* One hcall: returns the EV_* status for r3 (outputs written to gpr[4..]). */
typedef u32 (*hcall_fn)(struct vcpu *v, u32 *gpr);

struct hcall_desc {
	u16 vendor;		/* EV_EPAPR_VENDOR_ID, EV_FSL_VENDOR_ID, ... */
	u16 num;
	const char *name;
	hcall_fn fn;
};

/**
 * hcall_dispatch() - run the hcall whose token is in the guest's r11
 * @v: calling vCPU (its regs.gpr are read and written)
 *
 * An unknown token sets r3 = EV_UNIMPLEMENTED (H_FUNCTION for vendor 3,
 * PAPR) and changes nothing else.
 */
void hcall_dispatch(struct vcpu *v);

/**
 * hcall_table_check() - the dispatch table is strictly sorted by (vendor,
 * number), as the bisecting lookup needs (for the host tests).
 * Return: 0, or -EINVAL when an entry is out of order or duplicated.
 */
int hcall_table_check(void);

/* errno (negative) -> EV_* status, for handlers. */
u32 hcall_status(int err);

#endif
