// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Partitions with several vCPUs, one pinned to each of its cores:
 *
 *  - secondary vCPUs wait in weir until the guest releases them through
 *    its ePAPR spin table (ePAPR 1.1 §5.5; the guest side is Linux's
 *    arch/powerpc/platforms/85xx/smp.c smp_85xx_start_cpu(): it checks
 *    that entry_addr reads 1, writes pir, then the entry address, low
 *    word last). The waiting core only wakes for weir's tick on that core
 *    and polls its own entry in the partition's RAM: no other partition's
 *    core is involved;
 *  - processor doorbells (msgsnd/msgclr, Power ISA 2.06 Book III-E
 *    "Processor Control"; Linux's doorbell_global_ipi() for e500mc
 *    CPU_FTR_DBELL) reach vCPUs of the sender's partition only: the
 *    PIRTAG names a vCPU number of the partition, never a real core;
 *  - a guest tlbivax is broadcast to every TLB of the partition, as the
 *    real instruction reaches every core's: a request to each other vCPU,
 *    waited for until it was applied (acknowledged).
 */
#include <weir/booke.h>
#include <weir/byteorder.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/vcpu_emul.h>
#include <weir/vcpu_kick.h>
#include <weir/vtlb.h>

/* msgsnd/msgclr rB (e500mc Core RM, msgsnd): type, broadcast, PIR tag. */
#define MSG_TYPE(rb) (((rb) >> 27) & 0x1f)
#define MSG_BRDCAST 0x04000000u
#define MSG_PIRTAG(rb) ((rb)&0x3fff)
#define MSG_DBELL 0

/* ePAPR spin table entry, in 32-bit words: u64 entry_addr, u64 r3, u32
 * rsvd, u32 pir (big-endian). */
#define SPIN_ADDR_HI 0
#define SPIN_ADDR_LO 1
#define SPIN_R3_HI 2
#define SPIN_R3_LO 3
#define SPIN_PIR 5

/* How long a requester waits for a vCPU's acknowledgment at most, in
 * polls of it (each tens of instructions: about a second on e500mc). */
#define SHOOT_POLLS (1u << 25)

void vcpu_msgsnd(struct vcpu *v, u32 rb)
{
	struct partition *p = v->part;
	unsigned int i;

	if (MSG_TYPE(rb) != MSG_DBELL)
		return; /* critical and guest doorbells: not offered */
	for (i = 0; i < p->nvcpus; i++) {
		struct vcpu *w = p->vcpu[i];

		if (!(rb & MSG_BRDCAST) && MSG_PIRTAG(rb) != w->id)
			continue;
		vcpu_pending_set(w, VIRQ_DBELL);
		vcpu_kick(w);
	}
}

void vcpu_msgclr(struct vcpu *v, u32 rb)
{
	if (MSG_TYPE(rb) == MSG_DBELL)
		vcpu_pending_clear(v, VIRQ_DBELL);
}

/* Apply what other vCPUs asked of @v's TLB, then acknowledge. */
void vcpu_shootdown_serve(struct vcpu *v)
{
	struct vtlb_shootdown *s = &v->shoot;
	u32 seq, ea;
	bool many;

	if (__atomic_load_n(&s->seq, __ATOMIC_ACQUIRE) ==
	    __atomic_load_n(&s->done, __ATOMIC_RELAXED))
		return;
	spin_lock(&s->lock);
	seq = s->seq;
	ea = s->ea;
	many = s->many;
	s->many = false;
	spin_unlock(&s->lock);
	if (many) {
		vtlb_invalidate_tlb(v, 0);
		vtlb_invalidate_tlb(v, 1);
	} else {
		vtlb_tlbivax(v, ea);
	}
	vcpu_shadow_drop(v);
	__atomic_store_n(&s->done, seq, __ATOMIC_RELEASE);
}

/*
 * A vCPU whose TLB holds nothing a tlbivax may remove: waiting in its spin
 * table (its TLB is the IPROT initial mapped area), or stopped (it runs
 * again only after a reset). Not asked, not waited for.
 */
static bool idle_tlb(const struct vcpu *w)
{
	return __atomic_load_n(&w->spinning, __ATOMIC_SEQ_CST) ||
	       __atomic_load_n(&w->stopped, __ATOMIC_SEQ_CST);
}

void vcpu_tlbivax(struct vcpu *v, u32 ea)
{
	struct partition *p = v->part;
	u32 want[PARTITION_MAX_VCPUS];
	bool asked[PARTITION_MAX_VCPUS];
	unsigned int i;
	u32 polls = 0;

	vtlb_tlbivax(v, ea);
	vcpu_shadow_drop(v); /* ours now: serving below drops on our core */
	for (i = 0; i < p->nvcpus; i++) {
		struct vtlb_shootdown *s = &p->vcpu[i]->shoot;

		asked[i] = false;
		if (p->vcpu[i] == v || idle_tlb(p->vcpu[i]))
			continue;
		spin_lock(&s->lock);
		if (s->seq != __atomic_load_n(&s->done, __ATOMIC_ACQUIRE))
			s->many = true; /* one still pending: both at once */
		s->ea = ea;
		want[i] = s->seq + 1;
		asked[i] = true;
		__atomic_store_n(&s->seq, want[i], __ATOMIC_RELEASE);
		spin_unlock(&s->lock);
		vcpu_kick(p->vcpu[i]);
	}
	/* Wait for each; serve our own requests meanwhile (two vCPUs may
	 * invalidate at once). */
	for (i = 0; i < p->nvcpus; i++) {
		struct vcpu *w = p->vcpu[i];

		if (!asked[i])
			continue;
		while ((s32)(__atomic_load_n(&w->shoot.done, __ATOMIC_ACQUIRE) -
			     want[i]) < 0) {
			vcpu_shootdown_serve(v);
			if (idle_tlb(w))
				break; /* stopped meanwhile */
			if (++polls > SHOOT_POLLS) {
				pr_warn("partition '%s' vcpu %u: vcpu %u did not acknowledge a tlbivax\n",
					p->name, v->id, w->id);
				break;
			}
		}
	}
}

/* The spin table entry of secondary @v in weir's mapping, or NULL. */
static volatile u32 *spin_entry(const struct vcpu *v)
{
	const struct partition *p = v->part;

	if (!p->spin_table_gpa)
		return NULL;
	return partition_gpa_ptr(p, p->spin_table_gpa + 32ULL * v->id, 32);
}

void vcpu_spin_init(struct partition *p)
{
	unsigned int i;

	for (i = 1; i < p->nvcpus; i++) {
		volatile u32 *e = spin_entry(p->vcpu[i]);

		if (!e)
			continue;
		put_be32(&e[SPIN_ADDR_HI], 0);
		put_be32(&e[SPIN_ADDR_LO], 1); /* bit 0: spinning */
		put_be32(&e[SPIN_R3_HI], 0);
		put_be32(&e[SPIN_R3_LO], 0);
		put_be32(&e[SPIN_PIR], i);
	}
}

int vcpu_secondary_reset(struct vcpu *v)
{
	int ret = vcpu_reset(v, 0, 0);

	__atomic_store_n(&v->spinning, true, __ATOMIC_SEQ_CST);
	return ret;
}

bool vcpu_spin_release(struct vcpu *v)
{
	const volatile u32 *e = spin_entry(v);
	u64 ima = vtlb_ima_size(v->part->ram_size), entry;
	u32 base;

	if (!e)
		return false;
	/* the low word last: the guest writes it last */
	entry = get_be32(&e[SPIN_ADDR_LO]);
	if (entry & 1)
		return false;
	entry |= (u64)get_be32(&e[SPIN_ADDR_HI]) << 32;
	base = (u32)(entry & ~(ima - 1));
	__atomic_store_n(&v->spinning, false, __ATOMIC_SEQ_CST);
	if (entry >> 32 || !partition_gpa_ok(v->part, base, ima) ||
	    vtlb_set_ima(&v->tlb, base, ima) < 0) {
		pr_err("partition '%s' vcpu %u: released to 0x%llx, outside its RAM; stopping it\n",
		       v->part->name, v->id, (unsigned long long)entry);
		__atomic_store_n(&v->stopped, true, __ATOMIC_SEQ_CST);
		return true;
	}
	/* ePAPR 1.1 §5.5.2: r3 from the entry, r7 = IMA size, the rest 0 */
	v->regs.pc = (u32)entry;
	v->regs.gpr[3] = get_be32(&e[SPIN_R3_LO]);
	v->regs.gpr[6] = 0;
	v->regs.gpr[7] = (u32)ima;
	return true;
}
