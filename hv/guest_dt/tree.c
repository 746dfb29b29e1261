// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest device tree: what a stock Linux 6.1 guest of the corenet
 * "-hv" platform needs, and nothing of the hardware the partition does not
 * own. Sources for each property (Linux 6.1; paths under arch/powerpc/
 * unless they start with drivers/):
 *
 *  - root "compatible" = "<board>-hv": platforms/85xx/corenet_generic.c
 *    corenet_generic_probe() selects ehv_pic_init/ehv_pic_get_irq,
 *    fsl_hv_restart and fsl_hv_halt only for "<board>-hv" (24-byte
 *    buffer); a plain board string would select the bare-metal MPIC path.
 *  - cpus: kernel/prom.c early_init_dt_scan_cpus() matches "reg" against
 *    the header's boot_cpuid_phys; kernel/setup-common.c
 *    smp_setup_cpu_maps() counts a disabled cpu as present only with
 *    enable-method = "spin-table"; platforms/85xx/smp.c reads the 64-bit
 *    "cpu-release-addr"; time.c takes timebase-frequency from the cpu node.
 *  - /hypervisor: kernel/epapr_paravirt.c patches "hcall-instructions"
 *    (any node) into the hcall stubs and uses EV_IDLE when "has-idle" is
 *    present; drivers/virt/fsl_hypervisor.c has_fsl_hypervisor() needs
 *    "fsl,hv-version" (only its presence is checked).
 *  - nodes named "hypervisor" and "handles" become platform buses
 *    (corenet_gen_publish_devices), so the byte channel under them is
 *    probed by drivers/tty/ehv_bytechan.c ("hv-handle", interrupts rx then
 *    tx); its console is the node /chosen/stdout-path names (of_stdout).
 *  - the vPIC: sysdev/ehv_pic.c finds it by compatible "epapr,hv-pic"
 *    anywhere; irq specifiers are <irq sense>.
 *
 * The layout follows what the NXP Embedded Hypervisor (Topaz) generates
 * (../shared/reference/topaz.md §1.4), written independently.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include <weir/config.h>
#include <weir/epapr.h>
#include <weir/guest_dt.h>
#include <weir/guest_dt_abi.h>
#include <weir/partition.h>
#include "guest_dt_priv.h"

static int bad(struct dt_error *err, const char *node, const char *prop,
	       const char *fmt, ...)
{
	va_list ap;

	snprintf(err->node, sizeof(err->node), "%s", node);
	snprintf(err->prop, sizeof(err->prop), "%s", prop);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void bytechan_path(const struct guest_dt_params *gp, char *buf,
			  size_t len)
{
	snprintf(buf, len, "/hypervisor/handles/byte-channel@%x",
		 gp->console_handle);
}

static int check_params(const void *hwfdt, const struct partition *p,
			const struct guest_dt_params *gp, struct dt_error *err)
{
	char bc[64];
	size_t n;

	bytechan_path(gp, bc, sizeof(bc));
	if (fdt_check_header(hwfdt))
		return bad(err, "/", "", "hardware tree is not a device tree");
	if (!gp->board || !gp->board[0])
		return bad(err, "/", "compatible", "no board compatible given");
	n = strlen(gp->board);
	if (n > GUEST_DT_BOARD_MAX)
		return bad(err, "/", "compatible",
			   "board \"%.40s\" has %zu characters, at most %d "
			   "(Linux matches \"<board>-hv\" in 24 bytes)",
			   gp->board, n, GUEST_DT_BOARD_MAX);
	if (!gp->nvcpus || gp->nvcpus > PARTITION_MAX_VCPUS)
		return bad(err, "/cpus", "", "%u vCPUs (need 1..%d)",
			   gp->nvcpus, PARTITION_MAX_VCPUS);
	if (!gp->ram_size || !IS_ALIGNED(gp->ram_size, SZ_4K))
		return bad(err, "/memory", "reg",
			   "RAM size 0x%llx is not a non-zero 4 KiB multiple",
			   (unsigned long long)gp->ram_size);
	if (p->ram_size && gp->ram_size > p->ram_size)
		return bad(err, "/memory", "reg",
			   "RAM size 0x%llx exceeds the partition's 0x%llx",
			   (unsigned long long)gp->ram_size,
			   (unsigned long long)p->ram_size);
	if (gp->pic_cells != 1 && gp->pic_cells != 2)
		return bad(err, "/hypervisor/handles/interrupt-controller",
			   "#interrupt-cells", "%u cells (need 1 or 2)",
			   gp->pic_cells);
	if (gp->console_rx_irq >= GUEST_DT_MAX_IRQ ||
	    gp->console_tx_irq >= GUEST_DT_MAX_IRQ)
		return bad(err, bc, "interrupts",
			   "irq %u/%u beyond the vPIC's %d sources",
			   gp->console_rx_irq, gp->console_tx_irq,
			   GUEST_DT_MAX_IRQ);
	/* ehv_bytechan requests both without IRQF_SHARED. */
	if (gp->console_rx_irq == gp->console_tx_irq)
		return bad(err, bc, "interrupts", "rx and tx share irq %u",
			   gp->console_rx_irq);
	if (gp->nvcpus > 1 && gp->spin_table_gpa &&
	    (!IS_ALIGNED(gp->spin_table_gpa, 8) ||
	     gp->spin_table_gpa > ~0ULL - GUEST_DT_SPIN_ENTRY * gp->nvcpus))
		return bad(
			err, "/cpus", "cpu-release-addr",
			"spin table at 0x%llx is not 8-byte aligned or wraps",
			(unsigned long long)gp->spin_table_gpa);
	if (!gp->hv_version || !gp->hv_version[0])
		return bad(err, "/hypervisor", DT_PROP_HV_VERSION,
			   "no version string given");
	return 0;
}

/* The hardware cpu node to copy from: the partition's first core. */
static int hw_cpu_node(const void *hwfdt, const struct part_plan *pp)
{
	int cpus = fdt_path_offset(hwfdt, "/cpus"), node, first = -1;
	unsigned int want = 0, i = 0;

	if (pp && pp->cpu_mask)
		want = (unsigned int)__builtin_ctz(pp->cpu_mask);
	if (cpus < 0)
		return -1;
	fdt_for_each_subnode(node, hwfdt, cpus)
	{
		const char *type =
			fdt_getprop(hwfdt, node, "device_type", NULL);

		if (!type || strcmp(type, "cpu"))
			continue;
		if (first < 0)
			first = node;
		if (i++ == want)
			return node;
	}
	return first;
}

/* Properties that describe the core itself, copied when present. */
static const char *const cpu_props[] = {
	"clock-frequency",   "bus-frequency",	   "d-cache-line-size",
	"i-cache-line-size", "d-cache-block-size", "i-cache-block-size",
	"d-cache-size",	     "i-cache-size",	   "d-cache-sets",
	"i-cache-sets",
};

static void copy_prop(struct gdt *g, const void *hwfdt, int node,
		      const char *name)
{
	const void *v;
	int len;

	if (node < 0)
		return;
	v = fdt_getprop(hwfdt, node, name, &len);
	if (v)
		prop(g, name, v, len);
}

static void add_cpus(struct gdt *g, const void *hwfdt, const struct hw_info *hw,
		     const struct part_plan *pp,
		     const struct guest_dt_params *gp)
{
	int hwcpu = hw_cpu_node(hwfdt, pp);
	const void *compat = NULL;
	char name[16], fallback[40];
	unsigned int n, i;
	int len = 0;

	if (hwcpu >= 0)
		compat = fdt_getprop(hwfdt, hwcpu, "compatible", &len);
	if (!compat && hw->cpu[0]) {
		/* QEMU's cpu nodes have none; hw->cpu is the PVR's core. */
		snprintf(fallback, sizeof(fallback), "fsl,%s", hw->cpu);
		compat = fallback;
		len = (int)strlen(fallback) + 1;
	}

	begin(g, "cpus");
	prop_u32(g, "#address-cells", 1);
	prop_u32(g, "#size-cells", 0);
	for (n = 0; n < gp->nvcpus; n++) {
		snprintf(name, sizeof(name), "cpu@%x", n);
		begin(g, name);
		prop_str(g, "device_type", "cpu");
		prop_u32(g, "reg", n);
		if (compat)
			prop(g, "compatible", compat, len);
		if (hwcpu >= 0 &&
		    fdt_getprop(hwfdt, hwcpu, "timebase-frequency", NULL))
			copy_prop(g, hwfdt, hwcpu, "timebase-frequency");
		else
			prop_u32(g, "timebase-frequency", hw->tb_freq);
		for (i = 0; i < ARRAY_SIZE(cpu_props); i++)
			copy_prop(g, hwfdt, hwcpu, cpu_props[i]);
		if (n == 0) {
			prop_str(g, "status", "okay");
		} else {
			prop_str(g, "status", "disabled");
			if (gp->spin_table_gpa) {
				prop_str(g, "enable-method", "spin-table");
				prop_u64(g, "cpu-release-addr",
					 gp->spin_table_gpa +
						 (u64)GUEST_DT_SPIN_ENTRY * n);
			}
		}
		end(g);
	}
	end(g);
}

static void add_hypervisor(struct gdt *g, const struct partition *p,
			   const struct guest_dt_params *gp)
{
	static const char compat[] = "weir,hypervisor-1\0epapr,hypervisor-1";
	static const char pic_compat[] = DT_COMPAT_HV_PIC;
	char name[32];
	fdt32_t irqs[4];
	int n = 0;

	begin(g, "hypervisor");
	prop(g, "compatible", compat, sizeof(compat));
	prop_u32(g, "hcall-instructions", EPAPR_HCALL_INSN);
	prop_flag(g, "has-idle");
	prop_str(g, DT_PROP_HV_VERSION, gp->hv_version);
	prop_u32(g, "guest-id", p->id);
	prop_str(g, "guest-name", p->name);

	begin(g, "handles");
	prop_u32(g, "#address-cells", 1);
	prop_u32(g, "#size-cells", 0);

	snprintf(name, sizeof(name), "byte-channel@%x", gp->console_handle);
	begin(g, name);
	prop_str(g, "compatible", DT_COMPAT_BYTE_CHANNEL);
	prop_u32(g, "reg", gp->console_handle);
	prop_u32(g, DT_PROP_HV_HANDLE, gp->console_handle);
	irqs[n++] = cpu_to_fdt32(gp->console_rx_irq);
	if (gp->pic_cells == 2)
		irqs[n++] = cpu_to_fdt32(GUEST_DT_SENSE_LEVEL_LOW);
	irqs[n++] = cpu_to_fdt32(gp->console_tx_irq);
	if (gp->pic_cells == 2)
		irqs[n++] = cpu_to_fdt32(GUEST_DT_SENSE_LEVEL_LOW);
	prop(g, "interrupts", irqs, n * (int)sizeof(irqs[0]));
	end(g);

	begin(g, "interrupt-controller");
	prop(g, "compatible", pic_compat, sizeof(pic_compat));
	prop_flag(g, "interrupt-controller");
	prop_u32(g, "#interrupt-cells", gp->pic_cells);
	prop_u32(g, "#address-cells", 0);
	prop_u32(g, "phandle", GUEST_DT_PIC_PHANDLE);
	end(g);

	guest_dt_add_error_queues(g, p, gp->pic_cells);
	end(g); /* handles */
	end(g); /* hypervisor */
}

static void build(struct gdt *g, const void *hwfdt, const struct hw_info *hw,
		  const struct partition *p, const struct part_plan *pp,
		  const struct guest_dt_params *gp)
{
	u64 spin_len = (u64)GUEST_DT_SPIN_ENTRY * gp->nvcpus;
	char compat[GUEST_DT_BOARD_MAX + 4], model[128], path[64];
	fdt64_t reg[2] = { cpu_to_fdt64(0), cpu_to_fdt64(gp->ram_size) };

	/* A spin table in guest RAM must not be handed out by the guest. */
	if (gp->nvcpus > 1 && gp->spin_table_gpa &&
	    gp->spin_table_gpa < gp->ram_size &&
	    spin_len <= gp->ram_size - gp->spin_table_gpa && !g->ret)
		g->ret = fdt_add_reservemap_entry(g->fdt, gp->spin_table_gpa,
						  spin_len);
	if (!g->ret)
		g->ret = fdt_finish_reservemap(g->fdt);

	snprintf(compat, sizeof(compat), "%s-hv", gp->board);
	snprintf(model, sizeof(model), "weir partition %s on %s", p->name,
		 hw->model);
	bytechan_path(gp, path, sizeof(path));

	begin(g, "");
	prop_str(g, "compatible", compat);
	prop_str(g, "model", model);
	prop_u32(g, "#address-cells", 2);
	prop_u32(g, "#size-cells", 2);
	prop_str(g, "epapr-version", "ePAPR-1.1");
	prop_u32(g, "interrupt-parent", GUEST_DT_PIC_PHANDLE);

	add_cpus(g, hwfdt, hw, pp, gp);

	begin(g, "memory");
	prop_str(g, "device_type", "memory");
	prop(g, "reg", reg, sizeof(reg));
	end(g);

	begin(g, "chosen");
	prop_str(g, "stdout-path", path);
	if (gp->bootargs)
		prop_str(g, "bootargs", gp->bootargs);
	end(g);

	guest_dt_add_dma(g, p);
	if (!guest_dt_add_pci(g, hwfdt, gp->pic_cells, p, pp))
		guest_dt_add_msi(g, p);
	add_hypervisor(g, p, gp);
	end(g); /* root */
	if (!g->ret)
		g->ret = fdt_finish(g->fdt);
}

int guest_dt_build(const void *hwfdt, const struct hw_info *hw,
		   const struct partition *p, const struct part_plan *pp,
		   const struct guest_dt_params *gp, void *buf, size_t size,
		   struct dt_error *err)
{
	struct gdt g = { .fdt = buf };
	char pci[sizeof(err->node)];
	int bufsize = size > 0x7fffffff ? 0x7fffffff : (int)size;
	int ret;

	/* A NULL argument never reaches build() (the analyzer cannot see
	 * through the variadic bad(), so say it with the control flow). */
	if (!hwfdt || !hw || !p || !gp || !buf) {
		ret = bad(err, "/", "", "missing argument");
		goto out;
	}
	ret = check_params(hwfdt, p, gp, err);
	if (!ret && guest_dt_check_pci(hwfdt, pp, pci, sizeof(pci))) {
		ret = bad(err, pci, "reg",
			  "PCI controller's parent does not map 1:1 to real "
			  "addresses (its addresses are copied unchanged)");
	}
	if (!ret) {
		/* No property-name dedup: libfdt's search of the strings
		 * block at every byte offset per property was 0.66 M of the
		 * hand-off's instructions; the tree grows by the repeated
		 * names (doc/performance.md, hand-off). */
		g.ret = fdt_create_with_flags(buf, bufsize,
					      FDT_CREATE_FLAG_NO_NAME_DEDUP);
		build(&g, hwfdt, hw, p, pp, gp);
		if (g.ret == -FDT_ERR_NOSPACE) {
			snprintf(err->node, sizeof(err->node), "/");
			err->prop[0] = '\0';
			snprintf(err->msg, sizeof(err->msg),
				 "guest device tree does not fit in %zu bytes",
				 size);
			ret = -ENOSPC;
		} else if (g.ret) {
			ret = bad(err, "/", "", "libfdt: %s",
				  fdt_strerror(g.ret));
		}
	}
out:
	if (ret && buf)
		memset(buf, 0,
		       size < sizeof(struct fdt_header) ?
			       size :
			       sizeof(struct fdt_header));
	return ret;
}
