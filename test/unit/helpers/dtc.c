// SPDX-License-Identifier: GPL-2.0-or-later
/* DTS text -> DTB with dtc, through a temporary file under $TMPDIR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>
#include "dtc.h"

void dtc_compile(const char *dts, void *buf, size_t size)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir;
	char path[256], cmd[320];
	size_t n;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/weir-dts-XXXXXX", dir);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs(dts, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o - %s", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(buf, 1, size, f);
	assert_int_equal(pclose(f), 0);
	unlink(path);
	assert_true(n > 0 && n < size);
}
