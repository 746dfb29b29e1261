/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small hypervisor world for host tests of the hcall layer, byte
 * channels, the virtual PIC and the console mux: three partitions made
 * by hv/partition/partition.c (partitions_create(), so each has the vpic,
 * console byte channel and error queue of its units), with vCPUs; a fake
 * console device capturing the UART output; and the record of the arch
 * fakes vcpu_kick() and arch_system_reset() (fake_vcpu_arch.c).
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

/*
 * partition.c and the units keep one array each, indexed by guest-id - 1:
 * part[id - 1] is partition_by_id(id), pic[id - 1] its p->pic,
 * con[id - 1] its p->console (fake_world_new() checks it).
 */
struct fake_world {
	struct partition *part;		/* guest-ids 1..3 */
	struct vpic *pic;
	struct bytechan *con;
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

/**
 * test_partitions_create() - @n partitions (1..PARTITION_MAX) made by
 * hv/partition/partition.c's partitions_create(): guest-ids 1..@n named
 * @names[id - 1], a manager when bit id - 1 of @managers is set, the boot
 * vCPU on core 2 * (id - 1), every unit's init (vpic, console byte
 * channel registered with the console mux, error queue); state
 * PART_RUNNING, no RAM (set ram_phys/ram_size/ram_host after). Aborts on
 * failure. Return: partition 1; partition id is the (id - 1)th after it.
 */
struct partition *test_partitions_create(unsigned int n,
					 const char *const *names,
					 u32 managers);

/* What the arch fakes vcpu_kick() and arch_system_reset() record. */
struct fake_hv_record {
	unsigned int reset_calls;
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
