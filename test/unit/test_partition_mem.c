// SPDX-License-Identifier: GPL-2.0-or-later
/* Guest-physical range checks of a partition's RAM. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <weir/partition.h>

static struct partition part = {
	.id = 1, .ram_phys = 0x10000000, .ram_size = 0x100000,
};

static void test_inside(void **state)
{
	phys_addr_t phys = 0;

	assert_int_equal(partition_gpa_to_phys(&part, 0, 0x100000, &phys), 0);
	assert_int_equal(phys, 0x10000000);
	assert_int_equal(partition_gpa_to_phys(&part, 0xff000, 0x1000, &phys), 0);
	assert_int_equal(phys, 0x100ff000);
}

static void test_outside(void **state)
{
	phys_addr_t phys = 0x1234;

	assert_int_equal(partition_gpa_to_phys(&part, 0x100000, 1, &phys), -EFAULT);
	assert_int_equal(partition_gpa_to_phys(&part, 0xff000, 0x1001, &phys), -EFAULT);
	assert_int_equal(partition_gpa_to_phys(&part, 0, 0, &phys), -EFAULT);
	/* gpa + len wraps around 2^64: must not pass as "inside" */
	assert_int_equal(partition_gpa_to_phys(&part, 0x1000, UINT64_MAX, &phys), -EFAULT);
	assert_int_equal(phys, 0x1234);
	assert_null(partition_gpa_ptr(&part, 0, 16)); /* no host mapping */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside),
		cmocka_unit_test(test_outside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
