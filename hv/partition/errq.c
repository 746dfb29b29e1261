// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Error queues: a bounded FIFO of struct hv_error per partition plus one
 * global queue (include/weir/errq.h). Callers serialise (the fault path
 * and the hcalls run with the partition's lock held, or on one core).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <weir/byteorder.h>
#include <weir/errq.h>
#include <weir/partition.h>
#include <weir/unit.h>
#include <weir/vpic.h>

static struct errq global_q;

struct errq *errq_global(void)
{
	return &global_q;
}

static struct hv_error *rec_at(struct errq *q, unsigned int i)
{
	return &q->rec[(q->head + i) % ERRQ_DEPTH];
}

static void lost_one(struct errq *q)
{
	if (q->lost != UINT32_MAX)
		q->lost++;
}

int errq_push(struct errq *q, const struct hv_error *e)
{
	if (q->count == ERRQ_DEPTH) {
		lost_one(q);
		return -ENOSPC;
	}
	*rec_at(q, q->count) = *e;
	q->count++;
	return 0;
}

/*
 * The owner (lpid) a full queue takes a record from to make room for @e:
 * the one holding the most records, @e counted for its own owner; on a
 * tie, @e's owner. A partition whose device storms only ever pushes out
 * its own records once it holds the most.
 */
static u32 fair_victim(struct errq *q, const struct hv_error *e)
{
	u32 best = e->lpid, most = 0;
	unsigned int i, j;

	for (i = 0; i <= q->count; i++) {
		u32 lpid = i < q->count ? rec_at(q, i)->lpid : e->lpid;
		u32 n = lpid == e->lpid;

		for (j = 0; j < q->count; j++)
			n += rec_at(q, j)->lpid == lpid;
		if (n > most || (n == most && lpid == e->lpid)) {
			most = n;
			best = lpid;
		}
	}
	return best;
}

int errq_push_fair(struct errq *q, const struct hv_error *e)
{
	unsigned int i;
	u32 victim;

	if (q->count < ERRQ_DEPTH)
		return errq_push(q, e);
	victim = fair_victim(q, e);
	lost_one(q);
	for (i = 0; i < q->count && rec_at(q, i)->lpid != victim; i++)
		;
	if (i == q->count)
		return -ENOSPC; /* @e's owner holds none: @e goes */
	/* drop the victim's oldest record, keep the order of the rest */
	for (; i + 1 < q->count; i++)
		*rec_at(q, i) = *rec_at(q, i + 1);
	*rec_at(q, q->count - 1) = *e;
	return 0;
}

int errq_pop(struct errq *q, struct hv_error *e, bool peek)
{
	if (q->lost) {
		memset(e, 0, sizeof(*e));
		snprintf(e->domain, sizeof(e->domain), "weir");
		snprintf(e->error, sizeof(e->error), "records lost");
		e->flags = HV_ERROR_LOST;
		e->addr = q->lost;
		if (!peek)
			q->lost = 0;
		return 0;
	}
	if (!q->count)
		return -ENOENT;
	*e = *rec_at(q, 0);
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
	errq_push_fair(&global_q, e);
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

static int errq_unit_reset(struct partition *p)
{
	errq_reset(&p->errq);
	return 0;
}

DEFINE_UNIT(errq, {
			  .name = "error queue",
			  .order = UNIT_ORDER_ERRQ,
			  .init = errq_attach,
			  .reset = errq_unit_reset,
		  });
