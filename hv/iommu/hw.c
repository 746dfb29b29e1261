// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DMA facts of the hardware tree: LIODNs ("fsl,liodn", written by U-Boot
 * arch/powerpc/cpu/mpc85xx/liodn.c on boards), the LIODN width, PCI
 * controllers and their endpoint partitioning, the PAMU units. See
 * include/weir/iommu_groups.h and doc/iommu-groups.md.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>

/*
 * Controllers without a version string that Linux 6.1 fsl_pci.c pci_ids[]
 * binds: none of them partitions endpoints ("fsl,qoriq-pcie" alone is
 * treated the same way, the safe choice).
 */
static const char *const pci_ctrl_compat[] = {
	"fsl,mpc8540-pci",  "fsl,mpc8548-pcie", "fsl,mpc8610-pci",
	"fsl,mpc8641-pcie", "fsl,qoriq-pcie",	"fsl,p1022-pcie",
	"fsl,p4080-pcie",
};

/* Digits at *s as a number; advances *s. -1 when there are none. */
static int parse_num(const char **s)
{
	int v = -1;

	while (**s >= '0' && **s <= '9' && v < 1000) {
		v = (v < 0 ? 0 : v * 10) + (**s - '0');
		(*s)++;
	}
	return v;
}

/*
 * "fsl,qoriq-pcie-vX.Y" -> X * 100 + Y (2.4 -> 204, 3.0 -> 300), as the
 * BRR1 IP version 0x0204 reads; -1 for any other string.
 */
static int qoriq_pcie_version(const char *c)
{
	static const char prefix[] = "fsl,qoriq-pcie-v";
	int major, minor;

	if (strncmp(c, prefix, sizeof(prefix) - 1))
		return -1;
	c += sizeof(prefix) - 1;
	major = parse_num(&c);
	if (major < 0 || *c++ != '.')
		return -1;
	minor = parse_num(&c);
	if (minor < 0 || minor > 99 || *c)
		return -1;
	return major * 100 + minor;
}

enum pci_ctrl_kind iommu_hw_pci_kind(const void *fdt, int node)
{
	enum pci_ctrl_kind kind = PCI_CTRL_NONE;
	const char *c;
	unsigned int k;
	int i, n, v;

	n = fdt_stringlist_count(fdt, node, "compatible");
	for (i = 0; i < n; i++) {
		c = fdt_stringlist_get(fdt, node, "compatible", i, NULL);
		if (!c)
			break;
		v = qoriq_pcie_version(c);
		if (v >= 0)
			return v >= 204 ? PCI_CTRL_PARTITIONED : PCI_CTRL_HOSE;
		for (k = 0; k < ARRAY_SIZE(pci_ctrl_compat); k++)
			if (!strcmp(c, pci_ctrl_compat[k]))
				kind = PCI_CTRL_HOSE;
	}
	return kind;
}

int iommu_hw_liodns(const void *fdt, int node, u32 *out, unsigned int max)
{
	int len, i;
	const u32 *p = fdt_getprop(fdt, node, "fsl,liodn", &len);

	if (!p)
		return 0;
	if (len <= 0 || len % 4)
		return -EINVAL;
	if ((unsigned int)len / 4 > max)
		return -E2BIG;
	for (i = 0; i < len / 4; i++)
		out[i] = fdt32_to_cpu(p[i]);
	return len / 4;
}

void iommu_hw_liodn_range(const void *fdt, u32 *limit, u32 *max)
{
	/* width_max[w]: the largest LIODN of bit width w, so that the one
	 * walk serves a limit (2^bits - 1) found after the LIODNs */
	u32 width_max[33] = { 0 }, v, w;
	bool have_bits = false;
	const char *name;
	int node, off, len, i;
	const u32 *p;

	*limit = PLAN_LIODN_LIMIT;
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL))
		/* one pass over the properties for both names */
		fdt_for_each_property_offset(off, fdt, node)
		{
			p = fdt_getprop_by_offset(fdt, off, &name, &len);
			if (!p || !name)
				continue;
			if (!strcmp(name, "fsl,liodn-bits") && len == 4 &&
			    !have_bits) {
				have_bits = true;
				v = fdt32_to_cpu(*p);
				if (v >= 1 && v < 12)
					*limit = (1u << v) - 1;
			} else if (!strcmp(name, "fsl,liodn")) {
				for (i = 0; i < len / 4; i++) {
					v = fdt32_to_cpu(p[i]);
					w = v ? 32 - (u32)__builtin_clz(v) : 0;
					if (v > width_max[w])
						width_max[w] = v;
				}
			}
		}
	*max = 0;
	for (w = 0; w < 33; w++)
		if (width_max[w] <= *limit && width_max[w] > *max)
			*max = width_max[w];
}

int iommu_hw_units(const void *fdt, int node, phys_addr_t *phys,
		   unsigned int max, unsigned int *n, struct dt_error *err)
{
	phys_addr_t base;
	unsigned int i;
	u64 size;

	*n = 0;
	if (node < 0)
		return 0;
	if (fdt_reg_phys(fdt, node, 0, &base, &size) || !size ||
	    !IS_ALIGNED(size, SZ_4K) || !IS_ALIGNED(base, SZ_4K))
		return dt_fail(
			err, fdt, node, "reg", -EINVAL,
			"hardware tree: need one block of 4 KiB PAMU units");
	if (size / SZ_4K > max)
		return dt_fail(err, fdt, node, "reg", -E2BIG,
			       "hardware tree: %llu PAMU units, at most %u",
			       (unsigned long long)(size / SZ_4K), max);
	for (i = 0; i < size / SZ_4K; i++)
		phys[i] = base + i * SZ_4K;
	*n = i;
	return 0;
}
