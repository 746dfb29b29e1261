// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The oracle backend on the host (doc/oracle.md): the scenario runs
 * through weir's own papr_hcall()/papr_rtas_call() (libweir.a of the
 * sandbox build) on one partition owning one DMA group with the default
 * config (dma_group_config_init()), served by the fake IOMMU of the unit
 * tests. It is the fast third column: its output must equal the weir
 * guest's line for line.
 *
 * It applies the 32-bit guest ABI of doc/tce.md: LIOBN and count are one
 * 32-bit register each (so their bits 32-63 never reach weir), IOBA, TCE
 * and list address are register pairs (64 bits); H_RTAS refuses a buffer
 * with nargs + nret > 16 and hands papr_rtas_call() zeroed return cells
 * (hv/hcall/tce.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/papr.h>
#include "helpers/fake_iommu.h"
#include "runner.h"

#define HOST_RAM_PHYS	0x10000000ULL	/* real address of guest RAM */
#define HOST_RAM_SIZE	0x10000000ULL	/* 256 MiB, as the QEMU runs */
#define HOST_LIST_GPA	0x200000ULL	/* the runner's TCE list page */
#define HOST_GROUP	1
#define HOST_BUID	0x0800000020000000ULL
#define HOST_LIODN	1

static struct partition part;

void oracle_be_puts(const char *s)
{
	fputs(s, stdout);
}

long oracle_be_hcall(o_u32 opcode, const o_u64 a[4], o_u64 *r4)
{
	u64 args[8] = { 0 }, ret[4] = { 0 };
	long rc;

	memcpy(args, a, 4 * sizeof(*a));
	/* one 32-bit register each: LIOBN always, count of STUFF/INDIRECT */
	args[0] = (u32)args[0];
	if (opcode == H_STUFF_TCE || opcode == H_PUT_TCE_INDIRECT)
		args[3] = (u32)args[3];
	if (opcode != H_GET_TCE && opcode != H_PUT_TCE &&
	    opcode != H_STUFF_TCE && opcode != H_PUT_TCE_INDIRECT)
		args[1] = args[2] = args[3] = 0;
	rc = papr_hcall(&part, opcode, args, ret);
	if (opcode == H_GET_TCE)
		*r4 = ret[0];
	return rc;
}

long oracle_be_rtas(o_u32 *buf)
{
	u32 cell[3 + 16 + 8], args[16], rets[16];
	unsigned int i, nargs, nret;

	for (i = 0; i < 3 + 16 + 8; i++)
		cell[i] = ofdt_be32(&buf[i]);
	nargs = cell[1];
	nret = cell[2];
	if (nargs + nret > 16 || nargs > 16 || nret > 16)
		return H_PARAMETER;
	for (i = 0; i < nargs; i++)
		args[i] = cell[3 + i];
	/* as hv/hcall/tce.c hc_h_rtas(): return cells start zeroed */
	for (i = 0; i < nret; i++)
		rets[i] = 0;
	papr_rtas_call(&part, cell[0], args, nargs, rets, nret);
	for (i = 0; i < nret; i++) {
		u32 v = cpu_to_be32(rets[i]);

		memcpy(&buf[3 + nargs + i], &v, 4);
	}
	return H_SUCCESS;
}

int main(void)
{
	static struct oracle_env env;
	struct dma_group_config cfg;
	struct fake_iommu *mmu;
	struct dma_group *g;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	fake_partition_init(&part, 1, HOST_RAM_PHYS, HOST_RAM_SIZE);
	mmu = fake_iommu_new(256);
	dma_group_config_init(&cfg);
	cfg.index = HOST_GROUP;
	cfg.buid = HOST_BUID;
	cfg.liodns[0] = HOST_LIODN;
	cfg.nr_liodns = 1;
	if (dma_group_create(&cfg, &part, &mmu->mmu, &g)) {
		fprintf(stderr, "host_runner: dma_group_create failed\n");
		return 1;
	}
	env.name = "host";
	env.list = partition_gpa_ptr(&part, HOST_LIST_GPA, SZ_4K);
	env.sym[OSYM_RAM] = 0;
	env.sym[OSYM_RAMEND] = HOST_RAM_SIZE;
	env.sym[OSYM_LIST] = HOST_LIST_GPA;
	env.sym[OSYM_BUID] = HOST_BUID;
	env.sym[OSYM_CFG] = 0;
	env.sym[OSYM_DEFAULT] = g->win[DMA_WIN_DEFAULT].liobn;
	env.sym[OSYM_DEFAULT_BASE] = g->win[DMA_WIN_DEFAULT].bus_offset;
	env.sym[OSYM_DEFAULT_END] = g->win[DMA_WIN_DEFAULT].bus_offset +
				    g->win[DMA_WIN_DEFAULT].size;
	env.sym[OSYM_TOK_QUERY] = PAPR_RTAS_QUERY_PE_DMA_WINDOW;
	env.sym[OSYM_TOK_CREATE] = PAPR_RTAS_CREATE_PE_DMA_WINDOW;
	env.sym[OSYM_TOK_REMOVE] = PAPR_RTAS_REMOVE_PE_DMA_WINDOW;
	env.sym[OSYM_TOK_RESET] = PAPR_RTAS_RESET_PE_DMA_WINDOW;
	oracle_run(&env);
	dma_group_destroy(g);
	fake_iommu_free(mmu);
	fake_partition_fini(&part);
	return 0;
}
