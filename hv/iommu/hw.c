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

u32 iommu_hw_liodn_limit(const void *fdt)
{
	int node, len;
	const u32 *p;
	u32 bits;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		p = fdt_getprop(fdt, node, "fsl,liodn-bits", &len);
		if (!p || len != 4)
			continue;
		bits = fdt32_to_cpu(*p);
		if (bits >= 1 && bits < 12)
			return (1u << bits) - 1;
		break;
	}
	return PLAN_LIODN_LIMIT;
}

u32 iommu_hw_max_liodn(const void *fdt, u32 limit)
{
	u32 max = 0, v;
	int node, len, i;
	const u32 *p;

	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		p = fdt_getprop(fdt, node, "fsl,liodn", &len);
		for (i = 0; p && i < len / 4; i++) {
			v = fdt32_to_cpu(p[i]);
			if (v <= limit && v > max)
				max = v;
		}
	}
	return max;
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
