/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IOMMU backend interface: the only way the board-independent core
 * (hv/iommu, hv/dma) reaches an IOMMU (doc/architecture.md): a
 * backend is a struct iommu_driver found in the registry
 * (drivers/iommu/registry.c), an instance a struct iommu with its
 * iommu_ops.
 *
 * Model: every LIODN has at most one primary window [iova, iova + size),
 * split into 'subwindows' equal slots (1 = no subwindows). Each slot maps
 * to a physical range of slot size with read/write permission, or is
 * disabled (DMA faults). This is exactly what a PAMU PAACE/SPAACE can
 * express (QorIQ RM; Linux drivers/iommu/fsl_pamu.h), so the PAMU backend
 * is a direct encoding and the software model walks the same tables.
 *
 * Changes are staged and become visible to devices only on commit():
 * commit validates every staged change first and either applies all of
 * them (with the PAMU V-bit protocol) or none.
 */
#ifndef WEIR_IOMMU_H
#define WEIR_IOMMU_H

#include <weir/types.h>

struct dt_error;
struct hv_alloc;
struct hw_info;

#define IOMMU_READ 0x1u	 /* device may read memory */
#define IOMMU_WRITE 0x2u /* device may write memory */

struct iommu;

/*
 * IOMMU_STAGE_OPS() - stage_* calls (operations) of the largest
 * transaction on @liodns LIODNs with windows of up to @subwindows slots:
 * one stage_window() and one stage_subwindow() per slot for each LIODN.
 * That is what hv/dma stages when it (re)programs a group's whole window
 * (dma_group_apply(): window create/remove/reset, FH_DMA_ENABLE, also
 * after an access violation); a TCE batch stages at most one op per
 * slot and LIODN, a disable one per LIODN, so this bounds every
 * transaction of a group of @liodns LIODNs.
 */
#define IOMMU_STAGE_OPS(liodns, subwindows) \
	((u64)(liodns) * ((u64)(subwindows) + 1))

/* What a backend can do, advertised positively (seed 004). */
struct iommu_caps {
	unsigned int iova_bits;	     /* IOVA space, e.g. 36 on e500mc */
	unsigned int max_liodn;	     /* largest LIODN the tables hold */
	unsigned int max_subwindows; /* per window, power of two (PC3) */
	u64 min_window;		     /* bytes, 4 KiB on PAMU */
	/*
	 * Operations one transaction can stage before a stage_* call fails
	 * with -ENOSPC (the PAMU staging log); 0: no limit. A group of n
	 * LIODNs needs IOMMU_STAGE_OPS(n, max_subwindows).
	 */
	unsigned int max_staged;
};

/*
 * Operation mapping indexes (an OMT entry on the PAMU, as Linux 6.1
 * fsl_pamu.c setup_omt() numbers them) that struct iommu_liodn_attr
 * names; a backend without operation translation ignores them.
 */
#define IOMMU_OMI_QMAN 0u
#define IOMMU_OMI_FMAN 1u
#define IOMMU_OMI_QMAN_PRIV 2u
#define IOMMU_OMI_CAAM 3u

/*
 * struct iommu_liodn_attr - what a LIODN's entries carry besides its
 * window, as Linux 6.1 fsl_pamu.c setup_liodns()/setup_qbman_paace() set
 * them at boot (doc/pamu.md, "Operation mapping and stashing").
 * @indexed: operation translation through mapping index @omi; otherwise
 *           none
 * @omi:     operation mapping index (IOMMU_OMI_*, below 16)
 * @stash:   stash the device's writes into cache @cid; otherwise none
 * @cid:     cache stash destination id (8 bits, the "cache-stash-id" of
 *           the target cache's node)
 * @no_coherency: accesses need no coherency (QMan/BMan private memory);
 *           otherwise coherent, Linux pamu_init_ppaace()'s default
 * All zero is the default of every LIODN.
 */
struct iommu_liodn_attr {
	bool indexed;
	u8 omi;
	bool stash;
	u8 cid;
	bool no_coherency;
};

/*
 * struct iommu_config - the table sizes a backend is created for
 * (hv/iommu/plan.c iommu_plan_config()).
 * @max_liodn:      largest LIODN in the hardware tree; the tables hold
 *                  max_liodn + 1 LIODNs
 * @spaace_entries: subwindow entries in the pool (SPAACEs on the PAMU)
 * @max_subwindows: per window, power of two >= 2 (iommu_driver.probe)
 * @iova_bits:      IOVA and real address width, 36 on e500mc (0 -> 36)
 * @group_liodns:   most LIODNs one transaction changes together, i.e. the
 *                  LIODNs of the largest DMA group (0 -> 1); sizes the
 *                  staging log
 * @stage_max:      staged operations one transaction can hold; 0 -> the
 *                  worst case, IOMMU_STAGE_OPS(group_liodns,
 *                  max_subwindows): every LIODN of a group restaging a
 *                  window with all its subwindows (tests set less)
 */
struct iommu_config {
	u32 max_liodn;
	u32 spaace_entries;
	unsigned int max_subwindows;
	unsigned int iova_bits;
	unsigned int group_liodns;
	unsigned int stage_max;
};

/* Most hv_zalloc() calls a backend's create() makes (iommu_driver.allocs). */
#define IOMMU_NR_ALLOCS 10

/* What went wrong in one access violation, decoded by the backend. */
enum iommu_fault_kind {
	IOMMU_FAULT_NONE = -1, /* no violation (dma_copy(): memory error) */
	IOMMU_FAULT_UNKNOWN = 0,
	IOMMU_FAULT_LIODN,   /* LIODN not in the table (or entry invalid) */
	IOMMU_FAULT_WINDOW,  /* address outside window/subwindow */
	IOMMU_FAULT_PERM,    /* access permission */
	IOMMU_FAULT_OPTRANS, /* operation translation */
	IOMMU_FAULT_GATE,    /* gate closed */
	IOMMU_FAULT_PDV,     /* PAMU PDV (manual name; meaning unverified) */
};

/*
 * struct iommu_fault - one access violation, from a hardware unit
 * (iommu_ops.poll) or the model (iommu_ops.dma_copy); hv/dma/fault.c
 * routes it to the owner.
 * @unit:         hardware unit index (0 for the model)
 * @liodn:        the device's LIODN as reported; may exceed the table
 * @liodn_valid:  @liodn indexes the table (checked before any lookup)
 * @entry_valid:  the LIODN's entry was valid when the violation was handled
 * @kind:         what was violated
 * @status:       the unit's raw status words (PAMU AVS1, AVS2), copied
 *                into the partition's error record
 * @addr:         violating address, an IOVA
 * @write:        the access was a write (model only)
 * @reporting_off: the unit turned its violation reporting off (PAMU
 *                A-003638); the backend turns it back on at the next poll
 */
struct iommu_fault {
	unsigned int unit;
	u32 liodn;
	bool liodn_valid;
	bool entry_valid;
	enum iommu_fault_kind kind;
	u32 status[2];
	u64 addr;
	bool write;
	bool reporting_off;
};

/*
 * struct iommu_stats - what a backend's tables hold (iommu_ops.stats), for
 * boot lines, tools, benchmarks and test invariants.
 * @table_bytes: bytes of the tables' allocation
 * @entries:     LIODN entries (PAACEs), max_liodn + 1
 * @sub_entries: subwindow entries in the pool (SPAACEs)
 * @sub_free:    of them, not allocated to any window
 * @staged:      operations staged and not yet committed or aborted
 */
struct iommu_stats {
	u64 table_bytes;
	u32 entries;
	u32 sub_entries;
	u32 sub_free;
	unsigned int staged;
};

/*
 * struct iommu_subwindow - one slot of a window as iommu_ops.audit decoded
 * it: the first @size bytes of the slot map to real address @phys with
 * @prot (IOMMU_READ|IOMMU_WRITE); @prot 0: the slot is off (faults).
 */
struct iommu_subwindow {
	phys_addr_t phys;
	u64 size;
	unsigned int prot;
};

/*
 * struct iommu_window - one LIODN's window as iommu_ops.audit decoded it
 * from the bytes of the backend's tables (not from its bookkeeping).
 * @present:   a window is defined (valid, or kept but blocked); when
 *             false every other field is 0
 * @valid:     devices may use it (not blocked)
 * @iova:      bus address of the window, bytes, aligned to @size
 * @size:      bytes, a power of two >= 4 KiB
 * @count:     slots (subwindows), a power of two; 1: no subwindows
 * @sub_first: the backend's index of the entry holding slot 1 (the first
 *             SPAACE of the LIODN's run on the PAMU), 0 when @count is 1;
 *             only for telling that a run moved
 * @slot:      @count entries, slot i at bus address @iova + i * @size /
 *             @count
 */
struct iommu_window {
	bool present;
	bool valid;
	u64 iova;
	u64 size;
	unsigned int count;
	u32 sub_first;
	const struct iommu_subwindow *slot;
};

/*
 * struct iommu_audit - what iommu_ops.audit reports to its caller.
 * @full:   in: decode every entry even when the tables' bytes are those
 *          of the last audit that passed
 * @window: called once per LIODN of the tables (0 .. caps.max_liodn, in
 *          order) with its decoded window, whenever the tables are
 *          decoded (@full, after a failed audit, or when they changed);
 *          @w and its slots are valid only during the call
 * @ctx:    passed to @window
 * @generation: out: the number of audits of this instance that found a
 *          byte of the backend's tables changed since the audit before;
 *          the same value twice means nothing a device or a later
 *          commit reads changed in between
 * @why:    out: the first broken rule, when audit returns -EIO
 */
struct iommu_audit {
	bool full;
	void (*window)(void *ctx, u32 liodn, const struct iommu_window *w);
	void *ctx;
	u64 generation;
	char why[160];
};

/*
 * Fault injection (struct iommu.inject), honoured only in builds with
 * CONFIG_IOMMU_FAULT_INJECT (the fuzz build): a bug planted inside the
 * backend that its audit must catch (`make fuzz-selftest`).
 * IOMMU_INJECT_FREE_SUB: after each successful commit, write a nonzero
 * word into the last subwindow entry (SPAACE) if no window uses it.
 */
#define IOMMU_INJECT_NONE 0u
#define IOMMU_INJECT_FREE_SUB 1u

/*
 * struct iommu_mem - how the emulated DMA engine touches real memory.
 * @copy:  copy @len bytes from real address @src to @dst; 0 or -errno
 * @check: optional, called for every chunk before anything is copied:
 *         0 when @copy would succeed on it, else -errno (nothing is
 *         copied then), so an unreachable target never leaves a job
 *         half done
 */
struct iommu_mem {
	int (*copy)(void *ctx, phys_addr_t dst, phys_addr_t src, u64 len);
	int (*check)(void *ctx, phys_addr_t dst, phys_addr_t src, u64 len);
	void *ctx;
};

struct iommu_ops {
	/*
	 * Stage a window for @liodn: @iova and @size in bytes, size a power
	 * of two >= caps.min_window, iova aligned to size and below
	 * 2^iova_bits; @subwindows a power of two in [1, max_subwindows].
	 * All slots start disabled. Returns 0, -EINVAL (geometry), -ERANGE
	 * (liodn too large), -ENOSPC (no subwindow entries left, or
	 * caps.max_staged operations already staged).
	 */
	int (*stage_window)(struct iommu *mmu, u32 liodn, u64 iova, u64 size,
			    unsigned int subwindows);
	/*
	 * Stage slot @index of @liodn's window to map the first @size bytes
	 * of the slot (a power of two, >= 4 KiB, <= slot size; the rest of
	 * the slot faults) to @phys (aligned to @size) with @prot
	 * (IOMMU_READ|IOMMU_WRITE; 0 disables the slot, @phys and @size are
	 * then ignored). Returns 0, -ENOENT (no window staged or committed
	 * for @liodn), -EINVAL (index, size, alignment or prot), -ENOSPC
	 * (caps.max_staged operations already staged).
	 */
	int (*stage_subwindow)(struct iommu *mmu, u32 liodn, unsigned int index,
			       phys_addr_t phys, u64 size, unsigned int prot);
	/* Stage the removal of @liodn's window (all DMA blocked). Returns 0,
	 * -ERANGE (liodn too large), -ENOSPC (caps.max_staged reached). */
	int (*stage_disable)(struct iommu *mmu, u32 liodn);
	/* Apply every staged change, or none (returns -errno). */
	int (*commit)(struct iommu *mmu);
	/* Drop every staged change. */
	void (*abort)(struct iommu *mmu);
	/*
	 * Model only: translate a device access. Returns 0 and the physical
	 * address, or -EFAULT (no valid entry, outside the window, or
	 * permission denied). NULL on real hardware backends.
	 */
	int (*translate)(struct iommu *mmu, u32 liodn, u64 iova,
			 unsigned int access, phys_addr_t *phys);
	void (*caps)(struct iommu *mmu, struct iommu_caps *caps);
	/*
	 * Set what @liodn's entries carry besides the window (struct
	 * iommu_liodn_attr), before its first window is staged. Returns 0,
	 * -ERANGE (liodn too large), -EINVAL (an attribute the unit cannot
	 * hold), -EBUSY (@liodn already has a window, live or staged).
	 */
	int (*set_liodn_attr)(struct iommu *mmu, u32 liodn,
			      const struct iommu_liodn_attr *attr);
	/*
	 * A device access for weir's emulated DMA engine: read @len bytes
	 * at bus address @src and write them at @dst, both as @liodn, every
	 * page translated (as translate()) before anything is copied, real
	 * memory reached only through @mem. Returns 0; -EFAULT on a
	 * violation with @fault filled (nothing copied); -EINVAL (a range
	 * wraps, @mem NULL); @mem's error (@fault->kind stays
	 * IOMMU_FAULT_NONE). NULL on real hardware backends.
	 */
	int (*dma_copy)(struct iommu *mmu, u32 liodn, u64 src, u64 dst, u64 len,
			const struct iommu_mem *mem, struct iommu_fault *fault);
	/*
	 * One pass over the hardware units from weir's tick: each pending
	 * violation decoded into a struct iommu_fault and handed to
	 * @report, reporting turned back on where the unit had turned it
	 * off. NULL when the backend has no hardware (nothing to poll).
	 */
	void (*poll)(struct iommu *mmu,
		     void (*report)(const struct iommu_fault *fault));
	/* Fill @st (struct iommu_stats); host builds (tools, tests). */
	void (*stats)(struct iommu *mmu, struct iommu_stats *st);
	/*
	 * Host builds (tests, the hcall fuzzer; NULL in weir): the
	 * backend's self-check. It decodes its tables from their bytes with
	 * code apart from its encoder (on the PAMU, the field layout of
	 * Linux drivers/iommu/fsl_pamu.h), checks its own rules (an absent
	 * or unused entry is all zero, entries well formed, no subwindow
	 * entry in two windows, allocation map == what the windows use,
	 * nothing staged or held between transactions), hands every
	 * LIODN's window to @a->window, where the caller checks them
	 * against what the core believes is mapped, and fills
	 * @a->generation; unchanged tables already found good are not
	 * decoded again unless @a->full. Returns 0; -EIO with @a->why set on the
	 * first broken rule (the remaining windows are not reported);
	 * -ENOMEM (scratch memory).
	 */
	int (*audit)(struct iommu *mmu, struct iommu_audit *a);
	/*
	 * Host builds (NULL in weir): keep a copy of the backend's state
	 * (tables, allocation map, LIODN attributes) inside the instance,
	 * and put it back, so a test can start many runs from one state
	 * without rebuilding it. save() returns 0, -EBUSY (operations
	 * staged), -ENOMEM; restore() returns 0, -ENOENT (nothing saved);
	 * it drops anything staged. destroy() frees the copy.
	 */
	int (*save)(struct iommu *mmu);
	int (*restore)(struct iommu *mmu);
};

/*
 * struct iommu - one backend instance.
 * @ops:    its operations
 * @priv:   the backend's own state
 * @inject: IOMMU_INJECT_* (above), read only by builds with
 *          CONFIG_IOMMU_FAULT_INJECT; 0 otherwise
 */
struct iommu {
	const struct iommu_ops *ops;
	void *priv;
	unsigned int inject;
};

/*
 * struct iommu_driver - one IOMMU backend, as the registry
 * (drivers/iommu/registry.c) lists it; the core picks one with
 * iommu_driver_find() and reaches it only through this and iommu_ops.
 * @name:       short name ("pamu", "sandbox")
 * @label:      prefix of its boot lines ("PAMU")
 * @compatible: the hardware tree node it drives, or NULL
 * @fallback:   used when no driver's node is in the hardware tree (the
 *              PAMU's tables and software model on QEMU)
 * @probe:      find and map the units of node @node of @hwfdt (< 0: none,
 *              fine for a fallback) and say how many subwindows a window
 *              has (@max_subwindows, a power of two >= 2); 0 or -errno
 *              with @err set
 * @allocs:     the hv_zalloc() calls create() makes for @cfg, in order
 *              (at most IOMMU_NR_ALLOCS): their count, or create()'s
 *              negative errno for a config it refuses; the plan counts
 *              weir's heap with it
 * @create:     allocate the tables for @cfg (every LIODN blocked) and an
 *              iommu for them; 0, -ERANGE/-EINVAL (config), -ENOSPC
 * @destroy:    free what create() allocated (tests, tools)
 * @bring_up:   program and enable the units probe() found, with the
 *              SoC's errata (from the hardware tree and SVR), and log
 *              the tables' sizes; 0 or -errno with @err set
 * @dump:       host tools only (NULL in weir): print the tables to
 *              stdout, @all entries or only those in use
 */
struct iommu_driver {
	const char *name;
	const char *label;
	const char *compatible;
	bool fallback;
	int (*probe)(const void *hwfdt, int node, const struct hw_info *hw,
		     unsigned int *max_subwindows, struct dt_error *err);
	int (*allocs)(const struct iommu_config *cfg, struct hv_alloc *a);
	int (*create)(const struct iommu_config *cfg, struct iommu **out);
	void (*destroy)(struct iommu *mmu);
	int (*bring_up)(struct iommu *mmu, const void *hwfdt,
			const struct hw_info *hw, struct dt_error *err);
	void (*dump)(struct iommu *mmu, bool all);
};

/**
 * iommu_driver_find() - the backend for hardware tree @hwfdt
 * (drivers/iommu/registry.c): the first registered driver whose
 * @compatible has a node in @hwfdt, else the first fallback driver.
 * One walk of the tree per driver with a @compatible: config_parse()
 * does it once (struct plan.iommu_node), boot then uses
 * iommu_driver_at().
 * @hwfdt: hardware tree, or NULL (then the fallback)
 * @node:  out, may be NULL: the driver's node, -1 for the fallback
 * Return: the driver; NULL when none is built in.
 */
const struct iommu_driver *iommu_driver_find(const void *hwfdt, int *node);

/**
 * iommu_driver_at() - the backend for node @node of @hwfdt (as
 * iommu_driver_find() returned it; < 0: the fallback), without walking
 * the tree. Return: the driver; NULL when none is built in.
 */
const struct iommu_driver *iommu_driver_at(const void *hwfdt, int node);

/**
 * iommu_driver_by_name() - the registered driver called @name, or NULL.
 */
const struct iommu_driver *iommu_driver_by_name(const char *name);

#endif
