/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IOMMU backend interface: the only way the board-independent core
 * (hv/dma) changes what a DMA master may reach.
 *
 * Model: every LIODN has at most one primary window [iova, iova + size),
 * split into 'subwindows' equal slots (1 = no subwindows). Each slot maps
 * to a physical range of slot size with read/write permission, or is
 * disabled (DMA faults). This is exactly what a PAMU PAACE/SPAACE can
 * express (QorIQ RM; Linux drivers/iommu/fsl_pamu.h), so the PAMU backend
 * is a direct encoding and the software model walks the same tables.
 *
 * Changes are staged and become visible to devices only on commit():
 * commit validates every staged change first and either applies all of
 * them (with the PAMU V-bit protocol) or none.
 */
#ifndef WEIR_IOMMU_H
#define WEIR_IOMMU_H

#include <weir/types.h>

#define IOMMU_READ 0x1u  /* device may read memory */
#define IOMMU_WRITE 0x2u /* device may write memory */

struct iommu;

/*
 * IOMMU_STAGE_OPS() - stage_* calls (operations) of the largest
 * transaction on @liodns LIODNs with windows of up to @subwindows slots:
 * one stage_window() and one stage_subwindow() per slot for each LIODN.
 * That is what hv/dma stages when it (re)programs a group's whole window
 * (dma_group_apply(): window create/remove/reset, FH_DMA_ENABLE, also
 * after an access violation); a TCE batch stages at most one op per
 * slot and LIODN, a disable one per LIODN, so this bounds every
 * transaction of a group of @liodns LIODNs.
 */
#define IOMMU_STAGE_OPS(liodns, subwindows) \
	((u64)(liodns) * ((u64)(subwindows) + 1))

/* What a backend can do, advertised positively (seed 004). */
struct iommu_caps {
	unsigned int iova_bits;       /* IOVA space, e.g. 36 on e500mc */
	unsigned int max_liodn;       /* largest LIODN the tables hold */
	unsigned int max_subwindows;  /* per window, power of two (PC3) */
	u64 min_window;               /* bytes, 4 KiB on PAMU */
	/*
	 * Operations one transaction can stage before a stage_* call fails
	 * with -ENOSPC (the PAMU staging log); 0: no limit. A group of n
	 * LIODNs needs IOMMU_STAGE_OPS(n, max_subwindows).
	 */
	unsigned int max_staged;
};

struct iommu_ops {
	/*
	 * Stage a window for @liodn: @iova and @size in bytes, size a power
	 * of two >= caps.min_window, iova aligned to size and below
	 * 2^iova_bits; @subwindows a power of two in [1, max_subwindows].
	 * All slots start disabled. Returns 0, -EINVAL (geometry), -ERANGE
	 * (liodn too large), -ENOSPC (no subwindow entries left, or
	 * caps.max_staged operations already staged).
	 */
	int (*stage_window)(struct iommu *mmu, u32 liodn, u64 iova, u64 size,
			    unsigned int subwindows);
	/*
	 * Stage slot @index of @liodn's window to map the first @size bytes
	 * of the slot (a power of two, >= 4 KiB, <= slot size; the rest of
	 * the slot faults) to @phys (aligned to @size) with @prot
	 * (IOMMU_READ|IOMMU_WRITE; 0 disables the slot, @phys and @size are
	 * then ignored). Returns 0, -ENOENT (no window staged or committed
	 * for @liodn), -EINVAL (index, size, alignment or prot), -ENOSPC
	 * (caps.max_staged operations already staged).
	 */
	int (*stage_subwindow)(struct iommu *mmu, u32 liodn,
			       unsigned int index, phys_addr_t phys, u64 size,
			       unsigned int prot);
	/* Stage the removal of @liodn's window (all DMA blocked). Returns 0,
	 * -ERANGE (liodn too large), -ENOSPC (caps.max_staged reached). */
	int (*stage_disable)(struct iommu *mmu, u32 liodn);
	/* Apply every staged change, or none (returns -errno). */
	int (*commit)(struct iommu *mmu);
	/* Drop every staged change. */
	void (*abort)(struct iommu *mmu);
	/*
	 * Model only: translate a device access. Returns 0 and the physical
	 * address, or -EFAULT (no valid entry, outside the window, or
	 * permission denied). NULL on real hardware backends.
	 */
	int (*translate)(struct iommu *mmu, u32 liodn, u64 iova,
			 unsigned int access, phys_addr_t *phys);
	void (*caps)(struct iommu *mmu, struct iommu_caps *caps);
};

struct iommu {
	const struct iommu_ops *ops;
	void *priv;
};

#endif
