// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Timebase and decrementer (Power ISA Book III-E §7.2-7.3). The timebase
 * frequency comes from the cpu node's "timebase-frequency".
 */
#include <asm/processor.h>
#include <weir/timer.h>

static u32 tb_hz;

void timer_init(u32 tb_freq)
{
	tb_hz = tb_freq;
	mtspr(SPRN_TCR, 0); /* no decrementer/FIT/watchdog interrupt */
	mtspr(SPRN_DEC, 0);
	mtspr(SPRN_DECAR, 0);
	mtspr(SPRN_TSR, ~0u); /* write-1-to-clear every status bit */
}

u32 timer_tb_freq(void)
{
	return tb_hz;
}

u64 timer_ticks(void)
{
	return get_tb();
}

u64 timer_ticks_to_us(u64 ticks)
{
	return tb_hz ? ticks / (tb_hz / 1000000 ? tb_hz / 1000000 : 1) : 0;
}

void udelay(u64 us)
{
	u64 end = get_tb() + us * (tb_hz / 1000000);

	while (get_tb() < end)
		;
}
