# SPDX-License-Identifier: GPL-2.0-or-later
"""Where a guest call's instructions go: single-step one call through
QEMU's gdbstub and count the executed instructions per function.

The bench guest (test/guests/bench.c) labels its trapping instruction
(`bench_sc_insn`, `bench_mfmsr_insn`). gdb-multiarch stops there when r11
holds the wanted token, then steps (QEMU's default single-step mode keeps
interrupts and timers quiet) until the guest is back at the next
instruction. Each PC is mapped to the enclosing symbol of weir.elf or the
guest's ELF. One call is traced; the instruction total equals the -icount
figure, which is the check that nothing was missed.
"""
import bisect
import collections
import os
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pylib"))
import weir_qemu  # noqa: E402  (test/pylib)

UBOOT = weir_qemu.UBOOT
GUEST_BASE = 0x100000


def symbols(nm, elf):
    out = subprocess.run([nm, "-n", elf], check=True, capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        w = line.split()
        if len(w) == 3 and w[1] in "tTwW":
            syms.append((int(w[0], 16), w[2]))
    return syms


def symbolize(syms, pc):
    addrs = [a for a, _ in syms]
    i = bisect.bisect_right(addrs, pc) - 1
    return syms[i][1] if i >= 0 else f"0x{pc:x}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


GDB_SCRIPT = """set pagination off
set confirm off
file {weir}
target remote 127.0.0.1:{port}
break *{addr:#x} {cond}
continue
delete
python
import gdb
pcs = []
for i in range({limit}):
    gdb.execute("stepi", to_string=True)
    pc = int(gdb.parse_and_eval("$pc")) & 0xffffffff
    if pc == {ret:#x}:
        break
    pcs.append(pc)
with open("{out}", "w") as f:
    f.write("\\n".join("%x" % p for p in pcs))
end
kill
quit
"""


def make_cond(token, cond):
    parts = ([f"$r11 == {token:#x}"] if token is not None else []) + ([cond] if cond else [])
    return "if " + " && ".join(parts) if parts else ""


def trace(bdir, itb, label, token=None, limit=200000, timeout=600, cond=None):
    """Trace one call at guest symbol @label (with r11 == @token if given,
    and the gdb condition @cond, e.g. "$r8 == 512").

    Returns (total instructions, [(function, count)] largest first)."""
    weir = os.path.join(bdir, "weir.elf")
    guest = os.path.join(bdir, "guests", "bench.elf")
    nm = "powerpc-linux-gnu-nm"
    gsyms = symbols(nm, guest)
    wsyms = symbols(nm, weir)
    addr = dict((n, a) for a, n in gsyms)[label]
    port = free_port()
    with tempfile.TemporaryDirectory(dir=os.path.join(bdir, "bench")) as tmp:
        out = os.path.join(tmp, "pcs")
        script = os.path.join(tmp, "trace.gdb")
        with open(script, "w", encoding="utf-8") as f:
            f.write(GDB_SCRIPT.format(weir=weir, port=port, addr=addr, ret=addr + 4,
                                      cond=make_cond(token, cond),
                                      limit=limit, out=out))
        qemu = subprocess.Popen(
            weir_qemu.PPCE500 + ["-smp", "1", "-m", "1G",
             "-nographic", "-no-reboot", "-icount", "shift=0", "-bios", UBOOT, "-kernel", itb,
             "-gdb", f"tcp:127.0.0.1:{port}", "-S"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            subprocess.run(["gdb-multiarch", "-batch", "-nx", "-x", script], check=True,
                           capture_output=True, timeout=timeout)
        finally:
            qemu.kill()
            qemu.wait()
        with open(out, encoding="utf-8") as f:
            pcs = [int(x, 16) for x in f.read().split()]
    # the trapping instruction itself is the first one counted
    counts = collections.Counter(["(guest) " + label])
    for pc in pcs:
        if pc >= GUEST_BASE:
            counts["(guest) " + symbolize(gsyms, pc)] += 1
        else:
            counts[symbolize(wsyms, pc)] += 1
    return len(pcs) + 1, counts.most_common()
