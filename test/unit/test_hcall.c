// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hcall_dispatch() end to end on the fake world: token decoding (vendor
 * 0 as ePAPR, bit 31 ignored, unknown tokens), the errno -> EV_* map,
 * byte channel SEND/RECEIVE/POLL register packing, the EV_INT_* calls,
 * partition control with its permission rules, EV_IDLE. Every call checks
 * the exact registers it may write; every refused call checks that r3 is
 * the only register that changed and that no state changed at all.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <weir/bytechan.h>
#include <weir/console.h>
#include <weir/console_mux.h>
#include <weir/epapr.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>
#include <weir/arch.h>
#include <weir/vcpu_asm.h>
#include "helpers/fake_hv.h"
#include "../../hv/hcall/hcall_priv.h"

#define EPAPR(n)	EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, (n))
#define FSL(n)		EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, (n))
#define SELF		0xffffffffu
#define RX		VPIC_IRQ_CONSOLE_RX

static struct fake_world *w;
static struct trap_frame before;

static int setup(void **state)
{
	w = fake_world_new();
	return 0;
}

static int teardown(void **state)
{
	fake_world_free(w);
	return 0;
}

/* r0..r31 = a recognisable pattern, r3.. = @args, r11 = @tok. */
static void load(struct vcpu *v, u32 tok, const u32 *args, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < 32; i++)
		v->regs.gpr[i] = 0xdead0000u | (i << 8) | i;
	for (i = 0; i < n; i++)
		v->regs.gpr[3 + i] = args[i];
	v->regs.gpr[11] = tok;
	v->regs.pc = 0x1000;
	v->regs.msr = 0x8000;
	v->regs.lr = 0x2000;
	v->regs.ctr = 0x3000;
	v->regs.cr = 0x4000;
	v->regs.xer = 0x5000;
}

/* Run an hcall; return r3. */
#define CALL(v, tok, ...) call((v), (tok), (const u32[]){ __VA_ARGS__ }, \
	sizeof((const u32[]){ __VA_ARGS__ }) / sizeof(u32))

static u32 call(struct vcpu *v, u32 tok, const u32 *args, unsigned int n)
{
	load(v, tok, args, n);
	before = v->regs;
	hcall_dispatch(v);
	return v->regs.gpr[3];
}

/* Only r3 and the registers in @outputs (bit n = rn) changed. */
static void only_changed(struct vcpu *v, u32 outputs)
{
	unsigned int i;

	for (i = 0; i < 32; i++) {
		if (i == 3 || (outputs & (1u << i)))
			continue;
		if (v->regs.gpr[i] != before.gpr[i])
			fail_msg("r%u changed: 0x%08x -> 0x%08x", i, before.gpr[i],
				 v->regs.gpr[i]);
	}
	assert_memory_equal(&before.pc, &v->regs.pc,
			    sizeof(before) - offsetof(struct trap_frame, pc));
}

#define R(n)	(1u << (n))

/* Everything a refused call must leave alone. */
struct snap {
	struct vpic pic[FW_NPARTS];
	struct bytechan con[FW_NPARTS];
	enum partition_state state[FW_NPARTS];
	u32 pending[FW_NPARTS][FW_NVCPUS];
	bool idle[FW_NPARTS][FW_NVCPUS];
	struct fake_hv_record rec;
	char console[4096];
};

static struct snap snap;

static void snap_take(struct snap *s)
{
	unsigned int i, n;

	memset(s, 0, sizeof(*s));
	memcpy(s->pic, w->pic, sizeof(s->pic));
	memcpy(s->con, w->con, sizeof(s->con));
	for (i = 0; i < FW_NPARTS; i++) {
		s->state[i] = w->part[i].state;
		for (n = 0; n < w->part[i].nvcpus; n++) {
			s->pending[i][n] = w->part[i].vcpu[n]->pending;
			s->idle[i][n] = w->part[i].vcpu[n]->idle;
		}
	}
	s->rec = fake_hv;
	snprintf(s->console, sizeof(s->console), "%s", fake_console_text());
}

static void snap_same(void)
{
	static struct snap now;

	snap_take(&now);
	assert_memory_equal(&now, &snap, sizeof(now));
}

/* A refused call: exact status, r3 the only register changed, no state. */
#define REFUSED(ev, v, tok, ...) do {					\
	snap_take(&snap);						\
	assert_int_equal(CALL((v), (tok), __VA_ARGS__), (ev));		\
	only_changed((v), 0);						\
	snap_same();							\
} while (0)

static void test_unknown_tokens(void **state)
{
	static const u32 toks[] = {
		EV_HCALL_TOKEN(42, EV_BYTE_CHANNEL_SEND),	/* KVM vendor */
		EV_HCALL_TOKEN(0x7fff, EV_BYTE_CHANNEL_SEND),
		EPAPR(0), EPAPR(8), EPAPR(EV_INT_SEND_IPI),
		EPAPR(EV_INT_SET_TASK_PRIORITY), EPAPR(EV_DOORBELL_SEND),
		EPAPR(17), EPAPR(0xffff),
		FSL(0), FSL(FH_PARTITION_GET_DTPROP), FSL(FH_PARTITION_START),
		FSL(FH_PARTITION_MEMCPY), FSL(19), FSL(0xffff),
		EV_HCALL_TOKEN(0, 0), 0xffffffffu, 0x80000000u,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(toks); i++) {
		/* arguments that a SEND would accept: nothing may be sent */
		REFUSED(EV_UNIMPLEMENTED, fw_vcpu(w, 1, 0), toks[i],
			FW_HANDLE(1), 4, 0x41424344, 0, 0, 0);
	}
	assert_string_equal(fake_console_text(), "");
}

/* Vendor 3 is PAPR: an opcode weir does not serve gets H_FUNCTION. */
static void test_unknown_papr_opcode(void **state)
{
	static const u32 toks[] = {
		EV_HCALL_TOKEN(3, EV_BYTE_CHANNEL_SEND), EV_HCALL_TOKEN(3, 0x124),
		EV_HCALL_TOKEN(3, 0x1f00), EV_HCALL_TOKEN(3, 0xffff),
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(toks); i++)
		REFUSED((u32)H_FUNCTION, fw_vcpu(w, 1, 0), toks[i],
			FW_HANDLE(1), 4, 0x41424344, 0, 0, 0);
	assert_string_equal(fake_console_text(), "");
}

static void test_vendor_zero_and_bit31(void **state)
{
	struct vcpu *v = fw_vcpu(w, 1, 0);

	assert_int_equal(bytechan_push_input(&w->con[0], 'k'), 0);
	assert_int_equal(CALL(v, EV_HCALL_TOKEN(EV_LOCAL_VENDOR_ID,
						EV_BYTE_CHANNEL_POLL),
			      FW_HANDLE(1)), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 1);
	only_changed(v, R(4) | R(5));
	assert_int_equal(CALL(v, 0x80000000u | EPAPR(EV_BYTE_CHANNEL_POLL),
			      FW_HANDLE(1)), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 1);
}

static void test_status_map(void **state)
{
	assert_int_equal(hcall_status(0), EV_SUCCESS);
	assert_int_equal(hcall_status(-EINVAL), EV_EINVAL);
	assert_int_equal(hcall_status(-EPERM), EV_EPERM);
	assert_int_equal(hcall_status(-ENOENT), EV_ENOENT);
	assert_int_equal(hcall_status(-EAGAIN), EV_EAGAIN);
	assert_int_equal(hcall_status(-EFAULT), EV_EFAULT);
	assert_int_equal(hcall_status(-ENODEV), EV_ENODEV);
	assert_int_equal(hcall_status(-EALREADY), EV_INVALID_STATE);
	assert_int_equal(hcall_status(-EBUSY), EV_INVALID_STATE);
	assert_int_equal(hcall_status(-ENOMEM), EV_ENOMEM);
	assert_int_equal(hcall_status(-EIO), EV_INTERNAL);
	assert_int_equal(hcall_status(-E2BIG), EV_INTERNAL);
	assert_int_equal(hcall_status(-ENOSPC), EV_INTERNAL);
	assert_int_equal(hcall_status(1), EV_INTERNAL);
}

static void test_send(void **state)
{
	struct vcpu *v = fw_vcpu(w, 1, 1);

	/* "Hello, world\r\n": 14 bytes, first byte in r5's MSB */
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(1), 14,
			      0x48656c6c, 0x6f2c2077, 0x6f726c64, 0x0d0a5858),
			 EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 14);
	only_changed(v, R(4));
	assert_string_equal(fake_console_text(), "[alpha] Hello, world\r\n");

	/* all 16 bytes, in order */
	fake_console_clear();
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(1), 16,
			      0x41424344, 0x45464748, 0x494a4b4c, 0x4d4e4f0a),
			 EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 16);
	assert_string_equal(fake_console_text(), "[alpha] ABCDEFGHIJKLMNO\r\n");

	/* count bytes only: the rest of r5..r8 is ignored */
	fake_console_clear();
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(1), 5,
			      0x61626364, 0x0a7a7a7a, 0x7a7a7a7a, 0x7a7a7a7a),
			 EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 5);
	assert_string_equal(fake_console_text(), "[alpha] abcd\r\n");

	/* count 0 */
	fake_console_clear();
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(1), 0,
			      0x41414141, 0x0a0a0a0a, 0, 0), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 0);
	only_changed(v, R(4));
	assert_string_equal(fake_console_text(), "");

	/* another partition's vCPU, its own channel */
	v = fw_vcpu(w, 3, 0);
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(3), 3,
			      0x6f6b0a00, 0, 0, 0), EV_SUCCESS);
	assert_string_equal(fake_console_text(), "[gamma] ok\r\n");

	/* UART busy on another core until the ring is full: EV_EAGAIN with
	 * r4 = 0 bytes sent (ePAPR; ehv_bytechan retries), nothing else */
	console_lock();
	while (CALL(v, EPAPR(EV_BYTE_CHANNEL_SEND), FW_HANDLE(3), 16,
		    0x41414141, 0x41414141, 0x41414141, 0x4141410a) == EV_SUCCESS)
		assert_int_equal(v->regs.gpr[4], 16);
	assert_int_equal(v->regs.gpr[3], EV_EAGAIN);
	assert_int_equal(v->regs.gpr[4], 0);
	only_changed(v, R(4));
	console_unlock();
}

static void test_send_refused(void **state)
{
	struct vcpu *v1 = fw_vcpu(w, 1, 0), *v3 = fw_vcpu(w, 3, 0);
	const u32 send = EPAPR(EV_BYTE_CHANNEL_SEND);

	REFUSED(EV_EINVAL, v1, send, FW_HANDLE(1), 17, 0x41424344, 0x0a, 0, 0);
	REFUSED(EV_EINVAL, v1, send, FW_HANDLE(1), 0xffffffff, 0x0a0a0a0a, 0, 0, 0);
	REFUSED(EV_EINVAL, v1, send, FW_HANDLE(1), 0x80000001, 0x0a0a0a0a, 0, 0, 0);
	REFUSED(EV_EINVAL, v1, send, 0x99, 2, 0x410a0000, 0, 0, 0);
	REFUSED(EV_EINVAL, v1, send, 0, 2, 0x410a0000, 0, 0, 0);
	/* another partition's channel */
	REFUSED(EV_EINVAL, v1, send, FW_HANDLE(2), 2, 0x410a0000, 0, 0, 0);
	REFUSED(EV_EINVAL, v3, send, FW_HANDLE(1), 2, 0x410a0000, 0, 0, 0);
	assert_string_equal(fake_console_text(), "");
}

static void test_receive(void **state)
{
	struct vcpu *v = fw_vcpu(w, 2, 0);
	const u32 recv = EPAPR(EV_BYTE_CHANNEL_RECEIVE);
	const char *s = "ABCDEFGHIJKLMNOPQRS";

	while (*s)
		assert_int_equal(bytechan_push_input(&w->con[1], (u8)*s++), 0);

	assert_int_equal(CALL(v, recv, FW_HANDLE(2), 16), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 16);
	assert_int_equal(v->regs.gpr[5], 0x41424344);
	assert_int_equal(v->regs.gpr[6], 0x45464748);
	assert_int_equal(v->regs.gpr[7], 0x494a4b4c);
	assert_int_equal(v->regs.gpr[8], 0x4d4e4f50);
	only_changed(v, R(4) | R(5) | R(6) | R(7) | R(8));

	/* max > 16 is 16; the unused bytes are zero */
	assert_int_equal(CALL(v, recv, FW_HANDLE(2), 0x1000), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 3);
	assert_int_equal(v->regs.gpr[5], 0x51525300);
	assert_int_equal(v->regs.gpr[6], 0);
	assert_int_equal(v->regs.gpr[7], 0);
	assert_int_equal(v->regs.gpr[8], 0);
	only_changed(v, R(4) | R(5) | R(6) | R(7) | R(8));

	/* empty */
	assert_int_equal(CALL(v, recv, FW_HANDLE(2), 16), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 0);
	assert_int_equal(v->regs.gpr[5], 0);

	/* max 0 and max 2 */
	assert_int_equal(bytechan_push_input(&w->con[1], 'x'), 0);
	assert_int_equal(bytechan_push_input(&w->con[1], 'y'), 0);
	assert_int_equal(bytechan_push_input(&w->con[1], 'z'), 0);
	assert_int_equal(CALL(v, recv, FW_HANDLE(2), 0), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 0);
	assert_int_equal(v->regs.gpr[5], 0);
	assert_int_equal(bytechan_rx_count(&w->con[1]), 3);
	assert_int_equal(CALL(v, recv, FW_HANDLE(2), 2), EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 2);
	assert_int_equal(v->regs.gpr[5], 0x78790000);
	assert_int_equal(bytechan_rx_count(&w->con[1]), 1);
}

static void test_receive_and_poll_refused(void **state)
{
	struct vcpu *v1 = fw_vcpu(w, 1, 0), *v2 = fw_vcpu(w, 2, 1);

	assert_int_equal(bytechan_push_input(&w->con[1], 'p'), 0);
	REFUSED(EV_EINVAL, v1, EPAPR(EV_BYTE_CHANNEL_RECEIVE), FW_HANDLE(2), 16);
	REFUSED(EV_EINVAL, v2, EPAPR(EV_BYTE_CHANNEL_RECEIVE), 0x77, 16);
	REFUSED(EV_EINVAL, v1, EPAPR(EV_BYTE_CHANNEL_POLL), FW_HANDLE(2));
	REFUSED(EV_EINVAL, v2, EPAPR(EV_BYTE_CHANNEL_POLL), FW_HANDLE(1));
	assert_int_equal(bytechan_rx_count(&w->con[1]), 1);
}

static void test_poll(void **state)
{
	struct vcpu *v = fw_vcpu(w, 2, 1);
	unsigned int i;

	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_POLL), FW_HANDLE(2)),
			 EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 0);
	assert_int_equal(v->regs.gpr[5], (BYTECHAN_TX_SIZE - 1) / 4);
	only_changed(v, R(4) | R(5));
	for (i = 0; i < 5; i++)
		assert_int_equal(bytechan_push_input(&w->con[1], 'a'), 0);
	assert_int_equal(CALL(v, EPAPR(EV_BYTE_CHANNEL_POLL), FW_HANDLE(2)),
			 EV_SUCCESS);
	assert_int_equal(v->regs.gpr[4], 5);
	assert_int_equal(v->regs.gpr[5], (BYTECHAN_TX_SIZE - 1) / 4);
}

/* What Linux does: set type (get + set config), unmask, IACK, EOI. */
static void test_pic_linux_flow(void **state)
{
	struct vcpu *v0 = fw_vcpu(w, 1, 0), *v1 = fw_vcpu(w, 1, 1);

	assert_int_equal(CALL(v0, EPAPR(EV_INT_GET_CONFIG), RX), EV_SUCCESS);
	assert_int_equal(v0->regs.gpr[4], 0);
	assert_int_equal(v0->regs.gpr[5], 0);
	assert_int_equal(v0->regs.gpr[6], 0);
	only_changed(v0, R(4) | R(5) | R(6));

	assert_int_equal(CALL(v0, EPAPR(EV_INT_SET_CONFIG), RX,
			      EV_INT_CONFIG_LEVEL, 8, 1), EV_SUCCESS);
	only_changed(v0, 0);
	assert_int_equal(CALL(v0, EPAPR(EV_INT_GET_CONFIG), RX), EV_SUCCESS);
	assert_int_equal(v0->regs.gpr[4], EV_INT_CONFIG_LEVEL);
	assert_int_equal(v0->regs.gpr[5], 8);
	assert_int_equal(v0->regs.gpr[6], 1);

	assert_int_equal(CALL(v0, EPAPR(EV_INT_GET_MASK), RX), EV_SUCCESS);
	assert_int_equal(v0->regs.gpr[4], 1);
	only_changed(v0, R(4));
	assert_int_equal(CALL(v0, EPAPR(EV_INT_SET_MASK), RX, 0), EV_SUCCESS);
	only_changed(v0, 0);
	assert_int_equal(CALL(v0, EPAPR(EV_INT_GET_MASK), RX), EV_SUCCESS);
	assert_int_equal(v0->regs.gpr[4], 0);

	assert_int_equal(CALL(v1, EPAPR(EV_INT_IACK), 0), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], EV_INT_SPURIOUS);
	only_changed(v1, R(4));

	/* input arrives for vCPU 1 */
	assert_int_equal(bytechan_push_input(&w->con[0], 'i'), 0);
	assert_true(vcpu_pending_read(v1) & VIRQ_EXT);
	assert_false(vcpu_pending_read(v0) & VIRQ_EXT);
	assert_int_equal(fake_kicks(v1), 1);
	assert_int_equal(CALL(v0, EPAPR(EV_INT_IACK), 0), EV_SUCCESS);
	assert_int_equal(v0->regs.gpr[4], EV_INT_SPURIOUS);
	assert_int_equal(CALL(v1, EPAPR(EV_INT_IACK), 0), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], RX);
	assert_false(vcpu_pending_read(v1) & VIRQ_EXT);
	assert_int_equal(CALL(v1, EPAPR(EV_BYTE_CHANNEL_RECEIVE), FW_HANDLE(1),
			      16), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], 1);
	assert_int_equal(v1->regs.gpr[5], 0x69000000);
	assert_int_equal(CALL(v1, EPAPR(EV_INT_EOI), RX), EV_SUCCESS);
	only_changed(v1, 0);
	/* a second EOI, or one from the other vCPU, is refused */
	REFUSED(EV_INVALID_STATE, v1, EPAPR(EV_INT_EOI), RX);
	REFUSED(EV_INVALID_STATE, v0, EPAPR(EV_INT_EOI), RX);
}

static void test_pic_refused(void **state)
{
	struct vcpu *v0 = fw_vcpu(w, 1, 0), *v3 = fw_vcpu(w, 3, 0);
	const u32 setc = EPAPR(EV_INT_SET_CONFIG);

	/* partition 1 owns VPIC_IRQ(3) as well; partition 3 does not */
	assert_int_equal(vpic_claim(&w->pic[0], VPIC_IRQ(3), NULL, NULL), 0);

	REFUSED(EV_EINVAL, v0, setc, VPIC_IRQ_BASE - 1, 0, 8, 0);
	REFUSED(EV_EINVAL, v0, setc, VPIC_IRQ(VPIC_NR_IRQS), 0, 8, 0);
	REFUSED(EV_EINVAL, v0, setc, VPIC_IRQ(7), 0, 8, 0);
	REFUSED(EV_EINVAL, v0, setc, 0, 0, 8, 0);
	REFUSED(EV_EINVAL, v3, setc, VPIC_IRQ(3), 0, 8, 0);
	REFUSED(EV_EINVAL, v0, setc, RX, 4, 8, 0);
	REFUSED(EV_EINVAL, v0, setc, RX, 0, 16, 0);
	REFUSED(EV_EINVAL, v0, setc, RX, 0, 8, 2);
	REFUSED(EV_EINVAL, v0, setc, RX, 0, 8, 0x2);	/* a mask for vCPU 1 is not a number */
	REFUSED(EV_EINVAL, v3, setc, RX, 0, 8, 1);	/* gamma has 1 vCPU */
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_GET_CONFIG), VPIC_IRQ(7));
	REFUSED(EV_EINVAL, v3, EPAPR(EV_INT_GET_CONFIG), VPIC_IRQ(3));
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_SET_MASK), RX, 2);
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_SET_MASK), VPIC_IRQ(7), 0);
	REFUSED(EV_EINVAL, v3, EPAPR(EV_INT_SET_MASK), VPIC_IRQ(3), 0);
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_GET_MASK), 1023);
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_IACK), 1);
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_EOI), VPIC_IRQ(7));
	REFUSED(EV_EINVAL, v0, EPAPR(EV_INT_EOI), 0xffff);
	REFUSED(EV_INVALID_STATE, v0, EPAPR(EV_INT_EOI), VPIC_IRQ(3));

	/* partition 2's RX in service does not make partition 1's EOI valid */
	assert_int_equal(vpic_set_mask(&w->pic[1], RX, false), 0);
	assert_int_equal(bytechan_push_input(&w->con[1], 'b'), 0);
	assert_int_equal(CALL(fw_vcpu(w, 2, 0), EPAPR(EV_INT_IACK), 0), EV_SUCCESS);
	assert_int_equal(fw_vcpu(w, 2, 0)->regs.gpr[4], RX);
	REFUSED(EV_INVALID_STATE, v0, EPAPR(EV_INT_EOI), RX);
}

static void test_partition_status(void **state)
{
	struct vcpu *v1 = fw_vcpu(w, 1, 0), *v2 = fw_vcpu(w, 2, 1);
	const u32 st = FSL(FH_PARTITION_GET_STATUS);

	assert_int_equal(CALL(v2, st, SELF), EV_SUCCESS);
	assert_int_equal(v2->regs.gpr[4], FH_PARTITION_RUNNING);
	only_changed(v2, R(4));
	assert_int_equal(CALL(v2, st, 2), EV_SUCCESS);
	assert_int_equal(v2->regs.gpr[4], FH_PARTITION_RUNNING);

	/* a manager sees the others */
	w->part[2].state = PART_STOPPING;
	assert_int_equal(CALL(v1, st, 3), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], FH_PARTITION_STOPPING);
	w->part[2].state = PART_STARTING;
	assert_int_equal(CALL(v1, st, 3), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], FH_PARTITION_STARTING);
	w->part[2].state = PART_STOPPED;
	assert_int_equal(CALL(v1, st, 3), EV_SUCCESS);
	assert_int_equal(v1->regs.gpr[4], FH_PARTITION_STOPPED);

	/* nonexistent ids */
	REFUSED(EV_EINVAL, v1, st, 4);
	REFUSED(EV_EINVAL, v1, st, 0);
	REFUSED(EV_EINVAL, v1, st, 9);
	REFUSED(EV_EINVAL, v1, st, 0xfffffffe);
	/* a non-manager may not ask about others, existing or not */
	REFUSED(EV_EPERM, v2, st, 1);
	REFUSED(EV_EPERM, v2, st, 3);
	REFUSED(EV_EPERM, v2, st, 4);
}

static void test_partition_stop(void **state)
{
	struct vcpu *v1 = fw_vcpu(w, 1, 1), *v2 = fw_vcpu(w, 2, 0);
	struct vcpu *v3 = fw_vcpu(w, 3, 0);
	const u32 stop = FSL(FH_PARTITION_STOP);

	REFUSED(EV_EPERM, v2, stop, 1);
	REFUSED(EV_EPERM, v2, stop, 3);
	REFUSED(EV_EINVAL, v1, stop, 4);
	assert_int_equal(fake_hv.kicks, 0);

	/* a request: the partition's vCPU is kicked and stops at its sync */
	assert_int_equal(CALL(v1, stop, 2), EV_SUCCESS);
	only_changed(v1, 0);
	assert_int_equal(fake_kicks(v2), 1);
	assert_int_equal(partition_status(fw_part(w, 2)), PART_STOPPING);
	assert_int_equal(w->part[1].state, PART_RUNNING);
	partition_vcpu_sync(v2);
	assert_int_equal(w->part[1].state, PART_STOPPED);
	assert_true(v2->stopped);
	/* vCPU 0 stops the others: kicked, they stop at their sync */
	assert_int_equal(fake_kicks(fw_vcpu(w, 2, 1)), 1);
	partition_vcpu_sync(fw_vcpu(w, 2, 1));
	assert_true(fw_vcpu(w, 2, 1)->stopped);
	/* already stopped */
	assert_int_equal(CALL(v1, stop, 2), EV_INVALID_STATE);
	only_changed(v1, 0);
	/* itself, Linux's fsl_hv_halt */
	assert_int_equal(CALL(v3, stop, SELF), EV_SUCCESS);
	assert_int_equal(fake_kicks(v3), 1);
	partition_vcpu_sync(v3);
	assert_int_equal(w->part[2].state, PART_STOPPED);
	assert_int_equal(fake_hv.kicks, 3);
}

static void test_partition_restart(void **state)
{
	struct vcpu *v1 = fw_vcpu(w, 1, 0), *v2 = fw_vcpu(w, 2, 1);
	const u32 rs = FSL(FH_PARTITION_RESTART);

	REFUSED(EV_EPERM, v2, rs, 3);
	REFUSED(EV_EPERM, v2, rs, 1);
	REFUSED(EV_EINVAL, v1, rs, 0);
	assert_int_equal(fake_hv.kicks, 0);

	/*
	 * itself (fsl_hv_restart): nothing written, not even r3 (the reload
	 * at the vCPU's next sync sets the fresh boot's registers)
	 */
	assert_int_equal(CALL(v2, rs, SELF), SELF);
	assert_memory_equal(&before, &v2->regs, sizeof(before));
	assert_int_equal(partition_status(fw_part(w, 2)), PART_STARTING);
	assert_int_equal(fake_kicks(fw_vcpu(w, 2, 0)), 1);

	/* another partition: the caller gets its status */
	assert_int_equal(CALL(v1, rs, 3), EV_SUCCESS);
	only_changed(v1, 0);
	assert_int_equal(partition_status(fw_part(w, 3)), PART_STARTING);
	assert_int_equal(fake_kicks(fw_vcpu(w, 3, 0)), 1);
	/* the last request wins (include/weir/partition.h) */
	assert_int_equal(CALL(v1, FSL(FH_PARTITION_STOP), 3), EV_SUCCESS);
	assert_int_equal(partition_status(fw_part(w, 3)), PART_STOPPING);
}

static void test_system_reset(void **state)
{
	REFUSED(EV_EPERM, fw_vcpu(w, 2, 0), FSL(FH_SYSTEM_RESET), 0);
	REFUSED(EV_EPERM, fw_vcpu(w, 3, 0), FSL(FH_SYSTEM_RESET), SELF);
	assert_int_equal(CALL(fw_vcpu(w, 1, 1), FSL(FH_SYSTEM_RESET), 0),
			 EV_SUCCESS);
	only_changed(fw_vcpu(w, 1, 1), 0);
	assert_int_equal(fake_hv.reset_calls, 1);
}

static void test_idle(void **state)
{
	struct vcpu *v = fw_vcpu(w, 2, 1);

	assert_false(v->idle);
	assert_int_equal(CALL(v, EPAPR(EV_IDLE), 0), EV_SUCCESS);
	only_changed(v, 0);
	assert_true(v->idle);
	assert_false(fw_vcpu(w, 2, 0)->idle);
}

/* The lookup bisects: every handler is reachable only if the table is
 * sorted; and a token just past each entry is still unknown. */
/* Every entry's shape fits r3..r10; numbers just past each table, PAPR
 * opcodes that are not multiples of 4 or fall between the LoPAR and KVM
 * ranges are unknown. */
static void test_table_check(void **state)
{
	static const u32 unknown[] = {
		EV_HCALL_TOKEN(WEIR_VENDOR_ID, 0x7fff),
		EV_HCALL_TOKEN(WEIR_VENDOR_ID, WEIR_HC_DMA_COPY + 1),
		EPAPR(EV_IDLE + 1), EPAPR(0), FSL(0), FSL(FH_SYSTEM_RESET + 1),
		FSL(FH_PARTITION_STOP_DMA),
	};
	static const u32 papr_unknown[] = {
		H_PUT_TCE + 1, H_PUT_TCE + 2, H_PUT_TCE + 3, 0, 0x124,
		H_PUT_TCE_INDIRECT + 4, 0x1F00, H_RTAS - 4, H_RTAS + 4,
		H_RTAS + 1, 0xfffc,
	};
	struct vcpu *v = fw_vcpu(w, 1, 0);
	unsigned int i;

	assert_int_equal(hcall_table_check(), 0);
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		assert_int_equal(CALL(v, unknown[i], 0), EV_UNIMPLEMENTED);
		only_changed(v, 0);
	}
	for (i = 0; i < ARRAY_SIZE(papr_unknown); i++) {
		assert_int_equal(CALL(v, PAPR_EPAPR_TOKEN(papr_unknown[i]), 0),
				 (u32)H_FUNCTION);
		only_changed(v, 0);
	}
}

/*
 * The `sc 1` vector's decision for @tok (arch/powerpc start.S sc_decode)
 * from the table as data, @vec (hcall_vec[]), step for step as the
 * assembly takes it: vendor 0-3 or the C path; the number's forbidden
 * bits; past the table, unknown below the slow limit; the entry at byte
 * offset number << scale of 16-byte entries (the 32-bit stride, indexed
 * here by entry since the host's differs), HC_VECTOR to call it, empty
 * for unknown, else handed to C (hv_vcpu_hcall()) to run. VEC_SLOW: the
 * C path looks the token up itself.
 */
enum vec_way { VEC_SLOW, VEC_UNKNOWN, VEC_CALL, VEC_RUN, VEC_BAD_OFFSET };

static enum vec_way vec_decide(const struct hcall_vec *vec, u32 tok,
			       const struct hcall_desc **d, long *status)
{
	u32 vendor = (tok >> 16) & 0x7fff, num = tok & 0xffff, off;
	const struct hcall_vec *h;
	const struct hcall_desc *e;

	if (vendor >= HCALL_VEC_VENDORS)
		return VEC_SLOW;
	h = &vec[vendor];
	*status = h->unknown;
	if (num & h->mask)
		return VEC_UNKNOWN;
	if (num >= h->limit)
		return num >= h->slow ? VEC_SLOW : VEC_UNKNOWN;
	off = num << h->scale;
	if (off % (1u << HCALL_DESC_SHIFT))
		return VEC_BAD_OFFSET; /* not an entry's start */
	e = &h->tab[off >> HCALL_DESC_SHIFT];
	*d = e;
	if (e->flags & HC_VECTOR)
		return VEC_CALL;
	return e->fn ? VEC_RUN : VEC_UNKNOWN;
}

/*
 * Tokens whose vector decision (@vec) disagrees with hcall_find()
 * (hcall_lookup()) and the C dispatcher's unknown status: every number
 * of vendors 0-3, with and without bit 31, and vendors past them. An
 * entry called or handed to C must be hcall_find()'s; the C path's own
 * lookup is a mismatch unless the token is in a range the vector does
 * not model (PAPR's KVM calls from H_RTAS, other vendors). @calls counts
 * the tokens the vector would call a handler for.
 */
static unsigned int vec_mismatches(struct vcpu *v, const struct hcall_vec *vec,
				   unsigned int *calls)
{
	static const u32 vendors[] = { 0, 1, 2, 3, 4, WEIR_VENDOR_ID, 0x7fff };
	u64 in[HC_MAX_IN] = { 0 }, out[HC_MAX_OUT] = { 0 };
	unsigned int bad = 0, i, hi;
	u32 num, tok;

	*calls = 0;
	for (hi = 0; hi < 2; hi++)
		for (i = 0; i < ARRAY_SIZE(vendors); i++)
			for (num = 0; num <= 0xffff; num++) {
				const struct hcall_desc *d = NULL;
				const struct hcall_desc *c;
				long st = 0;

				tok = (hi ? 0x80000000u : 0) |
				      EV_HCALL_TOKEN(vendors[i], num);
				c = hcall_lookup(tok);
				switch (vec_decide(vec, tok, &d, &st)) {
				case VEC_UNKNOWN:
					bad += c || st != hcall_call(v, tok, in,
								     out);
					break;
				case VEC_CALL:
					bad += c != d || !d->regs;
					(*calls)++;
					break;
				case VEC_RUN:
					bad += c != d;
					break;
				case VEC_SLOW:
					bad += vendors[i] < HCALL_VEC_VENDORS &&
					       !(vendors[i] == PAPR_EPAPR_VENDOR &&
						 num >= H_RTAS && !(num & 3));
					break;
				default:
					bad++;
					break;
				}
			}
	return bad;
}

/* The `sc 1` vector's table agrees with hcall_find() on every token of
 * every class (ePAPR vendors 0 and 1, FSL, PAPR opcodes and their low
 * bits, the H_RTAS range, past each table, every entry), and a table
 * wrong in any field is caught. */
static void test_vector_table(void **state)
{
	struct vcpu *v = fw_vcpu(w, 1, 0);
	const struct hcall_desc *d = NULL;
	struct hcall_vec bad[HCALL_VEC_VENDORS];
	unsigned int calls, i;
	long st = 0;

	assert_int_equal(vec_mismatches(v, hcall_vec, &calls), 0);
	/* H_GET_TCE and H_PUT_TCE, with and without bit 31 */
	assert_int_equal(calls, 4);
	assert_int_equal(vec_decide(hcall_vec, PAPR_EPAPR_TOKEN(H_GET_TCE), &d,
				    &st),
			 VEC_CALL);
	assert_ptr_equal(d->regs, hc_h_get_tce_regs);
	assert_int_equal(vec_decide(hcall_vec, PAPR_EPAPR_TOKEN(H_PUT_TCE), &d,
				    &st),
			 VEC_CALL);
	assert_ptr_equal(d->regs, hc_h_put_tce_regs);
	assert_int_equal(vec_decide(hcall_vec, PAPR_EPAPR_TOKEN(H_RTAS), &d,
				    &st),
			 VEC_SLOW);
	assert_int_equal(vec_decide(hcall_vec, PAPR_EPAPR_TOKEN(H_GET_TCE + 1),
				    &d, &st),
			 VEC_UNKNOWN);
	assert_int_equal(st, H_FUNCTION);
	assert_int_equal(vec_decide(hcall_vec, EPAPR(EV_BYTE_CHANNEL_POLL), &d,
				    &st),
			 VEC_RUN);
	assert_ptr_equal(d, hcall_lookup(EPAPR(EV_BYTE_CHANNEL_POLL)));
	assert_int_equal(vec_decide(hcall_vec, EPAPR(0x7ff), &d, &st),
			 VEC_UNKNOWN);
	assert_int_equal(st, EV_UNIMPLEMENTED);

	/* each field wrong, one at a time: the walk notices */
	for (i = 0; i < 5; i++) {
		struct hcall_vec *p = &bad[PAPR_EPAPR_VENDOR];

		memcpy(bad, hcall_vec, sizeof(bad));
		switch (i) {
		case 0: /* PAPR numbers with low bits taken as entries */
			p->mask = 0;
			break;
		case 1: /* the last PAPR entry past the table */
			p->limit -= 4;
			break;
		case 2: /* H_RTAS answered as unknown */
			p->slow = 0x10000;
			break;
		case 3: /* ePAPR's status for PAPR */
			p->unknown = EV_UNIMPLEMENTED;
			break;
		case 4: /* vendor 0 not ePAPR's */
			bad[EV_LOCAL_VENDOR_ID] = hcall_vec[EV_FSL_VENDOR_ID];
			break;
		}
		assert_true(vec_mismatches(v, bad, &calls) > 0);
	}
}

/* The 32-bit register ABI of include/weir/hcall_abi.h both ways: pairs
 * high word first, a 32-bit value one register. */
static void test_abi_regs(void **state)
{
	const u64 val[4] = { 0x1122334455667788ULL, 0xaabbccddULL,
			     0x0123456789abcdefULL, 7 };
	u64 back[4] = { 0 };
	u32 r[8] = { 0 };

	assert_int_equal(hc_abi_to_regs(4, 0x5, val, r), 6);
	assert_int_equal(r[0], 0x11223344);
	assert_int_equal(r[1], 0x55667788);
	assert_int_equal(r[2], 0xaabbccdd);
	assert_int_equal(r[3], 0x01234567);
	assert_int_equal(r[4], 0x89abcdef);
	assert_int_equal(r[5], 7);
	hc_abi_from_regs(4, 0x5, r, back);
	assert_memory_equal(back, val, sizeof(val));
	/* a 32-bit argument keeps only its low word */
	assert_int_equal(hc_abi_to_regs(1, 0, &val[0], r), 1);
	assert_int_equal(r[0], 0x55667788);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_unknown_tokens),
		T(test_table_check),
		T(test_vector_table),
		T(test_abi_regs),
		T(test_unknown_papr_opcode),
		T(test_vendor_zero_and_bit31),
		T(test_status_map),
		T(test_send),
		T(test_send_refused),
		T(test_receive),
		T(test_receive_and_poll_refused),
		T(test_poll),
		T(test_pic_linux_flow),
		T(test_pic_refused),
		T(test_partition_status),
		T(test_partition_stop),
		T(test_partition_restart),
		T(test_system_reset),
		T(test_idle),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
