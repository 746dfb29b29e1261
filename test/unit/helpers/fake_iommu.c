// SPDX-License-Identifier: GPL-2.0-or-later
/* Fake IOMMU backend and test partitions for hv/dma tests. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/pamu.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include "fake_iommu.h"

static struct fake_iommu *to_fake(struct iommu *mmu)
{
	return mmu->priv;
}

/* Start a transaction: the staged state begins as the committed one. */
static void begin(struct fake_iommu *f)
{
	if (!f->dirty)
		f->staged = f->committed;
	f->dirty = true;
	f->stages++;
}

static int fake_stage_window(struct iommu *mmu, u32 liodn, u64 iova,
			     u64 size, unsigned int subwindows)
{
	struct fake_iommu *f = to_fake(mmu);
	struct fake_liodn *l;

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn >= FAKE_IOMMU_LIODNS)
		return -ERANGE;
	if (!IS_POWER_OF_2(size) || size < f->caps.min_window ||
	    !IS_ALIGNED(iova, size) ||
	    iova + size > (1ULL << f->caps.iova_bits) ||
	    !IS_POWER_OF_2(subwindows) ||
	    subwindows > f->caps.max_subwindows ||
	    size / subwindows < SZ_4K)
		return -EINVAL;
	if (f->pamu) {
		int ret = f->pamu->ops->stage_window(f->pamu, liodn, iova, size,
						     subwindows);
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

static int fake_stage_subwindow(struct iommu *mmu, u32 liodn,
				unsigned int index, phys_addr_t phys, u64 size,
				unsigned int prot)
{
	struct fake_iommu *f = to_fake(mmu);
	const struct fake_liodn *cur;
	struct fake_liodn *l;
	u64 slot;

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn >= FAKE_IOMMU_LIODNS)
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
	if (f->pamu) {
		int ret = f->pamu->ops->stage_subwindow(f->pamu, liodn, index,
							phys, size, prot);
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

static int fake_stage_disable(struct iommu *mmu, u32 liodn)
{
	struct fake_iommu *f = to_fake(mmu);

	if (f->fail_stage)
		return f->fail_stage;
	if (liodn >= FAKE_IOMMU_LIODNS)
		return -ERANGE;
	if (f->pamu) {
		int ret = f->pamu->ops->stage_disable(f->pamu, liodn);
		if (ret)
			return ret;
	}
	begin(f);
	memset(&f->staged.l[liodn], 0, sizeof(f->staged.l[liodn]));
	return 0;
}

static int fake_commit(struct iommu *mmu)
{
	struct fake_iommu *f = to_fake(mmu);

	if (f->fail_commit)
		return f->fail_commit;
	if (f->pamu) {
		int ret = f->pamu->ops->commit(f->pamu);
		if (ret)
			return ret;
	}
	if (f->dirty)
		f->committed = f->staged;
	f->dirty = false;
	f->commits++;
	return 0;
}

static void fake_abort(struct iommu *mmu)
{
	struct fake_iommu *f = to_fake(mmu);

	f->dirty = false;
	f->aborts++;
	if (f->pamu)
		f->pamu->ops->abort(f->pamu);
}

static int fake_translate(struct iommu *mmu, u32 liodn, u64 iova,
			  unsigned int access, phys_addr_t *phys)
{
	struct fake_iommu *f = to_fake(mmu);
	const struct fake_liodn *l;
	const struct fake_slot *s;
	u64 slot, off;

	if (f->pamu)
		return f->pamu->ops->translate(f->pamu, liodn, iova, access,
					       phys);
	if (liodn >= FAKE_IOMMU_LIODNS)
		return -EFAULT;
	l = &f->committed.l[liodn];
	if (!l->valid || iova < l->iova || iova - l->iova >= l->size)
		return -EFAULT;
	slot = l->size / l->subwindows;
	s = &l->slot[(iova - l->iova) / slot];
	off = (iova - l->iova) % slot;
	if (!s->prot || off >= s->size || (s->prot & access) != access)
		return -EFAULT;
	*phys = s->phys + off;
	return 0;
}

static void fake_caps(struct iommu *mmu, struct iommu_caps *caps)
{
	*caps = to_fake(mmu)->caps;
}

static const struct iommu_ops fake_ops = {
	.stage_window = fake_stage_window,
	.stage_subwindow = fake_stage_subwindow,
	.stage_disable = fake_stage_disable,
	.commit = fake_commit,
	.abort = fake_abort,
	.translate = fake_translate,
	.caps = fake_caps,
};

struct fake_iommu *fake_iommu_new(unsigned int max_subwindows)
{
	struct fake_iommu *f = calloc(1, sizeof(*f));

	if (!f)
		abort();
	f->mmu.ops = &fake_ops;
	f->mmu.priv = f;
	f->caps.iova_bits = 36;
	f->caps.max_liodn = FAKE_IOMMU_LIODNS - 1;
	f->caps.max_subwindows = max_subwindows;
	f->caps.min_window = SZ_4K;
	return f;
}

void fake_iommu_attach_pamu(struct fake_iommu *f)
{
	struct pamu_config pc = {
		.max_liodn = FAKE_IOMMU_LIODNS - 1,
		/* 3 LIODNs, each holding an old and a new run at once */
		.spaace_entries = 3 * 2 * f->caps.max_subwindows,
		.max_subwindows = f->caps.max_subwindows,
		.iova_bits = f->caps.iova_bits,
		.group_liodns = 2,	/* group A: LIODNs 1 and 2 */
	};
	struct iommu_caps caps;

	if (pamu_create(&pc, &f->pamu))
		abort();
	/* dma_group_create() checks its groups against the PAMU's log */
	f->pamu->ops->caps(f->pamu, &caps);
	f->caps.max_staged = caps.max_staged;
}

void fake_iommu_free(struct fake_iommu *f)
{
	if (f->pamu)
		pamu_destroy(f->pamu);
	free(f);
}

const struct fake_liodn *fake_iommu_liodn(const struct fake_iommu *f,
					  u32 liodn)
{
	return &f->committed.l[liodn];
}

void fake_partition_init(struct partition *p, unsigned int id,
			 phys_addr_t ram_phys, u64 ram_size)
{
	void *ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (ram == MAP_FAILED)
		abort();
	memset(p, 0, sizeof(*p));
	p->id = id;
	snprintf(p->name, sizeof(p->name), "part%u", id);
	p->ram_phys = ram_phys;
	p->ram_size = ram_size;
	p->ram_host = ram;
}

void fake_partition_fini(struct partition *p)
{
	munmap(p->ram_host, p->ram_size);
	p->ram_host = NULL;
}

static void env_group(struct fake_env *e, struct partition *p,
		      unsigned int index, u64 buid, u32 liodn0, u32 liodn1,
		      bool doorbell, struct dma_group **g)
{
	struct dma_group_config cfg;

	dma_group_config_init(&cfg);
	cfg.index = index;
	cfg.buid = buid;
	cfg.liodns[0] = liodn0;
	cfg.nr_liodns = 1;
	if (liodn1) {
		cfg.liodns[1] = liodn1;
		cfg.nr_liodns = 2;
	}
	cfg.has_doorbell = doorbell;
	cfg.doorbell_phys = FAKE_DOORBELL;
	cfg.doorbell_size = SZ_4K;
	if (dma_group_create(&cfg, p, &e->mmu->mmu, g))
		abort();
}

static int env_setup(void **state, bool pamu)
{
	struct fake_env *e = calloc(1, sizeof(*e));

	if (!e)
		abort();
	fake_partition_init(&e->a, 1, FAKE_RAM_A, FAKE_RAM_A_SIZE);
	fake_partition_init(&e->b, 2, FAKE_RAM_B, FAKE_RAM_B_SIZE);
	e->mmu = fake_iommu_new(256);
	if (pamu)
		fake_iommu_attach_pamu(e->mmu);
	env_group(e, &e->a, FAKE_GROUP_A, FAKE_BUID_A, 1, 2, true, &e->ga);
	env_group(e, &e->b, FAKE_GROUP_B, FAKE_BUID_B, 7, 0, false, &e->gb);
	*state = e;
	return 0;
}

int fake_env_setup(void **state)
{
	return env_setup(state, false);
}

int fake_env_setup_pamu(void **state)
{
	return env_setup(state, true);
}

int fake_env_teardown(void **state)
{
	struct fake_env *e = *state;

	dma_group_destroy(e->ga);
	dma_group_destroy(e->gb);
	fake_iommu_free(e->mmu);
	fake_partition_fini(&e->a);
	fake_partition_fini(&e->b);
	free(e);
	return 0;
}

/* The PAPR hcall @op of @p through hcall_call(), on a vCPU of @p. */
static long h_call(struct partition *p, u32 op, const u64 *in, u64 *out)
{
	static struct vcpu v;

	v.part = p;
	return hcall_call(&v, PAPR_EPAPR_TOKEN(op), in, out);
}

long h_put(struct partition *p, u64 liobn, u64 ioba, u64 tce)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, tce }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_PUT_TCE, in, out);
}

long h_get(struct partition *p, u64 liobn, u64 ioba, u64 *r4)
{
	u64 in[HC_MAX_IN] = { liobn, ioba }, out[HC_MAX_OUT] = { liobn };
	long rc = h_call(p, H_GET_TCE, in, out);

	*r4 = out[0];
	return rc;
}

long h_stuff(struct partition *p, u64 liobn, u64 ioba, u64 tce, u64 n)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, tce, n }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_STUFF_TCE, in, out);
}

long h_indirect(struct partition *p, u64 liobn, u64 ioba, u64 list, u64 n)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, list, n }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_PUT_TCE_INDIRECT, in, out);
}

void guest_write_list(struct partition *p, u64 gpa, const u64 *tces, u64 n)
{
	u64 *dst = partition_gpa_ptr(p, gpa, n * 8);
	u64 i;

	if (!n)
		return;
	if (!dst)
		abort();
	for (i = 0; i < n; i++)
		dst[i] = cpu_to_be64(tces[i]);
}
