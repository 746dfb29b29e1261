// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * weirdma: the DMA-window exercise of weir's Linux guest (doc/linux-guest.md),
 * an out-of-tree module built against the guest kernel. Loading it runs the
 * exercise once and reports every step as "weirdma: check <what>: ok|FAIL";
 * the module then stays loaded doing nothing until our init removes it.
 *
 * It owns weir's emulated DMA engine (the /dma-engine node, compatible
 * "weir,dma-engine", doc/dma-engine.md) and manages its DMA windows the way
 * a pSeries guest does (doc/tce.md): pages mapped with H_PUT_TCE_INDIRECT
 * batches and unmapped with H_STUFF_TCE in the default window, a copy
 * through the engine (WEIR_HC_DMA_COPY) checked byte for byte, a copy
 * through an unmapped IOVA that must be refused and appear in the
 * partition's error queue (FH_ERR_GET_INFO), then one dynamic DMA window
 * (RTAS ibm,remove/create/reset-pe-dma-window through H_RTAS) used the
 * same way.
 *
 * hcalls go through the kernel's epapr_hypercall() (asm/epapr_hcalls.h),
 * whose stub Linux patched from /hypervisor/hcall-instructions. 64-bit
 * arguments are register pairs, high word first (doc/tce.md).
 */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/epapr_hcalls.h>

/* PAPR opcodes and status (LoPAR; include/weir/papr.h). */
#define H_STUFF_TCE		0x138
#define H_PUT_TCE_INDIRECT	0x13C
#define H_GET_TCE		0x1C
#define H_SUCCESS		0
#define PAPR_TOKEN(op)		((3ul << 16) | (op))	/* ePAPR vendor 3 */

/* Freescale and weir hcalls (include/weir/epapr.h). */
#define FH_ERR_GET_INFO		1
#define FH_DMA_ENABLE		9
#define WEIR_VENDOR_ID		0x5745
#define WEIR_HC_DMA_COPY	2
#define ERRQ_GUEST		1	/* the partition's own error queue */
#define ERR_RECORD_SIZE		128

#define TCE_R			0x1ull
#define TCE_W			0x2ull
#define NPAGES			4
#define BUF_ORDER		2	/* NPAGES pages */
/*
 * The default window is 1 GiB reflected into 256 IOMMU slots of 4 MiB
 * ("bounded", doc/tce.md): a slot has one permission, so the read-only
 * source and the write-only destination live in different slots.
 */
#define SRC_IOVA		0x000000ull
#define DST_IOVA		0x400000ull
#define HOLE_IOVA		0x800000ull	/* never mapped */

struct engine {
	u32 handle, liobn, rtas_token, buid_hi, buid_lo;
	u32 query, create, remove, reset;	/* DDW RTAS tokens */
};

static int failed, checks;

static void check(const char *what, long got, long want)
{
	checks++;
	if (got == want) {
		pr_info("weirdma: check %s: ok\n", what);
		return;
	}
	failed++;
	pr_info("weirdma: check %s: FAIL (got %ld, want %ld)\n", what, got, want);
}

static long hcall(unsigned long token, unsigned long a0, unsigned long a1,
		  unsigned long a2, unsigned long a3, unsigned long a4,
		  unsigned long a5, unsigned long *out)
{
	unsigned long in[8] = { a0, a1, a2, a3, a4, a5, 0, 0 }, o[8];
	long r = (long)(int)epapr_hypercall(in, o, token);

	if (out)
		memcpy(out, o, sizeof(o));
	return r;
}

#define HI(x)	((unsigned long)((u64)(x) >> 32))
#define LO(x)	((unsigned long)(u32)(x))

static long put_indirect(u32 liobn, u64 iova, const u64 *list, unsigned long n)
{
	phys_addr_t l = virt_to_phys((void *)list);

	return hcall(PAPR_TOKEN(H_PUT_TCE_INDIRECT), liobn, HI(iova), LO(iova),
		     HI(l), LO(l), n, NULL);
}

static long stuff(u32 liobn, u64 iova, u64 tce, unsigned long n)
{
	return hcall(PAPR_TOKEN(H_STUFF_TCE), liobn, HI(iova), LO(iova),
		     HI(tce), LO(tce), n, NULL);
}

static u64 get_tce(u32 liobn, u64 iova)
{
	unsigned long o[8];

	if (hcall(PAPR_TOKEN(H_GET_TCE), liobn, HI(iova), LO(iova), 0, 0, 0, o))
		return ~0ull;
	return (u64)o[0] << 32 | (u32)o[1];
}

static long dma_copy(const struct engine *e, u64 src, u64 dst, u32 len)
{
	return hcall((WEIR_VENDOR_ID << 16) | WEIR_HC_DMA_COPY, e->handle,
		     HI(src), LO(src), HI(dst), LO(dst), len, NULL);
}

/* One RTAS call through H_RTAS; returns the RTAS status (rets[0]). */
static long rtas_call(const struct engine *e, u32 *buf, u32 token, u32 nargs,
		      u32 nret, const u32 *in, u32 *out)
{
	u32 i;

	buf[0] = token;
	buf[1] = nargs;
	buf[2] = nret;
	for (i = 0; i < nargs; i++)
		buf[3 + i] = in[i];
	if (hcall(e->rtas_token, LO(virt_to_phys(buf)), 0, 0, 0, 0, 0, NULL))
		return -99;
	for (i = 0; i < nret; i++)
		out[i] = buf[3 + nargs + i];
	return (s32)out[0];
}

static int find_engine(struct engine *e)
{
	struct device_node *np, *rtas;
	u32 w[5], app[3], ext[2], buid[2];
	int err;

	np = of_find_compatible_node(NULL, NULL, "weir,dma-engine");
	if (!np) {
		pr_info("weirdma: no \"weir,dma-engine\" node: this partition has no DMA engine\n");
		return -ENODEV;
	}
	err = of_property_read_u32(np, "fsl,hv-dma-handle", &e->handle) ?:
	      of_property_read_u32_array(np, "ibm,dma-window", w, 5) ?:
	      of_property_read_u32_array(np, "ibm,ddw-applicable", app, 3) ?:
	      of_property_read_u32_array(np, "ibm,ddw-extensions", ext, 2) ?:
	      of_property_read_u32_array(np, "weir,buid", buid, 2);
	pr_info("weirdma: engine %pOF: handle 0x%x, default window liobn 0x%x, %u MiB\n",
		np, e->handle, w[0], (u32)(((u64)w[3] << 32 | w[4]) >> 20));
	of_node_put(np);
	if (err) {
		pr_info("weirdma: %s: properties missing (%d)\n", "dma-engine", err);
		return err;
	}
	rtas = of_find_node_by_path("/rtas");
	err = rtas ? of_property_read_u32(rtas, "weir,rtas-hcall", &e->rtas_token) : -ENOENT;
	of_node_put(rtas);
	if (err) {
		pr_info("weirdma: /rtas weir,rtas-hcall missing (%d)\n", err);
		return err;
	}
	e->liobn = w[0];
	e->query = app[0];
	e->create = app[1];
	e->remove = app[2];
	e->reset = ext[1];
	e->buid_hi = buid[0];
	e->buid_lo = buid[1];
	return 0;
}

static void fill(u8 *b, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		b[i] = (u8)(seed + i * 7);
}

/* Map @n pages from @buf at @iova in @liobn with one INDIRECT batch. */
static long map_pages(u32 liobn, u64 iova, void *buf, unsigned int n,
		      u64 perms, u64 *list)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		list[i] = (u64)virt_to_phys(buf + i * PAGE_SIZE) | perms;
	return put_indirect(liobn, iova, list, n);
}

static void default_window(const struct engine *e, u8 *src, u8 *dst, u64 *list,
			   u8 *rec)
{
	const size_t len = NPAGES * PAGE_SIZE;
	unsigned long o[8];
	long st;

	check("indirect-src", map_pages(e->liobn, SRC_IOVA, src, NPAGES, TCE_R, list),
	      H_SUCCESS);
	check("indirect-dst", map_pages(e->liobn, DST_IOVA, dst, NPAGES, TCE_W, list),
	      H_SUCCESS);
	check("get-tce", get_tce(e->liobn, SRC_IOVA + PAGE_SIZE) ==
	      ((u64)virt_to_phys(src + PAGE_SIZE) | TCE_R), 1);
	fill(src, len, 0x31);
	memset(dst, 0, len);
	check("copy", dma_copy(e, SRC_IOVA, DST_IOVA, len), EV_SUCCESS);
	check("copy-data", memcmp(src, dst, len), 0);

	/* unmapped source: refused, nothing copied, error queued */
	memset(dst, 0, len);
	check("copy-unmapped", dma_copy(e, HOLE_IOVA, DST_IOVA, PAGE_SIZE), EV_EFAULT);
	check("copy-unmapped-nothing", dst[0] | dst[PAGE_SIZE - 1], 0);
	st = hcall((EV_FSL_VENDOR_ID << 16) | FH_ERR_GET_INFO, ERRQ_GUEST,
		   ERR_RECORD_SIZE, HI(virt_to_phys(rec)), LO(virt_to_phys(rec)),
		   0, 0, o);
	check("error-queue", st, EV_SUCCESS);
	if (!st)
		pr_info("weirdma: error record: %.16s, %.32s, guest-id %u, liodn %u, IOVA 0x%llx, device %.48s\n",
			rec, rec + 0x10, be32_to_cpup((__be32 *)(rec + 0x30)),
			be32_to_cpup((__be32 *)(rec + 0x38)),
			be64_to_cpup((__be64 *)(rec + 0x48)), rec + 0x50);
	check("error-record-iova", !st && be64_to_cpup((__be64 *)(rec + 0x48)) == HOLE_IOVA, 1);
	/* the violation disabled the engine's DMA: enable it again */
	check("dma-enable", hcall((EV_FSL_VENDOR_ID << 16) | FH_DMA_ENABLE,
				  e->handle, 0, 0, 0, 0, 0, NULL), EV_SUCCESS);

	/* H_STUFF_TCE unmaps: the same copy is refused now */
	check("stuff-unmap", stuff(e->liobn, SRC_IOVA, 0, NPAGES), H_SUCCESS);
	check("stuff-unmap-dst", stuff(e->liobn, DST_IOVA, 0, NPAGES), H_SUCCESS);
	check("copy-after-unmap", dma_copy(e, SRC_IOVA, DST_IOVA, PAGE_SIZE), EV_EFAULT);
	hcall((EV_FSL_VENDOR_ID << 16) | FH_DMA_ENABLE, e->handle, 0, 0, 0, 0, 0, NULL);
	while (!hcall((EV_FSL_VENDOR_ID << 16) | FH_ERR_GET_INFO, ERRQ_GUEST,
		      ERR_RECORD_SIZE, HI(virt_to_phys(rec)), LO(virt_to_phys(rec)),
		      0, 0, NULL))
		;
}

/* One dynamic DMA window: 4 KiB pages, 1 MiB (256 TCEs, doc/tce.md). */
static void dynamic_window(const struct engine *e, u8 *src, u8 *dst, u64 *list,
			   u32 *rtas)
{
	const size_t len = NPAGES * PAGE_SIZE;
	u32 in[5] = { 0, e->buid_hi, e->buid_lo, 12, 20 }, out[6], lb;
	u64 start;

	check("ddw-query", rtas_call(e, rtas, e->query, 3, 5, in, out), 0);
	check("ddw-none-while-default", out[1], 0);
	check("ddw-remove-default", rtas_call(e, rtas, e->remove, 1, 1, &e->liobn, out), 0);
	check("ddw-query-again", rtas_call(e, rtas, e->query, 3, 5, in, out), 0);
	check("ddw-one-available", out[1], 1);
	check("ddw-create", rtas_call(e, rtas, e->create, 5, 4, in, out), 0);
	lb = out[1];
	start = (u64)out[2] << 32 | out[3];
	pr_info("weirdma: DDW liobn 0x%x at 0x%llx, 1 MiB of 4 KiB pages\n", lb, start);
	check("ddw-indirect-src", map_pages(lb, start, src, NPAGES, TCE_R, list), H_SUCCESS);
	check("ddw-indirect-dst", map_pages(lb, start + len, dst, NPAGES, TCE_W, list),
	      H_SUCCESS);
	fill(src, len, 0x77);
	memset(dst, 0, len);
	check("ddw-copy", dma_copy(e, start, start + len, len), EV_SUCCESS);
	check("ddw-copy-data", memcmp(src, dst, len), 0);
	check("ddw-stuff-unmap", stuff(lb, start, 0, 2 * NPAGES), H_SUCCESS);
	check("ddw-copy-after-unmap", dma_copy(e, start, start + len, 16), EV_EFAULT);
	hcall((EV_FSL_VENDOR_ID << 16) | FH_DMA_ENABLE, e->handle, 0, 0, 0, 0, 0, NULL);
	check("ddw-reset", rtas_call(e, rtas, e->reset, 3, 1, in, out), 0);
	check("ddw-default-back", get_tce(e->liobn, SRC_IOVA), 0);
}

static int __init weirdma_init(void)
{
	struct engine e;
	u8 *src = NULL, *dst = NULL, *rec = NULL;
	u64 *list = NULL;
	u32 *rtas = NULL;
	int err;

	failed = checks = 0;
	err = find_engine(&e);
	if (err)
		return err;
	src = (u8 *)__get_free_pages(GFP_KERNEL, BUF_ORDER);
	dst = (u8 *)__get_free_pages(GFP_KERNEL, BUF_ORDER);
	list = (u64 *)__get_free_page(GFP_KERNEL);	/* one 4 KiB-aligned page */
	rec = kzalloc(ERR_RECORD_SIZE, GFP_KERNEL);
	rtas = kzalloc(64, GFP_KERNEL);
	if (!src || !dst || !list || !rec || !rtas) {
		err = -ENOMEM;
		goto out;
	}
	default_window(&e, src, dst, list, rec);
	dynamic_window(&e, src, dst, list, rtas);
	pr_info("weirdma: done, %d checks, %d failed\n", checks, failed);
	err = failed ? -EIO : 0;
out:
	kfree(rtas);
	kfree(rec);
	free_page((unsigned long)list);
	free_pages((unsigned long)dst, BUF_ORDER);
	free_pages((unsigned long)src, BUF_ORDER);
	return err;
}

static void __exit weirdma_exit(void)
{
}

module_init(weirdma_init);
module_exit(weirdma_exit);
MODULE_DESCRIPTION("weir DMA-window exercise (TCE hcalls, DDW, emulated DMA engine)");
MODULE_LICENSE("GPL");
