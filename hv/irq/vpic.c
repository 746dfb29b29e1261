// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-partition virtual PIC behind `epapr,hv-pic`; the model is
 * described in include/weir/vpic.h. What the guest sees follows Linux's
 * ehv_pic.c (6.1): fasteoi flow (IACK, handler, EOI), mask/unmask through
 * EV_INT_SET_MASK, type and affinity through GET_CONFIG + SET_CONFIG.
 * Like Topaz's vpic (nxp-qoriq-yocto-sdk/hypervisor src/vpic.c) a raised
 * source stays pending while masked and is delivered on unmask.
 */
#include <errno.h>
#include <string.h>
#include <weir/epapr.h>
#include <weir/partition.h>
#include <weir/unit.h>
#include <weir/vcpu_kick.h>
#include <weir/vpic.h>

#define VPIC_CONFIG_BITS (u32)(EV_INT_CONFIG_POLARITY_POS | EV_INT_CONFIG_LEVEL)

static bool irq_in_range(u32 irq)
{
	return irq >= VPIC_IRQ_BASE && irq - VPIC_IRQ_BASE < VPIC_NR_IRQS;
}

/* The claimed source @irq, or NULL. */
static struct vpic_src *src_of(struct vpic *pic, u32 irq)
{
	struct vpic_src *s;

	if (!irq_in_range(irq))
		return NULL;
	s = &pic->src[irq - VPIC_IRQ_BASE];
	return s->claimed ? s : NULL;
}

static unsigned int nr_vcpus(const struct vpic *pic)
{
	unsigned int n = pic->part->nvcpus;

	return n < PARTITION_MAX_VCPUS ? n : PARTITION_MAX_VCPUS;
}

static bool vcpu_valid(const struct vpic *pic, u32 id)
{
	return id < nr_vcpus(pic);
}

/* Back to the after-init state; the claim and the hook stay. */
static void src_reset(struct vpic_src *s)
{
	s->masked = true;
	s->pending = false;
	s->active = false;
	s->config = 0;
	s->prio = 0;
	s->dest = 0;
	s->active_vcpu = 0;
}

/* Highest priority in service on @vcpu_id, or -1 when none. */
static int in_service_prio(const struct vpic *pic, unsigned int vcpu_id)
{
	int floor = -1;
	unsigned int i;

	for (i = 0; i < VPIC_NR_IRQS; i++) {
		const struct vpic_src *s = &pic->src[i];

		if (s->claimed && s->active && s->active_vcpu == vcpu_id &&
		    (int)s->prio > floor)
			floor = s->prio;
	}
	return floor;
}

/*
 * Index of the source IACK would hand to @vcpu_id: pending, unmasked,
 * aimed at it, not in service, priority above everything in service
 * there; highest priority, then lowest number. -1 when none.
 */
static int best_src(const struct vpic *pic, unsigned int vcpu_id)
{
	int floor = in_service_prio(pic, vcpu_id);
	int best = -1;
	unsigned int i;

	for (i = 0; i < VPIC_NR_IRQS; i++) {
		const struct vpic_src *s = &pic->src[i];

		if (!s->claimed || !s->pending || s->masked || s->active ||
		    s->dest != vcpu_id || (int)s->prio <= floor)
			continue;
		if (best < 0 || s->prio > pic->src[best].prio)
			best = (int)i;
	}
	return best;
}

/*
 * Make every vCPU's VIRQ_EXT say whether it has a deliverable source;
 * kick the ones where it just became set. Called with the lock held after
 * every state change, so the bit can never go stale.
 */
static void sync_vcpus(struct vpic *pic)
{
	unsigned int id;

	for (id = 0; id < nr_vcpus(pic); id++) {
		struct vcpu *v = pic->part->vcpu[id];
		bool want, have;

		if (!v)
			continue;
		want = best_src(pic, id) >= 0;
		have = vcpu_pending_read(v) & VIRQ_EXT;
		if (want && !have) {
			vcpu_pending_set(v, VIRQ_EXT);
			vcpu_kick(v);
		} else if (!want && have) {
			vcpu_pending_clear(v, VIRQ_EXT);
		}
	}
}

int vpic_init(struct vpic *pic, struct partition *p)
{
	if (!pic || !p)
		return -EINVAL;
	memset(pic, 0, sizeof(*pic));
	pic->lock = (spinlock_t)SPINLOCK_INIT;
	pic->part = p;
	p->pic = pic;
	spin_lock(&pic->lock);
	sync_vcpus(pic);
	spin_unlock(&pic->lock);
	return 0;
}

void vpic_sync(struct vpic *pic)
{
	spin_lock(&pic->lock);
	sync_vcpus(pic);
	spin_unlock(&pic->lock);
}

void vpic_reset(struct vpic *pic)
{
	unsigned int i;

	spin_lock(&pic->lock);
	for (i = 0; i < VPIC_NR_IRQS; i++)
		if (pic->src[i].claimed)
			src_reset(&pic->src[i]);
	sync_vcpus(pic);
	spin_unlock(&pic->lock);
}

int vpic_claim(struct vpic *pic, u32 irq, vpic_eoi_hook hook, void *arg)
{
	struct vpic_src *s;
	int err = 0;

	if (!irq_in_range(irq))
		return -EINVAL;
	spin_lock(&pic->lock);
	s = &pic->src[irq - VPIC_IRQ_BASE];
	if (s->claimed) {
		err = -EBUSY;
	} else {
		src_reset(s);
		s->claimed = true;
		s->eoi_hook = hook;
		s->hook_arg = arg;
	}
	spin_unlock(&pic->lock);
	return err;
}

enum src_op { SRC_RELEASE, SRC_RAISE, SRC_LOWER };

/* Apply @op to source @irq under the lock and re-evaluate delivery. */
static int src_update(struct vpic *pic, u32 irq, enum src_op op)
{
	struct vpic_src *s;
	int err = -EINVAL;

	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (s) {
		if (op == SRC_RELEASE)
			memset(s, 0, sizeof(*s));
		else
			s->pending = op == SRC_RAISE;
		sync_vcpus(pic);
		err = 0;
	}
	spin_unlock(&pic->lock);
	return err;
}

int vpic_release(struct vpic *pic, u32 irq)
{
	return src_update(pic, irq, SRC_RELEASE);
}

int vpic_raise(struct vpic *pic, u32 irq)
{
	return src_update(pic, irq, SRC_RAISE);
}

int vpic_lower(struct vpic *pic, u32 irq)
{
	return src_update(pic, irq, SRC_LOWER);
}

bool vpic_has_pending(struct vpic *pic, unsigned int vcpu_id)
{
	bool ret;

	spin_lock(&pic->lock);
	ret = vcpu_valid(pic, vcpu_id) && best_src(pic, vcpu_id) >= 0;
	spin_unlock(&pic->lock);
	return ret;
}

int vpic_iack(struct vpic *pic, unsigned int vcpu_id, u32 *irq)
{
	struct vpic_src *s;
	int best;

	spin_lock(&pic->lock);
	if (!vcpu_valid(pic, vcpu_id)) {
		spin_unlock(&pic->lock);
		return -EINVAL;
	}
	best = best_src(pic, vcpu_id);
	if (best < 0) {
		*irq = EV_INT_SPURIOUS;
	} else {
		s = &pic->src[best];
		s->pending = false;
		s->active = true;
		s->active_vcpu = (u8)vcpu_id;
		*irq = VPIC_IRQ_BASE + (u32)best;
		sync_vcpus(pic);
	}
	spin_unlock(&pic->lock);
	return 0;
}

int vpic_eoi(struct vpic *pic, unsigned int vcpu_id, u32 irq)
{
	vpic_eoi_hook hook = NULL;
	struct vpic_src *s;
	void *arg = NULL;
	int err = 0;

	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (!s || !vcpu_valid(pic, vcpu_id)) {
		err = -EINVAL;
	} else if (!s->active || s->active_vcpu != vcpu_id) {
		err = -EALREADY;
	} else {
		s->active = false;
		hook = s->eoi_hook;
		arg = s->hook_arg;
		sync_vcpus(pic);
	}
	spin_unlock(&pic->lock);
	/* Without the lock: the owner takes its own lock, then raises. */
	if (hook)
		hook(arg, irq);
	return err;
}

int vpic_set_config(struct vpic *pic, u32 irq, u32 config, u32 prio, u32 dest)
{
	struct vpic_src *s;
	int err = -EINVAL;

	if ((config & ~VPIC_CONFIG_BITS) || prio > VPIC_PRIO_MAX)
		return -EINVAL;
	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (s && vcpu_valid(pic, dest)) {
		s->config = (u8)config;
		s->prio = (u8)prio;
		s->dest = (u8)dest;
		sync_vcpus(pic);
		err = 0;
	}
	spin_unlock(&pic->lock);
	return err;
}

int vpic_get_config(struct vpic *pic, u32 irq, u32 *config, u32 *prio,
		    u32 *dest)
{
	struct vpic_src *s;
	int err = -EINVAL;

	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (s) {
		*config = s->config;
		*prio = s->prio;
		*dest = s->dest;
		err = 0;
	}
	spin_unlock(&pic->lock);
	return err;
}

int vpic_set_mask(struct vpic *pic, u32 irq, bool masked)
{
	struct vpic_src *s;
	int err = -EINVAL;

	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (s) {
		s->masked = masked;
		sync_vcpus(pic);
		err = 0;
	}
	spin_unlock(&pic->lock);
	return err;
}

int vpic_get_mask(struct vpic *pic, u32 irq, bool *masked)
{
	struct vpic_src *s;
	int err = -EINVAL;

	spin_lock(&pic->lock);
	s = src_of(pic, irq);
	if (s) {
		*masked = s->masked;
		err = 0;
	}
	spin_unlock(&pic->lock);
	return err;
}

/* ------------------------------------------------ the partition's unit */

static struct vpic pics[PARTITION_MAX];

static int vpic_unit_init(struct partition *p)
{
	return vpic_init(&pics[p->id - 1], p);
}

static void vpic_unit_start(struct partition *p)
{
	vpic_reset(p->pic);
}

DEFINE_UNIT(vpic, {
			  .name = "virtual PIC",
			  .order = UNIT_ORDER_VPIC,
			  .init = vpic_unit_init,
			  .start = vpic_unit_start,
		  });
