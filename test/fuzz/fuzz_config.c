// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness of the config path: arbitrary device trees go where
 * weir takes them at boot. The first input byte chooses what is fuzzed:
 *  - even: the rest is a partition config, parsed by config_parse()
 *    against QEMU's real ppce500 hardware tree (env WEIR_QEMU_DTB);
 *  - odd: the rest is a hardware tree (what U-Boot hands over), parsed by
 *    hw_parse() and then used for the shipped QEMU config
 *    (env WEIR_FUZZ_CONFIG).
 * Like hv/main.c, a tree is only used after fdt_check_header() and the
 * blob lives in a buffer of fixed size (the memory it was loaded in).
 *
 * Every outcome is checked: a refusal must name a node and a property
 * (struct dt_error) and leave no plan; an accepted config must give a
 * plan that passes plan_checks[] (no core, RAM range or device in two
 * partitions, RAM inside one memory bank and outside weir, image and
 * entry inside guest memory...). New config features (IOMMU groups,
 * LIODNs) add their rule to plan_checks[].
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/dma.h>
#include <weir/fdt_util.h>
#include <weir/hwtree.h>

#define BLOB_SIZE	0x10000		/* where a config or tree is loaded */

static char qemu_hw[0x20000] __aligned(8);	/* QEMU's tree, compacted */
static struct hw_info qemu_info;
static char *shipped_cfg;		/* board/qemu-ppce500 config */
static const struct hv_reserved hv = { .start = 0, .size = 0x4000000 };
static char blob[BLOB_SIZE] __aligned(8);
static char hwbuf[BLOB_SIZE] __aligned(8);

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						       noreturn));

static void fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "\nINVARIANT BROKEN (config): ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ------------------------------------------------------ plan checks */

struct plan_ctx {
	const struct plan *plan;
	const void *cfg, *hwfdt;
	const struct hw_info *hw;
};

typedef void (*plan_check)(const struct plan_ctx *c,
			   const struct part_plan *a, unsigned int i);

static bool in_one_bank(const struct hw_info *hw, u64 base, u64 size)
{
	unsigned int i;

	for (i = 0; i < hw->nram; i++)
		if (base >= hw->ram[i].base && size <= hw->ram[i].size &&
		    base - hw->ram[i].base <= hw->ram[i].size - size)
			return true;
	return false;
}

static void check_cpus(const struct plan_ctx *c, const struct part_plan *a,
		       unsigned int i)
{
	u32 all = c->hw->ncpus >= 32 ? ~0u : (1u << c->hw->ncpus) - 1;
	unsigned int j;

	if (!a->cpu_mask || (a->cpu_mask & ~all))
		fail("'%s': cpu mask %#x, machine has %u cores", a->name,
		     a->cpu_mask, c->hw->ncpus);
	for (j = 0; j < i; j++)
		if (a->cpu_mask & c->plan->part[j].cpu_mask)
			fail("'%s' and '%s' share cores", a->name,
			     c->plan->part[j].name);
}

static void check_ram(const struct plan_ctx *c, const struct part_plan *a,
		      unsigned int i)
{
	unsigned int j;

	if (!a->ram_size || !IS_ALIGNED(a->ram_phys, SZ_4K) ||
	    !IS_ALIGNED(a->ram_size, SZ_4K))
		fail("'%s': RAM %#llx+%#llx", a->name,
		     (unsigned long long)a->ram_phys,
		     (unsigned long long)a->ram_size);
	if (!in_one_bank(c->hw, a->ram_phys, a->ram_size))
		fail("'%s': RAM outside physical memory", a->name);
	if (ranges_overlap(a->ram_phys, a->ram_size, hv.start, hv.size))
		fail("'%s': RAM overlaps weir", a->name);
	for (j = 0; j < i; j++) {
		const struct part_plan *b = &c->plan->part[j];

		if (ranges_overlap(a->ram_phys, a->ram_size, b->ram_phys,
			     b->ram_size))
			fail("'%s' and '%s' share RAM", a->name, b->name);
	}
}

static void check_image(const struct plan_ctx *c, const struct part_plan *a,
			unsigned int i)
{
	unsigned int j;

	if (!a->image_len || a->image_gpa >= a->ram_size ||
	    a->image_len > a->ram_size - a->image_gpa)
		fail("'%s': image outside guest memory", a->name);
	if (!in_one_bank(c->hw, a->image_src, a->image_len))
		fail("'%s': image source outside memory", a->name);
	if (ranges_overlap(a->image_src, a->image_len, hv.start, hv.size))
		fail("'%s': image source in weir's memory", a->name);
	/* every partition, later ones included: no guest owns an image */
	for (j = 0; j < c->plan->nparts; j++)
		if (ranges_overlap(a->image_src, a->image_len,
			     c->plan->part[j].ram_phys,
			     c->plan->part[j].ram_size))
			fail("'%s': image source in the RAM of '%s'", a->name,
			     c->plan->part[j].name);
	if (a->has_entry && (a->entry_gpa >= a->ram_size ||
			     !IS_ALIGNED(a->entry_gpa, 4)))
		fail("'%s': entry %#llx", a->name,
		     (unsigned long long)a->entry_gpa);
}

static void check_devices(const struct plan_ctx *c,
			  const struct part_plan *a, unsigned int i)
{
	unsigned int j, k, m;
	const char *dev;
	int len;

	if (a->ndev > CONFIG_MAX_DEVICES)
		fail("'%s': %u devices", a->name, a->ndev);
	for (j = 0; j < a->ndev; j++) {
		if (a->hw_dev[j] < 0 ||
		    fdt_get_name(c->hwfdt, a->hw_dev[j], NULL) == NULL)
			fail("'%s': device %d is not a node", a->name,
			     a->hw_dev[j]);
		/* assigned by a child of the partition whose 'device' is
		 * one terminated string */
		if (a->dev_cfg[j] < 0 ||
		    fdt_parent_offset(c->cfg, a->dev_cfg[j]) != a->cfg_node)
			fail("'%s': device %u: config node %d is not its child",
			     a->name, j, a->dev_cfg[j]);
		dev = fdt_getprop(c->cfg, a->dev_cfg[j], "device", &len);
		if (!dev || len < 2 || strnlen(dev, len) + 1 != (size_t)len)
			fail("'%s': device %u: 'device' is not one string",
			     a->name, j);
		for (k = 0; k < j; k++)
			if (a->hw_dev[j] == a->hw_dev[k])
				fail("'%s': device twice", a->name);
		for (m = 0; m < i; m++)
			for (k = 0; k < c->plan->part[m].ndev; k++)
				if (a->hw_dev[j] == c->plan->part[m].hw_dev[k])
					fail("'%s' and '%s' share a device",
					     a->name, c->plan->part[m].name);
	}
}

static void check_strings(const struct plan_ctx *c,
			  const struct part_plan *a, unsigned int i)
{
	if (strnlen(a->name, sizeof(a->name)) == sizeof(a->name) ||
	    strnlen(a->bootargs, sizeof(a->bootargs)) == sizeof(a->bootargs) ||
	    strnlen(a->guest_compatible, sizeof(a->guest_compatible)) ==
	    sizeof(a->guest_compatible))
		fail("partition %u: unterminated string", i);
	if (a->cfg_node < 0 ||
	    fdt_node_check_compatible(c->cfg, a->cfg_node, "weir,partition"))
		fail("'%s': cfg_node %d is not a partition", a->name,
		     a->cfg_node);
}

/* Rules every accepted plan obeys; extend for new config features. */
static const plan_check plan_checks[] = {
	check_cpus, check_ram, check_image, check_devices, check_strings,
};

/*
 * IOMMU groups: owned by an existing partition, 1..8 LIODNs each within
 * max_liodn, no LIODN in two groups (or twice in one): a LIODN valid for
 * two partitions would let one partition's device reach the other's RAM.
 */
static void check_groups(const struct plan_ctx *c)
{
	const struct plan *pl = c->plan;
	unsigned int g, h, i, j;

	if (pl->ngroups > PLAN_MAX_GROUPS)
		fail("%u groups", pl->ngroups);
	for (g = 0; g < pl->ngroups; g++) {
		const struct dma_group_config *a = &pl->group[g].dma;

		if (pl->group[g].part >= pl->nparts)
			fail("group %u: owner %u of %u partitions", g,
			     pl->group[g].part, pl->nparts);
		if (!a->nr_liodns || a->nr_liodns > DMA_GROUP_MAX_LIODNS)
			fail("group %u: %u LIODNs", g, a->nr_liodns);
		/* every window reserves the MSI range (doc/tce.md) */
		if (a->msi_len && (a->msi_iova >= a->default_size ||
				   a->msi_len > a->default_size - a->msi_iova))
			fail("group %u: MSI range 0x%llx+0x%llx outside the 0x%llx window",
			     g, (unsigned long long)a->msi_iova,
			     (unsigned long long)a->msi_len,
			     (unsigned long long)a->default_size);
		for (i = 0; i < a->nr_liodns; i++) {
			if (a->liodns[i] > pl->max_liodn)
				fail("group %u: LIODN %u > max %u", g,
				     a->liodns[i], pl->max_liodn);
			for (h = 0; h <= g; h++) {
				const struct dma_group_config *b =
					&pl->group[h].dma;

				for (j = 0; j < (h == g ? i : b->nr_liodns); j++)
					if (a->liodns[i] == b->liodns[j])
						fail("LIODN %u in groups %u and %u",
						     a->liodns[i], h, g);
			}
		}
	}
}

static void check_plan(const struct plan_ctx *c)
{
	unsigned int i, k;

	if (c->plan->nparts > PARTITION_MAX)
		fail("%u partitions", c->plan->nparts);
	check_groups(c);
	for (i = 0; i < c->plan->nparts; i++)
		for (k = 0; k < ARRAY_SIZE(plan_checks); k++)
			plan_checks[k](c, &c->plan->part[i], i);
}

static void check_refusal(int ret, const struct dt_error *err,
			  const struct plan *plan, bool tree_ok)
{
	static const struct plan empty;

	if (ret >= 0)
		fail("config_parse returned %d", ret);
	if (!err->node[0] || !err->msg[0] || (tree_ok && !err->prop[0]))
		fail("refusal %d names node '%s' prop '%s' msg '%s'", ret,
		     err->node, err->prop, err->msg);
	if (memcmp(plan, &empty, sizeof(empty)))
		fail("refusal %d left a plan", ret);
}

/* --------------------------------------------------------------- run */

static void run_config(const void *cfg, const void *hwfdt,
		       const struct hw_info *hw)
{
	struct plan plan;
	struct dt_error err;
	struct plan_ctx c = { &plan, cfg, hwfdt, hw };
	int ret;

	memset(&err, 0, sizeof(err));
	memset(&plan, 0x5a, sizeof(plan));
	ret = config_parse(cfg, hwfdt, hw, &hv, &plan, &err);
	if (ret)
		check_refusal(ret, &err, &plan, !fdt_check_tree(cfg));
	else
		check_plan(&c);
}

/* Load a tree the way weir finds one: header checked, fixed buffer. */
static bool load(char *buf, const u8 *data, size_t size)
{
	memset(buf, 0, BLOB_SIZE);
	memcpy(buf, data, size < BLOB_SIZE ? size : BLOB_SIZE);
	return !fdt_check_header(buf) && fdt_totalsize(buf) <= BLOB_SIZE;
}

static void run_hwtree(const u8 *data, size_t size)
{
	struct hw_info hw;
	struct dt_error err;
	static char compact[BLOB_SIZE] __aligned(8);
	int ret;

	if (!load(hwbuf, data, size) ||
	    fdt_copy_compact(compact, sizeof(compact), hwbuf))
		return;
	memset(&err, 0, sizeof(err));
	memset(&hw, 0, sizeof(hw));
	ret = hw_parse(compact, &hw, &err);
	if (ret) {
		if (!err.node[0] || !err.msg[0])
			fail("hw_parse %d names node '%s' msg '%s'", ret,
			     err.node, err.msg);
		return;
	}
	if (!hw.ncpus || !hw.nram || hw.nram > HW_MAX_RAM_BANKS)
		fail("hw_parse: %u cpus, %u banks", hw.ncpus, hw.nram);
	run_config(shipped_cfg, compact, &hw);
}

static void *read_file(const char *env, size_t max)
{
	const char *path = getenv(env);
	char *buf = calloc(1, max);
	FILE *f;

	if (!path || !buf) {
		fprintf(stderr, "fuzz_config: set %s\n", env);
		exit(2);
	}
	f = fopen(path, "rb");
	if (!f || fread(buf, 1, max, f) == 0) {
		fprintf(stderr, "fuzz_config: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	return buf;
}

/* ---------------------------------------------- structure-aware mutation */

/*
 * Byte mutations of a DTB almost always break its header, so most of the
 * time the tree is edited through libfdt instead: a property of a random
 * node set to interesting cells or strings, a property or node deleted,
 * a partition node added. The result is packed and replaces the input.
 */
static const char *const props[] = {
	"cpus", "guest-memory", "guest-image", "compatible", "label",
	"manager", "bootargs", "guest-compatible", "guest-entry", "device",
	"reg", "device_type", "ranges", "#address-cells", "#size-cells",
	"timebase-frequency", "status", "fsl,liodn", "dma-disabled",
	"dma-window-size", "dma-page-shift",
};
static const u32 cells[] = {
	0, 1, 2, 3, 4, 31, 32, 33, 0x1000, 0x100000, 0x4000000, 0x4100000,
	0x4200000, 0x10000000, 0x14000000, 0x20000000, 0x3ffff000,
	0x40000000, 0x7fffffff, 0x80000000, 0xfffff000, 0xffffffff, 0xf,
	0xfe, 0x1fff,
};
static const char *const strs[] = {
	"weir,partition", "weir,config-1", "serial0", "/soc@fe0000000",
	"/soc@fe0000000/serial@4500", "memory", "cpu", "", "x-hv", "ccsr",
	"/cpus/PowerPC,e500mc@0", "/nonexistent", "serial0:115200",
	"weir,dma-engine", "/pci@fe0008000", "/soc@fe0000000/msi@41600",
};

size_t LLVMFuzzerMutate(u8 *data, size_t size, size_t max);
size_t LLVMFuzzerCustomMutator(u8 *data, size_t size, size_t max,
			       unsigned int seed);

static int random_node(const void *fdt, unsigned int *r)
{
	int node = 0, n = (int)(rand_r(r) % 24);

	while (n-- > 0) {
		int next = fdt_next_node(fdt, node, NULL);

		if (next < 0)
			break;
		node = next;
	}
	return node;
}

static void edit(void *fdt, unsigned int *r)
{
	int node = random_node(fdt, r);
	const char *prop = props[rand_r(r) % ARRAY_SIZE(props)];
	u32 val[8];
	unsigned int i, n;
	char name[16];

	switch (rand_r(r) % 7) {
	case 0:
	case 1:
		n = rand_r(r) % 8;
		for (i = 0; i < n; i++)
			val[i] = cpu_to_fdt32(rand_r(r) % 4 ? cells[rand_r(r) %
					      ARRAY_SIZE(cells)] : (u32)rand_r(r));
		fdt_setprop(fdt, node, prop, val, n * 4);
		break;
	case 2: {
		const char *s = strs[rand_r(r) % ARRAY_SIZE(strs)];

		fdt_setprop(fdt, node, prop, s, (int)strlen(s) + 1);
		break;
	}
	case 3:
		fdt_delprop(fdt, node, prop);
		break;
	case 4:
		snprintf(name, sizeof(name), "p%u", rand_r(r) % 10);
		node = fdt_add_subnode(fdt, node, name);
		if (node >= 0)
			fdt_setprop_string(fdt, node, "compatible",
					   "weir,partition");
		break;
	case 5:
		if (node > 0)
			fdt_del_node(fdt, node);
		break;
	default:	/* a long string property */
		memset(name, 'a' + rand_r(r) % 26, sizeof(name));
		fdt_setprop(fdt, node, prop, name, (int)(rand_r(r) % 16));
		break;
	}
}

size_t LLVMFuzzerCustomMutator(u8 *data, size_t size, size_t max,
			       unsigned int seed)
{
	static char in[BLOB_SIZE] __aligned(8), work[BLOB_SIZE] __aligned(8);
	unsigned int r = seed, k;
	size_t len;

	/* Structural edits only on a whole, valid tree (copied to aligned
	 * memory): libfdt's writers trust what they edit. */
	if (size < 2 || max < 2 || rand_r(&r) % 5 == 0 ||
	    !load(in, data + 1, size - 1) || fdt_totalsize(in) > size - 1 ||
	    fdt_check_tree(in) || fdt_open_into(in, work, sizeof(work)))
		return LLVMFuzzerMutate(data, size, max);
	for (k = 1 + rand_r(&r) % 3; k; k--)
		edit(work, &r);
	if (fdt_pack(work))
		return LLVMFuzzerMutate(data, size, max);
	len = fdt_totalsize(work);
	if (len + 1 > max)
		return LLVMFuzzerMutate(data, size, max);
	memcpy(data + 1, work, len);
	return len + 1;
}

/* ------------------------------------------------------------ entry */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *raw = read_file("WEIR_QEMU_DTB", 0x101000);
	struct dt_error err;

	if (fdt_copy_compact(qemu_hw, sizeof(qemu_hw), raw) ||
	    hw_parse(qemu_hw, &qemu_info, &err)) {
		fprintf(stderr, "fuzz_config: bad WEIR_QEMU_DTB\n");
		exit(2);
	}
	free(raw);
	shipped_cfg = read_file("WEIR_FUZZ_CONFIG", BLOB_SIZE);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1) {
		run_hwtree(data + 1, size - 1);
		return 0;
	}
	/* A good header claiming more than the buffer cannot be loaded. */
	if (load(blob, data + 1, size - 1) || fdt_check_header(blob))
		run_config(blob, qemu_hw, &qemu_info);
	return 0;
}
