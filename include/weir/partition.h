/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A partition: cores, guest RAM, devices and console carved out of the
 * machine by the config tree. Guest RAM is guest-physical 0-based and
 * backed by one contiguous real range.
 */
#ifndef WEIR_PARTITION_H
#define WEIR_PARTITION_H

#include <errno.h>
#include <weir/errq.h>
#include <weir/log.h>
#include <weir/types.h>

struct dma_window;

#define PARTITION_NAME_MAX 32
#define PARTITION_MAX_VCPUS 8
/*
 * The most partitions weir runs: guest-ids 1..PARTITION_MAX. One
 * constant for the config's limit, the static per-partition state and
 * the console mux, whose Ctrl-A <digit> names a partition by one digit
 * (so at most 9). Not a Kconfig option: no board has a reason to pick
 * another, and a CONFIG_ name is Kconfig's to define.
 */
#define PARTITION_MAX 8

/*
 * MMIO passthrough (doc/passthrough.md): a real range of a device the
 * partition owns (a "reg" entry rounded out to 4 KiB pages, or a PCI
 * controller's "ranges" window), which its guest maps at guest-physical
 * = real, cache-inhibited and guarded. Built and checked by the config
 * (hv/config/mmio.c): page aligned, never in two partitions, never
 * sharing a page with what weir keeps or another device.
 */
struct mmio_window {
	phys_addr_t base; /* real = guest-physical, 4 KiB aligned */
	u64 size;	  /* bytes, a 4 KiB multiple, > 0 */
	int hw_node;	  /* the hardware node it comes from */
	bool pci;	  /* a PCI controller's "ranges" window */
};
#define PARTITION_MAX_MMIO 32

struct vcpu;
struct bytechan;
struct vpic;
struct part_plan;

enum partition_state {
	PART_STOPPED,  /* FH_PARTITION_STOPPED */
	PART_RUNNING,  /* FH_PARTITION_RUNNING */
	PART_STARTING, /* FH_PARTITION_STARTING */
	PART_STOPPING, /* FH_PARTITION_STOPPING */
};

/*
 * A stop or restart asked of a partition (by a manager, or by itself),
 * applied by the partition's own vCPU at its next sync. The last request
 * wins: a stop asked while a restart is in flight stops the partition
 * after the restart, it is never lost.
 */
enum partition_req {
	PREQ_NONE,
	PREQ_STOP,
	PREQ_RESTART,
};

/* Kinds of guest-triggered log lines, each with its own budget per
 * partition (include/weir/log.h). */
enum partition_log {
	PLOG_BAD_GPA,	   /* access outside its memory */
	PLOG_NOT_EMULATED, /* privileged instruction not emulated */
	PLOG_KINDS
};

struct partition {
	unsigned int id; /* 1-based guest-id */
	char name[PARTITION_NAME_MAX];
	phys_addr_t ram_phys; /* real base of guest RAM */
	u64 ram_size;	      /* bytes, guest-physical [0, size) */
	void *ram_host;	      /* weir's mapping of that RAM */

	const struct part_plan *plan; /* from the config, NULL in tests */
	bool manager;		      /* may stop/restart other partitions */
	volatile enum partition_state state; /* written by its own vCPU only */
	u32 req;			     /* enum partition_req, atomic */
	struct vcpu *vcpu[PARTITION_MAX_VCPUS];
	unsigned int nvcpus;
	struct bytechan *console; /* its console byte channel */
	struct vpic *pic;	  /* its virtual interrupt controller */
	struct errq errq;	  /* its guest error queue */
	void *guest_fdt;	  /* guest device tree (guest RAM) */
	u64 guest_fdt_gpa;
	u64 entry_gpa;	    /* guest entry point */
	u64 spin_table_gpa; /* ePAPR spin table, vCPUs 1.. */
	/*
	 * SMP: vCPU 0 applies the partition's requests; the others follow.
	 * @quiesce (atomic) asks them to stop; @run_gen (atomic) counts the
	 * partition's starts, and a secondary whose gen differs resets
	 * itself into its spin table entry.
	 */
	u32 quiesce;
	u32 run_gen;
	struct log_budget log[PLOG_KINDS]; /* kept across restarts */
	const struct mmio_window *mmio;	   /* its device pages, may be NULL */
	unsigned int nmmio;
	/*
	 * The window of its last successful H_GET_TCE/H_PUT_TCE, or NULL:
	 * set only after dma_tce_window_lookup() found it the partition's,
	 * cleared by dma_group_destroy(), so it is always a window of this
	 * partition (hv/dma/tce.c tce_hit(); dma.h tce_get_fast()).
	 */
	struct dma_window *tce_hit;
};

/* [gpa, gpa + len) is non-empty and inside @p's RAM, without wrapping. */
static inline bool partition_gpa_ok(const struct partition *p, gpa_t gpa,
				    u64 len)
{
	return len != 0 && gpa < p->ram_size && len <= p->ram_size - gpa;
}

/**
 * partition_gpa_to_phys() - translate a guest-physical range
 * @p: partition
 * @gpa: guest-physical address (bytes)
 * @len: length in bytes, > 0
 * @phys: real address of @gpa on success
 *
 * Return: 0, or -EFAULT when [gpa, gpa + len) is not entirely inside the
 * partition's RAM (including arithmetic wrap-around).
 */
static inline int partition_gpa_to_phys(const struct partition *p, gpa_t gpa,
					u64 len, phys_addr_t *phys)
{
	if (!partition_gpa_ok(p, gpa, len))
		return -EFAULT;
	*phys = p->ram_phys + gpa;
	return 0;
}

/**
 * partition_mmio_ok() - may @p map [@gpa, @gpa + @len) as device memory?
 * @p: partition
 * @gpa: guest-physical address (bytes), which for a device is the real one
 * @len: length in bytes, > 0
 *
 * True when the range lies wholly inside one of @p's MMIO windows (its
 * assigned devices' "reg" pages and PCI "ranges", struct mmio_window),
 * without wrapping. The shadow TLB then maps the real page @gpa
 * cache-inhibited and guarded (hv/vcpu/exit.c).
 */
static inline bool partition_mmio_ok(const struct partition *p, gpa_t gpa,
				     u64 len)
{
	unsigned int i;

	for (i = 0; i < p->nmmio; i++) {
		const struct mmio_window *w = &p->mmio[i];

		if (len && gpa >= w->base && len <= w->size &&
		    gpa - w->base <= w->size - len)
			return true;
	}
	return false;
}

/**
 * partition_gpa_end() - where blocks of @len bytes stop fitting in RAM
 * @p: partition
 * @len: block length in bytes, > 0
 *
 * For a hot loop checking many blocks of one size: [gpa, gpa + len) is
 * inside the partition's RAM (as partition_gpa_to_phys() checks) exactly
 * when gpa < the returned value.
 * Return: the exclusive bound on gpa; 0 when no block of @len fits.
 */
static inline u64 partition_gpa_end(const struct partition *p, u64 len)
{
	return len && len <= p->ram_size ? p->ram_size - len + 1 : 0;
}

/**
 * partition_gpa_ptr() - weir's pointer to a guest-physical range
 *
 * Same checks as partition_gpa_to_phys(); returns NULL when the range is
 * not entirely inside the partition's RAM.
 */
static inline void *partition_gpa_ptr(const struct partition *p, gpa_t gpa,
				      u64 len)
{
	if (!partition_gpa_ok(p, gpa, len) || !p->ram_host)
		return NULL;
	return (char *)p->ram_host + gpa;
}

/*
 * Partition control, used by the FH_PARTITION_* hcalls
 * (hv/partition/partition.c and ctl.c, on the target and in the sandbox).
 */

/* All partitions, indexed by guest-id - 1; NULL past the last. */
struct partition *partition_by_id(unsigned int id);

/**
 * partition_stop() - stop every vCPU of @p (FH_PARTITION_STOP)
 * Return: 0, or -EALREADY when it is already stopped.
 */
int partition_stop(struct partition *p);

/**
 * partition_restart() - stop @p, reload its image and guest tree from
 * the config, start it again (FH_PARTITION_RESTART)
 * Return: 0, or a negative errno when the image cannot be reloaded.
 */
int partition_restart(struct partition *p);

/**
 * partition_request() - ask @p to stop or restart (hv/partition/ctl.c)
 * @r: PREQ_STOP or PREQ_RESTART; replaces a request not yet applied
 *
 * Only records the request (an atomic store): the partition's own vCPU
 * applies it (partition_take_request()), and only that vCPU writes
 * p->state, so a requester can never overwrite a state the vCPU set or
 * the reverse.
 * Return: 0; -EALREADY for a stop of a partition that is stopped with no
 * request pending; -EINVAL for another @r.
 */
int partition_request(struct partition *p, enum partition_req r);

/**
 * partition_take_request() - the request pending on @p, now cleared
 * (atomic exchange with PREQ_NONE); called by @p's own vCPU on every
 * return to the guest, so inline: a plain load answers the usual "none"
 * (a request stored just after it comes with a kick, so the next exit
 * takes it).
 */
static inline enum partition_req partition_take_request(struct partition *p)
{
	if (__atomic_load_n(&p->req, __ATOMIC_RELAXED) == PREQ_NONE)
		return PREQ_NONE;
	return (enum partition_req)__atomic_exchange_n(&p->req, (u32)PREQ_NONE,
						       __ATOMIC_SEQ_CST);
}

/**
 * partition_status() - what FH_PARTITION_GET_STATUS reports for @p: a
 * pending stop reads as PART_STOPPING, a pending restart as
 * PART_STARTING, otherwise the state its vCPU last set.
 */
enum partition_state partition_status(const struct partition *p);

/* Reset the whole machine (FH_SYSTEM_RESET): weir's console output
 * flushed, then arch_system_reset(). Does not return on target. */
void system_reset(void);

/*
 * On the core running @v: apply pending stop/restart requests of its
 * partition (called before every return to the guest).
 */
void partition_vcpu_sync(struct vcpu *v);

#endif
