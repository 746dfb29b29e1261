// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exception dispatch. An exception from a guest (problem state) goes to
 * the vCPU code; an interrupt while weir idles is an event to handle;
 * anything else taken inside weir is a bug: weir reports it with a
 * register dump and stops the core ("weir: fatal: <exception> at <pc>"),
 * never hanging silently.
 */
#include <stdio.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/vcpu_run.h>
#include <weir/booke.h>
#include <weir/console.h>
#include <weir/log.h>
#include <weir/vcpu.h>

struct percpu percpu_data[CONFIG_NR_CPUS];
static struct trap_frame exc_frames[CONFIG_NR_CPUS] __aligned(16);

void percpu_init(unsigned int cpu, u32 stack_top)
{
	struct percpu *p = &percpu_data[cpu];

	p->cpu = cpu;
	p->frame = &exc_frames[cpu];
	p->stack_top = stack_top;
	p->pir = mfspr(SPRN_PIR);
	mtspr(SPRN_SPRG0, (u32)(uintptr_t)p);
}

static const char *const exc_names[] = {
	[0] = "Critical input",
	[1] = "Machine check",
	[2] = "Data storage",
	[3] = "Instruction storage",
	[4] = "External input",
	[5] = "Alignment",
	[6] = "Program",
	[7] = "FP unavailable",
	[8] = "System call",
	[9] = "AP unavailable",
	[10] = "Decrementer",
	[11] = "Fixed-interval timer",
	[12] = "Watchdog",
	[13] = "Data TLB error",
	[14] = "Instruction TLB error",
	[15] = "Debug",
	[32] = "SPE/AltiVec unavailable",
	[33] = "Embedded FP data",
	[34] = "Embedded FP round",
	[35] = "Performance monitor",
	[36] = "Doorbell",
	[37] = "Critical doorbell",
	[38] = "Guest doorbell",
	[39] = "Guest critical doorbell",
	[40] = "Hypervisor call",
	[41] = "Hypervisor privilege",
};

const char *exception_name(unsigned int vector)
{
	if (vector < ARRAY_SIZE(exc_names) && exc_names[vector])
		return exc_names[vector];
	return "Unknown exception";
}

void dump_frame(const struct trap_frame *f)
{
	int i;

	printf("  pc  %08x  msr %08x  lr  %08x  ctr %08x\n", f->pc, f->msr,
	       f->lr, f->ctr);
	printf("  cr  %08x  xer %08x  dear %08x esr %08x\n", f->cr, f->xer,
	       f->dear, f->esr);
	for (i = 0; i < 32; i += 4)
		printf("  r%-2d %08x  r%-2d %08x  r%-2d %08x  r%-2d %08x\n", i,
		       f->gpr[i], i + 1, f->gpr[i + 1], i + 2, f->gpr[i + 2],
		       i + 3, f->gpr[i + 3]);
}

void __noreturn fatal_exception(struct trap_frame *f)
{
	struct percpu *p = this_cpu();

	if (p->in_fatal) /* faulted while reporting: just stop */
		cpu_halt();
	p->in_fatal = true;
	console_break_lock(); /* we may have interrupted its holder */
	printf("\nweir: fatal: %s at 0x%08x (cpu %u)\n",
	       exception_name(f->vector), f->pc, p->cpu);
	dump_frame(f);
	printf("weir: cpu %u stopped\n", p->cpu);
	cpu_halt();
}

static bool is_async(unsigned int vector)
{
	return vector == IVOR_EXTERNAL || vector == IVOR_DEC ||
	       vector == IVOR_FIT || vector == IVOR_DOORBELL;
}

/*
 * An exception from the guest running on this core (@f is its registers):
 * weir's own event first (its tick, a kick), then the core's exit handler
 * (include/weir/arch.h hv_vcpu_exit()); the guest resumes with the shadow
 * id it returns. Here rather than in vcpu_run.c so that a trap crosses
 * one arch C file on its way to the core.
 */
static void guest_exception(struct percpu *p, struct trap_frame *f)
{
	struct vcpu *v = p->vcpu;

	if (!v || f != &v->regs)
		fatal_exception(f);
	if (is_async(f->vector))
		cpu_async_event(p, f->vector);
	load_pid(hv_vcpu_exit(v, f->vector, f->dear, f->esr));
}

/*
 * Called from start.S with the saved frame; on return start.S resumes
 * this core's current frame (percpu->frame) with rfi.
 */
void handle_exception(struct trap_frame *f)
{
	struct percpu *p = this_cpu();

	if (f->msr & MSR_PR) {
		guest_exception(p, f);
		return;
	}
	if (f == &p->idle_frame && is_async(f->vector)) {
		cpu_async_event(p, f->vector);
		if (f->pc == (u32)(uintptr_t)idle_wait_insn)
			f->pc += 4; /* do not sleep past this event */
		return;
	}
	fatal_exception(f);
}
