/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ePAPR byte channels (ePAPR 1.1 §6.2; Linux drivers/tty/ehv_bytechan.c):
 * a partition's console is one byte channel, multiplexed onto the UART by
 * the console mux with a "[name] " prefix per line.
 *
 * Input (UART -> guest) is queued in rx_buf by core 0 and read by the
 * owner's vCPUs on their cores, under @lock. Output goes to the console
 * mux, which assembles lines into the channel's own tx ring under the
 * channel's @tx_lock and puts them on the UART from the owner's core only
 * when the console lock is free: a partition never waits for another's
 * output (hv/console/mux.c).
 */
#ifndef WEIR_BYTECHAN_H
#define WEIR_BYTECHAN_H

#include <weir/spinlock.h>
#include <weir/types.h>

struct partition;

#define BYTECHAN_RX_SIZE 256  /* input queue, bytes (power of 2) */
#define BYTECHAN_LINE_MAX 120 /* console mux line buffer, bytes */
#define BYTECHAN_TX_SIZE 1024 /* output ring, bytes (power of 2) */

struct bytechan {
	u32 handle;	    /* hv-handle in the guest tree */
	u32 rx_irq, tx_irq; /* virtual interrupts (epapr,hv-pic) */
	struct partition *owner;
	/* implementation state: hv/console/bytechan.c */
	spinlock_t lock; /* rx_buf, rx_head, rx_tail, rx_dropped */
	u8 rx_buf[BYTECHAN_RX_SIZE];
	unsigned int rx_head, rx_tail; /* free-running; count = head - tail */
	unsigned int rx_dropped;       /* input bytes lost to a full queue */
	/* console mux output state: hv/console/mux.c, under @tx_lock */
	spinlock_t tx_lock;
	char line[BYTECHAN_LINE_MAX]; /* the line being assembled */
	unsigned int line_len;
	char tx[BYTECHAN_TX_SIZE]; /* finished output, not yet on the UART */
	unsigned int tx_head, tx_tail; /* free-running; count = head - tail */
	bool tx_waiting;	       /* a send got EV_EAGAIN: raise tx_irq */
};

/**
 * bytechan_init() - set up a byte channel owned by @owner
 * @bc: channel (all state cleared)
 * @owner: owning partition
 * @handle: the guest's hv-handle for it
 * @rx_irq: receive ("data waiting") source in @owner's vpic
 * @tx_irq: transmit ("space available") source, raised when the output
 *          ring has drained after a send was refused with -EAGAIN
 *          (ehv_bytechan then sends the rest)
 *
 * When @owner->pic is set, both sources are claimed there (rx with an EOI
 * hook that re-raises while data is waiting); with no pic the channel
 * works without interrupts.
 *
 * Return: 0; -EINVAL for a NULL @bc/@owner, rx_irq == tx_irq, or a source
 * outside the vpic's range; -EBUSY when a source is already claimed.
 * On error nothing is claimed.
 */
int bytechan_init(struct bytechan *bc, struct partition *owner, u32 handle,
		  u32 rx_irq, u32 tx_irq);

/**
 * bytechan_reset() - drop queued input and any unfinished output line
 * (partition restart); the vpic sources are reset by vpic_reset().
 */
void bytechan_reset(struct bytechan *bc);

/**
 * bytechan_lookup() - the channel @handle of partition @p
 *
 * Only @p's own channels are found (today: its console).
 * Return: the channel, or NULL.
 */
struct bytechan *bytechan_lookup(struct partition *p, u32 handle);

/**
 * bytechan_send() - guest output: @len bytes of @buf to the console mux
 *
 * Never waits for another partition (console_mux_write()).
 * Return: @len (all sent), or -EAGAIN when the channel's output ring has
 * no room for them yet (none sent; tx_irq is raised once it drains).
 */
int bytechan_send(struct bytechan *bc, const u8 *buf, unsigned int len);

/**
 * bytechan_receive() - take up to @max queued input bytes into @buf
 *
 * When the queue becomes empty a still-pending rx interrupt is withdrawn.
 * Return: the number of bytes copied (0..@max).
 */
int bytechan_receive(struct bytechan *bc, u8 *buf, unsigned int max);

/* Input bytes waiting (0..BYTECHAN_RX_SIZE). */
unsigned int bytechan_rx_count(struct bytechan *bc);

/**
 * bytechan_push_input() - queue one input byte (console, core 0)
 *
 * Raises rx_irq in the owner's vpic. Return: 0, or -EAGAIN when the
 * queue is full (the byte is dropped and counted in rx_dropped).
 */
int bytechan_push_input(struct bytechan *bc, u8 c);

#endif
