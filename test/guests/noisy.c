// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * noisy: a partition that costs weir all the console it can, for
 * test/py/test_faults.py. NOISY_ROUNDS times it
 *   - loads from a guest-physical page outside its memory (weir refuses,
 *     logs "outside its memory", reflects a DSI that is skipped here),
 *   - runs a privileged instruction weir does not emulate (mfspr of SPR
 *     1000: "not emulated", a program exception, skipped),
 * and every NOISY_PRINT_EVERY rounds prints a line of terminal control
 * bytes meant to erase its "[noisy] " prefix and forge a weir line.
 * "noisy: <n> rounds" every NOISY_REPORT rounds, then "noisy: done" and
 * the heartbeat. It starts after 1 s of time base, so that the noise
 * meets its neighbour's heartbeats rather than its boot. The test checks that its neighbour's heartbeat keeps its
 * period (guest time), that its log lines stay within its budget, and
 * that no control byte reaches the UART unescaped.
 */
#include <stdio.h>
#include "guest.h"

#define NOISY_ROUNDS		65536
#define NOISY_REPORT		4096
#define NOISY_PRINT_EVERY	1024
#define NOISY_EA		0x40000000

static volatile unsigned int traps;

static void skip(struct gframe *f, int ivor)
{
	traps++;
	f->srr0 += 4;
}

void guest_main(void *fdt)
{
	u64 beyond = (guest.ram_size + 0xfff) & ~0xfffull;
	int esel = tlb1_find_free();
	unsigned int i;
	volatile u32 v;

	if (beyond < 0x30000000)
		beyond = 0x30000000;
	if (esel < 0) {
		printf("noisy: no free TLB1 entry\n");
		guest_stop();
	}
	set_exception_handler(IVOR_DATA_STORAGE, skip);
	set_exception_handler(IVOR_PROGRAM, skip);
	tlb1_set(esel, NOISY_EA, beyond, TSIZE_4K, MAS2_I | MAS2_G,
		 MAS3_SR | MAS3_SW);
	wait_until(get_tb() + (guest.tb_freq ? guest.tb_freq : 400000000u));
	printf("noisy: start\n");
	for (i = 1; i <= NOISY_ROUNDS; i++) {
		__asm__ __volatile__("lwz %0, 0(%1)" : "=r"(v)
				     : "b"(NOISY_EA) : "memory");
		v = mfspr(1000);
		if (!(i % NOISY_PRINT_EVERY))
			printf("\x1b[2K\x1b[1Gweir: forged by noisy\b\b\x07\n");
		if (!(i % NOISY_REPORT))
			printf("noisy: %u rounds, %u traps\n", i, traps);
	}
	tlb1_clear(esel);
	printf("noisy: done\n");
	heartbeat();
}
