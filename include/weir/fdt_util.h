/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Device-tree helpers on top of libfdt: address translation, paths. */
#ifndef WEIR_FDT_UTIL_H
#define WEIR_FDT_UTIL_H

#include <weir/types.h>

/**
 * fdt_read_cells() - read a big-endian number of @cells 32-bit cells
 * @cells: 1 or 2 (larger values are not numbers weir handles)
 * Return: the value (a 1-cell value is zero-extended).
 */
u64 fdt_read_cells(const u32 *p, int cells);

/**
 * fdt_reg_phys() - the real address of entry @index of a node's "reg"
 * @fdt: flattened tree
 * @node: node offset
 * @index: entry of "reg", 0-based
 * @addr, @size: results in bytes (either may be NULL)
 *
 * Walks "ranges" of every ancestor up to the root (an empty "ranges" is
 * identity; a missing one means the bus is not memory-mapped).
 * Return: 0; -ENOENT when "reg" is missing or has no entry @index;
 * -EINVAL when #address-cells/#size-cells are not 1 or 2, or "reg" /
 * "ranges" have a length that is not a multiple of the entry size;
 * -ERANGE when an ancestor does not map the address.
 */
int fdt_reg_phys(const void *fdt, int node, int index, phys_addr_t *addr,
		 u64 *size);

/**
 * fdt_path_of() - the full path of @node into @buf (or "<node N>")
 * Return: @buf, always NUL-terminated.
 */
const char *fdt_path_of(const void *fdt, int node, char *buf, int len);

/**
 * fdt_resolve_path() - node offset of a path or alias, ignoring a
 * ":options" suffix (as in /chosen/stdout-path = "serial0:115200n8").
 * Return: node offset, or a negative libfdt error.
 */
int fdt_resolve_path(const void *fdt, const char *path);

/**
 * fdt_copy_compact() - copy a tree into a smaller buffer
 * @dst: destination, @dstsize bytes
 * @src: a valid tree whose "totalsize" may be far larger than its
 *       contents (QEMU and U-Boot pad trees to 1 MiB)
 *
 * Copies only the used blocks (header, reservation map, structure,
 * strings) and sets totalsize to @dstsize so the copy can grow.
 * Return: 0, -FDT_ERR_NOSPACE when the contents do not fit, or another
 * libfdt error for a malformed @src.
 */
int fdt_copy_compact(void *dst, int dstsize, const void *src);

#endif
