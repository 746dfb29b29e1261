// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TLB access through MAS0-3/MAS7 (e500mc: TLB0 is set-associative with
 * 4 KiB pages, TLB1 fully associative with variable sizes; MAS1[TSIZE]
 * is log2(KiB)). A hypervisor emulates all of it for its guests.
 */
#include "guest.h"

int tlb1_nentries(void)
{
	int n = TLBCFG_NENTRY(mfspr(SPR_TLB1CFG));

	return n > 0 && n <= 64 ? n : 64;
}

void tlb_read(int tlbsel, int esel, struct tlb_entry *e)
{
	mtspr(SPR_MAS0, MAS0_TLBSEL(tlbsel) | MAS0_ESEL(esel));
	__asm__ __volatile__("isync; tlbre; isync" : : : "memory");
	e->mas0 = mfspr(SPR_MAS0);
	e->mas1 = mfspr(SPR_MAS1);
	e->mas2 = mfspr(SPR_MAS2);
	e->mas3 = mfspr(SPR_MAS3);
	e->mas7 = mfspr(SPR_MAS7);
}

void tlb_write(const struct tlb_entry *e)
{
	mtspr(SPR_MAS0, e->mas0);
	mtspr(SPR_MAS1, e->mas1);
	mtspr(SPR_MAS2, e->mas2);
	mtspr(SPR_MAS3, e->mas3);
	mtspr(SPR_MAS7, e->mas7);
	__asm__ __volatile__("isync; tlbwe; isync" : : : "memory");
}

int tlb_search(u32 ea, struct tlb_entry *e)
{
	mtspr(SPR_MAS6, MAS6_SPID(0));
	__asm__ __volatile__("isync; tlbsx 0, %0; isync" : : "r"(ea) : "memory");
	e->mas0 = mfspr(SPR_MAS0);
	e->mas1 = mfspr(SPR_MAS1);
	e->mas2 = mfspr(SPR_MAS2);
	e->mas3 = mfspr(SPR_MAS3);
	e->mas7 = mfspr(SPR_MAS7);
	return !!(e->mas1 & MAS1_VALID);
}

int tlb1_find_free(void)
{
	struct tlb_entry e;
	int i;

	for (i = tlb1_nentries() - 1; i >= 0; i--) {
		tlb_read(1, i, &e);
		if (!(e.mas1 & MAS1_VALID))
			return i;
	}
	return -1;
}

void tlb1_set(int esel, u32 ea, u64 gpa, int tsize, u32 wimge, u32 perms)
{
	u32 mask = ~((1024u << tsize) - 1);
	struct tlb_entry e = {
		.mas0 = MAS0_TLBSEL1 | MAS0_ESEL(esel),
		.mas1 = MAS1_VALID | MAS1_TSIZE(tsize),
		.mas2 = (ea & mask) | wimge,
		.mas3 = ((u32)gpa & mask) | perms,
		.mas7 = (u32)(gpa >> 32),
	};

	tlb_write(&e);
}

void tlb1_clear(int esel)
{
	struct tlb_entry e = { .mas0 = MAS0_TLBSEL1 | MAS0_ESEL(esel) };

	tlb_write(&e);
}
