/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The partition config tree (binding: doc/bindings/weir-config.md) turned
 * into a plan: which cores, RAM, image and devices each partition gets.
 * Validation names the config node and property of every problem and
 * produces no plan on error.
 */
#ifndef WEIR_CONFIG_H
#define WEIR_CONFIG_H

#include <weir/msi.h>
#include <weir/dma.h>
#include <weir/guest_dt.h>
#include <weir/hwtree.h>
#include <weir/partition.h>

#define CONFIG_MAX_DEVICES 16
#define CONFIG_MAX_IRQS VPIC_NR_HW /* hardware sources per partition */

/**
 * struct part_irq - one hardware interrupt source a partition owns
 * (config_irqs(), hv/config/irq.c): routed to the core of its vCPU 0 and
 * delivered as vPIC source @virq
 * @src: the interrupt controller's source number
 * @sense: enum irqchip_sense, from the hardware specifier's second cell
 * @virq: the guest's vPIC source, VPIC_IRQ_HW(index)
 * @hw_node: the assigned hardware node it comes from (first seen)
 * @prop: the property naming it there: "interrupts" or "interrupt-map"
 */
struct part_irq {
	u32 src;
	u8 sense;
	u32 virq;
	int hw_node;
	const char *prop;
};
#define CONFIG_BOOTARGS_MAX 255 /* characters, without the NUL */

struct part_plan {
	char name[32];	       /* "label", else the node name */
	int cfg_node;	       /* offset in the config tree */
	u32 cpu_mask;	       /* bit n = core n (hardware tree order) */
	phys_addr_t ram_phys;  /* real base of guest-physical 0 */
	u64 ram_size;	       /* bytes */
	phys_addr_t image_src; /* where the loader put the image */
	u64 image_gpa;	       /* where it goes in the guest */
	u64 image_len;	       /* bytes */
	int hw_dev[CONFIG_MAX_DEVICES];	 /* device nodes in the hardware tree */
	int dev_cfg[CONFIG_MAX_DEVICES]; /* the config child assigning each */
	unsigned int ndev;
	/* its MSI bank (an "fsl,mpic-msi[-v4.3]" among hw_dev[], at most
	 * one): where its registers and doorbell are, hw_dev[] index */
	bool has_msi;
	struct msi_bank_desc msi;
	unsigned int msi_dev;
	bool manager; /* may stop/restart other partitions */
	char bootargs[CONFIG_BOOTARGS_MAX + 1]; /* "" when not given */
	/* board compatible for the guest root ("-hv" is appended by the
	 * guest tree builder); "" when not given: the caller's default */
	char guest_compatible[GUEST_DT_BOARD_MAX + 1];
	/* MMIO passthrough: its devices' pages and PCI windows
	 * (config_mmio_windows()) */
	struct mmio_window mmio[PARTITION_MAX_MMIO];
	unsigned int nmmio;
	/* hardware interrupt sources of its devices (config_irqs()) */
	struct part_irq irq[CONFIG_MAX_IRQS];
	unsigned int nirq;
	bool has_entry; /* "guest-entry" given */
	u64 entry_gpa;	/* guest entry point (raw images) */
};

/*
 * IOMMU groups: the unit of DMA assignment (doc/iommu-groups.md). A group
 * is every device that shares one DMA address space: all its LIODNs get
 * the same PAMU window and it belongs to exactly one partition.
 */
#define PLAN_MAX_GROUPS DMA_MAX_GROUPS /* group index names its LIOBNs */
#define PLAN_GROUP_MAX_NODES 16	       /* hardware nodes of one group */
#define PLAN_MAX_IOMMU_UNITS 8	       /* 4 KiB register blocks (T4240: 6) */
#define PLAN_GROUP_NAME_MAX 96
/*
 * Largest LIODN weir accepts: LIODNs are 12 bits on QorIQ (the guts node's
 * "fsl,liodn-bits = <12>" in Linux 6.1 p4080si-post.dtsi/t4240si-post.dtsi,
 * which lowers it further when smaller). The PAACT is sized from the LIODNs
 * actually present, see struct plan.max_liodn.
 */
#define PLAN_LIODN_LIMIT 0xfffu
/* BUID of a group that is not a whole PCI controller: above any 36-bit
 * real address, so it never equals a controller's register base. */
#define PLAN_BUID_WEIR (1ULL << 36)

enum group_kind {
	GROUP_DEVICE,	  /* a non-PCI node with its fsl,liodn cells */
	GROUP_PCI_HOSE,	  /* a PCI controller and what weir groups with it */
	GROUP_DMA_ENGINE, /* weir's emulated DMA engine (no hardware) */
};

/**
 * struct group_plan - one IOMMU group of the plan
 * @name: hardware path of the group's root node (device, PCI controller
 *        or endpoint); for a DMA engine the config path of its node
 * @kind: see enum group_kind
 * @part: index of the owning partition in plan->part[]
 * @cfg_node: config node that assigned the group first (a device child
 *        or the weir,dma-engine node)
 * @hw_node: hardware node offsets of every device of the group, root
 *        first (for a PCI hose: the controller, then every node below it
 *        that belongs to the group); none for a DMA engine
 * @nnodes: entries used in @hw_node
 * @dma_enabled: the window starts enabled (LIODNs valid); false
 *        ("dma-disabled" in the config) keeps them blocked (V=0) until
 *        the guest calls FH_DMA_ENABLE
 * @dma: the group's DMA configuration, ready for dma_group_create():
 *        dma_group_config_init() defaults, then index = position in
 *        plan->group[], buid (a PCI hose: the controller's real "reg"
 *        base; any other group: PLAN_BUID_WEIR | index), liodns /
 *        nr_liodns (the group's LIODNs, each once, in tree order) and the
 *        window options of the config
 */
struct group_plan {
	char name[PLAN_GROUP_NAME_MAX];
	enum group_kind kind;
	unsigned int part;
	int cfg_node;
	int hw_node[PLAN_GROUP_MAX_NODES];
	unsigned int nnodes;
	bool dma_enabled;
	struct dma_group_config dma;
};

/**
 * struct plan - the validated config
 * @group, @ngroups: IOMMU groups of assigned DMA masters, in config order
 * @max_liodn: largest LIODN of the hardware tree (up to the LIODN limit)
 *        and of every group; the PAACT needs max_liodn + 1 entries.
 *        0 when there is none.
 * @iommu_node: the hardware tree's IOMMU node (iommu_driver_find(): the
 *        "fsl,pamu" node), -1 when there is none (QEMU)
 * @irq_node: the hardware tree's interrupt controller node
 *        (irqchip_driver_find(), found once by config_irqs()), -1 when
 *        there is none
 * @iommu_phys, @niommus: real address of each IOMMU unit (one 4 KiB block
 *        each, from the "reg" of @iommu_node); none on QEMU
 */
struct plan {
	struct part_plan part[PARTITION_MAX];
	unsigned int nparts;
	struct group_plan group[PLAN_MAX_GROUPS];
	unsigned int ngroups;
	u32 max_liodn;
	int iommu_node;
	int irq_node;
	phys_addr_t iommu_phys[PLAN_MAX_IOMMU_UNITS];
	unsigned int niommus;
};

/* Memory weir keeps for itself (its image, heap and tables). */
struct hv_reserved {
	phys_addr_t start;
	u64 size;
};

/**
 * config_parse() - validate a config tree against the hardware
 * @cfg: config tree (root compatible "weir,config-1")
 * @hwfdt: hardware tree (devices are resolved in it)
 * @hw: parsed hardware facts (cores, RAM)
 * @hv: weir's own memory, never given to a partition
 * @plan: result, only meaningful when 0 is returned
 * @err: on error, the config node and property at fault
 *
 * Also builds the IOMMU groups (iommu_groups_build(), include/weir/iommu_groups.h).
 *
 * Return: 0; -EINVAL for a bad tree or property; -EBUSY when a core,
 * RAM range or device is given to two partitions, or a "guest-image"
 * source lies in any partition's RAM (its own is cleared at start,
 * another's would let that guest rewrite the image); -ERANGE when RAM or
 * an image source lies outside physical memory or overlaps weir; -ENOENT when a device or the
 * guest image is missing; -E2BIG when limits are exceeded (partitions,
 * devices, "bootargs" or "guest-compatible" length); -ERANGE also when
 * "guest-entry" lies outside guest-memory; config_msi_banks()'s errors
 * (MSI banks: -EINVAL for an MPIC 4.3 bank or a bad "reg", -ERANGE for
 * one outside CCSR, -EBUSY for two banks in one partition or in one
 * 4 KiB page of two partitions, -E2BIG beyond MSI_MAX_BANKS); and
 * iommu_groups_build()'s errors.
 */
int config_parse(const void *cfg, const void *hwfdt, const struct hw_info *hw,
		 const struct hv_reserved *hv, struct plan *plan,
		 struct dt_error *err);

struct plan;

/**
 * config_msi_banks() - find each partition's MSI bank among its devices
 * and check it is one weir can give it (hv/config/msi.c): sets
 * part_plan.has_msi/msi/msi_dev. Shared by boot and weir-plan
 * through config_parse(), so both refuse the same banks.
 * Return: 0 or a negative errno with @err naming the config child and its
 * "device" property (see config_parse()); among them -EPERM for a bank
 * whose doorbell page holds MPIC registers when the child lacks
 * MSI_PROP_SHARED_PAGE, and -EINVAL (that property named) when it has
 * it for a page of the bank's own or a device that is no bank.
 */
int config_msi_banks(const void *cfg, const void *hwfdt,
		     const struct hw_info *hw, struct plan *plan,
		     struct dt_error *err);

/**
 * config_mmio_windows() - the MMIO windows of every partition
 * (hv/config/mmio.c, doc/passthrough.md): each assigned device's "reg"
 * entries rounded out to 4 KiB pages, and a PCI controller's "ranges"
 * windows (memory and I/O, which must be page aligned), into
 * part_plan.mmio. The nodes weir emulates for the guest (its console
 * UART: the guest gets a byte channel; MSI banks: "fsl,vmpic-msi") give
 * none. Shared by boot and weir-plan through config_parse().
 * Return: 0, or a negative errno with @err naming the config child and
 * its "device" property: -EINVAL for a "reg" or "ranges" the hardware
 * tree cannot translate, or a "ranges" window not 4 KiB aligned; -ERANGE
 * for a window overlapping RAM, weir's memory, or the partition's own
 * guest-physical RAM [0, size) (devices sit at guest-physical = real);
 * -EBUSY for a page in two partitions, or one shared with a node weir
 * keeps (MPIC, PAMU, GUTS, LAW, its console UART, an MSI bank) or with
 * another device not assigned to the same partition (both nodes named);
 * -E2BIG beyond PARTITION_MAX_MMIO windows.
 */
int config_mmio_windows(const void *cfg, const void *hwfdt,
			const struct hw_info *hw, const struct hv_reserved *hv,
			struct plan *plan, struct dt_error *err);

/**
 * config_irqs() - the hardware interrupt sources of every partition
 * (hv/config/irq.c, doc/passthrough.md "Interrupt routing"): the
 * "interrupts" of each assigned node (not of nodes weir emulates: its
 * console UART, an MSI bank; nor of nodes below a PCI controller) and,
 * for a PCI controller, the parent specifiers of the "interrupt-map" of
 * it and of every node below it (its INTx), whose interrupt parent is
 * the hardware tree's interrupt controller (irqchip_driver_find()); each
 * source once per partition, numbered VPIC_IRQ_HW(0), (1), ... in tree
 * order; the controller's node goes to @plan->irq_node. Shared by boot and weir-plan through config_parse().
 * Return: 0, or a negative errno with @err naming the config child and
 * its "device" property: -EINVAL for a malformed "interrupts" or
 * "interrupt-map"; -EBUSY for a source that another partition's device
 * or a node weir keeps (the IOMMU, another partition's MSI bank) also
 * names (both nodes and the properties in the message); -E2BIG beyond
 * CONFIG_MAX_IRQS sources in one partition.
 */
int config_irqs(const void *cfg, const void *hwfdt, const struct hw_info *hw,
		struct plan *plan, struct dt_error *err);

/**
 * config_irq_spec() - entry @index of the interrupt specifiers in @spec
 * (@len bytes), each @cells cells of the interrupt controller's binding
 * (2: <source sense>; 4: <source sense type info>, Linux mpic.c
 * mpic_host_xlate(): type 0 is an ordinary source, others are error
 * interrupts, IPIs and timers weir does not pass through)
 * Return: 0 with @src and @sense; -ENOENT past the end; -EOPNOTSUPP for a
 * type other than 0; -EINVAL for @cells other than 2 or 4, or @len not a
 * whole number of specifiers.
 */
int config_irq_spec(const u32 *spec, int len, int cells, int index, u32 *src,
		    u8 *sense);

/**
 * config_node_irq() - entry @index of @node's "interrupts" in @hwfdt,
 * when its interrupt parent ("interrupt-parent" of the node or an
 * ancestor) is the interrupt controller at @ctl
 * Return: as config_irq_spec(); -ENOENT also when the node has no
 * "interrupts" or another interrupt parent.
 */
int config_node_irq(const void *hwfdt, int ctl, int node, int index, u32 *src,
		    u8 *sense);

/**
 * config_irq_map_walk() - call @fn for each entry of @node's
 * "interrupt-map" whose interrupt parent is the controller at @ctl, with
 * the entry, its child unit address and specifier cells (@child_cells,
 * at its start) and where its parent specifier (@spec_cells cells)
 * starts in it
 * Return: 0; @fn's first error; -EINVAL for a malformed map (an entry
 * cut short, an unknown phandle, a parent without "#interrupt-cells").
 */
int config_irq_map_walk(const void *hwfdt, int ctl, int node,
			int (*fn)(void *arg, const u32 *entry, int child_cells,
				  int spec_at, int spec_cells),
			void *arg);

/* The vPIC source of hardware source @src in @pp, or 0 when it has none. */
u32 config_irq_virq(const struct part_plan *pp, u32 src);

#endif
