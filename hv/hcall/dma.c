// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FSL DMA control and error-queue hcalls, and weir's DMA engine copy:
 *   FH_DMA_ENABLE / FH_DMA_DISABLE  r3 DMA handle ("fsl,hv-dma-handle";
 *       Linux include/uapi/linux/fsl_hypervisor.h, asm/fsl_hcalls.h
 *       fh_dma_enable/fh_dma_disable, 6.1)
 *   FH_ERR_GET_INFO  r3 queue handle, r4 buffer size, r5:r6 buffer GPA
 *       (hi:lo), r7 peek -> r4 bytes copied (asm/fsl_hcalls.h
 *       fh_err_get_info; record layout: include/weir/errq.h)
 *   WEIR_HC_DMA_COPY r3 DMA handle, r4:r5 source IOVA, r6:r7 destination
 *       IOVA, r8 length (include/weir/epapr.h, doc/dma-engine.md)
 * A handle of another partition is EV_EINVAL like an unknown one, so a
 * guest learns nothing about other partitions' devices. The dispatcher
 * runs every handler here under dma_lock() (HC_DMA_LOCK).
 */
#include <errno.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/epapr.h>
#include <weir/errq.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

static long dma_set(struct vcpu *v, u32 handle, bool on)
{
	struct dma_group *g;
	int ret;

	ret = dma_group_by_handle(v->part, handle, &g);
	if (!ret)
		ret = dma_group_set_enabled(g, on);
	return ret == -EPERM ? EV_EINVAL : hcall_status(ret);
}

long hc_dma_enable(struct vcpu *v, struct hcall_args *a)
{
	return dma_set(v, (u32)a->in[0], true);
}

long hc_dma_disable(struct vcpu *v, struct hcall_args *a)
{
	return dma_set(v, (u32)a->in[0], false);
}

long hc_err_get_info(struct vcpu *v, struct hcall_args *a)
{
	struct partition *p = v->part;
	u32 handle = (u32)a->in[0];
	struct hv_error e;
	struct errq *q;
	void *buf;

	if (handle == ERRQ_HANDLE_GUEST)
		q = &p->errq;
	else if (handle == ERRQ_HANDLE_GLOBAL && p->manager)
		q = errq_global();
	else
		return handle == ERRQ_HANDLE_GLOBAL ? EV_EPERM : EV_EINVAL;
	if (a->in[1] < ERRQ_RECORD_SIZE)
		return EV_EINVAL;
	buf = partition_gpa_ptr(p, a->in[2], ERRQ_RECORD_SIZE);
	if (!buf)
		return EV_EFAULT;
	if (errq_pop(q, &e, a->in[3] != 0))
		return EV_ENOENT;
	errq_encode(&e, buf);
	a->out[0] = ERRQ_RECORD_SIZE;
	return EV_SUCCESS;
}

long hc_weir_dma_copy(struct vcpu *v, struct hcall_args *a)
{
	int ret = dma_engine_copy(v->part, (u32)a->in[0], a->in[1], a->in[2],
				  (u32)a->in[3]);

	return ret == -EPERM ? EV_EINVAL : hcall_status(ret);
}
