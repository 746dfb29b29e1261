/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PAPR guest ABI of weir: TCE hcalls, H_RTAS and the DDW RTAS calls.
 *
 * How a guest gets here (doc/tce.md): ePAPR hypercall `sc 1` with r11 =
 * PAPR_EPAPR_TOKEN(opcode), i.e. (ePAPR vendor id 3 "IBM" << 16) | PAPR
 * opcode, arguments from r3 (first) on as the H_*_SHAPE below lay them
 * out (include/weir/hcall_abi.h); r3 returns the signed status, outputs
 * follow from r4. Opcodes and return codes are PAPR's (LoPAR
 * ch_lpar_option.xml; Linux asm/hvcall.h). Plain #defines only, shared
 * with the test guests; the handlers are in hv/hcall/papr.c.
 */
#ifndef WEIR_PAPR_H
#define WEIR_PAPR_H

#include <weir/hcall_abi.h>

/* ePAPR vendor id of IBM/PAPR hcalls (ePAPR 1.1 "Hypercall numbers"). */
#define PAPR_EPAPR_VENDOR 3
#define PAPR_EPAPR_TOKEN(op) ((PAPR_EPAPR_VENDOR << 16) | (op))

/* Opcodes (hcall-tce, hcall-multi-tce). */
#define H_GET_TCE 0x1C
#define H_PUT_TCE 0x20
#define H_STUFF_TCE 0x138
#define H_PUT_TCE_INDIRECT 0x13C /* not 0x124: that is H_BULK_REMOVE */
/* RTAS through an hcall (KVM/QEMU KVMPPC_H_RTAS, Linux asm/hvcall.h). */
#define H_RTAS 0xF000

/*
 * Their 32-bit register shapes (HC_SHAPE(nin, in_pairs, nout, out_pairs)):
 * LIOBN and count one register each, IOBA, TCE and list address register
 * pairs; H_GET_TCE's TCE the pair r4:r5; H_RTAS the GPA of its rtas_args.
 */
#define H_GET_TCE_SHAPE HC_SHAPE(2, 0x2, 1, 0x1)
#define H_PUT_TCE_SHAPE HC_SHAPE(3, 0x6, 0, 0)
#define H_STUFF_TCE_SHAPE HC_SHAPE(4, 0x6, 0, 0)
#define H_PUT_TCE_INDIRECT_SHAPE HC_SHAPE(4, 0x6, 0, 0)
#define H_RTAS_SHAPE HC_SHAPE(1, 0, 0, 0)

/* Return codes. */
#define H_SUCCESS 0
#define H_HARDWARE (-1)
#define H_FUNCTION (-2)
#define H_PRIVILEGE (-3)
#define H_PARAMETER (-4)
#define H_NOT_ENOUGH_RESOURCES (-44)
#define H_P2 (-55)
#define H_P3 (-56)
#define H_P4 (-57)

/*
 * RTAS tokens of the DDW calls, weir's choice; the guest DT publishes
 * them in ibm,ddw-applicable <query create remove> and
 * ibm,ddw-extensions <2 reset 1> (1: query may return 6 outputs).
 */
#define PAPR_RTAS_QUERY_PE_DMA_WINDOW 0x7701
#define PAPR_RTAS_CREATE_PE_DMA_WINDOW 0x7702
#define PAPR_RTAS_REMOVE_PE_DMA_WINDOW 0x7703
#define PAPR_RTAS_RESET_PE_DMA_WINDOW 0x7704
#define PAPR_DDW_EXT_COUNT 2
#define PAPR_DDW_EXT_QUERY_OUT6 1

/* RTAS status codes (LoPAR). */
#define RTAS_SUCCESS 0
#define RTAS_HARDWARE_ERROR (-1)
#define RTAS_PARAMETER_ERROR (-3)

#endif
