# SPDX-License-Identifier: GPL-2.0-or-later
#
# Bare-metal Linux 6.1 on QEMU ppce500: the independent check of the QEMU
# PAMU model (issue 17, doc/pamu-linux.md):
#
#   make pamu-linux   build the kernel of configs/linux/pamu-bare.config
#                     with test/linux/pamu-init.c as /init (scripts/build-linux
#                     --fragment; cached in $(WEIR_CACHE)/linux apart from
#                     weir's guest kernel) into build/pamu-linux/
#   make pamu-check   build it (and the patched QEMU when this tree has
#                     scripts/build-qemu), then run test/py/test_pamu_linux.py
#                     with the pamu=on tests required
#
# `make run` and `make pytest` do not build this kernel (test_pamu_linux.py
# skips in `make pytest` when it is absent); `make check` runs pamu-check
# (issue 17: the check is part of the suite), unless PAMU_LINUX_IN_CHECK=0
# or WEIR_NO_QEMU_PAMU=1.

PAMU_LINUX_O      := $(O)/pamu-linux
PAMU_LINUX_INIT   := $(PAMU_LINUX_O)/init
PAMU_LINUX_KERNEL := $(PAMU_LINUX_O)/vmlinux
PAMU_LINUX_FRAG   := configs/linux/pamu-bare.config
PAMU_LINUX_IN_CHECK ?= $(if $(filter 1,$(WEIR_NO_QEMU_PAMU)),0,1)

# The init: static, glibc (libc6-dev-powerpc-cross), stripped.
$(PAMU_LINUX_INIT): test/linux/pamu-init.c | $(BOOTSTRAP_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CROSS_COMPILE)gcc -static -O2 -Wall -Wextra -Werror -s -o $@ $<

# scripts/build-linux decides what to rebuild (its cache is keyed by the
# fragment's settings and name), so it runs every time.
.PHONY: pamu-linux pamu-linux-force pamu-check
$(PAMU_LINUX_KERNEL): $(PAMU_LINUX_INIT) pamu-linux-force
	$(Q)scripts/build-linux --fragment $(PAMU_LINUX_FRAG) $(PAMU_LINUX_INIT) $(PAMU_LINUX_O)

pamu-linux: $(PAMU_LINUX_KERNEL)

# The patched QEMU comes from scripts/build-qemu (--print-path names it)
# when the tree has that script, else from $WEIR_QEMU_PAMU_BIN; the test
# reads either. WEIR_PAMU_REQUIRED=1: a missing one fails instead of
# skipping.
pamu-check: $(PAMU_LINUX_KERNEL)
	$(Q)if [ -x scripts/build-qemu ] && [ -z "$$WEIR_QEMU_PAMU_BIN" ]; then \
		scripts/build-qemu $(O)/qemu || exit 1; \
	fi
	$(Q)WEIR_PAMU_REQUIRED=1 $(PYTHON) -m pytest -p no:cacheprovider -v \
		test/py/test_pamu_linux.py --build-dir=$(O) $(PYTEST_ARGS)

ifeq ($(PAMU_LINUX_IN_CHECK),1)
CHECK_EXTRA += pamu-check
endif
