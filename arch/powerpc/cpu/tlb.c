// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TLB1 takeover (Power ISA 2.06 Book III-E §6.11, e500mc Core RM §6):
 * MAS0-MAS3/MAS7 describe one entry, tlbwe writes it, tlbre reads it,
 * tlbsx finds the entry translating an address. Linux's
 * arch/powerpc/kernel/fsl_booke_entry_mapping.S uses the same
 * "temporary entry in the other address space" idea at boot.
 */
#include <errno.h>
#include <asm/processor.h>
#include <asm/tlb.h>

struct tlb1_regs {
	u32 mas1, mas2, mas3, mas7;
};

/*
 * MAS1[TSIZE] is log2(size in KiB) (ISA 2.06 MAV 2 encoding, Linux
 * BOOK3E_PAGESZ_*); e500mc TLB1 supports the even values 4 KiB..1 GiB
 * here (4 GiB exists but is never needed below 4 GiB of EA).
 */
int tlb_tsize(u64 size)
{
	int tsize;

	for (tsize = 2; tsize <= 20; tsize += 2)
		if (size == (1ULL << (10 + tsize)))
			return tsize;
	return -1;
}

int tlb1_entries(void)
{
	return TLBCFG_NENTRY(mfspr(SPRN_TLB1CFG));
}

static void tlb1_write(int esel, const struct tlb1_regs *r)
{
	mtspr(SPRN_MAS0, MAS0_TLBSEL1 | MAS0_ESEL(esel));
	mtspr(SPRN_MAS1, r->mas1);
	mtspr(SPRN_MAS2, r->mas2);
	mtspr(SPRN_MAS3, r->mas3);
	mtspr(SPRN_MAS7, r->mas7);
	__asm__ __volatile__("isync; tlbwe; isync" ::: "memory");
}

static u32 tlb1_read_mas1(int esel)
{
	mtspr(SPRN_MAS0, MAS0_TLBSEL1 | MAS0_ESEL(esel));
	__asm__ __volatile__("tlbre; isync" ::: "memory");
	return mfspr(SPRN_MAS1);
}

static void tlb1_invalidate(int esel)
{
	const struct tlb1_regs none = { 0, 0, 0, 0 };

	tlb1_write(esel, &none);
}

/* TLB1 slot translating @ea in address space 0, or -1. */
static int tlb1_find(u32 ea)
{
	mtspr(SPRN_MAS6, 0);
	__asm__ __volatile__("tlbsx 0,%0; isync" : : "r"(ea) : "memory");
	if (!(mfspr(SPRN_MAS1) & MAS1_VALID) ||
	    !(mfspr(SPRN_MAS0) & MAS0_TLBSEL1))
		return -1;
	return MAS0_ESEL_GET(mfspr(SPRN_MAS0));
}

static int encode(const struct tlb_map *m, u32 ts, struct tlb1_regs *r)
{
	int tsize = tlb_tsize(m->size);

	if (tsize < 0 || !IS_ALIGNED(m->virt, m->size) ||
	    !IS_ALIGNED(m->phys, m->size) || m->phys >> 36)
		return -EINVAL;
	r->mas1 = MAS1_VALID | MAS1_IPROT | ts | MAS1_TSIZE(tsize);
	r->mas2 = m->virt | m->wimge;
	r->mas3 = ((u32)m->phys & 0xfffff000) | m->perms;
	r->mas7 = (u32)(m->phys >> 32);
	return 0;
}

static void flash_invalidate_tlb0(void)
{
	mtspr(SPRN_MMUCSR0, MMUCSR0_TLB0FI);
	while (mfspr(SPRN_MMUCSR0) & MMUCSR0_TLB0FI)
		;
	isync();
}

int tlb_takeover(const struct tlb_map *maps, int n, u32 cover_start,
		 u64 cover_size)
{
	struct tlb1_regs regs[16], tmp;
	struct tlb_map temp = {
		.virt = cover_start,
		.phys = cover_start,
		.size = cover_size,
		.wimge = MAS2_M,
		.perms = MAS3_SR | MAS3_SW | MAS3_SX,
	};
	int nent = tlb1_entries(), cur, slot, i;
	u32 msr;

	if (n > (int)ARRAY_SIZE(regs) || n >= nent - 1 ||
	    encode(&temp, MAS1_TS, &tmp))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (encode(&maps[i], 0, &regs[i]))
			return -EINVAL;
	tmp.mas1 &= ~MAS1_IPROT;

	/* The temporary AS1 entry goes in the last slot not running us. */
	cur = tlb1_find((u32)(uintptr_t)&tlb_takeover);
	slot = nent - 1 == cur ? nent - 2 : nent - 1;
	/* No stale AS1 entry (U-Boot uses AS1 early) may multi-hit it. */
	for (i = 0; i < nent; i++)
		if (i != cur && (tlb1_read_mas1(i) & (MAS1_VALID | MAS1_TS)) ==
					(MAS1_VALID | MAS1_TS))
			tlb1_invalidate(i);
	tlb1_write(slot, &tmp);

	msr = mfmsr();
	mtmsr(msr | MSR_IS | MSR_DS); /* now running through @slot */
	for (i = 0; i < nent; i++)
		if (i != slot)
			tlb1_invalidate(i);
	flash_invalidate_tlb0();
	for (i = 0; i < n; i++)
		tlb1_write(i, &regs[i]);
	mtmsr(msr & ~(MSR_IS | MSR_DS)); /* back to weir's AS0 entries */
	tlb1_invalidate(slot);
	return n;
}

int tlb1_map_io(u32 virt, phys_addr_t phys)
{
	struct tlb_map m = {
		.virt = virt,
		.phys = phys & ~0xfffULL,
		.size = SZ_4K,
		.wimge = MAS2_I | MAS2_G,
		.perms = MAS3_SR | MAS3_SW,
	};
	struct tlb1_regs r;
	int slot = tlb1_entries() - 1;

	if (encode(&m, 0, &r))
		return -EINVAL;
	tlb1_write(slot, &r);
	return slot;
}

void tlb1_unmap(int slot)
{
	tlb1_invalidate(slot);
}
