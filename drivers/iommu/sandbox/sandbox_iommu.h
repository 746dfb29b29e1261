/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sandbox IOMMU backend (as U-Boot's drivers/iommu/sandbox_iommu.c):
 * records staged and committed windows and slots per LIODN, validates
 * arguments as a PAMU would, can be told to fail, and translates device
 * accesses from the committed state. It can shadow another backend
 * (sandbox_iommu_shadow(): the PAMU's tables and software model), so host
 * tests of hv/dma also check that backend's encoding. Built in the
 * sandbox configuration only; the unit tests, the fuzzers and the
 * oracle's host column use it.
 */
#ifndef DRIVERS_IOMMU_SANDBOX_IOMMU_H
#define DRIVERS_IOMMU_SANDBOX_IOMMU_H

#include <weir/iommu.h>

#define SANDBOX_IOMMU_LIODNS 16
#define SANDBOX_IOMMU_MAX_SUB 256

struct sandbox_iommu_slot {
	phys_addr_t phys;
	u64 size;
	unsigned int prot;
};

struct sandbox_iommu_liodn {
	bool valid;
	u64 iova, size;
	unsigned int subwindows;
	struct sandbox_iommu_slot slot[SANDBOX_IOMMU_MAX_SUB];
};

struct sandbox_iommu_state {
	struct sandbox_iommu_liodn l[SANDBOX_IOMMU_LIODNS];
};

struct sandbox_iommu {
	struct iommu mmu;
	struct iommu_caps caps;
	struct sandbox_iommu_state committed;
	struct sandbox_iommu_state staged;
	struct iommu_liodn_attr attr[SANDBOX_IOMMU_LIODNS];
	bool dirty;	 /* staged differs from committed */
	int fail_commit; /* commit() returns this when non-zero */
	int fail_stage;	 /* stage_*() return this when non-zero */
	unsigned int commits, aborts, stages;
	/*
	 * Optional shadow backend (sandbox_iommu_shadow()): every stage the
	 * sandbox accepts, every commit and abort are forwarded to it, and
	 * translate() and dma_copy() answer from its tables.
	 */
	struct iommu *shadow;
	const struct iommu_driver *shadow_drv;
};

extern const struct iommu_driver sandbox_iommu_driver;

/**
 * sandbox_iommu_new() - a sandbox backend with PAMU-like caps: 36-bit
 * IOVAs, @max_subwindows (a power of two, <= SANDBOX_IOMMU_MAX_SUB) per
 * window, 4 KiB minimum window, LIODNs 0..SANDBOX_IOMMU_LIODNS - 1.
 * Aborts the program when out of memory (host tests only).
 */
struct sandbox_iommu *sandbox_iommu_new(unsigned int max_subwindows);
void sandbox_iommu_free(struct sandbox_iommu *s);

/**
 * sandbox_iommu_shadow() - shadow @s with a backend of driver @name
 * ("pamu") sized for the same LIODNs and subwindows, @spaace_entries
 * subwindow entries and transactions of @group_liodns LIODNs; @s takes
 * its staging limit (caps.max_staged). Aborts when it cannot be created.
 */
void sandbox_iommu_shadow(struct sandbox_iommu *s, const char *name,
			  u32 spaace_entries, unsigned int group_liodns);

/* The committed state of @liodn. */
const struct sandbox_iommu_liodn *
sandbox_iommu_liodn(const struct sandbox_iommu *s, u32 liodn);

#endif
