# SPDX-License-Identifier: GPL-2.0-or-later
"""The QEMU machines weir's tests and tools start, each with exactly the
devices they use (the Makefile's QEMU_PPCE500 and QEMU_PSERIES say the
same for make's own runs).

QEMU adds default devices whose option ROMs come from packages that
scripts/bootstrap does not install (apt-get --no-install-recommends):
ppce500 a virtio-net NIC (efi-virtio.rom, package ipxe-qemu) and pseries a
VGA (vgabios-stdvga.bin, package seabios). weir uses neither, so every
command line turns them off rather than depending on their ROMs."""

import os

# WEIR_QEMU names another qemu-system-ppc (the one scripts/build-qemu
# builds with the PAMU model, doc/qemu-pamu.md); WEIR_QEMU_PAMU=1 turns
# the PAMU on (-M ppce500,pamu=on), so weir takes its board PAMU path.
QEMU_PPC = os.environ.get("WEIR_QEMU") or "qemu-system-ppc"
PAMU = os.environ.get("WEIR_QEMU_PAMU", "") not in ("", "0")
PPCE500 = [QEMU_PPC, "-M", "ppce500,pamu=on" if PAMU else "ppce500",
           "-nic", "none", "-cpu", "e500mc"]
# The PCI controller's LIODN in the hardware tree: pamu=on gives it one
# (the model's PEX1LIODNR, doc/qemu-pamu.md), and weir then refuses a
# config that names another; the stock machine has none.
PCI_LIODN = 193 if PAMU else None
# What weir says at boot about the PAMU on this machine.
PAMU_BOOT_RE = (r"PAMU unit 0: hardware registers programmed" if PAMU
                else r"PAMU: none in the hardware tree \(QEMU\)")
PSERIES = ["qemu-system-ppc64", "-M", "pseries", "-vga", "none"]

# U-Boot for ppce500 (Debian's u-boot-qemu): the firmware of every run that
# boots weir as a board would.
UBOOT = "/usr/lib/u-boot/qemu-ppce500/uboot.elf"
