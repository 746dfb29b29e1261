// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * PAMU errata that program registers outside the PAMU units, applied at
 * boot before any unit is enabled (doc/pamu.md, "Errata"). Today that is
 * A-004510, on the SVRs of the quirk table (drivers/iommu/pamu/quirks.c):
 * the tables get a coherence subdomain of their own, as Linux 6.1
 * drivers/iommu/fsl_pamu.c fsl_pamu_probe() does with create_csd().
 */
#include <errno.h>
#include <stdio.h>
#include <libfdt.h>
#include <weir/fdt_util.h>
#include <weir/iommu_groups.h>
#include "pamu.h"

/* Node @compat: "reg" entry 0 and the one-cell count @prop, non-zero. */
static int csd_block(const void *fdt, const char *compat, const char *prop,
		     int *node, phys_addr_t *phys, u64 *size, u32 *count,
		     struct dt_error *err)
{
	const fdt32_t *p;
	int len;

	*node = fdt_node_offset_by_compatible(fdt, -1, compat);
	if (*node < 0) {
		snprintf(err->node, sizeof(err->node), "/");
		snprintf(err->prop, sizeof(err->prop), "compatible");
		snprintf(
			err->msg, sizeof(err->msg),
			"hardware tree: no \"%s\" node, which erratum A-004510 needs",
			compat);
		return -ENODEV;
	}
	if (fdt_reg_phys(fdt, *node, 0, phys, size) || !*size)
		return dt_fail(
			err, fdt, *node, "reg", -EINVAL,
			"hardware tree: erratum A-004510 needs this block's address");
	p = fdt_getprop(fdt, *node, prop, &len);
	if (!p || len != 4 || !fdt32_to_cpu(*p))
		return dt_fail(
			err, fdt, *node, prop, -EINVAL,
			"hardware tree: erratum A-004510 needs this count (one non-zero cell)");
	*count = fdt32_to_cpu(*p);
	return 0;
}

int pamu_csd_info(const void *fdt, struct pamu_csd_info *ci,
		  struct dt_error *err)
{
	int ret;

	ret = csd_block(fdt, "fsl,corenet-law", "fsl,num-laws", &ci->lac_node,
			&ci->lac_phys, &ci->lac_size, &ci->num_laws, err);
	if (ret)
		return ret;
	if (ci->lac_size <
	    CCSR_LAW_OFFSET + (u64)ci->num_laws * CCSR_LAW_STRIDE)
		return dt_fail(
			err, fdt, ci->lac_node, "reg", -EINVAL,
			"hardware tree: %llu bytes cannot hold %u LAWs at 0x%x",
			(unsigned long long)ci->lac_size, ci->num_laws,
			CCSR_LAW_OFFSET);
	ret = csd_block(fdt, "fsl,corenet-cf", "fsl,ccf-num-csdids",
			&ci->ccf_node, &ci->ccf_phys, &ci->ccf_size,
			&ci->num_csdids, err);
	if (ret)
		return ret;
	if (ci->num_csdids > 256)
		return dt_fail(err, fdt, ci->ccf_node, "fsl,ccf-num-csdids",
			       -EINVAL,
			       "hardware tree: %u CSD IDs, LAWAR holds 256",
			       ci->num_csdids);
	if (ci->ccf_size < CCF_CSDID_OFFSET + (u64)ci->num_csdids * 4)
		return dt_fail(
			err, fdt, ci->ccf_node, "reg", -EINVAL,
			"hardware tree: %llu bytes cannot hold %u CSD IDs at 0x%x",
			(unsigned long long)ci->ccf_size, ci->num_csdids,
			CCF_CSDID_OFFSET);
	return 0;
}

static int csd_fail(struct dt_error *err, const void *fdt,
		    const struct pamu_csd_info *ci, int ret, phys_addr_t phys,
		    u64 size)
{
	switch (ret) {
	case -ENOSPC:
		return dt_fail(
			err, fdt, ci->ccf_node, "fsl,ccf-num-csdids", ret,
			"erratum A-004510: all %u CSD ID registers are in use",
			ci->num_csdids);
	case -ENOENT:
		return dt_fail(
			err, fdt, ci->lac_node, "fsl,num-laws", ret,
			"erratum A-004510: no enabled LAW maps the PAMU tables 0x%llx+0x%llx",
			(unsigned long long)phys, (unsigned long long)size);
	case -EBUSY:
		return dt_fail(
			err, fdt, ci->lac_node, "fsl,num-laws", ret,
			"erratum A-004510: no free LAW of higher priority than the one mapping the PAMU tables");
	default:
		return dt_fail(
			err, fdt, ci->lac_node, "reg", ret,
			"erratum A-004510: cannot map the PAMU tables 0x%llx+0x%llx (%d)",
			(unsigned long long)phys, (unsigned long long)size,
			ret);
	}
}

/**
 * pamu_errata_a004510() - apply erratum A-004510 when the SoC needs it
 * @hwfdt: hardware tree (the "fsl,corenet-law" and "fsl,corenet-cf" nodes)
 * @svr:   the SoC's SVR (E bit ignored)
 * @phys:  real address of the PAMU tables, bytes
 * @size:  their size in bytes (power of two, @phys aligned to it)
 * @map:   weir's mapping of a real CCSR range (arch_ccsr_ptr(); a fake
 *         CCSR in host tests), NULL when outside CCSR
 * @csd:   what was programmed; zeroed (port_id 0) when not applied
 * @err:   on failure, the node and property at fault and why
 *
 * On SVRs without the erratum (pamu_csd_port_id() == 0) nothing is read
 * or written and @map is not called. Otherwise the LAW and CCF blocks of
 * the hardware tree (pamu_csd_info()) are mapped and
 * pamu_csd_create() puts the tables in a CSD of their own. Linux fails
 * the PAMU probe when this fails; weir stops the boot, since the PAMU
 * must not be enabled on such a part without it.
 * Return: 0; pamu_csd_info()'s errors (-ENODEV: a node is missing,
 * -EINVAL); -ERANGE (a block outside CCSR); pamu_csd_create()'s errors
 * (-ENOSPC, -ENOENT, -EBUSY, -EINVAL).
 */
int pamu_errata_a004510(const void *hwfdt, u32 svr, phys_addr_t phys, u64 size,
			void *(*map)(phys_addr_t phys, u64 len),
			struct pamu_csd *csd, struct dt_error *err)
{
	u32 port_id = pamu_csd_port_id(svr);
	struct pamu_csd_regs r;
	struct pamu_csd_info ci;
	int ret;

	*csd = (struct pamu_csd){ 0 };
	if (!port_id)
		return 0;
	ret = pamu_csd_info(hwfdt, &ci, err);
	if (ret)
		return ret;
	r = (struct pamu_csd_regs){
		.lac = map(ci.lac_phys, ci.lac_size),
		.num_laws = ci.num_laws,
		.ccf = map(ci.ccf_phys, ci.ccf_size),
		.num_csdids = ci.num_csdids,
	};
	if (!r.lac)
		return dt_fail(err, hwfdt, ci.lac_node, "reg", -ERANGE,
			       "erratum A-004510: LAW block outside CCSR");
	if (!r.ccf)
		return dt_fail(err, hwfdt, ci.ccf_node, "reg", -ERANGE,
			       "erratum A-004510: CCF block outside CCSR");
	ret = pamu_csd_create(&r, phys, size, port_id, csd);
	return ret ? csd_fail(err, hwfdt, &ci, ret, phys, size) : 0;
}
