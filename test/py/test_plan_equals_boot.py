# SPDX-License-Identifier: GPL-2.0-or-later
"""weir-plan's verdict is boot's (issue 21: "plan == boot").

Each config below is checked twice against QEMU's own ppce500 tree: by
weir-plan on the host (build/sandbox/tools/weir-plan/weir-plan, weir's
memory at its default 0+0x4000000 as on QEMU) and by booting weir with it.
A config weir-plan accepts must boot to its partitions; one it refuses
must stop the boot with the very line weir-plan printed ("weir-plan:
config ..." there, "weir: fatal: config ..." at boot). The sample covers
each family of checks: cores, RAM, devices, IOMMU groups and LIODNs, MSI
banks, the MSI range of a window (identity windows too), weir's heap and
MMIO windows.
"""
import os
import re
import subprocess

import pytest

from test_config import CONFIG_ADDR, boot_with, config_dtb

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLAN = os.path.join(TOP, "build/sandbox/tools/weir-plan/weir-plan")


def part(n, cpus, ram, body=""):
    return (f'p{n} {{ compatible = "weir,partition"; cpus = <{cpus} 1>; '
            f'guest-memory = <0 {ram:#x} 0 0x8000000>; '
            f'guest-image = <0 {0x5000000 + n * 0x100000:#x} 0 0 0 0x10000>; {body} }};')


def engine(liodn, extra=""):
    return (f'dma{liodn} {{ compatible = "weir,dma-engine"; fsl,liodn = <{liodn}>; '
            f'{extra} }};')


# QEMU's bank has no MSIIR alias: its doorbell page holds the MPIC's
# global registers, which the config must accept (doc/tce.md)
MSI = 'msi { device = "/soc@fe0000000/msi@41600"; weir,doorbell-shares-mpic-page; };'
MSI_UNACKED = 'msi { device = "/soc@fe0000000/msi@41600"; };'

CONFIGS = {
    "good": part(1, 0, 0x10000000, 'uart { device = "serial0"; };' + engine(100) + MSI)
            + part(2, 1, 0x20000000, engine(101, 'dma-window-type = "identity";')),
    "core-twice": part(1, 0, 0x10000000) + part(2, 0, 0x20000000),
    "ram-over-weir": part(1, 0, 0x10000000) + part(2, 1, 0x3000000),
    "device-twice": part(1, 0, 0x10000000, 'uart { device = "serial0"; };')
                    + part(2, 1, 0x20000000, 'uart { device = "serial0"; };'),
    "liodn-twice": part(1, 0, 0x10000000, engine(100))
                   + part(2, 1, 0x20000000, engine(100)),
    "msi-twice": part(1, 0, 0x10000000, MSI) + part(2, 1, 0x20000000, MSI),
    "msi-shared-page": part(1, 0, 0x10000000, MSI_UNACKED),
    "msi-outside-window": part(1, 0, 0x10000000, MSI + engine(
        100, "dma-window-size = <0 0x4000000>;")),
    # an identity window (doc/passthrough.md) with the MSI range over RAM
    "identity-msi-over-ram": part(1, 0, 0x10000000, MSI + engine(
        100, 'dma-window-type = "identity"; msi-iova = <0 0x4000000>;')),
    "heap": part(1, 0, 0x10000000, "".join(engine(100 + i) for i in range(40))),
    # MMIO passthrough (doc/passthrough.md): weir keeps the MPIC
    "mmio-weir-keeps": part(1, 0, 0x10000000)
                       + part(2, 1, 0x20000000, 'pic { device = "/soc@fe0000000/pic@40000"; };'),
}


def plan(hw, cfg):
    r = subprocess.run([PLAN, hw, cfg], capture_output=True, text=True)
    assert r.returncode in (0, 1), r.stderr
    if r.returncode == 0:
        return None
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("weir-plan: config "), r.stderr
    return lines[0][len("weir-plan: "):]


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_plan_equals_boot(name, qemu, qemu_dtb, tmp_path):
    cfg = config_dtb(tmp_path, CONFIGS[name])
    refusal = plan(qemu_dtb, cfg)
    assert (refusal is None) == (name == "good"), refusal
    c = boot_with(qemu, cfg)
    c.expect(r"partition config at %s" % CONFIG_ADDR if refusal is None
             else r"weir: fatal: config ")
    if refusal is None:
        c.expect(r"partition 2 'p2': cores 0x2")
        c.expect(r"heap: \d+ of \d+ bytes used by the IOMMU tables")
    else:
        c.expect(re.escape(refusal[len("config "):]))
        c.expect(r"weir: stopped: fix the partition config and reboot")
