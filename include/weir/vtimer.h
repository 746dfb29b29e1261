/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest's decrementer, kept as a timebase deadline (hv/vcpu/vtimer.c).
 * Book E semantics (Power ISA 2.06 Book III-E §9.3): DEC counts down at
 * the timebase rate; reaching zero sets TSR[DIS] and, with TCR[ARE],
 * reloads from DECAR; writing DEC starts a new count.
 */
#ifndef WEIR_VTIMER_H
#define WEIR_VTIMER_H

#include <weir/vcpu.h>

/* Guest mtspr DEC at timebase @now; 0 stops the count. */
void vtimer_write_dec(struct vcpu *v, u32 val, u64 now);

/* Guest mfspr DEC at timebase @now (0 once expired). */
u32 vtimer_read_dec(const struct vcpu *v, u64 now);

/* vtimer_expire() and vtimer_next(), which the arch's decrementer calls:
 * include/weir/arch.h. */

#endif
