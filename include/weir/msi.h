/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MSI banks (doc/tce.md, "MSI doorbell"): an MPIC MSI bank
 * ("fsl,mpic-msi", Linux arch/powerpc/sysdev/fsl_msi.c) assigned to a
 * partition with a `device` child. weir maps the bank's MSIIR page 1:1,
 * write-only, at the reserved MSI range of every window the partition
 * owns, collects the bank's MSIR registers (when the bank's interrupt
 * fires: msi_bank_irq(); from weir's tick where none is wired) and raises one
 * vPIC source per MSIR register; the guest reads and clears the collected
 * bits with FH_VMPIC_GET_MSIR, as under the NXP hypervisor (Linux
 * fsl_msi.c, FSL_PIC_IP_VMPIC). Register layout (QorIQ RM "MSI
 * registers"; QEMU hw/intc/openpic.c): MSIR0..7 at +0x00..+0x70 (read
 * clears), MSISR at +0x120, MSIIR at +0x140.
 *
 * The doorbell. QorIQ trees give each bank a second "reg": the bank's
 * MSIIR alias, alone in its own 4 KiB page (0x44140, 0x45140, ... of
 * CCSR; shared/reference/pamu-and-linux-guest.md §2). weir maps that page
 * when the node has it, as the NXP hypervisor does since its commit
 * 76b6183: the page of MSIIR at +0x140 holds every bank's registers and
 * the MPIC's global timers, which a device must not be able to write.
 * Without the alias (QEMU's ppce500, pre-QorIQ parts) the doorbell is
 * MSIIR at +0x140.
 *
 * MPIC 4.3 ("fsl,mpic-msi-v4.3", e6500 parts): 16 MSIR registers
 * (+0x00..+0xf0) and the doorbell is the MSIIR1 alias of the second
 * "reg", whose data word is encoded differently (below); Linux 6.1
 * sysdev/fsl_msi.c, arch/powerpc/boot/dts/fsl/qoriq-mpic4.3.dtsi.
 *
 * The MSI data word a device writes to the doorbell (32 bits,
 * little-endian, as PCI): hwirq = (MSIR index << SRS shift) | (bit <<
 * IBS shift), Linux fsl_msi.c msi_hwirq(): MSIIR SRS 5 / IBS 0, MSIIR1
 * SRS 0 / IBS 4.
 */
#ifndef WEIR_MSI_H
#define WEIR_MSI_H

#include <weir/types.h>
#include <weir/vpic.h>

struct partition;

#define MSI_NR_MSIR 8	   /* MSIR registers of an MSIIR bank */
#define MSI_NR_MSIR_V43 16 /* ... of an MPIC 4.3 (MSIIR1) bank */
#define MSI_MAX_MSIR MSI_NR_MSIR_V43
#define MSI_MSIR(n) (0x10 * (n))
#define MSI_MSISR 0x120
#define MSI_MSIIR 0x140
#define MSI_SRS_SHIFT 5	    /* MSI data: register select (MSIIR) */
#define MSI_IBS_SHIFT 0	    /* MSI data: bit select (MSIIR) */
#define MSI_SRS_SHIFT_V43 0 /* ... (MSIIR1) */
#define MSI_IBS_SHIFT_V43 4
#define MSI_MAX_BANKS 4

/* The banks weir gives partitions (what their guests see: the
 * DT_COMPAT_VMPIC_MSI* names of include/weir/guest_dt_abi.h). */
#define MSI_COMPATIBLE "fsl,mpic-msi"
#define MSI_COMPATIBLE_V43 "fsl,mpic-msi-v4.3"

/*
 * The 4 KiB page of the doorbell register at real address @doorbell:
 * what a window maps, so the unit of assignment (the PAMU maps whole
 * pages): two banks whose doorbells share a page cannot go to different
 * partitions.
 */
static inline phys_addr_t msi_doorbell_page(phys_addr_t doorbell)
{
	return doorbell & ~(phys_addr_t)(SZ_4K - 1);
}

/* The vPIC source of MSIR register @n (n < MSI_MAX_MSIR). */
#define VPIC_IRQ_MSI(n) VPIC_IRQ(8 + (n))

/**
 * struct msi_bank_desc - an MSI bank as the hardware tree describes it
 * (config_msi_banks() in hv/config/msi.c finds and checks it)
 * @phys:     real address of the register block (MSIR0 at +0)
 * @doorbell: real address of the register devices write: the MSIIR or
 *            MSIIR1 alias of the second "reg", else @phys + MSI_MSIIR
 * @v43:      MPIC 4.3 bank: 16 MSIRs, MSIIR1 data encoding
 * @shared_page: the doorbell's page also holds MPIC registers (no MSIIR
 *            alias: QEMU ppce500, pre-QorIQ parts), so a DMA master of
 *            the owner can write them; only with the config's
 *            MSI_PROP_SHARED_PAGE (doc/tce.md, "The doorbell page")
 */
struct msi_bank_desc {
	phys_addr_t phys;
	phys_addr_t doorbell;
	bool v43;
	bool shared_page;
};

/*
 * The config child's acknowledgement that its bank's doorbell page holds
 * the MPIC's global registers (doc/bindings/weir-config.md).
 */
#define MSI_PROP_SHARED_PAGE "weir,doorbell-shares-mpic-page"
/* Offset of the MPIC's global registers (GCR, PIR, timers A) from its
 * base (Linux arch/powerpc/include/asm/mpic.h MPIC_GREG_BASE). */
#define MSI_MPIC_GREG_BASE 0x1000

struct msi_bank {
	struct partition *owner;
	struct msi_bank_desc d;
	unsigned int nr_msir;	/* MSI_NR_MSIR or MSI_NR_MSIR_V43 */
	volatile u32 *regs;	/* weir's mapping of the block */
	volatile u32 *doorbell; /* ... and of the doorbell register */
	u32 msir[MSI_MAX_MSIR]; /* collected, not yet read by the guest */
	bool irq_wired;		/* its interrupts are taken: not polled */
};

/**
 * msi_bank_add() - give bank @d (its block mapped at @regs, its doorbell
 * register at @doorbell) to partition @p and claim its vPIC sources, one
 * per MSIR register
 * Return: 0; -EBUSY when @p already has a bank or another partition's
 * doorbell shares the 4 KiB page (the PAMU cannot keep them apart);
 * -ENOSPC when MSI_MAX_BANKS are in use; vpic_claim()'s errors.
 */
int msi_bank_add(struct partition *p, const struct msi_bank_desc *d,
		 volatile u32 *regs, volatile u32 *doorbell);

/* SRS and IBS shifts of @b's MSI data word (see the top of this file). */
static inline void msi_bank_shifts(const struct msi_bank *b, u32 *srs, u32 *ibs)
{
	*srs = b->d.v43 ? MSI_SRS_SHIFT_V43 : MSI_SRS_SHIFT;
	*ibs = b->d.v43 ? MSI_IBS_SHIFT_V43 : MSI_IBS_SHIFT;
}

/* The bank of @p, or NULL. */
struct msi_bank *msi_bank_of(const struct partition *p);

/* The bank whose doorbell page contains real address @phys, or NULL. */
struct msi_bank *msi_bank_by_page(phys_addr_t phys);

/**
 * msi_doorbell_write() - a device write of @len bytes from @src to real
 * address @phys, which must be a bank's doorbell register (4 bytes)
 * Return: 0, or -EFAULT for anything else (nothing written).
 */
int msi_doorbell_write(phys_addr_t phys, const void *src, u64 len);

/* Collect pending MSIs of every bank whose interrupts are not wired and
 * raise the owners' sources (weir's tick). */
void msi_poll(void);

/* Collect the pending MSIs of bank @b (its MSIR interrupt fired). */
void msi_bank_irq(struct msi_bank *b);

/**
 * msi_get_msir() - FH_VMPIC_GET_MSIR for @p's source @irq: the collected
 * bits of that MSIR register, cleared
 * Return: 0, or -EINVAL when @irq is not one of @p's MSI sources.
 */
int msi_get_msir(struct partition *p, u32 irq, u32 *value);

/* Drop the MSIs collected for @p and not yet read (partition restart). */
void msi_partition_reset(struct partition *p);

/* Forget every bank (host tests). */
void msi_reset_all(void);

#endif
