// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The core's side of running a vCPU (include/weir/arch.h entry points):
 * what happens between an exit and the next guest instruction. The
 * partition's stop/restart requests are applied, an idle or stopped vCPU
 * waits (arch_idle_wait(): weir's tick and kicks still run), pending
 * interrupts are delivered and the real MSR and shadow id are set. The
 * arch's run loop (arch/powerpc/cpu/vcpu_run.c) only saves and restores
 * the registers around these calls.
 */
#include <weir/arch.h>
#include <weir/partition.h>
#include <weir/vcpu_emul.h>

/* Wait while the vCPU idles or is stopped; apply partition requests. */
static void wait_runnable(struct vcpu *v)
{
	for (;;) {
		partition_vcpu_sync(v);
		if (v->stopped) {
			arch_idle_wait();
			continue;
		}
		if (!v->idle)
			return;
		if (vcpu_has_pending(v)) {
			v->idle = false;
			return;
		}
		arch_idle_wait();
	}
}

void hv_vcpu_enter(struct vcpu *v)
{
	wait_runnable(v);
	vcpu_deliver_pending(v);
	v->regs.msr = vcpu_shadow_msr(v);
	arch_shadow_id_load((u32)vcpu_shadow_id(v));
}

void hv_vcpu_exit(struct vcpu *v, unsigned int ivor, u32 dear, u32 esr)
{
	vcpu_exit(v, ivor, dear, esr);
	hv_vcpu_enter(v);
}
