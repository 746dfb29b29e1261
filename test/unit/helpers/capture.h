/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * weir's console messages in host tests: printf goes to stdout there, so
 * a test captures stdout and counts the lines it wants.
 */
#ifndef TEST_HELPERS_CAPTURE_H
#define TEST_HELPERS_CAPTURE_H

/* Capture stdout from now on (into a temporary file). */
void capture_start(void);

/* Stop capturing; the number of captured lines containing @what. */
unsigned int capture_count(const char *what);

#endif
