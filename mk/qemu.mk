# SPDX-License-Identifier: GPL-2.0-or-later
#
# QEMU with weir's PAMU model (doc/qemu-pamu.md, qemu/patches/):
#
#   make qemu-pamu    build Debian's QEMU source + qemu/patches (cached once
#                     per machine in $(WEIR_CACHE)/qemu, default
#                     ~/.cache/weir/qemu); $(QEMU_PAMU) links to it
#   make run-pamu     boot weir on -M ppce500,pamu=on (interactive), with
#                     the PAMU's trace events on stderr
#   make check-pamu   the QEMU tests (test/py) on the patched QEMU with
#                     pamu=on (WEIR_QEMU, WEIR_QEMU_PAMU=1)
#
# `make run` never needs this QEMU: it uses the installed one. `make
# pytest` (so `make check`) builds it, or takes it from the cache, for
# test/py/test_pamu.py, and `make check` also runs check-pamu (every
# QEMU test again with pamu=on, ~3 min); WEIR_NO_QEMU_PAMU=1 skips both
# (test_pamu.py then skips with a message).

QEMU_PAMU := $(O)/qemu/qemu-system-ppc
QEMU_PAMU_PPCE500 := $(QEMU_PAMU) -M ppce500,pamu=on -nic none -cpu e500mc
QEMU_PAMU_TRACE ?= -trace 'fsl_pamu_*'

.PHONY: qemu-pamu run-pamu check-pamu qemu-pamu-force
# scripts/build-qemu decides whether anything is rebuilt (cache keyed by
# the source version and the patches' hash), so it runs every time.
$(QEMU_PAMU): qemu-pamu-force
	$(Q)scripts/build-qemu $(O)/qemu

qemu-pamu: $(QEMU_PAMU)

run-pamu: all $(QEMU_PAMU)
	@echo "  QEMU    $(O)/weir.itb on ppce500,pamu=on (quit: Ctrl-A x)"
	$(Q)$(QEMU_PAMU_PPCE500) $(QEMU_ARGS) $(QEMU_PAMU_TRACE)

check-pamu: all $(QEMU_PAMU) $(if $(filter 1,$(WEIR_NO_LINUX)),,$(LINUX_ITB))
	$(Q)WEIR_QEMU=$(abspath $(QEMU_PAMU)) WEIR_QEMU_PAMU=1 \
		$(PYTHON) -m pytest -p no:cacheprovider -v test/py \
		--build-dir=$(O) $(PYTEST_ARGS)

ifneq ($(WEIR_NO_QEMU_PAMU),1)
pytest: $(QEMU_PAMU)
CHECK_EXTRA += check-pamu
endif
