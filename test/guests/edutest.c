// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * edutest: a partition that owns QEMU's PCI controller and the "edu"
 * device behind it (QEMU hw/misc/edu.c, docs/specs/edu.rst) and proves
 * real device DMA through its TCE window (doc/passthrough.md, "Device DMA
 * through a TCE window"):
 *
 *  - enumerates bus 0 through the controller's CFG_ADDR/CFG_DATA, gives
 *    edu's BAR 0 the start of the controller's memory window (its guest
 *    tree "ranges"), enables memory and bus mastering, opens outbound
 *    window 1 onto it and reads edu's identification register;
 *  - with "pamu" in its bootargs (QEMU -M ppce500,pamu=on: the PCI host's
 *    inbound traffic passes the PAMU), opens inbound window 1 (bus 0..2
 *    GiB, untranslated, so the PAMU sees bus address = IOVA), maps two
 *    pages of its RAM with H_PUT_TCE and runs edu's DMA engine to and
 *    from them (data checked both ways); rings the MSI doorbell from edu
 *    (its MSI capability programmed from WEIR_HC_MSI_INFO; raised by the
 *    0x60 register and by DMA completion), each MSI taken as its vPIC
 *    interrupt; then DMAs to an IOVA with no TCE, and past the window:
 *    each time the PAMU's violation lands in its error queue and the
 *    group's DMA is disabled (a DMA inside the window then changes
 *    nothing) until FH_DMA_ENABLE.
 *
 * Without "pamu" (QEMU's stock ppce500 has no PAMU: a bus master DMAs to
 * real addresses unchecked) inbound windows stay closed and only the
 * MMIO part runs. Every check prints "check <what>: ok|FAIL (...)"; then
 * it beats.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define PG		0x1000u
#define TCE_R		0x1u
#define TCE_W		0x2u

/* The controller (QEMU hw/pci-host/ppce500.c, Linux sysdev/fsl_pci.h) */
#define CFG_ADDR	0x000
#define CFG_DATA	0x004	/* little-endian */
#define POW1		0xc20	/* outbound window 1: POTAR +0, POWBAR +8, POWAR +0x10 */
#define PIW1		0xde0	/* inbound window 1: PITAR +0, PIWBAR +8, PIWAR +0x10 */
#define WAR_EN		0x80000000u
#define OWAR_RW		0x00044000u	/* memory read / write (Linux OWAR_MEM_*) */
#define IWAR_RW_LOCAL	0x00f55000u	/* local memory, snooped read / write */

/* edu's BAR 0 (native endian: big-endian for this guest) */
#define EDU_ID		0x00
#define EDU_LIVENESS	0x04
#define EDU_IRQ_STATUS	0x24
#define EDU_IRQ_RAISE	0x60
#define EDU_IRQ_ACK	0x64
#define EDU_DMA_SRC	0x80
#define EDU_DMA_DST	0x88
#define EDU_DMA_CNT	0x90
#define EDU_DMA_CMD	0x98
#define EDU_CMD_RUN	0x1
#define EDU_CMD_TO_PCI	0x2
#define EDU_CMD_IRQ	0x4
#define EDU_BUF		0x40000	/* its 4 KiB DMA buffer */
/* edu_check_range() refuses a run that ends at the buffer's end (QEMU
 * 7.2 compares the end exclusively and stops the machine): half of it */
#define DMA_LEN		0x800u
#define EDU_DMA_IRQ	0x100

/* Guest effective addresses of the two register pages */
#define CTRL_EA		0x40000000u
#define EDU_EA		0x40001000u
/* IOVAs: two 4 MiB slots of the 1 GiB default window, and past it
 * (edu's dma_mask must be set wider than its 28-bit default) */
#define IOVA_MAPPED	0x400000u
#define IOVA_UNMAPPED	0x800000u
#define IOVA_BEYOND	0x40000000u	/* past the default window */

static int failed;
static u32 devfn = ~0u, liobn, handle;
static u64 ctrl_phys, win_pci, win_cpu, win_size;
static u8 buf[2 * PG] __attribute__((aligned(2 * PG)));
static u8 rec[ERRQ_RECORD_SIZE];

static void check(const char *what, s32 got, s32 want)
{
	if (got == want) {
		printf("check %s: ok\n", what);
		return;
	}
	failed++;
	printf("check %s: FAIL (got %ld want 0x%lx)\n", what, (long)got,
	       (long)want);
}

static u32 fh(u32 num, u32 a0, u32 *r4)
{
	u32 args[8] = { a0, 0 }, o[8];
	u32 r = hcall_raw(EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, num), args, o);

	if (r4)
		*r4 = o[1];
	return r;
}

static u32 err_get(u32 *len)
{
	u32 args[8] = { ERRQ_HANDLE_GUEST, ERRQ_RECORD_SIZE, 0, (u32)rec }, o[8];
	u32 r = hcall_raw(EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, FH_ERR_GET_INFO),
			  args, o);

	if (len)
		*len = o[1];
	return r;
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static volatile u32 *reg(u32 ea, u32 off)
{
	return (volatile u32 *)(ea + off);
}

static u32 cfg_read(u32 df, u32 off)
{
	*reg(CTRL_EA, CFG_ADDR) = 0x80000000u | df << 8 | (off & 0xfc);
	return __builtin_bswap32(*reg(CTRL_EA, CFG_DATA));
}

static void cfg_write(u32 df, u32 off, u32 v)
{
	*reg(CTRL_EA, CFG_ADDR) = 0x80000000u | df << 8 | (off & 0xfc);
	*reg(CTRL_EA, CFG_DATA) = __builtin_bswap32(v);
}

static u64 cells(const fdt32_t *p, int n)
{
	u64 v = 0;

	while (n--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

/*
 * The controller in the guest tree: its registers ("reg", real addresses:
 * weir's passthrough bus maps 1:1) and its first 32-bit memory window
 * (PCI bus binding "ranges": space code 2 in the first cell).
 */
static bool find_controller(const void *fdt)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "pci", 4);
	int pac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
	int psc = fdt_size_cells(fdt, fdt_parent_offset(fdt, node));
	const fdt32_t *r, *rg;
	int len, rlen, at, step = 3 + pac + 2;

	if (node < 0 || pac < 1 || psc < 1)
		return false;
	r = fdt_getprop(fdt, node, "reg", &len);
	rg = fdt_getprop(fdt, node, "ranges", &rlen);
	if (!r || len < pac * 4 || !rg)
		return false;
	ctrl_phys = cells(r, pac);
	for (at = 0; at + step * 4 <= rlen; at += step * 4, rg += step)
		if ((fdt32_to_cpu(rg[0]) >> 24 & 3) == 2) {
			win_pci = cells(rg + 1, 2);
			win_cpu = cells(rg + 3, pac);
			win_size = cells(rg + 3 + pac, 2);
			return true;
		}
	return false;
}

/* The controller's DMA group node: its default window's LIOBN, handle. */
static bool find_group(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_DMA_GROUP);
	const fdt32_t *w, *h;

	if (node < 0)
		return false;
	w = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, NULL);
	h = fdt_getprop(fdt, node, DT_PROP_DMA_HANDLE, NULL);
	if (!w || !h)
		return false;
	liobn = fdt32_to_cpu(w[0]);
	handle = fdt32_to_cpu(h[0]);
	return true;
}

static bool bootarg(const void *fdt, const char *word)
{
	int node = fdt_path_offset(fdt, "/chosen");
	const char *args = node < 0 ? NULL : fdt_getprop(fdt, node, "bootargs", NULL);

	return args && strstr(args, word);
}

static u32 log2_of(u64 v)
{
	u32 n = 0;

	while (v >>= 1)
		n++;
	return n;
}

/* ------------------------------------------------------------ MMIO */

static void setup_edu(void)
{
	u32 df, id;

	tlb1_set(tlb1_find_free(), CTRL_EA, ctrl_phys, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	for (df = 0; df < 32 << 3; df += 8) {
		id = cfg_read(df, 0);
		if (id == (0x11e8u << 16 | 0x1234))
			devfn = df;
	}
	printf("edutest: controller 0x%llx, memory window PCI 0x%llx -> 0x%llx +0x%llx, edu at 00:%02x.0\n",
	       (unsigned long long)ctrl_phys, (unsigned long long)win_pci,
	       (unsigned long long)win_cpu, (unsigned long long)win_size,
	       (unsigned)(devfn >> 3));
	check("edu-found", devfn != ~0u, 1);
	if (devfn == ~0u)
		return;
	/* BAR 0 at the window's start; memory decoding and bus mastering */
	cfg_write(devfn, 0x10, (u32)win_pci);
	check("edu-bar0", (s32)(cfg_read(devfn, 0x10) & ~0xfu), (s32)(u32)win_pci);
	cfg_write(devfn, 0x04, cfg_read(devfn, 0x04) | 0x6);
	/* outbound window 1: CPU win_cpu -> PCI win_pci, the whole window */
	*reg(CTRL_EA, POW1 + 0x0) = (u32)(win_pci >> 12);
	*reg(CTRL_EA, POW1 + 0x8) = (u32)(win_cpu >> 12);
	*reg(CTRL_EA, POW1 + 0x10) = WAR_EN | OWAR_RW | (log2_of(win_size) - 1);
	tlb1_set(tlb1_find_free(), EDU_EA, win_cpu, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	id = *reg(EDU_EA, EDU_ID);
	printf("edutest: edu identification 0x%08x\n", (unsigned)id);
	check("edu-id", (s32)(id & 0xffff), 0xed);
	*reg(EDU_EA, EDU_LIVENESS) = 0x12345678;
	check("edu-liveness", (s32)*reg(EDU_EA, EDU_LIVENESS), (s32)~0x12345678u);
}

/* ------------------------------------------------------------ DMA */

/* One run of edu's engine; false when it did not finish in 2 s. */
static bool edu_dma(u32 src, u32 dst, u32 len, u32 cmd)
{
	u64 until = get_tb() + 2ull * guest.tb_freq;

	*reg(EDU_EA, EDU_DMA_SRC) = src;
	*reg(EDU_EA, EDU_DMA_DST) = dst;
	*reg(EDU_EA, EDU_DMA_CNT) = len;
	*reg(EDU_EA, EDU_DMA_CMD) = EDU_CMD_RUN | cmd;
	while (*reg(EDU_EA, EDU_DMA_CMD) & EDU_CMD_RUN) {
		if (get_tb() > until)
			return false;
		wait_until(get_tb() + guest.tb_freq / 100);
	}
	return true;
}

static void fill(u8 *b, u32 len, u8 seed)
{
	u32 i;

	for (i = 0; i < len; i++)
		b[i] = (u8)(seed + i * 13);
}

static s32 put_tce(u64 ioba, u64 tce)
{
	u32 args[8] = { liobn, (u32)(ioba >> 32), (u32)ioba, (u32)(tce >> 32),
			(u32)tce, 0, 0, 0 };

	return (s32)hcall_raw(PAPR_EPAPR_TOKEN(H_PUT_TCE), args, NULL);
}

/* buf (two pages) at IOVA_MAPPED; into edu and back to the second page. */
static void dma_round_trip(const char *what, u8 seed)
{
	char name[48];

	fill(buf, DMA_LEN, seed);
	memset(buf + PG, 0, PG);
	snprintf(name, sizeof(name), "%s-to-edu", what);
	check(name, edu_dma(IOVA_MAPPED, EDU_BUF, DMA_LEN, 0), 1);
	snprintf(name, sizeof(name), "%s-from-edu", what);
	check(name, edu_dma(EDU_BUF, IOVA_MAPPED + PG, DMA_LEN, EDU_CMD_TO_PCI),
	      1);
	snprintf(name, sizeof(name), "%s-data", what);
	check(name, memcmp(buf, buf + PG, DMA_LEN) || buf[PG + DMA_LEN], 0);
}

static void map_window(void)
{
	/* bus 0..2 GiB -> the PAMU untranslated (IOVA = bus address): the
	 * 1 GiB default window and what lies past it */
	*reg(CTRL_EA, PIW1 + 0x0) = 0;
	*reg(CTRL_EA, PIW1 + 0x8) = 0;
	*reg(CTRL_EA, PIW1 + 0x10) = WAR_EN | IWAR_RW_LOCAL | (31 - 1);
	check("tce-map", put_tce(IOVA_MAPPED, (u32)buf | TCE_R | TCE_W), H_SUCCESS);
	check("tce-map-2", put_tce(IOVA_MAPPED + PG, ((u32)buf + PG) | TCE_R | TCE_W),
	      H_SUCCESS);
}

/* ------------------------------------------------------------ MSI */

static volatile u32 msi_events, msi_irq_seen, msi_bits_seen;

static void msi_interrupt(struct gframe *f, int ivor)
{
	u32 vec = EV_INT_SPURIOUS, bits = 0;

	if (ev_int_iack(&vec) != EV_SUCCESS || vec == EV_INT_SPURIOUS)
		return;
	if (fh(FH_VMPIC_GET_MSIR, vec, &bits) == EV_SUCCESS && bits) {
		msi_irq_seen = vec;
		msi_bits_seen |= bits;
		msi_events++;
	}
	/* edu keeps raising while its status is set: acknowledge it */
	*reg(EDU_EA, EDU_IRQ_ACK) = *reg(EDU_EA, EDU_IRQ_STATUS);
	ev_int_eoi(vec);
}

/* Wait (up to 2 s of guest time) for MSI event number @n. */
static bool msi_wait(u32 n)
{
	u64 until = get_tb() + 2ull * guest.tb_freq;

	while (msi_events < n && get_tb() < until)
		wait_until(get_tb() + guest.tb_freq / 100);
	return msi_events >= n;
}

/* The PCI capability @id of edu, or 0. */
static u32 find_cap(u32 id)
{
	u32 at = cfg_read(devfn, 0x34) & 0xfc, n;

	for (n = 0; at && n < 48; n++, at = cfg_read(devfn, at) >> 8 & 0xfc)
		if ((cfg_read(devfn, at) & 0xff) == id)
			return at;
	return 0;
}

static void msi_from_edu(void)
{
	u32 args[8] = { liobn }, o[8], srs = 3, ibs = 7, irq, cap, ctl;
	u64 iova;

	check("msi-info", (s32)hcall_raw(EV_HCALL_TOKEN(WEIR_VENDOR_ID,
						       WEIR_HC_MSI_INFO), args, o),
	      EV_SUCCESS);
	iova = (u64)o[1] << 32 | o[2];
	irq = o[5] + srs;
	cap = find_cap(0x05);
	printf("edutest: MSI doorbell IOVA 0x%llx, SRS shift %u, IBS shift %u, vPIC %u; edu MSI capability at 0x%x\n",
	       (unsigned long long)iova, (unsigned)o[3], (unsigned)o[4],
	       (unsigned)o[5], (unsigned)cap);
	check("msi-capability", cap != 0, 1);
	if (!cap)
		return;
	set_exception_handler(IVOR_EXTERNAL, msi_interrupt);
	check("msi-config", (s32)ev_int_set_config(irq, 2, 8, 0), EV_SUCCESS);
	check("msi-unmask", (s32)ev_int_set_mask(irq, 0), EV_SUCCESS);
	/* address, then data (offset 0xc with a 64-bit address), then enable */
	ctl = cfg_read(devfn, cap) >> 16;
	cfg_write(devfn, cap + 4, (u32)iova);
	if (ctl & 0x80) {
		cfg_write(devfn, cap + 8, (u32)(iova >> 32));
		cfg_write(devfn, cap + 0xc, srs << o[3] | ibs << o[4]);
	} else {
		cfg_write(devfn, cap + 8, srs << o[3] | ibs << o[4]);
	}
	cfg_write(devfn, cap, (cfg_read(devfn, cap) & 0xff8fffffu) | 1u << 16);

	*reg(EDU_EA, EDU_IRQ_RAISE) = 0x1;
	check("msi-raise-delivered", msi_wait(1), 1);
	check("msi-irq", (s32)msi_irq_seen, (s32)irq);
	check("msi-bits", (s32)msi_bits_seen, 1 << ibs);
	/* edu's DMA completion interrupt, through the same doorbell */
	msi_bits_seen = 0;
	check("msi-dma-run", edu_dma(IOVA_MAPPED, EDU_BUF, 16, EDU_CMD_IRQ), 1);
	check("msi-dma-delivered", msi_wait(2), 1);
	check("msi-dma-bits", (s32)msi_bits_seen, 1 << ibs);
	printf("edutest: %u MSIs taken\n", (unsigned)msi_events);
	ev_int_set_mask(irq, 1);
	set_exception_handler(IVOR_EXTERNAL, NULL);
}

/* ------------------------------------------------------------ violation */

/*
 * edu writes 16 bytes to @iova, which the PAMU must refuse: the record in
 * the error queue (within 2 s of guest time) names @iova. @what prefixes
 * the check names.
 */
static void violation(const char *what, u32 iova)
{
	u64 until = get_tb() + 2ull * guest.tb_freq;
	u32 st = EV_ENOENT;
	char name[48];

	snprintf(name, sizeof(name), "%s-dma-ran", what);
	check(name, edu_dma(EDU_BUF, iova, 16, EDU_CMD_TO_PCI), 1);
	while ((st = err_get(NULL)) != EV_SUCCESS && get_tb() < until)
		wait_until(get_tb() + guest.tb_freq / 100);
	snprintf(name, sizeof(name), "%s-err-record", what);
	check(name, (s32)st, EV_SUCCESS);
	snprintf(name, sizeof(name), "%s-err-addr", what);
	check(name, (s32)be32(rec + ERRQ_OFF_ADDR + 4), (s32)iova);
	printf("edutest: error record: %s, %s, lpid %u, liodn %u, IOVA 0x%x, device %s\n",
	       (char *)rec, (char *)rec + ERRQ_OFF_ERROR,
	       (unsigned)be32(rec + ERRQ_OFF_LPID),
	       (unsigned)be32(rec + ERRQ_OFF_LIODN),
	       (unsigned)be32(rec + ERRQ_OFF_ADDR + 4), (char *)rec + ERRQ_OFF_PATH);
}

/* FH_DMA_ENABLE after a violation; the queue drained; DMA works again. */
static void reenable(const char *what)
{
	char name[48];

	snprintf(name, sizeof(name), "%s-dma-enable", what);
	check(name, (s32)fh(FH_DMA_ENABLE, handle, NULL), EV_SUCCESS);
	while (err_get(NULL) == EV_SUCCESS)
		;
	snprintf(name, sizeof(name), "%s-after-enable", what);
	dma_round_trip(name, (u8)(what[0] + 0x40));
}

static void violations(void)
{
	/* a slot of the window with no TCE */
	violation("unmapped", IOVA_UNMAPPED);
	/* the policy disabled the group's DMA: a mapped IOVA reaches nothing */
	memset(buf + PG, 0, PG);
	check("disabled-dma-ran",
	      edu_dma(EDU_BUF, IOVA_MAPPED + PG, 16, EDU_CMD_TO_PCI), 1);
	check("disabled-nothing-written", buf[PG] | buf[PG + 15], 0);
	/* ten of weir's ticks: its poll sees that violation (of a disabled
	 * LIODN: not queued, no second disable) before DMA is enabled */
	wait_until(get_tb() + guest.tb_freq / 10);
	reenable("unmapped");
	/* past the 1 GiB default window (inbound window 1 is 2 GiB) */
	violation("beyond", IOVA_BEYOND);
	reenable("beyond");
}

void guest_main(void *fdt)
{
	bool pamu = bootarg(fdt, "pamu");

	printf("edutest: partition %u '%s'%s\n", (unsigned)guest.id, guest.name,
	       pamu ? ", PAMU in front of the PCI host" : ", no PAMU: MMIO only");
	if (!find_controller(fdt) || !find_group(fdt)) {
		printf("check dt-pci: FAIL (no PCI controller or DMA group node)\n");
		heartbeat();
	}
	printf("edutest: DMA group liobn 0x%x handle 0x%x\n", (unsigned)liobn,
	       (unsigned)handle);
	setup_edu();
	if (pamu && devfn != ~0u) {
		map_window();
		dma_round_trip("dma", 0x21);
		msi_from_edu();
		violations();
	}
	printf("edutest: done, %d failed\n", failed);
	heartbeat();
}
