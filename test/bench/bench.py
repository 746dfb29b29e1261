#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""`make bench`: weir's cost on its hot paths (doc/performance.md).

Parts, each a module in this directory:
  guest   instructions seen by a guest (QEMU ppce500, -icount shift=0)
  host    callgrind instruction counts of the handlers alone (host build)
  pseries wall-clock of the same hcall script on weir and on QEMU pseries
  memory  weir's text/data/bss, per-partition and per-window bytes

Prints a table and writes <build>/bench/results.json. With --smoke every
benchmark runs once with few calls and no target is judged; the exit
status is non-zero only when a benchmark failed to run.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import guest_bench  # noqa: E402
import host_bench  # noqa: E402
import memory  # noqa: E402
import pseries  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Targets (issue 8, then issue 20's goals). key: (figure, field, limit, unit)
TARGETS = [
    ("null hcall", "guest", "null-unknown", "per_call", 80, "insn"),
    ("H_PUT_TCE", "guest", "put-tce", "per_call", 150, "insn"),
    ("H_GET_TCE", "guest", "get-tce", "per_call", 130, "insn"),
    ("INDIRECT(512) per TCE", "guest", "indirect-512", "per_unit", 20, "insn"),
    ("STUFF(512) per TCE", "guest", "stuff-512", "per_unit", 4, "insn"),
    ("1 GiB Linux-style clear", "guest", "linux-clear-1g", "per_sweep", 800_000, "insn"),
    ("trap-mfmsr (emulated)", "guest", "trap-mfmsr", "per_call", 100, "insn"),
    ("hand-off to first guest insn", "guest", "handoff", "value", 3_000_000, "insn"),
    ("weir text+data", "memory", "weir_text_data", "value", 192 * 1024, "bytes"),
]


def lookup(results, part, name, field):
    fig = results.get(part, {}).get(name)
    if fig is None:
        return None
    if field == "value":
        return fig.get("value")
    return fig.get(field, {}).get("median")


def judge(results):
    rows = []
    for label, part, name, field, limit, unit in TARGETS:
        v = lookup(results, part, name, field)
        rows.append({"target": label, "figure": f"{part}/{name}", "value": v,
                     "limit": limit, "unit": unit,
                     "met": None if v is None else v <= limit})
    return rows


def print_targets(rows):
    print("\n== targets ==")
    print(f"{'target':34} {'measured':>14} {'limit':>12}  result")
    for r in rows:
        v = "n/a" if r["value"] is None else f"{r['value']:,.1f}"
        res = "not measured" if r["met"] is None else ("met" if r["met"] else "MISSED")
        print(f"{r['target']:34} {v:>14} {r['limit']:>12,}  {res}")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default="build")
    ap.add_argument("--smoke", action="store_true", help="run each benchmark once")
    ap.add_argument("--only", action="append", choices=["guest", "host", "pseries", "memory"],
                    help="run only these parts (repeatable)")
    args = ap.parse_args()
    bdir = args.build_dir if os.path.isabs(args.build_dir) else os.path.join(TOP, args.build_dir)
    out_dir = os.path.join(bdir, "bench")
    os.makedirs(out_dir, exist_ok=True)
    parts = args.only or ["memory", "host", "guest", "pseries"]

    results = {"smoke": args.smoke}
    errors = []
    runners = {"guest": guest_bench.run, "host": host_bench.run,
               "pseries": pseries.run, "memory": memory.run}
    for part in parts:
        try:
            results[part] = runners[part](TOP, bdir, args.smoke)
        except Exception as e:  # a part that cannot run is reported, not hidden
            errors.append(f"{part}: {e}")
            print(f"bench: {part}: FAILED: {e}", file=sys.stderr)
    if not args.smoke:
        results["targets"] = judge(results)
        print_targets(results["targets"])
    results["errors"] = errors
    path = os.path.join(out_dir, "results-smoke.json" if args.smoke else "results.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, sort_keys=True)
    print(f"\nbench: results in {os.path.relpath(path, TOP)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
