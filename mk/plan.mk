# SPDX-License-Identifier: GPL-2.0-or-later
#
# tools/weir-plan: the config checker and PAMU planner, built for the host
# from libweir.a (the sandbox build), and its check on real board trees:
#
#   make weir-plan     build build/sandbox/tools/weir-plan/weir-plan
#   make plan-check    run it on p4080ds and t4240qds (Linux 6.1 trees,
#                      compiled here) with tools/weir-plan/examples/*.dts
#
# The board trees have no fsl,liodn, RAM size or timebase: U-Boot adds
# them at boot. RAM and timebase are added with fdtput below. On p4080ds
# so are the LIODNs U-Boot's fdt_fixup_liodn() writes from liodn_tbl[] of
# arch/powerpc/cpu/mpc85xx/p4080_ids.c (USB, eSDHC, PCIe, DMA), so that a
# config LIODN is checked against the hardware's; the example configs
# repeat them. Left out: the SEC job rings, to which U-Boot gives all
# four the same LIODNs 146 154 (tools/weir-plan/test_boards.py assigns
# them, as one group). On t4240qds the LIODNs come from the example
# config only.

ifeq ($(ARCH),sandbox)
WEIR_PLAN_BIN := $(O)/tools/weir-plan/weir-plan
$(WEIR_PLAN_BIN): tools/weir-plan/weir-plan.c $(LIBWEIR)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MF $@.d -o $@ $< $(LIBWEIR) \
		$(LIBFDT_A) $(LDFLAGS)
-include $(WEIR_PLAN_BIN).d
sandbox-all: $(WEIR_PLAN_BIN)
endif

PLAN_O      := build/plan
PLAN_TOOL   := $(SANDBOX_O)/tools/weir-plan/weir-plan
PLAN_LINUX  := /usr/src/linux-source-6.1.tar.xz
PLAN_DTSDIR := $(PLAN_O)/linux-source-6.1/arch/powerpc/boot/dts/fsl
PLAN_BOARDS := p4080ds t4240qds
PLAN_CONFIGS := $(patsubst tools/weir-plan/examples/%.dts,$(PLAN_O)/config/%.dtb,\
		$(wildcard tools/weir-plan/examples/*.dts))
# Timebase U-Boot reports: platform clock / 16 (P4080DS 600 MHz, T4240QDS
# 733.33 MHz); only its presence matters to the plan.
PLAN_TB_p4080ds  := 37500000
PLAN_TB_t4240qds := 45833333
# node:LIODN pairs U-Boot writes (p4080_ids.c liodn_tbl[])
PLAN_LIODNS_p4080ds := \
	/soc@ffe000000/usb@210000:127 /soc@ffe000000/usb@211000:157 \
	/soc@ffe000000/sdhc@114000:156 /pcie@ffe200000:193 \
	/pcie@ffe201000:194 /pcie@ffe202000:195 \
	/soc@ffe000000/dma@100300:196 /soc@ffe000000/dma@101300:197

# The board trees and the dt-bindings headers some of them #include.
PLAN_DTINC  := $(PLAN_O)/linux-source-6.1/include
$(PLAN_O)/.dts-stamp-2: $(PLAN_LINUX)
	@mkdir -p $(PLAN_O)
	@echo "  TAR     $(PLAN_DTSDIR)"
	$(Q)tar -C $(PLAN_O) -xJf $< --wildcards 'linux-source-6.1/arch/powerpc/boot/dts/fsl/*' \
		'linux-source-6.1/include/dt-bindings/*'
	$(Q)touch $@

# Preprocess (the .dts files use /include/ and may use #include), compile
# with room to spare, then add what U-Boot adds: 2 GiB of RAM at 0, the
# timebase, the LIODNs.
$(PLAN_O)/board/%.dtb: $(PLAN_O)/.dts-stamp-2 mk/plan.mk
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)cpp -nostdinc -I$(PLAN_DTSDIR) -I$(PLAN_DTINC) -undef -x assembler-with-cpp \
		$(PLAN_DTSDIR)/$*.dts -o $(PLAN_O)/board/$*.pp.dts
	$(Q)dtc -q -p 4096 -i $(PLAN_DTSDIR) -I dts -O dtb -o $@ $(PLAN_O)/board/$*.pp.dts
	$(Q)fdtput -t x $@ /memory reg 0 0 0 80000000
	$(Q)fdtput -t u $@ /cpus timebase-frequency $(PLAN_TB_$*)
	$(Q)$(foreach l,$(PLAN_LIODNS_$*),\
		fdtput -t u $@ $(firstword $(subst :, ,$(l))) fsl,liodn \
			$(lastword $(subst :, ,$(l))) &&) true

$(PLAN_O)/config/%.dtb: tools/weir-plan/examples/%.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

.PHONY: weir-plan plan-check
weir-plan: sandbox

plan-check: weir-plan $(PLAN_BOARDS:%=$(PLAN_O)/board/%.dtb) $(PLAN_CONFIGS)
	$(Q)WEIR_PLAN=$(PLAN_TOOL) WEIR_PLAN_O=$(PLAN_O) \
		$(PYTHON) -m pytest -p no:cacheprovider -q tools/weir-plan/test_weir_plan.py \
		tools/weir-plan/test_boards.py

CHECK_EXTRA += plan-check
