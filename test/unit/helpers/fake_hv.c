// SPDX-License-Identifier: GPL-2.0-or-later
/* The fake hypervisor world and UART of fake_hv.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/partition_boot.h>
#include "fake_hv.h"

struct fake_hv_record fake_hv;

void fake_hv_clear(void)
{
	memset(&fake_hv, 0, sizeof(fake_hv));
}

unsigned int fake_kicks(const struct vcpu *v)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		if (fake_hv.kick[i].v == v)
			return fake_hv.kick[i].n;
	return 0;
}

/* ---------------------------------------------------------------- UART */
#define FAKE_CONSOLE_SIZE	65536

static char con_buf[FAKE_CONSOLE_SIZE];
static size_t con_len;
static unsigned int con_unlocked;

static void fake_putc(void *dev, char c)
{
	if (!console_is_locked())
		con_unlocked++;
	if (con_len < FAKE_CONSOLE_SIZE - 1)
		con_buf[con_len++] = c;
	con_buf[con_len] = '\0';
}

static int fake_getc(void *dev)
{
	return -1;
}

static const struct console_ops fake_console_ops = {
	.putc = fake_putc,
	.getc = fake_getc,
};

void fake_console_clear(void)
{
	con_len = 0;
	con_buf[0] = '\0';
	con_unlocked = 0;
}

void fake_console_install(void)
{
	console_register(&fake_console_ops, NULL);
	fake_console_clear();
}

const char *fake_console_text(void)
{
	return con_buf;
}

unsigned int fake_console_unlocked_bytes(void)
{
	return con_unlocked;
}

/* --------------------------------------------------------------- world */
struct partition *test_partitions_create(unsigned int n,
					 const char *const *names,
					 u32 managers)
{
	static struct plan plan;
	struct dt_error err;
	unsigned int i;

	memset(&plan, 0, sizeof(plan));
	plan.nparts = n;
	for (i = 0; i < n; i++) {
		snprintf(plan.part[i].name, sizeof(plan.part[i].name), "%s",
			 names[i]);
		plan.part[i].manager = managers & (1u << i);
		plan.part[i].cpu_mask = 1u << (2 * i);
	}
	if (partitions_create(&plan, NULL, NULL, NULL, ~0ULL, &err))
		abort();
	for (i = 1; i <= n; i++)
		partition_by_id(i)->state = PART_RUNNING;
	return partition_by_id(1);
}

static const char *const names[FW_NPARTS] = { "alpha", "beta", "gamma" };

struct fake_world *fake_world_new(void)
{
	struct fake_world *w = calloc(1, sizeof(*w));
	unsigned int i, n;

	if (!w)
		abort();
	fake_hv_clear();
	console_mux_reset();
	fake_console_install();
	w->part = test_partitions_create(FW_NPARTS, names, 1u);
	w->pic = w->part[0].pic;
	w->con = w->part[0].console;
	for (i = 0; i < FW_NPARTS; i++) {
		struct partition *p = &w->part[i];

		if (p != partition_by_id(i + 1) || p->pic != &w->pic[i] ||
		    p->console != &w->con[i])
			abort();
		/* the handles of FW_HANDLE(): distinct per partition */
		p->console->handle = FW_HANDLE(p->id);
		p->nvcpus = i < 2 ? FW_NVCPUS : 1;
		for (n = 1; n < p->nvcpus; n++) {
			struct vcpu *v = calloc(1, sizeof(*v));

			if (!v)
				abort();
			v->part = p;
			v->id = n;
			v->cpu = i * FW_NVCPUS + n;
			p->vcpu[n] = v;
		}
	}
	return w;
}

void fake_world_free(struct fake_world *w)
{
	unsigned int i, n;

	console_mux_reset();
	for (i = 0; i < FW_NPARTS; i++)
		for (n = 1; n < w->part[i].nvcpus; n++)	/* vCPU 0 is partition.c's */
			free(w->part[i].vcpu[n]);
	free(w);
}

int fake_world_setup(void **state)
{
	*state = fake_world_new();
	return 0;
}

int fake_world_teardown(void **state)
{
	fake_world_free(*state);
	return 0;
}
