/* SPDX-License-Identifier: GPL-2.0-or-later */
/* e500mc TLB1 management for weir's own mappings. */
#ifndef ASM_TLB_H
#define ASM_TLB_H

#include <weir/types.h>

/* One mapping weir wants in address space 0 (virtual -> real). */
struct tlb_map {
	u32 virt;
	phys_addr_t phys;
	u64 size;  /* bytes, 4^n KiB, virt/phys aligned to it */
	u32 wimge; /* MAS2 attribute bits */
	u32 perms; /* MAS3 permission bits */
};

/* MAS1[TSIZE] for @size bytes, or -1 if not 4^n KiB (4 KiB..1 GiB). */
int tlb_tsize(u64 size);

/**
 * tlb_takeover() - replace the firmware's TLB contents with weir's own
 * @maps: the mappings to install, @n of them, all in address space 0
 * @cover_start, @cover_size: real range that must stay mapped 1:1 while
 *   switching (weir's image, stack and copied FDT)
 *
 * Runs from a temporary address-space-1 entry so no instant has two
 * entries matching one address (no multi-hit) and none where the
 * running code is unmapped. Every TLB0 entry and every other TLB1 entry
 * (U-Boot's) is invalidated. Installed entries are IPROT.
 * Return: number of TLB1 slots used, or -EINVAL if a mapping is not
 * encodable or there are not enough slots (nothing changed then).
 */
int tlb_takeover(const struct tlb_map *maps, int n, u32 cover_start,
		 u64 cover_size);

/**
 * tlb1_map_io() - map the 4 KiB page holding @phys at @virt, cache-
 * inhibited and guarded, in the last TLB1 slot (free after boot)
 * Return: the slot for tlb1_unmap(), or -EINVAL.
 */
int tlb1_map_io(u32 virt, phys_addr_t phys);
void tlb1_unmap(int slot);

/* Install weir's boot-time TLB1 map on a secondary core. */
int setup_secondary_tlb(void);

/* Number of TLB1 entries of this core (TLB1CFG[NENTRY]). */
int tlb1_entries(void);

#endif
