// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The hcall fuzzer's world (world.h): partitions made and controlled by
 * hv/partition/partition.c itself (partitions_create(); stop and restart
 * requests applied by world_sync() as each partition's vCPU applies them
 * on its way back to the guest, a restart reloading a small raw image
 * and the guest tree), and the host fakes of the arch side of
 * include/weir/arch.h the core calls.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <libfdt.h>
#include <weir/arch.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/dma_engine.h>
#include <weir/errq.h>
#include <weir/msi.h>
#include <weir/partition_boot.h>
#include <weir/byteorder.h>
#include "world.h"

struct world W;

static const struct world_part_cfg part_cfg[W_NPARTS] = {
	/* 1 and 2 are adjacent in real memory: off-by-one maps show. */
	{ 0x100000000ULL, 0x4000000 },	/* 64 MiB at 4 GiB */
	{ 0x104000000ULL, 0x2000000 },	/* 32 MiB right after */
	{ 0x20000000ULL, 0x1000000 },	/* 16 MiB at 512 MiB */
};

static const char *const names[W_NPARTS] = { "alpha", "beta", "gamma" };

/* --------------------------------------------------------- self-test */

/*
 * FUZZ_SELFTEST=<name> injects one bug into the world, each standing for
 * a bug of the core that one invariant exists to catch; `make
 * fuzz-selftest` checks that the fuzzer reports each quickly, from the
 * committed corpus, with the incremental checks alone (FUZZ_SWEEP=0).
 * Most sit in the IOMMU shim below, between the DMA code and the PAMU,
 * so they corrupt what the core asks the PAMU for; spaace_stray is
 * planted inside the PAMU driver (struct iommu.inject, built in with
 * CONFIG_IOMMU_FAULT_INJECT), for the driver's audit to catch.
 */
static const char *const selftest_names[ST_COUNT] = {
	[ST_NONE] = "none",
	[ST_OUTSIDE_RAM] = "outside_ram",	/* subwindow maps a foreign page */
	[ST_DOORBELL_RW] = "doorbell_rw",	/* doorbell mapped readable */
	[ST_FOREIGN_LIODN] = "foreign_liodn",	/* window on a LIODN of no group */
	[ST_BLOCKED_VALID] = "blocked_valid",	/* disable not staged */
	[ST_SLOT_LOST] = "slot_lost",		/* a subwindow change dropped */
	[ST_STAGED_LEFT] = "staged_left",	/* an op left staged */
	[ST_HW_ERROR] = "hw_error",		/* backend refuses a commit */
	[ST_TCE_MSI] = "tce_msi",		/* a TCE in the MSI range */
	[ST_SLOT_COUNT] = "slot_count",		/* slot_valid miscounted */
	[ST_CROSS_GROUP] = "cross_group",	/* a call changes another
						 * partition's group */
	[ST_REFUSED_OWN] = "refused_own",	/* refused call changes its
						 * partition's group */
	[ST_REFUSED_FOREIGN] = "refused_foreign", /* ... another partition's */
	[ST_CANARY] = "canary",			/* weir's memory written */
	[ST_SPAACE_STRAY] = "spaace_stray",	/* write into a free SPAACE */
};

/* The bug injected once the world is built (the saved state is sane). */
enum selftest world_selftest;
static enum selftest selftest_chosen;

static void selftest_init(void)
{
	const char *name = getenv("FUZZ_SELFTEST");
	unsigned int i;

	if (!name)
		return;
	for (i = 0; i < ST_COUNT; i++)
		if (!strcmp(name, selftest_names[i])) {
			selftest_chosen = i;
			return;
		}
	fprintf(stderr, "FUZZ_SELFTEST=%s: unknown; known:", name);
	for (i = 0; i < ST_COUNT; i++)
		fprintf(stderr, " %s", selftest_names[i]);
	fputc('\n', stderr);
	exit(2);
}

/* A group whose owner is neither partition index @a nor @b. */
static struct dma_group *group_not_of(unsigned int a, unsigned int b)
{
	unsigned int g;

	for (g = 0; g < W_NGROUPS; g++)
		if (W.grp_owner[g] != a && W.grp_owner[g] != b)
			return W.grp[g];
	return NULL;
}

struct dma_group *world_group_of_liodn(u32 liodn)
{
	unsigned int g, i;

	for (g = 0; g < W_NGROUPS; g++)
		for (i = 0; i < W.gcfg[g].nr_liodns; i++)
			if (W.gcfg[g].liodns[i] == liodn)
				return W.grp[g];
	return NULL;
}

void world_selftest_refused(unsigned int pi)
{
	struct dma_group *g;
	unsigned int n;

	if (world_selftest == ST_REFUSED_OWN) {
		for (n = 0; n < W_NGROUPS; n++)
			if (W.grp_owner[n] == pi)
				W.grp[n]->log.events++;
	}
	if (world_selftest == ST_REFUSED_FOREIGN) {
		g = group_not_of(pi, pi);
		if (g)
			g->log.events++;
	}
}

/* ------------------------------------------- the arch side (arch.h) */

void arch_system_reset(void)
{
	W.resets++;
}

void vcpu_kick(struct vcpu *v)
{
	W.kicks++;
	if (world_selftest == ST_CANARY)
		W.mem[W_CANARY + W.part[0].ram_size] ^= 1;
	/* the kicked core's reaction to a quiesce: a secondary vCPU stops
	 * (partition.c secondary_sync()), as at its next exit. Without it
	 * every restart polled QUIESCE_POLLS (2^25) times for a core that
	 * never runs: ~0.6 s of instrumented CPU, and libFuzzer's 10 s unit
	 * timeout under a loaded host for an input of ~17 restarts. */
	if (v->id && __atomic_load_n(&v->part->quiesce, __ATOMIC_SEQ_CST))
		partition_vcpu_sync(v);
}

/*
 * A restart's reload writes guest RAM the fuzzer did not (zeroes, the
 * image, the guest tree): world_sync() notes where, world_restart()
 * zeroes it again so that inputs stay independent.
 */
static struct {
	bool dirty;
	u64 fdt_gpa;
} reload[W_NPARTS];

void arch_zero_ram(void *p, u64 len)
{
	memset(p, 0, len);
}

/* No real TLB, timer, FPU or idle here: the core's calls are no-ops. */
void arch_shadow_map(u32 ea, phys_addr_t phys, u32 sid, u32 wimge, u32 perms)
{
}

void arch_shadow_flush(void)
{
}

void arch_shadow_unmap(u32 ea)
{
}

void arch_timer_changed(struct vcpu *v)
{
}

void arch_guest_user_state_reset(const struct vcpu *v)
{
}

void arch_idle_wait(void)
{
}

u64 arch_tb_read(void)
{
	return 0;
}

u32 arch_pvr(void)
{
	return 0x80230020u;	/* e500mc rev 2.0 */
}

u32 arch_svr(void)
{
	return 0x82000020u;	/* P4080 rev 2.0 */
}

void arch_sprg_user_write(unsigned int n, u32 val)
{
}

/* Counts weir's console output; FUZZ_VERBOSE=1 also shows it. */
static void count_putc(void *dev, char c)
{
	static int verbose = -1;

	if (verbose < 0)
		verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (verbose)
		fputc(c, stderr);
	W.console_bytes++;
}

static int no_getc(void *dev)
{
	return -1;
}

static const struct console_ops count_console = {
	.putc = count_putc,
	.getc = no_getc,
};

/* ------------------------------------------------------------- groups */

static void group_cfg(unsigned int g, unsigned int index, unsigned int owner,
		      u64 buid, const u32 *liodns, unsigned int n)
{
	struct dma_group_config *c = &W.gcfg[g];

	dma_group_config_init(c);
	c->index = index;
	c->buid = buid;
	memcpy(c->liodns, liodns, n * sizeof(*liodns));
	c->nr_liodns = n;
	W.grp_owner[g] = owner;
}

/*
 * Group 0 (alpha): LIODNs 1, 2; 16 MiB of 4 KiB pages, the MSI range
 * inside it with alpha's doorbell. Group 1 (beta): LIODN 7; 256 MiB of
 * 64 KiB pages, default MSI range, no doorbell. Group 2 (gamma): LIODNs
 * 9, 10; 16 MiB of 64 KiB pages (exact, all 256 subwindows: one
 * INDIRECT can change every subwindow of both LIODNs, 512 staged PAMU
 * operations, and an enable restages 2 x 257), covering all of gamma's
 * RAM, nothing reserved; its DDWs bring 16 MiB pages. Group 3 (alpha
 * again): LIODN 12; 1 MiB of 4 KiB pages (exact, 256 subwindows), a
 * 64 KiB MSI range with a second doorbell at its start.
 */
static void groups_config(void)
{
	static const u32 l0[] = { 1, 2 }, l1[] = { 7 }, l2[] = { 9, 10 },
			 l3[] = { 12 };
	struct dma_group_config *c;

	group_cfg(0, 3, 0, 0x0800000020000000ULL, l0, 2);
	c = &W.gcfg[0];
	c->default_size = 0x1000000;
	c->msi_iova = 0x800000;
	c->has_doorbell = true;
	c->doorbell_phys = W_MSI_BANK;
	c->doorbell_size = SZ_4K;

	group_cfg(1, 5, 1, 0x0800000030000000ULL, l1, 1);
	c = &W.gcfg[1];
	c->default_size = 0x10000000;
	c->default_page_shift = 16;

	group_cfg(2, 6, 2, 0x0800000040000000ULL, l2, 2);
	c = &W.gcfg[2];
	c->default_size = 0x1000000;
	c->default_page_shift = 16;
	c->msi_len = 0;

	group_cfg(3, 7, 0, 0x0800000050000000ULL, l3, 1);
	c = &W.gcfg[3];
	c->default_size = 0x100000;
	c->msi_iova = 0xf0000;
	c->msi_len = 0x10000;
	c->has_doorbell = true;
	c->doorbell_phys = W_MSI_BANK;
	c->doorbell_size = SZ_4K;
}

int world_liodn_owner(u32 liodn)
{
	unsigned int g, i;

	for (g = 0; g < W_NGROUPS; g++)
		for (i = 0; i < W.gcfg[g].nr_liodns; i++)
			if (W.gcfg[g].liodns[i] == liodn)
				return (int)W.grp_owner[g];
	return -1;
}

unsigned int world_liodn_groups(u32 liodn)
{
	unsigned int g, i, n = 0;

	for (g = 0; g < W_NGROUPS; g++)
		for (i = 0; i < W.gcfg[g].nr_liodns; i++)
			n += W.gcfg[g].liodns[i] == liodn;
	return n;
}

/* -------------------------------------------------------------- world */

static void die(const char *what, int err)
{
	fprintf(stderr, "fuzz world: %s failed (%d)\n", what, err);
	abort();
}

/*
 * What partitions_create() and a restart's reload need: a plan of the
 * three partitions with a raw image (one "b ." at 1 MiB), and a
 * hardware tree with their cores (the guest tree copies the cpu nodes;
 * it also serves as the config tree errors name, by its root).
 */
static struct plan plan;
static struct hw_info hw = {
	.model = "fuzz", .cpu = "e500mc", .tb_freq = 100000000,
};
static u8 hw_fdt[4096];
static const u8 guest_image[4] = { 0x48, 0x00, 0x00, 0x00 };
static void *ram[W_NPARTS];	/* each partition's RAM in W.mem */

static void hw_tree(void)
{
	unsigned int cpu;
	void *f = hw_fdt;

	if (fdt_create(f, sizeof(hw_fdt)) || fdt_finish_reservemap(f) ||
	    fdt_begin_node(f, "") || fdt_property_u32(f, "#address-cells", 1) ||
	    fdt_property_u32(f, "#size-cells", 0) || fdt_begin_node(f, "cpus") ||
	    fdt_property_u32(f, "#address-cells", 1) ||
	    fdt_property_u32(f, "#size-cells", 0))
		die("hardware tree", -ENOSPC);
	for (cpu = 0; cpu < W_NPARTS * W_NVCPUS; cpu++) {
		char name[16];

		snprintf(name, sizeof(name), "cpu@%u", cpu);
		if (fdt_begin_node(f, name) ||
		    fdt_property_string(f, "device_type", "cpu") ||
		    fdt_property_u32(f, "reg", cpu) || fdt_end_node(f))
			die("hardware tree", -ENOSPC);
	}
	if (fdt_end_node(f) || fdt_end_node(f) || fdt_finish(f))
		die("hardware tree", -ENOSPC);
}

static void plan_config(void)
{
	unsigned int i;

	plan.nparts = W_NPARTS;
	for (i = 0; i < W_NPARTS; i++) {
		struct part_plan *pp = &plan.part[i];

		snprintf(pp->name, sizeof(pp->name), "%s", names[i]);
		pp->manager = i == 0;
		pp->cpu_mask = 1u << (i * W_NVCPUS);
		pp->ram_phys = part_cfg[i].ram_phys;
		pp->ram_size = part_cfg[i].ram_size;
		pp->image_src = (uintptr_t)guest_image;
		pp->image_len = sizeof(guest_image);
		pp->image_gpa = 0x100000;
		pp->has_entry = true;
		pp->entry_gpa = 0x100000;
	}
}

void world_init(void)
{
	size_t off = W_CANARY;
	unsigned int i;

	W.mem_size = W_CANARY;
	for (i = 0; i < W_NPARTS; i++)
		W.mem_size += part_cfg[i].ram_size + W_CANARY;
	W.mem = mmap(NULL, W.mem_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (W.mem == MAP_FAILED)
		die("mmap", errno);
	for (i = 0; i < W_NPARTS; i++) {
		memset(W.mem + off - W_CANARY, W_CANARY_BYTE, W_CANARY);
		ram[i] = W.mem + off;
		off += part_cfg[i].ram_size + W_CANARY;
	}
	memset(W.mem + off - W_CANARY, W_CANARY_BYTE, W_CANARY);
	hw_tree();
	plan_config();
	for (i = 0; i < W_NPARTS; i++) {
		unsigned int n;

		/* vCPU 0 is partition.c's boot vCPU */
		for (n = 1; n < W_NVCPUS; n++) {
			W.vcpu[i][n] = calloc(1, sizeof(struct vcpu));
			if (!W.vcpu[i][n])
				die("calloc", -ENOMEM);
		}
	}
	groups_config();
	selftest_init();
}

static void parts_reset(void)
{
	struct dt_error err;
	unsigned int i, n;
	int ret;

	console_mux_reset();
	console_register(&count_console, NULL);
	ret = partitions_create(&plan, hw_fdt, hw_fdt, &hw, ~0ULL, &err);
	if (ret)
		die("partitions_create", ret);
	/* one array each, indexed by guest-id - 1 (world.h) */
	W.part = partition_by_id(1);
	W.pic = W.part[0].pic;
	W.con = W.part[0].console;
	for (i = 0; i < W_NPARTS; i++) {
		struct partition *p = &W.part[i];

		if (p != partition_by_id(i + 1) || p->pic != &W.pic[i] ||
		    p->console != &W.con[i])
			die("partition layout", -EINVAL);
		p->ram_host = ram[i];	/* ram_phys stays the plan's */
		p->state = PART_RUNNING;
		p->console->handle = W_HANDLE(p->id);
		p->nvcpus = i == 2 ? 1 : W_NVCPUS;
		W.vcpu[i][0] = p->vcpu[0];
		for (n = 0; n < p->nvcpus; n++) {
			struct vcpu *v = W.vcpu[i][n];

			if (n) {
				memset(v, 0, sizeof(*v));
				v->part = p;
				v->id = n;
				v->cpu = i * W_NVCPUS + n;
				p->vcpu[n] = v;
			}
			v->regs.pc = 0x100000;
		}
	}
}

void world_sync(void)
{
	unsigned int i, g;

	for (i = 0; i < W_NPARTS; i++) {
		bool restart = partition_status(&W.part[i]) == PART_STARTING;

		partition_vcpu_sync(W.part[i].vcpu[0]);
		if (restart) {
			reload[i].dirty = true;
			reload[i].fdt_gpa = W.part[i].guest_fdt_gpa;
		}
		/* a stopped partition's devices may not reach its RAM */
		for (g = 0; g < W_NGROUPS; g++)
			if (W.part[i].state == PART_STOPPED &&
			    W.grp_owner[g] == i && !W.grp[g]->blocked)
				W.block_failed++;
	}
}

/*
 * Between inputs: copy back the state world_reset() produced (saved by
 * world_save(); the PAMU's by its own iommu_ops.save), so every input
 * starts from the same bytes. Rebuilding the PAMU and the groups costs
 * more than the calls themselves, and an in-place restart would carry
 * SPAACE allocation history over.
 */
#define GOLD_MAX 48
static struct {
	void *live, *copy;
	size_t len;
} gold[GOLD_MAX];
static unsigned int ngold;

static void gold_add(void *live, size_t len)
{
	if (ngold == GOLD_MAX)
		die("gold_add", -ENOSPC);
	gold[ngold].live = live;
	gold[ngold].len = len;
	gold[ngold].copy = malloc(len);
	if (!gold[ngold].copy)
		die("malloc", -ENOMEM);
	memcpy(gold[ngold].copy, live, len);
	ngold++;
}

static void world_save(void)
{
	unsigned int i, n;
	int ret = W.mmu->ops->save(W.mmu);

	if (ret)
		die("iommu save", ret);
	for (i = 0; i < W_NGROUPS; i++) {
		struct dma_group *g = W.grp[i];

		gold_add(g, sizeof(*g));
		for (n = 0; n < DMA_WINDOWS_PER_GROUP; n++) {
			struct dma_window *w = &g->win[n];

			gold_add(w->tces, w->max_tces * TCE_ENTRY_SIZE);
			gold_add(w->slot_valid,
				 w->max_slots * sizeof(*w->slot_valid));
			gold_add(w->slot, w->max_slots * sizeof(*w->slot));
		}
	}
	gold_add(W.part, W_NPARTS * sizeof(*W.part));
	gold_add(W.msi_regs, sizeof(W.msi_regs));
	gold_add(W.pic, W_NPARTS * sizeof(*W.pic));
	gold_add(W.con, W_NPARTS * sizeof(*W.con));
	for (i = 0; i < W_NPARTS; i++)
		for (n = 0; n < W.part[i].nvcpus; n++)
			gold_add(W.vcpu[i][n], sizeof(struct vcpu));
}

void world_restart(void)
{
	unsigned int i;
	int ret = W.mmu->ops->restore(W.mmu);

	if (ret)
		die("iommu restore", ret);
	for (i = 0; i < ngold; i++)
		memcpy(gold[i].live, gold[i].copy, gold[i].len);
	for (i = 0; i < W_NPARTS; i++) {
		if (!reload[i].dirty)
			continue;
		memset((u8 *)ram[i] + plan.part[i].image_gpa, 0,
		       sizeof(guest_image));
		if (reload[i].fdt_gpa)
			memset((u8 *)ram[i] + reload[i].fdt_gpa, 0, 0x10000);
		reload[i].dirty = false;
	}
	errq_reset(errq_global());
	for (i = 0; i < W_NPARTS; i++)
		msi_partition_reset(&W.part[i]);
	W.console_bytes = 0;
	W.kicks = 0;
	W.resets = 0;
	W.commit_enospc = 0;
	W.block_failed = 0;
}

/* ------------------------------------------------------------- shim */

/*
 * The groups reach the PAMU through this transparent wrapper, which only
 * records commits refused with -ENOSPC (doc/robustness.md, finding 2).
 */

/* The transaction being staged changes group 0 (the self-tests that
 * corrupt group 0 do so only after such a commit, so a commit of
 * another partition's group does not show up as a cross-group change). */
static bool staged_grp0;

static void note_staged(u32 liodn)
{
	if (world_group_of_liodn(liodn) == W.grp[0])
		staged_grp0 = true;
}

static int shim_window(struct iommu *m, u32 liodn, u64 iova, u64 size,
		       unsigned int sub)
{
	struct dma_group *g;
	int ret = W.mmu->ops->stage_window(W.mmu, liodn, iova, size, sub);

	note_staged(liodn);

	if (!ret && world_selftest == ST_FOREIGN_LIODN)
		ret = W.mmu->ops->stage_window(W.mmu, liodn + 32, iova, size,
					       1);
	if (!ret && world_selftest == ST_CROSS_GROUP) {
		unsigned int o;

		g = world_group_of_liodn(liodn);
		o = g ? (unsigned int)(g->owner - W.part) : 0;
		g = g ? group_not_of(o, o) : NULL;
		if (g)
			g->log.events++;
	}
	return ret;
}

static int shim_subwindow(struct iommu *m, u32 liodn, unsigned int index,
			  phys_addr_t phys, u64 size, unsigned int prot)
{
	if (prot && world_selftest == ST_OUTSIDE_RAM)
		phys ^= 1ULL << 35;
	if (prot && world_selftest == ST_DOORBELL_RW && phys == W_MSI_BANK)
		prot |= IOMMU_READ;
	note_staged(liodn);
	if (prot && world_selftest == ST_SLOT_LOST)
		return 0;
	return W.mmu->ops->stage_subwindow(W.mmu, liodn, index, phys, size,
					   prot);
}

static int shim_disable(struct iommu *m, u32 liodn)
{
	note_staged(liodn);
	if (world_selftest == ST_BLOCKED_VALID)
		return 0;
	return W.mmu->ops->stage_disable(W.mmu, liodn);
}

/* After a commit, the self-tests that corrupt the DMA state directly. */
static void selftest_after_commit(void)
{
	struct dma_group *g = W.grp[0];
	struct dma_window *w;

	if (world_selftest == ST_NONE)
		return;
	w = dma_active_window(g);
	switch (world_selftest) {
	case ST_STAGED_LEFT:
		W.mmu->ops->stage_disable(W.mmu, 40);
		break;
	case ST_TCE_MSI:	/* group 0: a read TCE at the MSI range */
		if (w && w->page_shift == 12 && !g->blocked && staged_grp0)
			w->tces[(g->cfg.msi_iova - w->bus_offset) >> 12] =
				cpu_to_be64(TCE_READ);
		break;
	case ST_SLOT_COUNT:
		if (w && staged_grp0)
			w->slot_valid[0]++;
		break;
	default:
		break;
	}
}

static int shim_commit(struct iommu *m)
{
	static unsigned int n;
	int ret;

	if (world_selftest == ST_HW_ERROR && ++n % 8 == 0)
		return -EIO;
	ret = W.mmu->ops->commit(W.mmu);
	if (ret == -ENOSPC)
		W.commit_enospc++;
	if (!ret)
		selftest_after_commit();
	staged_grp0 = false;
	return ret;
}

static void shim_abort(struct iommu *m)
{
	staged_grp0 = false;
	W.mmu->ops->abort(W.mmu);
}

static int shim_translate(struct iommu *m, u32 liodn, u64 iova,
			  unsigned int access, phys_addr_t *phys)
{
	return W.mmu->ops->translate(W.mmu, liodn, iova, access, phys);
}

static void shim_caps(struct iommu *m, struct iommu_caps *caps)
{
	W.mmu->ops->caps(W.mmu, caps);
}

static int shim_set_liodn_attr(struct iommu *m, u32 liodn,
			       const struct iommu_liodn_attr *attr)
{
	return W.mmu->ops->set_liodn_attr(W.mmu, liodn, attr);
}

static int shim_dma_copy(struct iommu *m, u32 liodn, u64 src, u64 dst,
			 u64 len, const struct iommu_mem *mem,
			 struct iommu_fault *fault)
{
	return W.mmu->ops->dma_copy(W.mmu, liodn, src, dst, len, mem, fault);
}

static const struct iommu_ops shim_ops = {
	.stage_window = shim_window,
	.stage_subwindow = shim_subwindow,
	.stage_disable = shim_disable,
	.commit = shim_commit,
	.abort = shim_abort,
	.translate = shim_translate,
	.caps = shim_caps,
	.set_liodn_attr = shim_set_liodn_attr,
	.dma_copy = shim_dma_copy,
};

static struct iommu shim = { .ops = &shim_ops };

void world_reset(void)
{
	const struct iommu_config pc = {
		.max_liodn = W_MAX_LIODN,
		.spaace_entries = W_SPAACES,
		.max_subwindows = W_MAX_SUB, .iova_bits = 36,
		.group_liodns = 2,	/* groups 0 and 2: iommu_plan.c sizing */
	};
	unsigned int g;
	int ret;

	for (g = W_NGROUPS; g-- > 0;) {
		dma_group_destroy(W.grp[g]);
		W.grp[g] = NULL;
	}
	if (W.mmu)
		W.drv->destroy(W.mmu);
	W.mmu = NULL;
	W.console_bytes = 0;
	W.kicks = 0;
	W.resets = 0;
	parts_reset();
	W.drv = iommu_driver_by_name("pamu");
	ret = W.drv ? W.drv->create(&pc, &W.mmu) : -ENODEV;
	if (ret)
		die("create", ret);
	msi_reset_all();
	ret = msi_bank_add(&W.part[0],
			   &(const struct msi_bank_desc){
				   .phys = W_MSI_BANK,
				   .doorbell = W_MSI_BANK + MSI_MSIIR,
				   .shared_page = true },
			   W.msi_regs, &W.msi_regs[MSI_MSIIR / 4]);
	if (ret)
		die("msi_bank_add", ret);
	for (g = 0; g < W_NGROUPS; g++) {
		ret = dma_group_create(&W.gcfg[g], &W.part[W.grp_owner[g]],
				       &shim, &W.grp[g]);
		if (ret)
			die("dma_group_create", ret);
	}
	/* Groups 1 and 3 (one LIODN each) are emulated DMA engines. */
	for (g = 1; g < W_NGROUPS; g += 2) {
		snprintf(W.grp[g]->path, sizeof(W.grp[g]->path),
			 "/dma-engine@%u", W.gcfg[g].liodns[0]);
		ret = dma_engine_add(W.grp[g]);
		if (ret)
			die("dma_engine_add", ret);
	}
	if (!ngold)
		world_save();
	world_selftest = selftest_chosen;
	/* inside the driver, from now on (the saved state is sane) */
	if (world_selftest == ST_SPAACE_STRAY) {
		if (!IS_ENABLED(CONFIG_IOMMU_FAULT_INJECT))
			die("spaace_stray without CONFIG_IOMMU_FAULT_INJECT",
			    -ENOSYS);
		W.mmu->inject = IOMMU_INJECT_FREE_SUB;
	}
}
