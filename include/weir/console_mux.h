/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The console mux: every partition's console byte channel shares weir's
 * UART console (doc/console.md).
 *
 * Output is assembled per channel into lines and written as
 * "[<partition name>] <line>\n" under the console lock, so lines from
 * different cores never mix. A line that has been started on the UART
 * (buffer full, or console_mux_flush()) continues there unprefixed as
 * long as nobody else writes; otherwise the rest gets a new prefixed
 * line. '\r' is dropped (ehv_bytechan sends "\r\n").
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

#define CONSOLE_MUX_ESCAPE	0x14	/* Ctrl-T */

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
 * Never blocks on anything but the console lock; all @len bytes are
 * taken. Complete lines go out at once. '\r' is dropped, '\n' ends the
 * line; printable ASCII (0x20-0x7e) and TAB go out as they are, every
 * other byte as the four characters "\xNN" (lower-case hex), so a guest
 * cannot send terminal control sequences (ESC, BS, ...) to the console.
 */
void console_mux_write(struct bytechan *bc, const u8 *buf, unsigned int len);

/**
 * console_mux_flush() - put every channel's unfinished line on the UART
 *
 * For prompts and echo, which have no newline: call it from the UART poll
 * loop when no input arrived for a while (a few ms).
 */
void console_mux_flush(void);

/* Drop @bc's unfinished output line (partition restart). */
void console_mux_discard(struct bytechan *bc);

#endif
