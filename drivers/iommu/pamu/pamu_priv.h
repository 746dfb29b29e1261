/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PAMU driver internals shared by the files of drivers/iommu/pamu. */
#ifndef PAMU_PRIV_H
#define PAMU_PRIV_H

#include "pamu.h"

enum pamu_op_type { PAMU_OP_WINDOW, PAMU_OP_SUBWIN, PAMU_OP_DISABLE };

/* One staged change, exactly the arguments of the stage_* call. */
struct pamu_op {
	u8 type;
	u32 liodn;
	u32 arg;  /* WINDOW: subwindow count; SUBWIN: slot index */
	u32 prot; /* SUBWIN */
	u64 addr; /* WINDOW: iova; SUBWIN: phys */
	u64 size;
};

/* Mapping of one slot: @prot 0 = disabled. */
struct pamu_slot {
	phys_addr_t phys;
	u64 size;
	u32 prot;
};

/*
 * A LIODN's window as software sees it: the geometry and slot 0 decoded
 * from the live primary, then changed by replaying staged ops. @fresh
 * means the geometry was (re)staged, so a new SPAACE run is needed and
 * every slot starts off.
 *
 * Only the slots a staged op set are held: slots[0] always (it lives in
 * the primary), slots[i > 0] only when bit i of @dirty is set (listed in
 * dirty_list[0..nr_dirty)). Any other slot is its live SPAACE (when
 * !fresh) or off (when fresh), and committing never rewrites it, so a
 * commit costs O(staged slots), not O(count). The live tables stay the
 * only record: commit() and abort() drop every held slot, so between
 * them @dirty is all zero and nr_dirty is 0 (pamu_audit() checks this).
 */
struct pamu_win {
	bool present;
	bool fresh;
	u64 iova, size;
	u32 count;
	u32 fspi;		 /* live run, when !fresh and count > 1 */
	struct pamu_slot *slots; /* max_subwindows entries */
	u32 *dirty;		 /* max_subwindows bits */
	u32 *dirty_list;	 /* max_dirty entries */
	u32 nr_dirty, max_dirty;
};

struct pamu {
	struct iommu iommu;
	struct pamu_tables t;
	unsigned int max_subwindows;
	unsigned int iova_bits;
	u32 *spaace_map;  /* 1 bit per SPAACE: in use */
	u32 *scratch_map; /* commit validation copy of spaace_map */
	u8 *mark;	  /* per LIODN: visited in this pass */
	struct iommu_liodn_attr *attr; /* per LIODN, pamu_set_liodn_attr() */
	struct pamu_op *ops;
	unsigned int nr_ops, max_ops;
	struct pamu_win win; /* scratch window for stage/commit */
	/*
	 * stage() cache: while win_cached, @win is @win_liodn's live state
	 * with every logged op applied (ops[0..nr_ops)), so staging one more
	 * op for that LIODN applies just that op instead of replaying the log
	 * (O(n) instead of O(n^2) for n slots staged in a row). Cleared by
	 * anything that changes the live tables, the log or @win.
	 */
	bool win_cached;
	bool win_blocked; /* with win_cached: the staged V = 0 state */
	u32 win_liodn;
	struct pamu_test *test; /* audit.c, host tests only; else NULL */
};

/* audit.c (sandbox builds only): iommu_ops.audit, .save, .restore, the
 * test-only state and the fault injection of CONFIG_IOMMU_FAULT_INJECT. */
int pamu_audit(struct iommu *mmu, struct iommu_audit *a);
int pamu_save(struct iommu *mmu);
int pamu_restore(struct iommu *mmu);
void pamu_test_free(struct pamu *p);
void pamu_inject_free_sub(struct pamu *p);

static inline struct pamu *to_pamu(struct iommu *mmu)
{
	return mmu->priv;
}

static inline u32 *pamu_ppaace(const struct pamu_tables *t, u32 liodn)
{
	return t->paact + (size_t)liodn * PAACE_WORDS;
}

static inline u32 *pamu_spaace(const struct pamu_tables *t, u32 idx)
{
	return t->spaact + (size_t)idx * PAACE_WORDS;
}

#endif
