// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest decrementer as a deadline on the timebase. The real DEC of a
 * core is weir's (it serves weir's tick too), so the guest's count is
 * computed, never stored: nothing a guest writes can starve weir's tick.
 */
#include <weir/booke.h>
#include <weir/vtimer.h>

void vtimer_write_dec(struct vcpu *v, u32 val, u64 now)
{
	v->dec_armed = val != 0;
	v->dec_deadline = now + val;
}

u32 vtimer_read_dec(const struct vcpu *v, u64 now)
{
	if (!v->dec_armed || now >= v->dec_deadline)
		return 0;
	return (u32)(v->dec_deadline - now);
}

bool vtimer_expire(struct vcpu *v, u64 now)
{
	bool was = v->tsr & TSR_DIS;

	if (!v->dec_armed || now < v->dec_deadline)
		return false;
	v->tsr |= TSR_DIS;
	if ((v->tcr & TCR_ARE) && v->decar) {
		/* Reload; skip periods missed while not running. */
		v->dec_deadline += v->decar;
		if (v->dec_deadline <= now)
			v->dec_deadline = now + v->decar;
	} else {
		v->dec_armed = false;
	}
	return !was;
}

u64 vtimer_next(const struct vcpu *v)
{
	return v->dec_armed ? v->dec_deadline : UINT64_MAX;
}
