# SPDX-License-Identifier: GPL-2.0-or-later
"""weir boots from U-Boot (and directly from QEMU) and reports the machine."""
import re

BANNER = r"weir \S+ on (.+) \((\S+) x(\d+), (\d+) MiB\)"


def test_uboot_boots_weir_banner(qemu):
    """U-Boot autoboots the FIT; the banner reports QEMU's DT, not constants."""
    c = qemu("uboot", smp=2)
    c.expect(r"U-Boot \d{4}\.\d+")
    c.expect(r"Loading loadables from FIT")
    m = c.expect(BANNER)
    assert m.group(1) == "QEMU ppce500"
    assert m.group(2) == "e500mc"
    assert m.group(3) == "2"
    assert m.group(4) == "1024"
    c.expect(r"CCSR 0xfe0000000, timebase 400000000 Hz")
    c.expect(r"partition config at 0x4000000 \(\d+ bytes, \d+ partitions\)")
    c.expect(r"partition 1 'hello': starting on cpu 0 at 0x00100000")
    c.expect(r"partition 2 'echo': starting on cpu 1 at 0x00100000")


def test_banner_follows_the_machine(qemu):
    """A different machine shape gives a different banner (read from the DT)."""
    c = qemu("direct", smp=4, extra=["-m", "512M"])
    m = c.expect(BANNER)
    assert (m.group(2), m.group(3), m.group(4)) == ("e500mc", "4", "512")


def test_fatal_exception_dumps_and_stops(qemu):
    """An unexpected exception prints name, pc and registers, then stops."""
    c = qemu("direct", extra=["-append", "weir.selftest=fatal"])
    c.expect(BANNER)
    c.expect(r"selftest: executing an illegal instruction")
    m = c.expect(r"weir: fatal: Program at 0x([0-9a-f]{8}) \(cpu 0\)")
    pc = int(m.group(1), 16)
    c.expect(r"pc  ([0-9a-f]{8})  msr ([0-9a-f]{8})")
    assert int(c.proc.match.group(1), 16) == pc
    c.expect(r"esr 08000000")        # ESR[PIL]: illegal instruction
    c.expect(r"r28 [0-9a-f]{8}  r29 [0-9a-f]{8}  r30 [0-9a-f]{8}  r31 [0-9a-f]{8}")
    c.expect(r"weir: cpu 0 stopped")
    c.expect_silence(r"weir:", 2)


def test_fatal_exception_through_uboot(qemu):
    """The same path on the real boot flow (bootargs from QEMU's -append)."""
    c = qemu("uboot", extra=["-append", "weir.selftest=fatal"])
    c.expect(r"weir: fatal: Program at 0x[0-9a-f]{8}")
    c.expect(r"weir: cpu 0 stopped")
