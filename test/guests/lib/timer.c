// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Time base and a one-shot decrementer (Book E: DEC counts down at the
 * time-base rate, TSR[DIS] is set at zero and raises IVOR10 while
 * TCR[DIE] and MSR[EE] are set; TSR is write-1-to-clear).
 */
#include "guest.h"

volatile u32 dec_interrupts;
static void (*dec_callback)(void);

u64 get_tb(void)
{
	u32 hi, lo, hi2;

	do {
		hi = mfspr(SPR_TBU_R);
		lo = mfspr(SPR_TBL_R);
		hi2 = mfspr(SPR_TBU_R);
	} while (hi != hi2);
	return (u64)hi << 32 | lo;
}

static void dec_interrupt(struct gframe *f, int ivor)
{
	mtspr(SPR_TSR, TSR_DIS);
	dec_interrupts++;
	if (dec_callback)
		dec_callback();
}

void timer_init(void)
{
	set_exception_handler(IVOR_DECREMENTER, dec_interrupt);
}

void dec_set_callback(void (*fn)(void))
{
	dec_callback = fn;
}

void dec_arm(u32 ticks)
{
	if (!ticks)
		ticks = 1;
	if (ticks > 0x7fffffff)
		ticks = 0x7fffffff;
	mtspr(SPR_TCR, mfspr(SPR_TCR) & ~(TCR_DIE | TCR_ARE));
	mtspr(SPR_DEC, ticks);
	mtspr(SPR_TSR, TSR_DIS);
	mtspr(SPR_TCR, mfspr(SPR_TCR) | TCR_DIE);
}

void dec_disarm(void)
{
	mtspr(SPR_TCR, mfspr(SPR_TCR) & ~(TCR_DIE | TCR_ARE));
	mtspr(SPR_DEC, 0);
	mtspr(SPR_TSR, TSR_DIS);
}

void wait_until(u64 tb)
{
	for (;;) {
		u64 now = get_tb();

		if (now >= tb)
			return;
		dec_arm(tb - now > 0x7fffffff ? 0x7fffffff : (u32)(tb - now));
		ev_idle();
	}
}
