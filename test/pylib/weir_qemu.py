# SPDX-License-Identifier: GPL-2.0-or-later
"""The QEMU machines weir's tests and tools start, each with exactly the
devices they use (the Makefile's QEMU_PPCE500 and QEMU_PSERIES say the
same for make's own runs).

QEMU adds default devices whose option ROMs come from packages that
scripts/bootstrap does not install (apt-get --no-install-recommends):
ppce500 a virtio-net NIC (efi-virtio.rom, package ipxe-qemu) and pseries a
VGA (vgabios-stdvga.bin, package seabios). weir uses neither, so every
command line turns them off rather than depending on their ROMs."""

PPCE500 = ["qemu-system-ppc", "-M", "ppce500", "-nic", "none", "-cpu", "e500mc"]
PSERIES = ["qemu-system-ppc64", "-M", "pseries", "-vga", "none"]

# U-Boot for ppce500 (Debian's u-boot-qemu): the firmware of every run that
# boots weir as a board would.
UBOOT = "/usr/lib/u-boot/qemu-ppce500/uboot.elf"
