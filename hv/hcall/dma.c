// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA control hcalls:
 *   FH_DMA_ENABLE / FH_DMA_DISABLE  r3 DMA handle ("fsl,hv-dma-handle";
 *       Linux include/uapi/linux/fsl_hypervisor.h, asm/fsl_hcalls.h
 *       fh_dma_enable/fh_dma_disable, 6.1)
 *   FH_ERR_GET_INFO  r3 queue handle, r4 buffer size, r5:r6 buffer GPA
 *       (hi:lo), r7 peek -> r4 bytes copied (asm/fsl_hcalls.h
 *       fh_err_get_info; record layout: include/weir/errq.h)
 *   WEIR_HC_DMA_COPY r3 DMA handle, r4:r5 source IOVA, r6:r7 destination
 *       IOVA, r8 length (include/weir/epapr.h, doc/dma-engine.md)
 *   FH_VMPIC_GET_MSIR r3 MSI source -> r4 collected MSIR bits (Linux
 *       asm/fsl_hcalls.h fh_vmpic_get_msir, used by sysdev/fsl_msi.c)
 *   WEIR_HC_MSI_INFO r3 LIOBN -> r4:r5 doorbell IOVA, r6 SRS shift, r7 IBS
 *       shift of the MSI data word (include/weir/msi.h), r8 vPIC source
 *       of MSIR 0 (doc/tce.md, "MSI doorbell")
 * A handle of another partition is EV_EINVAL like an unknown one, so a
 * guest learns nothing about other partitions' devices. Every handler
 * runs under dma_lock().
 */
#include <errno.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/epapr.h>
#include <weir/errq.h>
#include <weir/msi.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

static u64 pair(const u32 *gpr, unsigned int hi)
{
	return (u64)gpr[hi] << 32 | gpr[hi + 1];
}

/* Run @fn under dma_lock(). */
static u32 locked(u32 (*fn)(struct vcpu *v, u32 *gpr), struct vcpu *v,
		  u32 *gpr)
{
	u32 st;

	dma_lock();
	st = fn(v, gpr);
	dma_unlock();
	return st;
}

static u32 dma_set(struct vcpu *v, u32 handle, bool on)
{
	struct dma_group *g;
	int ret;

	dma_lock();
	ret = dma_group_by_handle(v->part, handle, &g);
	if (!ret)
		ret = dma_group_set_enabled(g, on);
	dma_unlock();
	return ret == -EPERM ? EV_EINVAL : hcall_status(ret);
}

u32 hc_dma_enable(struct vcpu *v, u32 *gpr)
{
	return dma_set(v, gpr[3], true);
}

u32 hc_dma_disable(struct vcpu *v, u32 *gpr)
{
	return dma_set(v, gpr[3], false);
}

static u32 err_get_info(struct vcpu *v, u32 *gpr)
{
	struct partition *p = v->part;
	struct hv_error e;
	struct errq *q;
	void *buf;

	if (gpr[3] == ERRQ_HANDLE_GUEST)
		q = &p->errq;
	else if (gpr[3] == ERRQ_HANDLE_GLOBAL && p->manager)
		q = errq_global();
	else
		return gpr[3] == ERRQ_HANDLE_GLOBAL ? EV_EPERM : EV_EINVAL;
	if (gpr[4] < ERRQ_RECORD_SIZE)
		return EV_EINVAL;
	buf = partition_gpa_ptr(p, pair(gpr, 5), ERRQ_RECORD_SIZE);
	if (!buf)
		return EV_EFAULT;
	if (errq_pop(q, &e, gpr[7] != 0))
		return EV_ENOENT;
	errq_encode(&e, buf);
	gpr[4] = ERRQ_RECORD_SIZE;
	return EV_SUCCESS;
}

u32 hc_err_get_info(struct vcpu *v, u32 *gpr)
{
	return locked(err_get_info, v, gpr);
}

u32 hc_weir_dma_copy(struct vcpu *v, u32 *gpr)
{
	int ret;

	dma_lock();
	ret = dma_engine_copy(v->part, gpr[3], pair(gpr, 4), pair(gpr, 6),
			      gpr[8]);
	dma_unlock();
	return ret == -EPERM ? EV_EINVAL : hcall_status(ret);
}

u32 hc_vmpic_get_msir(struct vcpu *v, u32 *gpr)
{
	u32 val;
	int ret;

	dma_lock();
	ret = msi_get_msir(v->part, gpr[3], &val);
	dma_unlock();
	if (ret)
		return EV_EINVAL;
	gpr[4] = val;
	return EV_SUCCESS;
}

static u32 msi_info(struct vcpu *v, u32 *gpr)
{
	struct msi_bank *b = msi_bank_of(v->part);
	struct dma_window *w;
	u64 iova;

	if (dma_window_lookup(v->part, gpr[3], &w))
		return EV_EINVAL;
	if (!b || !w->group->cfg.has_doorbell)
		return EV_ENODEV;
	iova = w->group->cfg.msi_iova + b->d.doorbell % SZ_4K;
	gpr[4] = (u32)(iova >> 32);
	gpr[5] = (u32)iova;
	msi_bank_shifts(b, &gpr[6], &gpr[7]);
	gpr[8] = VPIC_IRQ_MSI(0);
	return EV_SUCCESS;
}

u32 hc_weir_msi_info(struct vcpu *v, u32 *gpr)
{
	return locked(msi_info, v, gpr);
}
