// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI hcalls:
 *   FH_VMPIC_GET_MSIR r3 MSI source -> r4 collected MSIR bits (Linux
 *       asm/fsl_hcalls.h fh_vmpic_get_msir, used by sysdev/fsl_msi.c)
 *   WEIR_HC_MSI_INFO r3 LIOBN -> r4:r5 doorbell IOVA, r6 SRS shift, r7 IBS
 *       shift of the MSI data word (include/weir/msi.h), r8 vPIC source
 *       of MSIR 0 (doc/tce.md, "MSI doorbell")
 * The dispatcher runs both under dma_lock() (HC_DMA_LOCK): the MSIR bits
 * and the windows belong to the IOMMU layer.
 */
#include <weir/dma.h>
#include <weir/epapr.h>
#include <weir/msi.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

long hc_vmpic_get_msir(struct vcpu *v, struct hcall_args *a)
{
	u32 val;

	if (msi_get_msir(v->part, (u32)a->in[0], &val))
		return EV_EINVAL;
	a->out[0] = val;
	return EV_SUCCESS;
}

long hc_weir_msi_info(struct vcpu *v, struct hcall_args *a)
{
	struct msi_bank *b = msi_bank_of(v->part);
	struct dma_window *w;
	u32 srs, ibs;

	if (dma_window_lookup(v->part, (u32)a->in[0], &w))
		return EV_EINVAL;
	if (!b || !w->group->cfg.has_doorbell)
		return EV_ENODEV;
	a->out[0] = w->group->cfg.msi_iova + b->d.doorbell % SZ_4K;
	msi_bank_shifts(b, &srs, &ibs);
	a->out[1] = srs;
	a->out[2] = ibs;
	a->out[3] = VPIC_IRQ_MSI(0);
	return EV_SUCCESS;
}
