// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Erratum A-004510: the PAMU tables in a coherence subdomain (CSD) of
 * their own.
 *
 * Fact source: Linux 6.1 drivers/iommu/fsl_pamu.c, create_csd() and its
 * caller fsl_pamu_probe(): the LAW registers are 16 bytes apart from
 * offset 0xc00 of the "fsl,corenet-law" block (BARH, BARL, AR); the CSD
 * ID registers (undocumented in the manuals) are 32-bit words from offset
 * 0x600 of the "fsl,corenet-cf" block; LAWAR holds EN 0x80000000, the
 * target 0x0ff00000, the CSD ID 0x000ff000 and the size encoding 0x3f
 * (2^(n+1) bytes, 0xb = 4 KiB). The port id per SVR is the quirk table
 * (quirks.c). All code is our own.
 *
 * Same steps as Linux: the first CSD ID register reading 0 is taken and
 * gets the port id; the first enabled LAW containing the tables gives
 * the target; the free LAW with the highest index below it (so of higher
 * priority) maps the tables alone, same target, the new CSD ID. Unlike
 * Linux, everything is looked up before anything is written, so a failure
 * leaves the registers as they were, and a full CSD ID table is an error
 * (Linux would write one register past it).
 */
#include <errno.h>
#include <asm/io.h>
#include "pamu.h"

static u8 *law_reg(const struct pamu_csd_regs *r, unsigned int i,
		   unsigned int off)
{
	return (u8 *)r->lac + CCSR_LAW_OFFSET + i * CCSR_LAW_STRIDE + off;
}

static u8 *csdid_reg(const struct pamu_csd_regs *r, unsigned int i)
{
	return (u8 *)r->ccf + CCF_CSDID_OFFSET + i * 4;
}

/* Does enabled LAW @i contain [@phys, @phys + @size)? */
static bool law_contains(const struct pamu_csd_regs *r, unsigned int i,
			 phys_addr_t phys, u64 size)
{
	u32 ar = in_be32(law_reg(r, i, CCSR_LAWAR));
	u32 enc = ar & LAWAR_SIZE_MASK;
	u64 base, len;

	if (!(ar & LAWAR_EN) || enc < LAWAR_SIZE_4K || enc > LAWAR_SIZE_64G)
		return false;
	base = (u64)in_be32(law_reg(r, i, CCSR_LAWBARH)) << 32 |
	       in_be32(law_reg(r, i, CCSR_LAWBARL));
	len = 2ULL << enc;
	return phys >= base && size <= len && phys - base <= len - size;
}

/**
 * pamu_csd_create() - put the PAMU tables in a CSD of their own (A-004510)
 * @r:       the LAW and CCF register blocks and their entry counts
 * @phys:    real address of the tables (pamu_tables.base), bytes
 * @size:    their size in bytes: a power of two from 4 KiB to 64 GiB,
 *           @phys aligned to it (one LAW maps them)
 * @port_id: the snooper port mask, pamu_csd_port_id(SVR), non-zero
 * @out:     on success, what was programmed (for the boot log)
 *
 * Writes, in this order: CSDID[csd] = @port_id, LAWBARH/LAWBARL of the
 * free LAW = @phys, then its LAWAR = EN | the DDR LAW's target |
 * csd << 12 | log2(@size) - 1, with a write barrier after the base and
 * after LAWAR (Linux fsl_pamu.c create_csd()). Nothing is written on
 * error.
 * Return: 0; -EINVAL (NULL block, zero counts, bad @size or alignment,
 * @port_id 0); -ENOSPC (every CSD ID register in use); -ENOENT (no
 * enabled LAW contains the whole table range); -EBUSY (that LAW is LAW 0
 * or every LAW below it is enabled, so no LAW of higher priority is free).
 */
int pamu_csd_create(const struct pamu_csd_regs *r, phys_addr_t phys, u64 size,
		    u32 port_id, struct pamu_csd *out)
{
	unsigned int csd, law, free_law, order;
	u32 target, lawar;

	if (!r || !r->lac || !r->ccf || !r->num_laws || !r->num_csdids ||
	    !port_id || !out)
		return -EINVAL;
	if (size < SZ_4K || !IS_POWER_OF_2(size) ||
	    size > (2ULL << LAWAR_SIZE_64G) || !IS_ALIGNED(phys, size))
		return -EINVAL;
	for (csd = 0; csd < r->num_csdids; csd++)
		if (!in_be32(csdid_reg(r, csd)))
			break;
	if (csd == r->num_csdids)
		return -ENOSPC;
	for (law = 0; law < r->num_laws; law++)
		if (law_contains(r, law, phys, size))
			break;
	if (law == r->num_laws)
		return -ENOENT;
	free_law = law;
	do {
		if (!free_law)
			return -EBUSY;
		free_law--;
	} while (in_be32(law_reg(r, free_law, CCSR_LAWAR)) & LAWAR_EN);

	target = in_be32(law_reg(r, law, CCSR_LAWAR)) & LAWAR_TARGET_MASK;
	for (order = 0; (2ULL << order) < size; order++)
		;
	lawar = LAWAR_EN | target | (csd << LAWAR_CSDID_SHIFT) | order;

	out_be32(csdid_reg(r, csd), port_id);
	out_be32(law_reg(r, free_law, CCSR_LAWBARH), (u32)(phys >> 32));
	out_be32(law_reg(r, free_law, CCSR_LAWBARL), (u32)phys);
	wmb();
	out_be32(law_reg(r, free_law, CCSR_LAWAR), lawar);
	wmb();
	*out = (struct pamu_csd){ .csd_id = csd,
				  .law = free_law,
				  .ddr_law = law,
				  .lawar = lawar,
				  .port_id = port_id };
	return 0;
}
