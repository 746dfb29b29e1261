# SPDX-License-Identifier: GPL-2.0-or-later
"""Real device DMA through a TCE window (issue 18, doc/passthrough.md):
the edutest guest (test/guests/edutest.c) owns QEMU's PCI controller and
QEMU's "edu" device behind it, the hello guest runs next to it.

Under -M ppce500,pamu=on (WEIR_QEMU_PAMU=1, `make check-pamu`) the PCI
host's inbound traffic passes the PAMU weir programs: edu's DMA to and
from two TCE-mapped pages is checked both ways, its MSIs (the 0x60
register and DMA completion) ring the doorbell through the window and
arrive as the guest's vPIC interrupt, and a DMA to an IOVA with no TCE is
a PAMU violation in the guest's error queue and on the console, with the
group's DMA disabled until FH_DMA_ENABLE; hello's memory checksum holds.

QEMU's stock ppce500 has no PAMU: a PCI bus master there writes real
addresses unchecked, so the guest leaves the controller's inbound windows
closed and the test checks what holds without one: enumeration, BAR
placement in the controller's window, the outbound window and edu's
registers through weir's MMIO passthrough, and that weir logs no DMA."""
import re

import weir_qemu  # test/pylib
from test_partitions import boot_direct, config_dtb, expect_victim_intact, guest

LIODN = weir_qemu.PCI_LIODN or 0x20
PCI = f'pci {{ device = "/pci@fe0008000"; fsl,liodn = <{LIODN:#x}>; }};'
# QEMU's bank has no MSIIR alias: the page must be accepted (doc/tce.md)
MSI = ('msi { device = "/soc@fe0000000/msi@41600"; '
       'weir,doorbell-shares-mpic-page; };')

MMIO_CHECKS = ["edu-found", "edu-bar0", "edu-id", "edu-liveness"]
DMA_CHECKS = [
    "tce-map", "tce-map-2", "dma-to-edu", "dma-from-edu", "dma-data",
    "msi-info", "msi-capability", "msi-config", "msi-unmask",
    "msi-raise-delivered", "msi-irq", "msi-bits", "msi-dma-run",
    "msi-dma-delivered", "msi-dma-bits",
    "unmapped-dma-ran", "unmapped-err-record", "unmapped-err-addr",
    "disabled-dma-ran", "disabled-nothing-written", "unmapped-dma-enable",
    "unmapped-after-enable-to-edu", "unmapped-after-enable-from-edu",
    "unmapped-after-enable-data",
    "beyond-dma-ran", "beyond-err-record", "beyond-err-addr", "beyond-dma-enable",
    "beyond-after-enable-to-edu", "beyond-after-enable-from-edu",
    "beyond-after-enable-data",
]


def test_edu_dma_through_tce_window(qemu, build_dir, tmp_path):
    pamu = weir_qemu.PAMU
    boot = 'bootargs = "pamu";' if pamu else ""
    dtb = config_dtb(tmp_path, "edu", "victim", extra1=boot, tail1=PCI + MSI)
    c = boot_direct(qemu, dtb, guest(build_dir, "edutest"), guest(build_dir, "hello"),
                    qemu_args=["-device", "edu,addr=1.0,dma_mask=0xffffffff"])
    c.expect(weir_qemu.PAMU_BOOT_RE)
    c.expect(r"\[edu\] edutest: controller 0xfe0008000, memory window PCI 0xe0000000 "
             r"-> 0xc00000000 \+0x20000000, edu at 00:01\.0")
    checks = MMIO_CHECKS + (DMA_CHECKS if pamu else [])
    for name in checks:
        m = c.expect(rf"\[edu\] check {name}: (ok|FAIL[^\r\n]*)")
        assert m.group(1) == "ok", f"{name}: {m.group(1)}"
    c.expect(r"\[edu\] edutest: done, 0 failed")
    expect_victim_intact(c)
    c.expect(r"\[edu\] alive \d+ sum [0-9a-f]+ ok")
    c.expect_silence(r"FAIL|CORRUPT|fatal", 1)
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    assert "partition 'victim': DMA" not in log
    if not pamu:
        assert "DMA access violation" not in log
        return
    # two violations queued and logged: the writes to the unmapped IOVA
    # and past the window (logged as reads: weir's PAMU driver does not
    # decode AVS2, whose layout the model chose, doc/qemu-pamu.md)
    for iova in ("0x800000", "0x40000000"):
        assert re.search(rf"partition 'edu': DMA access violation, LIODN {LIODN} (read|write) "
                         rf"IOVA {iova} \(outside the window\); DMA of \S*pci@fe0008000 "
                         r"disabled", log), f"no access-violation line for IOVA {iova}"
        assert re.search(rf"\[edu\] edutest: error record: pamu, access violation, lpid 1, "
                         rf"liodn {LIODN}, IOVA {iova}", log), f"no error record for {iova}"
    assert len(re.findall(r"partition 'edu': DMA access violation", log)) == 2
    m = re.search(r"\[edu\] edutest: (\d+) MSIs taken", log)
    assert m and int(m.group(1)) == 2, "MSIs: " + (m.group(0) if m else "none")
