// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The sandbox IOMMU backend (sandbox_iommu.h): the whole iommu_ops
 * contract of include/weir/iommu.h on plain arrays, for host builds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <weir/alloc.h>
#include "sandbox_iommu.h"

static struct sandbox_iommu *to_sandbox(struct iommu *mmu)
{
	return mmu->priv;
}

/* Start a transaction: the staged state begins as the committed one. */
static void begin(struct sandbox_iommu *f)
{
	if (!f->dirty)
		f->staged = f->committed;
	f->dirty = true;
	f->stages++;
}

static int sandbox_stage_window(struct iommu *mmu, u32 liodn, u64 iova,
				u64 size, unsigned int subwindows)
{
	struct sandbox_iommu *f = to_sandbox(mmu);
	struct sandbox_iommu_liodn *l;

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn > f->caps.max_liodn)
		return -ERANGE;
	if (!IS_POWER_OF_2(size) || size < f->caps.min_window ||
	    !IS_ALIGNED(iova, size) ||
	    iova + size > (1ULL << f->caps.iova_bits) ||
	    !IS_POWER_OF_2(subwindows) || subwindows > f->caps.max_subwindows ||
	    size / subwindows < SZ_4K)
		return -EINVAL;
	if (f->shadow) {
		int ret = f->shadow->ops->stage_window(f->shadow, liodn, iova,
						       size, subwindows);

		if (ret)
			return ret;
	}
	begin(f);
	l = &f->staged.l[liodn];
	memset(l, 0, sizeof(*l));
	l->valid = true;
	l->iova = iova;
	l->size = size;
	l->subwindows = subwindows;
	return 0;
}

static int sandbox_stage_subwindow(struct iommu *mmu, u32 liodn,
				   unsigned int index, phys_addr_t phys,
				   u64 size, unsigned int prot)
{
	struct sandbox_iommu *f = to_sandbox(mmu);
	const struct sandbox_iommu_liodn *cur;
	struct sandbox_iommu_liodn *l;
	u64 slot;

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn > f->caps.max_liodn)
		return -ERANGE;
	cur = f->dirty ? &f->staged.l[liodn] : &f->committed.l[liodn];
	if (!cur->valid)
		return -ENOENT;
	slot = cur->size / cur->subwindows;
	if (index >= cur->subwindows || prot & ~(IOMMU_READ | IOMMU_WRITE))
		return -EINVAL;
	if (prot && (!IS_POWER_OF_2(size) || size < SZ_4K || size > slot ||
		     !IS_ALIGNED(phys, size)))
		return -EINVAL;
	if (f->shadow) {
		int ret = f->shadow->ops->stage_subwindow(
			f->shadow, liodn, index, phys, size, prot);

		if (ret)
			return ret;
	}
	begin(f);
	l = &f->staged.l[liodn];
	l->slot[index].prot = prot;
	l->slot[index].phys = prot ? phys : 0;
	l->slot[index].size = prot ? size : 0;
	return 0;
}

static int sandbox_stage_disable(struct iommu *mmu, u32 liodn)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn > f->caps.max_liodn)
		return -ERANGE;
	if (f->shadow) {
		int ret = f->shadow->ops->stage_disable(f->shadow, liodn);

		if (ret)
			return ret;
	}
	begin(f);
	memset(&f->staged.l[liodn], 0, sizeof(f->staged.l[liodn]));
	return 0;
}

static int sandbox_commit(struct iommu *mmu)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (f->fail_commit)
		return f->fail_commit;
	if (f->shadow) {
		int ret = f->shadow->ops->commit(f->shadow);

		if (ret)
			return ret;
	}
	if (f->dirty)
		f->committed = f->staged;
	f->dirty = false;
	f->commits++;
	return 0;
}

static void sandbox_abort(struct iommu *mmu)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	f->dirty = false;
	f->aborts++;
	if (f->shadow)
		f->shadow->ops->abort(f->shadow);
}

/* The committed mapping of @iova for @access, or the kind of fault. */
static enum iommu_fault_kind lookup(const struct sandbox_iommu *f, u32 liodn,
				    u64 iova, unsigned int access,
				    phys_addr_t *phys)
{
	const struct sandbox_iommu_liodn *l;
	const struct sandbox_iommu_slot *s;
	u64 slot, off;

	if (liodn > f->caps.max_liodn)
		return IOMMU_FAULT_LIODN;
	l = &f->committed.l[liodn];
	if (!l->valid)
		return IOMMU_FAULT_LIODN;
	if (iova < l->iova || iova - l->iova >= l->size)
		return IOMMU_FAULT_WINDOW;
	slot = l->size / l->subwindows;
	s = &l->slot[(iova - l->iova) / slot];
	off = (iova - l->iova) % slot;
	if (!s->prot || off >= s->size)
		return IOMMU_FAULT_WINDOW;
	if ((s->prot & access) != access)
		return IOMMU_FAULT_PERM;
	*phys = s->phys + off;
	return IOMMU_FAULT_NONE;
}

static int sandbox_translate(struct iommu *mmu, u32 liodn, u64 iova,
			     unsigned int access, phys_addr_t *phys)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (f->shadow)
		return f->shadow->ops->translate(f->shadow, liodn, iova, access,
						 phys);
	return lookup(f, liodn, iova, access, phys) == IOMMU_FAULT_NONE ?
		       0 :
		       -EFAULT;
}

static void sandbox_caps(struct iommu *mmu, struct iommu_caps *caps)
{
	*caps = to_sandbox(mmu)->caps;
}

static int sandbox_set_liodn_attr(struct iommu *mmu, u32 liodn,
				  const struct iommu_liodn_attr *attr)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (liodn > f->caps.max_liodn)
		return -ERANGE;
	if (attr->indexed && attr->omi >= 16)
		return -EINVAL;
	if (f->committed.l[liodn].valid ||
	    (f->dirty && f->staged.l[liodn].valid))
		return -EBUSY;
	if (f->shadow) {
		int ret =
			f->shadow->ops->set_liodn_attr(f->shadow, liodn, attr);

		if (ret)
			return ret;
	}
	f->attr[liodn] = *attr;
	return 0;
}

/* Bytes from @addr to the end of its 4 KiB page (every mapping is >= 4
 * KiB and aligned, so one lookup covers a page). */
static u64 page_left(u64 addr)
{
	return SZ_4K - (addr & (SZ_4K - 1));
}

/* One pass of dma_copy(): look every page up, copy when @copy. */
static int copy_pass(struct sandbox_iommu *f, u32 liodn, u64 src, u64 dst,
		     u64 len, const struct iommu_mem *mem, bool copy,
		     struct iommu_fault *fault)
{
	enum iommu_fault_kind k;
	phys_addr_t ps, pd;
	u64 off, n;
	int ret;

	for (off = 0; off < len; off += n) {
		u64 iova = src + off;
		bool write = false;

		n = len - off;
		if (n > page_left(src + off))
			n = page_left(src + off);
		if (n > page_left(dst + off))
			n = page_left(dst + off);
		k = lookup(f, liodn, iova, IOMMU_READ, &ps);
		if (k == IOMMU_FAULT_NONE) {
			iova = dst + off;
			write = true;
			k = lookup(f, liodn, iova, IOMMU_WRITE, &pd);
		}
		if (k != IOMMU_FAULT_NONE) {
			*fault = (struct iommu_fault){
				.liodn = liodn,
				.liodn_valid = liodn <= f->caps.max_liodn,
				.entry_valid = liodn <= f->caps.max_liodn &&
					       f->committed.l[liodn].valid,
				.kind = k,
				.addr = iova,
				.write = write,
			};
			return -EFAULT;
		}
		ret = copy	 ? mem->copy(mem->ctx, pd, ps, n) :
		      mem->check ? mem->check(mem->ctx, pd, ps, n) :
				   0;
		if (ret)
			return ret;
	}
	return 0;
}

static int sandbox_dma_copy(struct iommu *mmu, u32 liodn, u64 src, u64 dst,
			    u64 len, const struct iommu_mem *mem,
			    struct iommu_fault *fault)
{
	struct sandbox_iommu *f = to_sandbox(mmu);
	int ret;

	if (f->shadow)
		return f->shadow->ops->dma_copy(f->shadow, liodn, src, dst, len,
						mem, fault);
	fault->kind = IOMMU_FAULT_NONE;
	if (!mem || !mem->copy || src + len < src || dst + len < dst)
		return -EINVAL;
	ret = copy_pass(f, liodn, src, dst, len, mem, false, fault);
	return ret ? ret : copy_pass(f, liodn, src, dst, len, mem, true, fault);
}

/* Counts of the sandbox: one entry per LIODN, no subwindow pool. */
static void sandbox_stats(struct iommu *mmu, struct iommu_stats *st)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (f->shadow) {
		f->shadow->ops->stats(f->shadow, st);
		return;
	}
	*st = (struct iommu_stats){
		.table_bytes = sizeof(f->committed),
		.entries = f->caps.max_liodn + 1,
		.staged = f->dirty, /* 1 while anything is staged */
	};
}

static const struct iommu_ops sandbox_ops = {
	.stage_window = sandbox_stage_window,
	.stage_subwindow = sandbox_stage_subwindow,
	.stage_disable = sandbox_stage_disable,
	.commit = sandbox_commit,
	.abort = sandbox_abort,
	.translate = sandbox_translate,
	.caps = sandbox_caps,
	.set_liodn_attr = sandbox_set_liodn_attr,
	.dma_copy = sandbox_dma_copy,
	.stats = sandbox_stats,
};

/* ------------------------------------------------------- the driver */

static int sandbox_allocs(const struct iommu_config *cfg, struct hv_alloc *a)
{
	if (cfg->max_liodn >= SANDBOX_IOMMU_LIODNS)
		return -ERANGE;
	if (!IS_POWER_OF_2(cfg->max_subwindows) ||
	    cfg->max_subwindows > SANDBOX_IOMMU_MAX_SUB ||
	    (cfg->iova_bits && cfg->iova_bits > 63))
		return -EINVAL;
	a[0] = (struct hv_alloc){ sizeof(struct sandbox_iommu), 8 };
	return 1;
}

static int sandbox_create(const struct iommu_config *cfg, struct iommu **out)
{
	struct hv_alloc a[IOMMU_NR_ALLOCS];
	struct sandbox_iommu *f;
	int ret;

	ret = sandbox_allocs(cfg, a);
	if (ret < 0)
		return ret;
	f = hv_zalloc((size_t)a[0].size, (size_t)a[0].align);
	if (!f)
		return -ENOSPC;
	f->mmu.ops = &sandbox_ops;
	f->mmu.priv = f;
	f->caps.iova_bits = cfg->iova_bits ?: 36;
	f->caps.max_liodn = cfg->max_liodn;
	f->caps.max_subwindows = cfg->max_subwindows;
	f->caps.min_window = SZ_4K;
	f->caps.max_staged = cfg->stage_max;
	*out = &f->mmu;
	return 0;
}

static void sandbox_destroy(struct iommu *mmu)
{
	struct sandbox_iommu *f = to_sandbox(mmu);

	if (f->shadow)
		f->shadow_drv->destroy(f->shadow);
	hv_free(f);
}

/* No units to find: every window has SANDBOX_IOMMU_MAX_SUB subwindows. */
static int sandbox_probe(const void *hwfdt, int node, const struct hw_info *hw,
			 unsigned int *max_sub, struct dt_error *err)
{
	*max_sub = SANDBOX_IOMMU_MAX_SUB;
	return 0;
}

static int sandbox_bring_up(struct iommu *mmu, const void *hwfdt,
			    const struct hw_info *hw, struct dt_error *err)
{
	return 0;
}

const struct iommu_driver sandbox_iommu_driver = {
	.name = "sandbox",
	.label = "sandbox IOMMU",
	/* no hardware tree names it: tests create it by name */
	.probe = sandbox_probe,
	.allocs = sandbox_allocs,
	.create = sandbox_create,
	.destroy = sandbox_destroy,
	.bring_up = sandbox_bring_up,
};

struct sandbox_iommu *sandbox_iommu_new(unsigned int max_subwindows)
{
	const struct iommu_config cfg = {
		.max_liodn = SANDBOX_IOMMU_LIODNS - 1,
		.max_subwindows = max_subwindows,
		.iova_bits = 36,
	};
	struct iommu *mmu;

	if (sandbox_create(&cfg, &mmu))
		abort();
	return to_sandbox(mmu);
}

void sandbox_iommu_shadow(struct sandbox_iommu *f, const char *name,
			  u32 spaace_entries, unsigned int group_liodns)
{
	const struct iommu_config cfg = {
		.max_liodn = SANDBOX_IOMMU_LIODNS - 1,
		.spaace_entries = spaace_entries,
		.max_subwindows = f->caps.max_subwindows,
		.iova_bits = f->caps.iova_bits,
		.group_liodns = group_liodns,
	};
	struct iommu_caps caps;

	f->shadow_drv = iommu_driver_by_name(name);
	if (!f->shadow_drv || f->shadow_drv->create(&cfg, &f->shadow))
		abort();
	/* dma_group_create() checks its groups against the shadow's log */
	f->shadow->ops->caps(f->shadow, &caps);
	f->caps.max_staged = caps.max_staged;
}

void sandbox_iommu_free(struct sandbox_iommu *f)
{
	sandbox_destroy(&f->mmu);
}

const struct sandbox_iommu_liodn *
sandbox_iommu_liodn(const struct sandbox_iommu *f, u32 liodn)
{
	return &f->committed.l[liodn];
}
