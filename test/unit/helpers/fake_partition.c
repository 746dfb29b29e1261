// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host fakes of the partition-control and vCPU-kick interfaces
 * (include/weir/partition.h, include/weir/vcpu_kick.h). Only these five
 * functions live here; their record is in fake_hv.c.
 */
#include <errno.h>
#include <weir/partition.h>
#include <weir/vcpu_kick.h>
#include "fake_hv.h"

struct partition *partition_by_id(unsigned int id)
{
	if (id < 1 || id > PARTITION_MAX)
		return NULL;
	return fake_hv.by_id[id - 1];
}

int partition_stop(struct partition *p)
{
	fake_hv.stop_calls++;
	fake_hv.last_stop = p;
	if (p->state == PART_STOPPED)
		return -EALREADY;
	p->state = PART_STOPPED;
	return 0;
}

/* Like the target on success: the partition's vCPUs get fresh registers. */
int partition_restart(struct partition *p)
{
	unsigned int i;

	fake_hv.restart_calls++;
	fake_hv.last_restart = p;
	if (fake_hv.restart_ret)
		return fake_hv.restart_ret;
	for (i = 0; i < p->nvcpus; i++)
		if (p->vcpu[i])
			p->vcpu[i]->regs.gpr[3] = fake_hv.restart_marker;
	p->state = PART_RUNNING;
	return 0;
}

void system_reset(void)
{
	fake_hv.reset_calls++;
}

void vcpu_kick(struct vcpu *v)
{
	unsigned int i;

	fake_hv.kicks++;
	for (i = 0; i < 16; i++) {
		if (fake_hv.kick[i].v == v || !fake_hv.kick[i].v) {
			fake_hv.kick[i].v = v;
			fake_hv.kick[i].n++;
			return;
		}
	}
}
