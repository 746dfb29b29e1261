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
/* Copy every region that differs from the snapshot and record what
 * changed for inv_check_changed(); true if any did. */
bool snap_update(void);
/* true when the live state equals the snapshot. */
bool snap_same(void);
/*
 * The same for the state a call of partitions @parts (bit per index into
 * W.part) could change: every small region (partitions, vPICs, vCPUs,
 * queues...) and the groups of @parts; not other partitions' groups,
 * nor the IOMMU (whose audit runs in snap_same() and snap_update()).
 */
bool snap_scope_same(unsigned int parts);
/* Take partition @pi vCPU @vi's registers into the snapshot (a refused
 * call's registers are checked separately: only r3 may change). */
void snap_accept_regs(unsigned int pi, unsigned int vi);

/*
 * Everything, from scratch (the full sweep): the IOMMU audited through
 * iommu_ops.audit (its own rules: tables well formed, no dangling or
 * shared subwindow entry, allocation map in step, nothing staged or
 * held) and every LIODN's window it reports (only a LIODN of one group
 * has one; a valid one maps only its owner's RAM or its own doorbell,
 * write-only), each window's bookkeeping and TCEs, table and IOMMU
 * agreement (exact windows through iommu_ops.translate), the MSI range,
 * the canaries.
 */
void inv_check_all(const char *after);
/*
 * The same rules, for what changed since the last check (as recorded by
 * snap_update(), which runs the audit): the LIODNs whose window changed,
 * the groups whose state changed or that hold such a LIODN, plus the
 * cheap checks. Also ownership: a changed group or window must belong
 * to one of partitions @parts (bit per index into W.part), those the
 * call may act on.
 */
void inv_check_changed(const char *after, unsigned int parts);
/* The cheap part, after every call: the canaries, and a rule the last
 * IOMMU audit found broken. */
void inv_check_cheap(const char *after);

struct inv_stats {
	unsigned long long sweeps;	/* inv_check_all() */
	unsigned long long incremental;	/* inv_check_changed() */
};
extern struct inv_stats inv_stats;

/* Report a broken invariant and abort. */
void inv_fail(const char *after, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

#endif
