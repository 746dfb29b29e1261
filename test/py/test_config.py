# SPDX-License-Identifier: GPL-2.0-or-later
"""The partition config reaches weir at config-addr= and is validated
against the real hardware: a good one gives a plan, a bad one a message
naming the config node and property, and a clean stop."""
import subprocess

CONFIG_ADDR = "0x6000000"

P1 = """p1 { compatible = "weir,partition"; label = "linux"; cpus = <0 1>;
        guest-memory = <0 0x10000000 0 0x10000000>;
        guest-image = <0 0x5000000 0 0 0 0x10000>;
        uart { device = "serial0"; }; };"""


def config_dtb(tmp_path, partitions):
    src = ('/dts-v1/;\n/ { compatible = "weir,config-1";\n'
           f'partitions {{ {partitions} }}; }};\n')
    out = tmp_path / "config.dtb"
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", str(out), "-"],
                   input=src.encode(), check=True)
    return str(out)


def boot_with(qemu, dtb):
    return qemu("direct", extra=["-device", f"loader,file={dtb},addr={CONFIG_ADDR}",
                                 "-append", f"config-addr={CONFIG_ADDR}"])


def test_good_config_gives_plan(qemu, tmp_path):
    p2 = """p2 { compatible = "weir,partition"; cpus = <1 1>;
            guest-memory = <0 0x20000000 0 0x8000000>;
            guest-image = <0 0x5100000 0 0 0 0x10000>; };"""
    c = boot_with(qemu, config_dtb(tmp_path, P1 + p2))
    c.expect(r"partition config at 0x6000000 \(\d+ bytes, 2 partitions\)")
    c.expect(r"partition 1 'linux': cores 0x1, RAM 0x10000000\+256 MiB")
    c.expect(r"device /soc@fe0000000/serial@4500")
    c.expect(r"partition 2 'p2': cores 0x2, RAM 0x20000000\+128 MiB")


def test_core_in_two_partitions_refused(qemu, tmp_path):
    p2 = """p2 { compatible = "weir,partition"; cpus = <0 2>;
            guest-memory = <0 0x20000000 0 0x8000000>;
            guest-image = <0 0x5100000 0 0 0 0x10000>; };"""
    c = boot_with(qemu, config_dtb(tmp_path, P1 + p2))
    c.expect(r"weir: fatal: config /partitions/p2: 'cpus': core\(s\) 0x1 already "
             r"belong to partition 'linux'")
    c.expect(r"weir: stopped: fix the partition config and reboot")
    c.expect_silence(r"partition config at", 1)


def test_ram_over_weir_refused(qemu, tmp_path):
    p2 = """p2 { compatible = "weir,partition"; cpus = <1 1>;
            guest-memory = <0 0x3000000 0 0x2000000>;
            guest-image = <0 0x5100000 0 0 0 0x10000>; };"""
    c = boot_with(qemu, config_dtb(tmp_path, P1 + p2))
    c.expect(r"weir: fatal: config /partitions/p2: 'guest-memory': 0x3000000\+0x2000000 "
             r"overlaps weir's memory 0x0\+0x4000000")
