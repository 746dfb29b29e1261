// SPDX-License-Identifier: GPL-2.0-or-later
/* The hv/dma test environment on the sandbox IOMMU backend (dma_env.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu.h>
#include "dma_env.h"

void fake_partition_init(struct partition *p, unsigned int id,
			 phys_addr_t ram_phys, u64 ram_size)
{
	void *ram = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (ram == MAP_FAILED)
		abort();
	memset(p, 0, sizeof(*p));
	p->id = id;
	snprintf(p->name, sizeof(p->name), "part%u", id);
	p->ram_phys = ram_phys;
	p->ram_size = ram_size;
	p->ram_host = ram;
}

void fake_partition_fini(struct partition *p)
{
	munmap(p->ram_host, p->ram_size);
	p->ram_host = NULL;
}

static void env_group(struct fake_env *e, struct partition *p,
		      unsigned int index, u64 buid, u32 liodn0, u32 liodn1,
		      bool doorbell, struct dma_group **g)
{
	struct dma_group_config cfg;

	dma_group_config_init(&cfg);
	cfg.index = index;
	cfg.buid = buid;
	cfg.liodns[0] = liodn0;
	cfg.nr_liodns = 1;
	if (liodn1) {
		cfg.liodns[1] = liodn1;
		cfg.nr_liodns = 2;
	}
	cfg.has_doorbell = doorbell;
	cfg.doorbell_phys = FAKE_DOORBELL;
	cfg.doorbell_size = SZ_4K;
	if (dma_group_create(&cfg, p, &e->mmu->mmu, g))
		abort();
}

static int env_setup(void **state, bool pamu)
{
	struct fake_env *e = calloc(1, sizeof(*e));

	if (!e)
		abort();
	fake_partition_init(&e->a, 1, FAKE_RAM_A, FAKE_RAM_A_SIZE);
	fake_partition_init(&e->b, 2, FAKE_RAM_B, FAKE_RAM_B_SIZE);
	e->mmu = sandbox_iommu_new(256);
	/* 3 LIODNs, each holding an old and a new run at once; group A's
	 * two LIODNs change together */
	if (pamu)
		sandbox_iommu_shadow(e->mmu, "pamu", 3 * 2 * 256, 2);
	env_group(e, &e->a, FAKE_GROUP_A, FAKE_BUID_A, 1, 2, true, &e->ga);
	env_group(e, &e->b, FAKE_GROUP_B, FAKE_BUID_B, 7, 0, false, &e->gb);
	*state = e;
	return 0;
}

int fake_env_setup(void **state)
{
	return env_setup(state, false);
}

int fake_env_setup_pamu(void **state)
{
	return env_setup(state, true);
}

int fake_env_teardown(void **state)
{
	struct fake_env *e = *state;

	dma_group_destroy(e->ga);
	dma_group_destroy(e->gb);
	sandbox_iommu_free(e->mmu);
	fake_partition_fini(&e->a);
	fake_partition_fini(&e->b);
	free(e);
	return 0;
}

/* The PAPR hcall @op of @p through hcall_call(), on a vCPU of @p. */
static long h_call(struct partition *p, u32 op, const u64 *in, u64 *out)
{
	static struct vcpu v;

	v.part = p;
	return hcall_call(&v, PAPR_EPAPR_TOKEN(op), in, out);
}

long h_put(struct partition *p, u64 liobn, u64 ioba, u64 tce)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, tce }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_PUT_TCE, in, out);
}

long h_get(struct partition *p, u64 liobn, u64 ioba, u64 *r4)
{
	u64 in[HC_MAX_IN] = { liobn, ioba }, out[HC_MAX_OUT] = { liobn };
	long rc = h_call(p, H_GET_TCE, in, out);

	*r4 = out[0];
	return rc;
}

long h_stuff(struct partition *p, u64 liobn, u64 ioba, u64 tce, u64 n)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, tce, n }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_STUFF_TCE, in, out);
}

long h_indirect(struct partition *p, u64 liobn, u64 ioba, u64 list, u64 n)
{
	u64 in[HC_MAX_IN] = { liobn, ioba, list, n }, out[HC_MAX_OUT] = { 0 };

	return h_call(p, H_PUT_TCE_INDIRECT, in, out);
}

void guest_write_list(struct partition *p, u64 gpa, const u64 *tces, u64 n)
{
	u64 *dst = partition_gpa_ptr(p, gpa, n * 8);
	u64 i;

	if (!n)
		return;
	if (!dst)
		abort();
	for (i = 0; i < n; i++)
		dst[i] = cpu_to_be64(tces[i]);
}
