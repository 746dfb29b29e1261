# Sandbox outputs: libweir.a (the core) and one cmocka program per
# test/unit/test_*.c, each linked against libweir.a.
LIBWEIR := $(O)/libweir.a
$(LIBWEIR): $(OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

UNIT_SRCS  := $(wildcard test/unit/test_*.c)
UNIT_BINS  := $(patsubst %.c,$(O)/%,$(UNIT_SRCS))
UNIT_HELP  := $(patsubst %.c,$(O)/%.o,$(wildcard test/unit/helpers/*.c))
-include $(UNIT_BINS:=.d)

$(O)/test/unit/%: test/unit/%.c $(LIBWEIR) $(UNIT_HELP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(CC) $(CPPFLAGS) -I$(srctree)/test/unit $(CFLAGS) -MF $@.d -o $@ $< \
		$(UNIT_HELP) $(LIBWEIR) $(LIBFDT_A) -lcmocka $(LDFLAGS)

$(O)/test/unit/helpers/%.o: CPPFLAGS += -I$(srctree)/test/unit

.PHONY: sandbox-all sandbox-unit
sandbox-all: $(LIBWEIR) $(UNIT_BINS)

sandbox-unit: sandbox-all
	$(Q)fail=0; for t in $(UNIT_BINS); do \
		echo "  UNIT    $$t"; \
		$$t || fail=1; \
	done; exit $$fail
