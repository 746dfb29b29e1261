# SPDX-License-Identifier: GPL-2.0-or-later
#
# The PAPR oracle (doc/oracle.md): the same TCE/DDW scenarios run on
# QEMU's pseries (a bare-metal ppc64 runner), in a weir partition on
# ppce500 (test/guests/oracle.c) and on the host against libweir.a; a
# comparer classifies every line.
#
#   make oracle                 all three columns, the report, fails on
#                               an unexpected difference
#   make oracle-host oracle-qemu oracle-weir   one column each
#   ORACLE_SEEDS="1 2 3"        seeds of the generated random scenarios
#
# Included by the top Makefile in the board build and in the sandbox
# sub-make; generated files go to build/oracle in both.

ORACLE_SRC   := test/oracle
ORACLE_O     := build/oracle
ORACLE_SEEDS ?= 1 2 3
ORACLE_RANDOM_OPS ?= 600
ORACLE_PY    := $(ORACLE_SRC)/scn.py $(ORACLE_SRC)/compile.py
ORACLE_SCNS  := $(sort $(wildcard $(ORACLE_SRC)/scenarios/*.scn)) \
		$(foreach s,$(ORACLE_SEEDS),$(ORACLE_O)/random-$(s).scn)
ORACLE_C     := $(ORACLE_O)/scenarios.c
ORACLE_RUNNER := $(ORACLE_SRC)/runner/runner.c $(ORACLE_SRC)/runner/runner.h

# Random scenarios: generated from their seed (part of the file name).
$(ORACLE_O)/random-%.scn: $(ORACLE_SRC)/gen_random.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)python3 $< --seed $* --ops $(ORACLE_RANDOM_OPS) -o $@

# The scenario list itself is a prerequisite (as Kbuild's .cmd files make
# a command line one): a file rewritten only when ORACLE_SCNS changes, so
# another list (ORACLE_SEEDS, a scenario added or removed) recompiles the
# tables the runners and the comparer share.
ORACLE_LIST  := $(ORACLE_O)/scenarios.list
.PHONY: oracle-list-force
$(ORACLE_LIST): oracle-list-force
	@mkdir -p $(dir $@)
	$(Q)echo '$(ORACLE_SCNS)' | cmp -s - $@ || echo '$(ORACLE_SCNS)' > $@

$(ORACLE_C): $(ORACLE_SCNS) $(ORACLE_PY) $(ORACLE_LIST)
	@mkdir -p $(dir $@)
	@echo "  SCN     $@"
	$(Q)python3 $(ORACLE_SRC)/compile.py $@ $(ORACLE_SCNS)

.SECONDARY: $(ORACLE_C) $(foreach s,$(ORACLE_SEEDS),$(ORACLE_O)/random-$(s).scn)

# ---------------------------------------------------------------- pseries
# A raw image linked at 0 for `qemu-system-ppc64 -M pseries -bios`
# (Debian's gcc-powerpc64-linux-gnu; ELFv1, big-endian).
ORACLE_CC64  := powerpc64-linux-gnu-gcc
ORACLE_LD64  := powerpc64-linux-gnu-ld
ORACLE_CFLAGS64 := -m64 -mbig-endian -mabi=elfv1 -mcpu=power8 -O2 \
	-ffreestanding -fno-builtin -nostdlib -fno-pic -mcmodel=medium \
	-fno-stack-protector -fno-asynchronous-unwind-tables -msoft-float \
	-mno-altivec -mno-vsx -Wall -Wextra -Werror -I$(ORACLE_SRC)/runner
ORACLE_P_OBJS := $(addprefix $(ORACLE_O)/pseries/,start.o main.o runner.o scenarios.o)

$(ORACLE_O)/pseries/start.o: $(ORACLE_SRC)/pseries/start.S
	@mkdir -p $(dir $@)
	$(Q)$(ORACLE_CC64) $(ORACLE_CFLAGS64) -Wa,-mregnames -c -o $@ $<
$(ORACLE_O)/pseries/main.o: $(ORACLE_SRC)/pseries/main.c $(ORACLE_RUNNER)
	@mkdir -p $(dir $@)
	@echo "  CC64    $<"
	$(Q)$(ORACLE_CC64) $(ORACLE_CFLAGS64) -c -o $@ $<
$(ORACLE_O)/pseries/runner.o: $(ORACLE_RUNNER)
	@mkdir -p $(dir $@)
	@echo "  CC64    $<"
	$(Q)$(ORACLE_CC64) $(ORACLE_CFLAGS64) -c -o $@ $<
$(ORACLE_O)/pseries/scenarios.o: $(ORACLE_C) $(ORACLE_RUNNER)
	@mkdir -p $(dir $@)
	$(Q)$(ORACLE_CC64) $(ORACLE_CFLAGS64) -c -o $@ $<

$(ORACLE_O)/pseries.bin: $(ORACLE_P_OBJS) $(ORACLE_SRC)/pseries/link.ld
	@echo "  LD64    $@"
	$(Q)$(ORACLE_LD64) -nostdlib -static --no-warn-rwx-segments \
		-T $(ORACLE_SRC)/pseries/link.ld -o $(@:.bin=.elf) $(ORACLE_P_OBJS)
	$(Q)powerpc64-linux-gnu-objcopy -O binary $(@:.bin=.elf) $@

# QEMU's pseries defaults are what the runner needs: one PHB
# (pci@800000020000000) with the 1 GiB default window at bus 0 and DDW on
# (spapr-pci-host-bridge ddw=true, pgsz 4K|64K|2M|16M); no PCI device is
# needed (QEMU's DDW calls look up the PHB by BUID only). -m 256M matches
# the weir partition's RAM, so "ramend" means the same on both sides.
ORACLE_QEMU64 := $(QEMU_PSERIES) -m 256M -nographic -no-reboot \
	-global spapr-pci-host-bridge.ddw=on

.PHONY: oracle-qemu
oracle-qemu: $(ORACLE_O)/pseries.bin
	@echo "  QEMU64  $< -> $(ORACLE_O)/qemu.out"
	$(Q)timeout 60 $(ORACLE_QEMU64) -bios $< < /dev/null > $(ORACLE_O)/qemu.out 2> $(ORACLE_O)/qemu.err \
		|| { cat $(ORACLE_O)/qemu.err; exit 1; }

# ---------------------------------------------------------------- host
# Built by the sandbox sub-make (host compiler, sanitizers, libweir.a and
# the unit-test fakes).
ifeq ($(ARCH),sandbox)
ORACLE_HOST := $(O)/oracle/host-runner
$(ORACLE_HOST): $(ORACLE_SRC)/host/host_runner.c $(ORACLE_RUNNER) $(ORACLE_C) \
		$(LIBWEIR) $(UNIT_HELP)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(CC) $(CPPFLAGS) -I$(srctree)/test/unit -I$(ORACLE_SRC)/runner \
		$(CFLAGS) -MF $@.d -o $@ $< $(ORACLE_SRC)/runner/runner.c \
		$(ORACLE_C) $(UNIT_HELP) $(LIBWEIR) $(LIBFDT_A) -lcmocka $(LDFLAGS)
.PHONY: sandbox-oracle
sandbox-oracle: $(ORACLE_HOST)
endif

.PHONY: oracle-host
oracle-host: $(BOOTSTRAP_STAMP) $(ORACLE_C)
	$(Q)$(MAKE) --no-print-directory O=$(SANDBOX_O) \
		DEFAULT_DEFCONFIG=sandbox_defconfig sandbox-oracle
	@echo "  HOST    $(SANDBOX_O)/oracle/host-runner -> $(ORACLE_O)/host.out"
	$(Q)$(SANDBOX_O)/oracle/host-runner > $(ORACLE_O)/host.out

# ---------------------------------------------------------------- weir
# test/guests/oracle.c embeds the same tables.
ifneq ($(GUEST_O),)
$(GUEST_O)/obj/oracle.c.o: $(ORACLE_C) $(ORACLE_RUNNER)
$(GUEST_O)/obj/oracle.c.o: GUEST_CPPFLAGS += -I$(ORACLE_SRC)/runner -I$(ORACLE_O)
endif

.PHONY: oracle-weir
oracle-weir: all
	@echo "  QEMU    weir + guests/oracle.elf -> $(ORACLE_O)/weir.out"
	$(Q)$(PYTHON) $(ORACLE_SRC)/run_weir.py --build-dir $(O) \
		--config $(ORACLE_SRC)/config.dts -o $(ORACLE_O)/weir.out

# ---------------------------------------------------------------- report
.PHONY: oracle oracle-selftest
oracle-selftest:
	$(Q)$(PYTHON) -m pytest -q -p no:cacheprovider $(ORACLE_SRC)/test_compare.py

oracle: $(BOOTSTRAP_STAMP)
	$(Q)$(MAKE) --no-print-directory oracle-selftest
	$(Q)$(MAKE) --no-print-directory oracle-qemu
	$(Q)$(MAKE) --no-print-directory oracle-host
	$(Q)$(MAKE) --no-print-directory oracle-weir
	$(Q)$(PYTHON) $(ORACLE_SRC)/compare.py --report $(ORACLE_O)/report.txt \
		--qemu $(ORACLE_O)/qemu.out --weir $(ORACLE_O)/weir.out \
		--host $(ORACLE_O)/host.out $(ORACLE_SCNS)

CHECK_EXTRA += oracle
