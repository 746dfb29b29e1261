// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partitions from the validated plan: RAM, image and guest device tree,
 * one vCPU pinned to each core of the partition (vCPU 0 on the first
 * boots, the others wait in the guest's spin table: hv/vcpu/smp.c), the
 * per-partition services (virtual PIC, console byte channel, error
 * queue, DMA, MSI), each a unit (include/weir/unit.h) this file calls
 * without naming; and the stop/restart requests of the FH_PARTITION_*
 * hcalls, applied by the core that runs the partition.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <weir/arch.h>
#include <weir/board.h>
#include <weir/bytechan.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/console_mux.h>
#include <weir/dma.h>
#include <weir/guest_dt.h>
#include <weir/loader.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/partition_boot.h>
#include <weir/unit.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vtlb.h>

/* The guest tree sits at the top of the initial mapped area, the spin
 * table of the secondary vCPUs in the page below it. */
#define GUEST_FDT_SIZE 0x10000
#define SPIN_TABLE_SIZE 0x1000

/* vCPUs of all partitions: at most one per core, cores are never shared. */
#define VCPU_POOL 16

/* How long vCPU 0 waits for the others to stop before a restart, in
 * polls (tens of instructions each: about a second on e500mc). */
#define QUIESCE_POLLS (1u << 25)

static struct partition parts[PARTITION_MAX];
static struct vcpu vcpu_pool[VCPU_POOL];
static unsigned int nparts;
static const void *hw_fdt, *cfg_fdt;
static const struct hw_info *hw_info;

struct partition *partition_by_id(unsigned int id)
{
	return id >= 1 && id <= nparts ? &parts[id - 1] : NULL;
}

unsigned int partition_count(void)
{
	return nparts;
}

static void set_err(struct dt_error *err, const void *cfg, int node,
		    const char *prop, const char *msg)
{
	fdt_path_of(cfg, node, err->node, sizeof(err->node));
	snprintf(err->prop, sizeof(err->prop), "%s", prop);
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
}

/*
 * Every unit's reset, with the DMA lock held (dma_lock(): error queues
 * and MSI bits are the IOMMU layer's too). Return: 0, or the first
 * failure, with @err naming that unit; the other resets still ran.
 */
static int units_reset(struct partition *p, struct dt_error *err)
{
	const struct unit *u, *failed = NULL;
	char msg[64];
	int ret = 0, r;

	dma_lock();
	for (u = unit_first(); u; u = unit_next(u)) {
		r = u->reset ? u->reset(p) : 0;
		if (r && !ret) {
			ret = r;
			failed = u;
		}
	}
	dma_unlock();
	if (ret) {
		snprintf(msg, sizeof(msg), "cannot reset the partition's %s",
			 failed->name);
		set_err(err, cfg_fdt, p->plan->cfg_node, "label", msg);
	}
	return ret;
}

static void kick_secondaries(struct partition *p)
{
	unsigned int i;

	for (i = 1; i < p->nvcpus; i++)
		vcpu_kick(p->vcpu[i]);
}

/*
 * Stop @p's secondary vCPUs (on vCPU 0's core): ask, kick, and with
 * @wait until each says it stopped (at most QUIESCE_POLLS polls), serving
 * their TLB requests to this vCPU meanwhile.
 */
static void quiesce_secondaries(struct vcpu *v, bool wait)
{
	struct partition *p = v->part;
	unsigned int i;
	u32 polls = 0;

	__atomic_store_n(&p->quiesce, 1, __ATOMIC_SEQ_CST);
	kick_secondaries(p);
	for (i = 1; wait && i < p->nvcpus; i++)
		while (!__atomic_load_n(&p->vcpu[i]->stopped,
					__ATOMIC_SEQ_CST)) {
			vcpu_shootdown_serve(v);
			if (++polls > QUIESCE_POLLS) {
				pr_warn("partition '%s': vcpu %u did not stop\n",
					p->name, i);
				break;
			}
		}
}

/* Load image and guest tree into @p's RAM and reset its boot vCPU; the
 * others follow (partition_vcpu_sync()). */
static int partition_load(struct partition *p, struct dt_error *err)
{
	const void *cfg = cfg_fdt;
	const struct part_plan *pp = p->plan;
	struct guest_dt_params gp = {
		.board = pp->guest_compatible[0] ? pp->guest_compatible :
						   board_desc.guest_compatible,
		.nvcpus = p->nvcpus,
		.ram_size = p->ram_size,
		.bootargs = pp->bootargs[0] ? pp->bootargs : NULL,
		.console_handle = p->console->handle,
		.console_rx_irq = p->console->rx_irq,
		.console_tx_irq = p->console->tx_irq,
		.pic_cells = 2,
		.hv_version = WEIR_VERSION,
	};
	u64 ima = vtlb_ima_size(p->ram_size), entry;
	const char *what;
	const struct unit *u;
	char msg[128];
	unsigned int i;
	int ret;

	/* The units first: no device may write into the RAM being reloaded,
	 * and the guest tree describes the DMA windows in their boot state. */
	ret = units_reset(p, err);
	if (ret)
		return ret;
	arch_zero_ram(p->ram_host, p->ram_size);
	ret = guest_image_load(p, (const void *)(uintptr_t)pp->image_src,
			       pp->image_len, pp->image_gpa, pp->has_entry,
			       pp->entry_gpa, &entry, &what);
	if (ret) {
		snprintf(msg, sizeof(msg), "image at 0x%llx: %s",
			 (unsigned long long)pp->image_src, what);
		set_err(err, cfg, pp->cfg_node, "guest-image", msg);
		return ret;
	}
	if (ima < GUEST_FDT_SIZE * 2) {
		set_err(err, cfg, pp->cfg_node, "guest-memory",
			"too small for the guest device tree");
		return -ERANGE;
	}
	p->guest_fdt_gpa = ima - GUEST_FDT_SIZE;
	p->guest_fdt = partition_gpa_ptr(p, p->guest_fdt_gpa, GUEST_FDT_SIZE);
	p->spin_table_gpa = p->nvcpus > 1 ? p->guest_fdt_gpa - SPIN_TABLE_SIZE :
					    0;
	gp.spin_table_gpa = p->spin_table_gpa;
	ret = guest_dt_build(hw_fdt, hw_info, p, pp, &gp, p->guest_fdt,
			     GUEST_FDT_SIZE, err);
	if (ret)
		return ret;
	vcpu_spin_init(p);
	p->entry_gpa = entry;
	for (u = unit_first(); u; u = unit_next(u))
		if (u->start)
			u->start(p);
	ret = vcpu_reset(p->vcpu[0], (u32)entry, (u32)p->guest_fdt_gpa);
	if (ret)
		return ret;
	/*
	 * The secondaries reset themselves into the spin table when their
	 * cores see the new run_gen. Until then their TLBs hold nothing a
	 * tlbivax of vCPU 0 could remove either: marked spinning now,
	 * vcpu_tlbivax() does not wait for a core that has not got there
	 * (it waited SHOOT_POLLS, 1.2 s of guest time, for a secondary core
	 * still starting: doc/performance.md).
	 */
	for (i = 1; i < p->nvcpus; i++)
		__atomic_store_n(&p->vcpu[i]->spinning, true, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&p->run_gen, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&p->quiesce, 0, __ATOMIC_SEQ_CST);
	return 0;
}

/* Every unit's init, in order; the first failure stops. */
static int units_init(struct partition *p, struct dt_error *err)
{
	const struct unit *u;
	char msg[64];
	int ret;

	for (u = unit_first(); u; u = unit_next(u)) {
		ret = u->init ? u->init(p) : 0;
		if (ret) {
			snprintf(msg, sizeof(msg), "cannot set up the %s",
				 u->name);
			set_err(err, cfg_fdt, p->plan->cfg_node, "label", msg);
			return ret;
		}
	}
	return 0;
}

/* One vCPU per core of @pp's cores, from the pool (@used so far). */
static int vcpus_create(struct partition *p, const struct part_plan *pp,
			unsigned int *used, struct dt_error *err)
{
	u32 mask = pp->cpu_mask;
	char msg[80];

	if (__builtin_popcount(mask) > PARTITION_MAX_VCPUS ||
	    *used + (unsigned int)__builtin_popcount(mask) > VCPU_POOL) {
		snprintf(msg, sizeof(msg),
			 "%d cores: at most %d per partition, %d in all",
			 __builtin_popcount(mask), PARTITION_MAX_VCPUS,
			 VCPU_POOL);
		set_err(err, cfg_fdt, pp->cfg_node, "cpus", msg);
		return -ERANGE;
	}
	for (p->nvcpus = 0; mask; mask &= mask - 1) {
		struct vcpu *v = &vcpu_pool[(*used)++];

		/* zero already at boot; host tests create again */
		memset(v, 0, sizeof(*v));
		v->part = p;
		v->id = p->nvcpus;
		v->cpu = (unsigned int)__builtin_ctz(mask);
		p->vcpu[p->nvcpus++] = v;
	}
	return 0;
}

int partitions_create(const struct plan *plan, const void *cfg,
		      const void *hwfdt, const struct hw_info *hw,
		      u64 lowmem_limit, struct dt_error *err)
{
	unsigned int i, used = 0;
	int ret;

	hw_fdt = hwfdt;
	hw_info = hw;
	cfg_fdt = cfg;
	for (i = 0; i < plan->nparts; i++) {
		const struct part_plan *pp = &plan->part[i];
		struct partition *p = &parts[i];

		memset(p, 0, sizeof(*p));
		p->id = i + 1;
		snprintf(p->name, sizeof(p->name), "%s", pp->name);
		p->plan = pp;
		p->manager = pp->manager;
		p->ram_phys = pp->ram_phys;
		p->ram_size = pp->ram_size;
		p->mmio = pp->mmio;
		p->nmmio = pp->nmmio;
		if (pp->ram_phys + pp->ram_size > lowmem_limit) {
			set_err(err, cfg, pp->cfg_node, "guest-memory",
				"RAM above weir's 1:1 map is not supported yet");
			return -ERANGE;
		}
		p->ram_host = (void *)(uintptr_t)pp->ram_phys;
		ret = vcpus_create(p, pp, &used, err);
		if (ret)
			return ret;
		ret = units_init(p, err);
		if (ret)
			return ret;
		nparts = i + 1;
	}
	return 0;
}

int partitions_load(struct dt_error *err)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; !ret && i < nparts; i++) {
		ret = partition_load(&parts[i], err);
		if (!ret)
			parts[i].state = PART_RUNNING;
	}
	return ret;
}

int partition_stop(struct partition *p)
{
	int ret = partition_request(p, PREQ_STOP);

	if (!ret)
		vcpu_kick(p->vcpu[0]);
	return ret;
}

int partition_restart(struct partition *p)
{
	int ret = partition_request(p, PREQ_RESTART);

	if (!ret)
		vcpu_kick(p->vcpu[0]);
	return ret;
}

/*
 * A secondary vCPU follows vCPU 0: it stops while the partition is
 * quiesced, and after each (re)start resets itself into its spin table
 * entry on its own core.
 */
static void secondary_sync(struct vcpu *v)
{
	struct partition *p = v->part;
	u32 gen;

	if (__atomic_load_n(&p->quiesce, __ATOMIC_SEQ_CST)) {
		if (!v->stopped) {
			v->dec_armed = false;
			arch_timer_changed(v);
			__atomic_store_n(&v->stopped, true, __ATOMIC_SEQ_CST);
		}
		return;
	}
	gen = __atomic_load_n(&p->run_gen, __ATOMIC_SEQ_CST);
	if (gen == v->gen)
		return;
	if (vcpu_secondary_reset(v))
		__atomic_store_n(&v->stopped, true, __ATOMIC_SEQ_CST);
	v->gen = gen;
	arch_shadow_flush();
	arch_guest_user_state_reset(v);
	arch_timer_changed(v);
}

void partition_vcpu_sync(struct vcpu *v)
{
	struct partition *p = v->part;
	enum partition_req req;
	struct dt_error err;
	char line[300];

	if (v->id) {
		secondary_sync(v);
		return;
	}
	req = partition_take_request(p);
	if (req == PREQ_RESTART) {
		p->state = PART_STARTING;
		pr_info("partition '%s' restarting\n", p->name);
		quiesce_secondaries(v, true);
		console_mux_discard(p->console);
		arch_shadow_flush();
		if (partition_load(p, &err)) {
			pr_err("partition '%s': restart failed: %s\n", p->name,
			       dt_error_str(&err, line, sizeof(line)));
			v->stopped = true;
		} else {
			arch_guest_user_state_reset(v);
			arch_timer_changed(v);
			p->state = PART_RUNNING;
			kick_secondaries(p);
			return;
		}
	}
	if (req == PREQ_STOP)
		v->stopped = true;
	if (v->stopped && p->state != PART_STOPPED) {
		const struct unit *u;

		p->state = PART_STOPPED;
		quiesce_secondaries(v, false);
		dma_lock();
		for (u = unit_first(); u; u = unit_next(u))
			if (u->stop)
				u->stop(p);
		dma_unlock();
		v->dec_armed = false;
		arch_timer_changed(v);
		pr_info("partition '%s' stopped\n", p->name);
	}
}
