# libFuzzer harnesses of the core (test/fuzz/, doc/robustness.md).
#
#   make fuzz [FUZZ_SECONDS=N]   run each fuzzer N seconds (default 60)
#   make fuzz-smoke              a fixed number of inputs from a fixed
#                                seed and an empty work corpus (~25 s
#                                each here); part of `make check`
#   make fuzz-selftest           every injected bug must be caught (a few
#                                seconds); part of `make check`
#   make fuzz-build              only build build/fuzz/test/fuzz/fuzz_*
#
# The core is rebuilt with clang in build/fuzz (sandbox config) with
# -fsanitize=fuzzer-no-link,address,undefined; each harness links it with
# libFuzzer. New corpus entries go to build/fuzz/corpus/<name>, crashes to
# build/fuzz/artifacts/; the committed seeds are test/fuzz/corpus/<name>.

FUZZ_O            := build/fuzz
comma             := ,
FUZZ_SECONDS      ?= 60
# The smoke starts the same way everywhere: seed, input count and a work
# corpus that starts empty (libFuzzer still varies a little between runs
# of one binary, so this narrows what CI explores, it does not replay it).
# FUZZ_SMOKE_SECONDS only caps a slow machine.
FUZZ_SMOKE_SECONDS ?= 60
FUZZ_SMOKE_SEED   ?= 1
FUZZ_SMOKE_RUNS_hcall  := 20000
FUZZ_SMOKE_RUNS_config := 1500000
FUZZ_NAMES        := hcall config
FUZZ_SAN          := -fsanitize=fuzzer-no-link,address,undefined \
		     -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_ARGS_hcall   := -max_len=2048
FUZZ_ARGS_config  := -max_len=16384
FUZZ_QEMU_DTB     := $(FUZZ_O)/qemu-ppce500.dtb
FUZZ_CFG_DTB      := $(FUZZ_O)/seeds/qemu-config.dtb

CHECK_EXTRA += fuzz-smoke fuzz-selftest

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-selftest fuzz-bins

# The sandbox config plus CONFIG_IOMMU_FAULT_INJECT (the self-test's bug
# inside the PAMU driver); kconfiglib rewrites .config only on a change.
fuzz-build: $(BOOTSTRAP_STAMP)
	$(Q)$(MAKE) --no-print-directory O=$(FUZZ_O) sandbox_fuzz_defconfig \
		| grep -v '^Loaded configuration\|^No change' || true
	$(Q)$(MAKE) --no-print-directory O=$(FUZZ_O) \
		DEFAULT_DEFCONFIG=sandbox_fuzz_defconfig CC=clang \
		SANITIZE="$(FUZZ_SAN)" fuzz-bins

# One fuzzer ($(1)) with limits $(3) (described by $(2)): the work
# corpus $(4) first (new entries land there), then the committed and
# generated seeds. The full log is build/fuzz/fuzz_<name>.log; the
# summary lines are shown.
define fuzz_run
	@echo "  FUZZ    $(1) ($(2))"
	@mkdir -p $(4) $(FUZZ_O)/artifacts
	@WEIR_QEMU_DTB=$(FUZZ_QEMU_DTB) WEIR_FUZZ_CONFIG=$(FUZZ_CFG_DTB) \
	$(FUZZ_O)/test/fuzz/fuzz_$(1) $(3) -timeout=10 \
		-print_final_stats=1 $(FUZZ_ARGS_$(1)) \
		-artifact_prefix=$(FUZZ_O)/artifacts/$(1)- \
		$(4) test/fuzz/corpus/$(1) \
		$$(test -d $(FUZZ_O)/seeds/$(1) && echo $(FUZZ_O)/seeds/$(1)) \
		> $(FUZZ_O)/fuzz_$(1).log 2>&1; rc=$$?; \
	grep -E '^(stat::(number_of_executed_units|average_exec_per_sec)|fuzz_|INVARIANT|==[0-9]+==ERROR|SUMMARY)' \
		$(FUZZ_O)/fuzz_$(1).log | sed 's/^/          /'; \
	test $$rc -eq 0 || { echo "  FUZZ    $(1) FAILED: see $(FUZZ_O)/fuzz_$(1).log"; exit 1; }

endef

fuzz: fuzz-build
	$(foreach n,$(FUZZ_NAMES),$(call fuzz_run,$(n),$(FUZZ_SECONDS) s,\
		-max_total_time=$(FUZZ_SECONDS),$(FUZZ_O)/corpus/$(n)))

fuzz-smoke: fuzz-build
	@rm -rf $(FUZZ_O)/smoke-corpus
	$(foreach n,$(FUZZ_NAMES),$(call fuzz_run,$(n),$(FUZZ_SMOKE_RUNS_$(n)) inputs$(comma) seed $(FUZZ_SMOKE_SEED),\
		-seed=$(FUZZ_SMOKE_SEED) -runs=$(FUZZ_SMOKE_RUNS_$(n)) \
		-max_total_time=$(FUZZ_SMOKE_SECONDS),$(FUZZ_O)/smoke-corpus/$(n)))

# The checks still bite: each bug world.c injects (FUZZ_SELFTEST) must be
# reported from the committed corpus by the incremental checks alone.
fuzz-selftest: fuzz-build
	@echo "  FUZZ    hcall self-test (injected bugs)"
	$(Q)sh test/fuzz/selftest.sh $(FUZZ_O)/test/fuzz/fuzz_hcall \
		test/fuzz/corpus/hcall $(FUZZ_O)/selftest

# ---- inside the sub-make (O=build/fuzz, CC=clang) ----
FUZZ_BIN_O := $(O)/test/fuzz
FUZZ_COMMON := $(FUZZ_BIN_O)/world.o $(FUZZ_BIN_O)/invariants.o

# The checkers and the world are the harness, not code under test: no
# coverage feedback (its comparison hooks cost more than the checks and
# would steer the fuzzer by the checkers' branches). ASan and UBSan stay.
$(FUZZ_COMMON): CFLAGS += -fno-sanitize=fuzzer-no-link
# The PAMU's audit, the driver's half of the checks, runs on every state
# change over every table byte: nor ASan either (its own accesses are
# those of the tables it was handed; UBSan stays).
$(FUZZ_O)/drivers/iommu/pamu/audit.o: CFLAGS += -fno-sanitize=fuzzer-no-link,address
-include $(wildcard $(FUZZ_BIN_O)/*.d)

$(FUZZ_BIN_O)/fuzz_hcall: $(FUZZ_BIN_O)/fuzz_hcall.o $(FUZZ_COMMON) $(O)/libweir.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBFDT_A) $(LDFLAGS)

$(FUZZ_BIN_O)/fuzz_config: $(FUZZ_BIN_O)/fuzz_config.o $(O)/libweir.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBFDT_A) $(LDFLAGS)

# Config seeds: every shipped board config and the committed DTS seeds,
# compiled by dtc, prefixed with the mode byte (0: config); QEMU's tree
# with mode byte 1 (hardware tree).
$(O)/seeds/qemu-config.dtb: board/qemu-ppce500/dts/config.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(O)/seeds/config/.stamp: $(wildcard board/*/dts/config.dts test/fuzz/seeds/config/*.dts) $(O)/qemu-ppce500.dtb
	@mkdir -p $(dir $@)
	$(Q)for f in $(filter %.dts,$^); do \
		n=$$(echo $$f | tr / _); \
		dtc -q -I dts -O dtb -o $(dir $@)$$n.tmp $$f || exit 1; \
		{ printf '\000'; cat $(dir $@)$$n.tmp; } > $(dir $@)$$n.in; \
		rm -f $(dir $@)$$n.tmp; \
	done
	$(Q)dtc -q -I dtb -O dtb -o $(dir $@)qemu-hw.tmp $(O)/qemu-ppce500.dtb
	$(Q){ printf '\001'; cat $(dir $@)qemu-hw.tmp; } > $(dir $@)qemu-hw.in
	$(Q)rm -f $(dir $@)qemu-hw.tmp
	$(Q)touch $@

fuzz-bins: $(FUZZ_BIN_O)/fuzz_hcall $(FUZZ_BIN_O)/fuzz_config \
	   $(O)/seeds/qemu-config.dtb $(O)/seeds/config/.stamp
