// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NS16550 UART (the DUARTs of QorIQ SoCs and QEMU's ppce500 serial).
 * Register layout: PC16550D datasheet; byte registers at offset i << shift.
 * Polled transmit and receive; no interrupts.
 */
#include <asm/io.h>
#include <weir/ns16550.h>

#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1 /* divisor latch high (DLAB=1) */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5

#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define MCR_DTR_RTS 0x03
#define FCR_ENABLE_CLEAR 0x07
#define LSR_DR 0x01   /* data ready */
#define LSR_THRE 0x20 /* transmit holding register empty */

static volatile u8 *reg(struct ns16550 *u, unsigned int r)
{
	return (volatile u8 *)u->base + (r << u->reg_shift);
}

static void ns16550_putc(void *dev, char c)
{
	struct ns16550 *u = dev;

	while (!(in_8(reg(u, UART_LSR)) & LSR_THRE))
		;
	out_8(reg(u, UART_THR), (u8)c);
}

static int ns16550_getc(void *dev)
{
	struct ns16550 *u = dev;

	if (!(in_8(reg(u, UART_LSR)) & LSR_DR))
		return -1;
	return in_8(reg(u, UART_RBR));
}

const struct console_ops ns16550_console_ops = {
	.putc = ns16550_putc,
	.getc = ns16550_getc,
};

void ns16550_init(struct ns16550 *u)
{
	u32 div;

	out_8(reg(u, UART_IER), 0);
	/* Keep the firmware's baud rate unless the DT gives both clocks. */
	if (u->clock_hz && u->baud) {
		div = (u->clock_hz + 8 * u->baud) / (16 * u->baud);
		out_8(reg(u, UART_LCR), LCR_DLAB | LCR_8N1);
		out_8(reg(u, UART_DLL), div & 0xff);
		out_8(reg(u, UART_DLM), (div >> 8) & 0xff);
	}
	out_8(reg(u, UART_LCR), LCR_8N1);
	out_8(reg(u, UART_MCR), MCR_DTR_RTS);
	out_8(reg(u, UART_FCR), FCR_ENABLE_CLEAR);
}
