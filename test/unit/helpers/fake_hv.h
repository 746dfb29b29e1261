/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small hypervisor world for host tests of the hcall layer, byte
 * channels, the virtual PIC and the console mux: three partitions with
 * vCPUs, a vpic and a console byte channel each, registered with the
 * console mux; a fake console device capturing the UART output; and the
 * state behind the fakes in fake_partition.c (partition_by_id(),
 * partition_stop(), partition_restart(), system_reset(), vcpu_kick()).
 */
#ifndef TEST_FAKE_HV_H
#define TEST_FAKE_HV_H

#include <weir/bytechan.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>

#define FW_NPARTS	3
#define FW_NVCPUS	2		/* vCPUs of partitions 1 and 2; 3 has 1 */
/* Console byte channel handles: distinct per partition. */
#define FW_HANDLE(id)	(0x10u * (id))

struct fake_world {
	struct partition part[FW_NPARTS];	/* guest-ids 1..3 */
	struct vpic pic[FW_NPARTS];
	struct bytechan con[FW_NPARTS];
};

/*
 * Partition 1 "alpha" (manager, 2 vCPUs), 2 "beta" (2 vCPUs), 3 "gamma"
 * (1 vCPU); all running, vCPU ids 0.., consoles FW_HANDLE(id) on
 * VPIC_IRQ_CONSOLE_RX/TX, registered with the console mux in id order.
 * Installs the fake console and clears every fake's record.
 */
struct fake_world *fake_world_new(void);
void fake_world_free(struct fake_world *w);
/* cmocka setup/teardown: *state = the world. */
int fake_world_setup(void **state);
int fake_world_teardown(void **state);

static inline struct partition *fw_part(struct fake_world *w, unsigned int id)
{
	return &w->part[id - 1];
}

static inline struct vcpu *fw_vcpu(struct fake_world *w, unsigned int id,
				   unsigned int n)
{
	return w->part[id - 1].vcpu[n];
}

/* What the fakes in fake_partition.c record. */
struct fake_hv_record {
	struct partition *by_id[PARTITION_MAX];	/* partition_by_id(id) */
	unsigned int stop_calls, restart_calls, reset_calls;
	struct partition *last_stop, *last_restart;
	int restart_ret;		/* partition_restart() returns this */
	u32 restart_marker;		/* written to r3 of the restarted vCPUs */
	struct {
		struct vcpu *v;
		unsigned int n;
	} kick[16];
	unsigned int kicks;		/* all vcpu_kick() calls */
};

extern struct fake_hv_record fake_hv;

void fake_hv_clear(void);
/* vcpu_kick() calls for @v. */
unsigned int fake_kicks(const struct vcpu *v);

/*
 * The fake UART: console_register()ed by fake_world_new(). Captures every
 * byte, and counts bytes written without the console lock held.
 */
void fake_console_install(void);
void fake_console_clear(void);
const char *fake_console_text(void);	/* NUL-terminated capture */
unsigned int fake_console_unlocked_bytes(void);

#endif
