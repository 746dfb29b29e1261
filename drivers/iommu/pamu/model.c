// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Software PAMU: translates a device access by walking the in-memory
 * PAACT/SPAACT exactly as laid out for the hardware (decoding the
 * big-endian entries, never the driver's own bookkeeping), and an
 * emulated DMA engine on top of it.
 *
 * Walk (pre-5.13 Linux get_phys_addr/map_subwins, libos lib/pamu.c;
 * pamu-and-linux-guest.md 1.3):
 *  1. LIODN beyond the PAACT             -> LAV "not in PPAACT" (0x400)
 *  2. primary V=0 or not a primary       -> LAV (model code 0x800)
 *  3. IOVA outside [WBA, WBA + 2^(WSE+1)) -> WAV
 *  4. MW=1: slot = offset / (size / 2^(WCE+1)); slot 0 is the primary,
 *     slot i is SPAACT[FSPI + i - 1], which must have V=1 and PT=1
 *     (else WAV)
 *  5. AP lacks the access's permission   -> APV (QUERY = read,
 *     UPDATE = write)
 *  6. offset in the slot >= 2^(SWSE+1) (subwindows) -> WAV
 *  7. ATM: NO_XLATE -> the IOVA itself; WINDOW_XLATE -> TWBA + offset;
 *     page modes are not modelled (fault, kind unknown).
 * The AVS1 value of a model fault sets AV, the LIODN in [31:16] and the
 * lowest bit of the violated field; only LAV 0x400 is a documented code
 * (fsl_pamu.h PAMU_LAV_LIODN_NOT_IN_PPAACT), the other codes inside a
 * field are the model's choice.
 */
#include <errno.h>
#include "pamu.h"
#include "pamu_priv.h"

#define MODEL_LAV_INVALID 0x800u
#define MODEL_WAV 0x080u
#define MODEL_APV 0x008u

/*
 * Fill @av (when given) for a model fault: the generic record of
 * include/weir/iommu.h, status[0] the AVS1 value the hardware would
 * report (status[1], AVS2, 0). Always returns -EFAULT.
 */
static int fault(struct iommu_fault *av, u32 liodn, bool liodn_valid,
		 bool entry_valid, u64 iova, unsigned int access,
		 enum iommu_fault_kind kind, u32 code)
{
	if (av) {
		*av = (struct iommu_fault){ 0 };
		av->liodn = liodn;
		av->liodn_valid = liodn_valid;
		av->entry_valid = entry_valid;
		av->kind = kind;
		av->status[0] = (liodn << PAMU_AVS1_LIODN_SHIFT) |
				PAMU_AVS1_AV | code;
		av->addr = iova;
		av->write = access & IOMMU_WRITE;
	}
	return -EFAULT;
}

static bool ap_allows(u8 ap, unsigned int access)
{
	if ((access & IOMMU_READ) && !(ap & PAACE_AP_QUERY))
		return false;
	if ((access & IOMMU_WRITE) && !(ap & PAACE_AP_UPDATE))
		return false;
	return true;
}

/*
 * select_slot() - for MW=1, find the entry of the slot holding @off and
 * reduce @off to the offset inside the slot; @slot gets the slot size.
 * Return: 0, or -EFAULT when the slot's SPAACE is absent or invalid.
 */
static int select_slot(const struct pamu_tables *t,
		       const struct paace_fields *p, u64 size,
		       struct paace_fields *e, u64 *off, u64 *slot)
{
	u32 count = pamu_wce_to_count(p->wce);
	u64 idx, sidx;

	*slot = size / count;
	idx = *off / *slot;
	*off %= *slot;
	*e = *p;
	if (!idx)
		return 0;
	sidx = (u64)p->fspi + idx - 1;
	if (sidx >= t->num_spaace)
		return -EFAULT;
	paace_decode(pamu_spaace(t, (u32)sidx), e);
	if (!e->v || e->pt != PAACE_PT_SECONDARY)
		return -EFAULT;
	return 0;
}

/**
 * pamu_model_translate() - translate one device access as the PAMU would
 * @mmu:    a PAMU iommu (tables as committed)
 * @liodn:  the device's LIODN
 * @iova:   the bus address it drives
 * @access: IOMMU_READ and/or IOMMU_WRITE (both: both needed)
 * @phys:   out: the real address
 * @av:     out, may be NULL: the violation record on -EFAULT
 *
 * Return: 0; -EFAULT on any violation (see the walk above); -EINVAL
 * when @access is 0 or has unknown bits.
 */
int pamu_model_translate(struct iommu *mmu, u32 liodn, u64 iova,
			 unsigned int access, phys_addr_t *phys,
			 struct iommu_fault *av)
{
	const struct pamu_tables *t = pamu_tables(mmu);
	struct paace_fields p, e;
	u64 size, off, esize, slot = 0;

	if (!access || (access & ~(IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if (liodn >= t->num_paace)
		return fault(av, liodn, false, false, iova, access,
			     IOMMU_FAULT_LIODN, PAMU_LAV_NOT_IN_PPAACT);
	paace_decode(pamu_ppaace(t, liodn), &p);
	size = pamu_wse_to_size(p.wse);
	if (!p.v || p.pt != PAACE_PT_PRIMARY || p.wse < PAACE_WSE_4K || !size)
		return fault(av, liodn, true, p.v, iova, access,
			     IOMMU_FAULT_LIODN, MODEL_LAV_INVALID);
	if (iova < p.wba || iova - p.wba >= size)
		return fault(av, liodn, true, true, iova, access,
			     IOMMU_FAULT_WINDOW, MODEL_WAV);
	off = iova - p.wba;
	e = p;
	esize = size;
	if (p.mw) {
		if (select_slot(t, &p, size, &e, &off, &slot))
			return fault(av, liodn, true, true, iova, access,
				     IOMMU_FAULT_WINDOW, MODEL_WAV);
		esize = pamu_wse_to_size(e.swse);
	}
	if (!ap_allows(e.ap, access))
		return fault(av, liodn, true, true, iova, access,
			     IOMMU_FAULT_PERM, MODEL_APV);
	if (p.mw && (esize < SZ_4K || esize > slot || off >= esize))
		return fault(av, liodn, true, true, iova, access,
			     IOMMU_FAULT_WINDOW, MODEL_WAV);
	if (e.atm == PAACE_ATM_NO_XLATE)
		*phys = iova;
	else if (e.atm == PAACE_ATM_WINDOW_XLATE)
		*phys = e.twba + off;
	else
		return fault(av, liodn, true, true, iova, access,
			     IOMMU_FAULT_UNKNOWN, 0);
	return 0;
}

/* Bytes from @off to the end of its 4 KiB page. */
static u64 page_left(u64 addr)
{
	return SZ_4K - (addr & (SZ_4K - 1));
}

static u64 min3(u64 a, u64 b, u64 c)
{
	u64 m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * walk_copy() - translate [src, src+len) for reading and [dst, dst+len)
 * for writing in page-bounded chunks (every mapping is >= 4 KiB and
 * aligned, so one translation covers a chunk); copy when @mem is given.
 */
static int walk_copy(struct iommu *mmu, u32 liodn, u64 src, u64 dst, u64 len,
		     const struct iommu_mem *mem, bool copy,
		     struct iommu_fault *av)
{
	phys_addr_t ps, pd;
	u64 off, n;
	int ret;

	for (off = 0; off < len; off += n) {
		n = min3(len - off, page_left(src + off), page_left(dst + off));
		ret = pamu_model_translate(mmu, liodn, src + off, IOMMU_READ,
					   &ps, av);
		if (!ret)
			ret = pamu_model_translate(mmu, liodn, dst + off,
						   IOMMU_WRITE, &pd, av);
		if (!ret && copy)
			ret = mem->copy(mem->ctx, pd, ps, n);
		else if (!ret && mem->check)
			ret = mem->check(mem->ctx, pd, ps, n);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * pamu_model_dma_copy() - emulated DMA engine: copy through the PAMU
 * @mmu:      a PAMU iommu
 * @liodn:    the engine's LIODN
 * @src_iova: source bus address (read access)
 * @dst_iova: destination bus address (write access)
 * @len:      bytes
 * @mem:      real-memory accessor
 * @av:       out, may be NULL: the first violation, the record the
 *            hardware path hands the core too (pamu_fault_of()); its kind
 *            is IOMMU_FAULT_NONE when there was none
 *
 * Every page of both ranges is translated before anything is copied, so
 * a fault copies nothing. This is the backend's iommu_ops.dma_copy.
 * Return: 0; -EFAULT on a violation (nothing copied); -EINVAL when a
 * range wraps past 2^64 or @mem is NULL; the accessor's error.
 */
int pamu_model_dma_copy(struct iommu *mmu, u32 liodn, u64 src_iova,
			u64 dst_iova, u64 len, const struct iommu_mem *mem,
			struct iommu_fault *av)
{
	int ret;

	if (av)
		av->kind = IOMMU_FAULT_NONE;
	if (!mem || !mem->copy)
		return -EINVAL;
	if (!len)
		return 0;
	if (src_iova + len < src_iova || dst_iova + len < dst_iova)
		return -EINVAL;
	ret = walk_copy(mmu, liodn, src_iova, dst_iova, len, mem, false, av);
	if (ret)
		return ret;
	return walk_copy(mmu, liodn, src_iova, dst_iova, len, mem, true, av);
}
