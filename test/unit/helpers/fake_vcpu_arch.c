// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The recording fake of the arch side of include/weir/arch.h
 * (fake_vcpu_arch.h); vcpu_kick() and arch_system_reset() record into
 * fake_hv (fake_hv.h). Only arch.h functions live here: the helpers are
 * linked into every test program.
 */
#include <string.h>
#include <weir/arch.h>
#include "fake_hv.h"
#include "fake_vcpu_arch.h"

struct fake_arch_record fake_arch;

void fake_arch_clear(void)
{
	memset(&fake_arch, 0, sizeof(fake_arch));
}

const struct fake_tlb_entry *fake_tlb_lookup(u32 ea, u32 pid)
{
	unsigned int i;

	for (i = 0; i < FAKE_TLB0_ENTRIES; i++) {
		const struct fake_tlb_entry *t = &fake_arch.tlb0[i];

		if (t->valid && t->sid == pid && t->ea == (ea & ~0xfffu))
			return t;
	}
	return NULL;
}

void arch_shadow_map(u32 ea, phys_addr_t phys, u32 sid, u32 wimge, u32 perms)
{
	struct fake_tlb_entry *t = NULL;
	unsigned int i;

	if (fake_tlb_lookup(ea, sid))
		fake_arch.multi_hits++;
	for (i = 0; i < FAKE_TLB0_ENTRIES && !t; i++)
		if (!fake_arch.tlb0[i].valid)
			t = &fake_arch.tlb0[i];
	if (!t)
		t = &fake_arch.tlb0[fake_arch.tlb0_next++ % FAKE_TLB0_ENTRIES];
	*t = (struct fake_tlb_entry){
		.valid = true, .ea = ea & ~0xfffu, .sid = sid, .wimge = wimge,
		.perms = perms, .phys = phys,
	};
	if (fake_arch.maps < FAKE_ARCH_MAPS)
		fake_arch.map[fake_arch.maps] = (struct fake_shadow_map){
			.ea = ea, .phys = phys, .sid = sid, .wimge = wimge,
			.perms = perms,
		};
	fake_arch.maps++;
}

void arch_shadow_flush(void)
{
	unsigned int i;

	for (i = 0; i < FAKE_TLB0_ENTRIES; i++)
		fake_arch.tlb0[i].valid = false;
	fake_arch.flushes++;
}

void arch_timer_changed(struct vcpu *v)
{
	fake_arch.timer_changes++;
	fake_arch.timer_vcpu = v;
}

u64 arch_tb_read(void)
{
	fake_arch.tb_reads++;
	return fake_arch.tb;
}

u32 arch_pvr(void)
{
	return FAKE_PVR;
}

u32 arch_svr(void)
{
	return FAKE_SVR;
}

void arch_sprg_user_write(unsigned int n, u32 val)
{
	if (fake_arch.sprg_writes < FAKE_ARCH_SPRGS) {
		fake_arch.sprg[fake_arch.sprg_writes].n = n;
		fake_arch.sprg[fake_arch.sprg_writes].val = val;
	}
	fake_arch.sprg_writes++;
	if (n < 8)
		fake_arch.sprg_user[n] = val;
}

void arch_idle_wait(void)
{
	fake_arch.idle_waits++;
	if (fake_arch.idle_hook)
		fake_arch.idle_hook();
}

void arch_guest_user_state_reset(const struct vcpu *v)
{
	fake_arch.user_state_resets++;
}

void arch_zero_ram(void *p, u64 len)
{
	memset(p, 0, len);
}

void vcpu_kick(struct vcpu *v)
{
	unsigned int i;

	if (fake_arch.kick_hook)
		fake_arch.kick_hook(v);
	fake_hv.kicks++;
	for (i = 0; i < 16; i++) {
		if (fake_hv.kick[i].v == v || !fake_hv.kick[i].v) {
			fake_hv.kick[i].v = v;
			fake_hv.kick[i].n++;
			return;
		}
	}
}

void arch_system_reset(void)
{
	fake_hv.reset_calls++;
}

void arch_shadow_unmap(u32 ea)
{
	unsigned int i;

	for (i = 0; i < FAKE_TLB0_ENTRIES; i++)
		if (fake_arch.tlb0[i].ea == (ea & ~0xfffu))
			fake_arch.tlb0[i].valid = false;
	if (fake_arch.unmaps < FAKE_ARCH_MAPS)
		fake_arch.unmap[fake_arch.unmaps] = ea;
	fake_arch.unmaps++;
}
