// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hardware device-tree discovery against QEMU's real ppce500 tree
 * (dumped by the build with -machine dumpdtb, path in $WEIR_QEMU_DTB),
 * and each broken variant weir must refuse with node and property.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/hwtree.h>
#include <weir/iommu_groups.h>
#include <weir/config.h>
#include "helpers/dtc.h"

static char *qemu_dtb;	/* as read from disk (1 MiB totalsize) */
static char tree[0x20000] __aligned(8);

static int load_dtb(void **state)
{
	const char *path = getenv("WEIR_QEMU_DTB");
	FILE *f;
	long n;

	assert_non_null(path);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	qemu_dtb = malloc(n);
	assert_int_equal(fread(qemu_dtb, 1, n, f), n);
	fclose(f);
	return 0;
}

static int free_dtb(void **state)
{
	free(qemu_dtb);
	return 0;
}

/* A fresh, writable compact copy of QEMU's tree for each test. */
static int fresh(void **state)
{
	assert_int_equal(fdt_copy_compact(tree, sizeof(tree), qemu_dtb), 0);
	return 0;
}

static void test_copy_compact(void **state)
{
	static char small[0x400] __aligned(8);

	/* QEMU pads its tree to 1 MiB; the compact copy fits in 128 KiB. */
	assert_true(fdt_totalsize(qemu_dtb) > sizeof(tree));
	assert_int_equal(fdt_totalsize(tree), sizeof(tree));
	assert_int_equal(fdt_copy_compact(small, sizeof(small), qemu_dtb),
			 -FDT_ERR_NOSPACE);
	memcpy(small, "not a tree", 10);
	assert_int_equal(fdt_copy_compact(tree, sizeof(tree), small),
			 -FDT_ERR_BADMAGIC);
}

/* The first property of the root, as raw big-endian words. */
static fdt32_t *first_prop(void)
{
	int off = fdt_first_property_offset(tree, 0);

	assert_true(off > 0);
	return fdt_offset_ptr_w(tree, off, 12);	/* tag, len, nameoff */
}

/*
 * Every structural fault fdt_check_tree() exists for, each in an
 * otherwise intact copy of QEMU's tree. The first two were found by
 * test/fuzz/fuzz_config: libfdt's fdt_getprop() loops for ever on the
 * wrapping length.
 */
static void test_check_tree(void **state)
{
	static char odd[0x20000 + 8] __aligned(8);
	fdt32_t *p;

	assert_int_equal(fdt_check_tree(tree), 0);

	p = first_prop();
	p[1] = cpu_to_fdt32(0xfffffff4);	/* next tag = this tag */
	assert_int_equal(fdt_check_tree(tree), -FDT_ERR_BADSTRUCTURE);
	p[1] = cpu_to_fdt32(fdt_size_dt_struct(tree));	/* past the block */
	assert_int_not_equal(fdt_check_tree(tree), 0);
	fresh(state);

	p = first_prop();
	p[2] = cpu_to_fdt32(fdt_size_dt_strings(tree));	/* name beyond strings */
	assert_int_equal(fdt_check_tree(tree), -FDT_ERR_BADOFFSET);
	fresh(state);

	p = first_prop();
	p[0] = cpu_to_fdt32(FDT_END_NODE);	/* root closes early */
	assert_int_not_equal(fdt_check_tree(tree), 0);
	p[0] = cpu_to_fdt32(0x7);		/* no such tag */
	assert_int_equal(fdt_check_tree(tree), -FDT_ERR_BADSTRUCTURE);
	fresh(state);

	/* Found by fuzzing: fdt_open_into() moved a negative size for a
	 * reservation map without terminator; here it runs into the
	 * structure block. */
	p = (fdt32_t *)(tree + fdt_off_mem_rsvmap(tree));
	p[1] = p[3] = cpu_to_fdt32(0x1000);
	assert_int_not_equal(fdt_check_tree(tree), 0);
	memcpy(odd, tree, sizeof(tree));
	assert_int_not_equal(fdt_copy_compact(tree, sizeof(tree), odd), 0);
	fresh(state);

	/* FDT_END dropped: the walk runs off the block. */
	fdt_set_size_dt_struct(tree, fdt_size_dt_struct(tree) - 4);
	assert_int_not_equal(fdt_check_tree(tree), 0);
	fresh(state);

	fdt_set_off_dt_struct(tree, fdt_off_dt_struct(tree) + 2);
	assert_int_equal(fdt_check_tree(tree), -FDT_ERR_ALIGNMENT);
	fresh(state);

	fdt_set_version(tree, 16);
	assert_int_equal(fdt_check_tree(tree), -FDT_ERR_BADVERSION);
	fresh(state);

	/* A tree at an address libfdt cannot read is refused. */
	memcpy(odd + 4, tree, fdt_off_dt_strings(tree) + fdt_size_dt_strings(tree));
	assert_int_equal(fdt_check_tree(odd + 4), -FDT_ERR_ALIGNMENT);
	assert_int_equal(fdt_copy_compact(tree, sizeof(tree), odd + 4),
			 -FDT_ERR_ALIGNMENT);
	fresh(state);

	/* fdt_copy_compact() checks what it copied. */
	p = first_prop();
	p[1] = cpu_to_fdt32(0xfffffff4);
	memcpy(odd, tree, sizeof(tree));
	assert_int_equal(fdt_copy_compact(tree, sizeof(tree), odd),
			 -FDT_ERR_BADSTRUCTURE);
}

static void test_qemu_tree(void **state)
{
	struct hw_info hw;
	struct dt_error err;

	memset(&hw, 0, sizeof(hw));
	assert_int_equal(hw_find_console(tree, &hw, &err), 0);
	assert_int_equal(hw.uart_phys, 0xfe0004500ULL);
	assert_int_equal(hw_parse(tree, &hw, &err), 0);
	assert_string_equal(hw.model, "QEMU ppce500");
	assert_int_equal(hw.ncpus, 2);
	assert_int_equal(hw.tb_freq, 400000000);
	assert_int_equal(hw.nram, 1);
	assert_int_equal(hw.ram[0].base, 0);
	assert_int_equal(hw.ram_total, 1ULL << 30);
	assert_int_equal(hw.ccsr_phys, 0xfe0000000ULL);
	assert_int_equal(hw.ccsr_size, 0x100000);
}

static void test_reg_translation(void **state)
{
	int node = fdt_path_offset(tree, "/soc@fe0000000/serial@4500");
	int soc = fdt_path_offset(tree, "/soc@fe0000000");
	phys_addr_t a;
	u64 size;

	assert_int_equal(fdt_reg_phys(tree, node, 0, &a, &size), 0);
	assert_int_equal(a, 0xfe0004500ULL);
	assert_int_equal(size, 0x100);
	assert_int_equal(fdt_reg_phys(tree, node, 1, &a, &size), -ENOENT);
	/* Without "ranges" the soc bus is not memory-mapped. */
	assert_int_equal(fdt_delprop(tree, soc, "ranges"), 0);
	node = fdt_path_offset(tree, "/soc@fe0000000/serial@4500"); /* moved */
	assert_int_equal(fdt_reg_phys(tree, node, 0, &a, &size), -ERANGE);
}

/*
 * "reg" through three nested buses, two of them with non-identity
 * "ranges" and a sibling subtree before them (fdt_reg_phys() finds the
 * ancestors in one walk: a wrong ancestor would pick the sibling's
 * ranges), and the refusals at each level.
 */
static const char nested_dts[] =
	"/dts-v1/; / { #address-cells = <2>; #size-cells = <1>;\n"
	"  other { #address-cells = <1>; #size-cells = <1>;\n"
	"    ranges = <0x0 0x0 0x80000000 0x1000>; x@0 { reg = <0 4>; }; };\n"
	"  soc { #address-cells = <1>; #size-cells = <1>;\n"
	"    ranges = <0x0 0xf 0xe0000000 0x100000>;\n"
	"    bus@40000 { #address-cells = <1>; #size-cells = <1>;\n"
	"      ranges = <0x0 0x40000 0x1000>;\n"
	"      leaf { #address-cells = <1>; #size-cells = <1>; ranges;\n"
	"        dev@100 { reg = <0x100 0x10 0x200 0x10>; };\n"
	"        bad@2000 { reg = <0x2000 0x10>; }; }; }; }; };\n";

static void test_reg_translation_nested(void **state)
{
	phys_addr_t a;
	u64 size, bus = 0x40;
	int node;

	dtc_compile(nested_dts, tree, sizeof(tree));
	node = fdt_path_offset(tree, "/soc/bus@40000/leaf/dev@100");
	assert_int_equal(fdt_reg_phys(tree, node, 1, &a, &size), 0);
	assert_int_equal(a, 0xfe0040200ULL);
	assert_int_equal(size, 0x10);
	node = fdt_path_offset(tree, "/other/x@0");
	assert_int_equal(fdt_reg_phys(tree, node, 0, &a, NULL), 0);
	assert_int_equal(a, 0x80000000ULL);
	/* outside bus@40000's window */
	node = fdt_path_offset(tree, "/soc/bus@40000/leaf/bad@2000");
	assert_int_equal(fdt_reg_phys(tree, node, 0, &a, NULL), -ERANGE);
	/* fdt_bus_addr_phys() from an inner bus; the root is no bus */
	node = fdt_path_offset(tree, "/soc/bus@40000");
	assert_int_equal(fdt_bus_addr_phys(tree, node, &bus), 0);
	assert_int_equal(bus, 0xfe0040040ULL);
	assert_int_equal(fdt_reg_phys(tree, 0, 0, &a, NULL), -EINVAL);
	assert_int_equal(fdt_reg_phys(tree, 3, 0, &a, NULL), -EINVAL);
}

/* iommu_hw_liodn_range(): the LIODN limit and the largest LIODN under it
 * in one walk, with the "fsl,liodn-bits" node after the LIODNs. */
static void test_liodn_range(void **state)
{
	static const char dts[] =
		"/dts-v1/; / { a { fsl,liodn = <5 1023 1024>; };\n"
		"  b { fsl,liodn = <700 4095 70000>; };\n"
		"  guts { fsl,liodn-bits = <%d>; };\n"
		"  guts2 { fsl,liodn-bits = <4>; }; };\n";
	char buf[512];
	u32 limit, max;

	snprintf(buf, sizeof(buf), dts, 10);
	dtc_compile(buf, tree, sizeof(tree));
	iommu_hw_liodn_range(tree, &limit, &max);
	assert_int_equal(limit, 1023);
	assert_int_equal(max, 1023);
	/* 12 is not below 12: the default limit, the first node decides */
	snprintf(buf, sizeof(buf), dts, 12);
	dtc_compile(buf, tree, sizeof(tree));
	iommu_hw_liodn_range(tree, &limit, &max);
	assert_int_equal(limit, PLAN_LIODN_LIMIT);
	assert_int_equal(max, 4095);
	snprintf(buf, sizeof(buf), dts, 3);
	dtc_compile(buf, tree, sizeof(tree));
	iommu_hw_liodn_range(tree, &limit, &max);
	assert_int_equal(limit, 7);
	assert_int_equal(max, 5);
}

static void expect_error(const char *node, const char *prop, const char *msg_part)
{
	struct hw_info hw;
	struct dt_error err;

	memset(&hw, 0, sizeof(hw));
	assert_int_equal(hw_parse(tree, &hw, &err), -EINVAL);
	assert_string_equal(err.node, node);
	assert_string_equal(err.prop, prop);
	assert_non_null(strstr(err.msg, msg_part));
}

static void test_no_memory(void **state)
{
	assert_int_equal(fdt_del_node(tree, fdt_path_offset(tree, "/memory")), 0);
	expect_error("/", "memory", "no node with device_type");
}

static void test_memory_without_reg(void **state)
{
	assert_int_equal(fdt_delprop(tree, fdt_path_offset(tree, "/memory"), "reg"), 0);
	expect_error("/memory", "reg", "missing");
}

static void test_memory_beyond_36_bits(void **state)
{
	u32 reg[4] = { cpu_to_fdt32(0x10), 0, 0, cpu_to_fdt32(0x1000) };

	assert_int_equal(fdt_setprop(tree, fdt_path_offset(tree, "/memory"), "reg",
				     reg, sizeof(reg)), 0);
	expect_error("/memory", "reg", "beyond the 36-bit");
}

static void test_ccsr_beyond_36_bits(void **state)
{
	u32 ranges[4] = { 0, cpu_to_fdt32(0x10), cpu_to_fdt32(0xe0000000),
			  cpu_to_fdt32(0x100000) };

	assert_int_equal(fdt_setprop(tree, fdt_path_offset(tree, "/soc@fe0000000"),
				     "ranges", ranges, sizeof(ranges)), 0);
	expect_error("/soc@fe0000000", "ranges", "beyond the 36-bit");
}

static void test_no_timebase(void **state)
{
	int cpu = fdt_path_offset(tree, "/cpus/PowerPC,8544@0");

	assert_true(cpu >= 0);
	assert_int_equal(fdt_delprop(tree, cpu, "timebase-frequency"), 0);
	expect_error("/cpus/PowerPC,8544@0", "timebase-frequency", "missing");
}

static void test_console_fallback(void **state)
{
	int chosen = fdt_path_offset(tree, "/chosen");
	struct hw_info hw;
	struct dt_error err;

	assert_int_equal(fdt_delprop(tree, chosen, "stdout-path"), 0);
	assert_int_equal(fdt_delprop(tree, chosen, "linux,stdout-path"), 0);
	memset(&hw, 0, sizeof(hw));
	assert_int_equal(hw_find_console(tree, &hw, &err), -ENODEV);
	assert_string_equal(err.node, "/chosen");
	assert_string_equal(err.prop, "stdout-path");
	assert_int_equal(hw.uart_phys, 0xfe0004500ULL);	/* the fallback */
	/* No ns16550 at all: nothing to print on. */
	assert_int_equal(fdt_del_node(tree, fdt_path_offset(tree,
				"/soc@fe0000000/serial@4500")), 0);
	while (fdt_node_offset_by_compatible(tree, -1, "ns16550") >= 0)
		assert_int_equal(fdt_del_node(tree,
			fdt_node_offset_by_compatible(tree, -1, "ns16550")), 0);
	assert_int_equal(hw_find_console(tree, &hw, &err), -ENOENT);
}

static void test_bootargs(void **state)
{
	char v[16];

	assert_int_equal(bootargs_get("a=1 config-addr=0x4000000 b", "config-addr",
				      v, sizeof(v)), 9);
	assert_string_equal(v, "0x4000000");
	assert_int_equal(bootargs_get("xconfig-addr=1", "config-addr", v, sizeof(v)),
			 -ENOENT);
	assert_int_equal(bootargs_get("config-addr", "config-addr", v, sizeof(v)),
			 -ENOENT);
	assert_int_equal(bootargs_get("k=0123456789abcdefXYZ", "k", v, sizeof(v)), 15);
	assert_string_equal(v, "0123456789abcde");
	assert_int_equal(bootargs_get("", "k", v, sizeof(v)), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_copy_compact, fresh),
		cmocka_unit_test_setup(test_check_tree, fresh),
		cmocka_unit_test_setup(test_qemu_tree, fresh),
		cmocka_unit_test_setup(test_reg_translation, fresh),
		cmocka_unit_test(test_reg_translation_nested),
		cmocka_unit_test(test_liodn_range),
		cmocka_unit_test_setup(test_no_memory, fresh),
		cmocka_unit_test_setup(test_memory_without_reg, fresh),
		cmocka_unit_test_setup(test_memory_beyond_36_bits, fresh),
		cmocka_unit_test_setup(test_ccsr_beyond_36_bits, fresh),
		cmocka_unit_test_setup(test_no_timebase, fresh),
		cmocka_unit_test_setup(test_console_fallback, fresh),
		cmocka_unit_test(test_bootargs),
	};

	return cmocka_run_group_tests(tests, load_dtb, free_dtb);
}
