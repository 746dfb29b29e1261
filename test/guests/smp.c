// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smp: a partition with two vCPUs (test/py/test_smp.py). vCPU 0 releases
 * vCPU 1 from the ePAPR spin table its device tree names, then checks,
 * printing "check <name>: ok" or "check <name>: FAIL ...":
 *
 *   cpus            /cpus/cpu@1: disabled, spin-table, cpu-release-addr;
 *                   its entry reads entry_addr 1, pir 1
 *   release         vCPU 1 entered at the released address with r3 from
 *                   the entry, PIR 1, r7 = a mapped area, MSR[EE] 0
 *   dbell-to-1      msgsnd to PIR 1 wakes vCPU 1 from EV_IDLE and raises
 *                   exactly one doorbell there, none here
 *   dbell-broadcast msgsnd with BRDCAST: one doorbell on each vCPU
 *                   (vCPU 0's own taken when it enables MSR[EE])
 *   dbell-msgclr    a doorbell sent to itself with EE off, cleared by
 *                   msgclr, is never taken
 *   dbell-other     msgsnd to PIR 2 and 3 (cores of another partition
 *                   on the machine, no vCPU here): no doorbell anywhere
 *   tlbivax-remote  vCPU 1 maps and reads a page through TLB1; vCPU 0's
 *                   tlbivax of that EA removes it from vCPU 1's TLB: its
 *                   tlbsx misses and its next read takes a DTLB error
 *   dma-concurrent  both vCPUs at once run H_PUT_TCE, H_PUT_TCE_INDIRECT,
 *                   H_STUFF_TCE and H_GET_TCE DMA_ROUNDS times on each
 *                   window (LIOBN) of the partition, each on its own
 *                   slots, rotating its pages, and try the LIOBNs of
 *                   other groups (refused); every H_GET_TCE reads what
 *                   its vCPU wrote, and at the end every slot of the
 *                   engine's window moves the bytes of the page its TCE
 *                   names through weir's DMA engine (TCE table and IOMMU
 *                   agree). Skipped (no output) without a /dma-engine.
 *   tb-sync         the two vCPUs read one clock: over TB_SAMPLES
 *                   exchanges (vCPU 0 reads t0, vCPU 1 then tb, vCPU 0
 *                   then t2) vCPU 1's timebase minus vCPU 0's lies in
 *                   [max(tb - t2), min(tb - t0)], which must hold 0
 *
 *   dbell-self      a doorbell to itself with MSR[EE] on is taken at once
 *   dbell-echo      vCPU 1 answers each doorbell with one to vCPU 0
 *
 * "smp: vCPU 1 started <t> timebase ticks after its release" (the
 * spin table write to its first C statement, on one clock: see tb-sync)
 * before the release check's result, then "smp: timebase vCPU 1 - vCPU 0 in [<lo>, <hi>] ticks",
 * "smp: doorbell to itself <t>, ipi round trip <t> timebase ticks"
 * (ipi_costs()), "smp: all checks done
 * (<n> failed)", and reads console commands: 'r' restarts the partition
 * (FH_PARTITION_RESTART(-1)), 's' stops it.
 *
 * vCPU 1 never prints (the console code is vCPU 0's): it reports in
 * shared words.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define MSG_DBELL(tag) ((0u << 27) | (tag))
#define MSG_BRDCAST 0x04000000u
#define PROBE_EA 0x30000000u
#define TRIPS 20
#define TB_SAMPLES 16

/* dma-concurrent: slots per vCPU and window, rounds, IOBAs (4 KiB TCEs) */
#define PG 0x1000u
#define TCE_RW 0x3u
#define DMA_SLOTS 8
#define DMA_ROUNDS 48 /* a multiple of DMA_SLOTS */
#define DMA_MAX_WIN 4
/*
 * vCPU k's TCEs: the k-th 8 of the first 16 of the default window, which
 * all lie in its first 4 MiB IOMMU slot: the two vCPUs' calls share that
 * slot's state (its valid count and mapping, recomputed from its TCEs;
 * doc/tce.md), which maps only an aligned contiguous run from its start
 */
#define DMA_IOBA(k, i) (((k)*DMA_SLOTS + (i)) * PG)
#define DMA_DST_IOBA (2u << 22)
#define DMA_LIOBN(group) (0x40000000u | (u32)(group) << 4) /* weir/dma.h */

/* vCPU 1's state, written by it (volatile: the other vCPU polls). */
static volatile struct {
	u64 up_tb; /* its timebase at its first C statement */
	u32 up, r3, r7, pir, msr;
	u32 dbells;  /* doorbells taken */
	u32 cmd;     /* vCPU 0's request (CMD_*) */
	u32 done;    /* the last command done */
	u32 tlb_ok;  /* CMD_MAP: mapped and read */
	u32 missed;  /* CMD_PROBE: tlbsx miss, then a DTLB error */
	u32 echo;    /* doorbells returned to vCPU 0 */
	u64 tb;	     /* CMD_TB: its timebase */
	u32 dma_bad; /* CMD_DMA: wrong results */
} sec;
static volatile u32 my_dbells;
static volatile u32 dtlb_errors;
static u32 probe_word = 0x5a5a1234;
static u8 sec_stack[8192] __attribute__((aligned(16), used));

enum { CMD_NONE, CMD_MAP, CMD_PROBE, CMD_ECHO, CMD_IDLE, CMD_TB, CMD_DMA };

static unsigned int failed;

static void report(const char *name, bool ok, const char *why)
{
	if (ok) {
		printf("check %s: ok\n", name);
	} else {
		printf("check %s: FAIL %s\n", name, why);
		failed++;
	}
}

static inline void msgsnd(u32 rb)
{
	__asm__ __volatile__("msync; msgsnd %0" : : "r"(rb) : "memory");
}

static inline void msgclr(u32 rb)
{
	__asm__ __volatile__("msgclr %0" : : "r"(rb) : "memory");
}

static u32 mypir(void)
{
	return mfspr(SPR_PIR);
}

static void on_doorbell(struct gframe *f, int ivor)
{
	if (mypir() == 0) {
		my_dbells++;
		return;
	}
	sec.dbells++;
	if (sec.cmd == CMD_ECHO) {
		sec.echo++;
		msgsnd(MSG_DBELL(0));
	}
}

static void on_dtlb(struct gframe *f, int ivor)
{
	dtlb_errors++;
	f->srr0 += 4; /* skip the read */
}

/* Wait (polling the time base) until *@p differs from @old or @ticks
 * pass. Return: true when it changed. */
static bool wait_change(volatile u32 *p, u32 old, u64 ticks)
{
	u64 end = get_tb() + ticks;

	while (*p == old)
		if (get_tb() > end)
			return false;
	return true;
}

/* ------------------------------------------------- dma-concurrent */
static u8 dma_page[2][DMA_SLOTS][PG]
	__attribute__((aligned(2 * DMA_SLOTS * PG)));
static u8 dma_dst[PG] __attribute__((aligned(PG)));
/* an INDIRECT list is one 4 KiB-aligned page (LoPAR): one per vCPU */
static u32 dma_list[2][PG / 4] __attribute__((aligned(PG)));
static u32 dma_liobn[DMA_MAX_WIN], dma_nwin, dma_handle;

/* vCPU @k's TCE for slot @i in round @r: its pages, rotating. */
static u32 dma_tce(unsigned int k, unsigned int i, unsigned int r)
{
	return (u32)dma_page[k][(i + r) % DMA_SLOTS] | TCE_RW;
}

static bool dma_own(u32 liobn)
{
	unsigned int w;

	for (w = 0; w < dma_nwin; w++)
		if (dma_liobn[w] == liobn)
			return true;
	return false;
}

/*
 * A decrementer deadline 20..1043 ticks ahead (TCR[DIE] is 0: no
 * interrupt): under -icount QEMU switches cores at every timer deadline,
 * so the two vCPUs' hcalls interleave at arbitrary instructions of weir
 * instead of at its 10 ms tick.
 */
static void dma_preempt(u32 *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	mtspr(SPR_DEC, 20 + (*seed >> 22));
}

/* One vCPU's share (@k 0 or 1): the number of wrong results. */
static u32 dma_worker(unsigned int k)
{
	u32 bad = 0, lb, i, r, g, seed = k + 1;

	dec_disarm(); /* TCR[DIE] off: the deadlines only end QEMU's turns */
	for (r = 0; r < DMA_ROUNDS; r++) {
		lb = dma_liobn[r % dma_nwin];
		dma_preempt(&seed);
		switch (r % 3) {
		case 0:
			for (i = 0; i < DMA_SLOTS; i++) {
				dma_preempt(&seed);
				bad += tce_put(lb, DMA_IOBA(k, i),
					       dma_tce(k, i, r)) != H_SUCCESS;
			}
			break;
		case 1:
			for (i = 0; i < DMA_SLOTS; i++) {
				dma_list[k][2 * i] = 0; /* TCEs: 64-bit BE */
				dma_list[k][2 * i + 1] = dma_tce(k, i, r);
			}
			bad += tce_indirect(lb, DMA_IOBA(k, 0), dma_list[k],
					    DMA_SLOTS) != H_SUCCESS;
			break;
		default:
			bad += tce_stuff(lb, DMA_IOBA(k, 0), 0, DMA_SLOTS) !=
			       H_SUCCESS;
			for (i = 0; i < DMA_SLOTS; i++) {
				dma_preempt(&seed);
				bad += tce_get(lb, DMA_IOBA(k, i)) != 0;
				bad += tce_put(lb, DMA_IOBA(k, i),
					       dma_tce(k, i, r)) != H_SUCCESS;
			}
			break;
		}
		for (i = 0; i < DMA_SLOTS; i++) {
			dma_preempt(&seed);
			bad += tce_get(lb, DMA_IOBA(k, i)) != dma_tce(k, i, r);
		}
		/* other groups' windows (another partition's, or none) */
		for (g = 0; g < 8; g++)
			if (!dma_own(DMA_LIOBN(g)))
				bad += tce_put(DMA_LIOBN(g), DMA_IOBA(k, 0),
					       dma_tce(k, 0, r)) == H_SUCCESS;
	}
	dec_disarm();
	/* the final state the engine checks: round DMA_ROUNDS (a multiple
	 * of DMA_SLOTS: the pages in order, one run) on window 0 */
	for (i = 0; i < DMA_SLOTS; i++)
		bad += tce_put(dma_liobn[0], DMA_IOBA(k, i),
			       dma_tce(k, i, DMA_ROUNDS)) != H_SUCCESS;
	return bad;
}

/* The partition's DMA windows from its tree; the engine's first. */
static bool dma_find(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_DMA_ENGINE);
	const fdt32_t *w, *h;
	int len;

	if (node < 0)
		return false;
	h = fdt_getprop(fdt, node, DT_PROP_DMA_HANDLE, NULL);
	w = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, &len);
	if (!h || !w || len < 4)
		return false;
	dma_handle = fdt32_to_cpu(h[0]);
	dma_liobn[dma_nwin++] = fdt32_to_cpu(w[0]);
	for (node = fdt_next_node(fdt, -1, NULL);
	     node >= 0 && dma_nwin < DMA_MAX_WIN;
	     node = fdt_next_node(fdt, node, NULL)) {
		w = fdt_getprop(fdt, node, DT_PROP_DMA_WINDOW, &len);
		if (w && len >= 4 && !dma_own(fdt32_to_cpu(w[0])))
			dma_liobn[dma_nwin++] = fdt32_to_cpu(w[0]);
	}
	return true;
}

/* --------------------------------------------------------- vCPU 1 */
extern char secondary_start[], __guest_ivpr[];
extern char vector_6[], vector_13[], vector_36[];
void secondary_main(u32 r3, u32 r7);

__asm__(".section .text\n"
	".globl secondary_start\n"
	"secondary_start:\n"
	"	lis	1, (sec_stack + 8192)@ha\n"
	"	addi	1, 1, (sec_stack + 8192)@l\n"
	"	li	0, 0\n"
	"	stwu	0, -16(1)\n"
	"	mr	4, 7\n"
	"	bl	secondary_main\n"
	"1:	b	1b\n");

static void run_cmd(u32 cmd)
{
	struct tlb_entry e;
	volatile u32 *probe = (volatile u32 *)PROBE_EA;
	u32 dtlb;
	int esel;

	switch (cmd) {
	case CMD_DMA:
		sec.dma_bad = dma_worker(1);
		break;
	case CMD_TB:
		sec.tb = get_tb();
		break;
	case CMD_MAP:
		esel = tlb1_find_free();
		if (esel < 0)
			break;
		tlb1_set(esel, PROBE_EA, (u32)&probe_word & ~0xfffu, TSIZE_4K,
			 MAS2_M, MAS3_SR | MAS3_SW);
		probe = (volatile u32 *)(PROBE_EA +
					 ((u32)&probe_word & 0xfff));
		sec.tlb_ok = *probe == 0x5a5a1234;
		break;
	case CMD_PROBE:
		dtlb = dtlb_errors;
		probe = (volatile u32 *)(PROBE_EA +
					 ((u32)&probe_word & 0xfff));
		sec.missed = !tlb_search(PROBE_EA, &e);
		(void)*probe;
		sec.missed = sec.missed && dtlb_errors == dtlb + 1;
		break;
	}
}

void secondary_main(u32 r3, u32 r7)
{
	u32 n;

	sec.up_tb = get_tb();
	sec.r3 = r3;
	sec.r7 = r7;
	sec.msr = mfmsr();
	sec.pir = mypir();
	/* IVPR and the IVORs are this core's own */
	mtspr(SPR_IVPR, (u32)__guest_ivpr & 0xffff0000u);
	mtspr(SPR_IVOR0 + IVOR_DATA_TLB, (u32)vector_13);
	mtspr(SPR_IVOR0 + IVOR_PROGRAM, (u32)vector_6);
	mtspr(SPR_IVOR36, (u32)vector_36);
	isync();
	__asm__ __volatile__("msync" ::: "memory");
	sec.up = 1;
	for (;;) {
		n = sec.cmd;
		if (n != CMD_NONE && n != CMD_IDLE && n != CMD_ECHO &&
		    sec.done != n) {
			run_cmd(n);
			sec.done = n;
			if (n == CMD_TB || n == CMD_DMA)
				msgsnd(MSG_DBELL(0)); /* vCPU 0 idles */
		}
		ev_idle(); /* EE on while idle: doorbells wake us */
	}
}

/* --------------------------------------------------------- vCPU 0 */
static volatile u32 *release_entry(const void *fdt, bool *ok)
{
	int node = fdt_path_offset(fdt, "/cpus/cpu@1"), len;
	const fdt64_t *rel;
	const char *st, *em;

	*ok = false;
	if (node < 0)
		return NULL;
	st = fdt_getprop(fdt, node, "status", NULL);
	em = fdt_getprop(fdt, node, "enable-method", NULL);
	rel = fdt_getprop(fdt, node, "cpu-release-addr", &len);
	if (!st || strcmp(st, "disabled") || !em || strcmp(em, "spin-table") ||
	    !rel || len != 8)
		return NULL;
	*ok = true;
	return (volatile u32 *)(u32)fdt64_to_cpu(*rel);
}

static void check_release(const void *fdt)
{
	volatile u32 *e;
	u64 t_release;
	bool ok;

	e = release_entry(fdt, &ok);
	report("cpus", ok && e && e[1] == 1 && e[5] == 1,
	       "cpu@1 or its spin table entry");
	if (!ok || !e)
		return;
	e[2] = 0;
	e[3] = 0x1234;
	e[0] = 0;
	__asm__ __volatile__("msync" ::: "memory");
	t_release = get_tb();
	e[1] = (u32)secondary_start;
	if (!wait_change(&sec.up, 0, guest.tb_freq)) {
		report("release", false, "vCPU 1 did not start within 1 s");
		return;
	}
	printf("smp: vCPU 1 started %llu timebase ticks after its release\n",
	       (unsigned long long)(sec.up_tb - t_release));
	report("release",
	       sec.r3 == 0x1234 && sec.pir == 1 && sec.r7 >= 0x100000 &&
		       !(sec.msr & MSR_EE),
	       "r3, PIR, r7 or MSR");
}

/* Ask vCPU 1 to run @cmd; wait up to 1 s for it. */
static void do_cmd(u32 cmd)
{
	u64 end = get_tb() + guest.tb_freq;

	sec.cmd = cmd;
	msgsnd(MSG_DBELL(1)); /* wake it */
	while (sec.done != cmd && get_tb() < end)
		;
}

static void check_doorbells(void)
{
	u32 d1 = sec.dbells, d0 = my_dbells;
	u64 tick = guest.tb_freq / 100;

	msgsnd(MSG_DBELL(1));
	wait_change(&sec.dbells, d1, guest.tb_freq);
	wait_until(get_tb() + tick);
	report("dbell-to-1", sec.dbells == d1 + 1 && my_dbells == d0,
	       "vCPU 1 took no doorbell, or more than one, or vCPU 0 did");

	d1 = sec.dbells;
	irq_disable();
	msgsnd(MSG_BRDCAST | MSG_DBELL(0));
	wait_change(&sec.dbells, d1, guest.tb_freq);
	irq_enable();
	wait_until(get_tb() + tick);
	report("dbell-broadcast", sec.dbells == d1 + 1 && my_dbells == d0 + 1,
	       "not one doorbell on each vCPU");

	d0 = my_dbells;
	irq_disable();
	msgsnd(MSG_DBELL(0));
	msgclr(MSG_DBELL(0));
	irq_enable();
	wait_until(get_tb() + tick);
	report("dbell-msgclr", my_dbells == d0, "a cleared doorbell was taken");

	d0 = my_dbells;
	d1 = sec.dbells;
	msgsnd(MSG_DBELL(2));
	msgsnd(MSG_DBELL(3));
	wait_until(get_tb() + 5 * tick);
	report("dbell-other", my_dbells == d0 && sec.dbells == d1,
	       "a doorbell to another partition's PIR arrived here");
}

static void check_tlbivax(void)
{
	sec.done = CMD_NONE;
	do_cmd(CMD_MAP);
	if (!sec.tlb_ok) {
		report("tlbivax-remote", false, "vCPU 1 could not map the page");
		return;
	}
	/* EA[60] (0x8): TLB1 */
	__asm__ __volatile__("tlbivax 0, %0; msync; tlbsync; msync"
			     :
			     : "r"(PROBE_EA | 0x8)
			     : "memory");
	do_cmd(CMD_PROBE);
	report("tlbivax-remote", sec.done == CMD_PROBE && sec.missed,
	       "vCPU 1 still translates the page");
}

static void check_dma_concurrent(const void *fdt)
{
	u32 bad0, moved = 0, i, j, k, t;
	u64 end;

	if (!dma_find(fdt))
		return;
	for (k = 0; k < 2; k++)
		for (i = 0; i < DMA_SLOTS; i++)
			for (j = 0; j < PG; j++)
				dma_page[k][i][j] = (u8)(k * 64 + i * 8 + j);
	if (tce_put(dma_liobn[0], DMA_DST_IOBA, (u32)dma_dst | TCE_RW) !=
	    H_SUCCESS) {
		report("dma-concurrent", false, "cannot map the target page");
		return;
	}
	sec.done = CMD_NONE;
	sec.cmd = CMD_DMA;
	msgsnd(MSG_DBELL(1));
	bad0 = dma_worker(0); /* while vCPU 1 runs its share */
	/* idle (10 ms naps): a spinning vCPU 0 would hold QEMU's turn */
	end = get_tb() + 10 * (u64)guest.tb_freq;
	while (sec.done != CMD_DMA && get_tb() < end) {
		dec_arm(guest.tb_freq / 100);
		ev_idle();
	}
	dec_disarm();
	sec.cmd = CMD_IDLE;
	/* every slot of the engine's window: TCE read back and bytes moved */
	for (k = 0; k < 2; k++)
		for (i = 0; i < DMA_SLOTS; i++) {
			t = dma_tce(k, i, DMA_ROUNDS);
			memset(dma_dst, 0, 64);
			if (tce_get(dma_liobn[0], DMA_IOBA(k, i)) == t &&
			    weir_dma_copy(dma_handle, DMA_IOBA(k, i),
					  DMA_DST_IOBA, 64) == EV_SUCCESS &&
			    !memcmp(dma_dst, (const void *)(t & ~0xfffu), 64))
				moved++;
		}
	printf("smp: dma: both vCPUs, %u rounds on %u windows: %u and %u wrong results, %u of %u slots move their page\n",
	       DMA_ROUNDS, (unsigned)dma_nwin, (unsigned)bad0,
	       (unsigned)sec.dma_bad, (unsigned)moved, 2 * DMA_SLOTS);
	if (sec.done != CMD_DMA)
		report("dma-concurrent", false,
		       "vCPU 1 did not finish its share within 10 s");
	else
		report("dma-concurrent",
		       !bad0 && !sec.dma_bad && moved == 2 * DMA_SLOTS,
		       "a DMA hcall result or a mapping is wrong");
}

/*
 * One clock for both vCPUs (weir hands cpu 0's timebase to the cores it
 * releases): each exchange bounds vCPU 1's offset from both sides; the
 * bounds of all exchanges must leave room for 0.
 */
static void check_tb_sync(void)
{
	int64_t lo = INT64_MIN, hi = INT64_MAX, d;
	u64 t0, t2;
	unsigned int i;

	for (i = 0; i < TB_SAMPLES; i++) {
		u64 end;

		sec.done = CMD_NONE;
		sec.cmd = CMD_TB;
		__asm__ __volatile__("msync" ::: "memory");
		t0 = get_tb();
		end = t0 + guest.tb_freq;
		msgsnd(MSG_DBELL(1));
		/* idle, not spin: QEMU's round robin then runs vCPU 1 next
		 * and the exchange takes thousands of ticks, not a turn of
		 * every core (vCPU 1 rings when done) */
		while (sec.done != CMD_TB && get_tb() < end)
			ev_idle();
		t2 = get_tb();
		if (sec.done != CMD_TB)
			break;
		d = (int64_t)(sec.tb - t2);
		if (d > lo)
			lo = d;
		d = (int64_t)(sec.tb - t0);
		if (d < hi)
			hi = d;
	}
	sec.cmd = CMD_IDLE;
	printf("smp: timebase vCPU 1 - vCPU 0 in [%lld, %lld] ticks\n",
	       (long long)lo, (long long)hi);
	report("tb-sync", i == TB_SAMPLES && lo <= 0 && hi >= 0,
	       "vCPU 1's timebase is not vCPU 0's");
}

/*
 * Doorbell costs in timebase ticks, the least of several tries (a try
 * that QEMU's round robin interrupted counts the other cores too): a
 * doorbell to itself (msgsnd trapped and emulated, the doorbell taken
 * before the next instruction, its handler, rfi), and the round trip
 * vCPU 0 -> vCPU 1 -> vCPU 0 (both kicks, vCPU 1 woken from EV_IDLE).
 */
static void ipi_costs(void)
{
	u32 d0, i, self = ~0u, trip = ~0u, t;
	u64 t0;

	for (i = 0; i < TRIPS; i++) {
		d0 = my_dbells;
		t0 = get_tb();
		msgsnd(MSG_DBELL(0));
		t = (u32)(get_tb() - t0);
		if (my_dbells == d0 + 1 && t < self)
			self = t;
	}
	report("dbell-self", self != ~0u, "a doorbell to itself was not taken");
	sec.cmd = CMD_ECHO;
	__asm__ __volatile__("msync" ::: "memory");
	for (i = 0; i < TRIPS; i++) {
		d0 = my_dbells;
		t0 = get_tb();
		msgsnd(MSG_DBELL(1));
		if (!wait_change(&my_dbells, d0, guest.tb_freq))
			break;
		t = (u32)(get_tb() - t0);
		if (t < trip)
			trip = t;
	}
	sec.cmd = CMD_IDLE;
	report("dbell-echo", i == TRIPS, "vCPU 1 did not answer");
	printf("smp: doorbell to itself %u, ipi round trip %u timebase ticks (least of %u)\n",
	       (unsigned)self, (unsigned)trip, (unsigned)TRIPS);
}

void guest_main(void *fdt)
{
	char c;

	set_exception_handler(IVOR_DOORBELL, on_doorbell);
	set_exception_handler(IVOR_DATA_TLB, on_dtlb);
	mtspr(SPR_IVOR36, (u32)vector_36);
	isync();
	irq_enable();
	printf("smp: vCPU 0 up (guest-id %u)\n", (unsigned)guest.id);
	check_release(fdt);
	if (sec.up) {
		check_doorbells();
		check_tlbivax();
		check_tb_sync();
		check_dma_concurrent(fdt);
		ipi_costs();
	}
	printf("smp: all checks done (%u failed)\n", failed);
	for (;;) {
		if (console_read(&c, 1, true) != 1)
			continue;
		if (c == 'r') {
			printf("smp: restart = %u\n",
			       (unsigned)fh_partition_restart(~0u));
		} else if (c == 's') {
			printf("smp: stopping\n");
			guest_stop();
		}
	}
}
