# SPDX-License-Identifier: GPL-2.0-or-later
"""Host instruction counts of the handlers alone: test/bench/bench_host.c
(a non-sanitized -O2 sandbox build, build/bench-host) under
`valgrind --tool=callgrind`, collecting only inside bench_measured(), i.e.
hcall_dispatch() and below. x86-64 instructions, not PowerPC ones: the
figure separates the work done inside weir from trap entry/exit and
shows how it scales, it is not the guest-visible count.

For each figure the inclusive cost of a few inner functions
(hc_h_put_tce, pamu_commit, ...) comes from callgrind_annotate.
"""
import os
import re
import subprocess
import tempfile

BENCH_HOST = os.path.join("build", "bench-host", "test", "bench", "bench_host")
# figure: calls (full run); the smoke run makes 2 calls
CALLS = {"linux-clear-1g": 4, "ddw-cycle-1g": 20, "pamu-commit-256": 40,
         "indirect-512": 40}
DEFAULT_CALLS = 200
INNER = ["hcall_dispatch", "hc_h_put_tce", "hc_h_put_tce_indirect",
         "hc_h_stuff_tce", "hc_h_get_tce", "papr_rtas_call", "tce_put", "tce_get",
         "tce_stuff", "tce_put_indirect", "dma_reflect_slots", "pamu_commit",
         "ddw_create", "ddw_remove"]
# TCEs per call, for per-TCE figures
UNITS = {"indirect-64": 64, "indirect-512": 512, "stuff-512": 512,
         "linux-clear-1g": 512 * 512, "pamu-commit-256": 256}


def callgrind(exe, figure, calls, tmp):
    out = os.path.join(tmp, f"cg.{figure}")
    subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=bench_measured",
                    f"--callgrind-out-file={out}", exe, figure, str(calls)],
                   check=True, capture_output=True, text=True)
    total = None
    with open(out, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"(?:summary|totals):\s+(\d+)", line)
            if m:
                total = int(m.group(1))
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", out],
                         check=True, capture_output=True, text=True).stdout
    inner = {}
    for line in ann.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(.*?\)\s+\S*:(\w+)", line) or \
            re.match(r"\s*([\d,]+)\s+\S*:(\w+)", line)
        if m and m.group(2) in INNER and m.group(2) not in inner:
            inner[m.group(2)] = int(m.group(1).replace(",", "")) / calls
    return total / calls, inner


def run(top, bdir, smoke):
    exe = os.path.join(top, BENCH_HOST)
    figures = subprocess.run([exe, "list"], check=True, capture_output=True,
                             text=True).stdout.split()
    out = {}
    with tempfile.TemporaryDirectory(dir=os.path.join(bdir, "bench")) as tmp:
        for fig in figures:
            calls = 2 if smoke else CALLS.get(fig, DEFAULT_CALLS)
            per_call, inner = callgrind(exe, fig, calls, tmp)
            units = UNITS.get(fig, 1)
            out[fig] = {"calls": calls, "per_call": per_call, "per_unit": per_call / units,
                        "units": units, "inner": inner}
    mem = subprocess.run([exe, "memory"], check=True, capture_output=True, text=True).stdout
    out["_memory"] = {k: int(v) for k, v in (l.split() for l in mem.splitlines())}
    print_table(out)
    return out


def print_table(out):
    print("== host: x86-64 instructions inside hcall_dispatch() (callgrind, -O2, "
          "no sanitizers) ==")
    print(f"{'figure':18} {'per call':>12} {'per TCE':>10}  inside (per call)")
    for fig, f in out.items():
        if fig.startswith("_"):
            continue
        inner = ", ".join(f"{k} {v:,.0f}" for k, v in f["inner"].items()
                          if k != "hcall_dispatch")
        print(f"{fig:18} {f['per_call']:>12,.0f} {f['per_unit']:>10,.1f}  {inner}")
