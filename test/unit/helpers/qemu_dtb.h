/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QEMU's real ppce500 device tree for host tests (env WEIR_QEMU_DTB). */
#ifndef TEST_QEMU_DTB_H
#define TEST_QEMU_DTB_H

#include <weir/hwtree.h>

/*
 * Read the tree named by WEIR_QEMU_DTB, compact it into @buf (@size
 * bytes) and parse it into @hw; fails the calling cmocka test otherwise.
 */
void load_qemu_hwtree(void *buf, size_t size, struct hw_info *hw);

#endif
