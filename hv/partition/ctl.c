// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stop and restart requests (include/weir/partition.h): a requester on
 * any core records the latest request with an atomic store; the
 * partition's own vCPU takes it with an atomic exchange and is the only
 * writer of the partition's state. Built for the host too, where
 * test/unit/test_partition_ctl.c drives the interleavings. And the
 * request for the whole machine, FH_SYSTEM_RESET.
 */
#include <errno.h>
#include <weir/arch.h>
#include <weir/console_mux.h>
#include <weir/log.h>
#include <weir/partition.h>

int partition_request(struct partition *p, enum partition_req r)
{
	if (r != PREQ_STOP && r != PREQ_RESTART)
		return -EINVAL;
	if (r == PREQ_STOP && p->state == PART_STOPPED &&
	    __atomic_load_n(&p->req, __ATOMIC_SEQ_CST) == PREQ_NONE)
		return -EALREADY;
	__atomic_store_n(&p->req, (u32)r, __ATOMIC_SEQ_CST);
	return 0;
}

void system_reset(void)
{
	pr_info("system reset requested\n");
	console_mux_flush();
	arch_system_reset();
}

enum partition_state partition_status(const struct partition *p)
{
	switch (__atomic_load_n(&p->req, __ATOMIC_SEQ_CST)) {
	case PREQ_STOP:
		return PART_STOPPING;
	case PREQ_RESTART:
		return PART_STARTING;
	default:
		return p->state;
	}
}
