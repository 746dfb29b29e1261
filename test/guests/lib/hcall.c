// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Typed hcall wrappers over hcall_raw() (hcall.S). Argument and result
 * registers as in Linux arch/powerpc/include/asm/epapr_hcalls.h and
 * fsl_hcalls.h; byte-channel data travels in r5..r8, big-endian, first
 * byte in the most significant byte of r5.
 */
#include <string.h>
#include <libfdt.h>
#include "guest.h"

#define EPAPR(n)	EV_HCALL_TOKEN(EV_EPAPR_VENDOR_ID, n)
#define FSL(n)		EV_HCALL_TOKEN(EV_FSL_VENDOR_ID, n)

static void pack16(u32 w[4], const void *buf, u32 count)
{
	u8 b[EV_BYTE_CHANNEL_MAX_BYTES] = { 0 };
	int i;

	memcpy(b, buf, count < sizeof(b) ? count : sizeof(b));
	for (i = 0; i < 4; i++)
		w[i] = (u32)b[4 * i] << 24 | (u32)b[4 * i + 1] << 16 |
		       (u32)b[4 * i + 2] << 8 | b[4 * i + 3];
}

static void unpack16(void *buf, const u32 w[4], u32 count)
{
	u8 b[EV_BYTE_CHANNEL_MAX_BYTES];
	int i;

	for (i = 0; i < 4; i++) {
		b[4 * i] = w[i] >> 24;
		b[4 * i + 1] = w[i] >> 16;
		b[4 * i + 2] = w[i] >> 8;
		b[4 * i + 3] = w[i];
	}
	memcpy(buf, b, count < sizeof(b) ? count : sizeof(b));
}

u32 ev_byte_channel_send(u32 handle, u32 count, const void *buf, u32 *sent)
{
	u32 a[8] = { handle, count }, o[8];

	pack16(&a[2], buf, count);
	hcall_raw(EPAPR(EV_BYTE_CHANNEL_SEND), a, o);
	if (sent)
		*sent = o[1];
	return o[0];
}

u32 ev_byte_channel_receive(u32 handle, u32 max, void *buf, u32 *count)
{
	u32 a[8] = { handle, max }, o[8];
	u32 n;

	hcall_raw(EPAPR(EV_BYTE_CHANNEL_RECEIVE), a, o);
	n = o[0] == EV_SUCCESS ? o[1] : 0;
	if (n > max)
		n = max;
	if (n > EV_BYTE_CHANNEL_MAX_BYTES)
		n = EV_BYTE_CHANNEL_MAX_BYTES;
	unpack16(buf, &o[2], n);
	if (count)
		*count = n;
	return o[0];
}

u32 ev_byte_channel_poll(u32 handle, u32 *rx, u32 *tx)
{
	u32 a[8] = { handle }, o[8];

	hcall_raw(EPAPR(EV_BYTE_CHANNEL_POLL), a, o);
	if (rx)
		*rx = o[1];
	if (tx)
		*tx = o[2];
	return o[0];
}

u32 ev_int_set_config(u32 irq, u32 config, u32 prio, u32 dest)
{
	u32 a[8] = { irq, config, prio, dest };

	return hcall_raw(EPAPR(EV_INT_SET_CONFIG), a, NULL);
}

u32 ev_int_get_config(u32 irq, u32 *config, u32 *prio, u32 *dest)
{
	u32 a[8] = { irq }, o[8];

	hcall_raw(EPAPR(EV_INT_GET_CONFIG), a, o);
	if (config)
		*config = o[1];
	if (prio)
		*prio = o[2];
	if (dest)
		*dest = o[3];
	return o[0];
}

u32 ev_int_set_mask(u32 irq, u32 mask)
{
	u32 a[8] = { irq, mask };

	return hcall_raw(EPAPR(EV_INT_SET_MASK), a, NULL);
}

u32 ev_int_get_mask(u32 irq, u32 *mask)
{
	u32 a[8] = { irq }, o[8];

	hcall_raw(EPAPR(EV_INT_GET_MASK), a, o);
	if (mask)
		*mask = o[1];
	return o[0];
}

u32 ev_int_iack(u32 *vector)
{
	u32 a[8] = { 0 }, o[8];

	hcall_raw(EPAPR(EV_INT_IACK), a, o);
	if (vector)
		*vector = o[1];
	return o[0];
}

u32 ev_int_eoi(u32 irq)
{
	u32 a[8] = { irq };

	return hcall_raw(EPAPR(EV_INT_EOI), a, NULL);
}

u32 fh_partition_get_status(u32 id, u32 *status)
{
	u32 a[8] = { id }, o[8];

	hcall_raw(FSL(FH_PARTITION_GET_STATUS), a, o);
	if (status)
		*status = o[1];
	return o[0];
}

u32 fh_partition_stop(u32 id)
{
	u32 a[8] = { id };

	return hcall_raw(FSL(FH_PARTITION_STOP), a, NULL);
}

u32 fh_partition_restart(u32 id)
{
	u32 a[8] = { id };

	return hcall_raw(FSL(FH_PARTITION_RESTART), a, NULL);
}

u32 fh_system_reset(void)
{
	u32 a[8] = { 0 };

	return hcall_raw(FSL(FH_SYSTEM_RESET), a, NULL);
}

const char *ev_strerror(u32 status)
{
	static const char *const names[] = {
		"EV_SUCCESS", "EV_EPERM", "EV_ENOENT", "EV_EIO", "EV_EAGAIN",
		"EV_ENOMEM", "EV_EFAULT", "EV_ENODEV", "EV_EINVAL",
		"EV_INTERNAL", "EV_CONFIG", "EV_INVALID_STATE",
		"EV_UNIMPLEMENTED", "EV_BUFFER_OVERFLOW",
	};

	if (status < sizeof(names) / sizeof(names[0]))
		return names[status];
	return "EV_?";
}

static void patch_slot(u32 *slot, const u32 *insn, int n)
{
	int i;

	for (i = 0; i < 4; i++) {
		slot[i] = i < n ? insn[i] : 0x60000000;	/* nop */
		__asm__ __volatile__("dcbst 0,%0; sync; icbi 0,%0"
				     : : "r"(&slot[i]) : "memory");
	}
	__asm__ __volatile__("sync; isync" : : : "memory");
}

/*
 * ePAPR 1.1 §6.1.2: the hypervisor names the instruction sequence of an
 * hcall in /hypervisor/hcall-instructions (up to 4 cells). Without the
 * property the slots keep `sc 1`.
 */
void hcall_patch(const void *fdt)
{
	const fdt32_t *p;
	u32 insn[4];
	int node, len, i;

	node = fdt_path_offset(fdt, "/hypervisor");
	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "hcall-instructions", &len);
	if (!p || len < 4 || len > 16 || len % 4)
		return;
	for (i = 0; i < len / 4; i++)
		insn[i] = fdt32_to_cpu(p[i]);
	patch_slot(__hcall_slot, insn, len / 4);
	patch_slot(__idle_slot, insn, len / 4);
}
