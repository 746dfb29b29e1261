// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU register programming and access-violation decoding.
 *
 * Register offsets and bits: Linux drivers/iommu/fsl_pamu.h (PAMU_PPBAH ..
 * PAMU_PICS, PAMU_PC_*, PAMU_AVS1_*), libos include/libos/pamu.h; bring-up
 * order: Linux fsl_pamu.c setup_one_pamu/fsl_pamu_probe and libos
 * pamu_hw_init/pamu_enable_interrupts (pamu-and-linux-guest.md 1.1,
 * topaz.md 2.3). Every function takes the instance's 4 KiB register block
 * as a plain pointer so host tests can pass a fake block.
 */
#include <errno.h>
#include <asm/io.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include <weir/log.h>
#include "pamu_priv.h"

static void *reg(void *regs, unsigned int off)
{
	return (u8 *)regs + off;
}

/* Write a 64-bit real address as a high/low register pair. */
static void write_pair(void *regs, unsigned int off_hi, u64 val)
{
	out_be32(reg(regs, off_hi), (u32)(val >> 32));
	out_be32(reg(regs, off_hi + 4), (u32)val);
}

/**
 * pamu_hw_max_subwindows() - subwindows per window this PAMU supports
 * @regs: the instance's register block
 *
 * Return: 2^(PC3[MWCE] + 1) (fsl_pamu.h PAMU_PC3_MWCE, Linux
 * get_pamu_cap_values): 16 on P4080 rev 1, 256 on later parts per libos.
 */
unsigned int pamu_hw_max_subwindows(const void *regs)
{
	u32 pc3 = in_be32((const u8 *)regs + PAMU_PC3);

	return 1u << (PAMU_PC3_MWCE(pc3) + 1);
}

/**
 * pamu_hw_init_one() - point one PAMU at the tables and enable it
 * @regs:  this instance's 4 KiB register block
 * @index: instance number (0-based, < 32: its PAMUBYPENR bit)
 * @t:     tables from pamu_create()
 * @guts:  GUTS register block, or NULL (QEMU/tests without GUTS)
 *
 * Order: clear PE and write PC = OCE first (libos pamu_hw_init; erratum
 * A-005982: base writes invalidate the caches only with OCE set), base
 * and exclusive limit of PAACT, SPAACT, OMT, PICS = AV interrupt enable,
 * PC = PE|OCE|SPCC|PPCC (Linux setup_one_pamu), then clear this unit's
 * bypass bit 0x80000000 >> index in GUTS PAMUBYPENR (fsl_pamu_probe).
 * One boot line ("PAMU unit N: hardware registers programmed: ...") gives
 * the table bases and sizes and PICS, PC and PAMUBYPENR as read back from
 * the unit, so a run on a board or on QEMU's -M ppce500,pamu=on shows the
 * unit is translating (doc/qemu-pamu.md).
 * Return: 0, or -EINVAL (NULL regs/tables, index >= 32).
 */
int pamu_hw_init_one(void *regs, unsigned int index,
		     const struct pamu_tables *t, void *guts)
{
	phys_addr_t pa, sa, oa;
	u32 byp;

	if (!regs || !t || !t->base || index >= 32)
		return -EINVAL;
	pa = hv_virt_to_phys(t->paact);
	sa = hv_virt_to_phys(t->spaact);
	oa = hv_virt_to_phys(t->omt);
	out_be32(reg(regs, PAMU_PC), PAMU_PC_OCE);
	write_pair(regs, PAMU_PPBAH, pa);
	write_pair(regs, PAMU_PPLAH, pa + (u64)t->num_paace * PAACE_SIZE);
	write_pair(regs, PAMU_SPBAH, sa);
	write_pair(regs, PAMU_SPLAH, sa + (u64)t->num_spaace * PAACE_SIZE);
	write_pair(regs, PAMU_OBAH, oa);
	write_pair(regs, PAMU_OLAH, oa + OMT_SIZE);
	out_be32(reg(regs, PAMU_PICS), PAMU_PICS_AVIE);
	out_be32(reg(regs, PAMU_PC),
		 PAMU_PC_PE | PAMU_PC_OCE | PAMU_PC_SPCC | PAMU_PC_PPCC);
	mb();
	byp = 0;
	if (guts) {
		byp = in_be32(reg(guts, GUTS_PAMUBYPENR));
		out_be32(reg(guts, GUTS_PAMUBYPENR),
			 byp & ~(0x80000000u >> index));
		mb();
		byp = in_be32(reg(guts, GUTS_PAMUBYPENR));
	}
	pr_info("PAMU unit %u: hardware registers programmed: PPAACT 0x%llx+0x%llx, SPAACT 0x%llx+0x%llx, OMT 0x%llx+0x%x, PICS 0x%08x, PC 0x%08x, PAMUBYPENR 0x%08x%s\n",
		index, (unsigned long long)pa,
		(unsigned long long)t->num_paace * PAACE_SIZE,
		(unsigned long long)sa,
		(unsigned long long)t->num_spaace * PAACE_SIZE,
		(unsigned long long)oa, OMT_SIZE, in_be32(reg(regs, PAMU_PICS)),
		in_be32(reg(regs, PAMU_PC)), byp, guts ? "" : " (no GUTS)");
	return 0;
}

/**
 * pamu_hw_init() - pamu_hw_init_one() for @count consecutive 4 KiB blocks
 * (the fsl,pamu node's reg size / 0x1000, Linux fsl_pamu_probe).
 * Return: 0, or -EINVAL (count 0 or > 32, or an argument as above).
 */
int pamu_hw_init(void *regs, unsigned int count, const struct pamu_tables *t,
		 void *guts)
{
	unsigned int i;
	int ret;

	if (!count || count > 32)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		ret = pamu_hw_init_one(reg(regs, i * PAMU_BLOCK_SIZE), i, t,
				       guts);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * pamu_av_kind_decode() - the violation type in an AVS1 value
 *
 * Fields (fsl_pamu.h PAMU_AVS1_*): LAV 0x1c00, WAV 0x380, APV 0x78,
 * OTV 0x6, GCV 0x2000, PDV 0x4000. The first non-zero field in that
 * order wins. Return: the kind, PAMU_AV_UNKNOWN when no field is set.
 */
enum pamu_av_kind pamu_av_kind_decode(u32 avs1)
{
	if (avs1 & PAMU_AVS1_LAV)
		return PAMU_AV_LIODN;
	if (avs1 & PAMU_AVS1_WAV)
		return PAMU_AV_WINDOW;
	if (avs1 & PAMU_AVS1_APV)
		return PAMU_AV_PERM;
	if (avs1 & PAMU_AVS1_OTV)
		return PAMU_AV_OPTRANS;
	if (avs1 & PAMU_AVS1_GCV)
		return PAMU_AV_GATE;
	if (avs1 & PAMU_AVS1_PDV)
		return PAMU_AV_PDV;
	return PAMU_AV_UNKNOWN;
}

static void write_pics(void *regs, u32 val, u32 quirks)
{
	out_be32(reg(regs, PAMU_PICS), val);
	if (quirks & PAMU_QUIRK_PAMU3)
		out_be32(reg(regs, PAMU_PICS), val);
}

/* Is @liodn's primary PAACE valid? @liodn must already be range-checked. */
static bool liodn_entry_valid(struct iommu *mmu, u32 liodn)
{
	const u32 *e = pamu_ppaace(pamu_tables(mmu), liodn);

	return get_be32(&e[PAACE_W_ADDR]) & PAACE_AF_V;
}

/**
 * pamu_av_handle() - decode and clear one unit's access violation
 * @regs:   the unit's register block
 * @unit:   its index (copied into @av)
 * @mmu:    the PAMU tables, to range-check the LIODN and read its V bit
 * @quirks: pamu_quirks(SVR)
 * @av:     filled on return 0
 *
 * Reads PICS, AVS1, AVS2, AVAH/AVAL. The LIODN from AVS1[31:16] is
 * range-checked before anything is indexed with it (Topaz wrote
 * liodn_data[] first, topaz.md 2.12 item 1). The status is always
 * cleared (AVS1 written back with the AV field mask, PICS with AVICS),
 * also for an out-of-table LIODN. With A-003638 (an AV reported for a
 * disabled LIODN, Linux pamu_av_isr), a violation whose LIODN is out of
 * the table or has V=0 turns AV reporting off on this unit
 * (@av->av_disabled); pamu_av_reenable() turns it back on. Disabling the
 * LIODN is the caller's policy (pamu_block_liodn()).
 * Return: 0, -ENOENT when no violation is pending, -EINVAL on NULL args.
 */
int pamu_av_handle(void *regs, unsigned int unit, struct iommu *mmu, u32 quirks,
		   struct pamu_av *av)
{
	u32 pics, avs1;

	if (!regs || !mmu || !av)
		return -EINVAL;
	pics = in_be32(reg(regs, PAMU_PICS));
	avs1 = in_be32(reg(regs, PAMU_AVS1));
	if (!(pics & PAMU_PICS_AVICS) && !(avs1 & PAMU_AVS1_AV))
		return -ENOENT;
	*av = (struct pamu_av){ .unit = unit, .avs1 = avs1 };
	av->avs2 = in_be32(reg(regs, PAMU_AVS2));
	av->addr = (u64)in_be32(reg(regs, PAMU_AVAH)) << 32 |
		   in_be32(reg(regs, PAMU_AVAL));
	av->liodn = avs1 >> PAMU_AVS1_LIODN_SHIFT;
	av->kind = pamu_av_kind_decode(avs1);
	av->liodn_valid = av->liodn < pamu_tables(mmu)->num_paace;
	av->entry_valid = av->liodn_valid && liodn_entry_valid(mmu, av->liodn);
	out_be32(reg(regs, PAMU_AVS1), avs1 & PAMU_AVS1_MASK);
	if ((quirks & PAMU_QUIRK_A003638) && !av->entry_valid) {
		pics &= ~PAMU_PICS_AVIE;
		av->av_disabled = true;
	}
	write_pics(regs, pics | PAMU_PICS_AVICS, quirks);
	mb();
	return 0;
}

/** pamu_av_reenable() - set PICS[AVIE] again after A-003638 cleared it. */
void pamu_av_reenable(void *regs, u32 quirks)
{
	u32 pics = in_be32(reg(regs, PAMU_PICS)) & ~PAMU_PICS_AVICS;

	write_pics(regs, pics | PAMU_PICS_AVIE, quirks);
	mb();
}
