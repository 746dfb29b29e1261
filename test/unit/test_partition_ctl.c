// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stop and restart requests (hv/partition/ctl.c): the last request wins,
 * none is lost while the partition's vCPU applies an earlier one, the
 * status a manager reads shows a pending request, and only the vCPU
 * writes the state. The vCPU's side is played here step by step, as
 * hv/partition/partition.c partition_vcpu_sync() does it.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <weir/partition.h>

static struct partition part;

static int setup(void **state)
{
	memset(&part, 0, sizeof(part));
	part.id = 1;
	part.state = PART_RUNNING;
	return 0;
}

/*
 * The reviewed bug: a manager's stop arriving while the partition's vCPU
 * reloads it for a restart was acknowledged (EV_SUCCESS) and then lost,
 * because the restart set RUNNING over STOPPING. Now the stop stays
 * pending and the vCPU's next sync applies it.
 */
static void test_stop_during_restart_kept(void **state)
{
	assert_int_equal(partition_request(&part, PREQ_RESTART), 0);
	assert_int_equal(partition_status(&part), PART_STARTING);
	/* the vCPU takes the restart and starts reloading */
	assert_int_equal(partition_take_request(&part), PREQ_RESTART);
	part.state = PART_STARTING;
	/* the manager stops it meanwhile: acknowledged, shown */
	assert_int_equal(partition_request(&part, PREQ_STOP), 0);
	assert_int_equal(partition_status(&part), PART_STOPPING);
	/* the reload ends */
	part.state = PART_RUNNING;
	assert_int_equal(partition_status(&part), PART_STOPPING);
	/* next sync: the stop */
	assert_int_equal(partition_take_request(&part), PREQ_STOP);
	part.state = PART_STOPPED;
	assert_int_equal(partition_status(&part), PART_STOPPED);
	assert_int_equal(partition_take_request(&part), PREQ_NONE);
}

static void test_last_request_wins(void **state)
{
	assert_int_equal(partition_request(&part, PREQ_STOP), 0);
	assert_int_equal(partition_request(&part, PREQ_RESTART), 0);
	assert_int_equal(partition_take_request(&part), PREQ_RESTART);
	assert_int_equal(partition_request(&part, PREQ_RESTART), 0);
	assert_int_equal(partition_request(&part, PREQ_STOP), 0);
	assert_int_equal(partition_take_request(&part), PREQ_STOP);
	assert_int_equal(partition_take_request(&part), PREQ_NONE);
	/* a request never writes the state */
	assert_int_equal(part.state, PART_RUNNING);
}

static void test_stop_when_stopped(void **state)
{
	part.state = PART_STOPPED;
	assert_int_equal(partition_request(&part, PREQ_STOP), -EALREADY);
	assert_int_equal(partition_status(&part), PART_STOPPED);
	assert_int_equal(partition_take_request(&part), PREQ_NONE);
	/* a restart pending on a stopped partition: a stop replaces it */
	assert_int_equal(partition_request(&part, PREQ_RESTART), 0);
	assert_int_equal(partition_request(&part, PREQ_STOP), 0);
	assert_int_equal(partition_take_request(&part), PREQ_STOP);
	/* a restart of a stopped partition is taken */
	assert_int_equal(partition_request(&part, PREQ_RESTART), 0);
	assert_int_equal(partition_take_request(&part), PREQ_RESTART);
}

static void test_bad_request(void **state)
{
	assert_int_equal(partition_request(&part, PREQ_NONE), -EINVAL);
	assert_int_equal(partition_request(&part, (enum partition_req)7), -EINVAL);
	assert_int_equal(partition_take_request(&part), PREQ_NONE);
	assert_int_equal(partition_status(&part), PART_RUNNING);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_stop_during_restart_kept, setup),
		cmocka_unit_test_setup(test_last_request_wins, setup),
		cmocka_unit_test_setup(test_stop_when_stopped, setup),
		cmocka_unit_test_setup(test_bad_request, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
