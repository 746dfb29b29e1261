# Sandbox outputs: libweir.a (the core) and one cmocka program per
# test/unit/test_*.c, each linked against libweir.a.
LIBWEIR := $(O)/libweir.a
$(LIBWEIR): $(OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

UNIT_SRCS  := $(wildcard test/unit/test_*.c)
UNIT_BINS  := $(patsubst %.c,$(O)/%,$(UNIT_SRCS))
UNIT_HELP  := $(patsubst %.c,$(O)/%.o,$(wildcard test/unit/helpers/*.c))
-include $(UNIT_BINS:=.d) $(UNIT_HELP:.o=.d)

$(O)/test/unit/%: test/unit/%.c $(LIBWEIR) $(UNIT_HELP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(CC) $(CPPFLAGS) -I$(srctree)/test/unit $(CFLAGS) -MF $@.d -o $@ $< \
		$(UNIT_HELP) $(LIBWEIR) $(LIBFDT_A) -lcmocka $(LDFLAGS)

$(O)/test/unit/helpers/%.o: CPPFLAGS += -I$(srctree)/test/unit
.SECONDARY: $(UNIT_HELP)

# Real input for the device-tree tests: QEMU's own ppce500 tree.
QEMU_DTB := $(O)/qemu-ppce500.dtb
$(QEMU_DTB):
	$(Q)qemu-system-ppc -M ppce500 -cpu e500mc -smp 2 -m 1G -nographic \
		-bios /usr/lib/u-boot/qemu-ppce500/uboot.elf \
		-machine dumpdtb=$@ >/dev/null 2>&1

.PHONY: sandbox-all sandbox-unit
sandbox-all: $(LIBWEIR) $(UNIT_BINS) $(QEMU_DTB)

sandbox-unit: sandbox-all
	$(Q)fail=0; export WEIR_QEMU_DTB=$(abspath $(QEMU_DTB)); \
	for t in $(UNIT_BINS); do \
		echo "  UNIT    $$t"; \
		$$t || fail=1; \
	done; exit $$fail
