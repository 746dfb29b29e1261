// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Secondary cores from the ePAPR spin table (ePAPR 1.1 §5.5): each
 * secondary cpu node has enable-method "spin-table" and a 64-bit
 * cpu-release-addr pointing at { u64 entry_addr; u64 r3; u32 rsvd;
 * u32 pir; }. Writing r3 and then entry_addr with bit 0 clear releases
 * the core with a 64 MiB initial mapping around the entry point (QEMU
 * hw/ppc/ppce500_spin.c; U-Boot arch/powerpc/cpu/mpc85xx/release.S).
 *
 * Timebase: a released core sets its timebase to the boot core's before
 * any vCPU runs on it, so that a guest's vCPUs (and weir's vtimers) read
 * one clock. On a CoreNet board U-Boot has already done so: it disables
 * the other cores' timebases at the platform (RCPM CTBENRL, U-Boot
 * arch/powerpc/cpu/mpc85xx/mp.c "disable time base at the platform"),
 * releases them and enables all at once; Linux's mpc85xx_give_timebase()
 * (platforms/85xx/smp.c) freezes them the same way through qoriq_pm_ops.
 * QEMU's ppce500 models neither: each core's timebase counts from
 * machine start and U-Boot's init_timebase() (arch/powerpc/lib/time.c)
 * zeroes the boot core's alone, so the secondaries run ahead of it by
 * U-Boot's first milliseconds (QEMU hw/ppc/ppc.c keeps one tb_offset per
 * core; hw/ppc/ppce500_spin.c does not touch it). A Linux guest that
 * reads a timebase behind the one its clocksource last saw on another
 * CPU computes a negative delta, which its 64-bit cycles-to-ns product
 * turns into a jump of 2^40 ns (1100 s).
 *
 * Without a freeze weir cannot stop the clocks, so the secondary measures
 * its offset by handshake (as Linux's smp_generic_take_timebase(),
 * kernel/smp-tbsync.c, does without one): it reads its timebase, asks
 * the boot core for its own, and reads again when the answer arrives;
 * the boot core's reading lies between the two, so the offset is known
 * within half the round trip. Both sides wait for the other's doorbell
 * (arch_idle_wait()), so QEMU's round robin switches cores at once. The
 * best of TB_ROUNDS rounds counts; when the offset is larger than that
 * uncertainty the secondary adds it to its timebase (TBWL/TBWU) and
 * measures again. A board whose cores U-Boot synchronised measures an
 * offset within the uncertainty and keeps its hardware clocks as they
 * are.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/tlb.h>
#include <asm/vcpu_run.h>
#include <weir/arch.h>
#include <weir/byteorder.h>
#include <weir/log.h>
#include <weir/timer.h>

#define SPIN_VIRT (CONFIG_CCSR_VIRT - 0x20000)
#define STACK_SIZE 0x4000

/* Timebase handshake: rounds per measurement, corrections at most, and
 * how many wake-ups a round waits for the boot core's answer at most. */
#define TB_ROUNDS 16
#define TB_FIXES 4
#define TB_POLLS (1u << 16)

/*
 * The handshake's shared words: the secondary writes @req, the boot core
 * (smp_release(), waiting for it) reads its timebase into @tb and then
 * copies @req to @ack.
 */
static struct {
	volatile u32 req, ack;
	volatile u64 tb;
} tb_ping;

extern void secondary_entry(void);
static u8 stacks[CONFIG_NR_CPUS][STACK_SIZE] __aligned(16);

/* The cpu node of core @cpu (hardware-tree order of device_type "cpu"). */
static int cpu_node(const void *fdt, unsigned int cpu)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	unsigned int n = 0;
	const char *type;

	if (cpus < 0)
		return cpus;
	fdt_for_each_subnode(node, fdt, cpus)
	{
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (type && !strcmp(type, "cpu") && n++ == cpu)
			return node;
	}
	return -FDT_ERR_NOTFOUND;
}

int smp_release(const void *fdt, unsigned int cpu)
{
	struct percpu *p = &percpu_data[cpu];
	const fdt64_t *rel;
	volatile u32 *spin;
	phys_addr_t addr;
	int node = cpu_node(fdt, cpu), slot, len;
	bool handshake = false;
	u64 t0;

	if (cpu == 0 || cpu >= CONFIG_NR_CPUS || node < 0)
		return -ENODEV;
	rel = fdt_getprop(fdt, node, "cpu-release-addr", &len);
	if (!rel || len != 8) {
		pr_err("cpu %u: no 'cpu-release-addr' in its cpu node\n", cpu);
		return -ENODEV;
	}
	addr = fdt64_to_cpu(*rel);
	slot = tlb1_map_io(SPIN_VIRT, addr);
	if (slot < 0)
		return slot;
	spin = (volatile u32 *)(uintptr_t)(SPIN_VIRT + (u32)(addr & 0xfff));

	p->cpu = cpu;
	p->stack_top = (u32)(uintptr_t)&stacks[cpu][STACK_SIZE];
	p->online = false;
	p->tb_rtt = 0;
	msync();
	spin[2] = 0;		     /* r3 (high) */
	spin[3] = (u32)(uintptr_t)p; /* r3: its percpu block */
	msync();
	spin[0] = 0;				   /* entry_addr (high) */
	spin[1] = (u32)(uintptr_t)secondary_entry; /* bit 0 clear: go */
	msync();
	tlb1_unmap(slot);

	t0 = timer_ticks();
	while (!p->online) {
		u32 req = tb_ping.req;

		if (req != tb_ping.ack) { /* the secondary asks our timebase */
			tb_ping.tb = get_tb();
			msync();
			tb_ping.ack = req;
			cpu_doorbell(cpu);
			handshake = true;
		}
		if (handshake) {
			/* it is up: each of its steps rings our doorbell */
			arch_idle_wait();
			continue;
		}
		/*
		 * A decrementer deadline 100 us ahead: QEMU's -icount runs
		 * the cores round robin and switches only at a timer
		 * deadline, so without one the released core would not run
		 * before this loop timed out. Nothing is enabled: TCR[DIE]
		 * is clear until the tick starts.
		 */
		mtspr(SPRN_DEC, timer_tb_freq() / 10000);
		if (timer_ticks_to_us(timer_ticks() - t0) > 1000000) {
			pr_err("cpu %u did not come up from the spin table at 0x%llx\n",
			       cpu, (unsigned long long)addr);
			return -ETIMEDOUT;
		}
	}
	if (!p->tb_rtt)
		pr_warn("cpu %u: timebase not synchronised with cpu 0's\n",
			cpu);
	else if (p->tb_skew == p->tb_left)
		pr_info("cpu %u: timebase agrees with cpu 0's (%lld ticks behind, +-%u)\n",
			cpu, (long long)p->tb_left, (unsigned)p->tb_rtt / 2);
	else
		pr_info("cpu %u: timebase was %lld ticks behind cpu 0's, set to it (%lld left, +-%u)\n",
			cpu, (long long)p->tb_skew, (long long)p->tb_left,
			(unsigned)p->tb_rtt / 2);
	return 0;
}

/*
 * One handshake round, on a secondary: how far this core's timebase is
 * behind the boot core's (@off, ticks; negative: ahead), known within
 * @rtt / 2. Return: false when the boot core did not answer.
 */
static bool tb_round(u32 n, s64 *off, u64 *rtt)
{
	u32 polls = 0;
	u64 s0, s1;

	msync();
	s0 = get_tb();
	tb_ping.req = n;
	msync();
	cpu_doorbell(0);
	while (tb_ping.ack != n) {
		if (++polls > TB_POLLS)
			return false;
		arch_idle_wait(); /* the boot core rings when it answered */
	}
	s1 = get_tb();
	*rtt = s1 - s0;
	*off = (s64)(tb_ping.tb - (s0 + *rtt / 2));
	return true;
}

/* The round with the shortest round trip of TB_ROUNDS (see the top). */
static bool tb_measure(u32 *seq, s64 *off, u64 *rtt)
{
	s64 o;
	u64 r;
	unsigned int i;

	*rtt = ~0ull;
	*off = 0;
	for (i = 0; i < TB_ROUNDS; i++) {
		if (!tb_round(++*seq, &o, &r))
			return false;
		if (r < *rtt) {
			*rtt = r;
			*off = o;
		}
	}
	return true;
}

static bool tb_within(s64 off, u64 rtt)
{
	return (u64)(off < 0 ? -off : off) <= rtt / 2;
}

/* Take the boot core's timebase (see the top); the result in @p. */
static void tb_sync(struct percpu *p)
{
	u32 seq = tb_ping.ack;
	unsigned int fix;
	s64 off;
	u64 rtt;

	for (fix = 0;; fix++) {
		if (!tb_measure(&seq, &off, &rtt))
			return; /* tb_rtt stays 0: the boot core warns */
		if (!fix)
			p->tb_skew = off;
		if (tb_within(off, rtt) || fix == TB_FIXES)
			break;
		set_tb(get_tb() + (u64)off);
	}
	p->tb_left = off;
	p->tb_rtt = rtt > 0xffffffffu ? 0xffffffffu : (u32)rtt;
}

void secondary_main(struct percpu *p)
{
	percpu_init(p->cpu, p->stack_top);
	if (setup_secondary_tlb() < 0)
		cpu_halt();
	tb_sync(p);
	/* The boot core assigned our vCPU before releasing us. */
	cpu_tick_init();
	msync();
	p->online = true;
	cpu_doorbell(0);
	if (p->vcpu)
		vcpu_run(p->vcpu);
	for (;;)
		__asm__ __volatile__("wait");
}
