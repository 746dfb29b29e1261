/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The device tree a partition boots with. It is built from nothing (never
 * a filtered copy of the hardware tree), so only what weir decides to show
 * is in it: the root, /memory, /cpus, /chosen and /hypervisor with its
 * handles (console byte channel, virtual PIC). The contents and the Linux
 * code that reads each property are listed in doc/bindings/weir-config.md
 * ("The guest device tree").
 *
 * Assigned devices (part_plan.hw_dev[]) are not in the tree yet. The design
 * for them: each assigned hardware node is copied with its subtree under a
 * guest "simple-bus" node whose "ranges" map the guest-physical window
 * where weir maps the device's registers; "reg" stays relative to that bus,
 * so only "ranges" carries the translation. "interrupts" are rewritten to
 * <virq sense> pairs of the vPIC (interrupt-parent = the vPIC phandle), and
 * properties that point at hardware nodes the partition does not own
 * (interrupt-parent of the MPIC, fsl,msi, next-level-cache, clocks) are
 * dropped or rewritten. DMA masters get "fsl,hv-dma-handle" (Linux
 * drivers/virt/fsl_hypervisor.c) naming the handle of their DMA window.
 * The builder then emits these nodes between /chosen and /hypervisor,
 * before the strings block is finalised, so the single sequential pass
 * stays as it is.
 */
#ifndef WEIR_GUEST_DT_H
#define WEIR_GUEST_DT_H

#include <weir/hwtree.h>
#include <weir/types.h>

struct partition;
struct part_plan;

/*
 * Longest board compatible the guest root can carry: Linux 6.1
 * arch/powerpc/platforms/85xx/corenet_generic.c builds "<board>-hv" in a
 * 24-byte buffer (snprintf), so 24 - strlen("-hv") - 1 = 20 characters.
 */
#define GUEST_DT_BOARD_MAX 20

/* ehv_pic's linear domain has 1024 sources (NR_EHV_PIC_INTS in Linux
 * arch/powerpc/include/asm/ehv_pic.h); its xlate indexes an array with
 * the irq number unchecked, so weir never hands out a larger one. */
#define GUEST_DT_MAX_IRQ 1024

/* phandle of the vPIC node (the only phandle in the tree). */
#define GUEST_DT_PIC_PHANDLE 1

/* ePAPR spin-table entry stride: vCPU n's entry is at spin_table_gpa + 32 n. */
#define GUEST_DT_SPIN_ENTRY 32

/* Sense cell for the byte channel interrupts: 2 = level, active low
 * (Linux ehv_pic.c map_of_senses_to_linux_irqtype[2] = IRQ_TYPE_LEVEL_LOW). */
#define GUEST_DT_SENSE_LEVEL_LOW 2

/* What the caller decides about a partition's guest tree. */
struct guest_dt_params {
	/* Root board compatible without "-hv" (e.g. "fsl,P4080DS"), at most
	 * GUEST_DT_BOARD_MAX characters; the builder appends "-hv". */
	const char *board;
	unsigned int nvcpus;  /* 1..PARTITION_MAX_VCPUS */
	u64 ram_size;	      /* guest RAM is gpa [0, ram_size) */
	const char *bootargs; /* /chosen/bootargs; NULL: none */
	u32 console_handle;   /* console byte channel's hv-handle */
	u32 console_rx_irq;   /* its receive interrupt (vPIC number) */
	u32 console_tx_irq;   /* its transmit-space interrupt */
	u32 pic_cells;	      /* vPIC #interrupt-cells: 1 <irq> or
					 * 2 <irq sense> */
	/* Guest-physical address of the ePAPR spin table for secondary
	 * vCPUs (entry n at + 32 n); 0: none, secondaries cannot be started
	 * and Linux leaves them out. */
	u64 spin_table_gpa;
	const char *hv_version; /* /hypervisor/fsl,hv-version */
};

/**
 * guest_dt_build() - build the device tree a partition's guest boots with
 * @hwfdt: hardware tree (cpu node properties are copied from it)
 * @hw: parsed hardware facts; hw->cpu names the core ("e500mc") when the
 *      hardware cpu node has no "compatible", hw->tb_freq is the timebase
 *      when the cpu node has no "timebase-frequency"
 * @p: the partition (guest-id and guest-name; ram_size, when non-zero,
 *     bounds @gp->ram_size)
 * @pp: its plan, or NULL; when given, the cpu properties come from the
 *      hardware node of its first core, else from the first cpu node, and
 *      its PCI controllers are copied below a "simple-bus" node
 *      "passthrough" (doc/passthrough.md, "The guest tree")
 * @gp: what the caller decides (see struct guest_dt_params)
 * @buf: destination, @size bytes; the result is a finished tree whose
 *       "totalsize" is the bytes used (grow it with fdt_open_into())
 * @err: on error, the guest tree node and property at fault and why
 *
 * The tree is written in one sequential pass (libfdt fdt_create() ..
 * fdt_finish()). When a spin table lies inside guest RAM it is also put in
 * the memory reservation map, so the guest does not allocate over it.
 *
 * Return: 0; -EINVAL for bad parameters (board string missing or longer
 * than GUEST_DT_BOARD_MAX, no vCPU or more than PARTITION_MAX_VCPUS, RAM
 * size zero, unaligned or beyond the partition's RAM, an interrupt number
 * >= GUEST_DT_MAX_IRQ or rx == tx, pic_cells not 1 or 2, misaligned spin
 * table, missing version string, @hwfdt not a tree, a PCI controller
 * among @pp's devices whose hardware parent does not map 1:1 to real
 * addresses: @err names the controller and "reg"); -ENOSPC when the
 * tree does not fit in @size bytes. On any error the header of @buf is
 * cleared, so no partial or stale tree passes fdt_check_header().
 */
int guest_dt_build(const void *hwfdt, const struct hw_info *hw,
		   const struct partition *p, const struct part_plan *pp,
		   const struct guest_dt_params *gp, void *buf, size_t size,
		   struct dt_error *err);

#endif
