// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * avstorm: a partition whose DMA device faults as fast as it can. It owns
 * weir's emulated DMA engine and loops {copy from an unmapped IOVA,
 * FH_DMA_ENABLE}, so every round is one access violation, one error
 * record and one DMA disable in weir (doc/dma-engine.md). It drains its
 * error queue now and then and reports progress:
 * "avstorm: <n> violations, <r> records read, <e> unexpected", and after
 * STORM_LEN violations says "avstorm: done" and beats.
 */
#include <stdio.h>
#include <libfdt.h>
#include "guest.h"

#define REPORT_EVERY	10000
#define STORM_LEN	30000	/* violations, then it beats quietly */

static u8 rec[ERRQ_RECORD_SIZE];

static u32 hc(u32 token, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4, u32 a5)
{
	u32 args[8] = { a0, a1, a2, a3, a4, a5, 0, 0 };

	return hcall_raw(token, args, NULL);
}

void guest_main(void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_DMA_ENGINE);
	const fdt32_t *h = node < 0 ? NULL :
			   fdt_getprop(fdt, node, DT_PROP_DMA_HANDLE, NULL);
	u32 copy = EV_HCALL_TOKEN(WEIR_VENDOR_ID, WEIR_HC_DMA_COPY);
	u32 enable = EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_DMA_ENABLE);
	u32 errinfo = EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_ERR_GET_INFO);
	u32 handle, n = 0, records = 0, unexpected = 0;

	if (!h) {
		printf("avstorm: no weir,dma-engine node\n");
		heartbeat();
	}
	handle = fdt32_to_cpu(h[0]);
	printf("avstorm: start, engine handle 0x%x\n", (unsigned)handle);
	while (n < STORM_LEN) {
		/* IOVA 0x7000000: inside the window, no TCE */
		if (hc(copy, handle, 0, 0x7000000, 0, 0x1000, 64) != EV_EFAULT)
			unexpected++;
		if (hc(enable, handle, 0, 0, 0, 0, 0) != EV_SUCCESS)
			unexpected++;
		if (++n % REPORT_EVERY)
			continue;
		while (hc(errinfo, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
			  (u32)rec, 0, 0) == EV_SUCCESS)
			records++;
		printf("avstorm: %u violations, %u records read, %u unexpected\n",
		       (unsigned)n, (unsigned)records, (unsigned)unexpected);
	}
	printf("avstorm: done\n");
	heartbeat();
}
