/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A fake IOMMU backend for host tests of hv/dma: records staged and
 * committed windows/slots per LIODN, validates arguments like a PAMU
 * would, can be told to fail, and translates device accesses from the
 * committed state. Also a test partition with host-backed RAM.
 */
#ifndef TEST_FAKE_IOMMU_H
#define TEST_FAKE_IOMMU_H

#include <weir/iommu.h>
#include <weir/partition.h>

#define FAKE_IOMMU_LIODNS	16
#define FAKE_IOMMU_MAX_SUB	256

struct fake_slot {
	phys_addr_t phys;
	u64 size;
	unsigned int prot;
};

struct fake_liodn {
	bool valid;
	u64 iova, size;
	unsigned int subwindows;
	struct fake_slot slot[FAKE_IOMMU_MAX_SUB];
};

struct fake_iommu_state {
	struct fake_liodn l[FAKE_IOMMU_LIODNS];
};

struct fake_iommu {
	struct iommu mmu;
	struct iommu_caps caps;
	struct fake_iommu_state committed;
	struct fake_iommu_state staged;
	bool dirty;		/* staged differs from committed */
	int fail_commit;	/* commit() returns this when non-zero */
	int fail_stage;		/* stage_*() return this when non-zero */
	unsigned int commits, aborts, stages;
	/*
	 * Optional real PAMU backend (fake_iommu_attach_pamu()): every stage
	 * the fake accepts, every commit and abort are forwarded to it, and
	 * translate() answers from its tables through the software PAMU
	 * model, so tests on the fake also check the PAMU encoding.
	 */
	struct iommu *pamu;
};

/* A fake with PAMU-like caps: 36-bit IOVA, @max_subwindows, 4 KiB min. */
struct fake_iommu *fake_iommu_new(unsigned int max_subwindows);
void fake_iommu_free(struct fake_iommu *f);
/* Shadow @f with a real PAMU (same LIODN range and subwindows). */
void fake_iommu_attach_pamu(struct fake_iommu *f);

/* The committed state of @liodn. */
const struct fake_liodn *fake_iommu_liodn(const struct fake_iommu *f,
					  u32 liodn);

/* A partition with @ram_size bytes of host-backed (lazily mapped) RAM at
 * real address @ram_phys. */
void fake_partition_init(struct partition *p, unsigned int id,
			 phys_addr_t ram_phys, u64 ram_size);
void fake_partition_fini(struct partition *p);

/*
 * The standard hv/dma test environment: partition A (512 MiB at real
 * 4 GiB) owns group FAKE_GROUP_A (LIODNs 1 and 2, MSI doorbell at
 * FAKE_DOORBELL); partition B (256 MiB at real 8 GiB) owns group
 * FAKE_GROUP_B (LIODN 7, no doorbell). Both groups use default configs.
 */
struct dma_group;

struct fake_env {
	struct partition a, b;
	struct fake_iommu *mmu;
	struct dma_group *ga, *gb;
};

#define FAKE_GROUP_A	3
#define FAKE_GROUP_B	5
#define FAKE_BUID_A	0x0800000020000000ULL
#define FAKE_BUID_B	0x0800000030000000ULL
#define FAKE_RAM_A	0x100000000ULL
#define FAKE_RAM_A_SIZE	0x20000000ULL
#define FAKE_RAM_B	0x200000000ULL
#define FAKE_RAM_B_SIZE	0x10000000ULL
#define FAKE_DOORBELL	0xffe141000ULL

int fake_env_setup(void **state);
/* The same environment with fake_iommu_attach_pamu() done first. */
int fake_env_setup_pamu(void **state);
int fake_env_teardown(void **state);

/* PAPR hcalls through hcall_call(); h_get() presets r4 to the LIOBN. */
long h_put(struct partition *p, u64 liobn, u64 ioba, u64 tce);
long h_get(struct partition *p, u64 liobn, u64 ioba, u64 *r4);
long h_stuff(struct partition *p, u64 liobn, u64 ioba, u64 tce, u64 n);
long h_indirect(struct partition *p, u64 liobn, u64 ioba, u64 list, u64 n);
/* Write @n big-endian TCEs into guest RAM of @p at @gpa. */
void guest_write_list(struct partition *p, u64 gpa, const u64 *tces, u64 n);

#endif
