// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The ePAPR side of the PAPR hcalls: `sc 1` with r11 = (3 << 16) | PAPR
 * opcode (ePAPR vendor 3 = IBM), arguments from r3, every 64-bit value a
 * register pair, high word first; the signed H_* status goes to r3
 * (doc/tce.md, "Guest ABI"). These handlers only move registers and call
 * hv/hcall/papr.c, where the PAPR semantics live.
 */
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/papr.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

/* PAPR "rtas_args": token, nargs, nret, then nargs + nret cells. */
#define RTAS_MAX_CELLS	16

static u64 pair(const u32 *gpr, unsigned int hi)
{
	return (u64)gpr[hi] << 32 | gpr[hi + 1];
}

static u32 papr(struct vcpu *v, u32 *gpr, unsigned long opcode,
		unsigned int nargs)
{
	u64 args[8] = { 0 }, ret[1] = { 0 };
	unsigned int i;
	long status;

	args[0] = gpr[3];			/* LIOBN */
	for (i = 1; i < nargs; i++)		/* pairs from r4 */
		args[i] = pair(gpr, 2 * i + 2);
	if (opcode == H_STUFF_TCE || opcode == H_PUT_TCE_INDIRECT)
		args[3] = gpr[8];		/* count: one register */
	dma_lock();
	status = papr_hcall(v->part, opcode, args, ret);
	dma_unlock();
	gpr[3] = (u32)status;
	if (opcode == H_GET_TCE) {
		gpr[4] = (u32)(ret[0] >> 32);
		gpr[5] = (u32)ret[0];
	}
	return HCALL_NORETURN;
}

u32 hc_h_get_tce(struct vcpu *v, u32 *gpr)
{
	return papr(v, gpr, H_GET_TCE, 2);
}

u32 hc_h_put_tce(struct vcpu *v, u32 *gpr)
{
	return papr(v, gpr, H_PUT_TCE, 3);
}

u32 hc_h_stuff_tce(struct vcpu *v, u32 *gpr)
{
	return papr(v, gpr, H_STUFF_TCE, 3);
}

u32 hc_h_put_tce_indirect(struct vcpu *v, u32 *gpr)
{
	return papr(v, gpr, H_PUT_TCE_INDIRECT, 3);
}

/*
 * H_RTAS: r3 = GPA of an rtas_args buffer (big-endian cells, 4-byte
 * aligned, inside the partition's RAM, nargs + nret <= 16, else
 * H_PARAMETER and nothing is read or written). The cells
 * are copied in, the call runs on the copy, and the return cells are
 * copied back, so a guest changing the buffer meanwhile changes nothing.
 */
u32 hc_h_rtas(struct vcpu *v, u32 *gpr)
{
	u32 cells[3 + RTAS_MAX_CELLS], *buf;
	unsigned int i, nargs, nret;
	gpa_t gpa = gpr[3];

	gpr[3] = (u32)H_PARAMETER;
	buf = gpa & 3 ? NULL : partition_gpa_ptr(v->part, gpa, 12);
	if (!buf)
		return HCALL_NORETURN;
	nargs = be32_to_cpu(buf[1]);
	nret = be32_to_cpu(buf[2]);
	if (nargs > RTAS_MAX_CELLS || nret > RTAS_MAX_CELLS - nargs)
		return HCALL_NORETURN;
	buf = partition_gpa_ptr(v->part, gpa, 4 * (3 + nargs + nret));
	if (!buf)
		return HCALL_NORETURN;
	for (i = 0; i < 3 + nargs; i++)
		cells[i] = be32_to_cpu(buf[i]);
	memset(&cells[3 + nargs], 0, 4 * nret);
	dma_lock();
	papr_rtas_call(v->part, cells[0], &cells[3], nargs, &cells[3 + nargs],
		       nret);
	dma_unlock();
	for (i = 3 + nargs; i < 3 + nargs + nret; i++)
		buf[i] = cpu_to_be32(cells[i]);
	gpr[3] = H_SUCCESS;
	return HCALL_NORETURN;
}
