# SPDX-License-Identifier: GPL-2.0-or-later
#
# weir's Linux guest (doc/linux-guest.md):
#
#   make linux-guest   build the Linux 6.1 kernel with our init built in
#                      (scripts/build-linux; cached once per machine in
#                      $(WEIR_CACHE)/linux, default ~/.cache/weir/linux)
#   make run-linux     boot weir with Linux in partition 1 and the hello
#                      test guest in partition 2 (QEMU, interactive)
#   make linux-check   only test/py/test_linux.py; `make pytest` (so
#                      `make check`) builds the kernel and runs it too
#   make run-pci       Linux in partition 1 owning the PCI controller (a
#                      virtio-blk-pci disk and edu on it, identity DMA
#                      window) beside hello, on QEMU with the PAMU
#                      (doc/passthrough.md); `blk` at its prompt reads the disk

LINUX_O      := $(O)/linux
LINUX_INIT   := $(LINUX_O)/init
LINUX_UIMAGE := $(LINUX_O)/vmlinux.uImage
LINUX_CFG    := board/qemu-ppce500/dts/config-linux.dts
LINUX_ITB    := $(LINUX_O)/weir-linux.itb
# Source addresses of the images, matching guest-image in $(LINUX_CFG).
LINUX_FIT_GUESTS := linux $(LINUX_UIMAGE) 0x6000000 \
		    hello $(O)/guests/hello.elf 0x5800000

# Our init: static, glibc (libc6-dev-powerpc-cross), stripped.
$(LINUX_INIT): test/linux/init.c | $(BOOTSTRAP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CROSS_COMPILE)gcc -static -O2 -Wall -Wextra -Werror -s -o $@ $< -lm

# The kernel: scripts/build-linux decides whether anything must be
# rebuilt (its cache is keyed by the config fragment's hash), so it runs
# every time; it only copies when the result changed. Our module
# (test/linux/weirdma) is built against the kernel's build tree first
# (--if-absent: any earlier build of this config will do) and goes into
# the initramfs.
WEIRDMA_KO := $(LINUX_O)/weirdma/weirdma.ko

.PHONY: linux-guest linux-force
$(LINUX_O)/kernel-build: $(LINUX_INIT) linux-force
	$(Q)scripts/build-linux --if-absent $(LINUX_INIT) $(LINUX_O)

$(WEIRDMA_KO): test/linux/weirdma/weirdma.c test/linux/weirdma/Kbuild $(LINUX_O)/kernel-build
	@echo "  KMOD    $@"
	$(Q)scripts/build-linux-module $(LINUX_O)/kernel-build test/linux/weirdma $(LINUX_O)/weirdma

# The recipe is on the file, so make looks at its time stamp again
# afterwards (a recipe-less `$(LINUX_UIMAGE): linux-guest` would keep the
# old one and leave the FIT stale).
$(LINUX_UIMAGE): $(LINUX_INIT) $(WEIRDMA_KO) linux-force
	$(Q)scripts/build-linux $(LINUX_INIT) $(LINUX_O) $(WEIRDMA_KO)

linux-guest: $(LINUX_UIMAGE)

$(LINUX_O)/config-linux.dtb: $(LINUX_CFG)
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(LINUX_O)/weir-linux.its: scripts/mkits $(O)/weir.bin $(LINUX_O)/config-linux.dtb \
		$(LINUX_UIMAGE) $(O)/guests/hello.elf
	$(Q)scripts/mkits $(O)/weir.bin $(CONFIG_TEXT_BASE) $(LINUX_O)/config-linux.dtb \
		$(CONFIG_WEIR_CONFIG_ADDR) "weir $(WEIR_VERSION) + Linux" \
		$(LINUX_FIT_GUESTS) > $@

$(LINUX_ITB): $(LINUX_O)/weir-linux.its
	@echo "  MKIMAGE $@"
	$(Q)mkimage -f $< $@ >/dev/null

# run-pci: config-linux-pci.dts on the PAMU QEMU, Linux built from
# configs/linux/weir-guest-pci.config (MSI, virtio; its own cache entry)
# with the same init. The disk (8 MiB of random bytes) is made once;
# QEMU's virtio uses the IOMMU only with disable-legacy=on,iommu_platform=on
# (doc/qemu-pamu.md).
# Its init has the PCI commands (blk, edu: -DWEIR_INIT_PCI).
LINUX_PCI_O      := $(O)/linux-pci
LINUX_PCI_INIT   := $(LINUX_PCI_O)/init
LINUX_PCI_UIMAGE := $(LINUX_PCI_O)/vmlinux.uImage
$(LINUX_PCI_INIT): test/linux/init.c | $(BOOTSTRAP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CROSS_COMPILE)gcc -DWEIR_INIT_PCI -static -O2 -Wall -Wextra -Werror -s -o $@ $< -lm

$(LINUX_PCI_UIMAGE): $(LINUX_PCI_INIT) linux-force
	$(Q)scripts/build-linux --fragment configs/linux/weir-guest-pci.config \
		$(LINUX_PCI_INIT) $(LINUX_PCI_O)

PCI_CFG  := board/qemu-ppce500/dts/config-linux-pci.dts
PCI_ITB  := $(LINUX_O)/weir-linux-pci.itb
PCI_DISK := $(LINUX_O)/pci-disk.img
PCI_QEMU_DEVICES := -drive file=$(PCI_DISK),if=none,id=d0,format=raw,readonly=on \
	-device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on \
	-device edu,dma_mask=0xffffffff

$(LINUX_O)/config-linux-pci.dtb: $(PCI_CFG)
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(LINUX_O)/weir-linux-pci.its: scripts/mkits $(O)/weir.bin \
		$(LINUX_O)/config-linux-pci.dtb $(LINUX_PCI_UIMAGE) $(O)/guests/hello.elf
	$(Q)scripts/mkits $(O)/weir.bin $(CONFIG_TEXT_BASE) \
		$(LINUX_O)/config-linux-pci.dtb $(CONFIG_WEIR_CONFIG_ADDR) \
		"weir $(WEIR_VERSION) + Linux owning PCI" \
		linux $(LINUX_PCI_UIMAGE) 0x6000000 \
		hello $(O)/guests/hello.elf 0x5800000 > $@

$(PCI_ITB): $(LINUX_O)/weir-linux-pci.its
	@echo "  MKIMAGE $@"
	$(Q)mkimage -f $< $@ >/dev/null

$(PCI_DISK):
	@mkdir -p $(dir $@)
	$(Q)head -c 8M /dev/urandom > $@

.PHONY: run-pci
run-pci: all $(PCI_ITB) $(PCI_DISK) qemu-pamu
	@echo "  QEMU    $(PCI_ITB) on ppce500,pamu=on (quit: Ctrl-A x; Ctrl-T switches console input)"
	$(Q)$(QEMU_PAMU_PPCE500) -smp 2 -m 1G -nographic -bios $(UBOOT) \
		-kernel $(PCI_ITB) $(PCI_QEMU_DEVICES) $(QEMU_EXTRA)

.PHONY: run-linux linux-check
run-linux: all $(LINUX_ITB)
	@echo "  QEMU    $(LINUX_ITB) (quit: Ctrl-A x; Ctrl-T switches console input)"
	$(Q)$(QEMU_PPCE500) -smp 3 -m 1G -nographic \
		-bios $(UBOOT) -kernel $(LINUX_ITB) $(QEMU_EXTRA)

linux-check: all $(LINUX_ITB)
	$(Q)$(PYTHON) -m pytest -p no:cacheprovider -v test/py/test_linux.py \
		--build-dir=$(O) $(PYTEST_ARGS)

# test/py/test_linux.py runs with the other QEMU tests (make pytest, so
# make check): the kernel is built (or taken from the cache) first.
# WEIR_NO_LINUX=1 skips that; the test then skips with a message.
ifneq ($(WEIR_NO_LINUX),1)
pytest: $(LINUX_ITB) $(LINUX_PCI_UIMAGE)
check-pamu: $(LINUX_PCI_UIMAGE)
endif
