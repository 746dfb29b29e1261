/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest ABI of weir's error queues (FH_ERR_GET_INFO, include/weir/
 * errq.h; the record layout of doc/dma-engine.md "Error records"). Plain
 * #defines only, shared with the test guests.
 */
#ifndef WEIR_ERRQ_ABI_H
#define WEIR_ERRQ_ABI_H

#define ERRQ_RECORD_SIZE 128 /* bytes, as copied to the guest */

/* Guest-visible handles of the queues (hv-handle in the guest tree). */
#define ERRQ_HANDLE_GUEST 1
#define ERRQ_HANDLE_GLOBAL 2 /* manager partitions only */

#define HV_ERROR_WRITE 0x1u /* the access was a write */
#define HV_ERROR_LOST 0x2u  /* "records lost": addr is how many */

/* Byte offsets inside an encoded record (big-endian fields). */
#define ERRQ_OFF_DOMAIN 0x00
#define ERRQ_OFF_ERROR 0x10
#define ERRQ_OFF_LPID 0x30
#define ERRQ_OFF_DMA_HANDLE 0x34
#define ERRQ_OFF_LIODN 0x38
#define ERRQ_OFF_AVS1 0x3c
#define ERRQ_OFF_AVS2 0x40
#define ERRQ_OFF_FLAGS 0x44
#define ERRQ_OFF_ADDR 0x48
#define ERRQ_OFF_PATH 0x50

#endif
