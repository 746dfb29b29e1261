# SPDX-License-Identifier: GPL-2.0-or-later
"""Hardware interrupts (doc/passthrough.md "Interrupt routing"): weir owns
the MPIC, routes an assigned PCI controller's INTx to the owner's core and
delivers it through the owner's vPIC; the neighbour keeps running.
Plain QEMU and, under make check-pamu, -M ppce500,pamu=on."""
import pytest

import weir_qemu  # test/pylib
from test_partitions import boot_direct, config_dtb, guest


def pci_child():
    liodn = weir_qemu.PCI_LIODN or 0x20
    return f'pci {{ device = "/pci@fe0008000"; fsl,liodn = <{liodn:#x}>; }};'


def test_intx_through_vpic(qemu, build_dir, tmp_path):
    """The intx guest (test/guests/intx.c) owns the PCI controller; QEMU's
    edu device raises INTA three times; each arrives as the vPIC source the
    guest tree's interrupt-map names, after weir acknowledged the MPIC
    source and masked it, and the next arrives only because the guest's
    EOI unmasked it. Fails on a weir without the MPIC driver (empty
    interrupt-map, nothing delivered)."""
    dtb = config_dtb(tmp_path, "victim", "intx", tail2=pci_child())
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "intx"),
                    qemu_args=["-device", "edu"])
    m = c.expect(r"weir: MPIC /soc@fe0000000/pic@40000 at 0xfe0040000: "
                 r"(\d+) sources, (\d+) cores")
    assert int(m.group(1)) >= 256
    c.expect(r"irq 24 \(interrupts of /pci@fe0008000\) -> partition 'intx' "
             r"vPIC 544, cpu 1")
    m = c.expect(r"\[intx\] intx: edu at 00:([0-9a-f]+)\.0 INTA -> vPIC (\d+)")
    virq = int(m.group(2))
    assert 544 < virq < 544 + 16, m.group(0)
    for r in range(1, 4):
        m = c.expect(rf"\[intx\] intx: round {r}: vPIC (\d+) status (\d+) "
                     r"after (\d+) polls([^\r\n]*)")
        assert int(m.group(1)) == virq and int(m.group(2)) == r, m.group(0)
        assert "FAIL" not in m.group(4), m.group(0)
    c.expect(r"\[intx\] intx: done \(0 failed\)")
    m = c.expect(r"\[victim\] alive (\d+) sum ([0-9a-f]+) (ok|CORRUPT)")
    assert m.group(3) == "ok"
    c.expect_silence(r"CORRUPT|fatal|no partition or weir owns", 1)


def test_pamu_violation_interrupt(qemu, build_dir, tmp_path):
    """Under -M ppce500,pamu=on a real device's DMA outside its window
    reaches the owner's error queue through the PAMU's MPIC source 40,
    which weir takes as an interrupt: boot says so, and the tick no longer
    polls the PAMU (hv/iommu/boot.c iommu_poll()), so the record can only
    have come that way. edu reads IOVA 0x1000 of the controller's TCE
    window with no TCE mapped; the neighbour keeps running, its memory
    intact."""
    if not weir_qemu.PAMU:
        pytest.skip("needs -M ppce500,pamu=on (make check-pamu)")
    dtb = config_dtb(tmp_path, "victim", "intx", tail2=pci_child(),
                     extra2='bootargs = "dma-violation";')
    c = boot_direct(qemu, dtb, guest(build_dir, "hello"), guest(build_dir, "intx"),
                    qemu_args=["-device", "edu"])
    c.expect(r"weir: PAMU: access violations on interrupt source 40, cpu 0")
    c.expect(r"\[intx\] intx: round 3: vPIC \d+ status 3")
    m = c.expect(r"partition 'intx': DMA access violation, LIODN (\d+) read "
                 r"IOVA 0x1000 \(([^)]*)\); DMA of /pci@fe0008000 disabled")
    assert int(m.group(1)) == weir_qemu.PCI_LIODN
    m = c.expect(r"\[intx\] intx: violation: '([^']*)' '([^']*)' LIODN (\d+) "
                 r"addr 0x([0-9a-f]+) after (\d+) polls")
    assert m.group(1) == "pamu" and m.group(2) == "access violation", m.group(0)
    assert int(m.group(3)) == weir_qemu.PCI_LIODN and int(m.group(4), 16) == 0x1000
    c.expect(r"\[intx\] intx: done \(0 failed\)")
    m = c.expect(r"\[victim\] alive \d+ sum [0-9a-f]+ (ok|CORRUPT)")
    assert m.group(1) == "ok"
