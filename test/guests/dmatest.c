// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmatest: a partition that owns weir's emulated DMA engine and manages
 * its DMA windows the way a pSeries Linux guest does (doc/tce.md):
 * Linux's boot-time clear of the default window (512 x STUFF(512)),
 * INDIRECT batches, a copy through TCE-mapped pages, a copy through an
 * unmapped IOVA that must fault and land in its error queue, DMA
 * disable/enable, refusals (foreign memory, foreign LIOBN, the MSI
 * range), and a DDW cycle (remove the default window, create a 16 MiB-
 * page window, map all RAM, copy, remove, default back). Every check
 * prints "check <what>: ok" or "check <what>: FAIL (...)"; then it beats.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define RW		(TCE_R | TCE_W)
#define TCE_R		0x1u
#define TCE_W		0x2u
#define PG		0x1000u
#define RTAS_TOKEN	PAPR_EPAPR_TOKEN(H_RTAS)

static int failed;
static u32 handle, liobn, page_shift, buid_hi, buid_lo, ddw_tok[4];
static u64 win_size;

/* Buffers: page aligned, inside the initial mapped area (ea == gpa). */
static u8 src[4 * PG] __attribute__((aligned(16 * PG)));
static u8 dst[4 * PG] __attribute__((aligned(16 * PG)));
static u32 list[512 * 2] __attribute__((aligned(PG)));
static u32 list2[8] __attribute__((aligned(PG)));	/* INDIRECT lists are one 4 KiB-aligned page (LoPAR) */
static u8 rec[ERRQ_RECORD_SIZE];
static u32 rtas[16] __attribute__((aligned(8)));

static void check(const char *what, s32 got, s32 want)
{
	if (got == want) {
		printf("check %s: ok\n", what);
		return;
	}
	failed++;
	printf("check %s: FAIL (got %ld want %ld)\n", what, (long)got,
	       (long)want);
}

/* weir's DMA engine: one copy job on our engine */
static u32 dma_copy_h(u64 s, u64 d, u32 len)
{
	return weir_dma_copy(handle, s, d, len);
}

static u32 fh(u32 num, u32 a0, u32 a1, u32 a2, u32 a3, u32 a4, u32 *r4)
{
	u32 args[8] = { a0, a1, a2, a3, a4, 0, 0, 0 }, o[8];
	u32 r = hcall_raw(EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, num), args, o);

	if (r4)
		*r4 = o[1];
	return r;
}

/* One RTAS call through H_RTAS; returns the RTAS status (rets[0]). */
static s32 rtas_call(u32 token, u32 nargs, u32 nret, const u32 *in,
		     u32 *out)
{
	u32 args[8] = { (u32)rtas, 0 }, i;

	rtas[0] = token;
	rtas[1] = nargs;
	rtas[2] = nret;
	for (i = 0; i < nargs; i++)
		rtas[3 + i] = in[i];
	if ((s32)hcall_raw(RTAS_TOKEN, args, NULL) != H_SUCCESS)
		return -99;
	for (i = 0; i < nret; i++)
		out[i] = rtas[3 + nargs + i];
	return (s32)out[0];
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static bool find_engine(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_DMA_ENGINE);
	const fdt32_t *w, *h, *ps, *app, *ext, *b;

	if (node < 0)
		return false;
	h = fdt_getprop(fdt, node, DT_PROP_DMA_HANDLE, NULL);
	w = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, NULL);
	ps = fdt_getprop(fdt, node, DT_PROP_DMA_PAGE_SHIFT, NULL);
	app = fdt_getprop(fdt, node, DT_PROP_DDW_APPLICABLE, NULL);
	ext = fdt_getprop(fdt, node, DT_PROP_DDW_EXTENSIONS, NULL);
	b = fdt_getprop(fdt, node, DT_PROP_BUID, NULL);
	if (!h || !w || !ps || !app || !ext || !b)
		return false;
	handle = fdt32_to_cpu(h[0]);
	liobn = fdt32_to_cpu(w[0]);
	win_size = (u64)fdt32_to_cpu(w[3]) << 32 | fdt32_to_cpu(w[4]);
	page_shift = fdt32_to_cpu(ps[0]);
	ddw_tok[0] = fdt32_to_cpu(app[0]);
	ddw_tok[1] = fdt32_to_cpu(app[1]);
	ddw_tok[2] = fdt32_to_cpu(app[2]);
	ddw_tok[3] = fdt32_to_cpu(ext[1]);
	buid_hi = fdt32_to_cpu(b[0]);
	buid_lo = fdt32_to_cpu(b[1]);
	return true;
}

/* Linux's iommu_table_clear() at boot: STUFF(512) over the window. */
static void boot_clear(void)
{
	u64 n = win_size >> page_shift, i;
	s32 r = H_SUCCESS;

	for (i = 0; i < n && r == H_SUCCESS; i += 512)
		r = tce_stuff(liobn, i << page_shift, 0, n - i < 512 ? n - i : 512);
	check("clear-default-window", r, H_SUCCESS);
}

static void fill(u8 *b, u32 len, u8 seed)
{
	u32 i;

	for (i = 0; i < len; i++)
		b[i] = (u8)(seed + i * 7);
}

/* Map src at IOVA 0 (slot 0) and dst at IOVA 4 MiB (slot 1) by INDIRECT. */
static void map_buffers(void)
{
	u32 i;

	for (i = 0; i < 4; i++) {
		list[2 * i] = 0;
		list[2 * i + 1] = ((u32)src + i * PG) | TCE_R;
		list2[2 * i] = 0;
		list2[2 * i + 1] = ((u32)dst + i * PG) | TCE_W;
	}
	check("indirect-src", tce_indirect(liobn, 0, list, 4), H_SUCCESS);
	check("indirect-dst", tce_indirect(liobn, 0x400000, list2, 4), H_SUCCESS);
	check("get-tce", (s32)(tce_get(liobn, 0x3000) == (((u32)src + 3 * PG) | TCE_R)),
	      1);
}

/*
 * INDIRECT(512), Linux's batch size: 2 MiB of guest RAM at 16 MiB mapped
 * at IOVA 12 MiB (slot 3), read back, copied into through the engine,
 * then unmapped with STUFF(512).
 */
#define BIG_GPA		0x1000000u
#define BIG_IOVA	0xc00000u
static void batch_512(void)
{
	volatile u8 *big = (volatile u8 *)BIG_GPA;
	u32 i;

	for (i = 0; i < 512; i++) {
		list[2 * i] = 0;
		list[2 * i + 1] = (BIG_GPA + i * PG) | RW;
	}
	check("indirect-512", tce_indirect(liobn, BIG_IOVA, list, 512), H_SUCCESS);
	check("indirect-512-last", (s32)(tce_get(liobn, BIG_IOVA + 511 * PG) ==
					 ((BIG_GPA + 511 * PG) | RW)), 1);
	fill(src, PG, 0x5c);
	check("indirect-512-copy", (s32)dma_copy_h(0, BIG_IOVA + 511 * PG, PG),
	      EV_SUCCESS);
	check("indirect-512-data", (s32)(big[511 * PG] == src[0] &&
					 big[511 * PG + PG - 1] == src[PG - 1]), 1);
	check("stuff-512-unmap", tce_stuff(liobn, BIG_IOVA, 0, 512), H_SUCCESS);
	check("stuff-512-faults", (s32)dma_copy_h(0, BIG_IOVA, 16), EV_EFAULT);
	fh(FH_DMA_ENABLE, handle, 0, 0, 0, 0, NULL);
	while (fh(FH_ERR_GET_INFO, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
		  (u32)rec, 0, NULL) == EV_SUCCESS)
		;
}

static void copy_and_fault(void)
{
	u32 st, n, v;

	fill(src, sizeof(src), 0x31);
	memset(dst, 0, sizeof(dst));
	check("copy-mapped", (s32)dma_copy_h(0, 0x400000, sizeof(src)), EV_SUCCESS);
	check("copy-data", memcmp(src, dst, sizeof(src)), 0);

	/* IOVA 8 MiB has no TCE: refused, nothing copied, error queued */
	memset(dst, 0, sizeof(dst));
	check("copy-unmapped", (s32)dma_copy_h(0x800000, 0x400000, PG), EV_EFAULT);
	check("copy-unmapped-nothing", dst[0] | dst[PG - 1], 0);
	st = fh(FH_ERR_GET_INFO, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
		(u32)rec, 0, &n);
	check("err-get-info", (s32)st, EV_SUCCESS);
	check("err-record-size", (s32)n, ERRQ_RECORD_SIZE);
	check("err-record-addr", (s32)be32(rec + ERRQ_OFF_ADDR + 4), 0x800000);
	v = be32(rec + ERRQ_OFF_LPID);
	printf("dmatest: error record: %s, %s, lpid %u, liodn %u, IOVA 0x%x, device %s\n",
	       (char *)rec, (char *)rec + ERRQ_OFF_ERROR, (unsigned)v,
	       (unsigned)be32(rec + ERRQ_OFF_LIODN),
	       (unsigned)be32(rec + ERRQ_OFF_ADDR + 4),
	       (char *)rec + ERRQ_OFF_PATH);
	check("err-queue-empty",
	      (s32)fh(FH_ERR_GET_INFO, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
		      (u32)rec, 0, NULL),
	      EV_ENOENT);
	/* the policy disabled the engine's DMA; FH_DMA_ENABLE restores it */
	check("copy-while-disabled", (s32)dma_copy_h(0, 0x400000, 16), EV_EFAULT);
	check("dma-enable", (s32)fh(FH_DMA_ENABLE, handle, 0, 0, 0, 0, NULL),
	      EV_SUCCESS);
	check("copy-after-enable", (s32)dma_copy_h(0, 0x400000, 16), EV_SUCCESS);
	check("dma-disable", (s32)fh(FH_DMA_DISABLE, handle, 0, 0, 0, 0, NULL),
	      EV_SUCCESS);
	check("copy-disabled", (s32)dma_copy_h(0, 0x400000, 16), EV_EFAULT);
	fh(FH_DMA_ENABLE, handle, 0, 0, 0, 0, NULL);
	while (fh(FH_ERR_GET_INFO, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
		  (u32)rec, 0, NULL) == EV_SUCCESS)
		;
}

static void refusals(void)
{
	u64 ram = guest.ram_size;

	check("tce-beyond-ram", tce_put(liobn, 0x10000, ram | RW), H_PARAMETER);
	check("tce-other-liobn", tce_put(liobn ^ 0x10, 0x10000, (u32)src | RW),
	      H_PARAMETER);
	check("tce-msi-range", tce_put(liobn, 0x8000000, (u32)src | RW), H_PARAMETER);
	check("tce-unaligned-ioba", tce_put(liobn, 0x10008, (u32)src | RW),
	      H_PARAMETER);
	check("stuff-513", tce_stuff(liobn, 0, 0, 513), H_P4);
	check("indirect-513", tce_indirect(liobn, 0, list, 513), H_PARAMETER);
	check("tce-unchanged", (s32)(tce_get(liobn, 0x10000) == 0), 1);
	check("engine-bad-handle", (s32)dma_copy_h(0, 0x400000, 16) == EV_SUCCESS &&
	      hcall_raw(EV_HCALL_TOKEN(WEIR_VENDOR_ID, WEIR_HC_DMA_COPY),
			(u32[8]){ handle + 1, 0, 0, 0, 0x400000, 16 }, NULL) ==
	      EV_EINVAL, 1);
}

static void ddw_cycle(void)
{
	u32 in[5] = { 0, buid_hi, buid_lo, 24, 32 }, out[6], lb;
	u64 start, ram = guest.ram_size, i;

	check("ddw-query-default", rtas_call(ddw_tok[0], 3, 5, in, out), 0);
	check("ddw-none-available", (s32)out[1], 0);
	check("ddw-remove-default", rtas_call(ddw_tok[2], 1, 1, &liobn, out), 0);
	check("ddw-query", rtas_call(ddw_tok[0], 3, 5, in, out), 0);
	check("ddw-one-available", (s32)out[1], 1);
	check("ddw-16m-offered", (s32)(out[3] & 0x4), 0x4);
	check("ddw-create", rtas_call(ddw_tok[1], 5, 4, in, out), 0);
	lb = out[1];
	start = (u64)out[2] << 32 | out[3];
	printf("dmatest: DDW liobn 0x%x at 0x%llx, 4 GiB of 16 MiB pages\n",
	       (unsigned)lb, (unsigned long long)start);
	/* map all RAM 1:1 at start, 16 MiB pages, one INDIRECT batch */
	for (i = 0; i < ram >> 24; i++) {
		list[2 * i] = 0;
		list[2 * i + 1] = (u32)(i << 24) | RW;
	}
	check("ddw-map-all", tce_indirect(lb, start, list, (u32)(ram >> 24)),
	      H_SUCCESS);
	fill(src, sizeof(src), 0x77);
	memset(dst, 0, sizeof(dst));
	check("ddw-copy", (s32)dma_copy_h(start + (u32)src, start + (u32)dst,
				       sizeof(src)), EV_SUCCESS);
	check("ddw-copy-data", memcmp(src, dst, sizeof(src)), 0);
	check("ddw-remove", rtas_call(ddw_tok[2], 1, 1, &lb, out), 0);
	check("ddw-default-back", (s32)(tce_get(liobn, 0) == 0), 1);
	check("ddw-default-usable", tce_put(liobn, 0, (u32)src | RW), H_SUCCESS);
	check("ddw-reset", rtas_call(ddw_tok[3], 3, 1, in, out), 0);
	check("ddw-reset-zeroed", (s32)(tce_get(liobn, 0) == 0), 1);
}

/* ------------------------------------------------------------ MSI */

static volatile u32 msi_irq_seen, msi_bits_seen;
static u32 msi_irq0;

static void msi_interrupt(struct gframe *f, int ivor)
{
	u32 vec = EV_INT_SPURIOUS, bits = 0;

	if (ev_int_iack(&vec) != EV_SUCCESS || vec == EV_INT_SPURIOUS)
		return;
	if (fh(FH_VMPIC_GET_MSIR, vec, 0, 0, 0, 0, &bits) == EV_SUCCESS) {
		msi_irq_seen = vec;
		msi_bits_seen |= bits;
	}
	ev_int_eoi(vec);
}

/*
 * The doorbell: WEIR_HC_MSI_INFO gives its IOVA and the MSI data word's
 * encoding; the engine writes MSIIR (SRS 2, IBS 5) through the window's reserved
 * MSI slot; the MSI comes back as vPIC source irq0 + 2 with bit 5 set in
 * its MSIR (FH_VMPIC_GET_MSIR).
 */
static void msi_doorbell(const void *fdt)
{
	u32 args[8] = { liobn }, o[8], srs = 2, ibs = 5, irq;
	u64 iova;
	u32 *word = (u32 *)src;
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_VMPIC_MSI);
	u64 until;

	if (node < 0) {
		printf("dmatest: no MSI bank\n");
		return;
	}
	check("msi-info", (s32)hcall_raw(EV_HCALL_TOKEN(WEIR_VENDOR_ID,
						       WEIR_HC_MSI_INFO), args, o),
	      EV_SUCCESS);
	iova = (u64)o[1] << 32 | o[2];
	msi_irq0 = o[5];
	irq = msi_irq0 + srs;
	printf("dmatest: MSI doorbell at IOVA 0x%llx, SRS shift %u, IBS shift %u, vPIC %u..\n",
	       (unsigned long long)iova, (unsigned)o[3], (unsigned)o[4],
	       (unsigned)msi_irq0);
	check("msi-tce-refused", tce_put(liobn, iova & ~0xfffULL, (u32)src | RW),
	      H_PARAMETER);
	set_exception_handler(IVOR_EXTERNAL, msi_interrupt);
	check("msi-config", (s32)ev_int_set_config(irq, 2, 8, 0), EV_SUCCESS);
	check("msi-unmask", (s32)ev_int_set_mask(irq, 0), EV_SUCCESS);
	/* source: src page at IOVA 0 (read-mapped by map_buffers) */
	check("msi-map-src", tce_put(liobn, 0, (u32)src | TCE_R), H_SUCCESS);
	/* the MSI data word as a PCI device sends it: little-endian */
	*word = __builtin_bswap32(srs << o[3] | ibs << o[4]);
	check("msi-write", (s32)dma_copy_h(0, iova, 4), EV_SUCCESS);
	until = get_tb() + guest.tb_freq / 5;
	while (!msi_irq_seen && get_tb() < until)
		wait_until(get_tb() + guest.tb_freq / 100);
	check("msi-delivered", (s32)msi_irq_seen, (s32)irq);
	check("msi-bits", (s32)msi_bits_seen, 1 << ibs);
	/* a read of the doorbell page, or a write elsewhere in it: faults */
	check("msi-read-refused", (s32)dma_copy_h(iova, 0x400000, 4), EV_EFAULT);
	fh(FH_DMA_ENABLE, handle, 0, 0, 0, 0, NULL);
	while (fh(FH_ERR_GET_INFO, ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0,
		  (u32)rec, 0, NULL) == EV_SUCCESS)
		;
	set_exception_handler(IVOR_EXTERNAL, NULL);
	ev_int_set_mask(irq, 1);
}

void guest_main(void *fdt)
{
	printf("dmatest: partition %u '%s'\n", (unsigned)guest.id, guest.name);
	if (!find_engine(fdt)) {
		printf("check dt-dma-engine: FAIL (no weir,dma-engine node)\n");
		heartbeat();
	}
	printf("dmatest: engine handle 0x%x, default window liobn 0x%x, %llu MiB, page shift %u\n",
	       (unsigned)handle, (unsigned)liobn,
	       (unsigned long long)(win_size >> 20), (unsigned)page_shift);
	boot_clear();
	map_buffers();
	copy_and_fault();
	batch_512();
	refusals();
	msi_doorbell(fdt);
	ddw_cycle();
	printf("dmatest: done, %d failed\n", failed);
	heartbeat();
}
