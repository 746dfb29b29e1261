// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The PAPR hcall and RTAS boundary: decode arguments, call the internal
 * -errno API of hv/dma, map the result to PAPR codes. The mapping and
 * the rule behind each case are tabulated in doc/tce.md.
 */
#include <errno.h>
#include <weir/dma.h>
#include <weir/papr.h>

/*
 * Map an internal TCE-op error to a PAPR status. Caller errors are
 * H_PARAMETER (LoPAR); -E2BIG is H_P4 for H_STUFF_TCE (LoPAR) and
 * H_PARAMETER for H_PUT_TCE_INDIRECT (LoPAR, KVM); backend failures are
 * H_HARDWARE.
 */
static long tce_status(int err, unsigned long opcode)
{
	switch (err) {
	case 0:
		return H_SUCCESS;
	case -E2BIG:
		return opcode == H_STUFF_TCE ? H_P4 : H_PARAMETER;
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

/* LoPAR: a negative LIOBN asks for the MTT form of H_PUT_TCE_INDIRECT,
 * which weir does not offer. */
static bool liobn_is_mtt(u64 liobn)
{
	return (s64)liobn < 0;
}

long papr_hcall(struct partition *p, unsigned long opcode, u64 args[8],
		u64 *ret)
{
	int err;

	switch (opcode) {
	case H_GET_TCE:
		err = tce_get(p, args[0], args[1], &ret[0]);
		break;
	case H_PUT_TCE:
		err = tce_put(p, args[0], args[1], args[2]);
		break;
	case H_STUFF_TCE:
		err = tce_stuff(p, args[0], args[1], args[2], args[3]);
		break;
	case H_PUT_TCE_INDIRECT:
		if (liobn_is_mtt(args[0]))
			return H_FUNCTION;
		err = tce_put_indirect(p, args[0], args[1], args[2], args[3]);
		break;
	default:
		return H_FUNCTION;
	}
	return tce_status(err, opcode);
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
static int rtas_query(struct partition *p, const u32 *args,
		      unsigned int nargs, u32 *rets, unsigned int nrets)
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
static int rtas_create(struct partition *p, const u32 *args,
		       unsigned int nargs, u32 *rets, unsigned int nrets)
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
static int rtas_remove(struct partition *p, const u32 *args,
		       unsigned int nargs, unsigned int nrets)
{
	if (nargs != 1 || nrets != 1)
		return RTAS_PARAMETER_ERROR;
	return rtas_status(ddw_remove(p, args[0]));
}

/* ibm,reset-pe-dma-window: in config_addr, BUID hi, BUID lo; out status.
 * The 4-input "limited address mode" form (LoPAR 2.13) is refused. */
static int rtas_reset(struct partition *p, const u32 *args,
		      unsigned int nargs, unsigned int nrets)
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
