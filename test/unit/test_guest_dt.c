// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest device tree built from QEMU's real ppce500 tree: every node
 * and property a Linux 6.1 corenet "-hv" guest reads, with exact values;
 * nothing of the hardware (no /soc, MPIC, aliases; PCI only when
 * assigned, test_pci_controller) leaks in; a too
 * small buffer or bad parameters give an error and no valid tree.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "helpers/qemu_dtb.h"
#include "helpers/dma_env.h"
#include <libfdt.h>
#include <weir/config.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/papr.h>
#include <weir/epapr.h>
#include <weir/fdt_util.h>
#include <weir/guest_dt.h>
#include <weir/msi.h>
#include <weir/vpic.h>
#include <weir/partition.h>

static char hwtree[0x20000] __aligned(8);
static struct hw_info hw;
static struct partition part;
static struct part_plan pp;
static struct guest_dt_params gp;
static char gdt[0x4000] __aligned(8);

#define HANDLE	3
#define RX_IRQ	10
#define TX_IRQ	11
#define RAM	0x10000000ULL
#define SPIN	0xfffff000ULL	/* outside guest RAM, as Topaz places it */
#define BC_PATH	"/hypervisor/handles/byte-channel@3"

static int load(void **state)
{
	load_qemu_hwtree(hwtree, sizeof(hwtree), &hw);
	/* On the target weir_entry() names the core from the PVR, because
	 * QEMU's cpu nodes say "PowerPC,8544"; do the same here. */
	snprintf(hw.cpu, sizeof(hw.cpu), "e500mc");
	return 0;
}

/* A two-vCPU partition "linux" on core 0, console handle 3, irqs 10/11. */
static int defaults(void **state)
{
	memset(&part, 0, sizeof(part));
	part.id = 1;
	snprintf(part.name, sizeof(part.name), "linux");
	part.ram_phys = 0x10000000;
	part.ram_size = RAM;
	memset(&pp, 0, sizeof(pp));
	pp.cpu_mask = 0x1;
	gp = (struct guest_dt_params){
		.board = "fsl,P4080DS",
		.nvcpus = 2,
		.ram_size = RAM,
		.bootargs = "console=ttyEHV0 root=/dev/ram0",
		.console_handle = HANDLE,
		.console_rx_irq = RX_IRQ,
		.console_tx_irq = TX_IRQ,
		.pic_cells = 2,
		.spin_table_gpa = SPIN,
		.hv_version = "weir test-1",
	};
	memset(gdt, 0xa5, sizeof(gdt));
	return 0;
}

static int build(size_t size, struct dt_error *err)
{
	return guest_dt_build(hwtree, &hw, &part, &pp, &gp, gdt, size, err);
}

static void build_ok(void)
{
	struct dt_error err;
	char line[300];
	int ret = build(sizeof(gdt), &err);

	if (ret)
		fail_msg("guest_dt_build: %d: %s", ret,
			 dt_error_str(&err, line, sizeof(line)));
	assert_int_equal(fdt_check_header(gdt), 0);
}

static int node(const char *path)
{
	int n = fdt_path_offset(gdt, path);

	if (n < 0)
		fail_msg("%s: %s", path, fdt_strerror(n));
	return n;
}

/* Property @name of @path has exactly these bytes. */
static void expect_bytes(const char *path, const char *name,
			 const void *val, int len)
{
	int got;
	const void *p = fdt_getprop(gdt, node(path), name, &got);

	if (!p)
		fail_msg("%s: '%s' missing", path, name);
	if (got != len || memcmp(p, val, len))
		fail_msg("%s: '%s' differs (%d bytes, expected %d)", path,
			 name, got, len);
}

static void expect_str(const char *path, const char *name, const char *s)
{
	expect_bytes(path, name, s, (int)strlen(s) + 1);
}

static void expect_cells(const char *path, const char *name, int n, ...)
{
	fdt32_t cells[8];
	va_list ap;
	int i;

	assert_true(n <= 8);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(va_arg(ap, unsigned int));
	va_end(ap);
	expect_bytes(path, name, cells, n * 4);
}

static void expect_absent(const char *path, const char *name)
{
	if (fdt_getprop(gdt, node(path), name, NULL))
		fail_msg("%s: '%s' should not be there", path, name);
}

static void test_root(void **state)
{
	static const char compat[] = "fsl,P4080DS-hv";
	const char *model;

	build_ok();
	expect_bytes("/", "compatible", compat, sizeof(compat));
	expect_cells("/", "#address-cells", 1, 2);
	expect_cells("/", "#size-cells", 1, 2);
	expect_str("/", "epapr-version", "ePAPR-1.1");
	model = fdt_getprop(gdt, 0, "model", NULL);
	assert_non_null(model);
	assert_non_null(strstr(model, "linux"));
	assert_int_equal(fdt_boot_cpuid_phys(gdt), 0);
	/* Spin table outside guest RAM: nothing to reserve. */
	assert_int_equal(fdt_num_mem_rsv(gdt), 0);
}

static void test_memory(void **state)
{
	build_ok();
	expect_str("/memory", "device_type", "memory");
	expect_cells("/memory", "reg", 4, 0, 0, 0, (unsigned int)RAM);
}

static void test_cpus(void **state)
{
	int cpus, n, count = 0;

	build_ok();
	cpus = node("/cpus");
	expect_cells("/cpus", "#address-cells", 1, 1);
	expect_cells("/cpus", "#size-cells", 1, 0);
	fdt_for_each_subnode(n, gdt, cpus) {
		const char *t = fdt_getprop(gdt, n, "device_type", NULL);

		assert_non_null(t);
		assert_string_equal(t, "cpu");
		count++;
	}
	assert_int_equal(count, 2);

	expect_cells("/cpus/cpu@0", "reg", 1, 0);
	expect_str("/cpus/cpu@0", "compatible", "fsl,e500mc");
	expect_str("/cpus/cpu@0", "status", "okay");
	expect_absent("/cpus/cpu@0", "enable-method");
	expect_absent("/cpus/cpu@0", "cpu-release-addr");
	/* Copied from QEMU's PowerPC,8544@0. */
	expect_cells("/cpus/cpu@0", "timebase-frequency", 1, 400000000);
	expect_cells("/cpus/cpu@0", "clock-frequency", 1, 400000000);
	expect_cells("/cpus/cpu@0", "bus-frequency", 1, 0);
	expect_cells("/cpus/cpu@0", "d-cache-line-size", 1, 64);
	expect_cells("/cpus/cpu@0", "i-cache-line-size", 1, 64);
	expect_cells("/cpus/cpu@0", "d-cache-size", 1, 0x8000);
	expect_cells("/cpus/cpu@0", "i-cache-size", 1, 0x8000);

	expect_cells("/cpus/cpu@1", "reg", 1, 1);
	expect_str("/cpus/cpu@1", "device_type", "cpu");
	expect_str("/cpus/cpu@1", "status", "disabled");
	expect_str("/cpus/cpu@1", "enable-method", "spin-table");
	expect_cells("/cpus/cpu@1", "cpu-release-addr", 2, 0,
		     (unsigned int)(SPIN + 32));
	expect_cells("/cpus/cpu@1", "timebase-frequency", 1, 400000000);
	/* Not the hardware's own spin table at 0xf_ef00_0020. */
	expect_absent("/cpus/cpu@1", "next-level-cache");
}

static void test_chosen_and_console(void **state)
{
	const char *path;
	int bc;

	build_ok();
	expect_str("/chosen", "bootargs", "console=ttyEHV0 root=/dev/ram0");
	path = fdt_getprop(gdt, node("/chosen"), "stdout-path", NULL);
	assert_non_null(path);
	assert_string_equal(path, BC_PATH);
	bc = fdt_path_offset(gdt, path);
	assert_true(bc >= 0);
	assert_int_equal(fdt_node_check_compatible(gdt, bc,
						   "epapr,hv-byte-channel"), 0);
	/* The only byte channel is the one stdout-path names. */
	assert_int_equal(fdt_node_offset_by_compatible(gdt, -1,
				"epapr,hv-byte-channel"), bc);
	expect_str(BC_PATH, "compatible", "epapr,hv-byte-channel");
	expect_cells(BC_PATH, "hv-handle", 1, HANDLE);
	expect_cells(BC_PATH, "interrupts", 4, RX_IRQ, 2, TX_IRQ, 2);
}

static void test_pic_linkage(void **state)
{
	const fdt32_t *ip;
	int pic, len;

	build_ok();
	ip = fdt_getprop(gdt, 0, "interrupt-parent", &len);
	assert_non_null(ip);
	assert_int_equal(len, 4);
	pic = fdt_node_offset_by_phandle(gdt, fdt32_to_cpu(*ip));
	assert_true(pic >= 0);
	assert_int_equal(fdt_get_phandle(gdt, pic), fdt32_to_cpu(*ip));
	/* ehv_pic_init() looks it up by compatible: it must be this one. */
	assert_int_equal(fdt_node_offset_by_compatible(gdt, -1, "epapr,hv-pic"),
			 pic);
	assert_non_null(fdt_getprop(gdt, pic, "interrupt-controller", &len));
	assert_int_equal(len, 0);
	/* (fdt_address_cells() refuses 0, so read the property itself.) */
	ip = fdt_getprop(gdt, pic, "#address-cells", &len);
	assert_non_null(ip);
	assert_int_equal(len, 4);
	assert_int_equal(fdt32_to_cpu(*ip), 0);
	ip = fdt_getprop(gdt, pic, "#interrupt-cells", &len);
	assert_non_null(ip);
	assert_int_equal(fdt32_to_cpu(*ip), 2);
	/* The byte channel has no interrupt-parent of its own: it inherits
	 * the root's, i.e. the vPIC. */
	expect_absent(BC_PATH, "interrupt-parent");
	expect_absent("/hypervisor/handles", "interrupt-parent");
	expect_absent("/hypervisor", "interrupt-parent");
}

static void test_hypervisor(void **state)
{
	static const char compat[] = "weir,hypervisor-1\0epapr,hypervisor-1";
	int len;

	build_ok();
	expect_bytes("/hypervisor", "compatible", compat, sizeof(compat));
	expect_cells("/hypervisor", "hcall-instructions", 1, EPAPR_HCALL_INSN);
	expect_cells("/hypervisor", "hcall-instructions", 1, 0x44000022);
	expect_str("/hypervisor", "fsl,hv-version", "weir test-1");
	expect_cells("/hypervisor", "guest-id", 1, 1);
	expect_str("/hypervisor", "guest-name", "linux");
	assert_non_null(fdt_getprop(gdt, node("/hypervisor"), "has-idle", &len));
	assert_int_equal(len, 0);
}

/* Every node there is, and nothing else: no hardware leaks in. */
static void test_nothing_else(void **state)
{
	static const char *const allowed[] = {
		"/", "/cpus", "/cpus/cpu@0", "/cpus/cpu@1", "/memory",
		"/chosen", "/hypervisor", "/hypervisor/handles", BC_PATH,
		"/hypervisor/handles/interrupt-controller",
		"/hypervisor/handles/guest-error-queue@1",
	};
	char path[128];
	unsigned int i, seen = 0;
	int n;

	build_ok();
	for (n = 0; n >= 0; n = fdt_next_node(gdt, n, NULL)) {
		assert_int_equal(fdt_get_path(gdt, n, path, sizeof(path)), 0);
		for (i = 0; i < ARRAY_SIZE(allowed); i++)
			if (!strcmp(path, allowed[i]))
				break;
		if (i == ARRAY_SIZE(allowed))
			fail_msg("unexpected node %s", path);
		seen++;
	}
	assert_int_equal(seen, ARRAY_SIZE(allowed));
	assert_int_equal(fdt_path_offset(gdt, "/soc@fe0000000"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(gdt, "/aliases"), -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_compatible(gdt, -1, "fsl,mpic"),
			 -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_prop_value(gdt, -1, "device_type",
						       "open-pic", 9),
			 -FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_compatible(gdt, -1, "ns16550"),
			 -FDT_ERR_NOTFOUND);
	/* Hardware phandles (MPIC 0x8003) are nowhere. */
	assert_int_equal(fdt_node_offset_by_phandle(gdt, 0x8003),
			 -FDT_ERR_NOTFOUND);
}

static void test_variants(void **state)
{
	int len;

	/* One cell per interrupt, no bootargs, no spin table. */
	gp.pic_cells = 1;
	gp.bootargs = NULL;
	gp.spin_table_gpa = 0;
	build_ok();
	expect_cells(BC_PATH, "interrupts", 2, RX_IRQ, TX_IRQ);
	expect_cells("/hypervisor/handles/interrupt-controller",
		     "#interrupt-cells", 1, 1);
	expect_absent("/chosen", "bootargs");
	/* Disabled without a spin table: Linux does not count it present. */
	expect_str("/cpus/cpu@1", "status", "disabled");
	expect_absent("/cpus/cpu@1", "enable-method");
	expect_absent("/cpus/cpu@1", "cpu-release-addr");

	/* One vCPU: one cpu node. */
	defaults(state);
	gp.nvcpus = 1;
	build_ok();
	assert_int_equal(fdt_path_offset(gdt, "/cpus/cpu@1"), -FDT_ERR_NOTFOUND);

	/* Spin table inside guest RAM: reserved from the guest. */
	defaults(state);
	gp.nvcpus = 4;
	gp.spin_table_gpa = 0x1000;
	build_ok();
	expect_cells("/cpus/cpu@3", "cpu-release-addr", 2, 0, 0x1000 + 3 * 32);
	assert_int_equal(fdt_num_mem_rsv(gdt), 1);
	{
		u64 addr, size;

		assert_int_equal(fdt_get_mem_rsv(gdt, 0, &addr, &size), 0);
		assert_int_equal(addr, 0x1000);
		assert_int_equal(size, 4 * 32);
	}

	/* The longest board Linux matches: 20 characters. */
	defaults(state);
	gp.board = "fsl,ABCDEFGHIJKLMNOP";
	assert_int_equal(strlen(gp.board), GUEST_DT_BOARD_MAX);
	build_ok();
	expect_str("/", "compatible", "fsl,ABCDEFGHIJKLMNOP-hv");
	assert_true(fdt_getprop(gdt, 0, "compatible", &len) != NULL);
	assert_true(len <= 24);	/* Linux's hv_compat[24] */
}

static void test_no_space(void **state)
{
	struct dt_error err;
	int need, ret;
	size_t sizes[4];
	unsigned int i;

	build_ok();
	need = fdt_totalsize(gdt);
	/* Exactly enough is enough. */
	assert_int_equal(build(need, &err), 0);
	assert_int_equal(fdt_check_header(gdt), 0);
	sizes[0] = need - 1;
	sizes[1] = need / 2;
	sizes[2] = 64;
	sizes[3] = 8;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* A valid tree is in the buffer before each attempt. */
		build_ok();
		memset(&err, 0, sizeof(err));
		ret = build(sizes[i], &err);
		if (ret != -ENOSPC)
			fail_msg("size %zu: %d, expected -ENOSPC", sizes[i], ret);
		assert_int_not_equal(fdt_check_header(gdt), 0);
		assert_non_null(strstr(err.msg, "does not fit"));
	}
}

static void expect_einval(const char *node, const char *prop,
			  const char *msg_part)
{
	struct guest_dt_params bad = gp;
	struct dt_error err;
	char line[300];

	/* A valid (stale) tree is in the buffer before the bad call. */
	defaults(NULL);
	build_ok();
	gp = bad;
	memset(&err, 0, sizeof(err));
	assert_int_equal(build(sizeof(gdt), &err), -EINVAL);
	assert_int_not_equal(fdt_check_header(gdt), 0);
	dt_error_str(&err, line, sizeof(line));
	assert_string_equal(err.node, node);
	assert_string_equal(err.prop, prop);
	if (!strstr(err.msg, msg_part))
		fail_msg("\"%s\" lacks \"%s\"", line, msg_part);
	defaults(NULL);
}

static void test_bad_params(void **state)
{
	/* 21 characters: Linux would truncate "<board>-hv" and never match. */
	defaults(state);
	gp.board = "fsl,ABCDEFGHIJKLMNOPQ";
	expect_einval("/", "compatible", "fsl,ABCDEFGHIJKLMNOPQ");
	gp.board = "fsl,T1042RDB_PI-with-a-long-suffix";
	expect_einval("/", "compatible", "has 34 characters");
	gp.board = NULL;
	expect_einval("/", "compatible", "no board");
	gp.board = "";
	expect_einval("/", "compatible", "no board");
	gp.nvcpus = 0;
	expect_einval("/cpus", "", "0 vCPUs");
	gp.nvcpus = PARTITION_MAX_VCPUS + 1;
	expect_einval("/cpus", "", "9 vCPUs");
	gp.ram_size = 0;
	expect_einval("/memory", "reg", "not a non-zero 4 KiB multiple");
	gp.ram_size = RAM + 0x800;
	expect_einval("/memory", "reg", "not a non-zero 4 KiB multiple");
	gp.ram_size = RAM * 2;
	expect_einval("/memory", "reg", "exceeds the partition's");
	gp.pic_cells = 3;
	expect_einval("/hypervisor/handles/interrupt-controller",
		      "#interrupt-cells", "3 cells");
	gp.console_tx_irq = RX_IRQ;
	expect_einval(BC_PATH, "interrupts", "share irq 10");
	gp.console_rx_irq = GUEST_DT_MAX_IRQ;
	expect_einval(BC_PATH, "interrupts", "beyond the vPIC");
	gp.spin_table_gpa = 0x1004;
	expect_einval("/cpus", "cpu-release-addr", "not 8-byte aligned");
	gp.hv_version = NULL;
	expect_einval("/hypervisor", "fsl,hv-version", "no version");
}

/* DMA groups: a node per group the partition owns (and none of another
 * partition's), its default window, DDW tokens, MSI range, /rtas, and
 * the global error queue only for a manager. */
static void test_dma_nodes(void **state)
{
	struct sandbox_iommu *f = sandbox_iommu_new(256);
	struct partition other = { .id = 2 };
	struct dma_group_config c;
	struct dma_group *g1, *g2;

	dma_group_config_init(&c);
	c.index = 3;
	c.buid = 0x123456789ULL;
	c.liodns[0] = 7;
	c.nr_liodns = 1;
	assert_int_equal(dma_group_create(&c, &part, &f->mmu, &g1), 0);
	snprintf(g1->path, sizeof(g1->path), "/dma-engine@7");
	assert_int_equal(dma_engine_add(g1), 0);
	c.index = 4;
	c.liodns[0] = 8;
	c.ddw_page_mask = 0;
	c.msi_len = 0;
	c.default_size = SZ_1M;
	assert_int_equal(dma_group_create(&c, &other, &f->mmu, &g2), 0);
	snprintf(g2->path, sizeof(g2->path), "/other@8");
	part.manager = true;

	build_ok();
	expect_str("/dma-engine@7", "compatible", "weir,dma-engine");
	expect_cells("/dma-engine@7", "fsl,hv-dma-handle", 1, DMA_HANDLE(3));
	expect_cells("/dma-engine@7", "weir,iommu-group", 1, 3);
	expect_cells("/dma-engine@7", "ibm,#dma-address-cells", 1, 2);
	expect_cells("/dma-engine@7", "ibm,#dma-size-cells", 1, 2);
	expect_cells("/dma-engine@7", "ibm,dma-window", 5,
		     DMA_LIOBN(3, DMA_WIN_DEFAULT), 0, 0, 0, SZ_1G);
	expect_cells("/dma-engine@7", "ibm,ddw-applicable", 3,
		     PAPR_RTAS_QUERY_PE_DMA_WINDOW,
		     PAPR_RTAS_CREATE_PE_DMA_WINDOW,
		     PAPR_RTAS_REMOVE_PE_DMA_WINDOW);
	expect_cells("/dma-engine@7", "ibm,ddw-extensions", 3, 2,
		     PAPR_RTAS_RESET_PE_DMA_WINDOW, 1);
	expect_cells("/dma-engine@7", "weir,buid", 2, 1, 0x23456789);
	expect_cells("/dma-engine@7", "weir,dma-page-shift", 1, 12);
	expect_cells("/dma-engine@7", "weir,dma-max-tces", 2, 0, 0x40000);
	expect_cells("/dma-engine@7", "weir,dma-subwindows", 1, 256);
	expect_str("/dma-engine@7", "weir,dma-reflection", "bounded");
	expect_cells("/dma-engine@7", "weir,msi-window", 4, 0, 0x8000000, 0,
		     0x100000);
	expect_absent("/dma-engine@7", "msi-address-64");	/* no bank */
	expect_cells("/rtas", "ibm,query-pe-dma-window", 1, 0x7701);
	expect_cells("/rtas", "weir,rtas-hcall", 1, 0x3f000);
	expect_bytes("/rtas", "ibm,hypertas-functions",
		     "hcall-tce\0hcall-multi-tce",
		     sizeof("hcall-tce\0hcall-multi-tce"));
	expect_cells("/hypervisor/handles/guest-error-queue@1", "hv-handle", 1, 1);
	expect_cells("/hypervisor/handles/guest-error-queue@1", "interrupts",
		     2, 514, 2);
	expect_cells("/hypervisor/handles/global-error-queue@2", "hv-handle", 1, 2);
	assert_int_equal(fdt_path_offset(gdt, "/other@8"), -FDT_ERR_NOTFOUND);

	/* the other partition's view: exact 1 MiB window, no DDW, no MSI */
	g2->owner = &part;
	g1->owner = &other;
	part.manager = false;
	build_ok();
	assert_int_equal(fdt_path_offset(gdt, "/dma-engine@7"), -FDT_ERR_NOTFOUND);
	expect_str("/other@8", "compatible", "weir,dma-group");
	expect_str("/other@8", "weir,dma-reflection", "exact");
	expect_cells("/other@8", "weir,dma-subwindows", 1, 256);
	expect_absent("/other@8", "ibm,ddw-applicable");
	expect_absent("/other@8", "weir,msi-window");
	assert_int_equal(fdt_path_offset(gdt, "/hypervisor/handles/global-error-queue@2"),
			 -FDT_ERR_NOTFOUND);
	dma_group_destroy(g1);
	dma_group_destroy(g2);
	sandbox_iommu_free(f);
}

/*
 * An assigned PCI controller (doc/passthrough.md, "The guest tree"):
 * QEMU's root-level fsl,mpc8540-pci copied below a simple-bus (Linux
 * corenet_generic publishes only root children on its list), reg, ranges
 * and bus-range unchanged (guest-physical = real), none of the hardware's
 * interrupt or MSI phandles; without sources in the plan an empty
 * interrupt-map (INTx unrouted), with them each hardware entry whose
 * MPIC source the partition owns rewritten to <devfn 0 0 pin vPIC-phandle
 * virq sense>, the others dropped. A controller whose parent does not
 * map 1:1 is refused.
 */
#define GPCI "/passthrough/pci@fe0008000"

/* With MPIC sources 1 and 3 in the plan: their INTx entries rewritten. */
static void check_intx_map(int hwpci)
{
	const fdt32_t *hm, *gm;
	int hlen, glen, h, g = 0, kept = 0, k;

	pp.irq[0] = (struct part_irq){ .src = 1, .sense = 1,
				       .virq = VPIC_IRQ_HW(0) };
	pp.irq[1] = (struct part_irq){ .src = 3, .sense = 1,
				       .virq = VPIC_IRQ_HW(1) };
	pp.nirq = 2;
	build_ok();
	hm = fdt_getprop(hwtree, hwpci, "interrupt-map", &hlen);
	gm = fdt_getprop(gdt, fdt_path_offset(gdt, GPCI), "interrupt-map",
			 &glen);
	assert_non_null(hm);
	assert_non_null(gm);
	/* QEMU: <devfn 0 0 pin> &mpic <src 1>, 7 cells, no parent address */
	assert_int_equal(hlen % 28, 0);
	for (h = 0; h < hlen / 4; h += 7) {
		u32 src = fdt32_to_cpu(hm[h + 5]);

		if (src != 1 && src != 3)
			continue;
		kept++;
		for (k = 0; k < 4; k++)
			assert_int_equal(fdt32_to_cpu(gm[g + k]),
					 fdt32_to_cpu(hm[h + k]));
		assert_int_equal(fdt32_to_cpu(gm[g + 4]), GUEST_DT_PIC_PHANDLE);
		assert_int_equal(fdt32_to_cpu(gm[g + 5]),
				 src == 1 ? VPIC_IRQ_HW(0) : VPIC_IRQ_HW(1));
		assert_int_equal(fdt32_to_cpu(gm[g + 6]), 1);
		g += 7;
	}
	assert_true(kept >= 2);
	assert_int_equal(glen, g * 4);
	pp.nirq = 0;
}
static void test_pci_controller(void **state)
{
	static char hw2[sizeof(hwtree)] __aligned(8);
	int hwpci = fdt_path_offset(hwtree, "/pci@fe0008000");
	static const char *const same[] = { "reg", "ranges", "bus-range",
					    "compatible", "device_type",
					    "interrupt-map-mask",
					    "#address-cells", "#size-cells",
					    "#interrupt-cells" };
	static const char *const gone[] = { "interrupts", "interrupt-parent",
					    "fsl,msi", "phandle" };
	struct dt_error err;
	const void *v;
	unsigned int i;
	int len, bus, plat;

	assert_true(hwpci >= 0);
	pp.hw_dev[0] = hwpci;
	pp.ndev = 1;
	build_ok();
	expect_str("/passthrough", "compatible", "simple-bus");
	expect_cells("/passthrough", "#address-cells", 1, 2);
	expect_cells("/passthrough", "#size-cells", 1, 2);
	expect_bytes("/passthrough", "ranges", "", 0);
	for (i = 0; i < ARRAY_SIZE(same); i++) {
		v = fdt_getprop(hwtree, hwpci, same[i], &len);
		assert_non_null(v);
		expect_bytes(GPCI, same[i], v, len);
	}
	expect_bytes(GPCI, "interrupt-map", "", 0);
	check_intx_map(hwpci);
	for (i = 0; i < ARRAY_SIZE(gone); i++)
		expect_absent(GPCI, gone[i]);
	/* the root's interrupt parent (the vPIC) is the only one */
	assert_int_equal(fdt_node_offset_by_compatible(gdt, -1, "fsl,mpic"),
			 -FDT_ERR_NOTFOUND);

	/* the same controller kind below a bus that translates: refused */
	assert_int_equal(fdt_open_into(hwtree, hw2, sizeof(hw2)), 0);
	plat = fdt_path_offset(hw2, "/platform@f00000000");
	assert_true(plat >= 0);
	bus = fdt_add_subnode(hw2, plat, "pci@1000");
	assert_true(bus >= 0);
	assert_int_equal(fdt_setprop_string(hw2, bus, "device_type", "pci"), 0);
	pp.hw_dev[0] = bus;
	assert_int_equal(guest_dt_build(hw2, &hw, &part, &pp, &gp, gdt,
					sizeof(gdt), &err),
			 -EINVAL);
	assert_string_equal(err.node, "/platform@f00000000/pci@1000");
	assert_string_equal(err.prop, "reg");
	assert_int_not_equal(fdt_check_header(gdt), 0);
}

/*
 * The controller's MSIs (doc/passthrough.md): with an MSI bank and the
 * hose's group (BUID = the controller's register base) the controller
 * gets "msi-address-64" = the doorbell IOVA (Linux fsl_msi.c
 * fsl_compose_msi_msg() reads it there); an identity group's node says
 * so and offers no TCE window. Without a bank: no msi-address-64.
 */
static void test_pci_msi_identity(void **state)
{
	static u32 regs[0x200 / 4];
	static struct vpic pic;
	struct sandbox_iommu *f = sandbox_iommu_new(256);
	struct msi_bank_desc d = { .phys = 0xfe0041600ULL,
				    .doorbell = 0xfe0041740ULL };
	struct dma_group_config c;
	struct dma_group *grp;

	pp.hw_dev[0] = fdt_path_offset(hwtree, "/pci@fe0008000");
	pp.ndev = 1;
	dma_group_config_init(&c);
	c.index = 2;
	c.buid = 0xfe0008000ULL;
	c.liodns[0] = 9;
	c.nr_liodns = 1;
	c.identity = true;
	c.identity_phys = part.ram_phys;
	c.identity_size = RAM;
	c.default_size = 2 * RAM;
	c.msi_iova = RAM;
	assert_int_equal(dma_group_create(&c, &part, &f->mmu, &grp), 0);
	snprintf(grp->path, sizeof(grp->path), "/pci@fe0008000");
	build_ok();
	expect_absent(GPCI, "msi-address-64");	/* no bank */
	dma_group_destroy(grp);

	assert_int_equal(vpic_init(&pic, &part), 0);
	part.pic = &pic;
	assert_int_equal(msi_bank_add(&part, &d, regs, &regs[0x140 / 4]), 0);
	c.has_doorbell = true;
	c.doorbell_phys = 0xfe0041000ULL;
	c.doorbell_size = SZ_4K;
	assert_int_equal(dma_group_create(&c, &part, &f->mmu, &grp), 0);
	snprintf(grp->path, sizeof(grp->path), "/pci@fe0008000");
	build_ok();
	expect_cells(GPCI, "msi-address-64", 2, 0, 0x10000740);
	expect_str("/pci@fe0008000", "weir,dma-window-type", "identity");
	expect_cells("/pci@fe0008000", "weir,dma-window-size", 2, 0, 0x20000000);
	expect_cells("/pci@fe0008000", "msi-address-64", 2, 0, 0x10000740);
	expect_absent("/pci@fe0008000", "ibm,dma-window");
	expect_str("/passthrough/msi", "compatible", "fsl,vmpic-msi");
	dma_group_destroy(grp);
	msi_reset_all();
	part.pic = NULL;
	sandbox_iommu_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_root, defaults),
		cmocka_unit_test_setup(test_memory, defaults),
		cmocka_unit_test_setup(test_cpus, defaults),
		cmocka_unit_test_setup(test_chosen_and_console, defaults),
		cmocka_unit_test_setup(test_pic_linkage, defaults),
		cmocka_unit_test_setup(test_hypervisor, defaults),
		cmocka_unit_test_setup(test_nothing_else, defaults),
		cmocka_unit_test_setup(test_dma_nodes, defaults),
		cmocka_unit_test_setup(test_variants, defaults),
		cmocka_unit_test_setup(test_no_space, defaults),
		cmocka_unit_test_setup(test_bad_params, defaults),
		cmocka_unit_test_setup(test_pci_controller, defaults),
		cmocka_unit_test_setup(test_pci_msi_identity, defaults),
	};

	return cmocka_run_group_tests(tests, load, NULL);
}
