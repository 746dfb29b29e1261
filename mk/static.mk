# Static analysis of the core with zero findings (doc/robustness.md):
#
#   make static   clang-format (format-check: .clang-format, the kernel's
#                 style); cppcheck on hv/, lib/, drivers/, arch/sandbox/ (every C
#                 file, target-only ones too); clang-tidy (checks in
#                 .clang-tidy) on the files of the sandbox build, i.e.
#                 the core as the host tests and fuzzers build it;
#                 the arch boundary (test/static/layers.py: no core
#                 header included from arch/, no <asm/...> from the core,
#                 no call across but through include/weir/arch.h, checked
#                 on the objects of the target build); the PAMU boundary
#                 (no pamu_* name or pamu.h include outside
#                 drivers/iommu/pamu/ and test/unit/test_pamu_*.c).
#
# Suppressions: test/static/cppcheck.supp and the disabled checks in
# .clang-tidy, each with its reason. Part of `make check`.

STATIC_DIRS      := hv lib drivers arch/sandbox
STATIC_TARGET_ONLY := lib/heap.c
STATIC_TIDY_SRCS := $(filter-out $(STATIC_TARGET_ONLY), \
		    $(wildcard $(addsuffix *.c,hv/ $(wildcard hv/*/) lib/ \
				drivers/iommu/ drivers/iommu/pamu/ \
				drivers/iommu/sandbox/ arch/sandbox/)))
STATIC_FLAGS     := -std=gnu11 -Iinclude -Iarch/sandbox/include \
		    -I$(SANDBOX_O)/include -I$(TOOLCHAIN)/libfdt/include \
		    -include weir/kconfig.h -DWEIR_VERSION=\"static\"

CHECK_EXTRA += static

# The C of weir itself in the style of .clang-format (the kernel's,
# applied once to every file): clang-format 14 must find nothing to change.
FORMAT_SRCS := $(shell git ls-files 'hv/*.[ch]' 'include/*.h' 'lib/*.c' \
		 'drivers/*.[ch]' 'arch/*.[ch]' 'board/*.c' 'tools/*.c' 2>/dev/null)

.PHONY: static cppcheck clang-tidy layers format format-check
static: format-check cppcheck clang-tidy layers

format-check:
	@echo "  FORMAT  $(words $(FORMAT_SRCS)) files (.clang-format)"
	$(Q)clang-format --dry-run --Werror $(FORMAT_SRCS)

# Reformat them (what format-check asks for).
format:
	$(Q)clang-format -i $(FORMAT_SRCS)

layers: all
	@echo "  LAYERS  arch/ <-> hv/ through include/weir/arch.h; the PAMU only behind iommu_ops"
	$(Q)$(PYTHON) test/static/layers.py --objs $(O) \
		--nm $(CROSS_COMPILE)nm $(if $(V),--report)

cppcheck: sandbox
	@echo "  CPPCHECK $(STATIC_DIRS)"
	$(Q)cppcheck -q --std=c11 --enable=warning,performance,portability \
		--error-exitcode=1 --inline-suppr \
		--suppressions-list=test/static/cppcheck.supp \
		-Iinclude -Iarch/sandbox/include -I$(SANDBOX_O)/include \
		-I$(TOOLCHAIN)/libfdt/include --include=include/weir/kconfig.h \
		-DCONFIG_SANDBOX=1 $(STATIC_DIRS)

clang-tidy: sandbox
	@echo "  TIDY    $(words $(STATIC_TIDY_SRCS)) files"
	$(Q)clang-tidy -quiet $(STATIC_TIDY_SRCS) -- $(STATIC_FLAGS) 2>&1 | \
		grep -v '^[0-9]* warnings\? generated\.$$' ; \
	test $${PIPESTATUS[0]} -eq 0
clang-tidy: SHELL := /bin/bash
