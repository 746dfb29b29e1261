/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ePAPR / Freescale hypervisor call ABI, as a Linux guest uses it:
 * `sc 1` with the token in r11 = (vendor << 16) | number, arguments in
 * r3..r10, status in r3, outputs from r4.
 *
 * Numbers from Linux arch/powerpc/include/uapi/asm/epapr_hcalls.h and
 * asm/fsl_hcalls.h (6.1), ePAPR 1.1 chapter 6; summarised in
 * ../shared/reference/pamu-and-linux-guest.md §4. Plain #defines only:
 * the test guests include this file too.
 */
#ifndef WEIR_EPAPR_H
#define WEIR_EPAPR_H

#define EV_LOCAL_VENDOR_ID 0 /* accepted as ePAPR (Topaz does too) */
#define EV_EPAPR_VENDOR_ID 1
#define EV_FSL_VENDOR_ID 2

#define EV_HCALL_TOKEN(vendor, num) (((vendor) << 16) | (num))
#define EV_TOKEN_VENDOR(tok) (((tok)&0x7fffffff) >> 16)
#define EV_TOKEN_NUM(tok) ((tok)&0xffff)

/* ePAPR hcalls (vendor 1) */
#define EV_BYTE_CHANNEL_SEND 1
#define EV_BYTE_CHANNEL_RECEIVE 2
#define EV_BYTE_CHANNEL_POLL 3
#define EV_INT_SET_CONFIG 4
#define EV_INT_GET_CONFIG 5
#define EV_INT_SET_MASK 6
#define EV_INT_GET_MASK 7
#define EV_INT_IACK 9
#define EV_INT_EOI 10
#define EV_INT_SEND_IPI 11
#define EV_INT_SET_TASK_PRIORITY 12
#define EV_INT_GET_TASK_PRIORITY 13
#define EV_DOORBELL_SEND 14
#define EV_MSGSND 15
#define EV_IDLE 16

/* Freescale hcalls (vendor 2) */
#define FH_ERR_GET_INFO 1
#define FH_PARTITION_GET_DTPROP 2
#define FH_PARTITION_SET_DTPROP 3
#define FH_PARTITION_RESTART 4
#define FH_PARTITION_GET_STATUS 5
#define FH_PARTITION_START 6
#define FH_PARTITION_STOP 7
#define FH_PARTITION_MEMCPY 8
#define FH_DMA_ENABLE 9
#define FH_DMA_DISABLE 10
#define FH_SEND_NMI 11
#define FH_VMPIC_GET_MSIR 12
#define FH_SYSTEM_RESET 13
#define FH_GET_CORE_STATE 14
#define FH_ENTER_NAP 15
#define FH_EXIT_NAP 16
#define FH_CLAIM_DEVICE 17
#define FH_PARTITION_STOP_DMA 18

/*
 * weir's own hcalls, vendor WEIR_VENDOR_ID ("WE"), for the devices only
 * weir provides (doc/dma-engine.md). 64-bit values are register pairs,
 * high word first, as in doc/tce.md.
 *  WEIR_HC_MSI_INFO   r3 LIOBN -> r4:r5 doorbell IOVA (MSIIR), r6 SRS
 *                     shift, r7 IBS shift, r8 first vPIC irq of the bank
 *  WEIR_HC_DMA_COPY   r3 DMA handle, r4:r5 source IOVA, r6:r7 destination
 *                     IOVA, r8 length in bytes -> status only
 */
#define WEIR_VENDOR_ID 0x5745
#define WEIR_HC_MSI_INFO 1
#define WEIR_HC_DMA_COPY 2

/* FH_PARTITION_GET_STATUS results */
#define FH_PARTITION_STOPPED 0
#define FH_PARTITION_RUNNING 1
#define FH_PARTITION_STARTING 2
#define FH_PARTITION_STOPPING 3

/* Status codes in r3 */
#define EV_SUCCESS 0
#define EV_EPERM 1
#define EV_ENOENT 2
#define EV_EIO 3
#define EV_EAGAIN 4
#define EV_ENOMEM 5
#define EV_EFAULT 6
#define EV_ENODEV 7
#define EV_EINVAL 8
#define EV_INTERNAL 9
#define EV_CONFIG 10
#define EV_INVALID_STATE 11
#define EV_UNIMPLEMENTED 12
#define EV_BUFFER_OVERFLOW 13

#define EV_BYTE_CHANNEL_MAX_BYTES 16

/* ehv_pic interrupt config (EV_INT_SET_CONFIG r4) */
#define EV_INT_CONFIG_POLARITY_POS 1
#define EV_INT_CONFIG_LEVEL 2

/* EV_INT_IACK result when nothing is pending */
#define EV_INT_SPURIOUS 0xffff

/* The instruction a guest issues: sc 1 (sc with LEV = 1). */
#define EPAPR_HCALL_INSN 0x44000022

#endif
