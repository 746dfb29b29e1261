/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The hv/dma test environment: test partitions with host-backed RAM and
 * two DMA groups on the sandbox IOMMU backend
 * (drivers/iommu/sandbox/sandbox_iommu.h), optionally shadowed by the
 * PAMU backend; PAPR hcall shorthands.
 */
#ifndef TEST_DMA_ENV_H
#define TEST_DMA_ENV_H

#include <weir/iommu.h>
#include <weir/partition.h>
#include "../../../drivers/iommu/sandbox/sandbox_iommu.h"

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
	struct sandbox_iommu *mmu;
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
/* The same environment with the sandbox backend shadowed by the PAMU
 * (sandbox_iommu_shadow(), "pamu"). */
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
