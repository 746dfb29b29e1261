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
 *
 *   dbell-self      a doorbell to itself with MSR[EE] on is taken at once
 *   dbell-echo      vCPU 1 answers each doorbell with one to vCPU 0
 *
 * then "smp: doorbell to itself <t>, ipi round trip <t> timebase ticks"
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

/* vCPU 1's state, written by it (volatile: the other vCPU polls). */
static volatile struct {
	u32 up, r3, r7, pir, msr;
	u32 dbells;  /* doorbells taken */
	u32 cmd;     /* vCPU 0's request (CMD_*) */
	u32 done;    /* the last command done */
	u32 tlb_ok;  /* CMD_MAP: mapped and read */
	u32 missed;  /* CMD_PROBE: tlbsx miss, then a DTLB error */
	u32 echo;    /* doorbells returned to vCPU 0 */
} sec;
static volatile u32 my_dbells;
static volatile u32 dtlb_errors;
static u32 probe_word = 0x5a5a1234;
static u8 sec_stack[8192] __attribute__((aligned(16), used));

enum { CMD_NONE, CMD_MAP, CMD_PROBE, CMD_ECHO, CMD_IDLE };

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
	e[1] = (u32)secondary_start;
	if (!wait_change(&sec.up, 0, guest.tb_freq)) {
		report("release", false, "vCPU 1 did not start within 1 s");
		return;
	}
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
