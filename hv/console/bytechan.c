// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ePAPR byte channels (ePAPR 1.1 §6.2). What the guest driver expects,
 * from Linux drivers/tty/ehv_bytechan.c (6.1):
 *  - the rx interrupt means "data waiting": the ISR polls the count and
 *    receives until it has read that much, then EOIs; data still queued
 *    when the rx irq is unmasked must interrupt at once (unthrottle);
 *  - the tx interrupt is only wanted after a send returned EV_EAGAIN, and
 *    weir's sends never do, so it is claimed but never raised.
 * Input arrives on core 0 (the UART poll) while the owner's vCPUs read on
 * their own cores: the queue is guarded by the channel's lock, and the
 * lock order is channel -> vpic.
 */
#include <errno.h>
#include <string.h>
#include <weir/bytechan.h>
#include <weir/console_mux.h>
#include <weir/partition.h>
#include <weir/unit.h>
#include <weir/vpic.h>

_Static_assert((BYTECHAN_RX_SIZE & (BYTECHAN_RX_SIZE - 1)) == 0,
	       "rx queue size must be a power of two");

static unsigned int rx_count_locked(const struct bytechan *bc)
{
	return bc->rx_head - bc->rx_tail;
}

/* EOI hook of the rx source: level-style, re-raise while data waits. */
static void rx_eoi(void *arg, u32 irq)
{
	struct bytechan *bc = arg;

	spin_lock(&bc->lock);
	if (rx_count_locked(bc) && bc->owner->pic)
		vpic_raise(bc->owner->pic, irq);
	spin_unlock(&bc->lock);
}

int bytechan_init(struct bytechan *bc, struct partition *owner, u32 handle,
		  u32 rx_irq, u32 tx_irq)
{
	struct vpic *pic;
	int err;

	if (!bc || !owner || rx_irq == tx_irq)
		return -EINVAL;
	memset(bc, 0, sizeof(*bc));
	bc->lock = (spinlock_t)SPINLOCK_INIT;
	bc->handle = handle;
	bc->rx_irq = rx_irq;
	bc->tx_irq = tx_irq;
	bc->owner = owner;
	pic = owner->pic;
	if (!pic)
		return 0;
	err = vpic_claim(pic, rx_irq, rx_eoi, bc);
	if (err)
		return err;
	err = vpic_claim(pic, tx_irq, NULL, NULL);
	if (err)
		vpic_release(pic, rx_irq);
	return err;
}

void bytechan_reset(struct bytechan *bc)
{
	spin_lock(&bc->lock);
	bc->rx_tail = bc->rx_head;
	bc->rx_dropped = 0;
	spin_unlock(&bc->lock);
	console_mux_discard(bc);
}

struct bytechan *bytechan_lookup(struct partition *p, u32 handle)
{
	struct bytechan *bc = p ? p->console : NULL;

	if (bc && bc->handle == handle && bc->owner == p)
		return bc;
	return NULL;
}

int bytechan_send(struct bytechan *bc, const u8 *buf, unsigned int len)
{
	int err = console_mux_write(bc, buf, len);

	return err ? err : (int)len;
}

int bytechan_receive(struct bytechan *bc, u8 *buf, unsigned int max)
{
	unsigned int n, i;

	spin_lock(&bc->lock);
	n = rx_count_locked(bc);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		buf[i] = bc->rx_buf[(bc->rx_tail + i) & (BYTECHAN_RX_SIZE - 1)];
	bc->rx_tail += n;
	/* Drained: a raise not yet acknowledged has nothing left to say. */
	if (!rx_count_locked(bc) && bc->owner->pic)
		vpic_lower(bc->owner->pic, bc->rx_irq);
	spin_unlock(&bc->lock);
	return (int)n;
}

unsigned int bytechan_rx_count(struct bytechan *bc)
{
	unsigned int n;

	spin_lock(&bc->lock);
	n = rx_count_locked(bc);
	spin_unlock(&bc->lock);
	return n;
}

int bytechan_push_input(struct bytechan *bc, u8 c)
{
	int err = 0;

	spin_lock(&bc->lock);
	if (rx_count_locked(bc) >= BYTECHAN_RX_SIZE) {
		bc->rx_dropped++;
		err = -EAGAIN;
	} else {
		bc->rx_buf[bc->rx_head & (BYTECHAN_RX_SIZE - 1)] = c;
		bc->rx_head++;
		if (bc->owner->pic)
			vpic_raise(bc->owner->pic, bc->rx_irq);
	}
	spin_unlock(&bc->lock);
	return err;
}

/* -------------------------------- the partition's console, as a unit */

/* The console's handle in the guest tree (each partition has its own). */
#define CONSOLE_HANDLE 0

static struct bytechan consoles[PARTITION_MAX];

/* The console byte channel, on the partition's vPIC, on the console mux. */
static int console_unit_init(struct partition *p)
{
	struct bytechan *bc = &consoles[p->id - 1];
	int ret;

	p->console = bc;
	ret = bytechan_init(bc, p, CONSOLE_HANDLE, VPIC_IRQ_CONSOLE_RX,
			    VPIC_IRQ_CONSOLE_TX);
	return ret ? ret : console_mux_register(bc);
}

static void console_unit_start(struct partition *p)
{
	bytechan_reset(p->console);
}

DEFINE_UNIT(console, {
			     .name = "console byte channel",
			     .order = UNIT_ORDER_CONSOLE,
			     .init = console_unit_init,
			     .start = console_unit_start,
		     });
