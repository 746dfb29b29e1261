/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Isolation invariants of the hcall fuzzer's world (world.h), checked
 * after every call, and the snapshot that proves a refused call changed
 * nothing. A broken invariant prints what broke and abort()s, which
 * libFuzzer reports as a crash with the input that caused it.
 */
#ifndef FUZZ_INVARIANTS_H
#define FUZZ_INVARIANTS_H

#include <weir/types.h>

/* Register the state regions of the (freshly reset) world. */
void snap_init(void);
/* Copy every region that differs from the snapshot; true if any did. */
bool snap_update(void);
/* true when the live state equals the snapshot. */
bool snap_same(void);
/* Take partition @pi vCPU @vi's registers into the snapshot (a refused
 * call's registers are checked separately: only r3 may change). */
void snap_accept_regs(unsigned int pi, unsigned int vi);

/*
 * Everything: PAMU tables decoded (every valid entry maps only its
 * owner's RAM or its own doorbell, write-only; no dangling or shared
 * SPAACE; allocation map in step), each window's bookkeeping and TCEs,
 * table and PAMU agreement (exact windows through pamu_model_translate),
 * the MSI range, nothing staged, the canaries.
 */
void inv_check_all(const char *after);
/* The cheap part, after every call: canaries and nothing staged. */
void inv_check_cheap(const char *after);

/* Report a broken invariant and abort. */
void inv_fail(const char *after, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

#endif
