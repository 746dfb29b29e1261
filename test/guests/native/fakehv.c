// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Native smoke test only (not part of the guests weir runs): the guests
 * linked with --wrap=guest_exception and this file run directly on
 * QEMU's ppce500 (no hypervisor). Their `sc 1` then lands on their own
 * system-call vector; this wrapper answers it the way an ePAPR
 * hypervisor would, with the ppce500 UART as the byte channel:
 *
 *   - `sc 1` from problem state becomes a privileged Program exception;
 *   - byte channel handle FAKE_HANDLE only, at most 16 bytes;
 *   - EV_IDLE returns at once; EV_INT_* are not implemented;
 *   - one partition (guest-id 1): others are EV_EINVAL;
 *     FH_PARTITION_STOP(self) and FH_SYSTEM_RESET reset the machine
 *     (QEMU exits with -no-reboot).
 *
 * Everything else is left to the real guest_exception().
 */
#include "guest.h"

#define FAKE_HANDLE	0x10		/* native.dts hv-handle */
#define FAKE_ID		1		/* native.dts guest-id */
#define CCSR_PA		0xfe0000000ull	/* QEMU ppce500 */
#define UART_PAGE	0x4000		/* UART0 at CCSR + 0x4500 */
#define GUTS_PAGE	0xe0000		/* RSTCR at CCSR + 0xe00b0 */
#define IO_EA		0xe0000000

#define UART		((volatile u8 *)(IO_EA + 0x500))
#define UART_LSR_DR	0x01
#define UART_LSR_THRE	0x20
#define RSTCR		(*(volatile u32 *)(IO_EA + 0x1000 + 0xb0))

void __real_guest_exception(struct gframe *f, int ivor);

static void map_page(int way, u32 ea, u64 pa)
{
	struct tlb_entry e = {
		.mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(way),
		.mas1 = MAS1_VALID | MAS1_TSIZE(TSIZE_4K),
		.mas2 = ea | MAS2_I | MAS2_G,
		.mas3 = ((u32)pa & MAS3_RPN) | MAS3_SR | MAS3_SW,
		.mas7 = (u32)(pa >> 32),
	};

	tlb_write(&e);
}

/* TLB0 (the attacker only floods TLB1) */
static void map_io(void)
{
	static bool done;

	if (done)
		return;
	map_page(0, IO_EA, CCSR_PA + UART_PAGE);
	map_page(1, IO_EA + 0x1000, CCSR_PA + GUTS_PAGE);
	done = true;
}

static void uart_putc(u8 c)
{
	while (!(UART[5] & UART_LSR_THRE))
		;
	UART[0] = c;
}

static void __attribute__((noreturn)) reset_machine(void)
{
	const char *s = "fakehv: machine reset\n";

	while (*s)
		uart_putc(*s++);
	RSTCR = 2;			/* HRESET_REQ */
	for (;;)
		;
}

static u32 byte_channel(u32 num, u32 *r)
{
	u32 i, n;

	if (r[0] != FAKE_HANDLE)
		return EV_EINVAL;
	switch (num) {
	case EV_BYTE_CHANNEL_SEND:
		if (r[1] > EV_BYTE_CHANNEL_MAX_BYTES)
			return EV_EINVAL;
		for (i = 0; i < r[1]; i++)
			uart_putc(r[2 + i / 4] >> (24 - 8 * (i % 4)));
		return EV_SUCCESS;
	case EV_BYTE_CHANNEL_RECEIVE:
		n = r[1] < EV_BYTE_CHANNEL_MAX_BYTES ? r[1] : EV_BYTE_CHANNEL_MAX_BYTES;
		r[2] = r[3] = r[4] = r[5] = 0;
		for (i = 0; i < n && (UART[5] & UART_LSR_DR); i++)
			r[2 + i / 4] |= (u32)UART[0] << (24 - 8 * (i % 4));
		r[1] = i;
		return EV_SUCCESS;
	default:			/* poll */
		r[1] = UART[5] & UART_LSR_DR ? 1 : 0;
		r[2] = EV_BYTE_CHANNEL_MAX_BYTES;
		return EV_SUCCESS;
	}
}

static u32 partition(u32 num, u32 *r)
{
	if (r[0] != (u32)-1 && r[0] != FAKE_ID)
		return EV_EINVAL;
	switch (num) {
	case FH_PARTITION_GET_STATUS:
		r[1] = FH_PARTITION_RUNNING;
		return EV_SUCCESS;
	case FH_PARTITION_STOP:
		reset_machine();
	default:			/* restart */
		return EV_UNIMPLEMENTED;
	}
}

static u32 hcall(u32 token, u32 *r)
{
	u32 vendor = (token & 0x7fffffff) >> 16, num = token & 0xffff;

	if (vendor == EV_EPAPR_VENDOR_ID || vendor == EV_LOCAL_VENDOR_ID) {
		switch (num) {
		case EV_BYTE_CHANNEL_SEND:
		case EV_BYTE_CHANNEL_RECEIVE:
		case EV_BYTE_CHANNEL_POLL:
			return byte_channel(num, r);
		case EV_IDLE:
			return EV_SUCCESS;
		}
	} else if (vendor == EV_FSL_VENDOR_ID) {
		switch (num) {
		case FH_PARTITION_GET_STATUS:
		case FH_PARTITION_STOP:
		case FH_PARTITION_RESTART:
			return partition(num, r);
		case FH_SYSTEM_RESET:
			reset_machine();
		}
	}
	return EV_UNIMPLEMENTED;
}

void __wrap_guest_exception(struct gframe *f, int ivor)
{
	if (ivor == IVOR_SYSCALL &&
	    *(const u32 *)(f->srr0 - 4) == EPAPR_HCALL_INSN) {
		if (f->srr1 & MSR_PR) {
			f->srr0 -= 4;
			f->esr = ESR_PPR;
			__real_guest_exception(f, IVOR_PROGRAM);
			return;
		}
		map_io();
		f->gpr[3] = hcall(f->gpr[11], &f->gpr[3]);
		return;
	}
	__real_guest_exception(f, ivor);
}
