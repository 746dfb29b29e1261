// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAACE / SPAACE / OME encoders and decoders.
 *
 * Layout (64-byte entries, big-endian words): QorIQ RM PAMU chapter;
 * field masks as in Linux drivers/iommu/fsl_pamu.h (struct paace,
 * PPAACE_AF_*, SPAACE_AF_*, PAACE_AF_*, PAACE_DA_*, PAACE_IA_*,
 * PAACE_WIN_*); summarised in shared/reference/pamu-and-linux-guest.md
 * section 1.2. Our own code.
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include "pamu.h"

/* Place @val into the bits of @mask (mask's lowest set bit is the shift). */
static u32 field_put(u32 mask, u32 val)
{
	return (val << __builtin_ctz(mask)) & mask;
}

static u32 field_get(u32 mask, u32 word)
{
	return (word & mask) >> __builtin_ctz(mask);
}

/* Word 1: primary (WBAL/WSE/MW) or secondary (LIODN) plus AP/DD/PT/V. */
static u32 encode_addr_word(const struct paace_fields *f)
{
	u32 w = field_put(PAACE_AF_AP, f->ap) | field_put(PAACE_AF_DD, f->dd) |
		field_put(PAACE_AF_PT, f->pt) | field_put(PAACE_AF_V, f->v);

	if (f->pt == PAACE_PT_PRIMARY)
		w |= ((u32)f->wba & PPAACE_AF_WBAL) |
		     field_put(PPAACE_AF_WSE, f->wse) |
		     field_put(PPAACE_AF_MW, f->mw);
	else
		w |= field_put(SPAACE_AF_LIODN, f->liodn);
	return w;
}

/* Word 2: DD=0 "to host" bytes did/pid/snpid/cr; DD=1 only did. */
static u32 encode_domain_word(const struct paace_fields *f)
{
	u32 w = (u32)f->did << PAACE_DA_DID_SHIFT;

	if (!f->dd)
		w |= (u32)f->pid << PAACE_DA_PID_SHIFT |
		     (u32)f->snpid << PAACE_DA_SNPID_SHIFT |
		     (f->cr ? PAACE_DA_HOST_CR : 0);
	return w;
}

/**
 * paace_encode() - write one PAACE or SPAACE in hardware layout
 * @entry: PAACE_WORDS big-endian words (64 bytes); every word is written,
 *         reserved words 8..15 become zero
 * @f:     field values; values wider than their field are truncated,
 *         the low 12 bits of @f->wba and @f->twba are dropped
 *
 * Writes plain memory in word order 0..15: callers that update a live
 * entry use the V-bit protocol around it (see tables.c).
 */
void paace_encode(u32 *entry, const struct paace_fields *f)
{
	bool primary = f->pt == PAACE_PT_PRIMARY;
	u32 w[PAACE_WORDS] = { 0 };
	unsigned int i;

	w[PAACE_W_WBAH] = primary ? (u32)(f->wba >> 32) : 0;
	w[PAACE_W_ADDR] = encode_addr_word(f);
	w[PAACE_W_DOMAIN] = encode_domain_word(f);
	w[PAACE_W_IMPL] = field_put(PAACE_IA_CID, f->cid) |
			  field_put(PAACE_IA_WCE, f->wce) |
			  field_put(PAACE_IA_ATM, f->atm) |
			  field_put(PAACE_IA_OTM, f->otm);
	w[PAACE_W_TWBAH] = (u32)(f->twba >> 32);
	w[PAACE_W_WIN] = ((u32)f->twba & PAACE_WIN_TWBAL) |
			 field_put(PAACE_WIN_SWSE, f->swse);
	w[PAACE_W_FSPI] = primary ? f->fspi : 0;
	w[PAACE_W_OP] = f->op;
	for (i = 0; i < PAACE_WORDS; i++)
		put_be32(&entry[i], w[i]);
}

/**
 * paace_decode() - read one PAACE or SPAACE from hardware layout
 * @entry: 16 big-endian words
 * @f:     filled completely; the layout of word 1 follows its PT bit
 */
void paace_decode(const u32 *entry, struct paace_fields *f)
{
	u32 addr = get_be32(&entry[PAACE_W_ADDR]);
	u32 dom = get_be32(&entry[PAACE_W_DOMAIN]);
	u32 impl = get_be32(&entry[PAACE_W_IMPL]);
	u32 win = get_be32(&entry[PAACE_W_WIN]);

	memset(f, 0, sizeof(*f));
	f->ap = field_get(PAACE_AF_AP, addr);
	f->dd = field_get(PAACE_AF_DD, addr);
	f->pt = field_get(PAACE_AF_PT, addr);
	f->v = field_get(PAACE_AF_V, addr);
	if (f->pt == PAACE_PT_PRIMARY) {
		f->wba = (u64)get_be32(&entry[PAACE_W_WBAH]) << 32 |
			 (addr & PPAACE_AF_WBAL);
		f->wse = field_get(PPAACE_AF_WSE, addr);
		f->mw = field_get(PPAACE_AF_MW, addr);
		f->fspi = get_be32(&entry[PAACE_W_FSPI]);
	} else {
		f->liodn = field_get(SPAACE_AF_LIODN, addr);
	}
	f->did = dom >> PAACE_DA_DID_SHIFT;
	if (!f->dd) {
		f->pid = (dom >> PAACE_DA_PID_SHIFT) & 0xff;
		f->snpid = (dom >> PAACE_DA_SNPID_SHIFT) & 0xff;
		f->cr = dom & PAACE_DA_HOST_CR;
	}
	f->cid = field_get(PAACE_IA_CID, impl);
	f->wce = field_get(PAACE_IA_WCE, impl);
	f->atm = field_get(PAACE_IA_ATM, impl);
	f->otm = field_get(PAACE_IA_OTM, impl);
	f->twba = (u64)get_be32(&entry[PAACE_W_TWBAH]) << 32 |
		  (win & PAACE_WIN_TWBAL);
	f->swse = field_get(PAACE_WIN_SWSE, win);
	f->op = get_be32(&entry[PAACE_W_OP]);
}

/**
 * pamu_size_to_wse() - window/subwindow size to its WSE/SWSE encoding
 * @size: bytes, a power of two >= 4 KiB
 * @wse:  out: log2(size) - 1 (size = 2^(WSE+1); fsl_pamu.h
 *        PAACE_WSE_4K = 0xb .. PAACE_WSE_4G = 0x1f)
 *
 * Return: 0, or -EINVAL when @size is not a power of two, is below 4 KiB,
 * or needs more than the 6-bit field (size > 2^63).
 */
int pamu_size_to_wse(u64 size, u8 *wse)
{
	if (!IS_POWER_OF_2(size) || size < SZ_4K)
		return -EINVAL;
	*wse = (u8)(__builtin_ctzll(size) - 1);
	return 0;
}

/**
 * pamu_wse_to_size() - decode WSE/SWSE
 * Return: 2^(wse+1) bytes computed in u64 (Topaz used int, topaz.md
 * 2.12 item 5), or 0 when @wse >= 63 (not representable).
 */
u64 pamu_wse_to_size(unsigned int wse)
{
	if (wse >= 63)
		return 0;
	return 1ULL << (wse + 1);
}

/**
 * pamu_count_to_wce() - subwindow count to its WCE encoding
 * @count: power of two in [2, 2^16] (4-bit field, count = 2^(WCE+1))
 * @wce:   out
 *
 * Return: 0, or -EINVAL for any other @count (1 means "no subwindows",
 * MW=0, and has no WCE encoding).
 */
int pamu_count_to_wce(unsigned int count, u8 *wce)
{
	if (!IS_POWER_OF_2(count) || count < 2 || count > (1u << 16))
		return -EINVAL;
	*wce = (u8)(__builtin_ctz(count) - 1);
	return 0;
}

/** pamu_wce_to_count() - 2^(wce+1) subwindows (@wce in 0..15). */
unsigned int pamu_wce_to_count(unsigned int wce)
{
	return 1u << ((wce & 0xf) + 1);
}

/**
 * pamu_ome_set() - set one MOE byte of the OMT
 * @omt: OME_ENTRIES x OME_SIZE bytes
 * @omi: OME index, < OME_ENTRIES
 * @ioe: I/O operation index, < OME_SIZE
 * @eoe: encoded operation, PAMU_EOE_VALID is added
 *
 * Return: 0, or -EINVAL when @omi or @ioe is out of range.
 */
int pamu_ome_set(u8 *omt, unsigned int omi, unsigned int ioe, u8 eoe)
{
	if (omi >= OME_ENTRIES || ioe >= OME_SIZE)
		return -EINVAL;
	omt[omi * OME_SIZE + ioe] = PAMU_EOE_VALID | eoe;
	return 0;
}

/*
 * pamu_omt_setup() - the operation mappings weir uses, numbered as Linux
 * and Topaz setup_omt() do (pamu-and-linux-guest.md 1.3, topaz.md 2.2):
 * QMan portal, FMan, QMan private, CAAM.
 */
void pamu_omt_setup(u8 *omt)
{
	memset(omt, 0, OMT_SIZE);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_READ, PAMU_EOE_READ);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_EREAD0, PAMU_EOE_RSA);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_WRITE, PAMU_EOE_WRITE);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_EWRITE0, PAMU_EOE_WWSAO);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_DIRECT0, PAMU_EOE_LDEC);
	pamu_ome_set(omt, PAMU_OMI_QMAN, PAMU_IOE_DIRECT1, PAMU_EOE_LDECPE);
	pamu_ome_set(omt, PAMU_OMI_FMAN, PAMU_IOE_READ, PAMU_EOE_READI);
	pamu_ome_set(omt, PAMU_OMI_FMAN, PAMU_IOE_WRITE, PAMU_EOE_WRITE);
	pamu_ome_set(omt, PAMU_OMI_QMAN_PRIV, PAMU_IOE_READ, PAMU_EOE_READ);
	pamu_ome_set(omt, PAMU_OMI_QMAN_PRIV, PAMU_IOE_WRITE, PAMU_EOE_WRITE);
	pamu_ome_set(omt, PAMU_OMI_QMAN_PRIV, PAMU_IOE_EREAD0, PAMU_EOE_RSA);
	pamu_ome_set(omt, PAMU_OMI_QMAN_PRIV, PAMU_IOE_EWRITE0, PAMU_EOE_WWSA);
	pamu_ome_set(omt, PAMU_OMI_CAAM, PAMU_IOE_READ, PAMU_EOE_READI);
	pamu_ome_set(omt, PAMU_OMI_CAAM, PAMU_IOE_WRITE, PAMU_EOE_WRITE);
}
