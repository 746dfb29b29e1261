# SPDX-License-Identifier: GPL-2.0-or-later
#
# Benchmarks (doc/performance.md). Not part of `make check` pass/fail;
# bench-smoke (in CHECK_EXTRA) runs every benchmark once so they keep
# working.
#
#   make bench         full run: table on stdout, $(O)/bench/results.json
#   make bench-smoke   every figure once, few calls, no targets checked
#
# The guest figures boot $(BENCH_O)/bench.itb (weir, test/bench/config.dts
# and the bench guest) through U-Boot under QEMU -icount shift=0.

BENCH_O    := $(O)/bench
BENCH_ITB  := $(BENCH_O)/bench.itb
BENCH_CFG  := $(BENCH_O)/config.dtb
BENCH_SMOKE_CFG := $(BENCH_O)/config-smoke.dtb
BENCH_SMOKE_ITB := $(BENCH_O)/bench-smoke.itb
BENCH_GUEST := $(O)/guests/bench.elf
BENCH_GUEST_ADDR := 0x4100000

$(BENCH_CFG): test/bench/config.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# The smoke config: the same partition told to run each figure once.
$(BENCH_SMOKE_CFG): $(BENCH_CFG)
	$(Q)cp $< $@
	$(Q)fdtput -t s $@ /partitions/bench bootargs "bench.reps=1 bench.div=100"

$(BENCH_O)/%.its: scripts/mkits $(O)/weir.bin $(BENCH_GUEST) $(KCONFIG_CONFIG)
	@mkdir -p $(dir $@)
	$(Q)scripts/mkits $(O)/weir.bin $(CONFIG_TEXT_BASE) \
		$(if $(filter bench-smoke,$*),$(BENCH_SMOKE_CFG),$(BENCH_CFG)) \
		$(CONFIG_WEIR_CONFIG_ADDR) "weir $(WEIR_VERSION) bench" \
		bench $(BENCH_GUEST) $(BENCH_GUEST_ADDR) > $@

$(BENCH_ITB): $(BENCH_O)/bench.its $(BENCH_CFG)
	@echo "  MKIMAGE $@"
	$(Q)mkimage -f $< $@ >/dev/null

$(BENCH_SMOKE_ITB): $(BENCH_O)/bench-smoke.its $(BENCH_SMOKE_CFG)
	@echo "  MKIMAGE $@"
	$(Q)mkimage -f $< $@ >/dev/null

BENCH_PY := $(PYTHON) test/bench/bench.py --build-dir $(O)

.PHONY: bench bench-smoke bench-guest
bench: all $(BENCH_ITB)
	$(Q)$(BENCH_PY)

bench-smoke: all $(BENCH_SMOKE_ITB)
	$(Q)$(BENCH_PY) --smoke

CHECK_EXTRA += bench-smoke

# ---------------------------------------------------------------- host
# test/bench/bench_host.c against a non-sanitized -O2 sandbox build of
# the core (O=build/bench-host, SANITIZE=), run under callgrind.
BENCH_HOST_O := build/bench-host
BENCH_HOST   := $(BENCH_HOST_O)/test/bench/bench_host

.PHONY: bench-host
bench-host: $(BOOTSTRAP_STAMP)
	$(Q)$(MAKE) --no-print-directory O=$(BENCH_HOST_O) \
		DEFAULT_DEFCONFIG=sandbox_defconfig SANITIZE= $(BENCH_HOST)

bench bench-smoke: bench-host

ifeq ($(ARCH),sandbox)
$(O)/test/bench/bench_host: test/bench/bench_host.c $(LIBWEIR) $(UNIT_HELP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(CC) $(CPPFLAGS) -I$(srctree)/test/unit $(CFLAGS) -MF $@.d -o $@ $< \
		$(UNIT_HELP) $(LIBWEIR) $(LIBFDT_A) -lcmocka -Wl,--wrap=hv_zalloc $(LDFLAGS)
-include $(O)/test/bench/bench_host.d
endif

# ---------------------------------------------------------------- pseries
# The same hcall script on QEMU pseries: a raw 64-bit image linked at 0
# (qemu-system-ppc64 -M pseries -bios): test/bench/pseries/main.c on the
# oracle runner's entry code and link script (test/oracle/pseries/).
BENCH64_O   := $(BENCH_O)/pseries
BENCH64_BIN := $(BENCH_O)/pseries.bin
BENCH64_CC  := powerpc-linux-gnu-gcc -m64 -mcpu=power8 -mno-altivec -mno-vsx \
	-msoft-float -ffreestanding -fno-builtin -fno-stack-protector -nostdinc \
	-fno-pic -O2 -Wall -Wextra -Werror -Wno-unused-parameter -mregnames
BENCH64_OBJS := $(BENCH64_O)/start.o $(BENCH64_O)/main.o

$(BENCH64_O)/%.o: test/oracle/pseries/%.S
	@mkdir -p $(dir $@)
	@echo "  AS64    $<"
	$(Q)$(BENCH64_CC) -c -o $@ $<

$(BENCH64_O)/%.o: test/bench/pseries/%.c
	@mkdir -p $(dir $@)
	@echo "  CC64    $<"
	$(Q)$(BENCH64_CC) -c -o $@ $<

$(BENCH64_BIN): $(BENCH64_OBJS) test/oracle/pseries/link.ld
	@echo "  LD64    $@"
	$(Q)powerpc64-linux-gnu-ld -m elf64ppc -T test/oracle/pseries/link.ld \
		-o $(@:.bin=.elf) $(BENCH64_OBJS)
	$(Q)powerpc64-linux-gnu-objcopy -O binary $(@:.bin=.elf) $@

bench bench-smoke: $(BENCH64_BIN)
