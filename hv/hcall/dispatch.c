// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ePAPR / Freescale hcall dispatch (include/weir/hcall.h, the ABI in
 * include/weir/epapr.h). The token in r11 is (vendor << 16) | number;
 * like Topaz the vendor is taken from bits 16..30 and vendor 0 is accepted
 * as ePAPR (../shared/reference/pamu-and-linux-guest.md §4.1). Vendor 3
 * (IBM) carries the PAPR TCE hcalls and H_RTAS (doc/tce.md), vendor
 * WEIR_VENDOR_ID weir's own device hcalls. Handlers live in
 * hv/hcall_{bytechan,pic,partition,dma,tce}.c, one small function each.
 * Calls from the guest's problem state are refused by the vCPU code
 * before they get here.
 */
#include <errno.h>
#include <weir/epapr.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

#define EPAPR(num, fn)	{ EV_EPAPR_VENDOR_ID, num, #num, fn }
#define FSL(num, fn)	{ EV_FSL_VENDOR_ID, num, #num, fn }
#define PAPR(num, fn)	{ PAPR_EPAPR_VENDOR, num, #num, fn }
#define WEIR(num, fn)	{ WEIR_VENDOR_ID, num, #num, fn }

/* Sorted by (vendor, number): hcall_find() bisects it (a new entry goes
 * in its place; test_hcall checks the order with hcall_table_check()). */
static const struct hcall_desc hcall_table[] = {
	EPAPR(EV_BYTE_CHANNEL_SEND, hc_byte_channel_send),
	EPAPR(EV_BYTE_CHANNEL_RECEIVE, hc_byte_channel_receive),
	EPAPR(EV_BYTE_CHANNEL_POLL, hc_byte_channel_poll),
	EPAPR(EV_INT_SET_CONFIG, hc_int_set_config),
	EPAPR(EV_INT_GET_CONFIG, hc_int_get_config),
	EPAPR(EV_INT_SET_MASK, hc_int_set_mask),
	EPAPR(EV_INT_GET_MASK, hc_int_get_mask),
	EPAPR(EV_INT_IACK, hc_int_iack),
	EPAPR(EV_INT_EOI, hc_int_eoi),
	EPAPR(EV_IDLE, hc_idle),
	FSL(FH_ERR_GET_INFO, hc_err_get_info),
	FSL(FH_PARTITION_RESTART, hc_partition_restart),
	FSL(FH_PARTITION_GET_STATUS, hc_partition_get_status),
	FSL(FH_PARTITION_STOP, hc_partition_stop),
	FSL(FH_DMA_ENABLE, hc_dma_enable),
	FSL(FH_DMA_DISABLE, hc_dma_disable),
	FSL(FH_VMPIC_GET_MSIR, hc_vmpic_get_msir),
	FSL(FH_SYSTEM_RESET, hc_system_reset),
	PAPR(H_GET_TCE, hc_h_get_tce),
	PAPR(H_PUT_TCE, hc_h_put_tce),
	PAPR(H_STUFF_TCE, hc_h_stuff_tce),
	PAPR(H_PUT_TCE_INDIRECT, hc_h_put_tce_indirect),
	PAPR(H_RTAS, hc_h_rtas),
	WEIR(WEIR_HC_MSI_INFO, hc_weir_msi_info),
	WEIR(WEIR_HC_DMA_COPY, hc_weir_dma_copy),
};

static u32 desc_key(const struct hcall_desc *d)
{
	return (u32)d->vendor << 16 | d->num;
}

int hcall_table_check(void)
{
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(hcall_table); i++)
		if (desc_key(&hcall_table[i - 1]) >= desc_key(&hcall_table[i]))
			return -EINVAL;
	return 0;
}

static const struct hcall_desc *hcall_find(u32 token)
{
	u32 vendor = EV_TOKEN_VENDOR(token);
	u32 key, k, lo = 0, hi = ARRAY_SIZE(hcall_table), mid;

	if (vendor == EV_LOCAL_VENDOR_ID)
		vendor = EV_EPAPR_VENDOR_ID;
	key = vendor << 16 | EV_TOKEN_NUM(token);
	while (lo < hi) {	/* about 5 steps instead of a scan of all */
		mid = (lo + hi) / 2;
		k = desc_key(&hcall_table[mid]);
		if (k == key)
			return &hcall_table[mid];
		if (k < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void hcall_dispatch(struct vcpu *v)
{
	u32 *gpr = v->regs.gpr;
	const struct hcall_desc *d = hcall_find(gpr[11]);
	u32 status;

	if (!d) {
		/* a PAPR caller (vendor 3) expects PAPR's H_FUNCTION, as
		 * papr_hcall() and QEMU/KVM answer (doc/tce.md) */
		gpr[3] = EV_TOKEN_VENDOR(gpr[11]) == PAPR_EPAPR_VENDOR ?
			 (u32)H_FUNCTION : EV_UNIMPLEMENTED;
		return;
	}
	status = d->fn(v, gpr);
	if (status != HCALL_NORETURN)
		gpr[3] = status;
}

u32 hcall_status(int err)
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
