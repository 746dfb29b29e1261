/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Names in the device tree weir gives a guest (hv/guest_dt/) that a guest
 * looks up: compatibles and property names. Plain #defines only, shared
 * with the test guests (test/guests/) as the hcall numbers are
 * (include/weir/epapr.h, include/weir/papr.h). Where a name comes from
 * Linux or LoPAR the writer in hv/guest_dt/ cites it.
 */
#ifndef WEIR_GUEST_DT_ABI_H
#define WEIR_GUEST_DT_ABI_H

/* /hypervisor and its children (ePAPR 1.1 §6.2, Linux ehv_bytechan.c,
 * sysdev/ehv_pic.c) */
#define DT_COMPAT_HYPERVISOR "epapr,hypervisor-1"
#define DT_PROP_HV_VERSION "fsl,hv-version"
#define DT_COMPAT_BYTE_CHANNEL "epapr,hv-byte-channel"
#define DT_COMPAT_HV_PIC "epapr,hv-pic"
#define DT_PROP_HV_HANDLE "hv-handle"
#define DT_COMPAT_ERROR_QUEUE "weir,hv-error-queue"

/* DMA devices and groups (doc/tce.md, doc/dma-engine.md) */
#define DT_COMPAT_DMA_ENGINE "weir,dma-engine"
#define DT_COMPAT_DMA_GROUP "weir,dma-group"
#define DT_PROP_DMA_HANDLE "fsl,hv-dma-handle"
#define DT_PROP_DMA_WINDOW "ibm,dma-window"
#define DT_PROP_DMA_PAGE_SHIFT "weir,dma-page-shift"
#define DT_PROP_DDW_APPLICABLE "ibm,ddw-applicable"
#define DT_PROP_DDW_EXTENSIONS "ibm,ddw-extensions"
#define DT_PROP_BUID "weir,buid"

/* the MSI bank (Linux sysdev/fsl_msi.c, FSL_PIC_IP_VMPIC; v4.3: an MPIC
 * 4.3 bank, MSIIR1 data encoding) */
#define DT_COMPAT_VMPIC_MSI "fsl,vmpic-msi"
#define DT_COMPAT_VMPIC_MSI_V43 "fsl,vmpic-msi-v4.3"

#endif
