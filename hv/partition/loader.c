// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest image loader: ELF32 (PowerPC, big-endian), legacy uImage, raw.
 * Every piece is bounds-checked against the image and the partition's
 * RAM before anything is copied.
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/loader.h>

#define ELF_MAGIC 0x7f454c46 /* "\177ELF" */
#define EM_PPC 20
#define ET_EXEC 2
#define PT_LOAD 1
#define UIMAGE_MAGIC 0x27051956
#define IH_TYPE_KERNEL 2
#define IH_COMP_NONE 0
#define UIMAGE_HDR 64

struct elf_seg {
	u64 off, filesz, memsz, paddr, vaddr;
};

static u32 be32_at(const u8 *b, u64 off)
{
	return ((u32)b[off] << 24) | ((u32)b[off + 1] << 16) |
	       ((u32)b[off + 2] << 8) | b[off + 3];
}

static u16 be16_at(const u8 *b, u64 off)
{
	return (u16)((b[off] << 8) | b[off + 1]);
}

static bool in_ram(const struct partition *p, u64 gpa, u64 size)
{
	return size == 0 || partition_gpa_ptr(p, gpa, size) != NULL;
}

/* An entry point: a word inside the partition's RAM (guest-physical). */
static bool entry_ok(const struct partition *p, u64 gpa)
{
	return IS_ALIGNED(gpa, 4) && in_ram(p, gpa, 4);
}

static int elf_seg(const u8 *b, u64 len, u32 phoff, u16 phentsize, u16 i,
		   struct elf_seg *s)
{
	u64 ph = (u64)phoff + (u64)i * phentsize;

	if (phentsize < 32 || ph + 32 > len)
		return -EINVAL;
	if (be32_at(b, ph) != PT_LOAD) {
		s->memsz = 0;
		return 0;
	}
	s->off = be32_at(b, ph + 4);
	s->vaddr = be32_at(b, ph + 8);
	s->paddr = be32_at(b, ph + 12);
	s->filesz = be32_at(b, ph + 16);
	s->memsz = be32_at(b, ph + 20);
	if (s->filesz > s->memsz || s->off + s->filesz > len)
		return -EINVAL;
	return 0;
}

static int load_elf(struct partition *p, const u8 *b, u64 len, u64 *entry,
		    const char **what)
{
	u32 phoff;
	u16 phentsize, phnum, i;
	struct elf_seg s;
	u64 start;
	int pass;

	if (len < 52 || b[4] != 1 || b[5] != 2) {
		*what = "not a 32-bit big-endian ELF";
		return -ENOEXEC;
	}
	if (be16_at(b, 16) != ET_EXEC || be16_at(b, 18) != EM_PPC) {
		*what = "ELF is not a PowerPC executable";
		return -ENOEXEC;
	}
	phoff = be32_at(b, 28);
	phentsize = be16_at(b, 42);
	phnum = be16_at(b, 44);
	if (!phnum) {
		*what = "ELF has no program headers";
		return -EINVAL;
	}
	/*
	 * Pass 0 validates everything, pass 1 copies. The guest starts with
	 * its MMU at the ePAPR initial mapping (virtual = guest-physical), so
	 * an entry point inside a segment's virtual range (vmlinux: 0xc0000000
	 * linked, loaded at physical 0) is translated to its physical address;
	 * any other entry is taken as it is. Either way it must be a word in
	 * the partition's RAM, the only memory the initial mapping covers.
	 */
	start = be32_at(b, 24);
	for (pass = 0; pass < 2; pass++) {
		if (pass && !entry_ok(p, start)) {
			*what = "ELF entry point outside the partition's memory";
			return -EINVAL;
		}
		for (i = 0; i < phnum; i++) {
			if (elf_seg(b, len, phoff, phentsize, i, &s)) {
				*what = "ELF program header outside the image";
				return -EINVAL;
			}
			if (!s.memsz)
				continue;
			if (!in_ram(p, s.paddr, s.memsz)) {
				*what = "ELF segment outside the partition's memory";
				return -EINVAL;
			}
			if (!pass && be32_at(b, 24) >= s.vaddr &&
			    be32_at(b, 24) - s.vaddr < s.memsz)
				start = be32_at(b, 24) - s.vaddr + s.paddr;
			if (pass) {
				u8 *dst =
					partition_gpa_ptr(p, s.paddr, s.memsz);

				memcpy(dst, b + s.off, s.filesz);
				memset(dst + s.filesz, 0, s.memsz - s.filesz);
			}
		}
	}
	*entry = start;
	return 0;
}

static int load_uimage(struct partition *p, const u8 *b, u64 len, u64 *entry,
		       const char **what)
{
	u32 size, load;

	if (len < UIMAGE_HDR) {
		*what = "uImage header truncated";
		return -EINVAL;
	}
	size = be32_at(b, 12);
	load = be32_at(b, 16);
	if (b[30] != IH_TYPE_KERNEL || b[31] != IH_COMP_NONE) {
		*what = "uImage is not an uncompressed kernel";
		return -ENOEXEC;
	}
	if (size > len - UIMAGE_HDR) {
		*what = "uImage data size exceeds the image";
		return -EINVAL;
	}
	if (!in_ram(p, load, size)) {
		*what = "uImage load address outside the partition's memory";
		return -EINVAL;
	}
	if (!entry_ok(p, be32_at(b, 20))) {
		*what = "uImage entry point outside the partition's memory";
		return -EINVAL;
	}
	memcpy(partition_gpa_ptr(p, load, size), b + UIMAGE_HDR, size);
	*entry = be32_at(b, 20);
	return 0;
}

int guest_image_load(struct partition *p, const void *img, u64 len, u64 raw_gpa,
		     bool raw_ok, u64 raw_entry, u64 *entry, const char **what)
{
	const u8 *b = img;

	*what = "";
	if (len >= 4 && be32_at(b, 0) == ELF_MAGIC)
		return load_elf(p, b, len, entry, what);
	if (len >= 4 && be32_at(b, 0) == UIMAGE_MAGIC)
		return load_uimage(p, b, len, entry, what);
	if (!raw_ok) {
		*what = "no ELF or uImage there (a raw binary needs guest-entry)";
		return -ENOENT;
	}
	if (!len || !in_ram(p, raw_gpa, len)) {
		*what = "raw image outside the partition's memory";
		return -EINVAL;
	}
	memcpy(partition_gpa_ptr(p, raw_gpa, len), b, len);
	*entry = raw_entry;
	return 0;
}
