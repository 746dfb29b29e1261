// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hardware interrupts: weir owns the interrupt controller (the MPIC,
 * reached through struct irqchip_ops). The model is described in
 * include/weir/hwirq.h; doc/passthrough.md "Interrupt routing" has the
 * user's view. As the NXP hypervisor, a guest never touches the
 * controller: it sees its sources through its ePAPR vPIC (EV_INT_IACK,
 * EV_INT_EOI; Linux arch/powerpc/sysdev/ehv_pic.c).
 *
 * Locking: one spinlock for the route table and the controller's mask
 * bits; taken in hv_irq() on any core and in the guest's EOI hook (which
 * the vPIC calls without its own lock), never held while calling a vPIC
 * function or a handler.
 */
#include <errno.h>
#include <string.h>
#include <libfdt.h>
#include <weir/arch.h>
#include <weir/config.h>
#include <weir/fdt_util.h>
#include <weir/hwirq.h>
#include <weir/log.h>
#include <weir/partition.h>
#include <weir/spinlock.h>
#include <weir/unit.h>
#include <weir/vcpu.h>
#include <weir/vpic.h>

#define HWIRQ_MAX_ROUTES (PARTITION_MAX * VPIC_NR_HW + 16)
#define HWIRQ_ACK_MAX 16 /* sources handled per external input */

struct hwirq_route {
	struct partition *part; /* a partition's source, else weir's */
	hwirq_handler fn;
	void *arg;
	u32 src;
	u32 virq;
	bool in_service; /* masked until the guest's EOI */
	bool stopped;	 /* its partition is stopped: stays masked */
};

static struct irqchip *chip;
static int chip_node = -1;
static struct hwirq_route routes[HWIRQ_MAX_ROUTES];
static unsigned int nroutes;
static spinlock_t lock = SPINLOCK_INIT;
static struct hwirq_stats stats;
/* sources already logged as unowned (one line each), a bitmap */
static u32 logged[2048 / 32];
static bool spurious_logged;

static struct hwirq_route *route_of(u32 src)
{
	unsigned int i;

	for (i = 0; i < nroutes; i++)
		if (routes[i].src == src)
			return &routes[i];
	return NULL;
}

bool hwirq_ready(void)
{
	return chip != NULL;
}

int hwirq_attach(struct irqchip *c, int node)
{
	int ret = c->ops->init(c);

	if (ret)
		return ret;
	chip = c;
	chip_node = node;
	return 0;
}

void hwirq_reset_all(void)
{
	chip = NULL;
	chip_node = -1;
	nroutes = 0;
	memset(routes, 0, sizeof(routes));
	memset(&stats, 0, sizeof(stats));
	memset(logged, 0, sizeof(logged));
	spurious_logged = false;
}

void hwirq_get_stats(struct hwirq_stats *s)
{
	spin_lock(&lock);
	*s = stats;
	spin_unlock(&lock);
}

/* A new route for @src, routed and masked. Called with the lock held. */
static int route_add(u32 src, enum irqchip_sense sense, unsigned int cpu,
		     struct hwirq_route **out)
{
	struct hwirq_route *r;
	int ret;

	if (!chip)
		return -ENODEV;
	if (route_of(src))
		return -EBUSY;
	if (nroutes == HWIRQ_MAX_ROUTES)
		return -ENOSPC;
	ret = chip->ops->route(chip, src, cpu, sense, HWIRQ_PRIO);
	if (ret)
		return ret;
	r = &routes[nroutes++];
	memset(r, 0, sizeof(*r));
	r->src = src;
	*out = r;
	return 0;
}

/* The guest ended its vPIC source: the hardware source may fire again. */
static void guest_eoi(void *arg, u32 virq)
{
	struct hwirq_route *r = arg;

	(void)virq;
	spin_lock(&lock);
	if (r->in_service) {
		r->in_service = false;
		stats.guest_eoi++;
		if (!r->stopped)
			chip->ops->unmask(chip, r->src);
	}
	spin_unlock(&lock);
}

int hwirq_route_part(struct partition *p, u32 src, enum irqchip_sense sense,
		     unsigned int cpu, u32 virq)
{
	struct hwirq_route *r;
	int ret;

	spin_lock(&lock);
	ret = route_add(src, sense, cpu, &r);
	if (!ret) {
		r->part = p;
		r->virq = virq;
		r->stopped = true; /* until the partition starts */
		ret = vpic_claim(p->pic, virq, guest_eoi, r);
		if (ret) {
			chip->ops->mask(chip, src); /* route() left it so */
			memset(r, 0, sizeof(*r));
			nroutes--;
		}
	}
	spin_unlock(&lock);
	return ret;
}

int hwirq_request_node(const void *hwfdt, int node, int index, unsigned int cpu,
		       hwirq_handler fn, void *arg, u32 *src)
{
	struct hwirq_route *r;
	u8 sense;
	int ret;

	if (!chip)
		return -ENODEV;
	ret = config_node_irq(hwfdt, chip_node, node, index, src, &sense);
	if (ret)
		return -ENOENT;
	spin_lock(&lock);
	ret = route_add(*src, (enum irqchip_sense)sense, cpu, &r);
	if (!ret) {
		r->fn = fn;
		r->arg = arg;
		chip->ops->unmask(chip, *src);
	}
	spin_unlock(&lock);
	return ret;
}

static void partition_set(struct partition *p, bool stop)
{
	unsigned int i;

	if (!chip)
		return;
	spin_lock(&lock);
	for (i = 0; i < nroutes; i++) {
		struct hwirq_route *r = &routes[i];

		if (r->part != p)
			continue;
		r->stopped = stop;
		r->in_service = false;
		if (stop)
			chip->ops->mask(chip, r->src);
		else
			chip->ops->unmask(chip, r->src);
	}
	spin_unlock(&lock);
}

void hwirq_partition_stop(struct partition *p)
{
	partition_set(p, true);
}

void hwirq_partition_start(struct partition *p)
{
	partition_set(p, false);
}

/* A source nobody owns fired: mask it, say so once. */
static void unowned(u32 src)
{
	bool first = false;

	spin_lock(&lock);
	chip->ops->mask(chip, src);
	stats.unowned++;
	if (src < 2048 && !(logged[src / 32] & (1u << (src % 32)))) {
		logged[src / 32] |= 1u << (src % 32);
		first = true;
	}
	spin_unlock(&lock);
	if (first)
		pr_warn("%s source %u fired but no partition or weir owns it: masked\n",
			chip->name, src);
}

void hv_irq(unsigned int cpu)
{
	struct hwirq_route *r;
	struct partition *p;
	unsigned int n;
	u32 src, virq = 0;

	if (!chip)
		return;
	for (n = 0; n < HWIRQ_ACK_MAX; n++) {
		src = chip->ops->ack(chip, cpu);
		if (src == IRQCHIP_SPURIOUS) {
			if (n == 0) {
				bool first = !spurious_logged;

				spurious_logged = true;
				stats.spurious++;
				if (first)
					pr_warn("%s: spurious interrupt on cpu %u\n",
						chip->name, cpu);
			}
			return;
		}
		spin_lock(&lock);
		stats.taken++;
		r = route_of(src);
		p = NULL;
		if (r && r->part) {
			/* masked while the guest has it in service */
			chip->ops->mask(chip, src);
			r->in_service = true;
			p = r->part;
			virq = r->virq;
			stats.to_guest++;
		}
		spin_unlock(&lock);
		if (!r)
			unowned(src);
		else if (!p)
			r->fn(r->arg, src);
		chip->ops->eoi(chip, cpu);
		if (p)
			vpic_raise(p->pic, virq);
	}
}

int hwirq_boot(const void *hwfdt, const struct plan *plan, struct dt_error *err)
{
	static struct irqchip c;
	const struct irqchip_driver *drv;
	unsigned int i, k, nirq = 0;
	phys_addr_t phys;
	volatile u8 *regs;
	char path[96];
	u64 size;
	int node, ret;

	for (i = 0; i < plan->nparts; i++)
		nirq += plan->part[i].nirq;
	node = plan->irq_node;
	drv = irqchip_driver_at(hwfdt, node);
	regs = NULL;
	if (drv && !fdt_reg_phys(hwfdt, node, 0, &phys, &size) &&
	    size >= drv->regs_size)
		regs = arch_ccsr_ptr(phys, drv->regs_size);
	if (!regs) {
		if (nirq)
			pr_warn("no interrupt controller weir can drive: %u device interrupt sources not routed\n",
				nirq);
		return 0;
	}
	fdt_path_of(hwfdt, node, path, sizeof(path));
	ret = drv->probe(&c, regs);
	if (!ret)
		ret = hwirq_attach(&c, node);
	if (ret)
		return dt_fail(err, hwfdt, node, "reg", -EIO,
			       "the %s driver cannot drive it (%d)", drv->name,
			       ret);
	pr_info("%s %s at 0x%llx: %u sources, %u cores; weir routes and acknowledges them\n",
		c.name, path, (unsigned long long)phys, c.nr_sources,
		c.nr_cpus);
	for (i = 0; i < plan->nparts; i++) {
		const struct part_plan *pp = &plan->part[i];
		struct partition *p = partition_by_id(i + 1);

		for (k = 0; k < pp->nirq; k++) {
			const struct part_irq *q = &pp->irq[k];
			unsigned int cpu = p->vcpu[0]->cpu;

			fdt_path_of(hwfdt, q->hw_node, path, sizeof(path));
			ret = hwirq_route_part(p, q->src,
					       (enum irqchip_sense)q->sense,
					       cpu, q->virq);
			if (ret)
				return dt_fail(
					err, hwfdt, q->hw_node, q->prop, ret,
					"cannot route source %u to partition '%s' (%d)",
					q->src, p->name, ret);
			pr_info("  irq %u (%s of %s) -> partition '%s' vPIC %u, cpu %u\n",
				q->src, q->prop, path, p->name, q->virq, cpu);
		}
	}
	return 0;
}

/* ------------------------------------------------ the partition's unit */

static void hwirq_unit_start(struct partition *p)
{
	hwirq_partition_start(p);
}

static void hwirq_unit_stop(struct partition *p)
{
	hwirq_partition_stop(p);
}

DEFINE_UNIT(hwirq, {
			   .name = "hardware interrupts",
			   .order = UNIT_ORDER_HWIRQ,
			   .start = hwirq_unit_start,
			   .stop = hwirq_unit_stop,
		   });
