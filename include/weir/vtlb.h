/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest-visible TLB (hv/vcpu/vtlb.c). All addresses here are guest
 * terms: effective addresses and guest-physical RPNs.
 */
#ifndef WEIR_VTLB_H
#define WEIR_VTLB_H

#include <weir/vcpu.h>

enum { VTLB_INV_ALL, VTLB_INV_PID, VTLB_INV_EA, VTLB_INV_EA_ANY };

/*
 * Which shadow translations a guest TLB change made stale, accumulated in
 * struct vtlb until the caller drops them: none, the 4 KiB page at
 * drop_ea (every shadow id), or all of them. Only a valid entry that is
 * overwritten or invalidated makes shadows stale (shadows are only ever
 * made from valid entries); one of 4 KiB needs one page dropped, a larger
 * one or several pages need everything dropped.
 */
enum { VTLB_DROP_NONE, VTLB_DROP_PAGE, VTLB_DROP_ALL };

/* Empty TLBs, shadow ids restart at 1. */
void vtlb_reset(struct vtlb *t);

/**
 * vtlb_page_caches_drop() - empty the page translations cached for the
 * `sc` and emulation paths (struct vtlb sc, emul): on any guest TLB change
 * and any PID write, since the caches hold no PID.
 */
static inline void vtlb_page_caches_drop(struct vtlb *t)
{
	t->sc.tag = 0;
	t->emul.tag = 0;
}

/* The ePAPR initial mapped area is at most 64 MiB (QEMU and U-Boot). */
#define VTLB_IMA_MAX (64ULL << 20)

/* Bytes of the initial mapped area for @ram_size bytes of RAM (0: none). */
u64 vtlb_ima_size(u64 ram_size);

/**
 * vtlb_set_ima() - the ePAPR initial mapped area: TLB1[0] maps EA @base
 * to guest-physical @base (1:1), supervisor RWX, IPROT, the largest 4^n
 * KiB page not above @size bytes (at most 4 GiB). A boot vCPU's @base is
 * 0; a secondary's is its release address aligned down to that page
 * (ePAPR 1.1 §5.5.2; QEMU hw/ppc/ppce500_spin.c maps 64 MiB around it).
 * Return: MAS1 TSIZE used, or -EINVAL when @size < 4 KiB or @base is not
 * aligned to the page.
 */
int vtlb_set_ima(struct vtlb *t, u32 base, u64 size);

/* Bytes mapped by @e (1 KiB << TSIZE). */
u64 vtlb_entry_size(const struct vtlb_entry *e);

/**
 * vtlb_lookup() - the guest translation of @ea in address space @as for
 * PID @pid (TID 0 matches every PID), TLB1 first, then TLB0
 * @gpa: if not NULL, the guest-physical address of @ea
 * Return: the entry, or NULL when the guest has no translation (a TLB
 * miss to deliver to it).
 */
const struct vtlb_entry *vtlb_lookup(const struct vtlb *t, u32 ea, u32 as,
				     u32 pid, u64 *gpa);

/*
 * The instructions, on the vCPU's MAS registers (ISA 2.06 §6.11.4).
 * vtlb_tlbwe/tlbre return -EINVAL for an entry MAS0 cannot select (TLBSEL
 * > 1, ESEL >= 64) or a TLB1 size e500mc does not have: the caller
 * reflects an illegal-instruction program exception and nothing changes.
 */
int vtlb_tlbwe(struct vcpu *v);
int vtlb_tlbre(struct vcpu *v);
void vtlb_tlbsx(struct vcpu *v, u32 ea);
/* Invalidate every non-IPROT entry of TLB @tlbsel (MMUCSR0 flash). */
void vtlb_invalidate_tlb(struct vcpu *v, unsigned int tlbsel);
void vtlb_tlbivax(struct vcpu *v, u32 ea);
/* @t: tlbilx T field (0 all, 1 by MAS6[SPID], 3 by EA); 2 is -EINVAL. */
int vtlb_tlbilx(struct vcpu *v, unsigned int t, u32 ea);

/* MAS registers as the hardware loads them on a TLB miss (from MAS4). */
void vtlb_load_defaults(struct vcpu *v, u32 ea, u32 as, u32 pid);

/**
 * vtlb_shadow_id() - real PID for the guest context (IS, DS, PR, PID)
 * @is: the guest's MSR[IS] (non-zero: instruction fetches in AS 1)
 * @ds: the guest's MSR[DS] (non-zero: data accesses in AS 1)
 * @pr: the guest's MSR[PR]
 * @pid: the guest's PID
 * @flush: set when ids ran out and were recycled: the caller must flush
 *   every shadow translation before using the id
 *
 * IS and DS are keyed separately, so a context with IS != DS never
 * shares shadows with IS == DS ones or with the other split context.
 * Return: 1..255
 */
int vtlb_shadow_id(struct vtlb *t, u32 is, u32 ds, u32 pr, u32 pid,
		   bool *flush);

/**
 * vtlb_shadow_wimge() - real MAS2 WIMGE bits for a shadow of guest RAM
 * mapped by @e
 *
 * weir maps every partition's RAM cacheable and memory-coherent, so the
 * shadow is too whatever the guest asked: M forced on, the guest's W, I
 * and G not honoured (guest RAM mapped cache-inhibited or non-coherent
 * beside weir's coherent mapping of it is architecturally undefined,
 * Power ISA Book III-E "Storage Control Attributes"); only E, the byte
 * order of the page, is the guest's. KVM for e500 likewise takes W, I and
 * M of a guest RAM page from the host's mapping (Linux
 * arch/powerpc/kvm/e500_mmu_host.c, kvmppc_e500_ref_setup()).
 * Device pages (I|G forced) come with MMIO passthrough.
 */
u32 vtlb_shadow_wimge(const struct vtlb_entry *e);

/* Real MAS3 permission bits for a shadow of @e in guest (user) mode. */
u32 vtlb_shadow_perms(const struct vtlb_entry *e, bool guest_user);

#endif
