/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The per-partition virtual interrupt controller behind the guest's
 * `epapr,hv-pic` node, driven by the EV_INT_* hcalls the way Linux's
 * arch/powerpc/sysdev/ehv_pic.c uses them (6.1).
 *
 * Linux sizes its irq domain for 1024 sources (NR_EHV_PIC_INTS); weir
 * only has a few virtual sources per partition, numbered from
 * VPIC_IRQ_BASE. Numbers below the base stay free for hardware MPIC
 * sources passed through later.
 *
 * Model (kept deliberately small; doc/console.md has the user's view):
 *  - A source must be claimed by its owner (a byte channel, ...) before
 *    the guest can configure it; unclaimed numbers are EV_EINVAL.
 *  - After vpic_init() and vpic_reset() every source is masked, priority
 *    0, destination vCPU 0, config 0, neither pending nor in service.
 *  - vpic_raise() makes a source pending; it stays pending until the
 *    guest acknowledges it (EV_INT_IACK), whatever its sense: edge and
 *    level sources are handled alike. A level condition that still holds
 *    after EOI is re-raised by the owner from its EOI hook (byte channel
 *    rx: data still waiting). vpic_lower() withdraws a pending, not yet
 *    acknowledged source whose condition went away.
 *  - A pending source is deliverable to its destination vCPU when it is
 *    unmasked and its priority is above every source in service on that
 *    vCPU (MPIC rule). IACK hands out the highest priority, lowest number
 *    first. Priority 0 is an ordinary (lowest) priority: weir has no task
 *    priority register, so nothing is inhibited by priority alone.
 *  - Masking keeps the pending state: unmasking a pending source delivers
 *    it (what ehv_bytechan's unthrottle relies on).
 *  - Each vCPU's VIRQ_EXT bit in vcpu->pending is kept equal to "this
 *    vCPU has a deliverable source"; when it becomes set, vcpu_kick() is
 *    called for that vCPU.
 *
 * Locking: one spinlock per vpic. vpic_raise()/vpic_lower() may be called
 * with an owner's lock held (lock order: owner -> vpic); EOI hooks are
 * called without the vpic lock. vcpu_kick() is called with the vpic lock
 * held.
 */
#ifndef WEIR_VPIC_H
#define WEIR_VPIC_H

#include <weir/spinlock.h>
#include <weir/types.h>

struct partition;

#define VPIC_IRQ_BASE 512 /* first virtual source number */
#define VPIC_NR_IRQS 48	  /* virtual sources per partition */
#define VPIC_IRQ(n) (VPIC_IRQ_BASE + (n))
#define VPIC_PRIO_MAX 15 /* ePAPR/MPIC priorities 0..15 */

/* Suggested numbers for a partition's console byte channel. */
#define VPIC_IRQ_CONSOLE_RX VPIC_IRQ(0)
#define VPIC_IRQ_CONSOLE_TX VPIC_IRQ(1)
/* The guest error queue's interrupt (hv/partition/errq.c). */
#define VPIC_IRQ_ERRQ VPIC_IRQ(2)
/* Hardware sources of assigned devices (hv/irq/hwirq.c): VPIC_IRQ_HW(n)
 * is the partition's n-th (struct part_irq of the plan). */
#define VPIC_NR_HW 16
#define VPIC_IRQ_HW(n) VPIC_IRQ(32 + (n))

/* Called after the guest's EOI of @irq, without the vpic lock held. */
typedef void (*vpic_eoi_hook)(void *arg, u32 irq);

struct vpic_src {
	bool claimed; /* owned by a device of this partition */
	bool masked;
	bool pending;	/* raised, not yet acknowledged */
	bool active;	/* acknowledged, not yet EOId (in service) */
	u8 config;	/* EV_INT_CONFIG_* as the guest set it */
	u8 prio;	/* 0..VPIC_PRIO_MAX */
	u8 dest;	/* destination vCPU number */
	u8 active_vcpu; /* vCPU that acknowledged it (when active) */
	vpic_eoi_hook eoi_hook;
	void *hook_arg;
};

struct vpic {
	spinlock_t lock;
	struct partition *part;
	struct vpic_src src[VPIC_NR_IRQS];
};

/**
 * vpic_init() - set up the virtual PIC of partition @p
 * @pic: controller to initialise (all sources unclaimed)
 * @p: owning partition; its vcpu[]/nvcpus name the destinations. Sets
 *     p->pic = @pic.
 *
 * Return: 0, or -EINVAL when @pic or @p is NULL.
 */
int vpic_init(struct vpic *pic, struct partition *p);

/**
 * vpic_reset() - back to the after-init state, keeping the claims
 * @pic: controller (for partition restart)
 *
 * Every claimed source becomes masked, idle, priority 0, destination 0;
 * the vCPUs' VIRQ_EXT bits are cleared.
 */
void vpic_reset(struct vpic *pic);

/**
 * vpic_sync() - recompute every vCPU's VIRQ_EXT from the sources (and kick
 * the ones where it becomes set): after a vCPU reset cleared its pending
 * bits while a source for it may be pending (vcpu_reset()).
 */
void vpic_sync(struct vpic *pic);

/**
 * vpic_claim() - reserve source @irq for a device of the partition
 * @pic: controller
 * @irq: source number, VPIC_IRQ_BASE..VPIC_IRQ_BASE + VPIC_NR_IRQS - 1
 * @hook: called after each EOI of @irq (may be NULL); a level-style
 *        owner re-raises from it while its condition holds
 * @arg: passed to @hook
 *
 * Return: 0; -EINVAL when @irq is out of range; -EBUSY when it is
 * already claimed.
 */
int vpic_claim(struct vpic *pic, u32 irq, vpic_eoi_hook hook, void *arg);

/**
 * vpic_release() - give back a claimed source (it is reset first)
 * Return: 0, or -EINVAL when @irq is out of range or not claimed.
 */
int vpic_release(struct vpic *pic, u32 irq);

/**
 * vpic_raise() - assert source @irq
 *
 * The source becomes pending (idempotent). If that makes it deliverable,
 * its destination vCPU gets VIRQ_EXT and a vcpu_kick().
 *
 * Return: 0, or -EINVAL when @irq is out of range or not claimed.
 */
int vpic_raise(struct vpic *pic, u32 irq);

/**
 * vpic_lower() - withdraw a pending, not yet acknowledged @irq
 *
 * No effect on a source in service. Return: 0, or -EINVAL when @irq is
 * out of range or not claimed.
 */
int vpic_lower(struct vpic *pic, u32 irq);

/**
 * vpic_has_pending() - does vCPU @vcpu_id have a deliverable source?
 *
 * What the vCPU code polls before entering the guest to decide whether
 * to deliver External Input. False for an out-of-range @vcpu_id.
 */
bool vpic_has_pending(struct vpic *pic, unsigned int vcpu_id);

/**
 * vpic_iack() - acknowledge the best deliverable source (EV_INT_IACK)
 * @pic: controller
 * @vcpu_id: acknowledging vCPU
 * @irq: the source, now in service and no longer pending, or
 *       EV_INT_SPURIOUS (0xffff) when nothing is deliverable
 *
 * Return: 0, or -EINVAL when @vcpu_id is not a vCPU of the partition.
 */
int vpic_iack(struct vpic *pic, unsigned int vcpu_id, u32 *irq);

/**
 * vpic_eoi() - end the service of @irq on @vcpu_id (EV_INT_EOI)
 *
 * Runs the source's EOI hook afterwards (the owner may re-raise).
 * Return: 0; -EINVAL when @irq is out of range or not claimed;
 * -EALREADY when it is not in service on @vcpu_id (never acknowledged
 * there, or already EOId).
 */
int vpic_eoi(struct vpic *pic, unsigned int vcpu_id, u32 irq);

/**
 * vpic_set_config() - EV_INT_SET_CONFIG
 * @config: EV_INT_CONFIG_POLARITY_POS | EV_INT_CONFIG_LEVEL bits; stored
 *          and reported back, delivery does not depend on it
 * @prio: 0..VPIC_PRIO_MAX
 * @dest: destination vCPU number (Linux ehv_pic_set_affinity passes a
 *        CPU number; Topaz took a one-bit mask, weir does not)
 *
 * Return: 0, or -EINVAL (nothing changed) for an out-of-range or
 * unclaimed @irq, unknown config bits, @prio > 15, or @dest not a vCPU
 * of the partition.
 */
int vpic_set_config(struct vpic *pic, u32 irq, u32 config, u32 prio, u32 dest);

/**
 * vpic_get_config() - EV_INT_GET_CONFIG
 * Return: 0, or -EINVAL for an out-of-range or unclaimed @irq (outputs
 * untouched).
 */
int vpic_get_config(struct vpic *pic, u32 irq, u32 *config, u32 *prio,
		    u32 *dest);

/**
 * vpic_set_mask() - EV_INT_SET_MASK (@masked true = masked)
 * Return: 0, or -EINVAL for an out-of-range or unclaimed @irq.
 */
int vpic_set_mask(struct vpic *pic, u32 irq, bool masked);

/**
 * vpic_get_mask() - EV_INT_GET_MASK
 * Return: 0, or -EINVAL for an out-of-range or unclaimed @irq.
 */
int vpic_get_mask(struct vpic *pic, u32 irq, bool *masked);

#endif
