# SPDX-License-Identifier: GPL-2.0-or-later
"""QEMU's PAMU model (qemu/patches/, doc/qemu-pamu.md) on the patched
qemu-system-ppc that scripts/build-qemu builds (make qemu-pamu):

- the model alone, driven through QEMU's qtest protocol (no CPU runs): a
  PCI device (QEMU's "edu", which has a DMA engine) copies memory through
  a translating PAACE, is refused outside the window and by AP, and the
  violation registers latch what the hardware would;
- weir booted on -M ppce500,pamu=on takes its board PAMU path: its boot
  line says so and QEMU's trace shows the register writes, the table
  bases and the enable.

Skipped when the patched QEMU has not been built (WEIR_QEMU names it, or
<build-dir>/qemu/qemu-system-ppc)."""
import os
import re
import subprocess

import pytest

from conftest import TOP, UBOOT, Console

CCSR = 0xFE0000000
PAMU = CCSR + 0x20000
GUTS = CCSR + 0xE0000
PCI = CCSR + 0x8000
LIODN = 193             # the model's PEX1LIODNR out of reset
PAMU_IRQ = 40           # its MPIC source

# PAMU registers and fields (Linux drivers/iommu/fsl_pamu.h)
PPBAH, PPBAL, PPLAH, PPLAL = 0x00, 0x04, 0x08, 0x0C
SPBAH, SPBAL, SPLAH, SPLAL = 0x10, 0x14, 0x18, 0x1C
AVS1, AVS2, AVAH, AVAL = 0x50, 0x54, 0x58, 0x5C
PC3, PC, PICS = 0xC08, 0xC10, 0xC1C
PC_PE = 0x40000000
PICS_AVICS, PICS_AVIE = 0x8, 0x4
PAMUBYPENR, PEX1LIODNR = 0x604, 0x500

# Guest-physical layout of the test
PAACT = 0x100000        # 0x500 entries
SPAACT = 0x200000       # 16 entries
XLATE = 0x2000000       # the window's translated base
EDU_BAR = 0xE0000000    # edu's BAR 0 on the PCI bus
EDU_CPU = 0xC00000000   # ... through outbound window 1


def patched_qemu(build_dir):
    q = os.environ.get("WEIR_QEMU") or os.path.join(build_dir, "qemu", "qemu-system-ppc")
    if not os.access(q, os.X_OK):
        pytest.skip(f"no patched QEMU at {q} (make qemu-pamu)")
    return q


class QTest:
    """QEMU's qtest protocol on stdin/stdout: memory and MMIO accesses in
    the target's (big-endian) byte order, virtual time stepped by hand."""

    def __init__(self, qemu, extra=()):
        self.p = subprocess.Popen(
            [qemu, "-M", "ppce500,pamu=on", "-cpu", "e500mc", "-nic", "none",
             "-m", "256M", "-display", "none", "-bios", UBOOT,
             "-accel", "qtest", "-qtest", "stdio", "-qtest-log", "/dev/null"]
            + list(extra),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.irqs = []      # "raise N" / "lower N" of intercepted lines

    def cmd(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        while True:
            out = self.p.stdout.readline()
            assert out, f"QEMU exited on {line!r}"
            if out.startswith("IRQ "):
                self.irqs.append(out[4:].strip())
            if out.startswith("OK") or out.startswith("FAIL"):
                break
        assert out.startswith("OK"), f"{line!r}: {out!r}"
        return out.split()[1] if len(out.split()) > 1 else None

    def w32(self, addr, val):
        self.cmd(f"writel 0x{addr:x} 0x{val:x}")

    def r32(self, addr):
        return int(self.cmd(f"readl 0x{addr:x}"), 16)

    def write(self, addr, data):
        self.cmd(f"write 0x{addr:x} {len(data)} 0x{data.hex()}")

    def read(self, addr, n):
        return bytes.fromhex(self.cmd(f"read 0x{addr:x} {n}")[2:])

    def step(self, ns):
        self.cmd(f"clock_step {ns}")

    def close(self):
        self.p.kill()
        self.p.wait()


def bswap(v):
    return int.from_bytes(v.to_bytes(4, "big"), "little")


def pci_cfg_write(q, devfn, reg, val):
    q.w32(PCI + 0x0, 0x80000000 | devfn << 8 | reg)
    q.w32(PCI + 0x4, bswap(val))  # CFG_DATA is little-endian


def paace(wba, wse, ap, atm, twba, mw=False, wce=0, fspi=0, swse=0,
          secondary=False, valid=True):
    """A 64-byte PAACE (Linux fsl_pamu.h struct paace)."""
    w = [0] * 16
    w[0] = wba >> 32
    w[1] = (wba & 0xFFFFF000) | wse << 6 | (0x20 if mw else 0) | ap << 3 \
        | (0x2 if secondary else 0) | (1 if valid else 0)
    w[3] = wce << 4 | atm << 2
    w[4] = twba >> 32
    w[5] = (twba & 0xFFFFF000) | swse << 6
    w[6] = fspi
    return b"".join(x.to_bytes(4, "big") for x in w)


def program(q):
    # PCI: edu at device 1; BAR 0 at EDU_BAR; memory + bus master
    devfn = 1 << 3
    pci_cfg_write(q, devfn, 0x10, EDU_BAR)
    pci_cfg_write(q, devfn, 0x04, 0x6)
    # outbound window 1: CPU EDU_CPU -> PCI EDU_BAR, 256 MiB
    q.w32(PCI + 0xC20 + 0x0, EDU_BAR >> 12)
    q.w32(PCI + 0xC20 + 0x8, EDU_CPU >> 12)
    q.w32(PCI + 0xC20 + 0x10, 0x80000000 | 27)
    # inbound window 1: PCI 0 -> real 0, 256 MiB
    q.w32(PCI + 0xDE0 + 0x0, 0)
    q.w32(PCI + 0xDE0 + 0x8, 0)
    q.w32(PCI + 0xDE0 + 0x10, 0x80000000 | 27)
    # the PAMU as weir/Linux program it
    q.w32(PAMU + PPBAH, 0)
    q.w32(PAMU + PPBAL, PAACT)
    q.w32(PAMU + PPLAH, 0)
    q.w32(PAMU + PPLAL, PAACT + 0x500 * 64)
    q.w32(PAMU + SPBAH, 0)
    q.w32(PAMU + SPBAL, SPAACT)
    q.w32(PAMU + SPLAH, 0)
    q.w32(PAMU + SPLAL, SPAACT + 16 * 64)
    q.w32(PAMU + PICS, PICS_AVIE)
    q.w32(PAMU + PC, PC_PE)
    q.w32(GUTS + PAMUBYPENR, 0)


def edu_dma(q, src, dst, n, to_pci):
    """edu's DMA engine: RAM (bus address) <-> its buffer at 0x40000."""
    q.w32(EDU_CPU + 0x80, src)
    q.w32(EDU_CPU + 0x88, dst)
    q.w32(EDU_CPU + 0x90, n)
    q.w32(EDU_CPU + 0x98, 1 | (2 if to_pci else 0))
    q.step(200_000_000)  # edu runs the copy from a 100 ms timer


def copy(q, src_iova, dst_iova, n):
    edu_dma(q, src_iova, 0x40000, n, False)
    edu_dma(q, 0x40000, dst_iova, n, True)


@pytest.fixture
def qt(build_dir):
    q = QTest(patched_qemu(build_dir), ["-device", "edu,addr=1.0"])
    yield q
    q.close()


def test_registers_out_of_reset(qt):
    assert qt.r32(GUTS + PAMUBYPENR) == 0x80000000      # bypassed
    assert qt.r32(GUTS + PEX1LIODNR) == LIODN
    assert (qt.r32(PAMU + PC3) >> 21) & 0xF == 7        # 256 subwindows
    assert qt.r32(PAMU + PC) == 0
    assert qt.r32(PAMU + AVS1) == 0


def test_window_translation_and_violations(qt):
    qt.cmd("irq_intercept_in /machine/pic")     # the MPIC's inputs
    program(qt)
    pattern = bytes(range(256)) * 4
    # LIODN 193: a 1 MiB window at bus 0, translated to XLATE, read+write
    qt.write(PAACT + LIODN * 64, paace(0, 0x13, 3, 1, XLATE))
    qt.write(XLATE + 0x1000, pattern)
    copy(qt, 0x1000, 0x3000, len(pattern))
    assert qt.read(XLATE + 0x3000, len(pattern)) == pattern
    assert qt.r32(PAMU + AVS1) == 0

    # outside the window: the write is dropped and latched (WAV)
    qt.write(0x100000, b"\0" * 16)
    edu_dma(qt, 0x40000, 0x100000, 16, True)
    assert qt.read(0x100000, 16) == b"\0" * 16
    assert qt.read(XLATE + 0x100000, 16) == b"\0" * 16
    avs1 = qt.r32(PAMU + AVS1)
    assert avs1 >> 16 == LIODN and avs1 & 0x1 and avs1 & 0x380
    assert qt.r32(PAMU + AVAH) == 0 and qt.r32(PAMU + AVAL) == 0x100000
    assert qt.r32(PAMU + AVS2) & 1   # a write
    assert qt.r32(PAMU + PICS) & PICS_AVICS
    assert f"raise {PAMU_IRQ}" in qt.irqs
    # a second violation does not overwrite the latched one
    edu_dma(qt, 0x40000, 0x200000, 16, True)
    assert qt.r32(PAMU + AVAL) == 0x100000
    # clearing: AVS1 and PICS[AVICS] are write-one-to-clear
    qt.w32(PAMU + AVS1, avs1 & 0x7FFF)
    qt.w32(PAMU + PICS, PICS_AVICS | PICS_AVIE)
    assert qt.r32(PAMU + AVS1) == 0
    assert qt.r32(PAMU + PICS) == PICS_AVIE
    assert qt.irqs[-1] == f"lower {PAMU_IRQ}"

    # read-only window: a device write is refused (APV)
    qt.write(PAACT + LIODN * 64, paace(0, 0x13, 1, 1, XLATE))
    qt.write(XLATE + 0x5000, b"\0" * 16)
    edu_dma(qt, 0x40000, 0x5000, 16, True)
    assert qt.read(XLATE + 0x5000, 16) == b"\0" * 16
    assert qt.r32(PAMU + AVS1) & 0x78
    qt.w32(PAMU + AVS1, 0x7FFF)

    # V=0: the LIODN is blocked (LAV)
    qt.write(PAACT + LIODN * 64, paace(0, 0x13, 3, 1, XLATE, valid=False))
    edu_dma(qt, 0x40000, 0x5000, 16, True)
    assert qt.read(XLATE + 0x5000, 16) == b"\0" * 16
    assert qt.r32(PAMU + AVS1) & 0x1C00
    qt.w32(PAMU + AVS1, 0x7FFF)

    # bypassed again: addresses pass through untranslated
    qt.w32(GUTS + PAMUBYPENR, 0x80000000)
    qt.write(0x7000, pattern)
    copy(qt, 0x7000, 0x9000, len(pattern))
    assert qt.read(0x9000, len(pattern)) == pattern
    assert qt.r32(PAMU + AVS1) == 0


def test_subwindows(qt):
    program(qt)
    pattern = bytes(range(255, -1, -1)) * 2
    # a 64 KiB window of 16 x 4 KiB subwindows at bus 0x40000000?  The
    # edu device masks DMA addresses to 28 bits: use bus 0x0800000.
    base = 0x800000
    qt.write(PAACT + LIODN * 64,
             paace(base, 0x0F, 3, 1, XLATE, mw=True, wce=3, fspi=4, swse=0x0B))
    # subwindow 2 -> SPAACT[4 + 1], translated to XLATE + 0x40000
    qt.write(SPAACT + 5 * 64, paace(0, 0, 3, 1, XLATE + 0x40000, swse=0x0B,
                                     secondary=True))
    qt.write(XLATE + 0x100, pattern)           # subwindow 0 (the primary)
    copy(qt, base + 0x100, base + 0x2200, len(pattern))
    assert qt.read(XLATE + 0x40200, len(pattern)) == pattern
    assert qt.r32(PAMU + AVS1) == 0
    # subwindow 3: SPAACT[6] is not valid
    edu_dma(qt, 0x40000, base + 0x3000, 16, True)
    avs1 = qt.r32(PAMU + AVS1)
    assert avs1 >> 16 == LIODN and avs1 & 0x380
    assert qt.r32(PAMU + AVAL) == base + 0x3000


def test_ccsr_window_through_pamu(qt):
    """Inbound accesses to CCSR through the controller's BAR 0 (the path
    of MSI writes) pass the PAMU too, with the address after the
    controller's inbound translation: CCSR's real address."""
    program(qt)
    csrbar = 0x8000000           # edu masks DMA addresses to 28 bits
    pci_cfg_write(qt, 0, 0x10, csrbar)
    pci_cfg_write(qt, 0, 0x04, 0x6)
    # Linux's boot-time entry: 64 GiB at 0, no translation, read+write
    qt.write(PAACT + LIODN * 64, paace(0, 0x23, 3, 0, 0))
    qt.write(0x6000, b"\xff" * 4)
    copy(qt, csrbar + 0x20000 + PC3, 0x6000, 4)   # the PAMU's own PC3
    assert int.from_bytes(qt.read(0x6000, 4), "big") == qt.r32(PAMU + PC3)
    assert qt.r32(PAMU + AVS1) == 0
    # a 256 MiB window no longer covers CCSR: the read is refused at
    # CCSR's real address
    qt.write(PAACT + LIODN * 64, paace(0, 0x1B, 3, 0, 0))
    edu_dma(qt, csrbar + 0x20000 + PC3, 0x40000, 4, False)
    avs1 = qt.r32(PAMU + AVS1)
    assert avs1 >> 16 == LIODN and avs1 & 0x380
    assert qt.r32(PAMU + AVAH) << 32 | qt.r32(PAMU + AVAL) == \
        CCSR + 0x20000 + PC3
    assert qt.r32(PAMU + AVS2) & 1 == 0   # a read


def test_garbage_never_crashes(qt):
    """Random registers and tables give violations, not a QEMU crash."""
    import random
    rnd = random.Random(17)
    program(qt)
    for _ in range(40):
        qt.write(PAACT + LIODN * 64, bytes(rnd.getrandbits(8) for _ in range(64)))
        qt.write(SPAACT, bytes(rnd.getrandbits(8) for _ in range(1024)))
        if rnd.random() < 0.3:
            qt.w32(PAMU + PPLAL, rnd.getrandbits(32))
            qt.w32(PAMU + SPBAL, rnd.getrandbits(32))
            qt.w32(PAMU + SPLAL, rnd.getrandbits(32))
        if rnd.random() < 0.2:
            qt.w32(GUTS + PEX1LIODNR, rnd.getrandbits(32))
        copy(qt, rnd.getrandbits(28) & ~0xF, rnd.getrandbits(28) & ~0xF, 64)
        qt.w32(PAMU + AVS1, 0x7FFF)
        qt.w32(PAMU + rnd.randrange(0, 0x1000, 4), rnd.getrandbits(32))
    assert qt.p.poll() is None


def test_weir_board_path_on_pamu(build_dir, tmp_path):
    """weir on -M ppce500,pamu=on programs the unit as on a board."""
    qemu = patched_qemu(build_dir)
    trace = tmp_path / "trace.log"
    args = [qemu, "-M", "ppce500,pamu=on", "-nic", "none", "-cpu", "e500mc",
            "-smp", "2", "-m", "1G", "-nographic", "-no-reboot",
            "-bios", UBOOT, "-kernel", os.path.join(build_dir, "weir.itb"),
            "-trace", "fsl_pamu_*", "-trace", "-fsl_pamu_reg_read",
            "-D", str(trace)]
    logdir = os.path.join(build_dir, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    c = Console(args, os.path.join(logdir, "test_weir_board_path_on_pamu.log"))
    try:
        m = c.expect(r"weir: PAMU unit 0: hardware registers programmed: "
                     r"PPAACT (0x[0-9a-f]+)\+0x[0-9a-f]+, SPAACT [^\r\n]*"
                     r"PC 0x40001011, PAMUBYPENR 0x00000000")
        paact = int(m.group(1), 16)
        c.expect(r"weir: PAMU: 1 units, \d+ PAACEs")
        c.expect(r"\[hello\] alive 2 sum [0-9a-f]+ ok")
    finally:
        c.close()
    log = trace.read_text()
    assert re.search(r"fsl_pamu_reg_write PC \(0xc10\) <- 0x00001000", log)
    assert re.search(rf"fsl_pamu_table PPAACT base 0x{paact:x} limit", log)
    assert "fsl_pamu_reg_write PICS (0xc1c) <- 0x00000004" in log
    assert "fsl_pamu_reg_write PC (0xc10) <- 0x40001011" in log
    assert "fsl_pamu_bypass PAMUBYPENR 0x00000000" in log
    assert "fsl_pamu_enable translating 1" in log
    assert "fsl_pamu_violation" not in log


def test_build_script_names_the_binary(build_dir):
    """scripts/build-qemu --print-path (what other tests and scripts use)
    names the cached binary that build/qemu/qemu-system-ppc links to, in
    a directory keyed by the installed QEMU's Debian source version."""
    script = os.path.join(TOP, "scripts", "build-qemu")
    path = subprocess.run([script, "--print-path"], check=True,
                          capture_output=True, text=True).stdout.strip()
    key = subprocess.run([script, "--print-key"], check=True,
                         capture_output=True, text=True).stdout.strip()
    ver = subprocess.run(["dpkg-query", "-W", "-f=${source:Version}",
                          "qemu-system-ppc"], check=True, capture_output=True,
                         text=True).stdout.split(":")[-1]
    assert key.startswith(ver + "-")
    assert path.endswith(f"/qemu/{key}/build/qemu-system-ppc")
    link = os.path.join(build_dir, "qemu", "qemu-system-ppc")
    if not os.path.islink(link):
        pytest.skip("no build/qemu link (make qemu-pamu)")
    assert os.readlink(link) == path
