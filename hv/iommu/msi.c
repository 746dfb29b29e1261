// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MSI banks owned by partitions (include/weir/msi.h). Pending MSIs are
 * collected when the bank's MSIR interrupt fires (hv/iommu/boot.c takes
 * the bank node's "interrupts" through hv/irq/hwirq.c); a bank without
 * them is polled from weir's tick on cpu 0: latency up to one tick
 * (10 ms). An
 * MSIIR bank says which MSIRs hold bits in MSISR; an MPIC 4.3 bank's 16
 * MSIRs are each read (and so cleared), as Linux's cascade handler reads
 * one MSIR per interrupt (fsl_msi.c fsl_msi_cascade()), because weir has
 * no source for MSISR's layout with 16 registers.
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/msi.h>
#include <weir/partition.h>
#include <weir/unit.h>
#include <weir/vpic.h>

static struct msi_bank banks[MSI_MAX_BANKS];
static unsigned int nbanks;

struct msi_bank *msi_bank_of(const struct partition *p)
{
	unsigned int i;

	for (i = 0; i < nbanks; i++)
		if (banks[i].owner == p)
			return &banks[i];
	return NULL;
}

struct msi_bank *msi_bank_by_page(phys_addr_t phys)
{
	unsigned int i;

	for (i = 0; i < nbanks; i++)
		if (msi_doorbell_page(banks[i].d.doorbell) ==
		    msi_doorbell_page(phys))
			return &banks[i];
	return NULL;
}

int msi_bank_add(struct partition *p, const struct msi_bank_desc *d,
		 volatile u32 *regs, volatile u32 *doorbell)
{
	unsigned int n, nr_msir = d->v43 ? MSI_NR_MSIR_V43 : MSI_NR_MSIR;
	struct msi_bank *b;
	int ret;

	if (msi_bank_of(p) || msi_bank_by_page(d->doorbell))
		return -EBUSY;
	if (nbanks == MSI_MAX_BANKS)
		return -ENOSPC;
	for (n = 0; n < nr_msir; n++) {
		ret = vpic_claim(p->pic, VPIC_IRQ_MSI(n), NULL, NULL);
		if (ret) {
			while (n--)
				vpic_release(p->pic, VPIC_IRQ_MSI(n));
			return ret;
		}
	}
	b = &banks[nbanks++];
	memset(b, 0, sizeof(*b));
	b->owner = p;
	b->d = *d;
	b->nr_msir = nr_msir;
	b->regs = regs;
	b->doorbell = doorbell;
	return 0;
}

int msi_doorbell_write(phys_addr_t phys, const void *src, u64 len)
{
	struct msi_bank *b = msi_bank_by_page(phys);
	u32 v;

	if (!b || phys != b->d.doorbell || len != 4)
		return -EFAULT;
	memcpy(&v, src, 4); /* the device's bytes, as they arrive */
	*b->doorbell = v;
	return 0;
}

void msi_bank_irq(struct msi_bank *b)
{
	u32 sr = b->d.v43 ? ~0u : be32_to_cpu(b->regs[MSI_MSISR / 4]);
	unsigned int n;
	u32 bits;

	for (n = 0; n < b->nr_msir; n++) {
		if (!(sr & (1u << n)))
			continue;
		bits = be32_to_cpu(b->regs[MSI_MSIR(n) / 4]);
		if (!bits)
			continue;
		b->msir[n] |= bits;
		vpic_raise(b->owner->pic, VPIC_IRQ_MSI(n));
	}
}

void msi_poll(void)
{
	unsigned int i;

	for (i = 0; i < nbanks; i++)
		if (!banks[i].irq_wired)
			msi_bank_irq(&banks[i]);
}

int msi_get_msir(struct partition *p, u32 irq, u32 *value)
{
	struct msi_bank *b = msi_bank_of(p);
	u32 n = irq - VPIC_IRQ_MSI(0);

	if (!b || irq < VPIC_IRQ_MSI(0) || n >= b->nr_msir)
		return -EINVAL;
	*value = b->msir[n];
	b->msir[n] = 0;
	return 0;
}

void msi_partition_reset(struct partition *p)
{
	struct msi_bank *b = msi_bank_of(p);

	if (b)
		memset(b->msir, 0, sizeof(b->msir));
}

void msi_reset_all(void)
{
	memset(banks, 0, sizeof(banks));
	nbanks = 0;
}

/* The partition's MSI bits as a unit (include/weir/unit.h). */
static int msi_unit_reset(struct partition *p)
{
	msi_partition_reset(p);
	return 0;
}

DEFINE_UNIT(msi, {
			 .name = "MSI bank",
			 .order = UNIT_ORDER_MSI,
			 .reset = msi_unit_reset,
		 });
