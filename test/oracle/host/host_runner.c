// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The oracle backend on the host (doc/oracle.md): the scenario runs
 * through weir's own hcall path (libweir.a of the
 * sandbox build) on one partition owning one DMA group with the default
 * config (dma_group_config_init()), served by the sandbox IOMMU backend
 * (drivers/iommu/sandbox). It is the fast third column: its output must equal the weir
 * guest's line for line.
 *
 * Every call enters as the weir guest's does, through hcall_dispatch()
 * on a vCPU of the partition: hcall_call_regs() lays the arguments out
 * in registers by the shapes of include/weir/papr.h (the one statement
 * of the 32-bit register ABI, which the guest follows too), so a LIOBN
 * or count loses bits 32-63 here exactly as in a guest register. H_RTAS
 * gets the rtas_args buffer copied into guest RAM (HOST_RTAS_GPA) and
 * back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include "helpers/dma_env.h"
#include "runner.h"

#define HOST_RAM_PHYS	0x10000000ULL	/* real address of guest RAM */
#define HOST_RAM_SIZE	0x10000000ULL	/* 256 MiB, as the QEMU runs */
#define HOST_LIST_GPA	0x200000ULL	/* the runner's TCE list page */
#define HOST_RTAS_GPA	0x201000ULL	/* the runner's rtas_args buffer */
#define HOST_RTAS_CELLS	(3 + 16 + 8)	/* runner.c's buffer */
#define HOST_GROUP	1
#define HOST_BUID	0x0800000020000000ULL
#define HOST_LIODN	1

static struct partition part;
static struct vcpu vcpu = { .part = &part };

void oracle_be_puts(const char *s)
{
	fputs(s, stdout);
}

long oracle_be_hcall(o_u32 opcode, const o_u64 a[4], o_u64 *r4)
{
	u64 in[HC_MAX_IN] = { a[0], a[1], a[2], a[3] }, out[HC_MAX_OUT] = { 0 };
	long rc = hcall_call_regs(&vcpu, PAPR_EPAPR_TOKEN(opcode), in, out);

	if (opcode == H_GET_TCE)
		*r4 = out[0];
	return rc;
}

long oracle_be_rtas(o_u32 *buf)
{
	u32 *cells = partition_gpa_ptr(&part, HOST_RTAS_GPA,
				       4 * HOST_RTAS_CELLS);
	u64 in[HC_MAX_IN] = { HOST_RTAS_GPA }, out[HC_MAX_OUT] = { 0 };
	long rc;

	memcpy(cells, buf, 4 * HOST_RTAS_CELLS);
	rc = hcall_call_regs(&vcpu, PAPR_EPAPR_TOKEN(H_RTAS), in, out);
	memcpy(buf, cells, 4 * HOST_RTAS_CELLS);
	return rc;
}

int main(void)
{
	static struct oracle_env env;
	struct dma_group_config cfg;
	struct sandbox_iommu *mmu;
	struct dma_group *g;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	fake_partition_init(&part, 1, HOST_RAM_PHYS, HOST_RAM_SIZE);
	mmu = sandbox_iommu_new(256);
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
	sandbox_iommu_free(mmu);
	fake_partition_fini(&part);
	return 0;
}
