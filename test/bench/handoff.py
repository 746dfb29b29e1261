# SPDX-License-Identifier: GPL-2.0-or-later
"""Where the hand-off's instructions go: weir's functions from weir_entry
to the guest's first instruction, from QEMU's execution log.

trace.py single-steps one call through the gdbstub; the hand-off is a few
million instructions, too many for that. Instead QEMU logs every
translation block it translates (`-d in_asm`: start PC and instructions)
and every one it executes (`-d exec,nochain`: no chaining, so each
execution is logged), only for weir's addresses and the guest's first
page (`-dfilter`). Each executed block is charged to the weir symbol of
its start PC with its instruction count, from weir_entry (0x690 in a
current build: looked up) until the guest's _start. A block that crosses
a function boundary is charged to the first function; the total agrees
with the bench's hand-off figure to about 0.1 %.

    python3 test/bench/handoff.py [build dir] [itb]

prints the total, the top functions, and the library cost (libfdt,
mem*, printf) charged to the nearest non-library caller. The log is
about 130 MB (in a temporary directory) and the run takes 1-2 minutes.
"""
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

GUEST_START = 0x100000
LIB = re.compile(r"^(fdt_|_fdt|mem|str|_svfprintf|__ssprint|__sfvwrite|_?v?s?n?printf|__|ns16550|console_)")
TRACE = re.compile(r"^Trace \d+: (0x[0-9a-f]+) \[[0-9a-f]+/([0-9a-f]+)/")
INSN = re.compile(r"^0x([0-9a-f]+):\s")


def symbols(elf):
    out = subprocess.run(["powerpc-linux-gnu-nm", "-n", elf], check=True,
                         capture_output=True, text=True).stdout
    return [(int(w[0], 16), w[2]) for w in (line.split() for line in out.splitlines())
            if len(w) == 3 and w[1] in "tTwW"]


def profile(bdir, itb, timeout=300):
    syms = symbols(os.path.join(bdir, "weir.elf"))
    addrs = [a for a, _ in syms]
    entry = dict((n, a) for a, n in syms)["weir_entry"]

    def sym(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return syms[i][1] if i >= 0 else hex(pc)

    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "qemu.log")
        cmd = weir_qemu.PPCE500 + [
            "-smp", "1", "-m", "1G", "-nographic", "-no-reboot", "-icount", "shift=0",
            "-bios", weir_qemu.UBOOT, "-kernel", itb,
            "-d", "exec,nochain,in_asm", "-dfilter", f"0x0..{GUEST_START + 3:#x}", "-D", log]
        qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            # stop QEMU once the guest's first block has been logged
            for _ in range(timeout * 2):
                try:
                    qemu.wait(0.5)
                    break
                except subprocess.TimeoutExpired:
                    if os.path.exists(log) and f"/{GUEST_START:08x}/" in tail(log):
                        break
        finally:
            qemu.kill()
            qemu.wait()
        return count(log, entry, sym)


def tail(path, size=1 << 16):
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - size))
        return f.read().decode(errors="replace")


def count(log, entry, sym):
    sizes, pending = {}, {}
    start, n_insn = None, 0
    started, total = False, 0
    flat, owned, lib = collections.Counter(), collections.Counter(), collections.Counter()
    owner = "?"
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("IN:"):
                start, n_insn = None, 0
                continue
            m = INSN.match(line)
            if m:
                if start is None:
                    start = int(m.group(1), 16)
                n_insn += 1
                continue
            if not line.strip() and start is not None:
                pending[start] = n_insn
                start = None
                continue
            m = TRACE.match(line)
            if not m:
                continue
            tb, pc = m.group(1), int(m.group(2), 16)
            if pc in pending:
                sizes[tb] = pending.pop(pc)
            if not started:
                started = pc == entry
                if not started:
                    continue
            if pc == GUEST_START:
                break
            n = sizes.get(tb, 1)
            s = sym(pc)
            total += n
            flat[s] += n
            if LIB.match(s):
                lib[(owner, s)] += n
            else:
                owner = s
            owned[owner] += n
    return total, flat, owned, lib


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    bdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "build")
    itb = sys.argv[2] if len(sys.argv) > 2 else os.path.join(bdir, "bench", "bench-smoke.itb")
    total, flat, owned, lib = profile(bdir, itb)
    print(f"hand-off: {total:,} instructions from weir_entry to the guest's _start")
    print("per function:")
    for s, c in flat.most_common(25):
        print(f"{c:12,} {s}")
    print("per function, with the library calls it makes:")
    for s, c in owned.most_common(25):
        print(f"{c:12,} {s}")
    print("library cost by caller:")
    for (o, s), c in lib.most_common(20):
        print(f"{c:12,} {o} -> {s}")


if __name__ == "__main__":
    main()
