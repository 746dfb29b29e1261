# SPDX-License-Identifier: GPL-2.0-or-later
"""A stock Linux 6.1 guest (doc/linux-guest.md) boots to our init in
partition 1 while the hello test guest keeps printing in partition 2; the
byte-channel console works both ways; a module of ours drives weir's
emulated DMA engine through the TCE hcalls and a DDW; Linux stops its own partition
through the hypervisor and hello goes on.

The kernel comes from `make linux-guest` (mk/linux.mk makes `pytest`
depend on it). With WEIR_LINUX_ICOUNT=1 the runs use QEMU's -icount
shift=0 and report the boot in instructions, and one more boot measures
Linux alone in the machine."""
import os
import random
import re
import subprocess
import time
import zlib

import pytest

import weir_qemu  # test/pylib, on sys.path through conftest
from conftest import Console, UBOOT, make_fit

CTRL_T = "\x14"
TB_HZ = 400_000_000     # QEMU ppce500 timebase
DMA_CHECKS = [
    "indirect-src", "indirect-dst", "get-tce", "copy", "copy-data",
    "copy-unmapped", "copy-unmapped-nothing", "error-queue", "error-record-iova",
    "dma-enable", "stuff-unmap", "stuff-unmap-dst", "copy-after-unmap",
    "ddw-query", "ddw-none-while-default", "ddw-remove-default", "ddw-query-again",
    "ddw-one-available", "ddw-create", "ddw-indirect-src", "ddw-indirect-dst",
    "ddw-copy", "ddw-copy-data", "ddw-stuff-unmap", "ddw-copy-after-unmap",
    "ddw-reset", "ddw-default-back",
]


def type_slowly(c, text):
    """One character at a time: weir polls the UART every 10 ms."""
    for ch in text:
        c.proc.send(ch)
        time.sleep(0.05)


def spawn(request, build_dir, itb, smp=3, icount=False, extra=()):
    args = weir_qemu.PPCE500 + ["-smp", str(smp),
            "-m", "1G", "-nographic", "-no-reboot", "-bios", UBOOT, "-kernel", itb] + list(extra)
    if icount:
        args += ["-icount", "shift=0,sleep=off"]
    logdir = os.path.join(build_dir, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    log = os.path.join(logdir, request.node.name + ".log")
    c = Console(args, log, timeout=180)
    c.icount = icount
    return c


def handoff_tb(c):
    """Timebase at weir's entry (U-Boot's hand-off), from its boot line."""
    m = c.expect(r"weir: boot took (\d+) us from reset, (\d+) us in weir")
    return (int(m.group(1)) - int(m.group(2))) * (TB_HZ // 1_000_000)


def linux_itb(build_dir, tmp_path, name, edit, desc, base="config-linux.dts",
              kernel="linux"):
    """A FIT like mk/linux.mk's from @base (board/qemu-ppce500/dts) changed
    by @edit (a function of the source text; None: as it is): weir, that
    config, Linux (of build/@kernel) and hello."""
    top = os.path.join(os.path.dirname(__file__), "..", "..")
    dts = open(os.path.join(top, "board", "qemu-ppce500", "dts", base)).read()
    new = edit(dts) if edit else dts
    assert edit is None or new != dts
    dtb = tmp_path / f"{name}.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(dtb), "-"],
                   input=new.encode(), check=True)
    images = [("linux", os.path.join(build_dir, kernel, "vmlinux.uImage"), "0x6000000")]
    if "p2 {" in new:
        images.append(("hello", os.path.join(build_dir, "guests", "hello.elf"), "0x5800000"))
    return make_fit(build_dir, tmp_path, name, dtb, images, desc)


@pytest.fixture
def linux(request, build_dir, tmp_path):
    itb = os.path.join(build_dir, "linux", "weir-linux.itb")
    if not os.path.exists(itb):
        pytest.skip(f"{itb} not built: the Linux guest was disabled "
                    "(WEIR_NO_LINUX=1); `make linux-guest` builds it")
    c = spawn(request, build_dir, itb, icount=os.environ.get("WEIR_LINUX_ICOUNT") == "1")
    yield c
    c.close()
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.passed:
        os.unlink(c.log_path)


def test_linux_boots_beside_hello(linux):
    c = linux
    tb_handoff = handoff_tb(c)
    t_handoff = time.monotonic()
    c.expect(r"partition 1 'linux': starting on cpu 0")
    c.expect(r"partition 2 'hello': starting on cpu 2")
    c.expect(r"\[linux\] \[ *[0-9.]+\] Linux version 6\.1\.")
    c.expect(r"\[linux\] \[ *[0-9.]+\] smp: Brought up 1 node, 2 CPUs")
    c.expect(r"\[linux\] \[ *[0-9.]+\] Run /init as init process")
    m = c.expect(r"\[linux\] weir-init: userspace up \(pid 1, timebase (\d+)\)")
    wall = time.monotonic() - t_handoff
    tb = int(m.group(1)) - tb_handoff
    print(f"\nLinux boot, U-Boot hand-off to userspace line: {wall:.1f} s wall-clock, "
          f"{tb / TB_HZ:.3f} s guest time")
    if c.icount:
        # -icount shift=0: one instruction per ns of virtual time
        print(f"  -icount shift=0: {tb * 1e9 / TB_HZ / 1e6:.0f} million instructions of "
              "virtual time, all three cores (hello's boot checks busy-wait on core 2; "
              "test_linux_alone_instructions measures Linux by itself)")
    c.expect(r"\[linux\] weir-init: hypervisor compatible: "
             r"weir,hypervisor-1 epapr,hypervisor-1")
    c.expect(r"\[linux\] weir# ")
    # hello kept printing while Linux booted, and goes on
    m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
    first = int(m.group(1))
    c.expect(rf"\[hello\] alive {first + 1} sum [0-9a-f]+ ok")

    # console input to Linux: our init's prompt answers
    type_slowly(c, CTRL_T + "1")
    c.expect(r"weir: console input -> \[linux\]")
    type_slowly(c, "hv\r")
    c.expect(r"\[linux\] +fsl,hv-version = \"")
    c.expect(r"\[linux\] +guest-name = \"linux\"")
    c.expect(r"\[linux\] weir# ")
    # the DMA-window exercise: our module maps pages through the TCE
    # hcalls, copies through weir's DMA engine, faults on an unmapped
    # IOVA (error queue) and cycles a DDW
    type_slowly(c, "dma\r")
    c.expect(r"\[linux\] \[ *[0-9.]+\] weirdma: engine /dma-engine: handle 0x100")
    for name in DMA_CHECKS:
        m = c.expect(rf"weirdma: check {name}: (ok|FAIL[^\r\n]*)")
        assert m.group(1) == "ok", f"DMA check {name}: {m.group(1)}"
    c.expect(r"weirdma: done, \d+ checks, 0 failed")
    c.expect(r"\[linux\] dma: exercise passed")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    assert "weir: warning: partition 'linux': DMA access violation, LIODN 16 read IOVA 0x800000" in log
    assert re.search(r"weirdma: error record: dma-engine, access violation, guest-id 1, "
                     r"liodn 16, IOVA 0x800000, device /dma-engine", log)
    c.expect(r"\[linux\] weir# ")
    type_slowly(c, "uptime\r")
    m = c.expect(r"\[linux\] uptime: ([0-9.]+) ([0-9.]+)\r*\n")
    # one clock for both vCPUs (weir hands cpu 0's timebase to the cores
    # it releases): idle time, summed over the two CPUs, stays within
    # twice the uptime; a vCPU whose timebase lagged the other's made
    # Linux's clock jump by 2^40 ns (1100 s) here
    assert float(m.group(2)) <= 2 * float(m.group(1)) + 1, m.group(0)
    assert not re.search(r"rcu: INFO|self-detected stall", open(c.log_path, errors="replace").read())

    # Linux stops its own partition (FH_PARTITION_STOP through
    # /dev/fsl-hv); the other partition is not affected
    type_slowly(c, "halt\r")
    c.expect_all([r"\[linux\] weir-init: FH_PARTITION_STOP\(-1\)",
                  r"weir: partition 'linux' stopped"])
    m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
    c.expect(rf"\[hello\] alive {int(m.group(1)) + 1} sum [0-9a-f]+ ok")
    c.expect_silence(r"\[linux\]|FAIL|CORRUPT|fatal", 2)


def test_linux_manages_partitions(linux):
    """Processes run (fork, exec, faults, FPU), on both vCPUs of the
    partition with cross-CPU wakeups between them; Linux is the manager: it
    stops the hello partition through /dev/fsl-hv, then powers itself off
    (corenet -hv: fsl_hv_halt)."""
    c = linux
    c.expect(r"\[linux\] weir-init: userspace up")
    c.expect(r"\[linux\] weir# ")
    c.expect(r"\[hello\] alive \d+ sum [0-9a-f]+ ok")
    type_slowly(c, CTRL_T + "1")
    c.expect(r"weir: console input -> \[linux\]")
    # user space under weir: fork, exec, page faults over 4 x 4 MiB, the
    # FPU and context switches between four processes
    type_slowly(c, "selftest\r")
    c.expect(r"\[linux\] selftest: 4 of 4 children ok", timeout=120)
    c.expect(r"\[linux\] weir# ")
    # SMP: both vCPUs in /proc/cpuinfo; processes pinned to each pass a
    # byte back and forth (each hand-over a cross-CPU wakeup: a doorbell)
    type_slowly(c, "smp\r")
    c.expect(r"\[linux\] smp: cpuinfo processor\s*: 0")
    c.expect(r"\[linux\] smp: cpuinfo processor\s*: 1")
    c.expect(r"\[linux\] smp: 2 processors")
    m = c.expect(r"\[linux\] smp: (\d+) round trips cpu 0 <-> cpu 1, (\d+) timebase "
                 r"ticks each, child status 0x0: (ok|FAIL)", timeout=120)
    assert m.group(3) == "ok", m.group(0)
    print(f"\nLinux: pipe round trip between processes pinned to cpu 0 and cpu 1: "
          f"{int(m.group(2)) / (TB_HZ / 1e6):.0f} us guest time ({m.group(1)} trips)")
    c.expect(r"\[linux\] weir# ")
    type_slowly(c, "stop 2\r")
    c.expect_all([r"\[linux\] stop: hypervisor returned 0",
                  r"weir: partition 'hello' stopped"])
    c.expect_silence(r"\[hello\]", 2)
    type_slowly(c, "poweroff\r")
    c.expect_all([r"\[linux\] weir-init: power off",
                  r"weir: partition 'linux' stopped"])
    c.expect_silence(r"\[linux\]|\[hello\]|fatal", 2)


def alone(dts, vcpus):
    """config-linux.dts without hello, Linux on @vcpus vCPUs."""
    dts = re.sub(r"\n\t\tp2 \{.*?\n\t\t\};", "", dts, flags=re.S)
    return dts.replace("cpus = <0 2>;", f"cpus = <0 {vcpus}>;", 1)


@pytest.mark.skipif(os.environ.get("WEIR_LINUX_ICOUNT") != "1",
                    reason="a measurement: WEIR_LINUX_ICOUNT=1 runs it")
@pytest.mark.parametrize("vcpus", [2, 1])
def test_linux_alone_instructions(request, build_dir, tmp_path, vcpus):
    """Linux alone in the machine (on -smp @vcpus) under -icount shift=0:
    the hand-off to userspace in instructions, with no other partition's
    busy-waits sharing the virtual clock. Two vCPUs wait for each other in
    virtual time (doc/performance.md); one vCPU measures weir's exits."""
    itb = linux_itb(build_dir, tmp_path, f"alone{vcpus}", lambda dts: alone(dts, vcpus),
                    f"weir + Linux alone on {vcpus} vCPUs")
    c = spawn(request, build_dir, itb, smp=vcpus, icount=True)
    try:
        tb0 = handoff_tb(c)
        m = c.expect(r"\[linux\] weir-init: userspace up \(pid 1, timebase (\d+)\)")
        tb = int(m.group(1)) - tb0
        print(f"\nLinux alone on {vcpus} vCPU(s), hand-off to userspace: "
              f"{tb * 1e9 / TB_HZ / 1e6:.1f} million instructions (-icount shift=0)")
        assert tb > 0
    finally:
        c.close()


EDU_ID = (0x1234, 0x11e8)   # QEMU hw/misc/edu.c: vendor, device
DOM = r"[0-9a-f]{4}"        # the PCI domain Linux numbers the hose with


def test_linux_enumerates_assigned_pci(request, build_dir, tmp_path):
    """Linux owns QEMU's PCI controller (doc/passthrough.md, "The guest
    tree"): the controller appears below a simple-bus in its tree,
    fsl_pci probes it (registers and windows at guest-physical = real)
    and enumerates the bus: the host bridge and QEMU's edu device, in
    the kernel log and in /sys/bus/pci/devices. INTx is routed to its vPIC and no
    DMA window is given yet; hello keeps running beside it."""
    if not os.path.exists(os.path.join(build_dir, "linux", "vmlinux.uImage")):
        pytest.skip("the Linux guest was not built (WEIR_NO_LINUX=1)")
    liodn = weir_qemu.PCI_LIODN or 0x20

    def edit(dts):
        dts = dts.replace(
            "\t\t\t\tfsl,liodn = <0x10>;\n\t\t\t};\n",
            "\t\t\t\tfsl,liodn = <0x10>;\n\t\t\t};\n"
            f'\t\t\tpci {{ device = "/pci@fe0008000"; fsl,liodn = <{liodn:#x}>; }};\n', 1)
        assert "/pci@fe0008000" in dts
        return dts

    itb = linux_itb(build_dir, tmp_path, "pci", edit, "weir + Linux owning the PCI controller")
    c = spawn(request, build_dir, itb, extra=["-device", "edu"])
    try:
        c.expect(r"mmio 0xfe0008000\+0x1000 \(reg of /pci@fe0008000\)")
        c.expect(r"\[linux\] \[ *[0-9.]+\] Found FSL PCI host bridge at 0x0*fe0008000\.")
        c.expect(rf"\[linux\] \[ *[0-9.]+\] [^\r\n]*PCI host bridge to bus {DOM}:00")
        c.expect(rf"\[linux\] \[ *[0-9.]+\] pci {DOM}:00:00\.0: \[1957:")
        c.expect(rf"\[linux\] \[ *[0-9.]+\] pci {DOM}:00:[0-9a-f]{{2}}\.0: "
                 rf"\[{EDU_ID[0]:04x}:{EDU_ID[1]:04x}\]")
        # INTx routed (doc/passthrough.md "Interrupt routing"): edu's pin
        # resolves through the rewritten interrupt-map to a vPIC source;
        # with the old empty map Linux said "of_irq_parse_pci: failed"
        m = c.expect(r"\[linux\] \[ *[0-9.]+\] pci [^\r\n]*(of_irq_parse_pci: failed)"
                     r"|\[linux\] (weir# )")
        assert m.group(2), m.group(0)
        type_slowly(c, CTRL_T + "1")
        c.expect(r"weir: console input -> \[linux\]")
        type_slowly(c, "pci\r")
        m = c.expect(rf"\[linux\] pci: {DOM}:00:[0-9a-f]{{2}}\.0 vendor {EDU_ID[0]:#06x} "
                     rf"device {EDU_ID[1]:#06x} class 0x00ff00")
        m = c.expect(r"\[linux\] pci: (\d+) functions")
        assert int(m.group(1)) == 2, m.group(0)   # host bridge + edu
        m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
        c.expect(rf"\[hello\] alive {int(m.group(1)) + 1} sum [0-9a-f]+ ok")
        c.expect_silence(r"FAIL|CORRUPT|fatal|outside its memory", 2)
    finally:
        c.close()
    # passed: drop the log as the linux fixture does
    os.unlink(c.log_path)


def test_linux_virtio_blk(request, build_dir, tmp_path):
    """The stock virtio-blk driver reads a disk on the PCI controller
    Linux owns, through an identity DMA window (doc/passthrough.md):
    config-linux-pci.dts, as `make run-pci`. The disk (4 MiB of seeded
    random bytes) is made here; our init's `blk` reads /dev/vda raw and
    prints zlib's CRC-32, which must be the file's. Real DMA through the
    PAMU (QEMU's virtio uses the IOMMU with iommu_platform=on), MSI-X
    writes to msi-address-64 (the doorbell 1:1), the MSIs reaching Linux
    through the fsl,vmpic-msi bank (polled at 100 Hz until the MPIC
    driver). hello keeps running with its checksum intact. Then edu,
    driven from user space (BAR0 through sysfs): its DMA read of
    0x10000000 (above the RAM: the doorbell's page, mapped write-only) is
    a violation on weir's console, the group's DMA blocked, Linux and
    hello running on, hello's checksum intact.

    Only with pamu=on: plain QEMU's PCI host has no IOMMU, so the
    device's DMA to guest-physical addresses would reach real memory
    there (weir's own at 0..64 MiB), not the partition's."""
    if not os.path.exists(os.path.join(build_dir, "linux-pci", "vmlinux.uImage")):
        pytest.skip("the PCI Linux guest was not built (WEIR_NO_LINUX=1; "
                    "mk/linux.mk builds build/linux-pci)")
    if not weir_qemu.PAMU:
        pytest.skip("needs -M ppce500,pamu=on (make check-pamu): without an "
                    "IOMMU the device's DMA is not the partition's")
    disk = tmp_path / "disk.img"
    data = random.Random(18).randbytes(4 << 20)
    disk.write_bytes(data)
    itb = linux_itb(build_dir, tmp_path, "virtio", None,
                    "weir + Linux owning PCI (virtio-blk)", base="config-linux-pci.dts",
                    kernel="linux-pci")
    c = spawn(request, build_dir, itb, smp=2, extra=[
        "-drive", f"file={disk},if=none,id=d0,format=raw,readonly=on",
        "-device", "virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on",
        "-device", "edu,dma_mask=0xffffffff"])
    try:
        c.expect(r"group 0 /pci@fe0008000: LIODN 193 -> 'linux', LIOBN 0x[0-9a-f]+, "
                 r"identity window 512 MiB, DMA enabled")
        c.expect(r"\[linux\] \[ *[0-9.]+\] virtio_blk virtio0: \[vda\] 8192 512-byte")
        c.expect(r"\[linux\] weir# ")
        type_slowly(c, CTRL_T + "1")
        c.expect(r"weir: console input -> \[linux\]")
        type_slowly(c, "blk\r")
        m = c.expect(r"\[linux\] blk: /dev/vda (\d+) bytes crc32 (0x[0-9a-f]{8}) "
                     r"in (\d+) ticks \((\d+) KB/s\)")
        assert int(m.group(1)) == len(data), m.group(0)
        assert int(m.group(2), 16) == zlib.crc32(data), m.group(0)
        rate = m
        # the request queue's completions came as MSI-X through fsl_msi
        m = c.expect(r"\[linux\] irq: +\d+: +(\d+) +fsl-msi-\d+ +\d+ +Edge +virtio0-req\.0")
        assert int(m.group(1)) > 0, m.group(0)
        m = rate
        print(f"\nvirtio-blk sequential read in the weir partition: {m.group(4)} KB/s "
              f"({len(data)} bytes, {m.group(3)} timebase ticks)")
        m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
        c.expect(rf"\[hello\] alive {int(m.group(1)) + 1} sum [0-9a-f]+ ok")
        c.expect_silence(r"FAIL|CORRUPT|fatal|outside its memory|violation", 2)
        # edu (QEMU hw/misc/edu.c) driven from user space (BAR0 through
        # sysfs): a DMA read from 0x10000000, above the RAM: the doorbell's page, which
        # the window maps write-only (the only bus addresses outside the
        # RAM that reach the PAMU: Linux's inbound ATMU covers the RAM and
        # that page): the PAMU stops the read, weir reports it and blocks
        # the group
        type_slowly(c, "edu 0x10000000\r")
        c.expect(r"\[linux\] edu: /sys/bus/pci/devices/\S+ id 0x010000ed")
        c.expect(r"\[linux\] edu: dma from bus address 0x10000000 into edu: done")
        m = c.expect(r"\[hello\] alive (\d+) sum [0-9a-f]+ ok")
        c.expect(rf"\[hello\] alive {int(m.group(1)) + 1} sum [0-9a-f]+ ok")
        # the violation's line comes before or after edu's "done": as the
        # PAMU's interrupt (at once) or the tick's poll (where none is wired)
        log = open(c.log_path, encoding="utf-8", errors="replace").read()
        assert re.search(r"partition 'linux': DMA access violation, LIODN 193 read IOVA "
                         r"0x10000000 \(permission\); DMA of /pci@fe0008000 disabled", log)
        type_slowly(c, "uptime\r")
        c.expect(r"\[linux\] uptime: ")
        c.expect_silence(r"FAIL|CORRUPT|fatal|outside its memory", 2)
    finally:
        c.close()
    os.unlink(c.log_path)
