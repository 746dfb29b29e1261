/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PAPR boundary of weir: TCE hcalls and the DDW RTAS-style calls.
 *
 * How a guest gets here (the plan, doc/tce.md): ePAPR hypercall `sc 1`
 * with r11 = PAPR_EPAPR_TOKEN(opcode), i.e. (ePAPR vendor id 3 "IBM" <<
 * 16) | PAPR opcode, arguments from r3 (first) on; r3 returns the status,
 * outputs follow from r4. The arch trap handler fills args[] and copies
 * ret[] back; papr_hcall() does the rest. Opcodes and return codes are
 * PAPR's (LoPAR ch_lpar_option.xml; Linux asm/hvcall.h).
 */
#ifndef WEIR_PAPR_H
#define WEIR_PAPR_H

#include <weir/types.h>

struct partition;

/* ePAPR vendor id of IBM/PAPR hcalls (ePAPR 1.1 "Hypercall numbers"). */
#define PAPR_EPAPR_VENDOR	3
#define PAPR_EPAPR_TOKEN(op)	((PAPR_EPAPR_VENDOR << 16) | (op))

/* Opcodes (hcall-tce, hcall-multi-tce). */
#define H_GET_TCE		0x1C
#define H_PUT_TCE		0x20
#define H_STUFF_TCE		0x138
#define H_PUT_TCE_INDIRECT	0x13C	/* not 0x124: that is H_BULK_REMOVE */
/* RTAS through an hcall (KVM/QEMU KVMPPC_H_RTAS, Linux asm/hvcall.h). */
#define H_RTAS			0xF000

/* Return codes. */
#define H_SUCCESS		0
#define H_HARDWARE		(-1)
#define H_FUNCTION		(-2)
#define H_PRIVILEGE		(-3)
#define H_PARAMETER		(-4)
#define H_NOT_ENOUGH_RESOURCES	(-44)
#define H_P2			(-55)
#define H_P3			(-56)
#define H_P4			(-57)

/*
 * RTAS tokens of the DDW calls, weir's choice; the guest DT publishes
 * them in ibm,ddw-applicable <query create remove> and
 * ibm,ddw-extensions <2 reset 1> (1: query may return 6 outputs).
 */
#define PAPR_RTAS_QUERY_PE_DMA_WINDOW	0x7701
#define PAPR_RTAS_CREATE_PE_DMA_WINDOW	0x7702
#define PAPR_RTAS_REMOVE_PE_DMA_WINDOW	0x7703
#define PAPR_RTAS_RESET_PE_DMA_WINDOW	0x7704
#define PAPR_DDW_EXT_COUNT		2
#define PAPR_DDW_EXT_QUERY_OUT6		1

/* RTAS status codes (LoPAR). */
#define RTAS_SUCCESS		0
#define RTAS_HARDWARE_ERROR	(-1)
#define RTAS_PARAMETER_ERROR	(-3)

/**
 * papr_hcall() - run one PAPR hcall for partition @p
 * @opcode: PAPR opcode (H_*)
 * @args: the hcall arguments in order (args[0] is the first, e.g. LIOBN)
 * @ret: outputs (ret[0] is the first, r4 in PAPR); only H_GET_TCE writes
 *       it, 0 when it fails
 *
 * Return: the PAPR status (H_SUCCESS, H_PARAMETER, H_P4, H_HARDWARE,
 * H_FUNCTION ...), see doc/tce.md for each case.
 */
long papr_hcall(struct partition *p, unsigned long opcode, u64 args[8],
		u64 *ret);

/**
 * papr_rtas_call() - run one DDW RTAS call for partition @p
 * @token: PAPR_RTAS_*
 * @args: @nargs input cells; @rets: @nrets output cells, rets[0] = status
 *
 * Return: the status also written to rets[0] (when @nrets >= 1):
 * RTAS_SUCCESS, RTAS_PARAMETER_ERROR (wrong nargs/nrets, unknown token,
 * BUID or LIOBN, bad shifts, no window available), RTAS_HARDWARE_ERROR
 * (the IOMMU refused).
 */
int papr_rtas_call(struct partition *p, u32 token, const u32 *args,
		   unsigned int nargs, u32 *rets, unsigned int nrets);

#endif
