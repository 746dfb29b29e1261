#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Self-test of the hcall fuzzer's checks (doc/robustness.md): for every
# bug world.c can inject (FUZZ_SELFTEST=<name>), run fuzz_hcall from the
# committed corpus with only the incremental checks (FUZZ_SWEEP=0) and
# require that it stops within LIMIT seconds with the invariant that
# names that bug. A check that no longer bites fails here.
#
# usage: selftest.sh FUZZ_HCALL CORPUS WORKDIR [LIMIT]
set -u
bin=$1 corpus=$2 work=$3 limit=${4:-30}

# name|what the report must say (extended regular expression)
tests='
outside_ram|outside its RAM
doorbell_rw|doorbell mapped with prot
foreign_liodn|window but 0 groups
blocked_valid|no window, liodn
slot_lost|PAMU entry differs from the table
staged_left|left staged
hw_error|H_HARDWARE|EV_INTERNAL
tce_msi|in the MSI range
slot_count|counted
cross_group|changed by a call that may only change
refused_own|a refused call changed state
refused_foreign|refused call changed (state|another partition.s state)
canary|canary
spaace_stray|unreferenced, not zero
'

fail=0
total=0
mkdir -p "$work"
echo "$tests" | while IFS='|' read -r name want; do
	[ -n "$name" ] || continue
	rm -rf "$work/corpus" "$work/$name.log" "$work/$name-"*
	mkdir -p "$work/corpus"
	start=$(date +%s.%N)
	FUZZ_SELFTEST=$name FUZZ_SWEEP=0 "$bin" -seed=1 -max_len=2048 \
		-max_total_time="$limit" -artifact_prefix="$work/$name-" \
		"$work/corpus" "$corpus" > "$work/$name.log" 2>&1
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	line=$(grep -m1 'INVARIANT BROKEN' "$work/$name.log")
	if [ $rc -ne 0 ] && echo "$line" | grep -qE "$want"; then
		printf '          %-16s caught in %4.1f s: %s\n' "$name" "$secs" \
			"$(echo "$line" | cut -c1-90)"
	else
		printf '          %-16s NOT CAUGHT (rc %d) in %.1f s, see %s\n' \
			"$name" $rc "$secs" "$work/$name.log"
		echo FAIL > "$work/failed"
	fi
done
if [ -e "$work/failed" ]; then
	rm -f "$work/failed"
	exit 1
fi
