// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOMMU groups and LIODNs (hv/iommu/groups.c, hv/iommu/hw.c,
 * hv/config/dma.c) on a small synthetic QorIQ-like hardware tree: a
 * PCIe controller without endpoint partitioning (P4080's v2.1), one with
 * it (T4240's v3.0), SoC DMA masters with one and two LIODNs, a PAMU.
 * Every refusal names the config node and property and leaves no plan.
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
#include "helpers/dtc.h"
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/alloc.h>
#include <weir/iommu.h>
#include <weir/iommu_boot.h>
#include <weir/iommu_groups.h>

#define SOC "/soc@ffe000000"
#define HOSE "/pcie@ffe200000"		/* v2.1: one group per hose */
#define PART "/pcie@ffe240000"		/* v3.0: endpoint partitioning */

static const char hw_dts[] =
	"/dts-v1/;\n"
	"/ { #address-cells = <2>; #size-cells = <2>; model = \"synthetic\";\n"
	" cpus { #address-cells = <1>; #size-cells = <0>;\n"
	"  cpu@0 { device_type = \"cpu\"; reg = <0>; timebase-frequency = <100000000>; };\n"
	"  cpu@1 { device_type = \"cpu\"; reg = <1>; };\n"
	"  cpu@2 { device_type = \"cpu\"; reg = <2>; }; };\n"
	" memory { device_type = \"memory\"; reg = <0 0 0 0x80000000>; };\n"
	" soc@ffe000000 { #address-cells = <1>; #size-cells = <1>;\n"
	"  compatible = \"simple-bus\"; ranges = <0 0xf 0xfe000000 0x1000000>;\n"
	"  iommu@20000 { compatible = \"fsl,pamu-v1.0\", \"fsl,pamu\"; reg = <0x20000 0x5000>; };\n"
	"  global-utilities@e0000 { reg = <0xe0000 0x1000>; fsl,liodn-bits = <12>; };\n"
	"  dma@100300 { reg = <0x100300 4>; fsl,liodn = <196>; #address-cells = <1>; #size-cells = <1>;\n"
	"   dma-channel@0 { reg = <0 0x80>; }; dma-channel@80 { reg = <0x80 0x80>; }; };\n"
	"  dma@101300 { reg = <0x101300 4>; fsl,liodn = <197>; };\n"
	"  crypto@300000 { reg = <0x300000 0x10000>; #address-cells = <1>; #size-cells = <1>;\n"
	"   ranges = <0 0x300000 0x10000>;\n"
	"   jr@1000 { reg = <0x1000 0x1000>; fsl,liodn = <146 154>; };\n"
	"   jr@2000 { reg = <0x2000 0x1000>; fsl,liodn = <147 155>; };\n"
	"   jr@3000 { reg = <0x3000 0x1000>; fsl,liodn = <150 158>; };\n"
	"   jr@4000 { reg = <0x4000 0x1000>; fsl,liodn = <150 158>; }; };\n"
	"  usb@210000 { reg = <0x210000 0x1000>; };\n"
	"  serial@11c500 { compatible = \"ns16550\"; reg = <0x11c500 0x100>; };\n"
	"  msi@41600 { compatible = \"fsl,mpic-msi\"; reg = <0x41600 0x200>; };\n"
	"  msi@41800 { compatible = \"fsl,mpic-msi\"; reg = <0x41800 0x200>; };\n"
	"  msi@42600 { compatible = \"fsl,mpic-msi\"; reg = <0x42600 0x200>; };\n"
	"  msi@43600 { compatible = \"fsl,mpic-msi-v4.3\"; reg = <0x43600 0x200>; };\n"
	"  msi@43800 { compatible = \"fsl,mpic-msi-v4.3\"; reg = <0x43800 0x200 0x44148 4>; };\n"
	"  msi@41a00 { compatible = \"fsl,mpic-msi\"; reg = <0x41a00 0x200 0x46140 4>; };\n"
	"  msi@41c00 { compatible = \"fsl,mpic-msi\"; reg = <0x41c00 0x200 0x47140 4>; };\n"
	"  pic@50000 { compatible = \"chrp,open-pic\"; reg = <0x50000 0x1000>; };\n"
	"  msi@48000 { compatible = \"fsl,mpic-msi\"; reg = <0x48000 0x200 0x51140 4>; }; };\n"
	" pcie@ffe200000 { compatible = \"fsl,p4080-pcie\", \"fsl,qoriq-pcie-v2.1\";\n"
	"  device_type = \"pci\"; reg = <0xf 0xfe200000 0 0x1000>; fsl,liodn = <193>;\n"
	"  pcie@0 { device_type = \"pci\"; ethernet@0 { }; nvme@1 { }; }; };\n"
	" pcie@ffe240000 { compatible = \"fsl,t4240-pcie\", \"fsl,qoriq-pcie-v3.0\";\n"
	"  device_type = \"pci\"; reg = <0xf 0xfe240000 0 0x1000>; fsl,liodn = <148>;\n"
	"  pcie@0 { device_type = \"pci\"; ep@0 { fsl,liodn = <1024>; };\n"
	"   ep@1 { fsl,liodn = <1025>; fn@0 { }; }; ep@2 { }; }; };\n"
	"};\n";

static char hwtree[0x4000] __aligned(8);
static struct hw_info hw;
static const struct hv_reserved hv = { .start = 0, .size = 0x4000000 };
static char cfg[0x4000] __aligned(8);
static struct plan plan;

static int setup(void **state)
{
	struct dt_error err;

	dtc_compile(hw_dts, hwtree, sizeof(hwtree));
	assert_int_equal(hw_parse(hwtree, &hw, &err), 0);
	assert_int_equal(hw.ncpus, 3);
	return 0;
}

/* A config of up to three partitions p1..p3 with the given children. */
static void config3(const char *p1, const char *p2, const char *p3)
{
	char dts[4096];

	snprintf(dts, sizeof(dts),
		 "/dts-v1/;\n/ { compatible = \"weir,config-1\"; partitions {\n"
		 "p1 { compatible = \"weir,partition\"; cpus = <0 1>;"
		 " guest-memory = <0 0x10000000 0 0x8000000>;"
		 " guest-image = <0 0x5000000 0 0 0 0x10000>;\n%s };\n"
		 "p2 { compatible = \"weir,partition\"; cpus = <1 1>;"
		 " guest-memory = <0 0x20000000 0 0x8000000>;"
		 " guest-image = <0 0x5000000 0 0 0 0x10000>;\n%s };\n"
		 "%s%s%s};};\n", p1, p2,
		 p3 ? "p3 { compatible = \"weir,partition\"; cpus = <2 1>;"
		      " guest-memory = <0 0x30000000 0 0x8000000>;"
		      " guest-image = <0 0x5000000 0 0 0 0x10000>;\n" : "",
		 p3 ? p3 : "", p3 ? " };\n" : "");
	dtc_compile(dts, cfg, sizeof(cfg));
}

static void config(const char *p1, const char *p2)
{
	config3(p1, p2, NULL);
}

static int parse(void)
{
	struct dt_error err;
	int ret = config_parse(cfg, hwtree, &hw, &hv, &plan, &err);

	if (ret)
		print_message("refused: %s: '%s': %s\n", err.node, err.prop, err.msg);
	return ret;
}

static void expect_refused(int ret, const char *node, const char *prop,
			   const char *m1, const char *m2)
{
	struct dt_error err;

	memset(&plan, 0xa5, sizeof(plan));
	assert_int_equal(config_parse(cfg, hwtree, &hw, &hv, &plan, &err), ret);
	assert_string_equal(err.node, node);
	assert_string_equal(err.prop, prop);
	if (!strstr(err.msg, m1))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, m1);
	if (m2 && !strstr(err.msg, m2))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, m2);
	assert_int_equal(plan.nparts, 0);	/* no half plan */
	assert_int_equal(plan.ngroups, 0);
}

static const struct group_plan *group_named(const char *name)
{
	unsigned int i;

	for (i = 0; i < plan.ngroups; i++)
		if (!strcmp(plan.group[i].name, name))
			return &plan.group[i];
	fail_msg("no group %s", name);
	return NULL;
}

static void assert_nodes(const struct group_plan *g, const char *const *paths,
			 unsigned int n)
{
	char path[128];
	unsigned int i;

	assert_int_equal(g->nnodes, n);
	for (i = 0; i < n; i++)
		assert_string_equal(fdt_path_of(hwtree, g->hw_node[i], path,
						sizeof(path)), paths[i]);
}

#define DEV(name, path, extra) name " { device = \"" path "\"; " extra " };"

/* Every kind of group, their members, LIODNs, owners, BUIDs, options. */
static void test_groups(void **state)
{
	static const char *const hose_nodes[] = {
		HOSE, HOSE "/pcie@0", HOSE "/pcie@0/ethernet@0", HOSE "/pcie@0/nvme@1",
	};
	static const char *const ctrl_nodes[] = {
		PART, PART "/pcie@0", PART "/pcie@0/ep@2",
	};
	const struct group_plan *g;
	unsigned int i;

	config(DEV("dma", SOC "/dma@100300", "")
	       DEV("eth", HOSE "/pcie@0/ethernet@0", "dma-window-size = <0 0x10000000>;")
	       DEV("uart", SOC "/serial@11c500", "")
	       "dma-engine { compatible = \"weir,dma-engine\"; fsl,liodn = <300>;"
	       " dma-disabled; msi-iova = <0 0x7f00000>; };",
	       DEV("ctrl", PART, "dma-page-shift = <16>;")
	       DEV("jr", SOC "/crypto@300000/jr@1000", ""));
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 5);	/* the UART is no DMA master */

	g = group_named(SOC "/dma@100300");
	assert_int_equal(g->kind, GROUP_DEVICE);
	assert_int_equal(g->part, 0);
	assert_int_equal(g->dma.nr_liodns, 1);
	assert_int_equal(g->dma.liodns[0], 196);
	assert_int_equal(g->dma.index, 0);
	assert_int_equal(g->dma.buid, PLAN_BUID_WEIR | 0);
	assert_int_equal(g->dma.default_size, DMA_DEFAULT_WINDOW_SIZE);
	assert_int_equal(g->dma.default_page_shift, 12);
	assert_true(g->dma_enabled);

	/* An endpoint below a v2.1 controller: the whole hose, controller first. */
	g = group_named(HOSE);
	assert_int_equal(g->kind, GROUP_PCI_HOSE);
	assert_int_equal(g->part, 0);
	assert_nodes(g, hose_nodes, ARRAY_SIZE(hose_nodes));
	assert_int_equal(g->dma.nr_liodns, 1);
	assert_int_equal(g->dma.liodns[0], 193);
	assert_int_equal(g->dma.buid, 0xffe200000ULL);
	assert_int_equal(g->dma.default_size, 0x10000000);

	g = group_named("/partitions/p1/dma-engine");
	assert_int_equal(g->kind, GROUP_DMA_ENGINE);
	assert_int_equal(g->nnodes, 0);
	assert_int_equal(g->dma.liodns[0], 300);
	assert_false(g->dma_enabled);
	assert_int_equal(g->dma.msi_iova, 0x7f00000);
	assert_int_equal(g->dma.buid, PLAN_BUID_WEIR | g->dma.index);

	/* v3.0: the controller keeps the root port and the endpoints without
	 * a LIODN of their own; an endpoint with one (ep@1) is in no group:
	 * its LIODN stays blocked (test_endpoints_refused). */
	g = group_named(PART);
	assert_int_equal(g->kind, GROUP_PCI_HOSE);
	assert_int_equal(g->part, 1);
	assert_int_equal(g->dma.default_page_shift, 16);
	assert_nodes(g, ctrl_nodes, ARRAY_SIZE(ctrl_nodes));
	assert_int_equal(g->dma.liodns[0], 148);
	assert_int_equal(g->dma.buid, 0xffe240000ULL);

	/* Two LIODNs in one device. */
	g = group_named(SOC "/crypto@300000/jr@1000");
	assert_int_equal(g->dma.nr_liodns, 2);
	assert_int_equal(g->dma.liodns[0], 146);
	assert_int_equal(g->dma.liodns[1], 154);

	for (i = 0; i < plan.ngroups; i++)
		assert_int_equal(plan.group[i].dma.index, i);
	/* PAACT covers the hardware tree's largest LIODN (ep@1, 1025) and
	 * the config's; five PAMU units from one 0x5000 "reg". */
	assert_int_equal(plan.max_liodn, 1025);
	assert_int_equal(plan.niommus, 5);
	assert_int_equal(plan.iommu_phys[0], 0xffe020000ULL);
	assert_int_equal(plan.iommu_phys[4], 0xffe024000ULL);
}

/*
 * Config LIODNs supply those the hardware tree lacks (U-Boot's values on
 * a tree it did not fix up) and size the PAACT; where the hardware tree
 * has them, the config may only repeat them (in any order).
 */
static void test_config_liodns(void **state)
{
	config(DEV("usb", SOC "/usb@210000", "fsl,liodn = <2000 2001>;")
	       DEV("dma", SOC "/dma@100300", "fsl,liodn = <196>;")
	       DEV("jr", SOC "/crypto@300000/jr@1000", "fsl,liodn = <154 146>;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 3);
	assert_int_equal(plan.group[0].dma.nr_liodns, 2);
	assert_int_equal(plan.group[0].dma.liodns[0], 2000);
	assert_int_equal(plan.group[0].dma.liodns[1], 2001);
	assert_int_equal(plan.group[1].dma.liodns[0], 196);
	assert_int_equal(plan.group[2].dma.nr_liodns, 2);
	assert_int_equal(plan.max_liodn, 2001);
	/* The largest LIODN (fsl,liodn-bits = <12>) is accepted. */
	config(DEV("usb", SOC "/usb@210000", "fsl,liodn = <4095>;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.max_liodn, 4095);
}

/*
 * A config LIODN other than the hardware's is refused, naming the config
 * node, 'fsl,liodn' and both values: the device's LIODN register still
 * holds the hardware value, so the PAACE weir programs would be another
 * device's. Swapping the two DMA controllers' LIODNs between partitions
 * gave each controller the other partition's window.
 */
static void test_liodn_differs(void **state)
{
	config(DEV("dma1", SOC "/dma@100300", "fsl,liodn = <197>;"),
	       DEV("dma2", SOC "/dma@101300", "fsl,liodn = <196>;"));
	expect_refused(-EINVAL, "/partitions/p1/dma1", "fsl,liodn",
		       "<197> differs from " SOC "/dma@100300's LIODN <196> in the hardware tree",
		       "does not reprogram LIODN registers");
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn = <2000>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/dma", "fsl,liodn",
		       "<2000> differs from " SOC "/dma@100300's LIODN <196>", NULL);
	/* A subset, a superset, one value changed. */
	config(DEV("jr", SOC "/crypto@300000/jr@1000", "fsl,liodn = <146>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/jr", "fsl,liodn",
		       "<146> differs from " SOC "/crypto@300000/jr@1000's LIODN <146 154>", NULL);
	config("", DEV("jr", SOC "/crypto@300000/jr@1000", "fsl,liodn = <146 154 155>;"));
	expect_refused(-EINVAL, "/partitions/p2/jr", "fsl,liodn",
		       "<146 154 155> differs", "<146 154>");
	config(DEV("jr", SOC "/crypto@300000/jr@1000", "fsl,liodn = <146 155>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/jr", "fsl,liodn", "<146 155> differs", NULL);
	/* On a PCI controller. */
	config(DEV("ctrl", HOSE, "fsl,liodn = <194>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/ctrl", "fsl,liodn",
		       "<194> differs from " HOSE "'s LIODN <193>", NULL);
}

/*
 * A node without LIODN below a DMA master (a DMA channel below its
 * controller) is in the master's group: it goes with the master's
 * partition, and the group holds the master and such nodes.
 */
static void test_dma_master_ancestor(void **state)
{
	static const char *const dma_nodes[] = {
		SOC "/dma@100300", SOC "/dma@100300/dma-channel@0",
		SOC "/dma@100300/dma-channel@80",
	};
	static const char *const crypto_nodes[] = { SOC "/crypto@300000" };
	const struct group_plan *g;

	/* The channel alone: the partition gets the controller's group. */
	config("", DEV("chan", SOC "/dma@100300/dma-channel@0", ""));
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 1);
	g = group_named(SOC "/dma@100300");
	assert_int_equal(g->kind, GROUP_DEVICE);
	assert_int_equal(g->part, 1);
	assert_nodes(g, dma_nodes, ARRAY_SIZE(dma_nodes));
	assert_int_equal(g->dma.liodns[0], 196);
	/* Assigning the master: same group, same members. */
	config(DEV("dma", SOC "/dma@100300", ""), "");
	assert_int_equal(parse(), 0);
	assert_nodes(group_named(SOC "/dma@100300"), dma_nodes, ARRAY_SIZE(dma_nodes));
	/* Two channels of one controller in two partitions: one group split. */
	config(DEV("c0", SOC "/dma@100300/dma-channel@0", ""),
	       DEV("c1", SOC "/dma@100300/dma-channel@80", ""));
	expect_refused(-EBUSY, "/partitions/p2/c1", "device",
		       SOC "/dma@100300/dma-channel@80 has no LIODN: it DMAs as " SOC
		       "/dma@100300, whose IOMMU group is in partition 'p1'",
		       "cannot also go to 'p2'");
	/* Nodes with LIODNs of their own below a master are not members. */
	config(DEV("crypto", SOC "/crypto@300000", "fsl,liodn = <300>;"), "");
	assert_int_equal(parse(), 0);
	assert_nodes(group_named(SOC "/crypto@300000"), crypto_nodes,
		     ARRAY_SIZE(crypto_nodes));
}

/*
 * A device and its own ancestor or descendant assigned together are
 * refused, to two partitions or to one, naming both nodes; a bus
 * ("simple-bus") is never assigned.
 */
static void test_nesting(void **state)
{
	/* The channel in another partition than its controller. */
	config(DEV("dma", SOC "/dma@100300", ""),
	       DEV("chan", SOC "/dma@100300/dma-channel@0", ""));
	expect_refused(-EBUSY, "/partitions/p2/chan", "device",
		       SOC "/dma@100300/dma-channel@0 is inside " SOC
		       "/dma@100300 (its DMA master), which /partitions/p1/dma assigns to partition 'p1'",
		       "cannot also go to 'p2'");
	/* In the other order, the controller is named at its own node. */
	config(DEV("chan", SOC "/dma@100300/dma-channel@0", ""),
	       DEV("dma", SOC "/dma@100300", ""));
	expect_refused(-EBUSY, "/partitions/p2/dma", "device",
		       SOC "/dma@100300 contains " SOC "/dma@100300/dma-channel@0 (which DMAs as it), "
		       "which /partitions/p1/chan assigns to partition 'p1'",
		       "cannot also go to 'p2'");
	/* Both in one partition: the channel would be assigned twice. */
	config(DEV("dma", SOC "/dma@100300", "") DEV("chan", SOC "/dma@100300/dma-channel@80", ""), "");
	expect_refused(-EBUSY, "/partitions/p1/chan", "device",
		       "is inside " SOC "/dma@100300 (its DMA master)", "assign only one of them");
	/* A DMA master of its own inside another node given elsewhere. */
	config(DEV("crypto", SOC "/crypto@300000", ""),
	       DEV("jr", SOC "/crypto@300000/jr@1000", ""));
	expect_refused(-EBUSY, "/partitions/p2/jr", "device",
		       SOC "/crypto@300000/jr@1000 is inside " SOC "/crypto@300000, which "
		       "/partitions/p1/crypto assigns to partition 'p1'", "cannot also go to 'p2'");
	/* A bus, alone or with its devices. */
	config(DEV("soc", SOC, ""), "");
	expect_refused(-EINVAL, "/partitions/p1/soc", "device",
		       SOC " is a bus (\"simple-bus\")", NULL);
	config3("", DEV("dma", SOC "/dma@101300", ""), DEV("soc", SOC, ""));
	expect_refused(-EINVAL, "/partitions/p3/soc", "device", "is a bus", NULL);
	/* A non-bus node holding an assigned device: named with it. */
	config(DEV("usb", SOC "/usb@210000", ""), DEV("root", "/", ""));
	expect_refused(-EBUSY, "/partitions/p2/root", "device",
		       "/ contains " SOC "/usb@210000, which /partitions/p1/usb assigns", NULL);
	/* Inside a PCI controller the group rules decide: a hose's nodes in
	 * one partition are fine (test_options_placement), endpoints with
	 * LIODNs of their own are refused (test_endpoints_refused). */
}

/* Splitting a group between partitions names the group and both. */
static void test_split(void **state)
{
	config(DEV("eth", HOSE "/pcie@0/ethernet@0", ""),
	       DEV("ctrl", HOSE, ""));
	expect_refused(-EBUSY, "/partitions/p2/ctrl", "device",
		       "IOMMU group " HOSE " (pci-hose) is in partition 'p1'",
		       "cannot also go to 'p2'");
	config(DEV("eth", HOSE "/pcie@0/ethernet@0", ""),
	       DEV("nvme", HOSE "/pcie@0/nvme@1", ""));
	expect_refused(-EBUSY, "/partitions/p2/nvme", "device",
		       "group " HOSE " (pci-hose) is in partition 'p1'", "'p2'");
	/* With partitioning, an endpoint without LIODN stays with the
	 * controller. */
	config(DEV("ctrl", PART, ""), DEV("ep2", PART "/pcie@0/ep@2", ""));
	expect_refused(-EBUSY, "/partitions/p2/ep2", "device",
		       "group " PART " (pci-hose) is in partition 'p1'", "'p2'");
}

/*
 * Endpoint partitioning (PCIe IP >= 2.4): an endpoint group would need the
 * controller's requester-ID -> LIODN table, which weir does not program.
 * An endpoint with a LIODN, its function, a root port given one, and a
 * config LIODN on a LIODN-less endpoint are refused, each with the
 * reason; the controller alone is fine.
 */
static void test_endpoints_refused(void **state)
{
	static const char *const culprits[][2] = {
		{ PART "/pcie@0/ep@0", "" },
		{ PART "/pcie@0/ep@1/fn@0", "" },
		{ PART "/pcie@0", "fsl,liodn = <1030>;" },
		{ PART "/pcie@0/ep@2", "fsl,liodn = <1026>;" },
	};
	char dev[256], msg[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(culprits); i++) {
		snprintf(dev, sizeof(dev), "ep { device = \"%s\"; %s };",
			 culprits[i][0], culprits[i][1]);
		config(DEV("ctrl", PART, ""), dev);
		snprintf(msg, sizeof(msg), "of its own below " PART " (PCIe IP >= 2.4)");
		expect_refused(-EOPNOTSUPP, "/partitions/p2/ep", "device", msg,
			       "does not program the controller's requester-ID -> LIODN table");
	}
	config(DEV("ctrl", PART, ""), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(group_named(PART)->kind, GROUP_PCI_HOSE);
}

static void test_liodn_too_large(void **state)
{
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn = <4096>;"), "");
	expect_refused(-ERANGE, "/partitions/p1/dma", "fsl,liodn",
		       "LIODN 4096 exceeds the largest LIODN 4095", NULL);
	config("", "dma-engine { compatible = \"weir,dma-engine\"; fsl,liodn = <0x10000>; };");
	expect_refused(-ERANGE, "/partitions/p2/dma-engine", "fsl,liodn",
		       "LIODN 65536 exceeds", NULL);
}

/* A smaller fsl,liodn-bits lowers the limit; hardware LIODNs count too. */
static void test_liodn_bits(void **state)
{
	char *dts = strdup(hw_dts), *p = strstr(dts, "fsl,liodn-bits = <12>");

	assert_non_null(p);
	memcpy(p, "fsl,liodn-bits = <10>", 21);
	dtc_compile(dts, hwtree, sizeof(hwtree));
	free(dts);
	config(DEV("ep", PART "/pcie@0/ep@0", ""), "");
	expect_refused(-ERANGE, "/partitions/p1/ep", "fsl,liodn",
		       "hardware " PART "/pcie@0/ep@0: LIODN 1024 exceeds the largest LIODN 1023",
		       NULL);
	/* Unassigned, it is only left out of the PAACT size. */
	config(DEV("dma", SOC "/dma@100300", ""), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.max_liodn, 197);
}

static int restore_hwtree(void **state)
{
	return setup(state);
}

static void test_liodn_shared(void **state)
{
	/* Across partitions: both partitions and the other group named. */
	config(DEV("dma", SOC "/dma@100300", ""),
	       "dma-engine { compatible = \"weir,dma-engine\"; fsl,liodn = <196>; };");
	expect_refused(-EBUSY, "/partitions/p2/dma-engine", "fsl,liodn",
		       "LIODN 196 is also in group " SOC "/dma@100300 of partition 'p1'",
		       "(this group: 'p2')");
	/* Two groups of one partition (the USB controller has no LIODN in
	 * the hardware tree, the config gives one). */
	config(DEV("dma", SOC "/dma@100300", "")
	       DEV("usb", SOC "/usb@210000", "fsl,liodn = <196>;"), "");
	expect_refused(-EBUSY, "/partitions/p1/usb", "fsl,liodn",
		       "LIODN 196 is also in group " SOC "/dma@100300", NULL);
	/* With a device nobody was given: its DMA would use the window. */
	config(DEV("usb", SOC "/usb@210000", "fsl,liodn = <146 155>;"), "");
	expect_refused(-EBUSY, "/partitions/p1/usb", "fsl,liodn",
		       "LIODN 146 is also used by " SOC "/crypto@300000/jr@1000", NULL);
	/* Listed twice in one property. */
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn = <5 6 5>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/dma", "fsl,liodn",
		       "LIODN 5 is listed twice", NULL);
}

static void test_liodn_malformed(void **state)
{
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn = <1 2 3 4 5 6 7 8 9>;"), "");
	expect_refused(-E2BIG, "/partitions/p1/dma", "fsl,liodn", "more than 8 LIODNs", NULL);
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn;"), "");
	expect_refused(-EINVAL, "/partitions/p1/dma", "fsl,liodn", "need 1 to 8 cells", NULL);
	config(DEV("dma", SOC "/dma@100300", "fsl,liodn = [01 02];"), "");
	expect_refused(-EINVAL, "/partitions/p1/dma", "fsl,liodn", "need 1 to 8 cells", NULL);
}

static void test_dma_engine_refused(void **state)
{
	config("dma-engine { compatible = \"weir,dma-engine\"; };", "");
	expect_refused(-EINVAL, "/partitions/p1/dma-engine", "fsl,liodn",
		       "missing: a weir,dma-engine needs its LIODN", NULL);
	config("dma-engine { compatible = \"weir,dma-engine\"; fsl,liodn = <7 8>; };", "");
	expect_refused(-EINVAL, "/partitions/p1/dma-engine", "fsl,liodn",
		       "need exactly one LIODN", NULL);
	config("dma-engine { compatible = \"weir,dma-engine\"; device = \"" SOC
	       "/dma@100300\"; };", "");
	expect_refused(-EINVAL, "/partitions/p1/dma-engine", "device",
		       "a weir,dma-engine has no hardware device", NULL);
	/* DMA properties on a child that is neither. */
	config("", "thing { fsl,liodn = <9>; };");
	expect_refused(-EINVAL, "/partitions/p2/thing", "fsl,liodn",
		       "needs a 'device'", NULL);
}

static void test_bad_options(void **state)
{
	static const struct {
		const char *opt, *prop, *msg;
	} bad[] = {
		{ "dma-window-size = <0 0x3000000>;", "dma-window-size", "power of two" },
		{ "dma-window-size = <0 0x800>;", "dma-window-size", "power of two, 4 KiB to 1 GiB" },
		{ "dma-window-size = <0 0x80000000>;", "dma-window-size", "0x80000000" },
		{ "dma-window-size = <0x10000000>;", "dma-window-size", "need <size-hi size-lo>" },
		{ "dma-page-shift = <13>;", "dma-page-shift", "13: need 12, 16 or 24" },
		{ "dma-page-shift = <0 12>;", "dma-page-shift", "need one cell" },
		{ "dma-page-shift = <24>; dma-window-size = <0 0x800000>;",
		  "dma-window-size", "smaller than one 16384 KiB page" },
		{ "dma-page-shift = <16>; dma-window-size = <0 0x1000>;",
		  "dma-window-size", "smaller than one 64 KiB page" },
		{ "dma-disabled = <1>;", "dma-disabled", "must be empty" },
		{ "msi-iova = <0 0x8000800>;", "msi-iova", "4 KiB alignment" },
		{ "msi-iova = <0x10 0>;", "msi-iova", "36-bit" },
		{ "msi-iova = <0xf 0xfff80000>;", "msi-iova", "0x100000 bytes" },
		{ "msi-iova = <0x8000000>;", "msi-iova", "need <iova-hi iova-lo>" },
	};
	char child[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(child, sizeof(child), DEV("dma", SOC "/dma@100300", "%s"),
			 bad[i].opt);
		config(child, "");
		expect_refused(-EINVAL, "/partitions/p1/dma", bad[i].prop, bad[i].msg, NULL);
	}
	/* The same values on a DMA engine node. */
	config("", "e { compatible = \"weir,dma-engine\"; fsl,liodn = <9>;"
	       " dma-page-shift = <20>; };");
	expect_refused(-EINVAL, "/partitions/p2/e", "dma-page-shift", "20: need", NULL);
	/* The limits themselves are accepted. */
	config(DEV("dma", SOC "/dma@100300", "dma-window-size = <0 0x40000000>;"
		   " dma-page-shift = <24>; msi-iova = <0 0x3ff00000>;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.group[0].dma.default_size, SZ_1G);
	assert_int_equal(plan.group[0].dma.default_page_shift, 24);
	assert_int_equal(plan.group[0].dma.msi_iova, 0x3ff00000ULL);
}

/*
 * The MSI range (1 MiB at msi-iova, default 0x8000000) is reserved in
 * every window and published as the doorbell's IOVA (doc/tce.md): a
 * default window that does not hold all of it is refused, naming
 * msi-iova when given, else dma-window-size.
 */
static void test_msi_outside_window(void **state)
{
	static const struct {
		const char *opt, *prop, *msg;
	} bad[] = {
		/* 16 MiB window, default MSI range at 128 MiB */
		{ "dma-window-size = <0 0x1000000>;", "dma-window-size",
		  "MSI range 0x8000000+0x100000 is outside the 0x1000000-byte DMA window" },
		/* msi-iova past the 1 GiB default window */
		{ "msi-iova = <0xf 0xfff00000>;", "msi-iova",
		  "0xffff00000+0x100000 is outside the 0x40000000-byte" },
		/* straddling the end of the window */
		{ "dma-window-size = <0 0x1000000>; msi-iova = <0 0xf80000>;",
		  "msi-iova", "0xf80000+0x100000 is outside" },
		/* a window smaller than the range itself */
		{ "dma-window-size = <0 0x80000>; msi-iova = <0 0>;",
		  "msi-iova", "0x0+0x100000 is outside the 0x80000-byte" },
	};
	char child[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(child, sizeof(child), DEV("dma", SOC "/dma@100300", "%s"),
			 bad[i].opt);
		config(child, "");
		expect_refused(-ERANGE, "/partitions/p1/dma", bad[i].prop,
			       bad[i].msg, NULL);
	}
	config("", "e { compatible = \"weir,dma-engine\"; fsl,liodn = <9>;"
	       " dma-window-size = <0 0x1000000>; };");
	expect_refused(-ERANGE, "/partitions/p2/e", "dma-window-size",
		       "outside the 0x1000000-byte DMA window", NULL);
	/* inside, up to the last byte of the window */
	config(DEV("dma", SOC "/dma@100300", "dma-window-size = <0 0x1000000>;"
		   " msi-iova = <0 0xf00000>;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.group[0].dma.msi_iova, 0xf00000);
	config(DEV("dma", SOC "/dma@100300", "dma-window-size = <0 0x10000000>;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.group[0].dma.msi_iova, 0x8000000);
}

/*
 * "dma-window-type" (doc/passthrough.md): "identity" gives the group a
 * window of IOVA = guest-physical over the owner's RAM (p1: 128 MiB at
 * real 0x10000000) and the MSI range above it; refused: another value,
 * a TCE window's options with it, an MSI range over the RAM or not at
 * the start of a subwindow.
 */
static void test_identity_window(void **state)
{
	static const struct {
		const char *opt, *prop, *msg;
		int err;
	} bad[] = {
		{ "dma-window-type = \"direct\";", "dma-window-type",
		  "need \"tce\" or \"identity\"", -EINVAL },
		{ "dma-window-type = \"identity\"; dma-window-size = <0 0x10000000>;",
		  "dma-window-size", "only for a TCE window", -EINVAL },
		{ "dma-window-type = \"identity\"; dma-page-shift = <16>;",
		  "dma-page-shift", "only for a TCE window", -EINVAL },
		{ "dma-window-type = \"identity\"; msi-iova = <0 0x4000000>;",
		  "msi-iova",
		  "MSI range 0x4000000+0x100000 overlaps the 0x8000000 bytes of RAM the identity window maps (give msi-iova at or above 0x8000000)",
		  -ERANGE },
		{ "dma-window-type = \"identity\"; msi-iova = <0 0x8080000>;",
		  "msi-iova",
		  "does not start a 0x100000-byte subwindow of the identity window (give msi-iova 0x8100000)",
		  -EINVAL },
		{ "dma-window-type = \"identity\"; msi-iova = <0xf 0xfff00000>;",
		  "dma-window-type",
		  "guest-memory 0x10000000+0x8000000 is not whole 0x10000000-byte subwindows of the 0x1000000000-byte window",
		  -EINVAL },
	};
	char child[256];
	const struct group_plan *g;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(child, sizeof(child), DEV("dma", SOC "/dma@100300", "%s"),
			 bad[i].opt);
		config(child, "");
		expect_refused(bad[i].err, "/partitions/p1/dma", bad[i].prop,
			       bad[i].msg, NULL);
	}
	/* the default MSI range starts where p1's 128 MiB end */
	config(DEV("dma", SOC "/dma@100300", "dma-window-type = \"identity\";"), "");
	assert_int_equal(parse(), 0);
	g = &plan.group[0];
	assert_true(g->dma.identity);
	assert_true(g->dma.identity_phys == 0x10000000ULL);
	assert_true(g->dma.identity_size == 0x8000000ULL);
	assert_true(g->dma.default_size == 0x10000000ULL);
	assert_true(g->dma.msi_iova == 0x8000000ULL);
	/* "tce" is today's window */
	config(DEV("dma", SOC "/dma@100300", "dma-window-type = \"tce\";"), "");
	assert_int_equal(parse(), 0);
	assert_false(plan.group[0].dma.identity);
	assert_true(plan.group[0].dma.default_size == DMA_DEFAULT_WINDOW_SIZE);
}

static void test_options_placement(void **state)
{
	/* Not a DMA master. */
	config(DEV("uart", SOC "/serial@11c500", "dma-disabled;"), "");
	expect_refused(-EINVAL, "/partitions/p1/uart", "dma-disabled",
		       SOC "/serial@11c500 has no LIODN: not a DMA master", NULL);
	/* Options of one group from one node only. */
	config(DEV("ctrl", HOSE, "dma-disabled;")
	       DEV("eth", HOSE "/pcie@0/ethernet@0", "dma-page-shift = <16>;"), "");
	expect_refused(-EINVAL, "/partitions/p1/eth", "dma-page-shift",
		       "group " HOSE " already has DMA options from /partitions/p1/ctrl", NULL);
	/* Two nodes of one group in one partition, options on one: fine. */
	config(DEV("ctrl", HOSE, "") DEV("eth", HOSE "/pcie@0/ethernet@0", "dma-disabled;"), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 1);
	assert_false(plan.group[0].dma_enabled);
	assert_int_equal(plan.group[0].cfg_node, fdt_path_offset(cfg, "/partitions/p1/ctrl"));
}

static void test_pci_kind(void **state)
{
	static const struct {
		const char *compat;
		enum pci_ctrl_kind kind;
	} cases[] = {
		{ "\"fsl,mpc8540-pci\"", PCI_CTRL_HOSE },
		{ "\"fsl,p4080-pcie\", \"fsl,qoriq-pcie-v2.1\"", PCI_CTRL_HOSE },
		{ "\"fsl,p5020-pcie\", \"fsl,qoriq-pcie-v2.2\"", PCI_CTRL_HOSE },
		{ "\"fsl,p1010-pcie\", \"fsl,qoriq-pcie-v2.3\"", PCI_CTRL_HOSE },
		{ "\"fsl,b4860-pcie\", \"fsl,qoriq-pcie-v2.4\"", PCI_CTRL_PARTITIONED },
		{ "\"fsl,t4240-pcie\", \"fsl,qoriq-pcie-v3.0\"", PCI_CTRL_PARTITIONED },
		{ "\"fsl,t1040-pcie\", \"fsl,qoriq-pcie-v2.4\", \"fsl,qoriq-pcie\"", PCI_CTRL_PARTITIONED },
		{ "\"fsl,qoriq-pcie-v10.0\"", PCI_CTRL_PARTITIONED },
		{ "\"fsl,qoriq-pcie\"", PCI_CTRL_HOSE },
		{ "\"fsl,qoriq-pcie-v2.4x\"", PCI_CTRL_NONE },
		{ "\"fsl,qoriq-pcie-v.4\"", PCI_CTRL_NONE },
		{ "\"ns16550\"", PCI_CTRL_NONE },
	};
	char dts[256], blob[1024];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		snprintf(dts, sizeof(dts), "/dts-v1/; / { n { compatible = %s; }; };",
			 cases[i].compat);
		dtc_compile(dts, blob, sizeof(blob));
		if (iommu_hw_pci_kind(blob, fdt_path_offset(blob, "/n")) != cases[i].kind)
			fail_msg("%s: kind %d, expected %d", cases[i].compat,
				 iommu_hw_pci_kind(blob, fdt_path_offset(blob, "/n")),
				 cases[i].kind);
	}
}

/* The IOMMU node the registry finds in @blob ("fsl,pamu"), or -1. */
static int iommu_node_of(const void *blob)
{
	int node;

	iommu_driver_find(blob, &node);
	return node;
}

static void test_pamu_units(void **state)
{
	char blob[1024];
	phys_addr_t phys[PLAN_MAX_IOMMU_UNITS];
	struct dt_error err;
	unsigned int n = 99;

	dtc_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; };",
		    blob, sizeof(blob));
	assert_int_equal(iommu_hw_units(blob, iommu_node_of(blob), phys,
					PLAN_MAX_IOMMU_UNITS, &n, &err), 0);
	assert_int_equal(n, 0);
	dtc_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
		    " p { compatible = \"fsl,pamu\"; reg = <0 0x20000 0 0x1800>; }; };",
		    blob, sizeof(blob));
	assert_int_equal(iommu_hw_units(blob, iommu_node_of(blob), phys,
					PLAN_MAX_IOMMU_UNITS, &n, &err), -EINVAL);
	assert_string_equal(err.node, "/p");
	assert_string_equal(err.prop, "reg");
	dtc_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
		    " p { compatible = \"fsl,pamu\"; reg = <0 0x20000 0 0x9000>; }; };",
		    blob, sizeof(blob));
	assert_int_equal(iommu_hw_units(blob, iommu_node_of(blob), phys,
					PLAN_MAX_IOMMU_UNITS, &n, &err), -E2BIG);
	assert_int_equal(n, 0);
}

/*
 * MSI banks (hv/config/msi.c): what boot used to refuse only when it
 * mapped the banks is refused by config_parse(), naming the config child
 * and "device".
 */
#define ACK MSI_PROP_SHARED_PAGE ";"

static void test_msi_banks(void **state)
{
	config("m { device = \"" SOC "/msi@41600\"; " ACK " };",
	       "m { device = \"" SOC "/msi@42600\"; " ACK " };");
	assert_int_equal(parse(), 0);
	assert_true(plan.part[0].has_msi);
	assert_int_equal(plan.part[0].msi.phys, 0xffe041600ULL);
	assert_int_equal(plan.part[0].msi.doorbell, 0xffe041740ULL);
	assert_false(plan.part[0].msi.v43);
	assert_true(plan.part[0].msi.shared_page);
	assert_int_equal(plan.part[1].msi.phys, 0xffe042600ULL);

	/* MPIC 4.3 (e6500): its MSIIR1 alias is the doorbell */
	config("m { device = \"" SOC "/msi@43800\"; };", "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.part[0].msi.phys, 0xffe043800ULL);
	assert_int_equal(plan.part[0].msi.doorbell, 0xffe044148ULL);
	assert_true(plan.part[0].msi.v43);
	assert_false(plan.part[0].msi.shared_page);
	/* ... and without the alias, refused */
	config("m { device = \"" SOC "/msi@43600\"; };", "");
	expect_refused(-EINVAL, "/partitions/p1/m", "device", "msi@43600",
		       "without its MSIIR1 alias");
	/* two banks with their MSIIR in page 0xffe041000, two partitions */
	config("m { device = \"" SOC "/msi@41600\"; " ACK " };",
	       "m { device = \"" SOC "/msi@41800\"; " ACK " };");
	expect_refused(-EBUSY, "/partitions/p2/m", "device", "0xffe041000",
		       "partition 'p1'");
	/* two banks of one register page whose MSIIR aliases are in pages of
	 * their own: the doorbells are the aliases, two partitions are fine */
	config("m { device = \"" SOC "/msi@41a00\"; };",
	       "m { device = \"" SOC "/msi@41c00\"; };");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.part[0].msi.doorbell, 0xffe046140ULL);
	assert_int_equal(plan.part[1].msi.doorbell, 0xffe047140ULL);
	assert_false(plan.part[0].msi.shared_page);
	/* two banks in one partition */
	config("m { device = \"" SOC "/msi@41600\"; " ACK " };"
	       "n { device = \"" SOC "/msi@42600\"; " ACK " };", "");
	expect_refused(-EBUSY, "/partitions/p1/n", "device", "one MSI bank",
		       NULL);
}

/*
 * The doorbell-page decision (doc/tce.md, "The doorbell page"): a bank
 * whose doorbell page holds MPIC registers (its own register block with
 * no MSIIR alias; an alias in the MPIC's global register page) needs the
 * config's acknowledgement, which a bank with a page of its own, or a
 * device that is no bank, may not carry.
 */
static void test_msi_doorbell_page(void **state)
{
	/* no alias: MSIIR at +0x140 is in the bank's register page */
	config("m { device = \"" SOC "/msi@41600\"; };", "");
	expect_refused(-EPERM, "/partitions/p1/m", "device", "msi@41600",
		       "shares the 4 KiB page 0xffe041000 with MPIC registers");
	/* an alias in the page of the MPIC's global registers (MPIC + 0x1000) */
	config("m { device = \"" SOC "/msi@48000\"; };", "");
	expect_refused(-EPERM, "/partitions/p1/m", "device", "0xffe051140",
		       MSI_PROP_SHARED_PAGE);
	config("m { device = \"" SOC "/msi@48000\"; " ACK " };", "");
	assert_int_equal(parse(), 0);
	assert_true(plan.part[0].msi.shared_page);
	/* the acknowledgement where it is not needed, or with a value */
	config("m { device = \"" SOC "/msi@41a00\"; " ACK " };", "");
	expect_refused(-EINVAL, "/partitions/p1/m", MSI_PROP_SHARED_PAGE,
		       "not needed", "0xffe046000");
	config("m { device = \"" SOC "/msi@41600\"; " MSI_PROP_SHARED_PAGE
	       " = <1>; };", "");
	expect_refused(-EINVAL, "/partitions/p1/m", MSI_PROP_SHARED_PAGE,
		       "takes no value", NULL);
	config("u { device = \"" SOC "/usb@210000\"; " ACK " };", "");
	expect_refused(-EINVAL, "/partitions/p1/u", MSI_PROP_SHARED_PAGE,
		       "is no MSI bank", NULL);
}

/*
 * Masters U-Boot gave the same LIODNs (P4080's SEC job rings, p4080_ids.c)
 * share PAACEs: one group, whichever of them the config names, never
 * split between partitions.
 */
static void test_shared_liodns(void **state)
{
	static const char *const nodes[] = { SOC "/crypto@300000/jr@4000",
					     SOC "/crypto@300000/jr@3000" };
	const struct group_plan *g;

	config(DEV("jr", SOC "/crypto@300000/jr@4000", ""), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 1);
	g = group_named(SOC "/crypto@300000/jr@4000");
	assert_nodes(g, nodes, ARRAY_SIZE(nodes));
	assert_int_equal(g->dma.nr_liodns, 2);
	/* both named in one partition: still one group */
	config(DEV("a", SOC "/crypto@300000/jr@3000", "")
	       DEV("b", SOC "/crypto@300000/jr@4000", ""), "");
	assert_int_equal(parse(), 0);
	assert_int_equal(plan.ngroups, 1);
	/* split between two partitions: refused */
	config(DEV("a", SOC "/crypto@300000/jr@3000", ""),
	       DEV("b", SOC "/crypto@300000/jr@4000", ""));
	expect_refused(-EBUSY, "/partitions/p2/b", "device",
		       "IOMMU group " SOC "/crypto@300000/jr@3000 (device) is in partition 'p1'",
		       "cannot also go to 'p2'");
}

/* n weir,dma-engine children of p1 with LIODNs 300.. (default windows). */
static void engines(unsigned int n)
{
	static char p1[8192];
	unsigned int i;
	int len = 0;

	p1[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(p1 + len, sizeof(p1) - len,
				"e%u { compatible = \"weir,dma-engine\"; fsl,liodn = <%u>; };",
				i, 300 + i);
	config(p1, "");
}

/*
 * weir's heap (iommu_plan_memory()): 40 default windows need 80 MiB of
 * TCE tables; the 62 MiB heap of the default Kconfig holds 29. The first
 * group that does not fit is named; one fewer fits.
 */
static void test_heap_budget(void **state)
{
	/* no IOMMU node in the tree: the PAMU (the registry's fallback) */
	const struct iommu_driver *drv = iommu_driver_find(NULL, NULL);
	struct heap_budget heap;
	struct plan_memory mem;
	struct dt_error err;

	heap_budget_init(&heap, CONFIG_HV_IMAGE_MAX,
			 CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX);
	engines(40);
	assert_int_equal(parse(), 0);
	assert_int_equal(iommu_plan_memory(cfg, &plan, drv, 256, &heap, &mem,
					   &err), -ENOMEM);
	assert_string_equal(err.node, "/partitions/p1/e29");
	assert_string_equal(err.prop, "compatible");
	assert_non_null(strstr(err.msg, "group 29 brings it to"));
	assert_int_equal(mem.avail, CONFIG_HV_MEM_SIZE - CONFIG_HV_IMAGE_MAX);
	assert_true(mem.used > mem.avail);

	engines(29);
	assert_int_equal(parse(), 0);
	assert_int_equal(iommu_plan_memory(cfg, &plan, drv, 256, &heap, &mem,
					   &err), 0);
	assert_true(mem.used <= mem.avail);
	assert_true(mem.used >= 29 * (2ULL << 20));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_config_liodns),
		cmocka_unit_test(test_liodn_differs),
		cmocka_unit_test(test_dma_master_ancestor),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_endpoints_refused),
		cmocka_unit_test(test_shared_liodns),
		cmocka_unit_test(test_liodn_too_large),
		cmocka_unit_test_teardown(test_liodn_bits, restore_hwtree),
		cmocka_unit_test(test_liodn_shared),
		cmocka_unit_test(test_liodn_malformed),
		cmocka_unit_test(test_dma_engine_refused),
		cmocka_unit_test(test_bad_options),
		cmocka_unit_test(test_msi_outside_window),
		cmocka_unit_test(test_identity_window),
		cmocka_unit_test(test_options_placement),
		cmocka_unit_test(test_pci_kind),
		cmocka_unit_test(test_pamu_units),
		cmocka_unit_test(test_msi_banks),
		cmocka_unit_test(test_msi_doorbell_page),
		cmocka_unit_test(test_heap_budget),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
