/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest images into partition RAM (hv/partition/loader.c). */
#ifndef WEIR_LOADER_H
#define WEIR_LOADER_H

#include <weir/partition.h>

/**
 * guest_image_load() - copy a guest image into @p's RAM
 * @img: the image as the boot loader left it, @len bytes
 * @raw_gpa: where a raw binary goes (guest-physical)
 * @raw_ok: whether a raw binary is acceptable (the config gave its
 *   entry point); otherwise no recognised header means no image
 * @raw_entry: its entry point (guest effective = physical in the IMA)
 * @entry: result, the entry point
 * @what: on error, a short reason for the console
 *
 * Recognises a 32-bit big-endian PowerPC ELF executable (PT_LOAD segments
 * at their p_paddr, BSS zeroed; ELF spec, "System V ABI PowerPC
 * supplement"), a legacy U-Boot uImage of type kernel, uncompressed
 * (include/image.h in U-Boot: 64-byte big-endian header, magic
 * 0x27051956), else a raw binary.
 * Return: 0; -ENOENT when there is no recognised image and @raw_ok is
 * false (nothing was loaded there); -EINVAL for a malformed header, a
 * segment that is not entirely inside the image or inside guest RAM, or
 * an entry point that is not a word of guest RAM (after translating an
 * ELF entry inside a segment's virtual range); -ENOEXEC for a
 * compressed or non-kernel uImage or an ELF of another machine. Nothing
 * is checked after a partial copy: every segment is validated before the
 * first byte is written.
 */
int guest_image_load(struct partition *p, const void *img, u64 len, u64 raw_gpa,
		     bool raw_ok, u64 raw_entry, u64 *entry, const char **what);

#endif
