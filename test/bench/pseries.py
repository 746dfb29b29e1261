# SPDX-License-Identifier: GPL-2.0-or-later
"""Wall-clock side by side: the same hcall script (null hcall and the TCE
figures) on weir (QEMU ppce500, bench guest, no -icount) and on QEMU
pseries (test/bench/pseries/, QEMU's own PAPR handlers), one after the
other in one run. Each side times itself with its own time base, which
follows host time without -icount. QEMU pseries handles hcalls in native
C inside the emulator; weir is guest code emulated by TCG, so the ratio
is the price of a real hypervisor under emulation, not of weir's design.
"""
import os
import statistics

import guest_bench
import weir_qemu  # test/pylib, on sys.path through guest_bench

FIGURES = ["null-unknown", "get-tce", "put-tce", "indirect-1", "indirect-64",
           "indirect-512", "stuff-1", "stuff-512", "linux-clear-1g"]


def wall(lines):
    tb_hz, _, _, _, figs, failures, done = guest_bench.parse(lines)
    if done is None or tb_hz is None:
        raise RuntimeError("script did not finish")
    if failures:
        raise RuntimeError("calls failed: " + "; ".join(failures))
    out = {}
    for name, f in figs.items():
        ns = [(t - f["base"]) * 1e9 / tb_hz / f["n"] for t in f["t"]]
        out[name] = statistics.median(ns)
    return out


def run(top, bdir, smoke):
    bench = os.path.join(bdir, "bench")
    itb = os.path.join(bench, "bench-smoke.itb" if smoke else "bench.itb")
    weir = wall(guest_bench.boot(guest_bench.weir_args(itb, icount=False),
                                 os.path.join(bench, "wall-weir.log"), 600))
    args = weir_qemu.PSERIES + ["-m", "256M", "-nographic",
            "-no-reboot", "-bios", os.path.join(bench, "pseries.bin")]
    ps = wall(guest_bench.boot(args, os.path.join(bench, "wall-pseries.log"), 600))
    out = {}
    for name in FIGURES:
        if name in weir and name in ps:
            out[name] = {"weir_ns": weir[name], "pseries_ns": ps[name],
                         "ratio": weir[name] / ps[name]}
        elif name in ps:
            out[name] = {"weir_ns": None, "pseries_ns": ps[name], "ratio": None}
    print_table(out)
    return out


def print_table(out):
    print("== wall clock per call: weir (ppce500 TCG) vs QEMU pseries (native C "
          "handlers in QEMU) ==")
    print(f"{'figure':18} {'weir ns':>12} {'pseries ns':>12} {'ratio':>8}")
    for name, f in out.items():
        w = "n/a" if f["weir_ns"] is None else f"{f['weir_ns']:,.0f}"
        r = "n/a" if f["ratio"] is None else f"{f['ratio']:.1f}x"
        print(f"{name:18} {w:>12} {f['pseries_ns']:>12,.0f} {r:>8}")
    print("(pseries runs its PAPR hcalls as native C inside QEMU; weir's run as emulated "
          "e500mc code: the ratio is the price of a real hypervisor under emulation)")
