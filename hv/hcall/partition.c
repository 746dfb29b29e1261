// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partition control hcalls (Linux asm/fsl_hcalls.h fh_partition_*,
 * drivers/virt/fsl_hypervisor.c; 6.1) and EV_IDLE. r3 names the target
 * partition by guest-id (1-based), or 0xffffffff for the caller itself,
 * which is what Linux's fsl_hv_restart/fsl_hv_halt pass. A partition may
 * always act on itself; only a manager partition may act on others, and
 * a non-manager gets EV_EPERM for any other id, existing or not.
 */
#include <errno.h>
#include <weir/epapr.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

#define PARTITION_SELF 0xffffffffu

/* The partition @handle names for the caller @v, or a negative errno. */
static int target_of(struct vcpu *v, u32 handle, struct partition **out)
{
	struct partition *self = v->part, *p;

	if (handle == PARTITION_SELF || handle == self->id) {
		*out = self;
		return 0;
	}
	if (!self->manager)
		return -EPERM;
	p = handle ? partition_by_id(handle) : NULL;
	if (!p || p->id != handle)
		return -EINVAL;
	*out = p;
	return 0;
}

static u32 fh_state(enum partition_state s)
{
	switch (s) {
	case PART_RUNNING:
		return FH_PARTITION_RUNNING;
	case PART_STARTING:
		return FH_PARTITION_STARTING;
	case PART_STOPPING:
		return FH_PARTITION_STOPPING;
	case PART_STOPPED:
	default:
		return FH_PARTITION_STOPPED;
	}
}

long hc_partition_get_status(struct vcpu *v, struct hcall_args *a)
{
	struct partition *p;
	int err = target_of(v, (u32)a->in[0], &p);

	if (err)
		return hcall_status(err);
	a->out[0] = fh_state(partition_status(p));
	return EV_SUCCESS;
}

/* -EALREADY (already stopped) comes back as EV_INVALID_STATE. */
long hc_partition_stop(struct vcpu *v, struct hcall_args *a)
{
	struct partition *p;
	int err = target_of(v, (u32)a->in[0], &p);

	if (err)
		return hcall_status(err);
	return hcall_status(partition_stop(p));
}

/*
 * A successful restart of the caller's own partition has reloaded its
 * registers for a fresh boot: nothing may be written over them, so this
 * handler stores r3 itself (HC_OWN_REGS).
 */
long hc_partition_restart(struct vcpu *v, struct hcall_args *a)
{
	struct partition *p;
	int err = target_of(v, (u32)a->in[0], &p);

	if (!err)
		err = partition_restart(p);
	if (!err && p == v->part)
		return EV_SUCCESS;
	v->regs.gpr[3] = (u32)hcall_status(err);
	return (long)v->regs.gpr[3];
}

long hc_system_reset(struct vcpu *v, struct hcall_args *a)
{
	if (!v->part->manager)
		return EV_EPERM;
	system_reset();
	return EV_SUCCESS;
}

/* The vCPU code waits (until an interrupt is deliverable) once this returns. */
long hc_idle(struct vcpu *v, struct hcall_args *a)
{
	v->idle = true;
	return EV_SUCCESS;
}
