/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * MSI banks (doc/tce.md, "MSI doorbell"): an MPIC MSI bank
 * ("fsl,mpic-msi", Linux arch/powerpc/sysdev/fsl_msi.c) assigned to a
 * partition with a `device` child. weir maps the bank's MSIIR page 1:1,
 * write-only, at the reserved MSI range of every window the partition
 * owns, collects the bank's MSIR registers (from its tick) and raises one
 * vPIC source per MSIR register; the guest reads and clears the collected
 * bits with FH_VMPIC_GET_MSIR, as under the NXP hypervisor (Linux
 * fsl_msi.c, FSL_PIC_IP_VMPIC). Register layout (QorIQ RM "MSI
 * registers"; QEMU hw/intc/openpic.c): MSIR0..7 at +0x00..+0x70 (read
 * clears), MSISR at +0x120, MSIIR at +0x140 (SRS = value >> 29, IBS =
 * (value >> 24) & 0x1f).
 */
#ifndef WEIR_MSI_H
#define WEIR_MSI_H

#include <weir/types.h>
#include <weir/vpic.h>

struct partition;

#define MSI_NR_MSIR		8	/* shared interrupt registers per bank */
#define MSI_MSIR(n)		(0x10 * (n))
#define MSI_MSISR		0x120
#define MSI_MSIIR		0x140
#define MSI_SRS_SHIFT		29	/* MSIIR value: register select */
#define MSI_IBS_SHIFT		24	/* MSIIR value: bit select */
#define MSI_MAX_BANKS		4

/* Banks weir uses; the MPIC 4.3 ones (MSIIR1) are refused. */
#define MSI_COMPATIBLE		"fsl,mpic-msi"
#define MSI_COMPATIBLE_V43	"fsl,mpic-msi-v4.3"

/*
 * The 4 KiB page of the MSIIR of the bank at real address @bank: what a
 * window maps as the doorbell, so the unit of assignment (the PAMU maps
 * whole pages): two banks in one page cannot go to different partitions.
 */
static inline phys_addr_t msi_doorbell_page(phys_addr_t bank)
{
	return (bank + MSI_MSIIR) & ~(phys_addr_t)(SZ_4K - 1);
}

/* The vPIC source of MSIR register @n (n < MSI_NR_MSIR). */
#define VPIC_IRQ_MSI(n)		VPIC_IRQ(8 + (n))

struct msi_bank {
	struct partition *owner;
	phys_addr_t phys;		/* the bank's register block */
	volatile u32 *regs;		/* weir's mapping of it */
	u32 msir[MSI_NR_MSIR];		/* collected, not yet read by the guest */
};

/**
 * msi_bank_add() - give the bank at real address @phys (mapped at @regs)
 * to partition @p and claim its vPIC sources
 * Return: 0; -EBUSY when @p already has a bank or another partition's
 * bank shares the 4 KiB page (the PAMU cannot keep them apart); -ENOSPC
 * when MSI_MAX_BANKS are in use; vpic_claim()'s errors.
 */
int msi_bank_add(struct partition *p, phys_addr_t phys, volatile u32 *regs);

/* The bank of @p, or NULL. */
struct msi_bank *msi_bank_of(const struct partition *p);

/* The bank whose MSIIR page contains real address @phys, or NULL. */
struct msi_bank *msi_bank_by_page(phys_addr_t phys);

/**
 * msi_doorbell_write() - a device write of @len bytes from @src to real
 * address @phys, which must be the MSIIR of a bank (4 bytes, aligned)
 * Return: 0, or -EFAULT for anything else (nothing written).
 */
int msi_doorbell_write(phys_addr_t phys, const void *src, u64 len);

/* Collect pending MSIs of every bank and raise the owners' sources. */
void msi_poll(void);

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
