// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oracle: the weir column of the PAPR oracle (doc/oracle.md). Runs the
 * scenario tables compiled from test/oracle/scenarios (embedded at build
 * time, mk/oracle.mk) through weir's PAPR ABI (doc/tce.md "Guest ABI"):
 * `sc 1` with r11 = (3 << 16) | opcode, the registers laid out by the
 * shapes of include/weir/papr.h (the LIOBN and counts one register each,
 * IOBA, TCE and list address register pairs, r4:r5 the H_GET_TCE
 * output), as the host runner lays them out; DDW calls through H_RTAS
 * (r3 = the rtas_args buffer). The window, BUID and tokens come from the first
 * guest-tree node with "ibm,dma-window". It prints the runner's lines
 * (test/oracle/runner/runner.c), then stops its partition.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"
#include "runner.h"
#include "scenarios.c"
#include "../oracle/runner/runner.c"


static unsigned char list_page[4096] __attribute__((aligned(4096)));

void oracle_be_puts(const char *s)
{
	fputs(s, stdout);
}

/* The register shape of each PAPR call the runner issues
 * (include/weir/papr.h); an unknown opcode gets one register per argument. */
static unsigned int shape_of(o_u32 opcode)
{
	switch (opcode) {
	case H_GET_TCE:
		return H_GET_TCE_SHAPE;
	case H_PUT_TCE:
		return H_PUT_TCE_SHAPE;
	case H_STUFF_TCE:
		return H_STUFF_TCE_SHAPE;
	case H_PUT_TCE_INDIRECT:
		return H_PUT_TCE_INDIRECT_SHAPE;
	default:
		return HC_SHAPE(4, 0, 0, 0);
	}
}

long oracle_be_hcall(o_u32 opcode, const o_u64 a[4], o_u64 *r4)
{
	unsigned int shape = shape_of(opcode);
	uint64_t in[4] = { a[0], a[1], a[2], a[3] }, ret[1] = { 0 };
	u32 args[8] = { 0 }, out[8] = { 0 };
	long rc;

	hc_abi_to_regs(HC_SHAPE_NIN(shape), HC_SHAPE_IN_PAIRS(shape), in, args);
	rc = (s32)hcall_raw(PAPR_EPAPR_TOKEN(opcode), args, out);
	hc_abi_from_regs(HC_SHAPE_NOUT(shape), HC_SHAPE_OUT_PAIRS(shape),
			 &out[1], ret);
	if (opcode == H_GET_TCE)
		*r4 = ret[0];
	return rc;
}

long oracle_be_rtas(o_u32 *buf)
{
	u32 args[8] = { (u32)buf };

	return (s32)hcall_raw(PAPR_EPAPR_TOKEN(H_RTAS), args, NULL);
}

static o_u64 be_cells(const void *p, int n)
{
	const unsigned char *b = p;
	o_u64 v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 32 | ofdt_be32(b + 4 * i);
	return v;
}

static void __attribute__((noreturn)) fail(const char *why)
{
	printf("F %s\n", why);
	guest_stop();
}

void guest_main(void *fdt)
{
	static struct oracle_env env;
	const unsigned char *dw, *app, *ext, *buid;
	const fdt32_t *v;
	int node, len, ac = 2, sc = 2;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		if (fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, NULL))
			break;
	if (node < 0)
		fail("no node with ibm,dma-window (no DMA group?)");
	dw = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, &len);
	if ((v = fdt_getprop(fdt, node, "ibm,#dma-address-cells", NULL)))
		ac = (int)fdt32_to_cpu(*v);
	if ((v = fdt_getprop(fdt, node, "ibm,#dma-size-cells", NULL)))
		sc = (int)fdt32_to_cpu(*v);
	if (len < 4 * (1 + ac + sc))
		fail("short ibm,dma-window");
	app = fdt_getprop(fdt, node, DT_PROP_DDW_APPLICABLE, &len);
	if (!app || len < 12)
		fail("no ibm,ddw-applicable");
	ext = fdt_getprop(fdt, node, DT_PROP_DDW_EXTENSIONS, &len);
	if (!ext || len < 8)
		fail("no reset token in ibm,ddw-extensions");
	buid = fdt_getprop(fdt, node, DT_PROP_BUID, &len);
	if (!buid || len != 8)
		fail("no weir,buid");

	env.name = "weir";
	env.list = list_page;
	env.sym[OSYM_RAM] = 0;
	env.sym[OSYM_RAMEND] = guest.ram_size;
	env.sym[OSYM_LIST] = (u32)list_page;	/* EA == GPA (entry mapping) */
	env.sym[OSYM_BUID] = be_cells(buid, 2);
	env.sym[OSYM_CFG] = 0;
	env.sym[OSYM_DEFAULT] = ofdt_be32(dw);
	env.sym[OSYM_DEFAULT_BASE] = be_cells(dw + 4, ac);
	env.sym[OSYM_DEFAULT_END] = env.sym[OSYM_DEFAULT_BASE] +
				    be_cells(dw + 4 + 4 * ac, sc);
	env.sym[OSYM_TOK_QUERY] = ofdt_be32(app);
	env.sym[OSYM_TOK_CREATE] = ofdt_be32(app + 4);
	env.sym[OSYM_TOK_REMOVE] = ofdt_be32(app + 8);
	env.sym[OSYM_TOK_RESET] = ofdt_be32(ext + 4);
	oracle_run(&env);
	fflush(stdout);
}
