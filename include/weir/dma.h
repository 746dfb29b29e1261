/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PAPR TCE tables and DMA windows (the guest-facing half of the IOMMU
 * layer). A partition programs the DMA windows of the devices it owns
 * exactly as a pSeries guest programs its TCE windows (LoPAR "Logical
 * Partitioning Option", TCE hcalls and DDW RTAS calls); weir keeps the
 * IOMMU backend (include/weir/iommu.h) in step. See doc/tce.md.
 *
 * Vocabulary:
 *  - group: the devices (LIODNs) that share one DMA address space, owned
 *    by one partition, served by one struct iommu;
 *  - window: a bus (IOVA) range of a group translated through a TCE
 *    table, named by a LIOBN. A group has a default window (bus 0) and
 *    may trade it for one dynamic window (DDW);
 *  - TCE: 64-bit entry = guest-physical page address | TCE_WRITE |
 *    TCE_READ, one per IOMMU page of the window;
 *  - slot: 1/N of a window, the unit the IOMMU backend maps (a PAMU
 *    subwindow).
 *
 * Internal API: every function returns 0 or a negative errno; the PAPR
 * codes are produced only at the hcall/RTAS boundary (hv/hcall/papr.c).
 *
 * Concurrency: calls on one group must be serialized by the caller (one
 * lock per group once partitions run on several cores).
 */
#ifndef WEIR_DMA_H
#define WEIR_DMA_H

#include <errno.h>
#include <weir/types.h>
#include <weir/alloc.h>
#include <weir/byteorder.h>
#include <weir/iommu.h>
#include <weir/log.h>
#include <weir/spinlock.h>

struct partition;

/* TCE format (LoPAR "TCE Definition"; Linux asm/tce.h). */
#define TCE_READ 0x1ULL
#define TCE_WRITE 0x2ULL
#define TCE_PERM_MASK (TCE_READ | TCE_WRITE)
#define TCE_ENTRY_SIZE 8

/* LoPAR: H_STUFF_TCE and H_PUT_TCE_INDIRECT take at most 512 TCEs. */
#define TCE_BATCH_MAX 512
/* LoPAR: the H_PUT_TCE_INDIRECT list is one 4 KiB-aligned page. */
#define TCE_LIST_ALIGN SZ_4K

/* Defaults of struct dma_group_config (dma_group_config_init()). */
#define DMA_DEFAULT_WINDOW_SIZE SZ_1G
#define DMA_DEFAULT_PAGE_SHIFT 12
#define DMA_MSI_IOVA_DEFAULT 0x8000000ULL /* seed 003 MSI_IOVA_BASE */
#define DMA_MSI_LEN_DEFAULT 0x100000ULL	  /* seed 003 MSI_IOVA_LENGTH */
#define DMA_DDW_BUS_BASE (1ULL << 35)	  /* inside a 36-bit IOVA space */

#define DMA_MAX_GROUPS 64 /* system-wide group indices */
#define DMA_GROUP_MAX_LIODNS 8

/*
 * LIOBN = DMA_LIOBN_BASE | group index << 4 | window index: derived from
 * the config only, so stable across partition restart. Bit 31 is clear so
 * a LIOBN is never "negative" (LoPAR's MTT form of H_PUT_TCE_INDIRECT),
 * even in a 32-bit register.
 */
#define DMA_LIOBN_BASE 0x40000000u
#define DMA_LIOBN(group, win) (DMA_LIOBN_BASE | (u32)(group) << 4 | (u32)(win))

enum dma_win_index {
	DMA_WIN_DEFAULT = 0,
	DMA_WIN_DYNAMIC = 1,
	DMA_WINDOWS_PER_GROUP = 2,
};

/*
 * The IOMMU interface gives each LIODN exactly one window, so a group has
 * at most one active window at a time (doc/tce.md, "One window").
 */
#define DMA_MAX_ACTIVE_WINDOWS 1

/* Page-size mask bits of ibm,query-pe-dma-window (LoPAR; Linux
 * iommu_get_page_shift()). Bit 8 (2M) is out of order in the spec. */
#define DDW_PGSZ_4K 0x001
#define DDW_PGSZ_64K 0x002
#define DDW_PGSZ_16M 0x004
#define DDW_PGSZ_32M 0x008
#define DDW_PGSZ_64M 0x010
#define DDW_PGSZ_128M 0x020
#define DDW_PGSZ_256M 0x040
#define DDW_PGSZ_16G 0x080
#define DDW_PGSZ_2M 0x100

/* What the config tree says about one group. */
struct dma_group_config {
	unsigned int index; /* system-wide, < DMA_MAX_GROUPS */
	u64 buid;	    /* PHB id the guest passes to DDW calls */
	u32 liodns[DMA_GROUP_MAX_LIODNS];
	unsigned int nr_liodns;		 /* 1..DMA_GROUP_MAX_LIODNS */
	u64 default_size;		 /* bytes, power of two */
	unsigned int default_page_shift; /* 12, 16 or 24 */
	u32 ddw_page_mask;		 /* DDW_PGSZ_*; 0: no dynamic windows */
	u64 ddw_bus_base;		 /* bytes, bus address of a DDW */
	u64 msi_iova;		   /* reserved range [msi_iova, +msi_len) */
	u64 msi_len;		   /* bytes; 0: nothing reserved */
	bool has_doorbell;	   /* partition owns an MSI bank */
	phys_addr_t doorbell_phys; /* real MSIIR page, doorbell_size-aligned */
	u64 doorbell_size;	   /* bytes, power of two >= 4 KiB */
	bool start_disabled;	   /* DMA blocked at partition start
					 * until FH_DMA_ENABLE */
	/*
	 * Identity window (doc/passthrough.md): the default window maps
	 * IOVA = guest-physical [0, identity_size) to the real RAM at
	 * identity_phys, one subwindow per slot, whatever the TCEs; no TCE
	 * hcall or DDW call reaches the group. default_size is then the
	 * window: the smallest power of two holding the RAM and the MSI
	 * range, which must not share a slot with the RAM.
	 */
	bool identity;
	phys_addr_t identity_phys; /* real base of guest-physical 0 */
	u64 identity_size;	   /* bytes of RAM the window maps */
};

/* The IOMMU slot state weir computed (and committed) for a slot. */
struct dma_slot_state {
	phys_addr_t phys;  /* real address, aligned to size */
	u64 size;	   /* bytes mapped from the slot start */
	unsigned int prot; /* IOMMU_READ|IOMMU_WRITE; 0: disabled */
};

struct dma_group;

/*
 * A window as the register handlers' fast case sees it (tce_get_fast(),
 * tce_put_fast()): its geometry, MSI range and TCE rules as 32-bit words,
 * set by tce_fast_init() whenever the window is activated or deactivated,
 * never per call. A window the fast case does not serve has the closed
 * value (tce_fast_init()): liobn 0 and an MSI range that holds every
 * offset, so no register value passes it. end4 is the RAM bound rounded
 * up to 4, as tce_write_checked_u32() uses it.
 */
struct tce_fast {
	u32 liobn;	/* the window's LIOBN; 0: served by the full path */
	u32 base_hi;	/* bus_offset, high word: an IOBA's must equal it */
	u32 base_lo;	/* bus_offset, low word */
	u32 off_mask;	/* ~(size - page): IOBA - base_lo has none of it */
	u32 tce_shift;	/* page_shift - 3: offset -> byte offset in tces[] */
	u32 msi_lo;	/* byte offsets [msi_lo, +msi_n) in tces[]: the TCEs */
	u32 msi_n;	/* whose page touches the MSI range */
	u32 reserved;	/* TCE bits that must be 0, all in the low word */
	u32 end4;	/* with R/W: high word 0, low word below this */
	u32 slot_mask;	/* byte offset in tces[] within its slot */
	u32 slot_shift; /* byte offset in tces[] -> slot: slot_tce_shift + 3 */
};

struct dma_window {
	struct dma_group *group;
	u32 liobn;
	bool active;
	u64 bus_offset;		 /* bytes, IOVA of TCE 0 */
	u64 size;		 /* bytes, power of two */
	unsigned int page_shift; /* IOMMU page = 1 << page_shift bytes */
	u64 nr_tces;		 /* size >> page_shift */
	u64 max_tces;		 /* capacity of tces[] */
	u64 *tces;		 /* big-endian TCEs, exactly as stored */
	/*
	 * Only TCEs [dirty_lo, dirty_hi) may be non-zero; every other entry
	 * of tces[] (all max_tces) is 0, so re-zeroing the table touches
	 * just that range (empty when dirty_lo == dirty_hi).
	 */
	u64 dirty_lo, dirty_hi;
	unsigned int nr_slots;	     /* IOMMU subwindows (power of two) */
	unsigned int slot_tce_shift; /* TCEs per slot = 1 << this */
	unsigned int max_slots;	     /* capacity of slot arrays */
	u32 *slot_valid; /* per slot: TCEs with TCE_READ or TCE_WRITE */
	struct dma_slot_state *slot; /* per slot: as committed */
	struct tce_fast fast;	     /* tce_fast_init() */
};

struct dma_group {
	struct dma_group_config cfg;
	struct partition *owner;
	struct iommu *mmu;
	struct iommu_caps caps;
	struct dma_window win[DMA_WINDOWS_PER_GROUP];
	u64 undo[TCE_BATCH_MAX];	  /* old TCEs, for rollback */
	struct dma_slot_state *slot_undo; /* old slot states, for rollback */
	/*
	 * DMA disabled (FH_DMA_DISABLE, start_disabled, or the access
	 * violation policy): every LIODN of the group is invalid in the
	 * IOMMU (V=0 on the PAMU), never wide open. The TCE tables and
	 * w->slot[] are still kept; FH_DMA_ENABLE stages them again.
	 */
	bool blocked;
	char path[48]; /* its node in the guest tree, for errors */
	bool engine;   /* weir's emulated DMA engine (dma_engine_add()) */
	struct log_budget log; /* its violation lines (events: violations) */
};

/*
 * The guest-visible DMA handle of a group ("fsl,hv-dma-handle" on its
 * guest DT node, the argument of FH_DMA_ENABLE/DISABLE and of the
 * emulated DMA engine's hcall): derived from the group index.
 */
#define DMA_HANDLE_BASE 0x100u
#define DMA_HANDLE(group) (DMA_HANDLE_BASE + (u32)(group))

/* ---- groups and windows (hv/dma/window.c) ---- */

/** dma_group_config_init() - fill @cfg with the defaults (1 GiB 4K default
 * window, DDW 4K|64K|16M at DMA_DDW_BUS_BASE, MSI range reserved, no
 * doorbell); the caller then sets index, buid and liodns. */
void dma_group_config_init(struct dma_group_config *cfg);

/* Entries dma_group_allocs() fills: group, slot undo, 3 per window. */
#define DMA_GROUP_NR_ALLOCS (2 + 3 * DMA_WINDOWS_PER_GROUP)

/** dma_group_allocs() - the hv_zalloc() calls dma_group_create() makes
 * for @cfg with @max_subwindows, in order (hv/dma/window.c); the plan
 * counts weir's heap with it. Return: DMA_GROUP_NR_ALLOCS. */
unsigned int dma_group_allocs(const struct dma_group_config *cfg,
			      unsigned int max_subwindows,
			      struct hv_alloc a[DMA_GROUP_NR_ALLOCS]);

int dma_group_create(const struct dma_group_config *cfg,
		     struct partition *owner, struct iommu *mmu,
		     struct dma_group **out);
void dma_group_destroy(struct dma_group *g);
int dma_group_reset(struct dma_group *g);
unsigned int dma_identity_page_shift(const struct dma_group_config *cfg,
				     unsigned int max_subwindows);
int dma_partition_reset(struct partition *p);

struct dma_group *dma_group_by_buid(const struct partition *p, u64 buid);
extern struct dma_group *dma_groups[DMA_MAX_GROUPS];

/**
 * dma_window_lookup() - the active window named @liobn, for partition @p
 *
 * Inline: every TCE hcall starts here (the registry is hv/dma/window.c's).
 * Return: 0; -ENOENT (not a weir LIOBN, bits 32-63 set, no such group, or
 * window not active); -EPERM (the window belongs to another partition).
 * The hcall layer turns both into H_PARAMETER (LoPAR: LIOBN invalid).
 */
static inline int dma_window_lookup(const struct partition *p, u64 liobn,
				    struct dma_window **out)
{
	unsigned int idx = (unsigned int)(liobn >> 4) & (DMA_MAX_GROUPS - 1);
	unsigned int win = (unsigned int)liobn & 0xf;
	struct dma_group *g;

	if (win >= DMA_WINDOWS_PER_GROUP || liobn != DMA_LIOBN(idx, win))
		return -ENOENT;
	g = dma_groups[idx];
	if (!g)
		return -ENOENT;
	if (g->owner != p)
		return -EPERM;
	if (!g->win[win].active)
		return -ENOENT;
	*out = &g->win[win];
	return 0;
}

/**
 * dma_tce_window_lookup() - as dma_window_lookup(), for the TCE and DDW
 * calls: an identity window has no TCEs a guest may change, so its LIOBN
 * is -ENOENT there (H_PARAMETER: the guest was given no such window).
 */
static inline int dma_tce_window_lookup(const struct partition *p, u64 liobn,
					struct dma_window **out)
{
	struct dma_window *w;
	int ret = dma_window_lookup(p, liobn, &w);

	if (ret)
		return ret;
	if (w->group->cfg.identity)
		return -ENOENT;
	*out = w;
	return 0;
}
struct dma_window *dma_find_window(struct dma_group *g, u64 bus_offset,
				   unsigned int page_shift, u64 size);
unsigned int dma_active_windows(const struct dma_group *g);

/* ---- DMA enable/disable and lookups (hv/dma/enable.c) ---- */

int dma_group_set_enabled(struct dma_group *g, bool on);
int dma_partition_block(struct partition *p);
struct dma_group *dma_group_by_index(unsigned int index);
struct dma_group *dma_group_by_liodn(u32 liodn);
int dma_group_by_handle(const struct partition *p, u32 handle,
			struct dma_group **out);
struct dma_window *dma_active_window(struct dma_group *g);

/*
 * dma_lock()/dma_unlock(): one lock for every change of the IOMMU layer
 * (TCE tables, windows, DMA state, error queues, MSI bits). The PAMU's
 * staging log and tables are shared by all groups, and hcalls of
 * partitions on different cores, the access-violation path and the tick
 * all reach them. Taken at the boundaries (the hcall dispatcher for the
 * entries marked HC_DMA_LOCK, iommu_poll(), partition load/stop); nothing
 * below takes it. Never held across a return to a guest. Inline: it is on
 * every DMA hcall's path; the lock itself lives in hv/dma/enable.c.
 */
extern spinlock_t dma_spinlock;

static inline void dma_lock(void)
{
	spin_lock(&dma_spinlock);
}

static inline void dma_unlock(void)
{
	spin_unlock(&dma_spinlock);
}

/* ---- access violations (hv/dma/fault.c) ---- */

struct iommu_fault;
int dma_fault_report(const struct iommu_fault *av, const char *domain);
int dma_fault_route(const struct iommu_fault *av);

/* ---- TCE operations and their reflection (hv/dma/tce.c) ---- */

int tce_put(struct partition *p, u64 liobn, u64 ioba, u64 tce);
int tce_get(struct partition *p, u64 liobn, u64 ioba, u64 *tce);
int tce_stuff(struct partition *p, u64 liobn, u64 ioba, u64 tce, u64 count);
int tce_put_indirect(struct partition *p, u64 liobn, u64 ioba, gpa_t list,
		     u64 count);
void tce_fast_init(struct dma_window *w);

/* A 32-bit half of a big-endian TCE in tces[]: [0] high, [1] low. */
typedef u32 __attribute__((__may_alias__)) tce_word;

/*
 * tce_fast_ioba() - *@bo, the byte offset in @w's tces[] of the TCE for
 * the IOBA in @r[1]:@r[2], when @w is the window @r[0] names and the IOBA
 * is a TCE's, aligned, in the window and outside the MSI range. @w may be
 * NULL. Each test is one of ioba_check()'s, on the 32-bit words w->fast
 * holds. Return: true when all hold.
 */
static inline bool tce_fast_ioba(const struct dma_window *w, const u32 *r,
				 u32 *bo)
{
	const struct tce_fast *f;
	u32 off;

	if (!w || w->fast.liobn != r[0])
		return false;
	f = &w->fast;
	off = r[2] - f->base_lo;
	if (r[1] != f->base_hi || (off & f->off_mask))
		return false;
	*bo = off >> f->tce_shift;
	return *bo - f->msi_lo >= f->msi_n;
}

/**
 * tce_get_fast() - tce_get() on the registers, for the common case only
 * @w: the partition's last window (struct partition tce_hit), or NULL
 * @r: r3: LIOBN, r4:r5: IOBA (high word first); the TCE goes to r4:r5
 *
 * Return: true when it answered (H_SUCCESS, the TCE in r4:r5); false
 * when the IOBA or LIOBN is anything else, with nothing changed: the
 * caller then runs tce_get(), which decides (and sets the cache).
 */
static inline bool tce_get_fast(const struct dma_window *w, u32 *r)
{
	const tce_word *t;
	u32 bo;

	if (!tce_fast_ioba(w, r, &bo))
		return false;
	t = (const tce_word *)((const u8 *)w->tces + bo);
	r[1] = be32_to_cpu(t[0]);
	r[2] = be32_to_cpu(t[1]);
	return true;
}

/*
 * tce_dirty() of the one TCE @idx in a fast window, whose TCE indices,
 * so its dirty range's, are below 2^32: nothing when it is inside.
 */
static inline void tce_fast_dirty(struct dma_window *w, u32 idx)
{
	u32 lo = (u32)w->dirty_lo, hi = (u32)w->dirty_hi;

	if (idx - lo < hi - lo)
		return;
	if (lo == hi || idx < lo)
		w->dirty_lo = idx;
	if (lo == hi || idx >= hi)
		w->dirty_hi = (u64)idx + 1;
}

/**
 * tce_put_fast() - tce_put() on the registers, for the common case only
 * @w: the partition's last window (struct partition tce_hit), or NULL
 * @r: r3: LIOBN, r4:r5: IOBA, r6:r7: the TCE (high words first)
 *
 * The common case: tce_fast_ioba()'s IOBA; a TCE that tce_check() takes
 * (no reserved bit; with R/W the high word 0 and the page in RAM); a
 * slot that cannot change state, because its first TCE has no R/W and is
 * not this one (a slot maps only when its first TCE is valid, an MSI
 * slot follows the configuration: see put_keeps_slot_off()), so there is
 * no reflection and no undo copy. It stores the TCE, widens the dirty
 * range over a non-zero one and changes the slot's valid count.
 * Return: true when it stored the TCE (H_SUCCESS); false with nothing
 * changed otherwise: the caller then runs tce_put(), which decides.
 */
static inline bool tce_put_fast(struct dma_window *w, const u32 *r)
{
	const struct tce_fast *f;
	u32 bo, hi, lo, old;
	u8 *tb;

	if (!tce_fast_ioba(w, r, &bo))
		return false;
	f = &w->fast;
	lo = r[4];
	if ((lo & f->reserved) || !(bo & f->slot_mask))
		return false;
	tb = (u8 *)w->tces;
	if (be32_to_cpu(((tce_word *)(tb + (bo & ~f->slot_mask)))[1]) &
	    TCE_PERM_MASK)
		return false;
	hi = r[3];
	if ((lo & TCE_PERM_MASK) && (hi || lo >= f->end4))
		return false;
	if (hi | lo)
		tce_fast_dirty(w, bo >> 3);
	old = be32_to_cpu(((tce_word *)(tb + bo))[1]);
	if (lo & TCE_PERM_MASK) {
		if (!(old & TCE_PERM_MASK))
			w->slot_valid[bo >> f->slot_shift]++;
	} else if (old & TCE_PERM_MASK) {
		w->slot_valid[bo >> f->slot_shift]--;
	}
	((tce_word *)(tb + bo))[0] = cpu_to_be32(hi);
	((tce_word *)(tb + bo))[1] = cpu_to_be32(lo);
	return true;
}

/* ---- dynamic DMA windows (hv/dma/ddw.c) ---- */

struct ddw_query {
	u32 windows_available;
	u64 largest_block;  /* TCEs a new window may have */
	u32 page_mask;	    /* DDW_PGSZ_* */
	u32 migration_mask; /* always 0 */
};

int ddw_query(struct partition *p, u64 buid, struct ddw_query *q);
int ddw_create(struct partition *p, u64 buid, unsigned int page_shift,
	       unsigned int window_shift, u32 *liobn, u64 *start);
int ddw_remove(struct partition *p, u64 liobn);
int ddw_reset(struct partition *p, u64 buid);
int ddw_page_shift_to_mask(unsigned int page_shift);

/* ---- internals shared by the hv/dma files (tce.c, window.c) ---- */

int dma_window_activate(struct dma_window *w, u64 bus_offset, u64 size,
			unsigned int page_shift);
int dma_window_deactivate(struct dma_window *w);
int dma_group_apply(struct dma_group *g, struct dma_window *w);
int dma_reflect_slots(struct dma_window *w, unsigned int first,
		      unsigned int last);
void dma_slot_compute(const struct dma_window *w, unsigned int s,
		      struct dma_slot_state *st);

/**
 * dma_msi_overlaps() - does [iova, iova + len) touch @g's reserved MSI
 * range? @len in bytes, > 0, the range not wrapping (callers check).
 */
static inline bool dma_msi_overlaps(const struct dma_group *g, u64 iova,
				    u64 len)
{
	const struct dma_group_config *c = &g->cfg;

	return c->msi_len && iova < c->msi_iova + c->msi_len &&
	       c->msi_iova < iova + len;
}

#endif
