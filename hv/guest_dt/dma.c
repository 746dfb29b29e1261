// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DMA part of a partition's guest tree (doc/bindings/weir-config.md,
 * "DMA in the guest tree"): one node per IOMMU group the partition owns,
 * describing its default window the way a pSeries PCI node does
 * (LoPAR "ibm,dma-window", "ibm,ddw-applicable", "ibm,ddw-extensions";
 * Linux arch/powerpc/platforms/pseries/iommu.c reads them) plus the NXP
 * hypervisor's "fsl,hv-dma-handle" (Linux drivers/virt/fsl_hypervisor.c)
 * and weir's own capability properties; a /rtas node with the DDW tokens
 * and the hcall feature list (pseries firmware.c reads
 * "ibm,hypertas-functions"); and the error-queue handles.
 */
#include <stdio.h>
#include <string.h>
#include <weir/dma.h>
#include <weir/dma_engine.h>
#include <weir/errq.h>
#include <weir/guest_dt.h>
#include <weir/guest_dt_abi.h>
#include <weir/msi.h>
#include <weir/papr.h>
#include <weir/partition.h>
#include <weir/vpic.h>
#include "guest_dt_priv.h"

static void prop_cells(struct gdt *g, const char *name, const u32 *v,
		       unsigned int n)
{
	fdt32_t be[6];
	unsigned int i;

	for (i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	prop(g, name, be, (int)(n * sizeof(be[0])));
}

/* Offset of the MSIIR inside the doorbell page mapped at msi_iova. */
static u64 msiir_offset(const struct dma_group *grp)
{
	const struct msi_bank *b = msi_bank_of(grp->owner);

	return b ? b->d.doorbell % SZ_4K : 0;
}

u64 guest_dt_msi_address(const struct partition *p, u64 buid)
{
	unsigned int i;

	for (i = 0; i < DMA_MAX_GROUPS; i++) {
		const struct dma_group *grp = dma_group_by_index(i);

		if (grp && grp->owner == p && grp->cfg.buid == buid &&
		    grp->cfg.has_doorbell)
			return grp->cfg.msi_iova + msiir_offset(grp);
	}
	return 0;
}

/* The group's reserved MSI range and its doorbell's IOVA. */
static void add_group_msi(struct gdt *g, const struct dma_group *grp)
{
	const struct dma_group_config *c = &grp->cfg;

	if (c->msi_len) {
		const u32 r[4] = { (u32)(c->msi_iova >> 32), (u32)c->msi_iova,
				   (u32)(c->msi_len >> 32), (u32)c->msi_len };

		prop_cells(g, "weir,msi-window", r, 4);
	}
	if (c->has_doorbell)
		prop_u64(g, "msi-address-64", c->msi_iova + msiir_offset(grp));
}

static void add_group(struct gdt *g, const struct dma_group *grp)
{
	static const char hcalls[] = "hcall-tce\0hcall-multi-tce";
	const struct dma_group_config *c = &grp->cfg;
	u64 tces = c->default_size >> c->default_page_shift;
	u64 slots = tces < grp->caps.max_subwindows ? tces :
						      grp->caps.max_subwindows;
	const char *base = strrchr(grp->path, '/');
	char name[48];
	u32 win[5] = { DMA_LIOBN(c->index, DMA_WIN_DEFAULT), 0, 0,
		       (u32)(c->default_size >> 32), (u32)c->default_size };

	if (base && base[1])
		snprintf(name, sizeof(name), "%s", base + 1);
	else
		snprintf(name, sizeof(name), "dma@%x", c->index);
	begin(g, name);
	prop_str(g, "compatible",
		 dma_engine_is(grp) ? DT_COMPAT_DMA_ENGINE :
				      DT_COMPAT_DMA_GROUP);
	prop_u32(g, DT_PROP_DMA_HANDLE, DMA_HANDLE(c->index));
	prop_u32(g, "weir,iommu-group", c->index);
	if (c->identity) {
		/* bus address = guest-physical: no TCE or DDW call */
		prop_str(g, "weir,dma-window-type", "identity");
		prop_u64(g, "weir,dma-window-size", c->default_size);
		add_group_msi(g, grp);
		end(g);
		return;
	}
	prop_u32(g, "ibm,#dma-address-cells", 2);
	prop_u32(g, "ibm,#dma-size-cells", 2);
	prop_cells(g, DT_PROP_DMA_WINDOW, win, 5);
	prop(g, "weir,hcalls", hcalls, sizeof(hcalls));
	prop_u32(g, DT_PROP_DMA_PAGE_SHIFT, c->default_page_shift);
	prop_u64(g, "weir,dma-max-tces", tces);
	prop_u32(g, "weir,dma-subwindows", (u32)slots);
	prop_str(g, "weir,dma-reflection", tces == slots ? "exact" : "bounded");
	if (c->ddw_page_mask) {
		const u32 app[3] = { PAPR_RTAS_QUERY_PE_DMA_WINDOW,
				     PAPR_RTAS_CREATE_PE_DMA_WINDOW,
				     PAPR_RTAS_REMOVE_PE_DMA_WINDOW };
		const u32 ext[3] = { PAPR_DDW_EXT_COUNT,
				     PAPR_RTAS_RESET_PE_DMA_WINDOW,
				     PAPR_DDW_EXT_QUERY_OUT6 };

		prop_cells(g, DT_PROP_DDW_APPLICABLE, app, 3);
		prop_cells(g, DT_PROP_DDW_EXTENSIONS, ext, 3);
		prop_u32(g, "weir,ddw-page-sizes", c->ddw_page_mask);
		prop_u64(g, DT_PROP_BUID, c->buid);
	}
	add_group_msi(g, grp);
	end(g);
}

/*
 * guest_dt_add_msi(): the partition's MSI bank as the NXP hypervisor
 * shows it: a "fsl,vmpic-msi" node, "fsl,vmpic-msi-v4.3" for an MPIC
 * 4.3 bank (Linux sysdev/fsl_msi.c, FSL_PIC_IP_VMPIC: reads the MSIR
 * through FH_VMPIC_GET_MSIR; the v4.3 name selects the MSIIR1 data
 * encoding) whose interrupts are the vPIC sources of its 8 or 16 MSIR
 * registers, and "msi-address-64" = the doorbell's IOVA in the first
 * group's window; "weir,msiir-*-shift" give the data word's encoding to
 * weir's own test guests. fsl_msi.c takes the address devices write
 * from the PCI controller's "msi-address-64" (guest_dt_msi_address()).
 */
void guest_dt_add_msi(struct gdt *g, const struct partition *p)
{
	const struct msi_bank *b = msi_bank_of(p);
	const struct dma_group *grp = NULL;
	fdt32_t irqs[2 * MSI_MAX_MSIR];
	unsigned int n;
	u32 srs, ibs;

	if (!b)
		return;
	/* the doorbell IOVA of its first group */
	for (n = 0; n < DMA_MAX_GROUPS && !grp; n++) {
		grp = dma_group_by_index(n);
		if (grp && grp->owner != p)
			grp = NULL;
	}
	for (n = 0; n < b->nr_msir; n++) {
		irqs[2 * n] = cpu_to_fdt32(VPIC_IRQ_MSI(n));
		irqs[2 * n + 1] = cpu_to_fdt32(GUEST_DT_SENSE_LEVEL_LOW);
	}
	begin(g, "msi");
	prop_str(g, "compatible",
		 b->d.v43 ? DT_COMPAT_VMPIC_MSI_V43 : DT_COMPAT_VMPIC_MSI);
	prop(g, "interrupts", irqs, (int)(2 * b->nr_msir * sizeof(irqs[0])));
	if (grp && grp->cfg.has_doorbell)
		prop_u64(g, "msi-address-64",
			 grp->cfg.msi_iova + msiir_offset(grp));
	msi_bank_shifts(b, &srs, &ibs);
	prop_u32(g, "weir,msiir-srs-shift", srs);
	prop_u32(g, "weir,msiir-ibs-shift", ibs);
	end(g);
}

void guest_dt_add_dma(struct gdt *g, const struct partition *p)
{
	const struct dma_group *first = NULL;
	unsigned int i;

	for (i = 0; i < DMA_MAX_GROUPS; i++) {
		const struct dma_group *grp = dma_group_by_index(i);

		if (grp && grp->owner == p) {
			add_group(g, grp);
			if (!first)
				first = grp;
		}
	}
	if (!first)
		return;
	begin(g, "rtas");
	prop(g, "ibm,hypertas-functions", "hcall-tce\0hcall-multi-tce",
	     sizeof("hcall-tce\0hcall-multi-tce"));
	prop_u32(g, "ibm,query-pe-dma-window", PAPR_RTAS_QUERY_PE_DMA_WINDOW);
	prop_u32(g, "ibm,create-pe-dma-window", PAPR_RTAS_CREATE_PE_DMA_WINDOW);
	prop_u32(g, "ibm,remove-pe-dma-window", PAPR_RTAS_REMOVE_PE_DMA_WINDOW);
	prop_u32(g, "ibm,reset-pe-dma-window", PAPR_RTAS_RESET_PE_DMA_WINDOW);
	prop_u32(g, "weir,rtas-hcall", PAPR_EPAPR_TOKEN(H_RTAS));
	end(g);
}

static void add_queue(struct gdt *g, const char *name, u32 handle, u32 irq,
		      u32 pic_cells)
{
	char node[32];

	snprintf(node, sizeof(node), "%s@%x", name, handle);
	begin(g, node);
	prop_str(g, "compatible", DT_COMPAT_ERROR_QUEUE);
	prop_u32(g, "reg", handle);
	prop_u32(g, DT_PROP_HV_HANDLE, handle);
	if (irq) {
		const u32 irqs[2] = { irq, GUEST_DT_SENSE_LEVEL_LOW };

		prop_cells(g, "interrupts", irqs, pic_cells == 2 ? 2 : 1);
	}
	end(g);
}

void guest_dt_add_error_queues(struct gdt *g, const struct partition *p,
			       u32 pic_cells)
{
	add_queue(g, "guest-error-queue", ERRQ_HANDLE_GUEST, VPIC_IRQ_ERRQ,
		  pic_cells);
	if (p->manager)
		add_queue(g, "global-error-queue", ERRQ_HANDLE_GLOBAL, 0,
			  pic_cells);
}
