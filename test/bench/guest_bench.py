# SPDX-License-Identifier: GPL-2.0-or-later
"""Guest-visible cost in instructions: boot <build>/bench/bench.itb through
U-Boot on QEMU ppce500 with `-icount shift=0` and read what the bench
guest (test/guests/bench.c) prints.

With shift=0 each executed instruction advances QEMU's virtual clock by
2^0 ns, and the e500 time base is virtual ns x tb_freq / 1e9 (QEMU 7.2
hw/ppc/ppc.c cpu_ppc_get_tb()), so one time-base tick is 1e9 / tb_freq
instructions (2.5 at the ppce500's 400 MHz). A loop of known length
checks that before any figure is trusted.
"""
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

UBOOT = weir_qemu.UBOOT
CALIB_INSNS_PER_ITER = 4
CALIB_TOLERANCE = 0.01
# figures whose calls are one part of a sweep: calls per sweep
SWEEPS = {"linux-clear-1g": 512}


def stats(values):
    return {"min": min(values), "median": statistics.median(values),
            "max": max(values), "n": len(values)}


def weir_args(itb, icount=True):
    return (weir_qemu.PPCE500 + ["-smp", "1",
             "-m", "1G", "-nographic", "-no-reboot"] +
            (["-icount", "shift=0"] if icount else []) +
            ["-bios", UBOOT, "-kernel", itb])


def boot(args, log_path, timeout):
    """Run QEMU until the guest prints bench-done; return the console text."""
    text = []
    deadline = time.monotonic() + timeout
    with open(log_path, "w", encoding="utf-8", errors="replace") as log:
        log.write("$ " + " ".join(args) + "\n")
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace")
        try:
            for line in proc.stdout:
                log.write(line)
                text.append(line.rstrip("\r\n"))
                if "bench-done" in line or "weir: fatal" in line:
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"timeout after {timeout} s; log {log_path}")
        finally:
            proc.kill()
            proc.wait()
    return text


def strip(line):
    m = re.match(r"^(?:\[bench\] )?(bench.*)$", line)
    return m.group(1) if m else None


def parse(lines):
    tb_hz = calib = entry = weir_entry_us = done = None
    figures, failures = {}, []
    for raw in lines:
        m = re.search(r"weir: boot took (\d+) us from reset, (\d+) us in weir", raw)
        if m:
            weir_entry_us = int(m.group(1)) - int(m.group(2))
        line = strip(raw)
        if line is None:
            continue
        w = line.split()
        if not w:
            continue
        if w[0] == "bench-tb":
            tb_hz = int(w[1])
        elif w[0] == "bench-entry":
            hi, lo, hi2 = (int(x) for x in w[1:4])
            entry = (hi << 32 | lo) if hi == hi2 else hi2 << 32
        elif w[0] == "bench-calib":
            calib = [int(x) for x in w[1:5]]
        elif w[0] == "bench" and len(w) >= 9:
            name = w[1]
            kv = dict(zip(w[2:8:2], w[3:8:2]))
            figures[name] = {"n": int(kv["n"]), "units": int(kv["units"]),
                             "base": int(kv["base"]), "t": [int(x) for x in w[9:]]}
        elif w[0] == "bench-fail":
            failures.append(" ".join(w[1:]))
        elif w[0] == "bench-done":
            done = int(w[1])
    return tb_hz, calib, entry, weir_entry_us, figures, failures, done


def run(top, bdir, smoke):
    itb = os.path.join(bdir, "bench", "bench-smoke.itb" if smoke else "bench.itb")
    log = os.path.join(bdir, "bench", "guest-smoke.log" if smoke else "guest.log")
    lines = boot(weir_args(itb), log, 300 if smoke else 1800)
    tb_hz, calib, entry, weir_entry_us, figs, failures, done = parse(lines)
    if done is None or tb_hz is None or calib is None:
        raise RuntimeError(f"bench guest did not finish; log {log}")
    if failures:
        raise RuntimeError("calls failed: " + "; ".join(failures))
    ipt = 1e9 / tb_hz			# instructions per tick at shift=0
    n1, t1, n2, t2 = calib
    want = (n2 - n1) * CALIB_INSNS_PER_ITER
    got = (t2 - t1) * ipt
    if abs(got - want) > CALIB_TOLERANCE * want:
        raise RuntimeError(f"calibration: {got:.0f} instructions measured for {want}; "
                           "is -icount shift=0 in effect?")
    out = {"_calibration": {"insn_per_tick": ipt, "expected": want, "measured": got,
                            "tb_hz": tb_hz}}
    for name, f in figs.items():
        per_call = [(t - f["base"]) * ipt / f["n"] for t in f["t"]]
        out[name] = {"calls": f["n"], "units": f["units"], "reps": len(f["t"]),
                     "per_call": stats(per_call),
                     "per_unit": stats([c / f["units"] for c in per_call])}
        if name in SWEEPS:
            out[name]["per_sweep"] = stats([c * SWEEPS[name] for c in per_call])
    if entry is not None and weir_entry_us is not None:
        # weir prints its entry time in whole us: +-1 us = +-1000 insns
        out["handoff"] = {"value": (entry - weir_entry_us * tb_hz / 1e6) * ipt,
                          "resolution": 1e-6 * 1e9}
    print_table(out)
    return out


def print_table(out):
    c = out["_calibration"]
    print(f"== guest: instructions under QEMU -icount shift=0 "
          f"({c['insn_per_tick']:g} insn per tick at {c['tb_hz'] / 1e6:g} MHz; "
          f"calibration {c['measured']:.0f}/{c['expected']}) ==")
    print(f"{'figure':26} {'calls':>6} {'min':>12} {'median':>12} {'max':>12}"
          f" {'units':>6} {'median/unit':>12}")
    for name, f in out.items():
        if name.startswith("_") or "per_call" not in f:
            continue
        pc = f["per_call"]
        print(f"{name:26} {f['calls']:>6} {pc['min']:>12,.1f} {pc['median']:>12,.1f}"
              f" {pc['max']:>12,.1f} {f['units']:>6} {f['per_unit']['median']:>12,.2f}")
    for name, f in out.items():
        if "per_sweep" in f:
            print(f"{name + ' (whole sweep)':40} {f['per_sweep']['median']:>14,.0f}")
    if "handoff" in out:
        print(f"{'handoff (weir entry -> guest _start)':40} {out['handoff']['value']:>14,.0f}"
              f"  (+-{out['handoff']['resolution']:.0f})")
