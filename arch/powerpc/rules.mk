# Link weir.elf, then weir.bin (image + zeroed BSS, so the loader reserves
# it), the legacy uImage and, with the partition config, the FIT.
LDS := $(O)/arch/powerpc/cpu/weir.lds
$(LDS): arch/powerpc/cpu/weir.lds.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c -undef $(CPPFLAGS) -D__ASSEMBLY__ -o $@ $<

$(O)/weir.elf: $(OBJS) $(LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(LD) -T $(LDS) --gc-sections -z noexecstack --no-warn-rwx-segments -Map $(O)/weir.map -o $@ \
		--start-group $(OBJS) $(LIBFDT_A) $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group

$(O)/weir.bin: $(O)/weir.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)end=$$($(NM) $< | awk '$$3 == "_end" {print $$1}'); \
	base=$$($(NM) $< | awk '$$3 == "__image_start" {print $$1}'); \
	truncate -s $$((0x$$end - 0x$$base)) $@

$(O)/weir.uImage: $(O)/weir.bin
	@echo "  MKIMAGE $@"
	$(Q)mkimage -A powerpc -O linux -T kernel -C none \
		-a $(CONFIG_TEXT_BASE) -e $(CONFIG_TEXT_BASE) \
		-n "weir $(WEIR_VERSION)" -d $< $@ >/dev/null

# The FIT: weir as the kernel, the board's partition config as a
# loadable at CONFIG_WEIR_CONFIG_ADDR. U-Boot's bootm loads both.
CONFIG_DTS := board/$(BOARD)/dts/config.dts
$(O)/config.dtb: $(CONFIG_DTS)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# Guest images the board's demo config loads (board/<b>/config.mk sets
# FIT_GUESTS = <name> <file> <addr> triples, matching its config.dts).
include test/guests/guests.mk
-include board/$(BOARD)/config.mk
FIT_GUEST_FILES := $(foreach w,$(FIT_GUESTS),$(filter $(O)/%,$(w)))

$(O)/weir.its: scripts/mkits $(KCONFIG_CONFIG) $(FIT_GUEST_FILES)
	$(Q)scripts/mkits $(O)/weir.bin $(CONFIG_TEXT_BASE) $(O)/config.dtb \
		$(CONFIG_WEIR_CONFIG_ADDR) "weir $(WEIR_VERSION)" $(FIT_GUESTS) > $@

$(O)/weir.itb: $(O)/weir.its $(O)/weir.bin $(O)/config.dtb $(FIT_GUEST_FILES)
	@echo "  MKIMAGE $@"
	$(Q)mkimage -f $< $@ >/dev/null

.PHONY: all
all: $(O)/weir.uImage $(O)/weir.itb $(GUEST_ELFS)
	@$(SIZE) $(O)/weir.elf | tail -n 1 | \
		awk '{printf "  weir: text %d, data %d, bss %d bytes\n", $$1, $$2, $$3}'
