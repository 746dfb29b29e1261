/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The world the hcall fuzzer (fuzz_hcall.c) drives: three partitions made
 * by hv/partition/partition.c, with guest RAM as host memory between
 * canary ("weir's own memory") pages, vCPUs, and the units' virtual PIC,
 * console byte channel and error queue each; four DMA groups on one real
 * PAMU backend (created through the registry, iommu_driver_by_name("pamu");
 * its iommu_ops and the software model), one of them with an MSI
 * doorbell. The PAMU is reached only through iommu_ops: its audit checks
 * the tables (invariants.c), its save/restore brings them back between
 * inputs (doc/architecture.md, "The IOMMU boundary"). Also the host
 * fakes of the arch side of include/weir/arch.h (vcpu_kick(),
 * arch_system_reset(), ...).
 *
 * world_reset() rebuilds everything from scratch (same layout every
 * time), so each fuzz input starts from the same state.
 */
#ifndef FUZZ_WORLD_H
#define FUZZ_WORLD_H

#include <weir/bytechan.h>
#include <weir/dma.h>
#include <weir/iommu.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>

#define W_NPARTS	3
#define W_NVCPUS	2		/* per partition */
#define W_NGROUPS	4
#define W_CANARY	0x1000u		/* bytes of canary around each RAM */
#define W_CANARY_BYTE	0xc5
#define W_MSI_BANK	0xffe140000ULL	/* alpha's MSI bank (doorbell page) */
#define W_HANDLE(id)	(0x10u * (id))	/* console byte channel handles */

/* PAMU geometry: P4080-like (PC3 MWCE -> 256 subwindows, 0x800 SPAACEs). */
#define W_MAX_LIODN	63
#define W_SPAACES	3570	/* hv/iommu/plan.c: 2 * (max_sub - 1) per LIODN */
#define W_MAX_SUB	256

struct world_part_cfg {
	phys_addr_t ram_phys;
	u64 ram_size;
};

/*
 * part, pic and con: partition.c's and the units' arrays, indexed by
 * guest-id - 1 (part[id - 1] is partition_by_id(id)); vcpu[i][0] is
 * partition.c's boot vCPU of part[i].
 */
struct world {
	struct partition *part;			/* guest-ids 1..3 */
	struct vcpu *vcpu[W_NPARTS][W_NVCPUS];
	struct vpic *pic;
	struct bytechan *con;
	const struct iommu_driver *drv;		/* the PAMU, from the registry */
	struct iommu *mmu;			/* its instance */
	struct dma_group *grp[W_NGROUPS];
	struct dma_group_config gcfg[W_NGROUPS];
	unsigned int grp_owner[W_NGROUPS];	/* index into part[] */
	u8 *mem;				/* canary | RAM 1 | canary | ... */
	size_t mem_size;
	u32 msi_regs[SZ_4K / 4];		/* the MSI bank's registers */
	u64 console_bytes;			/* UART output since reset */
	unsigned int kicks, resets;
	unsigned int commit_enospc;		/* PAMU commits refused -ENOSPC */
	unsigned int block_failed;		/* stopped partitions with DMA on */
};

extern struct world W;

/* Bugs FUZZ_SELFTEST=<name> injects (world.c; `make fuzz-selftest`). */
enum selftest {
	ST_NONE,
	ST_OUTSIDE_RAM,
	ST_DOORBELL_RW,
	ST_FOREIGN_LIODN,
	ST_BLOCKED_VALID,
	ST_SLOT_LOST,
	ST_STAGED_LEFT,
	ST_HW_ERROR,
	ST_TCE_MSI,
	ST_SLOT_COUNT,
	ST_CROSS_GROUP,
	ST_REFUSED_OWN,
	ST_REFUSED_FOREIGN,
	ST_CANARY,
	ST_SPAACE_STRAY,
	ST_COUNT
};
extern enum selftest world_selftest;
/* Called by the harness after a refused call of partition index @pi:
 * the refused_* self-tests change state there. */
void world_selftest_refused(unsigned int pi);

/* Build the world once: mmap guest RAM, then create everything and save
 * that state. */
void world_init(void);
void world_reset(void);
/* Per input: back to the saved state (a few memcpy). */
void world_restart(void);
/*
 * After an hcall, as every partition's vCPU on its way back to the guest:
 * apply the stop and restart requests (partition_vcpu_sync()).
 */
void world_sync(void);

/* Owner partition index of @liodn, or -1 when no group has it. */
int world_liodn_owner(u32 liodn);
/* The world's group holding @liodn (from its own config), or NULL. */
struct dma_group *world_group_of_liodn(u32 liodn);
/* Count of groups listing @liodn (must be 0 or 1). */
unsigned int world_liodn_groups(u32 liodn);

#endif
