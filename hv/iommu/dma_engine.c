// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The emulated DMA engine (include/weir/dma_engine.h): copy jobs executed
 * through the IOMMU backend's dma_copy() (iommu_ops; the PAMU's software
 * model, drivers/iommu/pamu/model.c), reading and writing real memory
 * only where the tables send it.
 */
#include <errno.h>
#include <string.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/iommu.h>
#include <weir/msi.h>
#include <weir/partition.h>

int dma_engine_add(struct dma_group *g)
{
	if (!g->cfg.nr_liodns)
		return -EINVAL;
	g->engine = true;
	return 0;
}

bool dma_engine_is(const struct dma_group *g)
{
	return g->engine;
}

/*
 * weir's pointer to real range [phys, phys + len): only partition RAM and
 * MSI doorbells are reachable (the tables never map anything else), so a
 * translation that lands elsewhere is refused rather than dereferenced.
 */
static void *ram_ptr(phys_addr_t phys, u64 len)
{
	struct partition *p;
	unsigned int id;

	for (id = 1; (p = partition_by_id(id)); id++)
		if (phys >= p->ram_phys && len <= p->ram_size &&
		    phys - p->ram_phys <= p->ram_size - len)
			return (u8 *)p->ram_host + (phys - p->ram_phys);
	return NULL;
}

/* A 4-byte write to an MSI bank's MSIIR (the doorbell the tables map). */
static bool is_doorbell(phys_addr_t dst, u64 len)
{
	struct msi_bank *b = msi_bank_by_page(dst);

	return b && dst == b->d.doorbell && len == 4;
}

static int ram_check(void *ctx, phys_addr_t dst, phys_addr_t src, u64 len)
{
	return (ram_ptr(dst, len) || is_doorbell(dst, len)) &&
			       ram_ptr(src, len) ?
		       0 :
		       -EFAULT;
}

static int ram_copy(void *ctx, phys_addr_t dst, phys_addr_t src, u64 len)
{
	void *d = ram_ptr(dst, len), *s = ram_ptr(src, len);

	if (!s)
		return -EFAULT;
	if (!d)
		return msi_doorbell_write(dst, s, len);
	memmove(d, s, len);
	return 0;
}

int dma_engine_copy(struct partition *p, u32 handle, u64 src, u64 dst, u64 len)
{
	static const struct iommu_mem mem = { .copy = ram_copy,
					      .check = ram_check };
	struct dma_group *g;
	struct iommu_fault fault;
	int ret;

	ret = dma_group_by_handle(p, handle, &g);
	if (ret)
		return ret;
	if (!g->engine || !len || len > DMA_ENGINE_MAX_LEN || src + len < src ||
	    dst + len < dst)
		return -EINVAL;
	if (!g->mmu->ops->dma_copy)
		return -EOPNOTSUPP;
	ret = g->mmu->ops->dma_copy(g->mmu, g->cfg.liodns[0], src, dst, len,
				    &mem, &fault);
	if (ret == -EFAULT && fault.kind != IOMMU_FAULT_NONE) {
		dma_fault_report(&fault, "dma-engine");
		return -EFAULT;
	}
	return ret;
}
