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
 * fdt_bus_addr_phys() - the real address of @addr, an address in the
 * child address space of @bus (what its children's "reg", or the parent
 * side of a child bus's "ranges", hold), translated in place through the
 * "ranges" of @bus and every ancestor (as fdt_reg_phys()).
 * Return: 0; -EINVAL or -ERANGE as fdt_reg_phys().
 */
int fdt_bus_addr_phys(const void *fdt, int bus, u64 *addr);

/**
 * fdt_under_pci() - is @node below a PCI bus node (an ancestor with
 * device_type "pci", IEEE 1275 PCI binding)? Its "reg" then holds PCI
 * addresses, not CPU ones.
 */
bool fdt_under_pci(const void *fdt, int node);

/**
 * fdt_is_pci_host() - is @node a PCI host controller: device_type "pci"
 * and no PCI bus above it (a PCI-to-PCI bridge below a host is not)?
 */
bool fdt_is_pci_host(const void *fdt, int node);

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
 * fdt_check_tree() - check the whole structure of an untrusted tree
 * @fdt: flattened tree (a config, or what the boot loader handed over)
 *
 * libfdt's read functions trust the structure block once the header is
 * sane: a property whose length wraps the offset makes them loop for
 * ever, and fdt_open_into() of an unbalanced block moves a negative
 * size (both found by fuzzing, doc/robustness.md). This walks every tag
 * once, as dtc's fdt_check_full() does (absent from the libfdt copy in
 * Linux 6.1): each tag moves strictly forward and stays inside the
 * structure block, every property lies in a node and names a
 * NUL-terminated string inside the strings block, nodes nest (at most
 * FDT_CHECK_MAX_DEPTH deep) under exactly one root, and FDT_END closes it.
 * Follows the Devicetree Specification v0.4 §5.4 (structure block).
 * Version 17 or later (what dtc, U-Boot and QEMU write): earlier ones
 * have no structure block size to bound the walk.
 * The reservation map must end (all-zero entry) inside the tree and no
 * two blocks may overlap.
 * The tree and its blocks must be aligned (8 bytes for the tree and the
 * reservation map, 4 for the structure block; spec §5.1).
 * Return: 0; a negative libfdt error (-FDT_ERR_BADVERSION before
 * version 17, -FDT_ERR_BADLAYOUT for overlapping blocks or
 * -FDT_ERR_TRUNCATED for a reservation map without end,
 * -FDT_ERR_ALIGNMENT for a block
 * out of alignment, -FDT_ERR_BADSTRUCTURE for a bad
 * tag sequence, -FDT_ERR_TRUNCATED for a tag or property running past
 * the block, -FDT_ERR_BADOFFSET for a bad property name offset, or what
 * fdt_check_header() returns for a bad header).
 */
int fdt_check_tree(const void *fdt);

#define FDT_CHECK_MAX_DEPTH 64

/**
 * fdt_copy_compact() - copy a tree into a smaller buffer
 * @dst: destination, @dstsize bytes, 8-byte aligned; the copy is
 *       checked with fdt_check_tree()
 * @src: a tree whose "totalsize" may be far larger than its contents
 *       (QEMU and U-Boot pad trees to 1 MiB), of version 17 or later,
 *       8-byte aligned
 *
 * Copies only the used blocks (header, reservation map, structure,
 * strings) and sets totalsize to @dstsize so the copy can grow.
 * Return: 0, -FDT_ERR_NOSPACE when the contents do not fit,
 * -FDT_ERR_ALIGNMENT for @src or @dst out of alignment,
 * -FDT_ERR_BADVERSION before version 17, -FDT_ERR_BADLAYOUT for blocks
 * outside totalsize, or the libfdt error fdt_check_tree() gives for a
 * malformed @src.
 */
int fdt_copy_compact(void *dst, int dstsize, const void *src);

#endif
