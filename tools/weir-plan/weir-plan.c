// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * weir-plan: check a partition config against a hardware tree on the host
 * and show what weir would program, with weir's own code (libweir.a):
 * config_parse() for the plan, its IOMMU groups and MSI banks,
 * iommu_plan_memory() for weir's heap (what boot checks before it
 * allocates), the IOMMU backend of the hardware tree (iommu_driver_at():
 * the PAMU table manager, drivers/iommu/pamu) for the tables,
 * dma_group_create() for each group's default window (with the owner's
 * MSI doorbell page), the driver's dump() for the tables.
 *
 *   weir-plan [-a] [-t] [-s subwindows] [-m base+size] hardware.dtb config.dtb
 *
 * Exit status: 0 plan printed; 1 the hardware tree or the config is
 * refused (one "config <node>: '<prop>': <msg>" line, as weir prints it);
 * 2 usage or I/O error. See tools/weir-plan/README.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libfdt.h>
#include <weir/alloc.h>
#include <weir/config.h>
#include <weir/dma.h>
#include <weir/fdt_util.h>
#include <weir/iommu.h>
#include <weir/iommu_groups.h>
#include <weir/iommu_boot.h>
#include <weir/partition.h>

struct opts {
	bool all_spaace;	 /* -a: every SPAACE of every run */
	bool put_tces;		 /* -t: map two pages per window */
	unsigned int subwindows; /* -s: PC3 maximum, default 256 */
	struct hv_reserved hv;	 /* -m: weir's own memory */
	struct heap_budget heap; /* its heap, as Kconfig lays it out */
};

static void usage(void)
{
	fprintf(stderr,
		"usage: weir-plan [-a] [-t] [-s subwindows] [-m base+size] "
		"hardware.dtb config.dtb\n");
	exit(2);
}

static void *read_dtb(const char *path)
{
	FILE *f = fopen(path, "rb");
	long size;
	void *buf;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "weir-plan: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	/* No errno to print here: strerror(0) would say "Success". */
	if (!size) {
		fprintf(stderr,
			"weir-plan: %s: empty file, not a device tree blob\n",
			path);
		exit(2);
	}
	/* At least a whole header, zero-filled, for a file shorter than one. */
	buf = calloc(1, size > (long)sizeof(struct fdt_header) ?
				(size_t)size :
				sizeof(struct fdt_header));
	if (!buf || fread(buf, 1, size, f) != (size_t)size ||
	    fdt_check_header(buf) || fdt_totalsize(buf) > (u32)size ||
	    fdt_check_tree(buf)) {
		fprintf(stderr, "weir-plan: %s: not a device tree blob\n",
			path);
		exit(2);
	}
	fclose(f);
	return buf;
}

static const char *size_str(u64 v, char *buf, size_t len)
{
	if (v >= SZ_1G && IS_ALIGNED(v, SZ_1G))
		snprintf(buf, len, "%lluG", (unsigned long long)(v >> 30));
	else if (v >= SZ_1M && IS_ALIGNED(v, SZ_1M))
		snprintf(buf, len, "%lluM", (unsigned long long)(v >> 20));
	else if (v >= SZ_4K && IS_ALIGNED(v, 1024))
		snprintf(buf, len, "%lluK", (unsigned long long)(v >> 10));
	else
		snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

static void print_parts(const struct plan *plan)
{
	unsigned int i;

	printf("\npartitions:\n  %-2s %-12s %-10s %s\n", "#", "name", "cpus",
	       "memory");
	for (i = 0; i < plan->nparts; i++)
		printf("  %-2u %-12s 0x%08x 0x%llx+0x%llx\n", i,
		       plan->part[i].name, plan->part[i].cpu_mask,
		       (unsigned long long)plan->part[i].ram_phys,
		       (unsigned long long)plan->part[i].ram_size);
}

/* MMIO passthrough: what each partition's guest may map (guest-physical =
 * real, cache-inhibited and guarded). */
static void print_mmio(const void *hw, const struct plan *plan)
{
	char path[128];
	unsigned int i, j;

	printf("\nmmio:\n  %-12s %-24s %-6s %s\n", "partition", "real range",
	       "from", "node");
	for (i = 0; i < plan->nparts; i++)
		for (j = 0; j < plan->part[i].nmmio; j++) {
			const struct mmio_window *w = &plan->part[i].mmio[j];
			char range[40];

			snprintf(range, sizeof(range), "0x%llx+0x%llx",
				 (unsigned long long)w->base,
				 (unsigned long long)w->size);
			printf("  %-12s %-24s %-6s %s\n", plan->part[i].name,
			       range, w->pci ? "ranges" : "reg",
			       fdt_path_of(hw, w->hw_node, path, sizeof(path)));
		}
}

/* Each partition's MSI bank, its doorbell and the doorbell-page decision
 * (doc/tce.md, "The doorbell page"). */
static void print_msi(const void *hw, const struct plan *plan)
{
	char path[128];
	unsigned int i;

	printf("\nmsi:\n  %-12s %-14s %-11s %s\n", "partition", "doorbell",
	       "page", "bank");
	for (i = 0; i < plan->nparts; i++) {
		const struct part_plan *pp = &plan->part[i];

		if (!pp->has_msi)
			continue;
		printf("  %-12s 0x%-12llx %-11s %s\n", pp->name,
		       (unsigned long long)pp->msi.doorbell,
		       pp->msi.shared_page ? "mpic-shared" : "own",
		       fdt_path_of(hw, pp->hw_dev[pp->msi_dev], path,
				   sizeof(path)));
	}
}

/* Hardware interrupt sources: routed to each partition's vPIC (the boot's
 * "irq N (...) -> partition" lines). */
static void print_irqs(const void *hw, const struct plan *plan)
{
	char path[128];
	unsigned int i, j;

	printf("\nirqs:\n  %-12s %-6s %-6s %-14s %s\n", "partition", "source",
	       "vPIC", "from", "node");
	for (i = 0; i < plan->nparts; i++)
		for (j = 0; j < plan->part[i].nirq; j++) {
			const struct part_irq *q = &plan->part[i].irq[j];

			printf("  %-12s %-6u %-6u %-14s %s\n",
			       plan->part[i].name, (unsigned)q->src,
			       (unsigned)q->virq, q->prop,
			       fdt_path_of(hw, q->hw_node, path, sizeof(path)));
		}
}

static void print_groups(const void *hw, const struct plan *plan)
{
	char path[128], sz[24], liodns[64];
	unsigned int i, j;
	int n;

	printf("\ngroups:\n  %-2s %-12s %-12s %-13s %-6s %-5s %-8s %-16s %s\n",
	       "#", "kind", "partition", "buid", "window", "page", "dma",
	       "liodns", "name");
	for (i = 0; i < plan->ngroups; i++) {
		const struct group_plan *g = &plan->group[i];

		liodns[0] = '\0';
		for (j = 0, n = 0; j < g->dma.nr_liodns; j++)
			n += snprintf(liodns + n, sizeof(liodns) - n, "%s%u",
				      j ? "," : "", g->dma.liodns[j]);
		printf("  %-2u %-12s %-12s 0x%-11llx %-6s %-5s %-8s %-16s %s\n",
		       i, iommu_group_kind_name(g->kind),
		       plan->part[g->part].name,
		       (unsigned long long)g->dma.buid,
		       size_str(g->dma.default_size, sz, sizeof(sz)),
		       g->dma.identity		       ? "ident" :
		       g->dma.default_page_shift == 12 ? "4K" :
		       g->dma.default_page_shift == 16 ? "64K" :
							 "16M",
		       g->dma_enabled ? "enabled" : "disabled", liodns,
		       g->name);
		for (j = 1; j < g->nnodes; j++)
			printf("     node %s\n",
			       fdt_path_of(hw, g->hw_node[j], path,
					   sizeof(path)));
	}
}

/* The group holding @liodn, or NULL. */
static const struct group_plan *group_of(const struct plan *plan, u32 liodn)
{
	unsigned int i, j;

	for (i = 0; i < plan->ngroups; i++)
		for (j = 0; j < plan->group[i].dma.nr_liodns; j++)
			if (plan->group[i].dma.liodns[j] == liodn)
				return &plan->group[i];
	return NULL;
}

static void print_liodns(const struct plan *plan)
{
	const struct group_plan *g;
	u32 l;

	printf("\nliodns:\n  %-6s %-12s %s\n", "liodn", "partition", "group");
	for (l = 0; l <= plan->max_liodn; l++) {
		g = group_of(plan, l);
		if (g)
			printf("  %-6u %-12s %u\n", l, plan->part[g->part].name,
			       g->dma.index);
	}
}

/* Slots of a group's default window, as hv/dma/window.c computes them. */
static u64 window_slots(const struct group_plan *g, unsigned int max)
{
	u64 tces = g->dma.default_size >> g->dma.default_page_shift;

	return tces < max ? tces : max;
}

/*
 * -t: what a guest's first H_PUT_TCE calls would do: the first IOMMU page
 * of the default window maps guest-physical 0 (slot 0, in the primary
 * PAACE) and the first page of the last slot maps the next page (an
 * SPAACE when the window has subwindows), both read/write.
 */
static int put_tces(struct partition *p, const struct group_plan *g,
		    unsigned int max_subwindows)
{
	u64 page = 1ULL << g->dma.default_page_shift;
	u64 slot = g->dma.default_size / window_slots(g, max_subwindows);
	u32 liobn = DMA_LIOBN(g->dma.index, DMA_WIN_DEFAULT);
	int ret;

	ret = tce_put(p, liobn, 0, 0 | TCE_READ | TCE_WRITE);
	if (!ret && slot < g->dma.default_size)
		ret = tce_put(p, liobn, g->dma.default_size - slot,
			      page | TCE_READ | TCE_WRITE);
	if (ret)
		fprintf(stderr, "weir-plan: group %s: tce_put: %s\n", g->name,
			strerror(-ret));
	return ret;
}

/*
 * One row of "liodn attributes:": what the LIODN's PAACEs carry besides
 * the window (hv/iommu/plan.c iommu_plan_node_attr()); "-" is "not set"
 * (OTM 0 / CID 0), the note says why when Linux would set it.
 */
static void print_attr(const void *hwfdt, int node, u32 liodn, const char *kind,
		       const struct iommu_liodn_attr *a, const char *note)
{
	char path[128], omi[8] = "-", cid[8] = "-";

	if (a->indexed)
		snprintf(omi, sizeof(omi), "%u", a->omi);
	if (a->stash)
		snprintf(cid, sizeof(cid), "%u", a->cid);
	printf("  %-6u %-12s %-4s %-5s %-2u %s%s%s\n", liodn, kind, omi, cid,
	       !a->no_coherency, fdt_path_of(hwfdt, node, path, sizeof(path)),
	       note ? "  # " : "", note ? note : "");
}

/*
 * Create @drv's tables and each group's default window with the same
 * code as weir's boot (hv/iommu/plan.c, used by hv/iommu/boot.c): table
 * sizes from iommu_plan_config(), one dma_group_create() per group
 * with iommu_plan_group_config() (DMA blocked when "dma-disabled").
 */
static int build_tables(const struct iommu_driver *drv, const void *hwfdt,
			const struct plan *plan, const struct opts *o)
{
	static struct partition parts[PARTITION_MAX];
	/* the tables live for the whole run, as on the target (the groups
	 * point into them; with no group, this keeps them reachable) */
	static struct iommu *mmu;
	struct iommu_config pc;
	struct dma_group *dg;
	unsigned int i;
	int ret;

	iommu_plan_config(plan, o->subwindows, &pc);
	ret = drv->create(&pc, &mmu);
	if (ret) {
		fprintf(stderr, "weir-plan: %s_create: %s\n", drv->name,
			strerror(-ret));
		return 1;
	}
	/* as boot: OMI, stash id and coherency of QMan/BMan/FMan/SEC LIODNs */
	printf("\nliodn attributes:\n  %-6s %-12s %-4s %-5s %-2s %s\n", "liodn",
	       "kind", "omi", "stash", "cr", "node");
	ret = iommu_plan_liodn_attrs(hwfdt, plan, mmu, print_attr);
	if (ret) {
		fprintf(stderr, "weir-plan: LIODN attributes: %s\n",
			strerror(-ret));
		return 1;
	}
	for (i = 0; i < plan->nparts; i++) {
		parts[i].id = i + 1;
		snprintf(parts[i].name, sizeof(parts[i].name), "%s",
			 plan->part[i].name);
		parts[i].ram_phys = plan->part[i].ram_phys;
		parts[i].ram_size = plan->part[i].ram_size;
	}
	for (i = 0; i < plan->ngroups; i++) {
		const struct group_plan *g = &plan->group[i];
		struct dma_group_config c;

		/* as boot: the owner's MSI doorbell page in every window */
		iommu_plan_group_config(plan, g, &c);
		ret = dma_group_create(&c, &parts[g->part], mmu, &dg);
		if (ret) {
			fprintf(stderr,
				"weir-plan: group %s: dma_group_create: %s\n",
				g->name, strerror(-ret));
			return 1;
		}
		/* an identity window takes no TCEs */
		if (o->put_tces && !c.identity &&
		    put_tces(&parts[g->part], g, o->subwindows))
			return 1;
	}
	if (drv->dump)
		drv->dump(mmu, o->all_spaace);
	return 0;
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	unsigned long long base, size;
	char *end;
	int c;

	o->subwindows = 256;
#ifdef CONFIG_TEXT_BASE
	o->hv.start = CONFIG_TEXT_BASE;
#else
	o->hv.start = 0; /* the sandbox build: weir at 0, as on QEMU */
#endif
	o->hv.size = CONFIG_HV_MEM_SIZE;
	while ((c = getopt(argc, argv, "ats:m:")) != -1) {
		switch (c) {
		case 'a':
			o->all_spaace = true;
			break;
		case 't':
			o->put_tces = true;
			break;
		case 's':
			o->subwindows = strtoul(optarg, &end, 0);
			if (*end || !IS_POWER_OF_2(o->subwindows) ||
			    o->subwindows < 2)
				usage();
			break;
		case 'm':
			base = strtoull(optarg, &end, 0);
			if (*end != '+')
				usage();
			size = strtoull(end + 1, &end, 0);
			if (*end)
				usage();
			o->hv.start = base;
			o->hv.size = size;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2 || o->hv.size <= CONFIG_HV_IMAGE_MAX)
		usage();
	/* the heap setup.c gives hv_heap_init(): after the image room */
	heap_budget_init(&o->heap, o->hv.start + CONFIG_HV_IMAGE_MAX,
			 o->hv.size - CONFIG_HV_IMAGE_MAX);
}

int main(int argc, char **argv)
{
	static struct plan plan;
	struct plan_memory mem;
	struct hw_info hw;
	struct dt_error err;
	char line[300];
	struct opts o = { 0 };
	static void *hwfdt, *cfg; /* static: still reachable at exit (LSan) */
	const struct iommu_driver *drv;
	unsigned int i;

	parse_args(argc, argv, &o);
	hwfdt = read_dtb(argv[optind]);
	cfg = read_dtb(argv[optind + 1]);
	if (hw_parse(hwfdt, &hw, &err)) {
		fprintf(stderr, "weir-plan: hardware %s\n",
			dt_error_str(&err, line, sizeof(line)));
		return 1;
	}
	/* the console weir keeps, found as boot finds it (MMIO windows) */
	hw.uart_node = -1;
	(void)hw_find_console(hwfdt, &hw, &err);
	if (config_parse(cfg, hwfdt, &hw, &o.hv, &plan, &err)) {
		fprintf(stderr, "weir-plan: config %s\n",
			dt_error_str(&err, line, sizeof(line)));
		return 1;
	}
	/* the backend boot would pick (the PAMU; no registers on the host,
	 * so -s gives the subwindow count its probe() would read) */
	drv = iommu_driver_at(hwfdt, plan.iommu_node);
	if (!drv) {
		fprintf(stderr, "weir-plan: no IOMMU driver built in\n");
		return 2;
	}
	if (iommu_plan_memory(cfg, &plan, drv, o.subwindows, &o.heap, &mem,
			      &err)) {
		fprintf(stderr, "weir-plan: config %s\n",
			dt_error_str(&err, line, sizeof(line)));
		return 1;
	}
	printf("weir-plan: %s (%s x%u); %u partitions, %u IOMMU groups, max LIODN %u\n",
	       hw.model, hw.cpu, hw.ncpus, plan.nparts, plan.ngroups,
	       plan.max_liodn);
	printf("pamu:");
	for (i = 0; i < plan.niommus; i++)
		printf(" 0x%llx", (unsigned long long)plan.iommu_phys[i]);
	printf("%s\n",
	       plan.niommus ? "" : " none (tables in memory, software model)");
	printf("memory: heap %llu / %llu bytes used / available (at 0x%llx; %u subwindows)\n",
	       (unsigned long long)mem.used, (unsigned long long)mem.avail,
	       (unsigned long long)o.heap.start, o.subwindows);
	print_parts(&plan);
	print_mmio(hwfdt, &plan);
	print_msi(hwfdt, &plan);
	print_irqs(hwfdt, &plan);
	print_groups(hwfdt, &plan);
	print_liodns(&plan);
	return build_tables(drv, hwfdt, &plan, &o);
}
