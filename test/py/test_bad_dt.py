# SPDX-License-Identifier: GPL-2.0-or-later
"""A broken hardware device tree gets a clear message naming node and
property, on whatever console weir can find, and a clean stop."""
from conftest import modified_dtb

STOP = r"weir: stopped: fix the device tree and reboot"


def test_missing_stdout_path(qemu, qemu_dtb, tmp_path):
    dtb = modified_dtb(qemu_dtb, tmp_path / "t.dtb",
                       ("-d", "/chosen", "stdout-path"),
                       ("-d", "/chosen", "linux,stdout-path"))
    c = qemu("direct", extra=["-dtb", dtb])
    c.expect(r"weir: console: /soc@fe0000000/serial@4500 \(fallback\)")
    c.expect(r"weir: fatal: /chosen: 'stdout-path': missing")
    c.expect(STOP)


def test_stdout_path_names_nothing(qemu, qemu_dtb, tmp_path):
    dtb = modified_dtb(qemu_dtb, tmp_path / "t.dtb",
                       ("-t", "s", "/chosen", "stdout-path", "/soc@fe0000000/nope"),
                       ("-d", "/chosen", "linux,stdout-path"))
    c = qemu("direct", extra=["-dtb", dtb])
    c.expect(r"weir: fatal: /chosen: 'stdout-path': \"/soc@fe0000000/nope\" names no node")
    c.expect(STOP)


def test_missing_memory(qemu, qemu_dtb, tmp_path):
    dtb = modified_dtb(qemu_dtb, tmp_path / "t.dtb", ("-r", "/memory"))
    c = qemu("direct", extra=["-dtb", dtb])
    c.expect(r"weir: fatal: /: 'memory': no node with device_type = \"memory\"")
    c.expect(STOP)
    c.expect_silence(r"weir \S+ on", 1)


def test_ccsr_beyond_36_bits(qemu, qemu_dtb, tmp_path):
    # The console UART is described outside /soc, so it stays reachable.
    dtb = modified_dtb(qemu_dtb, tmp_path / "t.dtb",
                       ("-c", "/uart@fe0004500"),
                       ("-t", "s", "/uart@fe0004500", "compatible", "ns16550"),
                       ("-t", "x", "/uart@fe0004500", "reg", "f", "e0004500", "0", "100"),
                       ("-t", "s", "/chosen", "stdout-path", "/uart@fe0004500"),
                       ("-t", "x", "/soc@fe0000000", "ranges", "0", "10", "e0000000", "100000"))
    c = qemu("direct", extra=["-dtb", dtb])
    c.expect(r"weir: fatal: /soc@fe0000000: 'ranges': CCSR 0x10e0000000\+0x100000 "
             r"is beyond the 36-bit physical space")
    c.expect(STOP)
