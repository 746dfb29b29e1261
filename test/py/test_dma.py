# SPDX-License-Identifier: GPL-2.0-or-later
"""The IOMMU layer under QEMU: a partition owning weir's emulated DMA
engine runs Linux's TCE patterns, copies through TCE-mapped pages, faults
on an unmapped IOVA (its error queue holds the record, its DMA is
disabled until FH_DMA_ENABLE) and cycles a DDW, while a second partition
keeps running unaffected; configs that split an IOMMU group or reuse a
LIODN are refused."""
import weir_qemu  # test/pylib, on the path through conftest.py
from test_partitions import CONFIG_ADDR, boot_direct, config_dtb, guest


DMATEST_CHECKS = [
    "clear-default-window", "indirect-src", "indirect-dst", "get-tce",
    "copy-mapped", "copy-data", "copy-unmapped", "copy-unmapped-nothing",
    "err-get-info", "err-record-size", "err-record-addr", "err-queue-empty",
    "copy-while-disabled", "dma-enable", "copy-after-enable", "dma-disable",
    "copy-disabled", "indirect-512", "indirect-512-last",
    "indirect-512-copy", "indirect-512-data", "stuff-512-unmap",
    "stuff-512-faults", "tce-beyond-ram", "tce-other-liobn", "tce-msi-range",
    "tce-unaligned-ioba", "stuff-513", "indirect-513", "tce-unchanged",
    "engine-bad-handle", "msi-info", "msi-tce-refused", "msi-config",
    "msi-unmask", "msi-map-src", "msi-write", "msi-delivered", "msi-bits",
    "msi-read-refused", "ddw-query-default", "ddw-none-available",
    "ddw-remove-default", "ddw-query", "ddw-one-available",
    "ddw-16m-offered", "ddw-create", "ddw-map-all", "ddw-copy",
    "ddw-copy-data", "ddw-remove", "ddw-default-back", "ddw-default-usable",
    "ddw-reset", "ddw-reset-zeroed",
]


def config(tmp_path, p1_extra, p2_extra="", labels=("dma", "other")):
    """Partitions "dma" and "other"; the extras are child nodes."""
    return config_dtb(tmp_path, labels[0], labels[1], tail1=p1_extra,
                      tail2=p2_extra)


ENGINE = 'dma-engine { compatible = "weir,dma-engine"; fsl,liodn = <0x10>; };'


MSI_BANK = ('msi { device = "/soc@fe0000000/msi@41600"; '
            'weir,doorbell-shares-mpic-page; };')


def test_dma_engine_through_tce_windows(qemu, build_dir, tmp_path):
    dtb = config(tmp_path, ENGINE + MSI_BANK)
    c = boot_direct(qemu, dtb, guest(build_dir, "dmatest"), guest(build_dir, "hello"))
    c.expect(weir_qemu.PAMU_BOOT_RE)
    c.expect(r"MSI bank /soc@fe0000000/msi@41600 -> 'dma', doorbell 0xfe0041740")
    # the doorbell-page decision, accepted by the config (doc/tce.md)
    c.expect(r"warning: MSI bank /soc@fe0000000/msi@41600: doorbell page 0xfe0041000 "
             r"holds MPIC registers \(GCR, PIR, timers\): any DMA master of 'dma' can "
             r"write them \(accepted by weir,doorbell-shares-mpic-page\)")
    c.expect(r"group 0 \S*dma-engine: LIODN 16 -> 'dma', LIOBN 0x40000000")
    c.expect(r"\[dma\] dmatest: engine handle 0x100, default window liobn 0x40000000, 1024 MiB")
    for name in DMATEST_CHECKS:
        m = c.expect(rf"\[dma\] check {name}: (ok|FAIL[^\r\n]*)")
        assert m.group(1) == "ok", f"{name}: {m.group(1)}"
    c.expect(r"\[dma\] dmatest: done, 0 failed")
    # the other partition kept running and never saw an error
    c.expect(r"\[other\] alive \d+ sum [0-9a-f]+ ok")
    c.expect(r"\[dma\] alive \d+ sum [0-9a-f]+ ok")
    log = open(c.log_path, encoding="utf-8", errors="replace").read()
    assert ("partition 'dma': DMA access violation, LIODN 16 read IOVA 0x800000"
            in log), "no access-violation line for the owner"
    assert "partition 'other': DMA" not in log
    assert "[dma] dmatest: error record: dma-engine, access violation, lpid 1, liodn 16, IOVA 0x800000, device /dma-engine" in log


def test_liodn_shared_refused(qemu, build_dir, tmp_path):
    """The same LIODN in two partitions: config error naming both."""
    dtb = config(tmp_path, ENGINE, ENGINE)
    c = boot_direct(qemu, dtb, guest(build_dir, "dmatest"), guest(build_dir, "hello"))
    c.expect(r"weir: fatal: config [^\r\n]*'fsl,liodn'")
    c.expect(r"weir: stopped: fix the partition config")
    c.expect_silence(r"\[dma\]|\[other\]", 1)


def test_group_split_refused(qemu, qemu_dtb, build_dir, tmp_path):
    """A device below QEMU's PCI controller (PCIe IP < 2.4: one group for
    the whole hose) given to another partition than the controller: the
    config is refused naming both partitions and the group."""
    from conftest import modified_dtb
    hw = modified_dtb(qemu_dtb, tmp_path / "hw.dtb",
                      ("-c", "/pci@fe0008000/ethernet@0"),
                      ("-t", "s", "/chosen", "bootargs", f"config-addr={CONFIG_ADDR}"))
    liodn = weir_qemu.PCI_LIODN or 0x20
    dtb = config(tmp_path,
                 f'pci {{ device = "/pci@fe0008000"; fsl,liodn = <{liodn:#x}>; }};',
                 'eth { device = "/pci@fe0008000/ethernet@0"; };')
    extra = ["-dtb", hw,
             "-device", f"loader,file={dtb},addr={CONFIG_ADDR},force-raw=on",
             "-append", f"config-addr={CONFIG_ADDR}"]
    c = qemu("direct", extra=extra, timeout=30)
    m = c.expect(r"weir: fatal: config ([^\r\n]*)\r")
    line = m.group(1)
    assert "'dma'" in line and "'other'" in line and "pci@fe0008000" in line, line
    c.expect_silence(r"starting on cpu", 1)
