/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device trees for host tests, compiled from DTS text by the real dtc. */
#ifndef TEST_DTC_H
#define TEST_DTC_H

#include <stddef.h>

/*
 * Compile @dts (a whole source, "/dts-v1/;" included) with dtc into @buf
 * (@size bytes, at least the blob); fails the calling cmocka test when
 * dtc refuses the source or the blob does not fit.
 */
void dtc_compile(const char *dts, void *buf, size_t size);

#endif
