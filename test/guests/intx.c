// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * intx: a partition owning QEMU ppce500's PCI controller takes a real
 * device interrupt through its ePAPR vPIC. It finds QEMU's `edu` device
 * (vendor 0x1234, device 0x11e8; QEMU hw/misc/edu.c) on bus 0 through the
 * controller's CFG_ADDR/CFG_DATA (Linux sysdev/fsl_pci.c
 * setup_indirect_pci()), opens outbound window 1 (CPU 0xc_0000_0000 ->
 * PCI 0xe000_0000, the controller's "ranges"; QEMU hw/pci-host/ppce500.c
 * POTAR/POWBAR/POWAR), puts edu's BAR0 there and looks up its INTA in
 * the guest tree's "interrupt-map" (weir rewrites it to vPIC sources).
 * Then, ROUNDS times: raise edu's interrupt (BAR0 + 0x60), poll EV_INT_IACK
 * until the source arrives, check edu's interrupt status (+0x24), ack the
 * device (+0x64) and EV_INT_EOI. Nothing may arrive before a raise, and
 * each round's interrupt arrives only if weir unmasked the MPIC source at
 * the previous EOI. Lines: "intx: edu at 00:NN.0 INTA -> vPIC N",
 * "intx: round N: vPIC N status N after N polls", "intx: done (N failed)".
 *
 * With "dma-violation" in /chosen/bootargs (a PAMU in front of the
 * controller: -M ppce500,pamu=on), it then opens inbound window 1 (PCI
 * 0..256 MiB -> IOVA 0..256 MiB; ppce500.c PITAR/PIWBAR/PIWAR) and has
 * edu read 4 bytes by DMA from IOVA 0x1000, which its window (TCE, nothing
 * mapped) does not allow, and polls FH_ERR_GET_INFO until the record
 * comes: "intx: violation: '<domain>' '<error>' LIODN N addr 0x... after
 * N polls" (or "intx: violation: no record after N polls").
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define PCI_HOST 0xfe0008000ull /* CFG_ADDR +0, CFG_DATA +4, OW1 +0xc20 */
#define PCI_MEM_CPU 0xc00000000ull
#define PCI_MEM_BUS 0xe0000000u
#define EA_HOST 0x20000000u
#define EA_EDU 0x20100000u
#define ROUNDS 3
#define POLLS 100000

static volatile u32 *host = (volatile u32 *)EA_HOST;
static volatile u32 *edu = (volatile u32 *)EA_EDU;
static unsigned int failed;

static void sync_io(void)
{
	__asm__ __volatile__("sync" ::: "memory");
}

static u32 cfg_read(u32 devfn, u32 reg)
{
	host[0] = 0x80000000u | devfn << 8 | (reg & 0xfc);
	sync_io();
	return __builtin_bswap32(host[1]);
}

static void cfg_write(u32 devfn, u32 reg, u32 v)
{
	host[0] = 0x80000000u | devfn << 8 | (reg & 0xfc);
	sync_io();
	host[1] = __builtin_bswap32(v);
	sync_io();
}

/* The vPIC source of (@devfn, INT@pin) in the tree's interrupt-map: the
 * PCI binding's <hi 0 0 pin> under "interrupt-map-mask", then the vPIC's
 * phandle and <irq sense>. 0 when there is none. */
static u32 map_lookup(const void *fdt, u32 devfn, u32 pin)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "pci",
						 4);
	const fdt32_t *map, *mask;
	int len, i;

	if (node < 0)
		return 0;
	map = fdt_getprop(fdt, node, "interrupt-map", &len);
	mask = fdt_getprop(fdt, node, "interrupt-map-mask", NULL);
	if (!map || !mask)
		return 0;
	for (i = 0; i + 7 <= len / 4; i += 7) {
		u32 hi = devfn << 8 & fdt32_to_cpu(mask[0]);
		u32 p = pin & fdt32_to_cpu(mask[3]);

		if (fdt32_to_cpu(map[i]) == hi && fdt32_to_cpu(map[i + 3]) == p)
			return fdt32_to_cpu(map[i + 5]);
	}
	return 0;
}

static int find_edu(void)
{
	u32 devfn;

	for (devfn = 0; devfn < 256; devfn += 8)
		if (cfg_read(devfn, 0) == 0x11e81234u)
			return (int)devfn;
	return -1;
}

static u32 poll_iack(u32 want, u32 *polls)
{
	u32 irq = EV_INT_SPURIOUS, n;

	for (n = 0; n < POLLS; n++) {
		if (ev_int_iack(&irq) != EV_SUCCESS)
			return EV_INT_SPURIOUS;
		if (irq != EV_INT_SPURIOUS)
			break;
	}
	*polls = n;
	(void)want;
	return irq;
}

static bool dma_violation_wanted(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");
	const char *args = node < 0 ? NULL :
				      fdt_getprop(fdt, node, "bootargs", NULL);

	return args && strstr(args, "dma-violation");
}

#define VIOLATION_POLLS 10000000u

static void dma_violation(void)
{
	u32 token = EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_ERR_GET_INFO);
	static u8 rec[ERRQ_RECORD_SIZE] __attribute__((aligned(8)));
	u32 args[8] = { ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0, (u32)rec };
	u32 n;

	/* inbound window 1: 256 MiB (2 << 27) at PCI 0 -> IOVA 0, enabled */
	host[0xde0 / 4] = 0;			/* PITAR */
	host[0xde8 / 4] = 0;			/* PIWBAR */
	host[0xdf0 / 4] = 0x80000000u | 27;	/* PIWAR */
	sync_io();
	edu[0x80 / 4] = 0x1000;	 /* source: IOVA 0x1000 */
	edu[0x88 / 4] = 0x40000; /* destination: edu's buffer */
	edu[0x90 / 4] = 4;	 /* bytes */
	edu[0x98 / 4] = 1;	 /* run, from PCI */
	sync_io();
	for (n = 0; n < VIOLATION_POLLS; n++)
		if (hcall_raw(token, args, NULL) == EV_SUCCESS)
			break;
	if (n == VIOLATION_POLLS) {
		printf("intx: violation: no record after %u polls\n",
		       (unsigned)n);
		failed++;
		return;
	}
	printf("intx: violation: '%s' '%s' LIODN %u addr 0x%08x after %u polls\n",
	       (const char *)rec + ERRQ_OFF_DOMAIN,
	       (const char *)rec + ERRQ_OFF_ERROR,
	       (unsigned)*(const u32 *)(rec + ERRQ_OFF_LIODN),
	       (unsigned)*(const u32 *)(rec + ERRQ_OFF_ADDR + 4), (unsigned)n);
}

void guest_main(void *fdt)
{
	u32 virq, irq, polls, status, r;
	int devfn, esel;

	esel = tlb1_find_free();
	tlb1_set(esel, EA_HOST, PCI_HOST, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	devfn = find_edu();
	if (devfn < 0) {
		printf("intx: no edu device on bus 0\n");
		printf("intx: done (1 failed)\n");
		heartbeat();
	}
	virq = map_lookup(fdt, (u32)devfn, cfg_read((u32)devfn, 0x3c) >> 8 & 0xff);
	printf("intx: edu at 00:%02x.0 INT%c -> vPIC %u\n", (unsigned)devfn >> 3,
	       'A' - 1 + (int)(cfg_read((u32)devfn, 0x3c) >> 8 & 0xff),
	       (unsigned)virq);
	if (!virq) {
		printf("intx: done (1 failed)\n");
		heartbeat();
	}
	/* outbound window 1: 512 MiB (2 << 28), enabled */
	host[0xc20 / 4] = PCI_MEM_BUS >> 12;		 /* POTAR */
	host[0xc24 / 4] = 0;				 /* POTEAR */
	host[0xc28 / 4] = (u32)(PCI_MEM_CPU >> 12);	 /* POWBAR */
	host[0xc30 / 4] = 0x80000000u | 28;		 /* POWAR */
	cfg_write((u32)devfn, 0x10, PCI_MEM_BUS);	 /* BAR0 */
	cfg_write((u32)devfn, 0x04, 0x6);		 /* memory, master */
	esel = tlb1_find_free();
	tlb1_set(esel, EA_EDU, PCI_MEM_CPU, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	printf("intx: edu id 0x%08x\n", (unsigned)edu[0]);
	if (ev_int_set_config(virq, EV_INT_CONFIG_LEVEL, 1, 0) ||
	    ev_int_set_mask(virq, 0)) {
		printf("intx: vPIC %u refused\n", (unsigned)virq);
		failed++;
	}
	if (poll_iack(virq, &polls) != EV_INT_SPURIOUS) {
		printf("intx: an interrupt before any raise\n");
		failed++;
	}
	for (r = 1; r <= ROUNDS; r++) {
		edu[0x60 / 4] = r; /* raise */
		sync_io();
		irq = poll_iack(virq, &polls);
		status = edu[0x24 / 4];
		printf("intx: round %u: vPIC %u status %u after %u polls%s\n",
		       (unsigned)r, (unsigned)irq, (unsigned)status,
		       (unsigned)polls,
		       irq == virq && status == r ? "" : " FAIL");
		if (irq != virq || status != r)
			failed++;
		edu[0x64 / 4] = status; /* ack: INTx deasserted */
		sync_io();
		if (irq != EV_INT_SPURIOUS && ev_int_eoi(irq) != EV_SUCCESS)
			failed++;
	}
	if (dma_violation_wanted(fdt))
		dma_violation();
	printf("intx: done (%u failed)\n", failed);
	heartbeat();
}
