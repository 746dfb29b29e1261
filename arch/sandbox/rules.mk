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
# Only the tests need it: the host tools (weir-plan) build without QEMU.
$(QEMU_DTB):
	@echo "  DUMPDTB $@"
	$(Q)$(QEMU_PPCE500) -smp 2 -m 1G -nographic -bios $(UBOOT) \
		-machine dumpdtb=$@ >/dev/null

.PHONY: sandbox-all sandbox-unit
sandbox-all: $(LIBWEIR) $(UNIT_BINS)

sandbox-unit: sandbox-all $(QEMU_DTB)
	$(Q)fail=0; export WEIR_QEMU_DTB=$(abspath $(QEMU_DTB)); \
	for t in $(UNIT_BINS); do \
		echo "  UNIT    $$t"; \
		$$t || fail=1; \
	done; exit $$fail
