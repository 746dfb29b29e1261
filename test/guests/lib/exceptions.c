// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * C side of vectors.S: one handler per IVOR. An exception nobody handles
 * prints one line and stops the partition.
 */
#include "guest.h"

static exc_handler_t handlers[NR_IVORS];

exc_handler_t set_exception_handler(int ivor, exc_handler_t fn)
{
	exc_handler_t old;

	if (ivor < 0 || ivor >= NR_IVORS)
		return NULL;
	old = handlers[ivor];
	handlers[ivor] = fn;
	return old;
}

const char *ivor_name(int ivor)
{
	static const char *const names[NR_IVORS] = {
		"critical input", "machine check", "data storage",
		"instruction storage", "external input", "alignment",
		"program", "FP unavailable", "system call",
		"AP unavailable", "decrementer", "fixed-interval timer",
		"watchdog", "data TLB error", "instruction TLB error", "debug",
	};

	return ivor >= 0 && ivor < NR_IVORS && names[ivor] ? names[ivor] : "?";
}

static bool asynchronous(int ivor)
{
	return ivor == IVOR_CRITICAL || ivor == IVOR_EXTERNAL ||
	       ivor == IVOR_DECREMENTER || ivor == IVOR_FIT ||
	       ivor == IVOR_WATCHDOG || ivor == IVOR_DOORBELL;
}

void guest_exception(struct gframe *f, int ivor)
{
	/* ev_idle(): an interrupt before (or during) EV_IDLE ends the idle. */
	if (asynchronous(ivor) && f->srr0 >= (u32)__idle_slot &&
	    f->srr0 < (u32)__idle_window_end)
		f->srr0 = (u32)__idle_window_end;

	if (ivor >= 0 && ivor < NR_IVORS && handlers[ivor]) {
		handlers[ivor](f, ivor);
		return;
	}
	guest_printf("guest: unexpected exception %d at 0x%08x dear 0x%08x esr 0x%08x\n",
		     ivor, (unsigned)f->srr0, (unsigned)f->dear, (unsigned)f->esr);
	guest_halt();
}
