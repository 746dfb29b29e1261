// SPDX-License-Identifier: GPL-2.0-or-later
/* Loading QEMU's dumped ppce500 tree for tests (make unit sets the path). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <weir/fdt_util.h>
#include "qemu_dtb.h"

void load_qemu_hwtree(void *buf, size_t size, struct hw_info *hw)
{
	const char *path = getenv("WEIR_QEMU_DTB");
	static char raw[0x100000 + 0x1000];	/* QEMU pads its tree to 1 MiB */
	struct dt_error err;
	FILE *f;

	assert_non_null(path);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_true(fread(raw, 1, sizeof(raw), f) > 0);
	fclose(f);
	assert_int_equal(fdt_copy_compact(buf, size, raw), 0);
	assert_int_equal(hw_parse(buf, hw, &err), 0);
}
