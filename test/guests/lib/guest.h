/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The test guests' bare-metal runtime: ePAPR entry (crt0.S), exception
 * vectors (vectors.S), hcall wrappers (hcall.S, hcall.c), a byte-channel
 * console behind newlib's stdio (console.c), the decrementer (timer.c),
 * TLB access (tlb.c) and the heartbeat loop (heartbeat.c).
 *
 * Everything here follows ePAPR 1.1 and the e500mc core manual only, so
 * the guests run unchanged on any ePAPR hypervisor.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* weir's guest ABI, shared as Jailhouse guests share hypercall.h */
#include <weir/epapr.h>		/* ePAPR/FSL/weir tokens, EV_* codes */
#include <weir/errq_abi.h>	/* error queue handles, record layout */
#include <weir/guest_dt_abi.h>	/* compatibles and property names */
#include <weir/papr.h>		/* PAPR opcodes, H_* codes, shapes */
#include "spr.h"

typedef uint8_t u8;
typedef uint32_t u32;
typedef int32_t s32;
typedef uint64_t u64;

/* ------------------------------------------------------------ state */
struct guest_info {
	void *fdt;		/* guest device tree (r3 at entry) */
	u32 entry_r6;		/* ePAPR magic at entry */
	u32 entry_r7;		/* initial mapped area size at entry */
	u32 entry_msr;		/* MSR at entry */
	bool fdt_moved;		/* crt0 moved the tree out of BSS */
	u32 id;			/* /hypervisor guest-id */
	const char *name;	/* /hypervisor guest-name */
	u64 ram_size;		/* /memory reg size */
	u32 tb_freq;		/* /cpus/cpu@0 timebase-frequency */
	u32 console;		/* stdout byte channel hv-handle */
	u32 console_rx_irq, console_tx_irq;
	bool console_has_irqs;
	u32 heap_start, heap_end;
};
extern struct guest_info guest;

/* Provided by each guest. Returning stops the partition. */
void guest_main(void *fdt);

/* Stop this partition (FH_PARTITION_STOP(-1)); never returns. */
void guest_stop(void) __attribute__((noreturn));
/* The same without flushing stdio (for exception handlers). */
void guest_halt(void) __attribute__((noreturn));

/* ------------------------------------------------------------ exceptions */
/* What vectors.S saves; the C handler may change any of it. For critical
 * class IVORs (0, 12, 15) srr0/srr1 hold CSRR0/1, for machine check (1)
 * MCSRR0/1 and esr holds MCSR. */
struct gframe {
	u32 gpr[32];
	u32 srr0, srr1;
	u32 lr, ctr, cr, xer;
	u32 dear, esr;
};

typedef void (*exc_handler_t)(struct gframe *f, int ivor);

/* Returns the previous handler (NULL: none, the exception is fatal). */
exc_handler_t set_exception_handler(int ivor, exc_handler_t fn);
void guest_exception(struct gframe *f, int ivor);
const char *ivor_name(int ivor);

/* ------------------------------------------------------------ hcalls */
/*
 * hcall_raw(): r11 = @token, r3..r10 = args[0..7]; returns r3 and, if
 * @out is not NULL, stores r3..r10 after the call in out[0..7] (so
 * out[i] and args[i] are the same register).
 */
u32 hcall_raw(u32 token, const u32 args[8], u32 out[8]);

/*
 * lib/tce.c: the PAPR TCE hcalls on window @liobn (H_PUT_TCE, H_STUFF_TCE
 * of @n entries, H_PUT_TCE_INDIRECT of @n entries listed in the 4 KiB-
 * aligned page @list, H_GET_TCE: the TCE, ~0 on error), returning the
 * H_* status; papr_hcall() for any of them (r3 @a0, r4:r5 @a1, r6:r7
 * @a2, r8 @a3; r4:r5 after the call in @out); weir_dma_copy(): one copy
 * job of weir's DMA engine (doc/dma-engine.md), the EV_* status.
 */
s32 papr_hcall(u32 op, u32 a0, u64 a1, u64 a2, u32 a3, u64 *out);
s32 tce_put(u32 liobn, u64 ioba, u64 tce);
s32 tce_stuff(u32 liobn, u64 ioba, u64 tce, u32 n);
s32 tce_indirect(u32 liobn, u64 ioba, const u32 *list, u32 n);
u64 tce_get(u32 liobn, u64 ioba);
u32 weir_dma_copy(u32 handle, u64 src, u64 dst, u32 len);

u32 ev_byte_channel_send(u32 handle, u32 count, const void *buf, u32 *sent);
u32 ev_byte_channel_receive(u32 handle, u32 max, void *buf, u32 *count);
u32 ev_byte_channel_poll(u32 handle, u32 *rx, u32 *tx);
u32 ev_int_set_config(u32 irq, u32 config, u32 prio, u32 dest);
u32 ev_int_get_config(u32 irq, u32 *config, u32 *prio, u32 *dest);
u32 ev_int_set_mask(u32 irq, u32 mask);
u32 ev_int_get_mask(u32 irq, u32 *mask);
u32 ev_int_iack(u32 *vector);
u32 ev_int_eoi(u32 irq);
u32 fh_partition_get_status(u32 id, u32 *status);
u32 fh_partition_stop(u32 id);
u32 fh_partition_restart(u32 id);
u32 fh_system_reset(void);

/*
 * ev_idle(): EV_IDLE with MSR[EE] set for the call (restored after). An
 * interrupt that arrives between enabling EE and the hcall makes it
 * return at once (the exception code moves SRR0 past the hcall), so a
 * wake-up is never lost.
 */
void ev_idle(void);

/* "EV_EINVAL" etc. */
const char *ev_strerror(u32 status);

/* Patch the hcall sequences from /hypervisor/hcall-instructions. */
void hcall_patch(const void *fdt);

/* ------------------------------------------------------------ console */
int console_init(const void *fdt);
void console_write(const void *buf, size_t len);
/* Up to @max bytes; blocks (idling between polls) when @block. */
int console_read(void *buf, size_t max, bool block);
/* Take the console's receive interrupt through the hv-pic. 0 or EV_*. */
u32 console_enable_rx_irq(void);
/* printf to the console without stdio (safe in exception handlers). */
void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ------------------------------------------------------------ time */
u64 get_tb(void);
/* Time base read by _start's first instructions: TBU, TBL, TBU again. */
extern u32 guest_entry_tb[3];
void dec_arm(u32 ticks);	/* one-shot decrementer interrupt */
void dec_disarm(void);
extern volatile u32 dec_interrupts;	/* decrementer interrupts taken */
/* Called from the decrementer interrupt (after TSR[DIS] is cleared). */
void dec_set_callback(void (*fn)(void));
/* Idle until the time base reaches @tb (decrementer armed meanwhile). */
void wait_until(u64 tb);

/* ------------------------------------------------------------ TLB */
struct tlb_entry {
	u32 mas0, mas1, mas2, mas3, mas7;
};
int tlb1_nentries(void);
void tlb_read(int tlbsel, int esel, struct tlb_entry *e);
void tlb_write(const struct tlb_entry *e);
/* tlbsx for @ea in AS0, PID 0: 1 if found (e filled), else 0. */
int tlb_search(u32 ea, struct tlb_entry *e);
/* Highest invalid TLB1 slot, or -1. */
int tlb1_find_free(void);
void tlb1_set(int esel, u32 ea, u64 gpa, int tsize, u32 wimge, u32 perms);
void tlb1_clear(int esel);

/* ------------------------------------------------------------ misc */
/* Fill 1 MiB with a pattern from guest-id, check it every ~0.5 s. */
void heartbeat(void) __attribute__((noreturn));

/*
 * run_user(): rfi to @ea with SRR1 = @msr. Comes back when an exception
 * handler sets f->srr0 = (u32)user_return, f->srr1 = a supervisor MSR
 * and f->gpr[3] = the value to return.
 */
u32 run_user(u32 ea, u32 msr);
extern char user_return[];

/* Symbols from guest.lds / hcall.S */
extern char __image_start[], __bss_start[], __bss_end[], _end[];
extern char __stack_bottom[], __stack_top[];
extern u32 __hcall_slot[], __idle_slot[], __idle_window_end[];

#endif
