// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Error queues: a bounded FIFO of struct hv_error per partition plus one
 * global queue (include/weir/errq.h). Callers serialise (the fault path
 * and the hcalls run with the partition's lock held, or on one core).
 */
#include <errno.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/errq.h>
#include <weir/partition.h>
#include <weir/vpic.h>

static struct errq global_q;

struct errq *errq_global(void)
{
	return &global_q;
}

int errq_push(struct errq *q, const struct hv_error *e)
{
	if (q->count == ERRQ_DEPTH) {
		q->lost++;
		return -ENOSPC;
	}
	q->rec[(q->head + q->count) % ERRQ_DEPTH] = *e;
	q->count++;
	return 0;
}

int errq_pop(struct errq *q, struct hv_error *e, bool peek)
{
	if (!q->count)
		return -ENOENT;
	*e = q->rec[q->head];
	if (!peek) {
		q->head = (q->head + 1) % ERRQ_DEPTH;
		q->count--;
	}
	return 0;
}

void errq_reset(struct errq *q)
{
	memset(q, 0, sizeof(*q));
}

static void store_be32(u8 *p, u32 v)
{
	u32 be = cpu_to_be32(v);

	memcpy(p, &be, 4);
}

void errq_encode(const struct hv_error *e, u8 *buf)
{
	u64 addr = cpu_to_be64(e->addr);

	memset(buf, 0, ERRQ_RECORD_SIZE);
	memcpy(buf + ERRQ_OFF_DOMAIN, e->domain, sizeof(e->domain) - 1);
	memcpy(buf + ERRQ_OFF_ERROR, e->error, sizeof(e->error) - 1);
	store_be32(buf + ERRQ_OFF_LPID, e->lpid);
	store_be32(buf + ERRQ_OFF_DMA_HANDLE, e->dma_handle);
	store_be32(buf + ERRQ_OFF_LIODN, e->liodn);
	store_be32(buf + ERRQ_OFF_AVS1, e->avs1);
	store_be32(buf + ERRQ_OFF_AVS2, e->avs2);
	store_be32(buf + ERRQ_OFF_FLAGS, e->flags);
	memcpy(buf + ERRQ_OFF_ADDR, &addr, 8);
	memcpy(buf + ERRQ_OFF_PATH, e->path, sizeof(e->path) - 1);
}

void errq_report(struct partition *p, const struct hv_error *e)
{
	errq_push(&global_q, e);
	if (!p)
		return;
	errq_push(&p->errq, e);
	if (p->pic)
		vpic_raise(p->pic, VPIC_IRQ_ERRQ);
}

/* EOI of the queue interrupt: level-style, raise again while records wait. */
static void errq_eoi(void *arg, u32 irq)
{
	struct partition *p = arg;

	if (p->errq.count)
		vpic_raise(p->pic, irq);
}

int errq_attach(struct partition *p)
{
	errq_reset(&p->errq);
	return vpic_claim(p->pic, VPIC_IRQ_ERRQ, errq_eoi, p);
}
