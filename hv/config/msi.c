// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI banks of the partition config (doc/iommu-groups.md, "MSI banks"):
 * the checks boot used to make when it mapped the banks (hv/iommu/boot.c),
 * made on the plan so that tools/weir-plan refuses exactly what boot
 * refuses. A partition gets at most one "fsl,mpic-msi" or
 * "fsl,mpic-msi-v4.3" bank; its doorbell is the MSIIR (MSIIR1) alias of
 * the second "reg" when the node has one, else MSIIR at +0x140
 * (include/weir/msi.h); an MPIC 4.3 bank must have the alias (its MSIIR1
 * has no other address weir knows). Banks whose doorbells share a 4 KiB
 * page cannot go to different partitions (a window maps the whole page:
 * msi_doorbell_page()); at most MSI_MAX_BANKS in all; the register block
 * and the doorbell must lie in CCSR (hw_in_ccsr(), what arch_ccsr_ptr()
 * maps).
 *
 * The doorbell page (doc/tce.md, "The doorbell page"): the PAMU maps the
 * doorbell's whole 4 KiB page write-only, so a DMA master of the owner can
 * write anything in it. A page that holds MPIC registers (a bank's
 * register block, or the MPIC's global registers: GCR resets the MPIC,
 * PIR the cores, timer group A) is that of every bank without an MSIIR
 * alias (QEMU ppce500, pre-QorIQ parts): such a bank is refused unless
 * its config child has MSI_PROP_SHARED_PAGE, and then marked
 * msi_bank_desc.shared_page (boot warns, weir-plan shows it).
 */
#include <errno.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/msi.h>

/* The partition (other than @self) whose bank has its doorbell in @page. */
static const struct part_plan *page_owner(const struct plan *plan,
					  unsigned int self, phys_addr_t page)
{
	unsigned int i;

	for (i = 0; i < plan->nparts; i++)
		if (i != self && plan->part[i].has_msi &&
		    msi_doorbell_page(plan->part[i].msi.doorbell) == page)
			return &plan->part[i];
	return NULL;
}

/*
 * Whether the 4 KiB page @page holds MPIC registers: an MSI bank's
 * register block (MSIRs, MSISR, MSIIR) or the global registers at
 * MSI_MPIC_GREG_BASE of an MPIC ("chrp,open-pic"). An MSIIR (MSIIR1)
 * alias page holds neither on P4080 and T4240 (Linux
 * p4080si-post.dtsi, qoriq-mpic4.3.dtsi).
 */
static bool page_holds_mpic_regs(const void *hwfdt, phys_addr_t page)
{
	static const struct {
		const char *compat;
		phys_addr_t offset; /* of the registers from "reg" */
	} blocks[] = {
		{ MSI_COMPATIBLE, 0 },
		{ MSI_COMPATIBLE_V43, 0 },
		{ "chrp,open-pic", MSI_MPIC_GREG_BASE },
	};
	unsigned int i;
	phys_addr_t at;
	int n;

	for (i = 0; i < ARRAY_SIZE(blocks); i++)
		for (n = fdt_node_offset_by_compatible(hwfdt, -1,
						       blocks[i].compat);
		     n >= 0; n = fdt_node_offset_by_compatible(
				     hwfdt, n, blocks[i].compat))
			if (!fdt_reg_phys(hwfdt, n, 0, &at, NULL) &&
			    msi_doorbell_page(at + blocks[i].offset) == page)
				return true;
	return false;
}

/*
 * The doorbell-page decision for bank @path (config child @child):
 * @d->shared_page set when its page holds MPIC registers and the child
 * acknowledges it. Return: 0; -EPERM when the page holds MPIC registers
 * without MSI_PROP_SHARED_PAGE ("device" named); -EINVAL when that
 * property is given for a page of its own, or has a value.
 */
static int doorbell_page_check(const void *cfg, const void *hwfdt, int child,
			       const char *path, struct msi_bank_desc *d,
			       struct dt_error *err)
{
	phys_addr_t page = msi_doorbell_page(d->doorbell);
	int len = 0;
	bool ack = fdt_getprop(cfg, child, MSI_PROP_SHARED_PAGE, &len);

	if (ack && len)
		return dt_fail(err, cfg, child, MSI_PROP_SHARED_PAGE, -EINVAL,
			       "takes no value");
	d->shared_page = page_holds_mpic_regs(hwfdt, page);
	if (d->shared_page && !ack)
		return dt_fail(
			err, cfg, child, "device", -EPERM,
			"%s: its doorbell 0x%llx shares the 4 KiB page 0x%llx with MPIC registers (GCR resets the MPIC, PIR the cores): a DMA master of the partition could write them; add " MSI_PROP_SHARED_PAGE
			" to accept that",
			path, (unsigned long long)d->doorbell,
			(unsigned long long)page);
	if (!d->shared_page && ack)
		return dt_fail(
			err, cfg, child, MSI_PROP_SHARED_PAGE, -EINVAL,
			"%s: not needed, its doorbell 0x%llx is alone in page 0x%llx",
			path, (unsigned long long)d->doorbell,
			(unsigned long long)page);
	return 0;
}

/*
 * Where bank @node's registers and doorbell are (struct msi_bank_desc).
 * Return: 1 with @d filled; 0 when @node is no MSI bank; -errno with @err
 * naming config node @child ("device").
 */
static int bank_desc(const void *cfg, const void *hwfdt,
		     const struct hw_info *hw, int node, int child,
		     const char *path, struct msi_bank_desc *d,
		     struct dt_error *err)
{
	d->v43 = !fdt_node_check_compatible(hwfdt, node, MSI_COMPATIBLE_V43);
	if (!d->v43 && fdt_node_check_compatible(hwfdt, node, MSI_COMPATIBLE))
		return 0;
	if (fdt_reg_phys(hwfdt, node, 0, &d->phys, NULL))
		return dt_fail(err, cfg, child, "device", -EINVAL,
			       "%s: MSI bank without a usable \"reg\"", path);
	if (fdt_reg_phys(hwfdt, node, 1, &d->doorbell, NULL)) {
		if (d->v43)
			return dt_fail(
				err, cfg, child, "device", -EINVAL,
				"%s: MPIC 4.3 MSI bank without its MSIIR1 alias (second \"reg\" entry)",
				path);
		d->doorbell = d->phys + MSI_MSIIR;
	}
	if (!hw_in_ccsr(hw, d->phys, SZ_4K) ||
	    !hw_in_ccsr(hw, msi_doorbell_page(d->doorbell), SZ_4K))
		return dt_fail(
			err, cfg, child, "device", -ERANGE,
			"%s: MSI bank 0x%llx (doorbell 0x%llx) is outside CCSR",
			path, (unsigned long long)d->phys,
			(unsigned long long)d->doorbell);
	return 1;
}

static int check_bank(const void *cfg, const void *hwfdt,
		      const struct hw_info *hw, struct plan *plan,
		      unsigned int i, unsigned int d, unsigned int *nbanks,
		      struct dt_error *err)
{
	struct part_plan *pp = &plan->part[i];
	const struct part_plan *other;
	int node = pp->hw_dev[d], child = pp->dev_cfg[d];
	struct msi_bank_desc desc;
	char path[96], had[96];
	int ret;

	fdt_path_of(hwfdt, node, path, sizeof(path));
	ret = bank_desc(cfg, hwfdt, hw, node, child, path, &desc, err);
	if (!ret && fdt_getprop(cfg, child, MSI_PROP_SHARED_PAGE, NULL))
		return dt_fail(err, cfg, child, MSI_PROP_SHARED_PAGE, -EINVAL,
			       "%s is no MSI bank", path);
	if (ret <= 0)
		return ret;
	if (pp->has_msi)
		return dt_fail(err, cfg, child, "device", -EBUSY,
			       "%s: a partition gets one MSI bank, '%s' has %s",
			       path, pp->name,
			       fdt_path_of(hwfdt, pp->hw_dev[pp->msi_dev], had,
					   sizeof(had)));
	other = page_owner(plan, i, msi_doorbell_page(desc.doorbell));
	if (other)
		return dt_fail(
			err, cfg, child, "device", -EBUSY,
			"%s: its doorbell shares the 4 KiB page 0x%llx with the MSI bank of partition '%s' (the PAMU maps whole pages)",
			path,
			(unsigned long long)msi_doorbell_page(desc.doorbell),
			other->name);
	if (*nbanks == MSI_MAX_BANKS)
		return dt_fail(err, cfg, child, "device", -E2BIG,
			       "%s: more than %d MSI banks", path,
			       MSI_MAX_BANKS);
	ret = doorbell_page_check(cfg, hwfdt, child, path, &desc, err);
	if (ret)
		return ret;
	(*nbanks)++;
	pp->has_msi = true;
	pp->msi = desc;
	pp->msi_dev = d;
	return 0;
}

int config_msi_banks(const void *cfg, const void *hwfdt,
		     const struct hw_info *hw, struct plan *plan,
		     struct dt_error *err)
{
	unsigned int i, d, nbanks = 0;
	int ret;

	for (i = 0; i < plan->nparts; i++)
		for (d = 0; d < plan->part[i].ndev; d++) {
			ret = check_bank(cfg, hwfdt, hw, plan, i, d, &nbanks,
					 err);
			if (ret)
				return ret;
		}
	return 0;
}
