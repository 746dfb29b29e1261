// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partition config validation against QEMU's real hardware tree: a good
 * two-partition config gives the expected plan; each broken variant is
 * refused naming the config node and property, and yields no plan.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "helpers/qemu_dtb.h"
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>

static char hwtree[0x20000] __aligned(8);
static struct hw_info hw;
static const struct hv_reserved hv = { .start = 0, .size = 0x4000000 };
static char cfg[0x4000] __aligned(8);

static int setup(void **state)
{
	load_qemu_hwtree(hwtree, sizeof(hwtree), &hw);
	return 0;
}

/* Compile DTS text with dtc (the real tool users run) into cfg[]. */
static void compile(const char *parts)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir;
	char cmd[300], path[256];
	FILE *p, *f;
	int fd;

	snprintf(path, sizeof(path), "%s/weir-cfg-XXXXXX", dir);
	fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s -", path);
	p = popen(cmd, "w");
	assert_non_null(p);
	fprintf(p, "/dts-v1/;\n/ { compatible = \"weir,config-1\";\n"
		   "partitions {\n%s\n}; };\n", parts);
	assert_int_equal(pclose(p), 0);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_true(fread(cfg, 1, sizeof(cfg), f) > 0);
	fclose(f);
	unlink(path);
}

#define P1 "p1 { compatible = \"weir,partition\"; label = \"linux\"; cpus = <0 1>;" \
	   " guest-memory = <0 0x10000000 0 0x10000000>;" \
	   " guest-image = <0 0x5000000 0 0 0 0x10000>;" \
	   " uart { device = \"serial0\"; }; };"
#define PART(name, first, ram, size) \
	name " { compatible = \"weir,partition\"; cpus = <" first " 1>;" \
	" guest-memory = <0 " ram " 0 " size ">;" \
	" guest-image = <0 0x5000000 0 0 0 0x10000>;"
#define P2 PART("p2", "1", "0x20000000", "0x8000000") " };"

static int nothing(void **state)
{
	return 0;
}

static struct plan plan;

static void expect_refused(int ret, const char *node, const char *prop,
			   const char *msg_part)
{
	struct dt_error err;

	memset(&plan, 0xa5, sizeof(plan));
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), ret);
	assert_string_equal(err.node, node);
	assert_string_equal(err.prop, prop);
	if (!strstr(err.msg, msg_part))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, msg_part);
	assert_int_equal(plan.nparts, 0);	/* no half plan */
	assert_int_equal(plan.ngroups, 0);
}

static void test_good(void **state)
{
	struct dt_error err;
	char path[64];

	compile(P1 P2);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.nparts, 2);
	assert_string_equal(plan.part[0].name, "linux");
	assert_int_equal(plan.part[0].cpu_mask, 0x1);
	assert_int_equal(plan.part[0].ram_phys, 0x10000000);
	assert_int_equal(plan.part[0].ram_size, 0x10000000);
	assert_int_equal(plan.part[0].image_src, 0x5000000);
	assert_int_equal(plan.part[0].image_len, 0x10000);
	assert_int_equal(plan.part[0].ndev, 1);
	fdt_path_of(hwtree, plan.part[0].hw_dev[0], path, sizeof(path));
	assert_string_equal(path, "/soc@fe0000000/serial@4500");
	assert_string_equal(plan.part[1].name, "p2");
	assert_int_equal(plan.part[1].cpu_mask, 0x2);
	/* The UART is no DMA master; QEMU has no PAMU and no LIODN. */
	assert_int_equal(plan.ngroups, 0);
	assert_int_equal(plan.niommus, 0);
	assert_int_equal(plan.max_liodn, 0);
}

static void test_core_twice(void **state)
{
	compile(P1 PART("p2", "0", "0x20000000", "0x8000000") " };");
	expect_refused(-EBUSY, "/partitions/p2", "cpus",
		       "already belong to partition 'linux'");
}

static void test_core_missing(void **state)
{
	compile(P1 PART("p2", "2", "0x20000000", "0x8000000") " };");
	expect_refused(-EINVAL, "/partitions/p2", "cpus", "do not exist (machine has 2)");
}

static void test_ram_twice(void **state)
{
	compile(P1 PART("p2", "1", "0x1ff00000", "0x200000") " };");
	expect_refused(-EBUSY, "/partitions/p2", "guest-memory",
		       "overlaps the RAM of partition 'linux'");
}

static void test_ram_outside(void **state)
{
	compile(P1 PART("p2", "1", "0x3ff00000", "0x200000") " };");
	expect_refused(-ERANGE, "/partitions/p2", "guest-memory", "not inside physical memory");
}

static void test_ram_over_weir(void **state)
{
	compile(P1 PART("p2", "1", "0x3f00000", "0x200000") " };");
	expect_refused(-ERANGE, "/partitions/p2", "guest-memory", "overlaps weir's memory");
}

/*
 * The image source is read at every (re)start: no guest may own it (a
 * guest writing another's image would run its code there after a
 * restart), its own RAM is cleared first, and weir's memory is weir's.
 * Each row: p2's RAM and image source beside P1 (image at 0x5000000).
 */
static void test_image_source_owned(void **state)
{
	static const struct {
		const char *ram, *size, *src;
		int ret;
		const char *prop, *msg;
	} rows[] = {
		{ "0x20000000", "0x8000000", "0x20100000", -EBUSY, "guest-image",
		  "partition's own guest-memory" },
		{ "0x20000000", "0x8000000", "0x10100000", -EBUSY, "guest-image",
		  "lies in the RAM of partition 'linux'" },
		{ "0x4000000", "0x2000000", "0x7000000", -EBUSY, "guest-memory",
		  "holds the image of partition 'linux'" },
		{ "0x20000000", "0x8000000", "0x3ff8000", -ERANGE, "guest-image",
		  "overlaps weir's memory" },
		/* two partitions may boot the same image */
		{ "0x20000000", "0x8000000", "0x5000000", 0, NULL, NULL },
	};
	struct dt_error err;
	char parts[512];
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(parts, sizeof(parts), P1
			 "p2 { compatible = \"weir,partition\"; cpus = <1 1>;"
			 " guest-memory = <0 %s 0 %s>;"
			 " guest-image = <0 %s 0 0 0 0x10000>; };",
			 rows[i].ram, rows[i].size, rows[i].src);
		compile(parts);
		if (rows[i].ret)
			expect_refused(rows[i].ret, "/partitions/p2",
				       rows[i].prop, rows[i].msg);
		else
			assert_int_equal(config_parse(cfg, hwtree, &hw, &hv,
						      &plan, &err), 0);
	}
}

static void test_image_missing(void **state)
{
	compile(P1 "p2 { compatible = \"weir,partition\"; cpus = <1 1>;"
		" guest-memory = <0 0x20000000 0 0x8000000>; };");
	expect_refused(-ENOENT, "/partitions/p2", "guest-image", "missing");
}

static void test_image_outside_guest(void **state)
{
	compile(P1 "p2 { compatible = \"weir,partition\"; cpus = <1 1>;"
		" guest-memory = <0 0x20000000 0 0x8000000>;"
		" guest-image = <0 0x5000000 0 0x7ff0000 0 0x20000>; };");
	expect_refused(-ERANGE, "/partitions/p2", "guest-image", "outside guest-memory");
}

static void test_device_missing(void **state)
{
	compile(P1 P2 "p3 { compatible = \"weir,partition\"; cpus = <1 0>; };");
	expect_refused(-EINVAL, "/partitions/p3", "cpus", "do not exist");
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" eth { device = \"/soc@fe0000000/ethernet@24000\"; }; };");
	expect_refused(-ENOENT, "/partitions/p2/eth", "device", "is not in the hardware tree");
}

static void test_device_twice(void **state)
{
	/* The same UART by path in p2 as by alias in p1. */
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = \"/soc@fe0000000/serial@4500\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/u", "device",
		       "/soc@fe0000000/serial@4500 is already assigned to partition 'linux', cannot also go to 'p2'");
	/* Twice in one partition: the second device node is named. */
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" a { device = \"/soc@fe0000000/i2c@3000\"; };"
		" b { device = \"/soc@fe0000000/i2c@3000\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/b", "device",
		       "/soc@fe0000000/i2c@3000 is assigned twice in partition 'p2'");
}

/*
 * A 'device' value must be one NUL-terminated string: "serial0" as bytes
 * without its NUL would be read by libfdt as a C string, into whatever
 * follows it in the blob.
 */
static void test_device_unterminated(void **state)
{
	struct dt_error err;

	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = [73 65 72 69 61 6c 30]; }; };");
	expect_refused(-EINVAL, "/partitions/p2/u", "device",
		       "NUL-terminated string");
	/* two strings, and an empty one, are refused the same way */
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = \"serial0\", \"serial1\"; }; };");
	expect_refused(-EINVAL, "/partitions/p2/u", "device",
		       "NUL-terminated string");
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = \"\"; }; };");
	expect_refused(-EINVAL, "/partitions/p2/u", "device",
		       "NUL-terminated string");
	/* the same bytes with their NUL are the alias serial0 */
	compile(PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = [73 65 72 69 61 6c 30 00]; }; };");
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.part[0].ndev, 1);
}

/* p1 with extra properties, p2 plain. */
#define P1X(extra) \
	"p1 { compatible = \"weir,partition\"; label = \"linux\"; cpus = <0 1>;" \
	" guest-memory = <0 0x10000000 0 0x10000000>;" \
	" guest-image = <0 0x5000000 0 0 0 0x10000>; " extra " };"

static void test_guest_options(void **state)
{
	struct dt_error err;

	compile(P1X("manager; bootargs = \"console=ttyEHV0 root=/dev/ram0\";"
		    " guest-compatible = \"fsl,T4240QDS\";"
		    " guest-entry = <0 0x1000100>;") P2);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.nparts, 2);
	assert_true(plan.part[0].manager);
	assert_string_equal(plan.part[0].bootargs, "console=ttyEHV0 root=/dev/ram0");
	assert_string_equal(plan.part[0].guest_compatible, "fsl,T4240QDS");
	assert_true(plan.part[0].has_entry);
	assert_int_equal(plan.part[0].entry_gpa, 0x1000100);
	/* All optional: p2 has none. */
	assert_false(plan.part[1].manager);
	assert_string_equal(plan.part[1].bootargs, "");
	assert_string_equal(plan.part[1].guest_compatible, "");
	assert_false(plan.part[1].has_entry);
	assert_int_equal(plan.part[1].entry_gpa, 0);
}

/* The limits themselves are accepted: 255-character bootargs, a
 * 20-character board, an entry at the last word of guest-memory. */
static void test_guest_option_limits(void **state)
{
	char text[1024], args[256];
	struct dt_error err;

	memset(args, 'a', 255);
	args[255] = '\0';
	snprintf(text, sizeof(text), P1X("bootargs = \"%s\";"
		 " guest-compatible = \"fsl,ABCDEFGHIJKLMNOP\";"
		 " guest-entry = <0 0xffffffc>;"), args);
	compile(text);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(strlen(plan.part[0].bootargs), 255);
	assert_string_equal(plan.part[0].guest_compatible, "fsl,ABCDEFGHIJKLMNOP");
	assert_int_equal(plan.part[0].entry_gpa, 0xffffffc);
	/* An empty bootargs string is a valid (empty) command line. */
	compile(P1X("bootargs = \"\";"));
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_string_equal(plan.part[0].bootargs, "");
}

static void test_manager_refused(void **state)
{
	compile(P1X("manager = <1>;") P2);
	expect_refused(-EINVAL, "/partitions/p1", "manager", "must be empty");
}

static void test_bootargs_refused(void **state)
{
	char text[1024], args[257];

	memset(args, 'a', 256);
	args[256] = '\0';
	snprintf(text, sizeof(text), P1X("bootargs = \"%s\";") P2, args);
	compile(text);
	expect_refused(-E2BIG, "/partitions/p1", "bootargs",
		       "256 characters, at most 255");
	compile(P1X("bootargs = <1>;") P2);
	expect_refused(-EINVAL, "/partitions/p1", "bootargs", "need one string");
	compile(P1X("bootargs = \"a\", \"b\";") P2);
	expect_refused(-EINVAL, "/partitions/p1", "bootargs", "need one string");
}

static void test_guest_compatible_refused(void **state)
{
	compile(P1X("guest-compatible = \"fsl,ABCDEFGHIJKLMNOPQ\";") P2);
	expect_refused(-E2BIG, "/partitions/p1", "guest-compatible",
		       "21 characters, at most 20");
	compile(P1X("guest-compatible = \"fsl,P4080DS-hv\";") P2);
	expect_refused(-EINVAL, "/partitions/p1", "guest-compatible",
		       "without \"-hv\"");
	compile(P1X("guest-compatible = \"\";") P2);
	expect_refused(-EINVAL, "/partitions/p1", "guest-compatible", "empty");
	compile(P1X("guest-compatible = \"fsl,P4080DS\", \"fsl,P3041DS\";") P2);
	expect_refused(-EINVAL, "/partitions/p1", "guest-compatible",
		       "need one string");
}

static void test_guest_entry_refused(void **state)
{
	compile(P1X("guest-entry = <0x1000>;") P2);
	expect_refused(-EINVAL, "/partitions/p1", "guest-entry",
		       "need <gpa-hi gpa-lo>");
	/* guest-memory is 0x10000000 bytes: its end is outside. */
	compile(P1X("guest-entry = <0 0x10000000>;") P2);
	expect_refused(-ERANGE, "/partitions/p1", "guest-entry",
		       "0x10000000 is outside guest-memory");
	compile(P1X("guest-entry = <1 0>;") P2);
	expect_refused(-ERANGE, "/partitions/p1", "guest-entry",
		       "outside guest-memory");
	compile(P1X("guest-entry = <0 0x1002>;") P2);
	expect_refused(-EINVAL, "/partitions/p1", "guest-entry",
		       "not 4-byte aligned");
	/* Checked in the second partition too (its own guest-memory). */
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" guest-entry = <0 0x8000000>; };");
	expect_refused(-ERANGE, "/partitions/p2", "guest-entry",
		       "outside guest-memory (0x8000000 bytes)");
}

/*
 * QEMU's PCI host (fsl,mpc8540-pci, no endpoint partitioning) is one
 * group; QEMU has no fsl,liodn, so the config supplies it.
 */
static void test_pci_group(void **state)
{
	const struct group_plan *g;
	struct dt_error err;
	char path[64];

	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; dma-disabled; };")
		PART("p2", "1", "0x20000000", "0x8000000")
		" dma { compatible = \"weir,dma-engine\"; fsl,liodn = <6>; }; };");
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.ngroups, 2);
	g = &plan.group[0];
	assert_string_equal(g->name, "/pci@fe0008000");
	assert_int_equal(g->kind, GROUP_PCI_HOSE);
	assert_int_equal(g->part, 0);
	assert_int_equal(g->nnodes, 1);
	assert_string_equal(fdt_path_of(hwtree, g->hw_node[0], path, sizeof(path)),
			    "/pci@fe0008000");
	assert_int_equal(g->dma.nr_liodns, 1);
	assert_int_equal(g->dma.liodns[0], 5);
	assert_int_equal(g->dma.buid, 0xfe0008000ULL);	/* the controller's reg */
	assert_false(g->dma_enabled);
	g = &plan.group[1];
	assert_string_equal(g->name, "/partitions/p2/dma");
	assert_int_equal(g->kind, GROUP_DMA_ENGINE);
	assert_int_equal(g->part, 1);
	assert_int_equal(g->dma.liodns[0], 6);
	assert_int_equal(g->dma.index, 1);
	assert_true(g->dma_enabled);
	assert_int_equal(plan.max_liodn, 6);
	assert_int_equal(plan.niommus, 0);
}

static void test_pci_group_refused(void **state)
{
	compile(P1X("pci { device = \"pci0\"; };") P2);
	expect_refused(-EINVAL, "/partitions/p1/pci", "fsl,liodn",
		       "IOMMU group /pci@fe0008000 has no LIODN");
	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };")
		PART("p2", "1", "0x20000000", "0x8000000")
		" dma { compatible = \"weir,dma-engine\"; fsl,liodn = <5>; }; };");
	expect_refused(-EBUSY, "/partitions/p2/dma", "fsl,liodn",
		       "LIODN 5 is also in group /pci@fe0008000 of partition 'linux'");
	compile(P1X("uart2 { device = \"/soc@fe0000000/serial@4500\"; dma-page-shift = <12>; };") P2);
	expect_refused(-EINVAL, "/partitions/p1/uart2", "dma-page-shift",
		       "has no LIODN: not a DMA master");
}

/*
 * QEMU's CCSR node is a "simple-bus": assigning it is refused, as is a
 * node together with one of its own descendants (QEMU's tree has no
 * other nesting outside the PCI host).
 */
static void test_bus_and_nesting_refused(void **state)
{
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" soc { device = \"/soc@fe0000000\"; }; };");
	expect_refused(-EINVAL, "/partitions/p2/soc", "device",
		       "/soc@fe0000000 is a bus (\"simple-bus\")");
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" root { device = \"/\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/root", "device",
		       "/ contains /soc@fe0000000/serial@4500, which /partitions/p1/uart assigns to partition 'linux': cannot also go to 'p2'");
}

static void test_not_a_config(void **state)
{
	compile(P1);
	assert_int_equal(fdt_setprop_inplace(cfg, 0, "compatible", "fsl,hv-config", 14), 0);
	expect_refused(-EINVAL, "/", "compatible", "not \"weir,config-1\"");
}

/*
 * Found by test/fuzz/fuzz_config: a valid magic with offsets far beyond
 * the blob. The refusal must not walk the tree to name the node.
 */
static void test_bad_header(void **state)
{
	memset(cfg, 0, sizeof(cfg));
	fdt_set_magic(cfg, FDT_MAGIC);
	fdt_set_totalsize(cfg, 0x70617274);
	fdt_set_off_dt_struct(cfg, 0x7469746f);
	fdt_set_off_dt_strings(cfg, 0x6e730000);
	fdt_set_version(cfg, 17);
	fdt_set_last_comp_version(cfg, 16);
	assert_int_not_equal(fdt_check_header(cfg), 0);
	expect_refused(-EINVAL, "/", "", "not a valid device tree");
}

/*
 * Found by test/fuzz/fuzz_config: a property whose length wraps the
 * structure offset back onto itself. libfdt would look it up for ever;
 * weir refuses the tree before reading a property.
 */
static void test_prop_len_wrap(void **state)
{
	int off;
	fdt32_t *p;

	compile(P1 P2);
	off = fdt_first_property_offset(cfg, 0);
	assert_true(off > 0);
	p = fdt_offset_ptr_w(cfg, off, 12);
	p[1] = cpu_to_fdt32(0xfffffff4);
	expect_refused(-EINVAL, "/", "", "not a valid device tree");
}


/* ------------------------------------------------ MMIO passthrough windows */

/* QEMU's tree again (a test below grows it), with its console found. */
static int fresh_hwtree(void **state)
{
	struct dt_error err;

	load_qemu_hwtree(hwtree, sizeof(hwtree), &hw);
	assert_int_equal(hw_find_console(hwtree, &hw, &err), 0);
	return 0;
}

/* Add node @name under @parent with "reg" = @reg (@n cells). */
static int hw_add(const char *parent, const char *name, const u32 *reg, int n)
{
	fdt32_t cells[16];
	int node, i;

	assert_int_equal(fdt_open_into(hwtree, hwtree, sizeof(hwtree)), 0);
	node = fdt_add_subnode(hwtree, fdt_path_offset(hwtree, parent), name);
	assert_true(node >= 0);
	for (i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(reg[i]);
	if (n)
		assert_int_equal(fdt_setprop(hwtree, node, "reg", cells,
					     n * 4), 0);
	return node;
}

/* A second PCI host at the root whose memory window is @lo (+ 256 MiB). */
static void hw_add_pci(u32 hi, u32 lo)
{
	static const u32 reg[] = { 0xf, 0xe0009000, 0, 0x1000 };
	fdt32_t ranges[7] = { cpu_to_fdt32(0x2000000), 0, cpu_to_fdt32(0),
			      cpu_to_fdt32(hi), cpu_to_fdt32(lo), 0,
			      cpu_to_fdt32(0x10000000) };
	int node;

	hw_add("/", "pci@fe0009000", reg, 4);
	node = fdt_path_offset(hwtree, "/pci@fe0009000");
	assert_int_equal(fdt_setprop_string(hwtree, node, "device_type", "pci"), 0);
	assert_int_equal(fdt_setprop_u32(hwtree, node, "#address-cells", 3), 0);
	assert_int_equal(fdt_setprop_u32(hwtree, node, "#size-cells", 2), 0);
	assert_int_equal(fdt_setprop(hwtree, node, "ranges", ranges,
				     sizeof(ranges)), 0);
}

static void reparse_hw(void)
{
	struct dt_error err;

	assert_int_equal(hw_parse(hwtree, &hw, &err), 0);
	assert_int_equal(hw_find_console(hwtree, &hw, &err), 0);
}

/*
 * The PCI controller's "reg" page and both "ranges" windows (memory at
 * 0xc00000000, I/O at 0xfe1000000) become its owner's; a register block
 * not page aligned (i2c@3000, 0x14 bytes) is rounded out to its page;
 * the console UART weir keeps gives none.
 */
static void test_mmio_windows(void **state)
{
	const struct mmio_window *w;
	struct dt_error err;

	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };"
		    " i2c { device = \"/soc@fe0000000/i2c@3000\"; };"
		    " uart { device = \"serial0\"; };") P2);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.part[0].nmmio, 4);
	w = plan.part[0].mmio;
	assert_int_equal(w[0].base, 0xfe0008000ULL);
	assert_int_equal(w[0].size, 0x1000);
	assert_false(w[0].pci);
	assert_int_equal(w[1].base, 0xc00000000ULL);
	assert_int_equal(w[1].size, 0x20000000);
	assert_true(w[1].pci);
	assert_int_equal(w[2].base, 0xfe1000000ULL);
	assert_int_equal(w[2].size, 0x10000);
	assert_int_equal(w[3].base, 0xfe0003000ULL);
	assert_int_equal(w[3].size, 0x1000);
	assert_int_equal(plan.part[1].nmmio, 0);
}

/* What weir keeps is never a window: MPIC, GUTS, a page shared with them. */
static void test_mmio_weir_keeps(void **state)
{
	static const u32 reg[] = { 0x4600, 0x100 };

	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" pic { device = \"/soc@fe0000000/pic@40000\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/pic", "device",
		       "/soc@fe0000000/pic@40000: weir keeps it (fsl,mpic)");
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" guts { device = \"/soc@fe0000000/global-utilities@e0000\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/guts", "device",
		       "weir keeps it (the global utilities (GUTS))");
	/* a second UART in the console's page */
	hw_add("/soc@fe0000000", "serial@4600", reg, 2);
	reparse_hw();
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" u { device = \"/soc@fe0000000/serial@4600\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/u", "device",
		       "/soc@fe0000000/serial@4600: its page(s) 0xfe0004000+0x1000 share a 4 KiB page with /soc@fe0000000/serial@4500, which weir keeps (its console UART)");
}

/* A page shared with another partition's device, or with nobody's. */
static void test_mmio_page_shared(void **state)
{
	static const u32 reg[] = { 0x3100, 0x100 };

	hw_add("/soc@fe0000000", "dev@3100", reg, 2);
	reparse_hw();
	compile(P1X("i2c { device = \"/soc@fe0000000/i2c@3000\"; };")
		PART("p2", "1", "0x20000000", "0x8000000")
		" d { device = \"/soc@fe0000000/dev@3100\"; }; };");
	expect_refused(-EBUSY, "/partitions/p1/i2c", "device",
		       "/soc@fe0000000/i2c@3000: its page(s) 0xfe0003000+0x1000 share a 4 KiB page with /soc@fe0000000/dev@3100, which belongs to partition 'p2'");
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" d { device = \"/soc@fe0000000/dev@3100\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/d", "device",
		       "share a 4 KiB page with /soc@fe0000000/i2c@3000, which no partition owns");
	/* both in one partition: the page is theirs */
	compile(P1X("i2c { device = \"/soc@fe0000000/i2c@3000\"; };"
		    " d { device = \"/soc@fe0000000/dev@3100\"; };") P2);
	{
		struct dt_error err;

		assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan,
					      &err), 0);
	}
}

/* PCI "ranges": over RAM, not page aligned, over another owner's window. */
static void test_mmio_pci_ranges_refused(void **state)
{
	hw_add_pci(0, 0x30000000);
	reparse_hw();
	compile(P1 PART("p2", "1", "0x20000000", "0x8000000")
		" pci { device = \"/pci@fe0009000\"; fsl,liodn = <6>; }; };");
	expect_refused(-ERANGE, "/partitions/p2/pci", "device",
		       "/pci@fe0009000: \"ranges\" window 0x30000000+0x10000000 overlaps RAM");
	fresh_hwtree(state);
	hw_add_pci(0xc, 0x800);
	reparse_hw();
	expect_refused(-EINVAL, "/partitions/p2/pci", "device",
		       "\"ranges\" window 0xc00000800+0x10000000 is not 4 KiB aligned");
	fresh_hwtree(state);
	hw_add_pci(0xc, 0x10000000);
	reparse_hw();
	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };")
		PART("p2", "1", "0x20000000", "0x8000000")
		" pci { device = \"/pci@fe0009000\"; fsl,liodn = <6>; }; };");
	expect_refused(-EBUSY, "/partitions/p2/pci", "device",
		       "/pci@fe0009000: \"ranges\" window 0xc10000000+0x10000000 overlaps 0xc00000000+0x20000000 of /pci@fe0008000 in partition 'linux'");
}

/*
 * Interrupt sources (doc/passthrough.md "Interrupt routing"): the PCI
 * controller's own ("interrupts" <24 2>) and its INTx, MPIC sources 1..4
 * of its "interrupt-map" (each once, however many slots name it),
 * numbered VPIC_IRQ_HW(0).. in that order; weir's console UART gives
 * none; the other partition has none.
 */
static void test_irqs(void **state)
{
	const struct part_plan *pp = &plan.part[0];
	struct dt_error err;
	unsigned int i, seen = 0;

	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };"
		    " uart { device = \"serial0\"; };") P2);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(pp->nirq, 5);
	assert_int_equal(pp->irq[0].src, 24);
	assert_int_equal(pp->irq[0].sense, 2);
	assert_string_equal(pp->irq[0].prop, "interrupts");
	for (i = 0; i < pp->nirq; i++) {
		assert_int_equal(pp->irq[i].virq, VPIC_IRQ_HW(i));
		assert_int_equal(pp->irq[i].hw_node,
				 fdt_path_offset(hwtree, "/pci@fe0008000"));
		if (i == 0)
			continue;
		assert_string_equal(pp->irq[i].prop, "interrupt-map");
		assert_int_equal(pp->irq[i].sense, 1); /* level, active low */
		assert_true(pp->irq[i].src >= 1 && pp->irq[i].src <= 4);
		seen |= 1u << pp->irq[i].src;
	}
	assert_int_equal(seen, 0x1e);
	assert_int_equal(config_irq_virq(pp, 24), VPIC_IRQ_HW(0));
	assert_int_equal(config_irq_virq(pp, 42), 0); /* the UART's */
	assert_int_equal(plan.part[1].nirq, 0);
}

/* A node on MPIC source @src with "interrupts" of @n cells (src, 1, ...). */
static void hw_add_irq_dev(const char *name, u32 src, int n)
{
	static const u32 reg[] = { 0x5000, 0x100 };
	fdt32_t cells[4] = { cpu_to_fdt32(src), cpu_to_fdt32(1), 0, 0 };
	int node, pic;

	node = hw_add("/soc@fe0000000", name, reg, 2);
	pic = fdt_node_offset_by_compatible(hwtree, -1, "fsl,mpic");
	assert_true(pic >= 0);
	assert_int_equal(fdt_setprop_u32(hwtree, node, "interrupt-parent",
					 fdt_get_phandle(hwtree, pic)),
			 0);
	assert_int_equal(fdt_setprop(hwtree, node, "interrupts", cells, n * 4),
			 0);
	reparse_hw();
}

/*
 * An interrupt source in two partitions: refused, naming both nodes and
 * both properties; a malformed "interrupts" refused; the same device's
 * source once in one partition is fine.
 */
static void test_irq_shared_refused(void **state)
{
	struct dt_error err;

	hw_add_irq_dev("dev@5000", 2, 2);
	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };")
		PART("p2", "1", "0x20000000", "0x8000000")
		" dev { device = \"/soc@fe0000000/dev@5000\"; }; };");
	expect_refused(-EBUSY, "/partitions/p2/dev", "device",
		       "/soc@fe0000000/dev@5000: interrupt source 2 of its \"interrupts\" is also in \"interrupt-map\" of /pci@fe0008000, in partition 'linux'");
	/* both in one partition: one source, fine */
	compile(P1X("pci { device = \"pci0\"; fsl,liodn = <5>; };"
		    " dev { device = \"/soc@fe0000000/dev@5000\"; };") P2);
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), 0);
	assert_int_equal(plan.part[0].nirq, 5);
}

static void test_irq_malformed_refused(void **state)
{
	hw_add_irq_dev("dev@5000", 2, 3);
	compile(P1X("dev { device = \"/soc@fe0000000/dev@5000\"; };") P2);
	expect_refused(-EINVAL, "/partitions/p1/dev", "device",
		       "/soc@fe0000000/dev@5000: malformed \"interrupts\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good, nothing),
		cmocka_unit_test_setup(test_prop_len_wrap, nothing),
		cmocka_unit_test_setup(test_core_twice, nothing),
		cmocka_unit_test_setup(test_core_missing, nothing),
		cmocka_unit_test_setup(test_ram_twice, nothing),
		cmocka_unit_test_setup(test_ram_outside, nothing),
		cmocka_unit_test_setup(test_ram_over_weir, nothing),
		cmocka_unit_test_setup(test_image_missing, nothing),
		cmocka_unit_test_setup(test_image_source_owned, nothing),
		cmocka_unit_test_setup(test_image_outside_guest, nothing),
		cmocka_unit_test_setup(test_device_missing, nothing),
		cmocka_unit_test_setup(test_device_twice, nothing),
		cmocka_unit_test_setup(test_device_unterminated, nothing),
		cmocka_unit_test_setup(test_bus_and_nesting_refused, nothing),
		cmocka_unit_test_setup(test_guest_options, nothing),
		cmocka_unit_test_setup(test_guest_option_limits, nothing),
		cmocka_unit_test_setup(test_manager_refused, nothing),
		cmocka_unit_test_setup(test_bootargs_refused, nothing),
		cmocka_unit_test_setup(test_guest_compatible_refused, nothing),
		cmocka_unit_test_setup(test_guest_entry_refused, nothing),
		cmocka_unit_test_setup(test_pci_group, nothing),
		cmocka_unit_test_setup(test_pci_group_refused, nothing),
		cmocka_unit_test_setup(test_not_a_config, nothing),
		cmocka_unit_test_setup(test_bad_header, nothing),
		cmocka_unit_test_setup(test_mmio_windows, fresh_hwtree),
		cmocka_unit_test_setup(test_mmio_weir_keeps, fresh_hwtree),
		cmocka_unit_test_setup(test_mmio_page_shared, fresh_hwtree),
		cmocka_unit_test_setup(test_mmio_pci_ranges_refused,
				       fresh_hwtree),
		cmocka_unit_test_setup(test_irqs, fresh_hwtree),
		cmocka_unit_test_setup(test_irq_shared_refused, fresh_hwtree),
		cmocka_unit_test_setup(test_irq_malformed_refused,
				       fresh_hwtree),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
