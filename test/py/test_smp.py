# SPDX-License-Identifier: GPL-2.0-or-later
"""A partition with two vCPUs (test/guests/smp.c) beside hello on a third
core (-smp 3): vCPU 1 comes out of the ePAPR spin table with ePAPR's
registers, doorbells reach the addressed vCPUs of the partition only (one
aimed at another partition's core does nothing), a tlbivax on one vCPU
removes the entry from the other's TLB; the partition restarts (both
vCPUs again) and stops, hello running throughout. Under -icount shift=0
the IPI round trip is counted in instructions (doc/performance.md)."""
import re
import subprocess

import weir_qemu  # test/pylib, on sys.path through conftest

from conftest import make_fit
from test_partitions import IMG1, IMG2, CTRL_T, guest, type_slowly

SMP_CHECKS = ["cpus", "release", "dbell-to-1", "dbell-broadcast", "dbell-msgclr",
              "dbell-other", "tlbivax-remote", "tb-sync", "dma-concurrent", "dbell-self", "dbell-echo"]
TB_HZ = 400_000_000


def smp_config(tmp_path):
    """smp on cores 0 and 1 with weir's DMA engine and QEMU's PCI
    controller (two DMA windows), hello on core 2 with an engine of its
    own (a window of another partition)."""
    pci_liodn = weir_qemu.PCI_LIODN or 0x20
    src = f"""/dts-v1/;
/ {{ compatible = "weir,config-1";
  partitions {{
    p1 {{ compatible = "weir,partition"; label = "smp"; cpus = <0 2>;
         guest-memory = <0 0x10000000 0 0x4000000>;
         guest-image = <0 {IMG1} 0 0 0 0x100000>;
         dma-engine {{ compatible = "weir,dma-engine"; fsl,liodn = <0x10>; }};
         pci {{ device = "/pci@fe0008000"; fsl,liodn = <{pci_liodn:#x}>; }}; }};
    p2 {{ compatible = "weir,partition"; label = "hello"; cpus = <2 1>;
         guest-memory = <0 0x14000000 0 0x4000000>;
         guest-image = <0 {IMG2} 0 0 0 0x100000>;
         dma-engine {{ compatible = "weir,dma-engine"; fsl,liodn = <0x11>; }}; }};
  }};
}};
"""
    out = tmp_path / "smp.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), "-"],
                   input=src.encode(), check=True)
    return str(out)


def boot_smp(qemu, build_dir, tmp_path):
    """Through U-Boot, as on a board: U-Boot zeroes the boot core's
    timebase alone (its init_timebase()), so the secondaries' differ
    until weir hands cpu 0's over (QEMU's direct boot starts them all
    at 0 and would not show it)."""
    itb = make_fit(build_dir, tmp_path, "smp", smp_config(tmp_path),
                   [(name, guest(build_dir, name), addr)
                    for name, addr in (("smp", IMG1), ("hello", IMG2))], "weir + smp + hello")
    return qemu("uboot", extra=["-icount", "shift=0,sleep=off"], smp=3, timeout=120, itb=itb)


def expect_checks(c):
    c.expect(r"\[smp\] smp: vCPU 0 up \(guest-id 1\)")
    for name in SMP_CHECKS:
        if name == "release":
            m = c.expect(r"\[smp\] smp: vCPU 1 started (\d+) timebase ticks after its release")
            c.start_ticks = int(m.group(1))
        if name == "tb-sync":
            t = c.expect(r"\[smp\] smp: timebase vCPU 1 - vCPU 0 in \[(-?\d+), (-?\d+)\] ticks")
            c.tb_bounds = (int(t.group(1)), int(t.group(2)))
        if name == "dma-concurrent":
            c.dma = c.expect(r"\[smp\] smp: dma: ([^\r\n]*)\r*\n").group(1)
        m = c.expect(rf"\[smp\] check {name}: (ok|FAIL[^\r\n]*)")
        assert m.group(1) == "ok", f"check {name}: {m.group(1)}"
    m = c.expect(r"\[smp\] smp: doorbell to itself (\d+), ipi round trip (\d+) "
                 r"timebase ticks")
    c.expect(r"\[smp\] smp: all checks done \(0 failed\)")
    return int(m.group(1)), int(m.group(2))


def test_smp_partition(qemu, build_dir, tmp_path):
    c = boot_smp(qemu, build_dir, tmp_path)
    c.expect(r"partition 1 'smp': starting on cpu 0")
    c.expect(r"partition 1 'smp': vcpu 1 on cpu 1 waits in the spin table")
    c.expect(r"partition 2 'hello': starting on cpu 2")
    self_ticks, trip = expect_checks(c)
    start = c.start_ticks
    m = re.search(r"weir: cpu 1: timebase (was -?\d+ ticks behind cpu 0's, set to it|agrees)",
                  open(c.log_path, encoding="utf-8", errors="replace").read())
    print(f"\nweir: cpu 1's timebase {m.group(1) if m else 'NOT SYNCHRONISED'}")
    # -icount shift=0: a timebase tick (400 MHz) is 2.5 instructions
    print(f"secondary start, spin table release to vCPU 1's first C statement: "
          f"{start * 1e9 / TB_HZ:.0f} instructions ({start} ticks)")
    print(f"dma-concurrent: {c.dma}")
    print(f"vCPU 1's timebase minus vCPU 0's: within {list(c.tb_bounds)} ticks "
          "(weir handed cpu 0's timebase to the released cores)")
    # -icount shift=0: a timebase tick (400 MHz) is 2.5 ns, one
    # instruction per ns; QEMU runs the cores round robin, so the round
    # trip also counts the other cores' turns before each wake-up
    print(f"doorbell to itself: {self_ticks * 1e9 / TB_HZ:.0f} instructions; "
          f"IPI round trip vCPU 0 -> 1 -> 0: {trip * 1e9 / TB_HZ:.0f} instructions "
          "(-icount shift=0, least of 20)")
    c.expect(r"\[hello\] alive \d+ sum [0-9a-f]+ ok")

    # restart: vCPU 0 reloads, vCPU 1 is back in the spin table
    type_slowly(c, CTRL_T + "1")
    c.expect(r"weir: console input -> \[smp\]")
    type_slowly(c, "r")
    c.expect(r"weir: partition 'smp' restarting")
    expect_checks(c)
    print(f"after the restart: {c.start_ticks * 1e9 / TB_HZ:.0f} instructions")
    type_slowly(c, "s")
    c.expect(r"weir: partition 'smp' stopped")
    m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
    c.expect(rf"\[hello\] alive {int(m.group(1)) + 1} sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    # "violation\b": a violation's record, not the boot's "PAMU: access
    # violations on interrupt source 40" under pamu=on
    assert not re.search(r"FAIL|CORRUPT|fatal|did not (acknowledge|stop)|warning|violation\b", log)
