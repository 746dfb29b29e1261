# SPDX-License-Identifier: GPL-2.0-or-later
#
# Test guests (test/guests/README.md). Included by the top Makefile
# (through arch/powerpc/rules.mk), or standalone:
#
#   make -f test/guests/guests.mk O=build TOOLCHAIN=build/toolchain \
#        CROSS_COMPILE=powerpc-linux-gnu- guests
#
# Provides
#   GUESTS            every test/guests/<name>.c (hello echo attacker ...)
#   GUEST_O           $(O)/guests
#   GUEST_ELFS, GUEST_BINS, GUEST_UIMAGES
#   GUEST_BASE        0x100000 (link, load and entry address)
#   targets: guests (all of the above), $(GUEST_O)/<name>.elf|.bin|.uImage,
#            guests-native, guests-native-run GUEST=<name>,
#            guests-native-check, guests-clean
#
# Only GUEST_* variables are defined here, so weir's own CFLAGS/CPPFLAGS
# never reach the guests and vice versa. The architecture flags are those
# of arch/powerpc/config.mk (keep them in sync).

GUEST_SRC := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
GUEST_TOP := $(patsubst %/,%,$(dir $(patsubst %/,%,$(dir $(GUEST_SRC)))))

O             ?= build
TOOLCHAIN     ?= $(O)/toolchain
CROSS_COMPILE ?= powerpc-linux-gnu-
Q             ?= @

GUESTS     := $(sort $(basename $(notdir $(wildcard $(GUEST_SRC)/*.c))))
GUEST_O    := $(O)/guests
GUEST_BASE := 0x100000

GUEST_CC      := $(CROSS_COMPILE)gcc
GUEST_LD      := $(CROSS_COMPILE)ld
GUEST_OBJCOPY := $(CROSS_COMPILE)objcopy
GUEST_NM      := $(CROSS_COMPILE)nm
GUEST_NEWLIB  := $(TOOLCHAIN)/newlib/powerpc-eabi
GUEST_LIBFDT  := $(TOOLCHAIN)/libfdt
GUEST_LIBGCC   = $(shell $(GUEST_CC) -mcpu=e500mc -msoft-float -print-libgcc-file-name)

GUEST_ARCH_FLAGS := -mcpu=e500mc -msoft-float -mno-altivec -mlong-double-64 \
	-fno-pic -mno-relocatable -ffreestanding -fno-builtin-printf \
	-fno-stack-protector -fno-common
GUEST_CPPFLAGS = -nostdinc -isystem $(GUEST_NEWLIB)/include \
	-isystem $(shell $(GUEST_CC) -print-file-name=include) \
	-I$(GUEST_SRC)/lib -I$(GUEST_TOP)/include -I$(GUEST_LIBFDT)/include
GUEST_CFLAGS := $(GUEST_ARCH_FLAGS) -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-parameter -ffunction-sections -fdata-sections -MMD -MP
GUEST_ASFLAGS := $(GUEST_ARCH_FLAGS) -Wa,-me500mc -Wa,-mregnames -MMD -MP
GUEST_LDS := $(GUEST_SRC)/lib/guest.lds
GUEST_LDFLAGS := -T $(GUEST_LDS) --gc-sections -z noexecstack --no-warn-rwx-segments

GUEST_LIB_SRCS := $(sort $(wildcard $(GUEST_SRC)/lib/*.c $(GUEST_SRC)/lib/*.S))
# Objects keep their source's suffix (hcall.c.o, hcall.S.o).
GUEST_LIB_OBJS := $(patsubst $(GUEST_SRC)/%,$(GUEST_O)/obj/%.o,$(GUEST_LIB_SRCS))
GUEST_MAIN_OBJS := $(addprefix $(GUEST_O)/obj/,$(addsuffix .c.o,$(GUESTS)))
GUEST_NATIVE_OBJ := $(GUEST_O)/obj/native/fakehv.c.o
GUEST_C_OBJS := $(filter %.c.o,$(GUEST_LIB_OBJS)) $(GUEST_MAIN_OBJS) $(GUEST_NATIVE_OBJ)
GUEST_S_OBJS := $(filter %.S.o,$(GUEST_LIB_OBJS))
GUEST_LIBS = $(GUEST_LIBFDT)/target/libfdt.a $(GUEST_NEWLIB)/lib/libc.a $(GUEST_LIBGCC)

GUEST_ELFS    := $(addprefix $(GUEST_O)/,$(addsuffix .elf,$(GUESTS)))
GUEST_BINS    := $(GUEST_ELFS:.elf=.bin)
GUEST_UIMAGES := $(GUEST_ELFS:.elf=.uImage)

.PHONY: guests guests-clean
guests: $(GUEST_ELFS) $(GUEST_BINS) $(GUEST_UIMAGES)

# Static pattern rules: they win over the top Makefile's $(O)/%.o rules.
$(GUEST_C_OBJS): $(GUEST_O)/obj/%.c.o: $(GUEST_SRC)/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(GUEST_CC) $(GUEST_CPPFLAGS) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_S_OBJS): $(GUEST_O)/obj/%.S.o: $(GUEST_SRC)/%.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(GUEST_CC) $(GUEST_CPPFLAGS) $(GUEST_ASFLAGS) -D__ASSEMBLY__ -c -o $@ $<

# A guest: its own main object, the runtime, libfdt, newlib, libgcc.
$(GUEST_ELFS): $(GUEST_O)/%.elf: $(GUEST_O)/obj/%.c.o $(GUEST_LIB_OBJS) $(GUEST_LDS)
	@echo "  LD      $@"
	$(Q)$(GUEST_LD) $(GUEST_LDFLAGS) -Map $(@:.elf=.map) -o $@ \
		--start-group $< $(GUEST_LIB_OBJS) $(GUEST_LIBS) --end-group

# Image plus zeroed BSS, so a loader that places the device tree after
# the image keeps it clear of BSS (the runtime copes either way).
$(GUEST_BINS): $(GUEST_O)/%.bin: $(GUEST_O)/%.elf
	@echo "  OBJCOPY $@"
	$(Q)$(GUEST_OBJCOPY) -O binary $< $@
	$(Q)end=$$($(GUEST_NM) $< | awk '$$3 == "_end" {print $$1}'); \
	truncate -s $$((0x$$end - $(GUEST_BASE))) $@

$(GUEST_UIMAGES): $(GUEST_O)/%.uImage: $(GUEST_O)/%.bin $(GUEST_O)/%.elf
	@echo "  MKIMAGE $@"
	$(Q)entry=$$($(GUEST_NM) $(GUEST_O)/$*.elf | awk '$$3 == "_start" {print $$1}'); \
	mkimage -A powerpc -O linux -T kernel -C none -a $(GUEST_BASE) \
		-e 0x$$entry -n "weir test guest $*" -d $< $@ >/dev/null

.SECONDARY: $(GUEST_LIB_OBJS) $(GUEST_MAIN_OBJS) $(GUEST_NATIVE_OBJ)

guests-clean:
	$(Q)rm -rf $(GUEST_O)

# ---------------------------------------------------------------- native
# The same guests linked with native/fakehv.c, which answers their hcalls
# itself (on the QEMU ppce500 UART), booted by QEMU directly with
# native/native.dts: a smoke test of the runtime without a hypervisor.
GUEST_NATIVE_O := $(GUEST_O)/native
GUEST_NATIVE_ELFS := $(addprefix $(GUEST_NATIVE_O)/,$(addsuffix .elf,$(GUESTS)))
GUEST_NATIVE_DTB := $(GUEST_NATIVE_O)/native.dtb
GUEST ?= hello

.PHONY: guests-native guests-native-run guests-native-check
guests-native: $(GUEST_NATIVE_ELFS) $(GUEST_NATIVE_DTB)

guests-native-check: guests-native
	$(Q)python3 $(GUEST_SRC)/native/smoke.py $(GUEST_NATIVE_O)

$(GUEST_NATIVE_ELFS): $(GUEST_NATIVE_O)/%.elf: $(GUEST_O)/obj/%.c.o $(GUEST_LIB_OBJS) $(GUEST_NATIVE_OBJ) $(GUEST_LDS)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(GUEST_LD) $(GUEST_LDFLAGS) --wrap=guest_exception -o $@ \
		--start-group $< $(GUEST_LIB_OBJS) $(GUEST_NATIVE_OBJ) \
		$(GUEST_LIBS) --end-group

$(GUEST_NATIVE_DTB): $(GUEST_SRC)/native/native.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

guests-native-run: $(GUEST_NATIVE_O)/$(GUEST).elf $(GUEST_NATIVE_DTB)
	$(Q)$(QEMU_PPCE500) -m 1G -nographic -no-reboot \
		-kernel $(GUEST_NATIVE_O)/$(GUEST).elf -dtb $(GUEST_NATIVE_DTB)

-include $(wildcard $(GUEST_O)/obj/*.d $(GUEST_O)/obj/*/*.d)
