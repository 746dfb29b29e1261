/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The console mux: every partition's console byte channel shares weir's
 * UART console (doc/console.md).
 *
 * Output is assembled per channel into lines, queued in the channel's own
 * tx ring and written as "[<partition name>] <line>\n" under the console
 * lock, so lines from different cores never mix; a writer that finds the
 * lock taken leaves its ring for later instead of waiting. A line that
 * has been started on the UART (buffer full, or flushed by the tick)
 * continues there unprefixed as long as nobody else writes; otherwise the
 * rest gets a new prefixed line. '\r' is dropped (ehv_bytechan sends
 * "\r\n").
 *
 * Input: weir feeds every UART byte to console_mux_input(), which queues
 * it on the selected partition's channel. Ctrl-T is the escape key:
 * Ctrl-T 1..8 selects the partition with that guest-id, Ctrl-T Ctrl-T
 * sends one Ctrl-T, Ctrl-T ? prints help; Ctrl-T followed by anything else
 * sends both bytes unchanged.
 */
#ifndef WEIR_CONSOLE_MUX_H
#define WEIR_CONSOLE_MUX_H

#include <weir/types.h>

struct bytechan;

#define CONSOLE_MUX_ESCAPE 0x14 /* Ctrl-T */

/**
 * console_mux_register() - put a partition's console channel on the UART
 * @bc: an initialised channel (bytechan_init()), whose owner has an id
 *      and a name
 *
 * The first channel registered receives input until Ctrl-T <n> selects
 * another. Call at boot, before the partitions run.
 *
 * Return: 0; -EINVAL for NULL @bc or a channel without owner; -EBUSY when
 * @bc, or another channel of the same guest-id, is already registered;
 * -ENOSPC when PARTITION_MAX channels are registered.
 */
int console_mux_register(struct bytechan *bc);

/* Forget every registered channel and the escape state (tests, reboot). */
void console_mux_reset(void);

/**
 * console_mux_input() - one byte from the UART (core 0's poll loop)
 * @c: the byte (0..255); negative values ("nothing read") are ignored
 *
 * Bytes for a full input queue are dropped (counted in rx_dropped).
 */
void console_mux_input(int c);

/**
 * console_mux_write() - output of channel @bc (bytechan_send())
 *
 * '\r' is dropped, '\n' ends the line; printable ASCII (0x20-0x7e) and
 * TAB go out as they are, every other byte as the four characters "\xNN"
 * (lower-case hex), so a guest cannot send terminal control sequences
 * (ESC, BS, ...) to the console. The bytes go to @bc's own tx ring, and
 * the ring to the UART if the console lock is free; never waits for
 * another partition's output.
 * Return: 0 (all @len bytes taken), or -EAGAIN when the ring has no room
 * for them (none taken; @bc's tx interrupt is raised once it drains).
 */
int console_mux_write(struct bytechan *bc, const u8 *buf, unsigned int len);

/**
 * console_mux_tx_space() - guest bytes a send to @bc takes for sure now
 * (EV_BYTE_CHANNEL_POLL's tx space): the ring's room over four, as every
 * byte may become "\xNN".
 */
unsigned int console_mux_tx_space(struct bytechan *bc);

/**
 * console_mux_tick() - on the core of @bc's partition, at its tick: its
 * unfinished line (a prompt) and ring to the UART if the console lock is
 * free (otherwise at the next tick). NULL @bc does nothing.
 */
void console_mux_tick(struct bytechan *bc);

/**
 * console_mux_flush() - every channel's unfinished line and ring on the
 * UART now, waiting for the console lock: for weir's last words before a
 * reset, not for the running system (console_mux_tick()).
 */
void console_mux_flush(void);

/* Drop @bc's unfinished line and queued output (partition restart). */
void console_mux_discard(struct bytechan *bc);

#endif
