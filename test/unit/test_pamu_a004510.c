// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Erratum A-004510 (doc/pamu.md, "Errata"): the register writes that put
 * the PAMU tables in a coherence subdomain of their own, on a fake CCSR,
 * for the SVRs of Linux 6.1 fsl_pamu.c port_id_map[]; no access at all on
 * other SVRs; a boot error naming what the hardware tree lacks.
 *
 * The fake CCSR starts at 0xffe000000 (P4080DS); the tree places the LAW
 * block at +0 and the CCF at +0x18000 as p4080si-post.dtsi does. Every
 * test compares the whole fake CCSR with the expected image, so a write
 * to anything else fails it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <asm/io.h>
#include "helpers/dtc.h"
#include <weir/iommu_boot.h>
#include <weir/iommu_groups.h>
#include "../../drivers/iommu/pamu/pamu.h"

#define CCSR_PHYS	0xffe000000ULL
#define CCSR_LEN	0x20000u
#define LAC		0x0u
#define CCF		0x18000u

#define SVR_P4080_20	0x82000020u
#define SVR_P4080E_20	0x82080020u
#define SVR_P4080_30	0x82000030u
#define SVR_P4080_10	0x82000010u
#define SVR_P5040_10	0x82040010u
#define SVR_P2041_11	0x82100111u
#define SVR_T4240_20	0x82400020u
#define SVR_P3041_20	0x82110320u

/* The PAMU tables: 512 KiB at 0x3ff80000 (LAWAR size 2^(0x12+1)). */
#define TBL_PHYS	0x3ff80000ULL
#define TBL_SIZE	0x80000ULL

static u8 ccsr[CCSR_LEN];
static u8 expect[CCSR_LEN];
static unsigned int map_calls;

static void *fake_map(phys_addr_t phys, u64 len)
{
	map_calls++;
	if (phys < CCSR_PHYS || len > CCSR_LEN ||
	    phys - CCSR_PHYS > CCSR_LEN - len)
		return NULL;
	return ccsr + (phys - CCSR_PHYS);
}

static void law_set(u8 *c, unsigned int i, u64 base, u32 ar)
{
	u8 *l = c + LAC + CCSR_LAW_OFFSET + i * CCSR_LAW_STRIDE;

	out_be32(l + CCSR_LAWBARH, (u32)(base >> 32));
	out_be32(l + CCSR_LAWBARL, (u32)base);
	out_be32(l + CCSR_LAWAR, ar);
}

static u32 law_ar(unsigned int i)
{
	return in_be32(ccsr + LAC + CCSR_LAW_OFFSET + i * CCSR_LAW_STRIDE +
		       CCSR_LAWAR);
}

static void csdid_set(u8 *c, unsigned int i, u32 v)
{
	out_be32(c + CCF + CCF_CSDID_OFFSET + i * 4, v);
}

/*
 * What U-Boot leaves on a P4080DS-like part: LAW 0 local bus flash
 * (target 0x1f, 256 MiB at 0xfe8000000), LAW 1 free, LAW 2 PCIe (target
 * 0x00, 512 MiB at 0xc00000000), LAW 3 DDR (target 0x10, 2 GiB at 0);
 * CSD ID 0 in use. The same image goes to @expect.
 */
static int setup(void **state)
{
	memset(ccsr, 0, sizeof(ccsr));
	law_set(ccsr, 0, 0xfe8000000ULL, LAWAR_EN | 0x1f00000 | 0x1b);
	law_set(ccsr, 2, 0xc00000000ULL, LAWAR_EN | 0x0000000 | 0x1c);
	law_set(ccsr, 3, 0, LAWAR_EN | 0x1000000 | 0x1e);
	csdid_set(ccsr, 0, 0xff000000);
	memcpy(expect, ccsr, sizeof(ccsr));
	map_calls = 0;
	return 0;
}

static void assert_ccsr_is_expected(void)
{
	assert_memory_equal(ccsr, expect, sizeof(ccsr));
}

#define DTS_HEAD "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;" \
	" soc { #address-cells = <1>; #size-cells = <1>;" \
	" ranges = <0x0 0xf 0xfe000000 0x1000000>;"
#define DTS_LAW " law@0 { compatible = \"fsl,corenet-law\";" \
	" reg = <0x0 0x1000>; fsl,num-laws = <32>; };"
#define DTS_CF " cf@18000 { compatible = \"fsl,corenet1-cf\", \"fsl,corenet-cf\";" \
	" reg = <0x18000 0x1000>; fsl,ccf-num-csdids = <32>; };"
#define DTS_TAIL " }; };"

static char blob[4096];

static int run(const char *dts, u32 svr, phys_addr_t phys, u64 size,
	       struct pamu_csd *csd, struct dt_error *err)
{
	dtc_compile(dts, blob, sizeof(blob));
	memset(err, 0, sizeof(*err));
	return pamu_errata_a004510(blob, svr, phys, size, fake_map, csd, err);
}

/* What create_csd() writes on an affected SVR: CSD ID 1, LAW 1. */
static void check_applied(u32 svr, u32 port_id)
{
	static const char dts[] = DTS_HEAD DTS_LAW DTS_CF DTS_TAIL;
	struct dt_error err;
	struct pamu_csd csd;

	setup(NULL);
	assert_int_equal(run(dts, svr, TBL_PHYS, TBL_SIZE, &csd, &err), 0);
	/* first CSD ID register reading 0 gets the port id */
	csdid_set(expect, 1, port_id);
	/*
	 * LAW 3 (DDR) contains the tables; LAW 2 is enabled, LAW 1 is the
	 * free one of highest index below it: base 0x3ff80000, LAWAR =
	 * EN 0x80000000 | DDR target 0x01000000 | CSD 1 << 12 |
	 * size log2(512 KiB) - 1 = 0x12
	 */
	law_set(expect, 1, TBL_PHYS, 0x81001012);
	assert_ccsr_is_expected();
	assert_int_equal(csd.port_id, port_id);
	assert_int_equal(csd.csd_id, 1);
	assert_int_equal(csd.law, 1);
	assert_int_equal(csd.ddr_law, 3);
	assert_int_equal(csd.lawar, 0x81001012);
}

static void test_applied_on_affected_svrs(void **state)
{
	/* P4080 rev 2.0, also with the E bit; P5040 1.0; P2041 1.1 */
	check_applied(SVR_P4080_20, 0xfff80000);
	check_applied(SVR_P4080E_20, 0xfff80000);
	check_applied(SVR_P5040_10, 0xff800000);
	check_applied(SVR_P2041_11, 0xff000000);
}

static void test_nothing_on_other_svrs(void **state)
{
	static const u32 svrs[] = { SVR_P4080_30, SVR_P4080_10, SVR_T4240_20,
				    SVR_P3041_20, 0 };
	static const char full[] = DTS_HEAD DTS_LAW DTS_CF DTS_TAIL;
	static const char empty[] = DTS_HEAD DTS_TAIL;
	struct dt_error err;
	struct pamu_csd csd;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(svrs); i++) {
		setup(NULL);
		memset(&csd, 0xa5, sizeof(csd));
		assert_int_equal(run(full, svrs[i], TBL_PHYS, TBL_SIZE, &csd,
				     &err), 0);
		assert_int_equal(csd.port_id, 0);
		assert_int_equal(map_calls, 0);
		assert_ccsr_is_expected();
		/* not needed, so a tree without the blocks is no error */
		assert_int_equal(run(empty, svrs[i], TBL_PHYS, TBL_SIZE, &csd,
				     &err), 0);
		assert_int_equal(map_calls, 0);
	}
}

static void check_tree_error(const char *dts, int ret, const char *node,
			     const char *prop, const char *msg_part)
{
	struct dt_error err;
	struct pamu_csd csd;

	setup(NULL);
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 ret);
	assert_string_equal(err.node, node);
	assert_string_equal(err.prop, prop);
	if (!strstr(err.msg, msg_part))
		fail_msg("'%s' does not say '%s'", err.msg, msg_part);
	assert_ccsr_is_expected();
}

static void test_tree_lacks_information(void **state)
{
	check_tree_error(DTS_HEAD DTS_CF DTS_TAIL, -ENODEV, "/", "compatible",
			 "no \"fsl,corenet-law\" node");
	check_tree_error(DTS_HEAD DTS_LAW DTS_TAIL, -ENODEV, "/", "compatible",
			 "no \"fsl,corenet-cf\" node");
	check_tree_error(DTS_HEAD
			 " law@0 { compatible = \"fsl,corenet-law\"; reg = <0x0 0x1000>; };"
			 DTS_CF DTS_TAIL, -EINVAL, "/soc/law@0", "fsl,num-laws",
			 "A-004510");
	check_tree_error(DTS_HEAD DTS_LAW
			 " cf@18000 { compatible = \"fsl,corenet-cf\"; reg = <0x18000 0x1000>;"
			 " fsl,ccf-num-csdids = <0>; };" DTS_TAIL, -EINVAL,
			 "/soc/cf@18000", "fsl,ccf-num-csdids", "A-004510");
	check_tree_error(DTS_HEAD
			 " law@0 { compatible = \"fsl,corenet-law\"; fsl,num-laws = <32>; };"
			 DTS_CF DTS_TAIL, -EINVAL, "/soc/law@0", "reg",
			 "A-004510");
	/* 32 LAWs at 0xc00 need 0xe00 bytes */
	check_tree_error(DTS_HEAD
			 " law@0 { compatible = \"fsl,corenet-law\"; reg = <0x0 0xd00>;"
			 " fsl,num-laws = <32>; };" DTS_CF DTS_TAIL, -EINVAL,
			 "/soc/law@0", "reg", "cannot hold 32 LAWs");
	/* the CCF block outside the CCSR weir maps */
	check_tree_error(DTS_HEAD DTS_LAW
			 " cf@ff0000 { compatible = \"fsl,corenet-cf\"; reg = <0xff0000 0x1000>;"
			 " fsl,ccf-num-csdids = <32>; };" DTS_TAIL, -ERANGE,
			 "/soc/cf@ff0000", "reg", "outside CCSR");
}

static void test_state_errors(void **state)
{
	static const char dts[] = DTS_HEAD DTS_LAW DTS_CF DTS_TAIL;
	struct dt_error err;
	struct pamu_csd csd;
	unsigned int i;

	/* every CSD ID in use: refused (Linux would write past the table) */
	setup(NULL);
	for (i = 0; i < 32; i++)
		csdid_set(ccsr, i, 0x80000000);
	memcpy(expect, ccsr, sizeof(ccsr));
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 -ENOSPC);
	assert_string_equal(err.node, "/soc/cf@18000");
	assert_ccsr_is_expected();

	/* no LAW maps the tables (DDR LAW only 512 MiB) */
	setup(NULL);
	law_set(ccsr, 3, 0, LAWAR_EN | 0x1000000 | 0x1c);
	memcpy(expect, ccsr, sizeof(ccsr));
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 -ENOENT);
	assert_string_equal(err.node, "/soc/law@0");
	assert_non_null(strstr(err.msg, "0x3ff80000"));
	assert_ccsr_is_expected();

	/*
	 * a LAW holding the start of the tables but not all of them (256 KiB
	 * at 0x3ff80000): refused (Linux checks the start only)
	 */
	setup(NULL);
	law_set(ccsr, 3, TBL_PHYS, LAWAR_EN | 0x1000000 | 0x11);
	memcpy(expect, ccsr, sizeof(ccsr));
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 -ENOENT);
	/* tables not aligned to their size */
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS + 0x1000, TBL_SIZE,
			     &csd, &err), -EINVAL);
	assert_ccsr_is_expected();

	/* every LAW above the DDR LAW is enabled */
	setup(NULL);
	law_set(ccsr, 1, 0xc20000000ULL, LAWAR_EN | 0x0100000 | 0x1c);
	memcpy(expect, ccsr, sizeof(ccsr));
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 -EBUSY);
	assert_ccsr_is_expected();

	/* the DDR LAW is LAW 0: nothing of higher priority exists */
	setup(NULL);
	memset(ccsr, 0, sizeof(ccsr));
	law_set(ccsr, 0, 0, LAWAR_EN | 0x1000000 | 0x1e);
	memcpy(expect, ccsr, sizeof(ccsr));
	assert_int_equal(run(dts, SVR_P4080_20, TBL_PHYS, TBL_SIZE, &csd, &err),
			 -EBUSY);
	assert_ccsr_is_expected();
	assert_int_equal(law_ar(1), 0);
}

/* pamu_csd_create() alone: argument checks write nothing. */
static void test_create_args(void **state)
{
	struct pamu_csd_regs r = { ccsr + LAC, 32, ccsr + CCF, 32 };
	struct pamu_csd csd;

	setup(NULL);
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS, TBL_SIZE, 0, &csd),
			 -EINVAL);
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS, 0x800, 1, &csd),
			 -EINVAL);
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS, 0x30000, 1, &csd),
			 -EINVAL);
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS + 0x1000, TBL_SIZE, 1,
					 &csd), -EINVAL);
	r.num_laws = 0;
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS, TBL_SIZE, 1, &csd),
			 -EINVAL);
	r.num_laws = 32;
	r.ccf = NULL;
	assert_int_equal(pamu_csd_create(&r, TBL_PHYS, TBL_SIZE, 1, &csd),
			 -EINVAL);
	assert_ccsr_is_expected();
	/* a 4 KiB table: size code 0xb */
	r.ccf = ccsr + CCF;
	assert_int_equal(pamu_csd_create(&r, 0x1000, 0x1000, 0x12345678, &csd),
			 0);
	assert_int_equal(csd.lawar, 0x8100100b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_applied_on_affected_svrs),
		cmocka_unit_test(test_nothing_on_other_svrs),
		cmocka_unit_test(test_tree_lacks_information),
		cmocka_unit_test(test_state_errors),
		cmocka_unit_test(test_create_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
