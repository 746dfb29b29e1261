# SPDX-License-Identifier: GPL-2.0-or-later
"""Partitions run guests on their own cores, each console line prefixed
with the partition's name; hcalls with bad arguments fail cleanly; an
attacking guest is contained while its neighbour keeps running; a manager
partition stops and restarts another; broken configs are refused."""
import os
import subprocess
import time

CONFIG_ADDR = "0x5000000"
IMG1, IMG2 = "0x4100000", "0x4200000"
CTRL_T = "\x14"

HELLO_CHECKS = [
    "entry-state", "regs-clear", "dt-hypervisor", "dt-console", "dt-pic", "dt-memory",
    "ram-zeroed", "trap-keeps-regs", "emul-remap", "tlb-refill", "sc-remap",
    "sc-keeps-regs",
    "unknown-token-1-8", "unknown-token-3-1", "unknown-token-1-0",
    "send-bad-handle", "send-count-17", "receive-bad-handle",
    "stop-nonexistent", "status-self", "decrementer", "idle-wakeup",
    "user-sc1",
]


def guest(build_dir, name):
    return os.path.join(build_dir, "guests", name + ".elf")


def config_dtb(tmp_path, p1, p2, extra1="", extra2="", tail1="", tail2=""):
    """Two partitions (labels @p1, @p2) on cores 0 and 1, 64 MiB each;
    @extra* are properties, @tail* child nodes (devices, DMA engines)."""
    src = f"""/dts-v1/;
/ {{ compatible = "weir,config-1";
  partitions {{
    p1 {{ compatible = "weir,partition"; label = "{p1}"; cpus = <0 1>; {extra1}
         guest-memory = <0 0x10000000 0 0x4000000>;
         guest-image = <0 {IMG1} 0 0 0 0x100000>; {tail1} }};
    p2 {{ compatible = "weir,partition"; label = "{p2}"; cpus = <1 1>; {extra2}
         guest-memory = <0 0x14000000 0 0x4000000>;
         guest-image = <0 {IMG2} 0 0 0 0x100000>; {tail2} }};
  }};
}};
"""
    out = tmp_path / "config.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), "-"],
                   input=src.encode(), check=True)
    return str(out)


def expect_victim_intact(c):
    """Two of the victim's heartbeats in a row: its memory checksum the
    same in both and "ok" (a neighbour wrote nothing into it)."""
    m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT)")
    first = m.group(2)
    c.expect(r"\[victim\] alive \d+ sum ([0-9a-f]+) (ok|CORRUPT)")
    assert c.proc.match.group(2) == "ok" and c.proc.match.group(1) == first


def boot_direct(qemu, dtb, img1, img2, qemu_args=()):
    """weir.elf entered directly by QEMU; config and guest ELFs as raw blobs;
    @qemu_args go to QEMU as they are."""
    extra = list(qemu_args) + [
        "-device", f"loader,file={dtb},addr={CONFIG_ADDR},force-raw=on",
        "-append", f"config-addr={CONFIG_ADDR}"]
    for img, addr in ((img1, IMG1), (img2, IMG2)):
        if img:
            extra += ["-device", f"loader,file={img},addr={addr},force-raw=on"]
    return qemu("direct", extra=extra, timeout=60)


def type_slowly(c, text):
    """One character at a time: weir polls the UART every 10 ms."""
    for ch in text:
        c.proc.send(ch)
        time.sleep(0.05)


def test_both_partitions_run(qemu):
    """The default config (make run): two partitions on two cores."""
    c = qemu("uboot", smp=2, timeout=60)
    c.expect(r"partition 1 'hello': starting on cpu 0")
    c.expect(r"partition 2 'echo': starting on cpu 1")
    # The two cores print in any order: wait for each partition's lines.
    seen = set()
    while len(seen) < 3:
        m = c.expect(r"\[(hello)\] hello from hello \(guest-id 1\)|\[(echo)\] echo: ready"
                     r"|\[hello\] hello: all checks (done) \(0 failed\)")
        seen.add(m.group(1) or m.group(2) or m.group(3))
    c.expect(r"\[hello\] alive 3 sum [0-9a-f]+ ok")
    c.expect_silence(r"FAIL|CORRUPT|fatal", 2)


def test_hcall_errors(qemu):
    """Bad hcalls get exact EV_* codes and change nothing; `sc 1` from the
    guest's user mode is reflected as a privileged-instruction program
    exception, never run as an hcall (checked inside the guest)."""
    c = qemu("uboot", smp=2, timeout=60)
    for name in HELLO_CHECKS:
        c.expect(rf"\[hello\] check {name}: (ok|FAIL.*)")
        assert c.proc.match.group(1) == "ok", f"check {name}: {c.proc.match.group(1)}"


def test_pci_mmio_passthrough(qemu, build_dir, tmp_path):
    """MMIO passthrough: the partition that owns QEMU's PCI controller maps
    its registers (guest-physical = real) and reads the host bridge's IDs
    through CFG_ADDR/CFG_DATA; boot lists its windows; the neighbour keeps
    running with its memory intact. Without the assignment the same access
    faults (test_attacker_contained)."""
    import weir_qemu  # test/pylib: the hardware tree's LIODN under pamu=on
    liodn = weir_qemu.PCI_LIODN or 0x20
    dtb = config_dtb(tmp_path, "victim", "attacker",
                     tail2=f'pci {{ device = "/pci@fe0008000"; fsl,liodn = <{liodn:#x}>; }};')
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "attacker"))
    c.expect(r"mmio 0xfe0008000\+0x1000 \(reg of /pci@fe0008000\)")
    c.expect(r"mmio 0xc00000000\+0x20000000 \(ranges of /pci@fe0008000\)")
    # to the line's end: pexpect matches what has arrived so far
    m = c.expect(r"\[attacker\] device pci-host: (owned|refused)[^\r\n]*\r*\n")
    assert m.group(1) == "owned", m.group(0)
    assert "vendor 0x1957" in m.group(0), m.group(0)   # Freescale
    c.expect(r"\[attacker\] attacker: done")
    expect_victim_intact(c)
    c.expect_silence(r"ESCAPED|CORRUPT|fatal", 2)


def test_console_input_stop_restart(qemu):
    """Ctrl-T 2 routes input to 'echo' (the manager), which stops, queries
    and restarts 'hello', then restarts itself."""
    c = qemu("uboot", smp=2, timeout=60)
    c.expect(r"\[hello\] alive 1 ")     # echo is ready long before
    type_slowly(c, CTRL_T + "2")
    c.expect(r"weir: console input -> \[echo\]")
    type_slowly(c, "ping\r")
    c.expect(r"\[echo\] echo: ping")
    type_slowly(c, "!stop 1\r")
    c.expect_all([r"\[echo\] stop 1 = 0", r"weir: partition 'hello' stopped"])
    type_slowly(c, "!status 1\r")
    c.expect(r"\[echo\] status 1 = 0/0")
    c.expect_silence(r"\[hello\]", 2)
    type_slowly(c, "!restart 1\r")
    c.expect(r"weir: partition 'hello' restarting")
    c.expect(r"\[hello\] hello from hello \(guest-id 1\)")
    # its heartbeat had filled its heap: weir zeroed the RAM again
    c.expect(r"\[hello\] check ram-zeroed: ok")
    c.expect(r"\[hello\] hello: all checks done \(0 failed\)")
    type_slowly(c, "!restart -1\r")
    c.expect(r"weir: partition 'echo' restarting")
    c.expect(r"\[echo\] echo: ready")


def test_attacker_contained(qemu, build_dir, tmp_path):
    """A guest mapping memory outside its partition gets a fault reflected;
    TLB flooding slows only itself; the other partition keeps running with
    its memory intact (its own checksum)."""
    dtb = config_dtb(tmp_path, "victim", "attacker")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "attacker"))
    c.expect(r"weir: warning: partition 'attacker': data access to guest-physical "
             r"0x30000000 outside its memory")
    for name in ("read-beyond-ram", "read-ccsr", "write-beyond-ram"):
        c.expect(rf"\[attacker\] attack {name}: (contained|ESCAPED)")
        assert c.proc.match.group(1) == "contained", name
    c.expect(r"\[attacker\] attack tlb-flood: survived")
    for name in ("spr-ivpr", "spr-pid", "spr-sprg0", "bytechan-count",
                 "stop-other", "restart-other"):
        c.expect(rf"\[attacker\] attack {name}: (contained|ESCAPED)")
        assert c.proc.match.group(1) == "contained", name
    m = c.expect(r"\[attacker\] device pci-host: (owned|refused)")
    assert m.group(1) == "refused"
    c.expect(r"\[attacker\] attacker: done")
    expect_victim_intact(c)
    c.expect(r"\[attacker\] alive \d+ sum [0-9a-f]+ ok")
    c.expect_silence(r"ESCAPED|CORRUPT|fatal", 2)


def test_missing_image_refused(qemu, build_dir, tmp_path):
    """No ELF/uImage at a partition's guest-image and no guest-entry: the
    config is refused naming node and property; no partition starts."""
    dtb = config_dtb(tmp_path, "one", "two")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), None)
    c.expect(r"weir: fatal: config /partitions/p2: 'guest-image': image at "
             r"0x4200000: no ELF or uImage there")
    c.expect(r"weir: stopped: fix the partition config and reboot")
    c.expect_silence(r"starting on cpu", 1)


def test_manager_flag_needed(qemu, build_dir, tmp_path):
    """The same echo guest without 'manager' gets EV_EPERM (1) for stop."""
    dtb = config_dtb(tmp_path, "hello", "echo")
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "echo"))
    c.expect(r"\[hello\] alive 1 ")     # echo is ready long before
    type_slowly(c, CTRL_T + "2")
    c.expect(r"weir: console input -> \[echo\]")
    type_slowly(c, "!stop 1\r")
    c.expect(r"\[echo\] stop 1 = 1\b")
    c.expect(r"\[hello\] alive \d+ ")
