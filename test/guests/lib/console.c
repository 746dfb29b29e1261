// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest console: the byte channel /chosen/stdout-path names
 * (compatible "epapr,hv-byte-channel", hv-handle, interrupts = <rx sense
 * tx sense>), and the newlib system calls on top of it (newlib for
 * powerpc-eabi calls the plain names: write, read, sbrk, ...).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <libfdt.h>
#include "guest.h"

static bool rx_irq_on;		/* receive interrupt routed through the hv-pic */
static bool pic_epr;		/* hv-pic has-external-proxy: vector in EPR */
static volatile u32 spurious;
static u32 rx_sense;		/* interrupts cell 1 */

int console_init(const void *fdt)
{
	const fdt32_t *p;
	const char *path, *colon;
	int chosen, node, len;

	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		return -1;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path || len < 2 || path[len - 1] != '\0')
		return -1;
	colon = strchr(path, ':');	/* "path:options" */
	node = fdt_path_offset_namelen(fdt, path,
				       colon ? colon - path : (int)strlen(path));
	if (node < 0)
		return -1;
	p = fdt_getprop(fdt, node, DT_PROP_HV_HANDLE, &len);
	if (!p || len != 4)
		return -1;
	guest.console = fdt32_to_cpu(*p);
	/* <rx sense tx sense>, or <rx tx> with a one-cell hv-pic */
	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (p && (len == 16 || len == 8)) {
		int cells = len / 8;

		guest.console_rx_irq = fdt32_to_cpu(p[0]);
		guest.console_tx_irq = fdt32_to_cpu(p[cells]);
		rx_sense = cells == 2 ? fdt32_to_cpu(p[1]) : 0;
		guest.console_has_irqs = true;
	}
	return 0;
}

static void short_delay(void)
{
	u32 ticks = guest.tb_freq ? guest.tb_freq / 20000 : 20000; /* 50 us */
	u64 end = get_tb() + ticks;

	while (get_tb() < end)
		;
}

/* Send all of @buf in chunks of at most 16 bytes; retry on EV_EAGAIN. */
void console_write(const void *buf, size_t len)
{
	const char *p = buf;
	int stuck = 0;

	while (len) {
		u32 n = len < EV_BYTE_CHANNEL_MAX_BYTES ? len : EV_BYTE_CHANNEL_MAX_BYTES;
		u32 sent = 0, st;

		st = ev_byte_channel_send(guest.console, n, p, &sent);
		if (st == EV_EAGAIN || (st == EV_SUCCESS && sent == 0)) {
			/* channel full: wait for the hypervisor to drain it */
			if (st == EV_SUCCESS && ++stuck > 1000)
				return;
			short_delay();
			continue;
		}
		if (st != EV_SUCCESS)
			return;		/* nowhere else to complain */
		if (sent > n)
			sent = n;
		stuck = 0;
		p += sent;
		len -= sent;
	}
}

void guest_printf(const char *fmt, ...)
{
	char buf[192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0)
		console_write(buf, n);
}

/* ------------------------------------------------------------ input */

/*
 * External input: with has-external-proxy the vector is in EPR, else
 * EV_INT_IACK gives it. The receive source stays masked until the reader
 * has drained the channel (it is level-sensitive while data waits).
 */
static void ext_interrupt(struct gframe *f, int ivor)
{
	u32 vec = EV_INT_SPURIOUS;

	if (pic_epr)
		vec = mfspr(SPR_EPR);
	else if (ev_int_iack(&vec) != EV_SUCCESS)
		vec = EV_INT_SPURIOUS;
	if (vec == EV_INT_SPURIOUS) {
		/* a storm of nothing: give up on interrupts, keep polling */
		if (++spurious > 10000 && rx_irq_on) {
			ev_int_set_mask(guest.console_rx_irq, 1);
			rx_irq_on = false;
		}
		return;
	}
	ev_int_set_mask(vec, 1);	/* the reader unmasks it */
	ev_int_eoi(vec);
}

u32 console_enable_rx_irq(void)
{
	const void *fdt = guest.fdt;
	u32 st, sense;
	int node;

	if (!guest.console_has_irqs)
		return EV_ENODEV;
	node = fdt_node_offset_by_compatible(fdt, -1, DT_COMPAT_HV_PIC);
	if (node < 0)
		return EV_ENODEV;
	pic_epr = fdt_getprop(fdt, node, "has-external-proxy", NULL) != NULL;

	/* ePAPR sense 0..3 = edge falling/rising, level low/high: bit for
	 * bit EV_INT_CONFIG_POLARITY_POS | EV_INT_CONFIG_LEVEL. */
	sense = rx_sense & 3;

	set_exception_handler(IVOR_EXTERNAL, ext_interrupt);
	st = ev_int_set_config(guest.console_rx_irq, sense, 15, 0);
	if (st == EV_SUCCESS)
		st = ev_int_set_mask(guest.console_rx_irq, 0);
	if (st != EV_SUCCESS) {
		set_exception_handler(IVOR_EXTERNAL, NULL);
		return st;
	}
	rx_irq_on = true;
	return EV_SUCCESS;
}

static void wait_for_input(void)
{
	if (rx_irq_on)
		ev_int_set_mask(guest.console_rx_irq, 0);
	/* also wake up every 20 ms, whatever the interrupt path does */
	dec_arm(guest.tb_freq ? guest.tb_freq / 50 : 1000000);
	ev_idle();
}

int console_read(void *buf, size_t max, bool block)
{
	char *p = buf;
	size_t got = 0;

	while (got < max) {
		u32 n = 0, want = max - got;

		if (want > EV_BYTE_CHANNEL_MAX_BYTES)
			want = EV_BYTE_CHANNEL_MAX_BYTES;
		if (ev_byte_channel_receive(guest.console, want, p + got, &n) ==
		    EV_SUCCESS && n > 0) {
			got += n;
			continue;
		}
		if (got || !block)
			break;
		wait_for_input();
	}
	return got;
}

/* ------------------------------------------------------------ newlib */

int write(int fd, const void *buf, size_t len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	console_write(buf, len);
	return len;
}

int read(int fd, void *buf, size_t len)
{
	if (fd != 0) {
		errno = EBADF;
		return -1;
	}
	return len ? console_read(buf, len, true) : 0;
}

void *sbrk(ptrdiff_t incr)
{
	static u32 brk;
	u32 old;

	if (!brk)
		brk = guest.heap_start;
	if ((incr > 0 && (u32)incr > guest.heap_end - brk) ||
	    (incr < 0 && (u32)-incr > brk - guest.heap_start)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	old = brk;
	brk += incr;
	return (void *)old;
}

int close(int fd) { errno = EBADF; return -1; }
int lseek(int fd, int off, int whence) { return 0; }
int isatty(int fd) { return 1; }
int getpid(void) { return 1; }
int kill(int pid, int sig) { errno = EINVAL; return -1; }

int fstat(int fd, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR;
	return 0;
}

void _exit(int status)
{
	guest_stop();
}
