// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest image loading into partition RAM: ELF, uImage, raw; every bad
 * header is refused before a byte of guest RAM changes.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <weir/loader.h>

#define RAM_SIZE 0x100000

static struct partition part;
static u8 ram[RAM_SIZE], before[RAM_SIZE];
static u8 img[4096];

static void put32(u8 *b, u32 v)
{
	b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v;
}

static void put16(u8 *b, u16 v)
{
	b[0] = v >> 8; b[1] = (u8)v;
}

/* ELF32 BE PowerPC executable, one PT_LOAD of @filesz/@memsz at @paddr. */
static size_t make_elf(u32 paddr, u32 filesz, u32 memsz, u32 entry)
{
	u8 *ph = img + 52;

	memset(img, 0, sizeof(img));
	put32(img, 0x7f454c46);
	img[4] = 1; img[5] = 2; img[6] = 1;
	put16(img + 16, 2);		/* ET_EXEC */
	put16(img + 18, 20);		/* EM_PPC */
	put32(img + 24, entry);
	put32(img + 28, 52);		/* e_phoff */
	put16(img + 42, 32);		/* e_phentsize */
	put16(img + 44, 1);		/* e_phnum */
	put32(ph, 1);			/* PT_LOAD */
	put32(ph + 4, 0x100);		/* p_offset */
	put32(ph + 12, paddr);
	put32(ph + 16, filesz);
	put32(ph + 20, memsz);
	memset(img + 0x100, 0xa5, filesz);
	return 0x100 + filesz;
}

static size_t make_uimage(u32 load, u32 entry, u32 size, u8 type, u8 comp)
{
	memset(img, 0, sizeof(img));
	put32(img, 0x27051956);
	put32(img + 12, size);
	put32(img + 16, load);
	put32(img + 20, entry);
	img[30] = type;
	img[31] = comp;
	memset(img + 64, 0x3c, size);
	return 64 + size;
}

static int setup(void **state)
{
	part = (struct partition){ .id = 1, .ram_phys = 0x10000000,
				   .ram_size = RAM_SIZE, .ram_host = ram };
	memset(ram, 0x11, sizeof(ram));
	memcpy(before, ram, sizeof(ram));
	return 0;
}

static void test_elf_loads_and_zeroes_bss(void **state)
{
	const char *what;
	u64 entry = 0;
	size_t len = make_elf(0x2000, 0x100, 0x300, 0x2010);

	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what), 0);
	assert_int_equal(entry, 0x2010);
	assert_int_equal(ram[0x2000], 0xa5);
	assert_int_equal(ram[0x20ff], 0xa5);
	assert_int_equal(ram[0x2100], 0);	/* BSS zeroed */
	assert_int_equal(ram[0x22ff], 0);
	assert_int_equal(ram[0x2300], 0x11);	/* nothing past memsz */
	assert_int_equal(ram[0x1fff], 0x11);
}

/* vmlinux style: linked at 0xc0000000 (p_vaddr), loaded at p_paddr: the
 * entry point is translated to where the segment is loaded. */
static void test_elf_virtual_entry(void **state)
{
	const char *what;
	u64 entry = 0;
	size_t len = make_elf(0x4000, 0x100, 0x300, 0xc0000010);

	put32(img + 52 + 8, 0xc0000000);	/* p_vaddr */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what), 0);
	assert_int_equal(entry, 0x4010);
	assert_int_equal(ram[0x4000], 0xa5);
	/* an entry outside every segment's virtual range stays as it is */
	len = make_elf(0x4000, 0x100, 0x300, 0x8000);
	put32(img + 52 + 8, 0xc0000000);
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what), 0);
	assert_int_equal(entry, 0x8000);
}

/* The guest starts in its initial mapping of RAM: an entry anywhere else
 * would fault at its first instruction. Refused before anything is
 * copied. */
static void test_entry_outside_ram(void **state)
{
	const char *what;
	u64 entry = 0x77;
	size_t len = make_elf(0x4000, 0x100, 0x300, 0xc0000400);

	put32(img + 52 + 8, 0xc0000000);	/* beyond the segment */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -EINVAL);
	assert_non_null(strstr(what, "entry point"));
	len = make_elf(0x4000, 0x100, 0x300, 0x4002);	/* not a word */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -EINVAL);
	len = make_uimage(0x4000, RAM_SIZE, 0x80, 2, 0);
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -EINVAL);
	assert_non_null(strstr(what, "entry point"));
	assert_int_equal(entry, 0x77);
	assert_memory_equal(ram, before, sizeof(ram));
}

static void test_elf_outside_ram_changes_nothing(void **state)
{
	const char *what;
	u64 entry = 0x77;
	size_t len = make_elf(RAM_SIZE - 0x100, 0x100, 0x200, 0);

	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -EINVAL);
	assert_non_null(strstr(what, "outside the partition"));
	assert_int_equal(entry, 0x77);
	assert_memory_equal(ram, before, sizeof(ram));
}

static void test_elf_segment_beyond_image(void **state)
{
	const char *what;
	u64 entry;
	size_t len = make_elf(0x2000, 0x100, 0x100, 0);

	/* the file is cut short: the segment's bytes are not all there */
	assert_int_equal(guest_image_load(&part, img, len - 1, 0, false, 0, &entry, &what),
			 -EINVAL);
	assert_memory_equal(ram, before, sizeof(ram));
}

static void test_elf_other_machine(void **state)
{
	const char *what;
	u64 entry;
	size_t len = make_elf(0x2000, 0x10, 0x10, 0);

	put16(img + 18, 62);		/* EM_X86_64 */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -ENOEXEC);
	assert_memory_equal(ram, before, sizeof(ram));
}

static void test_uimage(void **state)
{
	const char *what;
	u64 entry = 0;
	size_t len = make_uimage(0x4000, 0x4008, 0x80, 2, 0);

	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what), 0);
	assert_int_equal(entry, 0x4008);
	assert_int_equal(ram[0x4000], 0x3c);
	assert_int_equal(ram[0x407f], 0x3c);
	assert_int_equal(ram[0x4080], 0x11);
}

static void test_uimage_refusals(void **state)
{
	const char *what;
	u64 entry;
	size_t len;

	len = make_uimage(0x4000, 0x4000, 0x80, 2, 1);	/* gzip */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -ENOEXEC);
	len = make_uimage(0x4000, 0x4000, 0x80, 5, 0);	/* ramdisk */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -ENOEXEC);
	len = make_uimage(0x4000, 0x4000, 0x80, 2, 0);	/* size beyond image */
	assert_int_equal(guest_image_load(&part, img, len - 1, 0, false, 0, &entry, &what),
			 -EINVAL);
	len = make_uimage(RAM_SIZE - 0x40, 0, 0x80, 2, 0);	/* beyond RAM */
	assert_int_equal(guest_image_load(&part, img, len, 0, false, 0, &entry, &what),
			 -EINVAL);
	assert_memory_equal(ram, before, sizeof(ram));
}

static void test_raw_needs_entry(void **state)
{
	const char *what;
	u64 entry = 0;

	memset(img, 0x42, 64);
	assert_int_equal(guest_image_load(&part, img, 64, 0x8000, false, 0, &entry, &what),
			 -ENOENT);
	assert_non_null(strstr(what, "guest-entry"));
	assert_memory_equal(ram, before, sizeof(ram));
	assert_int_equal(guest_image_load(&part, img, 64, 0x8000, true, 0x8004, &entry,
					  &what), 0);
	assert_int_equal(entry, 0x8004);
	assert_int_equal(ram[0x8000], 0x42);
	assert_int_equal(ram[0x8040], 0x11);
	/* a raw image that would run past the end of RAM */
	assert_int_equal(guest_image_load(&part, img, 64, RAM_SIZE - 32, true, 0, &entry,
					  &what), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_elf_loads_and_zeroes_bss, setup),
		cmocka_unit_test_setup(test_elf_virtual_entry, setup),
		cmocka_unit_test_setup(test_entry_outside_ram, setup),
		cmocka_unit_test_setup(test_elf_outside_ram_changes_nothing, setup),
		cmocka_unit_test_setup(test_elf_segment_beyond_image, setup),
		cmocka_unit_test_setup(test_elf_other_machine, setup),
		cmocka_unit_test_setup(test_uimage, setup),
		cmocka_unit_test_setup(test_uimage_refusals, setup),
		cmocka_unit_test_setup(test_raw_needs_entry, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
