/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Timebase and decrementer. */
#ifndef WEIR_TIMER_H
#define WEIR_TIMER_H

#include <weir/types.h>

/* Record the timebase frequency (Hz); decrementer off, its status clear. */
void timer_init(u32 tb_freq);
u32 timer_tb_freq(void);
/* Timebase ticks since reset. */
u64 timer_ticks(void);
/* Convert ticks to microseconds. */
u64 timer_ticks_to_us(u64 ticks);
/* Busy-wait @us microseconds. */
void udelay(u64 us);

#endif
