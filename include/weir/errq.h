/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Error queues (the NXP Embedded Hypervisor's model, ../shared/reference/
 * topaz.md §2.9): every partition has a guest error queue that receives
 * the errors of its own devices, and weir keeps one global queue that a
 * manager partition reads. A guest reads a record with FH_ERR_GET_INFO
 * (r3 queue handle, r4 buffer size, r5:r6 buffer GPA, r7 peek); the
 * record layout is weir's own and documented in doc/dma-engine.md
 * ("Error records"). A queue interrupt (vPIC source) is raised while a
 * guest queue holds records.
 */
#ifndef WEIR_ERRQ_H
#define WEIR_ERRQ_H

#include <weir/errq_abi.h>
#include <weir/types.h>

struct partition;

#define ERRQ_DEPTH 16 /* records per queue */

/* One error, host form (serialised big-endian by errq_encode()). */
struct hv_error {
	char domain[16]; /* "pamu", "dma-engine" */
	char error[32];	 /* "access violation" */
	u32 lpid;	 /* guest-id of the partition the device is in */
	u32 dma_handle;	 /* the device's fsl,hv-dma-handle */
	u32 liodn;
	u32 avs1, avs2; /* PAMU status words (model: AVS1 code) */
	u32 flags;	/* HV_ERROR_WRITE, ... */
	u64 addr;	/* faulting IOVA */
	char path[48];	/* device node in the guest tree */
};

struct errq {
	struct hv_error rec[ERRQ_DEPTH];
	unsigned int head, count;
	u32 lost; /* records dropped because the queue was full */
};

/**
 * errq_push() - append @e to @q (a partition's own queue)
 * Return: 0, or -ENOSPC when @q is full (the record is dropped and
 * counted in q->lost: a partition's queue keeps its oldest records, the
 * ones a guest needs to understand a storm of its own device).
 */
int errq_push(struct errq *q, const struct hv_error *e);

/**
 * errq_push_fair() - append @e to @q (the global queue), fair to owners
 *
 * A full @q makes room by dropping the oldest record of the partition
 * (e->lpid) holding the most records, @e counted for its owner; on a tie
 * @e's owner loses. So one partition's storm pushes out only its own
 * records once it holds the most, newest kept, and never hides another
 * partition's records. Every record dropped is counted in q->lost.
 * Return: 0 when @e was queued, -ENOSPC when @e itself was dropped (its
 * owner holds no record and ties with the largest: only with more
 * owners than ERRQ_DEPTH allows).
 */
int errq_push_fair(struct errq *q, const struct hv_error *e);

/**
 * errq_pop() - the next record of @q, removed unless @peek
 *
 * When records were dropped since the last read, the next record is a
 * "records lost" one (domain "weir", flags HV_ERROR_LOST, addr the number
 * dropped, other fields 0); reading it (not peeking) resets the count.
 * Return: 0, or -ENOENT when @q is empty and nothing was lost.
 */
int errq_pop(struct errq *q, struct hv_error *e, bool peek);

/* Empty @q (partition restart). */
void errq_reset(struct errq *q);

/* Serialise @e into @buf (ERRQ_RECORD_SIZE bytes, big-endian). */
void errq_encode(const struct hv_error *e, u8 *buf);

/* The global queue (errors of every partition, read by managers). */
struct errq *errq_global(void);

/**
 * errq_report() - queue @e for partition @p (its guest queue, raising
 * its error-queue interrupt) and on the global queue.
 */
void errq_report(struct partition *p, const struct hv_error *e);

/**
 * errq_attach() - empty @p's guest queue and claim its interrupt
 * (VPIC_IRQ_ERRQ, level-style: raised again after each EOI while records
 * wait). Return: 0, or vpic_claim()'s error.
 */
int errq_attach(struct partition *p);

#endif
