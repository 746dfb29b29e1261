// SPDX-License-Identifier: GPL-2.0-or-later
/* The fake hypervisor world and UART of fake_hv.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <weir/console.h>
#include <weir/console_mux.h>
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
	for (i = 0; i < FW_NPARTS; i++) {
		struct partition *p = &w->part[i];

		p->id = i + 1;
		snprintf(p->name, sizeof(p->name), "%s", names[i]);
		p->manager = i == 0;
		p->state = PART_RUNNING;
		p->nvcpus = i < 2 ? FW_NVCPUS : 1;
		for (n = 0; n < p->nvcpus; n++) {
			struct vcpu *v = calloc(1, sizeof(*v));

			if (!v)
				abort();
			v->part = p;
			v->id = n;
			v->cpu = i * FW_NVCPUS + n;
			p->vcpu[n] = v;
		}
		if (vpic_init(&w->pic[i], p) ||
		    bytechan_init(&w->con[i], p, FW_HANDLE(p->id),
				  VPIC_IRQ_CONSOLE_RX, VPIC_IRQ_CONSOLE_TX))
			abort();
		p->console = &w->con[i];
		if (console_mux_register(&w->con[i]))
			abort();
		fake_hv.by_id[i] = p;
	}
	return w;
}

void fake_world_free(struct fake_world *w)
{
	unsigned int i, n;

	console_mux_reset();
	for (i = 0; i < FW_NPARTS; i++)
		for (n = 0; n < w->part[i].nvcpus; n++)
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
