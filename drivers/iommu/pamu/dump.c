// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAMU tables as text, for the host tool tools/weir-plan
 * (iommu_driver.dump; sandbox builds only, weir itself never prints them).
 */
#include <stdio.h>
#include "pamu.h"

/*
 * One decoded entry per line, fields in layout order (doc/pamu.md):
 * sizes in bytes (WSE/SWSE/WCE decoded), addresses in hex; size/subw/fspi
 * only mean something in a primary, liodn only in a secondary.
 */
static void print_paace_row(const char *tag, u32 index,
			    const struct paace_fields *f)
{
	bool primary = f->pt == PAACE_PT_PRIMARY;
	u64 size = primary && f->wse ? pamu_wse_to_size(f->wse) : 0;
	u64 swsize =
		(f->mw || !primary) && f->swse ? pamu_wse_to_size(f->swse) : 0;

	printf("  %-6s %-5u %u %u  %u  %u  0x%09llx %-11llu %u  %-4u %-5u %u   %u   0x%09llx %-10llu %u  %-3u %-3u %-3u %-5u %-5u %u\n",
	       tag, index, f->v, f->pt, f->ap, f->dd,
	       (unsigned long long)f->wba, (unsigned long long)size, f->mw,
	       f->mw ? pamu_wce_to_count(f->wce) : 1, f->fspi, f->atm, f->otm,
	       (unsigned long long)f->twba, (unsigned long long)swsize, f->cr,
	       f->cid, f->did, f->pid, f->snpid, f->liodn,
	       f->otm == PAACE_OTM_INDEXED ? f->op & PAACE_OP_OMI : 0);
}

static void print_header(void)
{
	printf("  %-6s %-5s v pt ap dd %-11s %-11s mw %-4s %-5s atm otm %-11s %-10s cr cid did pid snpid liodn omi\n",
	       "entry", "index", "wba", "size", "subw", "fspi", "twba",
	       "swsize");
}

static bool is_zero(const u32 *e)
{
	unsigned int i;

	for (i = 0; i < PAACE_WORDS; i++)
		if (e[i])
			return false;
	return true;
}

/**
 * pamu_dump() - iommu_driver.dump: print the tables of @mmu to stdout,
 * one decoded entry per line (tools/weir-plan): every primary PAACE that
 * is not all zero, then the SPAACEs: those that are not all zero, or
 * with @all every entry of every allocated run.
 */
void pamu_dump(struct iommu *mmu, bool all)
{
	const struct pamu_tables *t = pamu_tables(mmu);
	struct paace_fields f;
	u32 i, j, nrun = 0, nvalid = 0;

	printf("\npaact (%u entries, %u SPAACEs):\n", t->num_paace,
	       t->num_spaace);
	print_header();
	for (i = 0; i < t->num_paace; i++) {
		const u32 *e = t->paact + i * PAACE_WORDS;

		if (is_zero(e))
			continue;
		paace_decode(e, &f);
		print_paace_row("paace", i, &f);
	}
	for (i = 0; i < t->num_paace; i++) {
		paace_decode(t->paact + i * PAACE_WORDS, &f);
		if (!f.mw)
			continue;
		nrun += pamu_wce_to_count(f.wce) - 1;
		for (j = 0; j + 1 < pamu_wce_to_count(f.wce); j++) {
			const u32 *s = t->spaact + (f.fspi + j) * PAACE_WORDS;
			struct paace_fields sf;

			paace_decode(s, &sf);
			nvalid += sf.v;
			if (all || !is_zero(s))
				print_paace_row("spaace", f.fspi + j, &sf);
		}
	}
	printf("\nspaact: %u entries in runs, %u valid (a slot is valid once its TCEs map it)\n",
	       nrun, nvalid);
}
