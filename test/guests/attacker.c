// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * attacker: tries to get out of its partition and reports each attempt
 * as "attack <name>: contained (<how>)" or "attack <name>: ESCAPED (...)".
 *
 *   read-beyond-ram   TLB1 entry EA 0x4000_0000 -> gpa 0x3000_0000, load
 *   read-ccsr         the same entry -> gpa 0xf_e000_0000 (CCSR), load
 *   write-beyond-ram  the first mapping again, store
 *   tlb-flood         all free TLB1 entries, then 100000 tlbwe
 *   spr-ivpr, spr-pid, spr-sprg0   privileged SPRs are virtual
 *   bytechan-count    out-of-range byte counts
 *   stop-other, restart-other      partition control without being manager
 *   pci-host          QEMU's PCI controller registers (0xf_e000_8000):
 *                     reads the host bridge's IDs when the partition
 *                     owns the controller (MMIO passthrough), faults
 *                     otherwise ("device pci-host: owned|refused")
 *
 * then "attacker: done" and the heartbeat.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define PROBE_EA	0x40000000
#define FLOOD_EA	0x80000000	/* + esel MiB: no two entries overlap */
#define FLOOD_WRITES	100000
#define FLOOD_PAGES	64

/* ------------------------------------------------------------ probes */

static struct {
	volatile int hits;
	volatile int ivor;
	volatile u32 pc, dear, esr;
} probe;

/* Record the first exception, skip the faulting instruction. The probe
 * instructions are followed by a nop, so a save/restore register that
 * points after the access (asynchronous machine check) skips only that. */
static void probe_trap(struct gframe *f, int ivor)
{
	if (!probe.hits++) {
		probe.ivor = ivor;
		probe.pc = f->srr0;
		probe.dear = f->dear;
		probe.esr = f->esr;
	}
	f->srr0 += 4;
}

static const int probe_ivors[] = { IVOR_MACHINE_CHECK, IVOR_DATA_STORAGE,
				   IVOR_PROGRAM, IVOR_DATA_TLB };
static exc_handler_t probe_saved[4];

static void probe_begin(void)
{
	int i;

	memset((void *)&probe, 0, sizeof(probe));
	for (i = 0; i < 4; i++)
		probe_saved[i] = set_exception_handler(probe_ivors[i], probe_trap);
}

static void probe_end(void)
{
	int i;

	for (i = 0; i < 4; i++)
		set_exception_handler(probe_ivors[i], probe_saved[i]);
}

static u32 probe_load(u32 ea)
{
	u32 v = 0xdeadbeef;

	__asm__ __volatile__("lwz %0, 0(%1)\n\tnop" : "+r"(v) : "b"(ea) : "memory");
	return v;
}

static void probe_store(u32 ea, u32 v)
{
	__asm__ __volatile__("stw %0, 0(%1)\n\tnop" : : "r"(v), "b"(ea) : "memory");
}

static void contained_how(char *buf, size_t len)
{
	snprintf(buf, len, "%s at 0x%08x, dear 0x%08x esr 0x%08x",
		 ivor_name(probe.ivor), (unsigned)probe.pc,
		 (unsigned)probe.dear, (unsigned)probe.esr);
}

static int probe_esel;

/* Map PROBE_EA -> @gpa (4 KiB, cache-inhibited, guarded) and access it. */
static void attack_access(const char *name, u64 gpa, bool store)
{
	char how[96];
	u32 v = 0;

	probe_begin();
	tlb1_set(probe_esel, PROBE_EA, gpa, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	if (store)
		probe_store(PROBE_EA, 0x0badc0de);
	else
		v = probe_load(PROBE_EA);
	tlb1_clear(probe_esel);
	probe_end();

	if (probe.hits) {
		contained_how(how, sizeof(how));
		printf("attack %s: contained (%s)\n", name, how);
	} else if (store) {
		printf("attack %s: ESCAPED (stored to gpa 0x%llx)\n", name,
		       (unsigned long long)gpa);
	} else {
		printf("attack %s: ESCAPED (read 0x%08x from gpa 0x%llx)\n", name,
		       (unsigned)v, (unsigned long long)gpa);
	}
}

/*
 * QEMU ppce500's PCI controller: CFG_ADDR at +0, CFG_DATA (little-endian)
 * at +4 (Linux arch/powerpc/sysdev/fsl_pci.c, setup_indirect_pci()).
 * Word 0 of bus 0 device 0 is the host bridge's vendor and device IDs.
 */
#define PCI_HOST 0xfe0008000ull

static void probe_pci_host(void)
{
	char how[96];
	u32 id;

	probe_begin();
	tlb1_set(probe_esel, PROBE_EA, PCI_HOST, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	probe_store(PROBE_EA, 0x80000000);
	id = __builtin_bswap32(probe_load(PROBE_EA + 4));
	tlb1_clear(probe_esel);
	probe_end();
	if (probe.hits) {
		contained_how(how, sizeof(how));
		printf("device pci-host: refused (%s)\n", how);
	} else {
		printf("device pci-host: owned (vendor 0x%04x device 0x%04x)\n",
		       (unsigned)(id & 0xffff), (unsigned)(id >> 16));
	}
}

/* ------------------------------------------------------------ TLB flood */

static void attack_tlb_flood(void)
{
	int n = tlb1_nentries(), nfree = 0, esel[64], i, own = -1;
	u32 *pages, k, got = 0, want = 0;
	u32 last_page[64], last_ea[64];
	int bad = -1;
	struct tlb_entry e;

	/* the initial mapping (and anything else already there) stays */
	if (tlb_search((u32)__image_start, &e) && (e.mas0 & MAS0_TLBSEL1))
		own = MAS0_ESEL_GET(e.mas0);
	for (i = 0; i < n; i++) {
		tlb_read(1, i, &e);
		if (!(e.mas1 & MAS1_VALID) && i != own)
			esel[nfree++] = i;
	}
	if (own >= 0) {
		tlb_read(1, own, &e);
		printf("attacker: initial mapping is TLB1[%d] ea 0x%08x size %u KiB\n",
		       own, (unsigned)(e.mas2 & MAS2_EPN),
		       1u << MAS1_TSIZE_GET(e.mas1));
	}

	pages = memalign(4096, FLOOD_PAGES * 4096);
	if (!pages || !nfree) {
		printf("attack tlb-flood: not run (%s)\n",
		       pages ? "no free TLB1 entry" : "no memory");
		return;
	}
	for (i = 0; i < FLOOD_PAGES; i++)
		pages[i * 1024] = 0xf100d000 + i;

	/* fill every free entry, then keep rewriting them */
	for (k = 0; k < (u32)nfree + FLOOD_WRITES; k++) {
		int slot = k % nfree, round = k / nfree;
		u32 page = k % FLOOD_PAGES;
		u32 ea = FLOOD_EA + (esel[slot] << 20) + ((round % 256) << 12);

		tlb1_set(esel[slot], ea, (u32)pages + page * 4096, TSIZE_4K,
			 MAS2_M, MAS3_SR | MAS3_SW);
		last_page[slot] = page;
		last_ea[slot] = ea;
	}

	/* every entry must still translate to what it was last given */
	probe_begin();
	for (i = 0; i < nfree && bad < 0 && !probe.hits; i++) {
		got = probe_load(last_ea[i]);
		want = 0xf100d000 + last_page[i];
		if (got != want)
			bad = esel[i];
	}
	probe_end();
	for (i = 0; i < nfree; i++)
		tlb1_clear(esel[i]);
	free(pages);

	if (probe.hits) {
		char how[96];

		contained_how(how, sizeof(how));
		printf("attack tlb-flood: survived (%d entries filled, %d rewrites; "
		       "reading back: %s)\n", nfree, FLOOD_WRITES, how);
	} else if (bad >= 0) {
		printf("attack tlb-flood: survived (%d entries filled, %d rewrites; "
		       "TLB1[%d] reads 0x%08x want 0x%08x)\n", nfree, FLOOD_WRITES,
		       bad, (unsigned)got, (unsigned)want);
	} else {
		printf("attack tlb-flood: survived (%d entries filled, %d rewrites, "
		       "mappings ok)\n", nfree, FLOOD_WRITES);
	}
}

/* ------------------------------------------------------------ SPRs */

#define SPR_ATTACK(name, spr, val) do {					\
	u32 old = mfspr(spr), back;					\
	mtspr(spr, val);						\
	isync();							\
	back = mfspr(spr);						\
	mtspr(spr, old);						\
	isync();							\
	if (back == (u32)(val))						\
		printf("attack %s: contained (virtual, reads back 0x%08x)\n", \
		       name, (unsigned)back);				\
	else								\
		printf("attack %s: FAIL (got 0x%08x want 0x%08x)\n",	\
		       name, (unsigned)back, (unsigned)(val));		\
} while (0)

static void attack_sprs(void)
{
	/* interrupts are off and nothing faults while IVPR is elsewhere */
	SPR_ATTACK("spr-ivpr", SPR_IVPR, 0x00ab0000);
	SPR_ATTACK("spr-pid", SPR_PID, 0x2a);
	SPR_ATTACK("spr-sprg0", SPR_SPRG0, 0x5a5a1234);
}

/* ------------------------------------------------------------ hcalls */

static void attack_bytechan_count(void)
{
	static const u32 counts[] = { 17, 0x80000000, 0xffffffff };
	static const char junk[16] = "count leaked!!!\n";
	u32 a[8] = { guest.console, 0xffffffff }, o[8];
	char how[128];
	size_t len = 0;
	bool escaped = false;
	u32 st, n = 0;
	int i;

	len += snprintf(how + len, sizeof(how) - len, "send");
	for (i = 0; i < 3; i++) {
		st = ev_byte_channel_send(guest.console, counts[i], junk, NULL);
		len += snprintf(how + len, sizeof(how) - len, " 0x%x:%s",
				(unsigned)counts[i], ev_strerror(st));
		if (st == EV_SUCCESS)
			escaped = true;
	}
	/* receive with a huge maximum: an error, or at most 16 bytes */
	st = hcall_raw(EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, EV_BYTE_CHANNEL_RECEIVE),
		       a, o);
	n = o[1];
	len += snprintf(how + len, sizeof(how) - len, ", receive 0xffffffff:%s",
			ev_strerror(st));
	if (st == EV_SUCCESS && n > EV_BYTE_CHANNEL_MAX_BYTES)
		escaped = true;
	if (st == EV_SUCCESS)
		snprintf(how + len, sizeof(how) - len, " (%u bytes)", (unsigned)n);
	printf("attack bytechan-count: %s (%s)\n",
	       escaped ? "ESCAPED" : "contained", how);
}

static void attack_partition(const char *name, u32 (*fn)(u32))
{
	char how[128];
	size_t len = 0;
	int others = 0, id;
	bool escaped = false;

	for (id = 1; id <= 8; id++) {
		u32 st;

		if ((u32)id == guest.id)
			continue;
		st = fn(id);
		if (st == EV_EINVAL)
			continue;	/* no such partition */
		others++;
		if (st == EV_SUCCESS)
			escaped = true;
		len += snprintf(how + len, sizeof(how) - len, "%s%d:%s",
				len ? " " : "", id, ev_strerror(st));
	}
	if (!others)
		snprintf(how, sizeof(how), "no other partition");
	printf("attack %s: %s (%s)\n", name, escaped ? "ESCAPED" : "contained",
	       how);
}

void guest_main(void *fdt)
{
	u64 beyond = 0x30000000;

	printf("attacker: start (%s, guest-id %u, %u MiB RAM)\n", guest.name,
	       (unsigned)guest.id, (unsigned)(guest.ram_size >> 20));
	if (guest.ram_size > beyond)
		beyond = (guest.ram_size + 0xfff) & ~0xfffull;

	probe_esel = tlb1_find_free();
	if (probe_esel < 0) {
		printf("attacker: no free TLB1 entry\n");
		guest_stop();
	}
	attack_access("read-beyond-ram", beyond, false);
	attack_access("read-ccsr", 0xfe0000000ull, false);
	attack_access("write-beyond-ram", beyond, true);
	attack_tlb_flood();
	attack_sprs();
	attack_bytechan_count();
	attack_partition("stop-other", fh_partition_stop);
	attack_partition("restart-other", fh_partition_restart);
	probe_pci_host();

	printf("attacker: done\n");
	heartbeat();
}
