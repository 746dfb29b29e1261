# SPDX-License-Identifier: GPL-2.0-or-later
"""The independent check of QEMU's PAMU model (issue 17, doc/pamu-linux.md):
Linux 6.1's own drivers/iommu/fsl_pamu.c, bare metal on QEMU ppce500, reads
a virtio-blk-pci disk made at test time through the PAMU.

The kernel is configs/linux/pamu-bare.config with test/linux/pamu-init.c as
/init (`make pamu-linux`, build/pamu-linux/vmlinux); QEMU enters it directly
(-kernel, QEMU's generated device tree). The init prints what the PAMU
driver did, the disk's fnv64w checksum (computed here too) and the read
speed, then restarts the machine (-no-reboot: QEMU exits).

- test_stock_qemu: the installed qemu-system-ppc, no PAMU. Linux says it
  found no PAMU node and the disk reads correctly: the kernel, init and this
  test work without the model.
- test_checks_on_stock_qemu_with_pamu_node: the stock machine's tree plus
  a PAMU node: Linux's driver probes (nothing backs its registers) and the
  pamu=on checks below pass, so they check what they mean to.
- test_pamu_on: -M ppce500,pamu=on. fsl_pamu probes (no error line, the
  fsl-of-pamu driver bound, its "pamu" interrupt requested, iommu0
  registered) and programs the PCI
  controller's LIODN from the tree (setup_liodns(): a 64 GiB window, no
  translation); the disk still reads correctly, now through the PAACT.
- test_pamu_on_no_liodn: QEMU's own tree (dumpdtb) without the PCI
  controller's fsl,liodn, so Linux sets no PAACE up for that LIODN while the
  unit is enabled: the device's DMA is refused, the disk read stalls and
  Linux's pamu_av_isr prints the access violation with that LIODN in AVS1.
- test_pamu_on_window_too_small: the init (pamu.window=12, through
  /dev/mem) makes that LIODN's valid PAACE a 4 KiB window at 0, outside the
  disk's buffers: the read stalls, pamu_av_isr reports the LIODN and an AVA
  outside the window, and disables the LIODN ("Disabling liodn").
- test_read_speed: MB/s of the same disk with pamu=off and pamu=on on the
  patched QEMU (or only the stock QEMU when there is none), written to
  build/pamu-linux/speed.txt for doc/performance.md.

The patched QEMU: $WEIR_QEMU_PAMU_BIN, else `scripts/build-qemu
--print-path` when that script exists. Without one the pamu=on tests skip
and say why, unless WEIR_PAMU_REQUIRED=1 (`make pamu-check` sets it after
building QEMU), which makes a missing binary or kernel a failure.

Host timeouts only catch hangs: the checks count console lines, and the
init's stall detection (pamu.stall=, seconds without progress) runs on the
guest's clock."""
import os
import re
import struct
import subprocess

import pexpect
import pytest

from conftest import Console, TOP

DISK_BYTES = 64 << 20       # a multiple of 8 (fnv64w works on 64-bit words)
STALL_S = 3                 # guest seconds without progress = DMA blocked
SPEED_PASSES = 31           # O_DIRECT passes of test_read_speed (wall-clock
                            # figures on a shared host: median and best)
PCI_NODE = "/pci@fe0008000"
MACHINE_OPTS = ["-nic", "none", "-cpu", "e500mc", "-m", "1G", "-nographic", "-no-reboot"]
REQUIRED = os.environ.get("WEIR_PAMU_REQUIRED") == "1"
# QEMU's virtio devices DMA through the PCI bus master address space (the
# PAMU's IOMMU region) only with iommu_platform=on (VIRTIO_F_ACCESS_PLATFORM;
# otherwise hw/virtio/virtio-bus.c virtio_bus_device_plugged() gives them
# address_space_memory), and a legacy or transitional device refuses that
# (hw/virtio/virtio-pci.c): modern-only. Every run uses the same device.
VIRTIO_BLK = "virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on"


def fnv64w(data):
    """FNV-1a 64 over big-endian 64-bit words, as test/linux/pamu-init.c."""
    h = 0xcbf29ce484222325
    for (w,) in struct.iter_unpack(">Q", data):
        h = ((h ^ w) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def unavailable(reason):
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def pamu_qemu():
    """Path of the QEMU with the PAMU model, or None (and why)."""
    env = os.environ.get("WEIR_QEMU_PAMU_BIN")
    if env:
        return (env, None) if os.access(env, os.X_OK) else \
            (None, f"WEIR_QEMU_PAMU_BIN={env} is not an executable")
    script = os.path.join(TOP, "scripts", "build-qemu")
    if not os.path.exists(script):
        return None, ("no patched QEMU: WEIR_QEMU_PAMU_BIN is unset and this tree has no "
                      "scripts/build-qemu")
    path = subprocess.run([script, "--print-path"], check=True, capture_output=True,
                          text=True).stdout.strip()
    if not os.access(path, os.X_OK):
        return None, f"patched QEMU {path} not built yet (`make qemu-pamu` or `make pamu-check`)"
    return path, None


@pytest.fixture(scope="module")
def kernel(build_dir):
    k = os.path.join(build_dir, "pamu-linux", "vmlinux")
    if not os.path.exists(k):
        unavailable(f"{k} not built: `make pamu-linux` builds it")
    return k


@pytest.fixture(scope="module")
def disk(tmp_path_factory):
    """A raw disk image of random data and its checksum."""
    path = tmp_path_factory.mktemp("disk") / "vda.img"
    data = os.urandom(DISK_BYTES)
    path.write_bytes(data)
    return str(path), fnv64w(data)


@pytest.fixture
def boot(request, build_dir, kernel):
    """boot(qemu, machine, disk, extra): start bare-metal Linux."""
    logdir = os.path.join(build_dir, "test-logs")
    os.makedirs(logdir, exist_ok=True)
    consoles = []

    def start(qemu, machine, disk_path, extra=(), name="", passes=1, cmdline=""):
        bootargs = f"console=ttyS0 pamu.stall={STALL_S} pamu.passes={passes} {cmdline}"
        extra = list(extra)
        if "-dtb" in extra:
            # QEMU's e500 takes a -dtb as it is (no /chosen fix-ups, so no
            # -append): the command line goes into the tree
            subprocess.run(["fdtput", "-t", "s", extra[extra.index("-dtb") + 1], "/chosen",
                            "bootargs", bootargs], check=True)
        args = [qemu, "-M", machine] + MACHINE_OPTS + [
            "-kernel", kernel,
            "-append", bootargs,
            "-drive", f"file={disk_path},if=none,id=d0,format=raw,readonly=on",
            "-device", VIRTIO_BLK] + list(extra)
        log = os.path.join(logdir, request.node.name + name + ".log")
        c = Console(args, log, timeout=120)
        consoles.append(c)
        return c

    yield start
    for c in consoles:
        c.close()
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.passed:
        for c in consoles:
            os.unlink(c.log_path)


@pytest.fixture
def patched_qemu():
    path, why = pamu_qemu()
    if path is None:
        unavailable(why)
    return path


def cpu_seconds(pid):
    """User + system CPU time of process @pid so far (proc(5) stat fields
    14 and 15, in clock ticks)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def read_result(c, expect_sum, passes=1):
    """Wait for the passes over the disk (buffered, O_DIRECT, then
    @passes - 1 O_DIRECT timing passes without a checksum) and the verdict;
    the MB/s of each kind. c.cpu_marks: QEMU's CPU seconds when the
    checksummed passes ended and when the verdict came."""
    speeds = {"buffered": [], "direct": [], "timing": []}
    for mode in ("buffered", "direct"):
        m = c.expect(rf"pamu-init: {mode} read: (\d+) bytes fnv64w ([0-9a-f]{{16}}) "
                     r"in (\d+) us: ([0-9.]+) MB/s")
        assert int(m.group(1)) == DISK_BYTES
        assert int(m.group(2), 16) == expect_sum, \
            f"{mode} read checksum {m.group(2)}, disk's {expect_sum:016x}"
        speeds[mode].append(float(m.group(4)))
    c.expect(rf"pamu-init: disk checksum fnv64w {expect_sum:016x}")
    marks = [cpu_seconds(c.proc.pid)]
    for _ in range(passes - 1):
        m = c.expect(r"pamu-init: timing read: (\d+) bytes in (\d+) us: ([0-9.]+) MB/s")
        assert int(m.group(1)) == DISK_BYTES
        speeds["timing"].append(float(m.group(3)))
    c.expect(r"pamu-init: result: disk read ok")
    c.cpu_marks = marks + [cpu_seconds(c.proc.pid)]
    return speeds


def finish(c, exits=True):
    """The init restarts the machine; -no-reboot makes QEMU exit."""
    c.expect(r"pamu-init: restarting")
    if not exits:
        return
    c.expect(r"reboot: Restarting system")
    try:
        c.proc.expect(pexpect.EOF, timeout=60)
    except pexpect.TIMEOUT:
        pytest.fail(f"QEMU did not exit after the restart; console log {c.log_path}")


def console_text(c):
    with open(c.log_path, encoding="utf-8", errors="replace") as f:
        return f.read()


def pamu_errors(text):
    """fsl_pamu's error and warning lines (pr_fmt "fsl-pamu: <func>: ",
    dev_err/dev_warn "fsl-of-pamu fsl-of-pamu.0: ...")."""
    return re.findall(r"fsl-pamu: \w+: .*|fsl-of-pamu[^\n]*(?:fail|error|could not|no "
                      r"interrupts)[^\n]*", text)


def test_stock_qemu(boot, disk):
    """No PAMU: Linux says so and the disk reads correctly."""
    path, want = disk
    c = boot("qemu-system-ppc", "ppce500", path)
    c.expect(r"Linux version 6\.1\.")
    c.expect(r"fsl-pamu: fsl_pamu_init: could not find a PAMU node")
    c.expect(r"pamu-init: dt: no fsl,pamu node")
    c.expect(r"pamu-init: driver fsl-of-pamu: absent")
    c.expect(r"pamu-init: disk /dev/vda: (\d+) bytes")
    read_result(c, want)
    finish(c)


def expect_pamu_probed(c):
    """fsl_pamu_probe() got through (no dev_err line, checked later), its
    "pamu" AV interrupt is requested and iommu0 registered; returns the PCI
    controller's LIODN that setup_liodns() programmed. (Linux 6.1 on this
    machine adds the PCI devices to no IOMMU group: pcibios_init scans the
    bus before iommu_subsys_init registers the PCI bus notifier; only the
    controller's platform device joins one. setup_liodns() programs the
    PAACE from the tree either way.)"""
    c.expect(r"Linux version 6\.1\.")
    c.expect(r"pamu-init: userspace up")
    c.expect(r"pamu-init: dt: fsl,pamu node /soc@fe0000000/\S+")
    # the line's end is part of the pattern: pexpect matches what has
    # arrived so far, and "= 1" of "= 193" would otherwise do
    m = c.expect(rf"pamu-init: dt: pci {PCI_NODE} fsl,liodn = (\d+)\r*\n")
    c.expect(r"pamu-init: driver fsl-of-pamu: bound")
    c.expect(r"pamu-init: iommu class device iommu0: present")
    c.expect(r"pamu-init: irq: +\d+: +\d+ .* pamu")
    c.expect(r"pamu-init: virtio0: ACCESS_PLATFORM on")
    return int(m.group(1))


def test_pamu_on(boot, disk, patched_qemu):
    path, want = disk
    c = boot(patched_qemu, "ppce500,pamu=on", path)
    liodn = expect_pamu_probed(c)
    read_result(c, want)
    finish(c)
    text = console_text(c)
    assert not pamu_errors(text), f"fsl_pamu complained: {pamu_errors(text)}"
    assert "access violation" not in text
    print(f"\nLinux's fsl_pamu set up LIODN {liodn}; the disk read correctly through it")


def test_checks_on_stock_qemu_with_pamu_node(boot, disk, kernel, tmp_path):
    """The test's own pamu=on checks, without the model: the stock
    machine's tree plus a PAMU node, a guts compatible and a PCI LIODN
    (the shape QEMU's model generates, doc/pamu-linux.md). Linux's driver
    probes and programs registers nothing backs; DMA is untranslated, so
    the disk reads. This proves the kernel, init and checks, not the PAMU."""
    path, want = disk
    dtb = str(tmp_path / "stock-plus-pamu.dtb")
    subprocess.run(["qemu-system-ppc", "-M", "ppce500"] + MACHINE_OPTS +
                   ["-kernel", kernel, "-machine", f"dumpdtb={dtb}"],
                   check=True, capture_output=True)
    pamu = "/soc@fe0000000/iommu@20000"
    pic = subprocess.run(["fdtget", "-t", "x", dtb, "/soc@fe0000000/pic@40000", "phandle"],
                         check=True, capture_output=True, text=True).stdout.strip()
    for edit in (["-c", dtb, pamu],
                 ["-t", "s", dtb, pamu, "compatible", "fsl,pamu"],
                 ["-t", "x", dtb, pamu, "reg", "20000", "1000"],
                 ["-t", "x", dtb, pamu, "interrupt-parent", pic],
                 ["-t", "x", dtb, pamu, "interrupts", "c", "2"],
                 ["-t", "s", dtb, "/soc@fe0000000/global-utilities@e0000", "compatible",
                  "fsl,mpc8544-guts", "fsl,qoriq-device-config-1.0"],
                 ["-t", "x", dtb, PCI_NODE, "fsl,liodn", "1"]):
        subprocess.run(["fdtput"] + edit, check=True)
    c = boot("qemu-system-ppc", "ppce500", path, ["-dtb", dtb], cmdline="pamu.window=12")
    assert expect_pamu_probed(c) == 1
    # the init finds the unit's registers from the tree; nothing is there
    c.expect(r"pamu-init: window: PAMU at 0xfe0020000: PPBA 0, tables not programmed")
    read_result(c, want)
    finish(c)
    text = console_text(c)
    assert not pamu_errors(text), f"fsl_pamu complained: {pamu_errors(text)}"


def test_pamu_on_no_liodn(boot, disk, kernel, patched_qemu, tmp_path):
    """The PCI controller's LIODN has no valid PAACE: violations."""
    path, _ = disk
    dtb = str(tmp_path / "qemu-pamu.dtb")
    subprocess.run([patched_qemu, "-M", "ppce500,pamu=on"] + MACHINE_OPTS +
                   ["-kernel", kernel, "-machine", f"dumpdtb={dtb}"],
                   check=False, capture_output=True)
    if not os.path.exists(dtb):
        pytest.fail(f"{patched_qemu} -machine dumpdtb wrote no {dtb}")
    liodn = int(subprocess.run(["fdtget", dtb, PCI_NODE, "fsl,liodn"], check=True,
                               capture_output=True, text=True).stdout.split()[0])
    subprocess.run(["fdtput", "-d", dtb, PCI_NODE, "fsl,liodn"], check=True)

    c = boot(patched_qemu, "ppce500,pamu=on", path, ["-dtb", dtb])
    c.expect(rf"pamu-init: dt: pci {PCI_NODE} has no fsl,liodn")
    c.expect(r"pamu-init: driver fsl-of-pamu: bound")
    c.expect(r"pamu-init: (buffered|direct) read: (stalled|error)")
    c.expect(r"pamu-init: result: disk read FAILED")
    # The killed reader's request stays queued in virtio-blk: whether the
    # restart then gets through device shutdown is not what this checks.
    finish(c, exits=False)
    text = console_text(c)
    assert "fsl-pamu: pamu_av_isr: access violation interrupt" in text, \
        f"no access violation from Linux; console log {c.log_path}"
    avs1 = re.findall(r"fsl-pamu: pamu_av_isr: AVS1=([0-9a-f]{8})", text)
    assert avs1, "pamu_av_isr printed no AVS1"
    got = {int(a, 16) >> 16 for a in avs1}     # PAMU_AVS1_LIODN_SHIFT
    assert got == {liodn}, f"AVS1 LIODN {got}, the PCI controller's is {liodn}"
    assert re.search(r"fsl-pamu: pamu_av_isr: AVA=[0-9a-f]{16}", text)
    print(f"\nLIODN {liodn} without a PAACE: {len(avs1)} access violation(s) reported by Linux")


def test_pamu_on_window_too_small(boot, disk, patched_qemu):
    """The PCI controller's PAACE is valid but its window (4 KiB at 0) does
    not hold the disk's buffers: violations, and Linux disables the LIODN."""
    path, _ = disk
    c = boot(patched_qemu, "ppce500,pamu=on", path, cmdline="pamu.window=12")
    liodn = expect_pamu_probed(c)
    c.expect(rf"pamu-init: window: PAACE\[{liodn}\] at 0x[0-9a-f]+ \(PAACT 0x[0-9a-f]+\): "
             r"word1 -> [0-9a-f]{8}, window 4096 bytes at 0")
    c.expect(r"pamu-init: (buffered|direct) read: (stalled|error)")
    c.expect(r"pamu-init: result: disk read FAILED")
    finish(c, exits=False)
    text = console_text(c)
    assert "fsl-pamu: pamu_av_isr: access violation interrupt" in text, \
        f"no access violation from Linux; console log {c.log_path}"
    avs1 = re.findall(r"fsl-pamu: pamu_av_isr: AVS1=([0-9a-f]{8})", text)
    assert avs1 and {int(a, 16) >> 16 for a in avs1} == {liodn}, \
        f"AVS1 {avs1}, the PCI controller's LIODN is {liodn}"
    # a valid PAACE: pamu_av_isr() disables the LIODN (not the A-003638 path)
    assert f"fsl-pamu: pamu_av_isr: Disabling liodn {liodn:x}" in text
    ava = [int(a, 16) for a in re.findall(r"fsl-pamu: pamu_av_isr: AVA=([0-9a-f]{16})", text)]
    assert ava and all(a >= 4096 for a in ava), f"AVA {ava} inside the 4 KiB window"
    print(f"\nLIODN {liodn} with a 4 KiB window: {len(avs1)} violation(s), AVA "
          f"{', '.join(hex(a) for a in ava)}; Linux disabled the LIODN")


def test_read_speed(boot, disk, build_dir):
    """Sequential read speed, pamu=off vs pamu=on on the same QEMU, over
    the O_DIRECT timing passes (no checksum in the guest): the guest's MB/s
    (wall clock, noisy on a shared host: median and best) and the data read
    per second of QEMU CPU time over all of them (what translation costs
    the host; steadier under load)."""
    path, want = disk
    qemu, why = pamu_qemu()
    runs = [("pamu=off", qemu or "qemu-system-ppc", "ppce500")]
    if qemu:
        runs.append(("pamu=on", qemu, "ppce500,pamu=on"))
    lines = []
    for label, binary, machine in runs:
        c = boot(binary, machine, path, name="-" + label.replace("=", "-"),
                 passes=SPEED_PASSES + 1)
        s = read_result(c, want, SPEED_PASSES + 1)
        finish(c)
        cpu = c.cpu_marks[1] - c.cpu_marks[0]
        t = sorted(s["timing"])
        mb = DISK_BYTES * SPEED_PASSES / 1e6
        lines.append(f"{label:9} {SPEED_PASSES} x {DISK_BYTES >> 20} MiB O_DIRECT: median "
                     f"{t[len(t) // 2]:.0f}, best {t[-1]:.0f} MB/s; QEMU CPU {cpu:.2f} s = "
                     f"{mb / cpu if cpu else 0:.0f} MB per CPU-second (first buffered read "
                     f"{s['buffered'][0]:.0f} MB/s) [{binary}]")
    if why:
        lines.append(f"(no pamu=on run: {why})")
    out = os.path.join(build_dir, "pamu-linux", "speed.txt")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
