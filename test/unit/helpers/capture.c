// SPDX-License-Identifier: GPL-2.0-or-later
/* Capturing weir's console messages in host tests (capture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "capture.h"

static FILE *captured;
static int captured_saved = -1;

void capture_start(void)
{
	fflush(stdout);
	captured = tmpfile();
	assert_non_null(captured);
	captured_saved = dup(STDOUT_FILENO);
	assert_true(captured_saved >= 0);
	assert_true(dup2(fileno(captured), STDOUT_FILENO) >= 0);
}

unsigned int capture_count(const char *what)
{
	char line[512];
	unsigned int n = 0;

	fflush(stdout);
	assert_true(dup2(captured_saved, STDOUT_FILENO) >= 0);
	close(captured_saved);
	captured_saved = -1;
	rewind(captured);
	while (fgets(line, sizeof(line), captured))
		n += strstr(line, what) != NULL;
	fclose(captured);
	return n;
}
