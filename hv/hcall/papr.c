// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAPR hcalls (ePAPR vendor 3): the TCE hcalls, H_RTAS and the DDW
 * RTAS calls behind it. The dispatcher has decoded the registers by
 * include/weir/papr.h's shapes (every 64-bit value a register pair, high
 * word first; doc/tce.md "Guest ABI") and holds dma_lock() for the u64
 * handlers (the register handlers take it themselves: they may run from
 * the `sc 1` vector, HC_VECTOR); these handlers call the internal -errno
 * API of hv/dma and map the result to PAPR and RTAS codes. The mapping
 * and the rule behind each case are tabulated in doc/tce.md.
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/dma.h>
#include <weir/hcall.h>
#include <weir/papr.h>
#include <weir/partition.h>
#include <weir/vcpu.h>
#include "hcall_priv.h"

/* PAPR "rtas_args": token, nargs, nret, then nargs + nret cells. */
#define RTAS_MAX_CELLS 16

/*
 * Map an internal TCE-op error to a PAPR status. Caller errors are
 * H_PARAMETER (LoPAR); -E2BIG is @e2big: H_P4 for H_STUFF_TCE (LoPAR),
 * H_PARAMETER for H_PUT_TCE_INDIRECT (LoPAR, KVM); backend failures are
 * H_HARDWARE. Out of line: every handler has a copy of tce_status().
 */
static __attribute__((noinline)) long tce_error(int err, long e2big)
{
	switch (err) {
	case -E2BIG:
		return e2big;
	case -ENOENT:
	case -EPERM:
	case -EINVAL:
	case -EACCES:
	case -EFAULT:
		return H_PARAMETER;
	default:
		return H_HARDWARE;
	}
}

/* 0 is H_SUCCESS, an error as tce_error() */
static inline long tce_status(int err, long e2big)
{
	return err ? tce_error(err, e2big) : H_SUCCESS;
}

/* LoPAR: a negative LIOBN asks for the MTT form of H_PUT_TCE_INDIRECT,
 * which weir does not offer. */
static bool liobn_is_mtt(u64 liobn)
{
	return (s64)liobn < 0;
}

/* H_GET_TCE: in LIOBN, IOBA; out the TCE (0 when refused: tce_get()). */
long hc_h_get_tce(struct vcpu *v, struct hcall_args *a)
{
	return tce_status(tce_get(v->part, a->in[0], a->in[1], &a->out[0]),
			  H_PARAMETER);
}

/* H_PUT_TCE: in LIOBN, IOBA, TCE. */
long hc_h_put_tce(struct vcpu *v, struct hcall_args *a)
{
	return tce_status(tce_put(v->part, a->in[0], a->in[1], a->in[2]),
			  H_PARAMETER);
}

/* The 64-bit value of the register pair at @r, high word first. */
static inline u64 reg_pair(const u32 *r)
{
	return (u64)r[0] << 32 | r[1];
}

/*
 * hc_h_get_tce() and hc_h_put_tce() on the registers (struct hcall_desc
 * regs), by their shapes: H_GET_TCE r3 LIOBN, r4:r5 IOBA in, the TCE in
 * r4:r5 out whatever the status (HC_OUT_ALWAYS); H_PUT_TCE r3 LIOBN,
 * r4:r5 IOBA, r6:r7 TCE. Each takes dma_lock() itself (the dispatcher
 * takes it for the u64 handlers only) and changes nothing but the TCE
 * table, the PAMU and its registers: HC_VECTOR. They try the common case
 * on the partition's last window (tce_get_fast(), tce_put_fast(): 32-bit
 * tests on values computed when the window changed) and otherwise run
 * the full tce_get()/tce_put(), whose status they return: the same for
 * every input as the u64 handlers (test_regs_path_same).
 */
_Static_assert(H_GET_TCE_SHAPE == HC_SHAPE(2, 0x2, 1, 0x1) &&
		       H_PUT_TCE_SHAPE == HC_SHAPE(3, 0x6, 0, 0),
	       "the register handlers' layout");

/*
 * The full H_GET_TCE on the registers, entered under dma_lock() and
 * releasing it: out of line, and a tail call, so the common case has no
 * stack frame.
 */
static __attribute__((noinline)) long get_tce_full(struct partition *p, u32 *r)
{
	u64 tce;
	long st = tce_status(tce_get(p, r[0], reg_pair(&r[1]), &tce),
			     H_PARAMETER);

	dma_unlock();
	r[1] = (u32)(tce >> 32);
	r[2] = (u32)tce;
	return st;
}

long hc_h_get_tce_regs(struct vcpu *v, u32 *r)
{
	struct partition *p = v->part;

	dma_lock();
	if (!tce_get_fast(p->tce_hit, r))
		return get_tce_full(p, r);
	dma_unlock();
	return H_SUCCESS;
}

/* The full H_PUT_TCE on the registers, as get_tce_full(). */
static __attribute__((noinline)) long put_tce_full(struct partition *p,
						   const u32 *r)
{
	long st = tce_status(tce_put(p, r[0], reg_pair(&r[1]), reg_pair(&r[3])),
			     H_PARAMETER);

	dma_unlock();
	return st;
}

long hc_h_put_tce_regs(struct vcpu *v, u32 *r)
{
	struct partition *p = v->part;

	dma_lock();
	if (!tce_put_fast(p->tce_hit, r))
		return put_tce_full(p, r);
	dma_unlock();
	return H_SUCCESS;
}

/* H_STUFF_TCE: in LIOBN, IOBA, TCE value, count. */
long hc_h_stuff_tce(struct vcpu *v, struct hcall_args *a)
{
	return tce_status(tce_stuff(v->part, a->in[0], a->in[1], a->in[2],
				    a->in[3]),
			  H_P4);
}

/* H_PUT_TCE_INDIRECT: in LIOBN, IOBA, list GPA, count. */
long hc_h_put_tce_indirect(struct vcpu *v, struct hcall_args *a)
{
	if (liobn_is_mtt(a->in[0]))
		return H_FUNCTION;
	return tce_status(tce_put_indirect(v->part, a->in[0], a->in[1],
					   a->in[2], a->in[3]),
			  H_PARAMETER);
}

/*
 * H_RTAS: in the GPA of an rtas_args buffer (big-endian cells, 4-byte
 * aligned, inside the partition's RAM, nargs + nret <= 16, else
 * H_PARAMETER and nothing is read or written). The cells are copied in,
 * the call runs on the copy, and the return cells are copied back, so a
 * guest changing the buffer meanwhile changes nothing.
 */
long hc_h_rtas(struct vcpu *v, struct hcall_args *a)
{
	u32 cells[3 + RTAS_MAX_CELLS], *buf;
	unsigned int i, nargs, nret;
	gpa_t gpa = a->in[0];

	buf = gpa & 3 ? NULL : partition_gpa_ptr(v->part, gpa, 12);
	if (!buf)
		return H_PARAMETER;
	nargs = be32_to_cpu(buf[1]);
	nret = be32_to_cpu(buf[2]);
	if (nargs > RTAS_MAX_CELLS || nret > RTAS_MAX_CELLS - nargs)
		return H_PARAMETER;
	buf = partition_gpa_ptr(v->part, gpa, 4 * (3 + nargs + nret));
	if (!buf)
		return H_PARAMETER;
	for (i = 0; i < 3 + nargs; i++)
		cells[i] = be32_to_cpu(buf[i]);
	memset(&cells[3 + nargs], 0, 4 * nret);
	papr_rtas_call(v->part, cells[0], &cells[3], nargs, &cells[3 + nargs],
		       nret);
	for (i = 3 + nargs; i < 3 + nargs + nret; i++)
		buf[i] = cpu_to_be32(cells[i]);
	return H_SUCCESS;
}

/* Map an internal DDW error to an RTAS status: -EIO (backend) is a
 * hardware error, everything else a parameter error (LoPAR). */
static int rtas_status(int err)
{
	if (!err)
		return RTAS_SUCCESS;
	return err == -EIO || err == -ENOMEM ? RTAS_HARDWARE_ERROR :
					       RTAS_PARAMETER_ERROR;
}

static u64 cells_to_u64(u32 hi, u32 lo)
{
	return (u64)hi << 32 | lo;
}

/*
 * ibm,query-pe-dma-window: in config_addr, BUID hi, BUID lo; out 5
 * (status, windows, largest block, page mask, migration mask) or 6
 * (largest block as hi, lo), as advertised by ibm,ddw-extensions[2] = 1.
 * A block too large for 5 outputs is reported as 0xffffffff.
 */
static int rtas_query(struct partition *p, const u32 *args, unsigned int nargs,
		      u32 *rets, unsigned int nrets)
{
	struct ddw_query q;
	unsigned int i = 1;
	int err;

	if (nargs != 3 || (nrets != 5 && nrets != 6))
		return RTAS_PARAMETER_ERROR;
	err = ddw_query(p, cells_to_u64(args[1], args[2]), &q);
	if (err)
		return rtas_status(err);
	rets[i++] = q.windows_available;
	if (nrets == 6)
		rets[i++] = (u32)(q.largest_block >> 32);
	else if (q.largest_block >> 32)
		q.largest_block = 0xffffffffu;
	rets[i++] = (u32)q.largest_block;
	rets[i++] = q.page_mask;
	rets[i] = q.migration_mask;
	return RTAS_SUCCESS;
}

/*
 * ibm,create-pe-dma-window: in config_addr, BUID hi, BUID lo, page shift,
 * window shift; out status, LIOBN, start hi, start lo.
 */
static int rtas_create(struct partition *p, const u32 *args, unsigned int nargs,
		       u32 *rets, unsigned int nrets)
{
	u32 liobn;
	u64 start;
	int err;

	if (nargs != 5 || nrets != 4)
		return RTAS_PARAMETER_ERROR;
	err = ddw_create(p, cells_to_u64(args[1], args[2]), args[3], args[4],
			 &liobn, &start);
	if (err)
		return rtas_status(err);
	rets[1] = liobn;
	rets[2] = (u32)(start >> 32);
	rets[3] = (u32)start;
	return RTAS_SUCCESS;
}

/* ibm,remove-pe-dma-window: in LIOBN; out status. */
static int rtas_remove(struct partition *p, const u32 *args, unsigned int nargs,
		       unsigned int nrets)
{
	if (nargs != 1 || nrets != 1)
		return RTAS_PARAMETER_ERROR;
	return rtas_status(ddw_remove(p, args[0]));
}

/* ibm,reset-pe-dma-window: in config_addr, BUID hi, BUID lo; out status.
 * The 4-input "limited address mode" form (LoPAR 2.13) is refused. */
static int rtas_reset(struct partition *p, const u32 *args, unsigned int nargs,
		      unsigned int nrets)
{
	if (nargs != 3 || nrets != 1)
		return RTAS_PARAMETER_ERROR;
	return rtas_status(ddw_reset(p, cells_to_u64(args[1], args[2])));
}

int papr_rtas_call(struct partition *p, u32 token, const u32 *args,
		   unsigned int nargs, u32 *rets, unsigned int nrets)
{
	int status;

	if (!nrets)
		return RTAS_PARAMETER_ERROR;
	switch (token) {
	case PAPR_RTAS_QUERY_PE_DMA_WINDOW:
		status = rtas_query(p, args, nargs, rets, nrets);
		break;
	case PAPR_RTAS_CREATE_PE_DMA_WINDOW:
		status = rtas_create(p, args, nargs, rets, nrets);
		break;
	case PAPR_RTAS_REMOVE_PE_DMA_WINDOW:
		status = rtas_remove(p, args, nargs, nrets);
		break;
	case PAPR_RTAS_RESET_PE_DMA_WINDOW:
		status = rtas_reset(p, args, nargs, nrets);
		break;
	default:
		status = RTAS_PARAMETER_ERROR;
		break;
	}
	rets[0] = (u32)status;
	return status;
}
