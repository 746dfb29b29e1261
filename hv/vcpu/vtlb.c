// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's TLB: what its tlbwe/tlbre/tlbsx/tlbivax/tlbilx see. It is
 * pure bookkeeping in guest terms (guest-physical RPNs); translations only
 * reach the real TLB through the shadow fill in exit.c, which checks every
 * page against the partition's RAM.
 *
 * Geometry follows e500mc (Core RM §6.3; QEMU target/ppc e500mc model):
 * TLB0 4-way x 128 sets of 4 KiB pages, indexed by EA[45:51] (EPN bits
 * just above the page offset), way from MAS0[ESEL]; TLB1 64 fully
 * associative entries of 4^n KiB (4 KiB..4 GiB). MAS semantics: Power ISA
 * 2.06 Book III-E §6.11.4; Linux's KVM e500_mmu.c models the same unit.
 */
#include <errno.h>
#include <string.h>
#include <weir/booke.h>
#include <weir/vcpu.h>
#include <weir/vtlb.h>

#define TSIZE_4K 2

static unsigned int tlb0_set(u32 ea)
{
	return (ea >> 12) & (VTLB0_SETS - 1);
}

static struct vtlb_entry *tlb0_entry(struct vtlb *t, unsigned int set,
				     unsigned int way)
{
	return &t->tlb0[set * VTLB0_WAYS + way];
}

u64 vtlb_entry_size(const struct vtlb_entry *e)
{
	return 1024ULL << MAS1_TSIZE_GET(e->mas1);
}

static bool entry_matches(const struct vtlb_entry *e, u32 ea, u32 as, u32 pid,
			  bool any_pid)
{
	u64 mask = ~(vtlb_entry_size(e) - 1);
	u32 tid = MAS1_TID_GET(e->mas1);

	if (!(e->mas1 & MAS1_VALID))
		return false;
	if (as != 0xffffffff && !!(e->mas1 & MAS1_TS) != !!as)
		return false;
	if (!any_pid && tid != 0 && tid != pid)
		return false;
	return ((u64)ea & mask) == ((u64)(e->mas2 & MAS2_EPN) & mask);
}

/* @e (valid) is being overwritten or invalidated: its shadows go stale. */
static void note_drop(struct vtlb *t, const struct vtlb_entry *e)
{
	u32 ea = e->mas2 & MAS2_EPN;

	if (t->drop == VTLB_DROP_ALL)
		return;
	if (vtlb_entry_size(e) == SZ_4K &&
	    (t->drop == VTLB_DROP_NONE || t->drop_ea == ea)) {
		t->drop = VTLB_DROP_PAGE;
		t->drop_ea = ea;
		return;
	}
	t->drop = VTLB_DROP_ALL;
}

static bool tsize_valid_tlb1(u32 tsize)
{
	return tsize >= TSIZE_4K && tsize <= 22 && !(tsize & 1);
}

void vtlb_reset(struct vtlb *t)
{
	memset(t, 0, sizeof(*t));
	t->next_sid = 1;
}

/* TSIZE of the largest 4^n KiB page not above @size, or -1. */
static int ima_tsize(u64 size)
{
	u32 tsize = 22;

	while (tsize > TSIZE_4K && (1024ULL << tsize) > size)
		tsize -= 2;
	return (1024ULL << tsize) > size ? -1 : (int)tsize;
}

u64 vtlb_ima_size(u64 ram_size)
{
	int tsize =
		ima_tsize(ram_size < VTLB_IMA_MAX ? ram_size : VTLB_IMA_MAX);

	return tsize < 0 ? 0 : 1024ULL << tsize;
}

int vtlb_set_ima(struct vtlb *t, u32 base, u64 size)
{
	struct vtlb_entry *e = &t->tlb1[0];
	int tsize = ima_tsize(size);

	if (tsize < 0 || (base & ((1024ULL << tsize) - 1)))
		return -EINVAL;
	vtlb_page_caches_drop(t);
	e->mas1 = MAS1_VALID | MAS1_IPROT | MAS1_TSIZE(tsize);
	if (!t->tlb1_used)
		t->tlb1_used = 1;
	e->mas2 = base | MAS2_M;
	e->mas7_3 = base | MAS3_SR | MAS3_SW | MAS3_SX;
	return tsize;
}

const struct vtlb_entry *vtlb_lookup(const struct vtlb *t, u32 ea, u32 as,
				     u32 pid, u64 *gpa)
{
	const struct vtlb_entry *e = NULL;
	unsigned int i, set = tlb0_set(ea);

	for (i = 0; i < t->tlb1_used && !e; i++)
		if (entry_matches(&t->tlb1[i], ea, as, pid, false))
			e = &t->tlb1[i];
	for (i = 0; i < VTLB0_WAYS && !e; i++)
		if (entry_matches(&t->tlb0[set * VTLB0_WAYS + i], ea, as, pid,
				  false))
			e = &t->tlb0[set * VTLB0_WAYS + i];
	if (e && gpa) {
		u64 size = vtlb_entry_size(e);

		*gpa = ((e->mas7_3 & ~(u64)0xfff) & ~(size - 1)) |
		       (ea & (size - 1));
	}
	return e;
}

/* The entry MAS0 (and, for TLB0, MAS2[EPN]) selects, or NULL. */
static struct vtlb_entry *selected(struct vcpu *v, unsigned int *tlbsel)
{
	unsigned int esel = MAS0_ESEL_GET(v->mas0);

	*tlbsel = MAS0_TLBSEL_GET(v->mas0);
	if (*tlbsel == 0)
		return tlb0_entry(&v->tlb, tlb0_set(v->mas2),
				  esel & (VTLB0_WAYS - 1));
	if (*tlbsel == 1 && esel < VTLB1_ENTRIES)
		return &v->tlb.tlb1[esel];
	return NULL;
}

int vtlb_tlbwe(struct vcpu *v)
{
	unsigned int tlbsel;
	struct vtlb_entry *e = selected(v, &tlbsel), n;

	if (!e)
		return -EINVAL;
	n.mas1 = v->mas1 &
		 (MAS1_VALID | MAS1_IPROT | 0x3fff0000 | MAS1_TS | 0x00000f80);
	n.mas2 = v->mas2 & (MAS2_EPN | MAS2_WIMGE);
	n.mas7_3 = ((u64)(v->mas7 & 0xf) << 32) |
		   (v->mas3 & (MAS3_RPN | MAS3_U0_3 | MAS3_PERMS));
	if (tlbsel == 0) {
		/* TLB0 holds 4 KiB pages only and has no IPROT. */
		n.mas1 = (n.mas1 & ~(MAS1_IPROT | 0x00000f80)) |
			 MAS1_TSIZE(TSIZE_4K);
		if (MAS0_ESEL_GET(v->mas0) ==
		    v->tlb.tlb0_victim[tlb0_set(v->mas2)])
			v->tlb.tlb0_victim[tlb0_set(v->mas2)] =
				(MAS0_ESEL_GET(v->mas0) + 1) & (VTLB0_WAYS - 1);
	} else if ((n.mas1 & MAS1_VALID) &&
		   !tsize_valid_tlb1(MAS1_TSIZE_GET(n.mas1))) {
		return -EINVAL; /* an invalid entry may have any size */
	}
	/* EPN and RPN are aligned to the page: drop the offset bits. */
	n.mas2 &= ~(u32)((vtlb_entry_size(&n) - 1) & MAS2_EPN);
	n.mas7_3 &= ~((vtlb_entry_size(&n) - 1) & ~(u64)0xfff);
	if (e->mas1 & MAS1_VALID)
		note_drop(&v->tlb, e);
	*e = n;
	if (tlbsel == 1 && (n.mas1 & MAS1_VALID) &&
	    MAS0_ESEL_GET(v->mas0) >= v->tlb.tlb1_used)
		v->tlb.tlb1_used = MAS0_ESEL_GET(v->mas0) + 1;
	/* even a new entry may shadow another */
	vtlb_page_caches_drop(&v->tlb);
	return 0;
}

int vtlb_tlbre(struct vcpu *v)
{
	unsigned int tlbsel;
	struct vtlb_entry *e = selected(v, &tlbsel);

	if (!e)
		return -EINVAL;
	v->mas1 = e->mas1;
	v->mas2 = e->mas2;
	v->mas3 = (u32)e->mas7_3;
	v->mas7 = (u32)(e->mas7_3 >> 32);
	return 0;
}

/* MAS0..MAS3/MAS7 for "nothing found" (tlbsx miss, TLB miss exception). */
void vtlb_load_defaults(struct vcpu *v, u32 ea, u32 as, u32 pid)
{
	unsigned int tlbsel = MAS4_TLBSELD(v->mas4) & 1;
	unsigned int victim = tlbsel ? v->tlb.tlb1_victim :
				       v->tlb.tlb0_victim[tlb0_set(ea)];

	v->mas0 = MAS0_TLBSEL(tlbsel) | MAS0_ESEL(victim) | MAS0_NV(victim);
	v->mas1 = MAS1_TID(pid) | (as ? MAS1_TS : 0) |
		  MAS1_TSIZE(MAS4_TSIZED(v->mas4));
	v->mas2 = (ea & MAS2_EPN) | (v->mas4 & MAS4_WIMGED);
	v->mas3 &= MAS3_U0_3;
	v->mas7 = 0;
	v->mas6 = (pid << 16) | (as ? MAS6_SAS : 0);
}

void vtlb_tlbsx(struct vcpu *v, u32 ea)
{
	u32 as = v->mas6 & MAS6_SAS, pid = MAS6_SPID(v->mas6);
	const struct vtlb_entry *e;
	unsigned int i, set = tlb0_set(ea);

	for (i = 0; i < VTLB1_ENTRIES; i++) {
		e = &v->tlb.tlb1[i];
		if (entry_matches(e, ea, as, pid, false)) {
			v->mas0 = MAS0_TLBSEL(1) | MAS0_ESEL(i) |
				  MAS0_NV(v->tlb.tlb1_victim);
			goto found;
		}
	}
	for (i = 0; i < VTLB0_WAYS; i++) {
		e = tlb0_entry(&v->tlb, set, i);
		if (entry_matches(e, ea, as, pid, false)) {
			v->mas0 = MAS0_TLBSEL(0) | MAS0_ESEL(i) |
				  MAS0_NV(v->tlb.tlb0_victim[set]);
			goto found;
		}
	}
	/* MAS0[TLBSEL] = MAS4[TLBSELD], like a TLB miss (ISA 2.06 III-E) */
	vtlb_load_defaults(v, ea, as, pid);
	return;
found:
	v->mas1 = e->mas1;
	v->mas2 = e->mas2;
	v->mas3 = (u32)e->mas7_3;
	v->mas7 = (u32)(e->mas7_3 >> 32);
}

static void invalidate(struct vtlb *t, struct vtlb_entry *e, unsigned int n,
		       u32 ea, u32 as, u32 pid, unsigned int how)
{
	unsigned int i;

	vtlb_page_caches_drop(t);
	for (i = 0; i < n; i++, e++) {
		if (!(e->mas1 & MAS1_VALID) || (e->mas1 & MAS1_IPROT))
			continue;
		if (how == VTLB_INV_ALL ||
		    (how == VTLB_INV_PID && MAS1_TID_GET(e->mas1) == pid) ||
		    (how == VTLB_INV_EA_ANY &&
		     entry_matches(e, ea, 0xffffffff, 0, true)) ||
		    (how == VTLB_INV_EA && MAS1_TID_GET(e->mas1) == pid &&
		     entry_matches(e, ea, as, pid, true))) {
			note_drop(t, e);
			e->mas1 &= ~MAS1_VALID;
		}
	}
}

void vtlb_invalidate_tlb(struct vcpu *v, unsigned int tlbsel)
{
	if (tlbsel)
		invalidate(&v->tlb, v->tlb.tlb1, VTLB1_ENTRIES, 0, 0, 0,
			   VTLB_INV_ALL);
	else
		invalidate(&v->tlb, v->tlb.tlb0, VTLB0_ENTRIES, 0, 0, 0,
			   VTLB_INV_ALL);
}

void vtlb_tlbivax(struct vcpu *v, u32 ea)
{
	/* EA[61] (0x4): all entries; EA[60] (0x8): TLB1 instead of TLB0. */
	bool all = ea & 0x4, tlb1 = ea & 0x8;
	unsigned int how = VTLB_INV_EA_ANY;

	if (all)
		vtlb_invalidate_tlb(v, tlb1);
	else if (tlb1)
		invalidate(&v->tlb, v->tlb.tlb1, VTLB1_ENTRIES, ea, 0, 0, how);
	else
		invalidate(&v->tlb, v->tlb.tlb0, VTLB0_ENTRIES, ea, 0, 0, how);
}

int vtlb_tlbilx(struct vcpu *v, unsigned int t, u32 ea)
{
	u32 pid = MAS6_SPID(v->mas6), as = v->mas6 & MAS6_SAS;
	unsigned int how;

	switch (t) {
	case 0:
		how = VTLB_INV_ALL;
		break;
	case 1:
		how = VTLB_INV_PID;
		break;
	case 3:
		how = VTLB_INV_EA;
		break;
	default:
		return -EINVAL;
	}
	invalidate(&v->tlb, v->tlb.tlb1, VTLB1_ENTRIES, ea, as, pid, how);
	invalidate(&v->tlb, v->tlb.tlb0, VTLB0_ENTRIES, ea, as, pid, how);
	return 0;
}

/*
 * The fact source for shadow ids is Linux's KVM for e500
 * (arch/powerpc/kvm/e500.c kvmppc_e500_get_sid(): guest (AS, TID, PR) ->
 * real PID 1..255, all flushed when they run out). KVM's AS is
 * MSR[IS] | MSR[DS] as one bit (e500.h get_cur_as(), and the "XXX what
 * about IS != DS?" in tlbe_is_host_safe()); weir keys IS and DS apart.
 */
int vtlb_shadow_id(struct vtlb *t, u32 is, u32 ds, u32 pr, u32 pid, bool *flush)
{
	u8 *sid = &t->sid[!!is][!!ds][!!pr][pid & 0xff];

	*flush = false;
	if (*sid)
		return *sid;
	if (t->next_sid > 255) {
		/* Out of real PIDs: forget every shadow and start over. */
		memset(t->sid, 0, sizeof(t->sid));
		t->next_sid = 1;
		*flush = true;
	}
	*sid = (u8)t->next_sid++;
	return *sid;
}

u32 vtlb_shadow_wimge(const struct vtlb_entry *e)
{
	return MAS2_M | (e->mas2 & MAS2_E);
}

u32 vtlb_shadow_perms(const struct vtlb_entry *e, bool guest_user)
{
	u32 p = (u32)e->mas7_3;
	u32 r = 0;

	/* The guest runs in problem state: its view goes in the U bits. */
	if (guest_user) {
		r = p & (MAS3_UX | MAS3_UW | MAS3_UR);
	} else {
		if (p & MAS3_SX)
			r |= MAS3_UX;
		if (p & MAS3_SW)
			r |= MAS3_UW;
		if (p & MAS3_SR)
			r |= MAS3_UR;
	}
	return r;
}
