# SPDX-License-Identifier: GPL-2.0-or-later
#
# weir top-level Makefile (U-Boot style).
#
#   make qemu-ppce500_defconfig   choose a board (writes build/.config)
#   make                          build build/weir.elf, weir.bin, weir.itb
#   make menuconfig               edit build/.config (kconfiglib)
#   make run / make debug         boot under QEMU (debug: gdbstub, -s -S)
#   make check                    host unit tests + QEMU console tests
#
# Everything generated lands under build/ (O=). Dependencies come from
# Debian packages; scripts/bootstrap installs and builds them once.

PYTHON     := /usr/bin/python3
KCONFIGLIB := /usr/lib/python3/dist-packages
srctree    := $(CURDIR)
O          ?= build
TOOLCHAIN  := $(srctree)/build/toolchain
BOOTSTRAP_STAMP := $(TOOLCHAIN)/.bootstrap-$(shell sed -n 's/^BOOTSTRAP_VERSION=//p' scripts/bootstrap)
DEFAULT_DEFCONFIG ?= qemu-ppce500_defconfig

export KCONFIG_CONFIG := $(O)/.config

ifeq ($(V),1)
Q :=
else
Q := @
endif

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

# ---------------------------------------------------------------- bootstrap
# Installing packages and building newlib/libfdt happens once per machine.
$(BOOTSTRAP_STAMP): scripts/bootstrap
	$(Q)scripts/bootstrap

.PHONY: bootstrap
bootstrap:
	$(Q)scripts/bootstrap

# ---------------------------------------------------------------- Kconfig
%_defconfig: $(BOOTSTRAP_STAMP)
	$(Q)mkdir -p $(O)
	$(Q)$(PYTHON) $(KCONFIGLIB)/defconfig.py --kconfig Kconfig configs/$@

.PHONY: menuconfig oldconfig savedefconfig
menuconfig: $(BOOTSTRAP_STAMP) | $(KCONFIG_CONFIG)
	$(Q)$(PYTHON) $(KCONFIGLIB)/menuconfig.py Kconfig
oldconfig: $(BOOTSTRAP_STAMP) | $(KCONFIG_CONFIG)
	$(Q)$(PYTHON) $(KCONFIGLIB)/olddefconfig.py Kconfig
savedefconfig: $(BOOTSTRAP_STAMP) | $(KCONFIG_CONFIG)
	$(Q)$(PYTHON) $(KCONFIGLIB)/savedefconfig.py --kconfig Kconfig --out $(O)/defconfig
	@echo "  wrote $(O)/defconfig"

# With no configuration yet, 'make' picks the QEMU board.
$(KCONFIG_CONFIG): | $(BOOTSTRAP_STAMP)
	@echo "  no $(KCONFIG_CONFIG): using $(DEFAULT_DEFCONFIG)"
	$(Q)mkdir -p $(O)
	$(Q)$(PYTHON) $(KCONFIGLIB)/defconfig.py --kconfig Kconfig configs/$(DEFAULT_DEFCONFIG)

AUTOCONF := $(O)/include/generated/autoconf.h
$(AUTOCONF): $(KCONFIG_CONFIG) $(shell find . -name Kconfig -not -path './build/*')
	$(Q)mkdir -p $(dir $@)
	$(Q)$(PYTHON) $(KCONFIGLIB)/genconfig.py --header-path $@ Kconfig

ifeq ($(filter %_defconfig,$(MAKECMDGOALS)),)
-include $(KCONFIG_CONFIG)
endif
unquote = $(patsubst "%",%,$(1))
BOARD := $(call unquote,$(CONFIG_SYS_BOARD))
ARCH  := $(call unquote,$(CONFIG_SYS_ARCH))

# ---------------------------------------------------------------- objects
obj-y :=
include $(sort $(wildcard */objs.mk */*/objs.mk */*/*/objs.mk))
obj-y := $(sort $(obj-y))

include arch/$(or $(ARCH),powerpc)/config.mk

OBJS := $(addprefix $(O)/,$(obj-y))
DEPS := $(OBJS:.o=.d)

CPPFLAGS += -I$(srctree)/include -I$(srctree)/arch/$(ARCH)/include \
	    -I$(O)/include -isystem $(LIBFDT_INC) -include weir/kconfig.h \
	    -DWEIR_VERSION=\"$(WEIR_VERSION)\"
CFLAGS   += -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter \
	    -ffunction-sections -fdata-sections -MMD -MP -g -O2

# What weir itself is built with on top (not the tests, which fake and
# poke): Bao's set (-Wshadow -Wmissing-prototypes -Wvla -Wcast-qual) and
# -Wsign-conversion, not -Wconversion. A sign change is the conversion
# that hides bugs here (a negative errno as an index or a size, a u32
# mask built from a negative int); -Wconversion would add ~70 warnings on
# narrowing that is deliberate and checked (register fields, u8/u16 table
# fields from masked values), each needing a cast that says nothing.
CORE_WARN := -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wvla \
	     -Wcast-qual -Wpointer-arith -Wundef -Wsign-conversion
$(OBJS): CFLAGS += $(CORE_WARN)

# Code that runs once at boot (config validation, the plan, guest device
# trees) is built for size: it is a third of weir's text and none of it
# is on a guest's path (doc/performance.md, "weir's size"); so are the
# rare hcalls (partition control, DMA enable/disable, error queues) and
# their requests, and the PAMU's boot-time CSD and errata setup.
COLD_OBJS := $(filter $(addprefix $(O)/,hv/config/% hv/guest_dt/% \
		hv/iommu/groups.o hv/iommu/plan.o hv/iommu/hw.o hv/iommu/boot.o \
		hv/main.o hv/partition/loader.o lib/fdt_util.o \
		hv/partition/errq.o hv/dma/fault.o hv/dma/ddw.o hv/console/mux.o \
		hv/hcall/dma.o hv/hcall/partition.o hv/partition/ctl.o \
		hv/dma/enable.o hv/partition/unit.o hv/vcpu/exit_stats.o \
		drivers/iommu/pamu/errata.o drivers/iommu/pamu/csd.o \
		drivers/iommu/pamu/quirks.o arch/powerpc/cpu/setup.o),$(OBJS))
$(COLD_OBJS): CFLAGS += -Os
# Flags live here and in the arch's config.mk: a change to either rebuilds
# every object (make does not see a changed command line by itself).
$(OBJS): Makefile arch/$(or $(ARCH),powerpc)/config.mk

WEIR_VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)

$(O)/%.o: %.c $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/%.o: %.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -D__ASSEMBLY__ -c -o $@ $<

-include $(DEPS)

-include arch/$(or $(ARCH),powerpc)/rules.mk

# ---------------------------------------------------------------- QEMU
# Every QEMU run asks for exactly the devices it uses. QEMU's defaults
# add devices whose option ROMs come from packages bootstrap does not
# install (--no-install-recommends): ppce500 a virtio-net NIC
# (efi-virtio.rom, ipxe-qemu), pseries a VGA (vgabios-stdvga.bin, seabios).
# weir uses neither. The Python side: test/pylib/weir_qemu.py.
UBOOT    := /usr/lib/u-boot/qemu-ppce500/uboot.elf
QEMU     := qemu-system-ppc
QEMU_PPCE500 := $(QEMU) -M ppce500 -nic none -cpu e500mc
QEMU_PSERIES := qemu-system-ppc64 -M pseries -vga none
SMP      ?= 2
QEMU_ARGS := -smp $(SMP) -m 1G -nographic \
	     -bios $(UBOOT) -kernel $(O)/weir.itb $(QEMU_EXTRA)

.PHONY: run debug
run: all
	@echo "  QEMU    $(O)/weir.itb (quit: Ctrl-A x)"
	$(Q)$(QEMU_PPCE500) $(QEMU_ARGS)

debug: all
	@echo "  QEMU    waiting for gdb on :1234; in another terminal:"
	@echo "    gdb-multiarch -ex 'target remote :1234' $(O)/weir.elf"
	@echo "  (U-Boot runs first; 'break weir_entry' then 'continue')"
	$(Q)$(QEMU_PPCE500) $(QEMU_ARGS) -s -S

# ---------------------------------------------------------------- tests
.PHONY: check unit pytest sandbox
SANDBOX_O := build/sandbox

sandbox: $(BOOTSTRAP_STAMP)
	$(Q)$(MAKE) --no-print-directory O=$(SANDBOX_O) \
		DEFAULT_DEFCONFIG=sandbox_defconfig sandbox-all

unit: sandbox
	$(Q)$(MAKE) --no-print-directory O=$(SANDBOX_O) \
		DEFAULT_DEFCONFIG=sandbox_defconfig sandbox-unit

pytest: all sandbox
	$(Q)$(PYTHON) -m pytest -p no:cacheprovider -v test/py \
		--build-dir=$(O) $(PYTEST_ARGS)

# Every board must at least build.
.PHONY: boards
boards: $(BOOTSTRAP_STAMP)
	$(Q)for b in p4080ds; do \
		$(MAKE) --no-print-directory O=build/$$b DEFAULT_DEFCONFIG=$${b}_defconfig all \
			|| exit 1; \
	done

# Feature makefiles (fuzzing, benchmarks, the Linux guest, the PAPR
# oracle, static analysis) live in mk/*.mk; each may append the targets
# `make check` must also run to CHECK_EXTRA.
CHECK_EXTRA :=
include $(sort $(wildcard mk/*.mk))

check: $(BOOTSTRAP_STAMP)
	$(Q)$(MAKE) --no-print-directory unit
	$(Q)$(MAKE) --no-print-directory boards
	$(Q)$(MAKE) --no-print-directory pytest
	$(Q)for t in $(CHECK_EXTRA); do \
		$(MAKE) --no-print-directory $$t || exit 1; \
	done

.PHONY: clean distclean
clean:
	rm -rf $(O)/arch $(O)/board $(O)/drivers $(O)/hv $(O)/lib $(O)/test \
		$(O)/weir.* $(O)/include $(SANDBOX_O)
distclean:
	rm -rf build
