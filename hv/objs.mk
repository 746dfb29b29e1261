obj-y += hv/partition_mem.o hv/hwtree.o hv/config.o
obj-y += hv/config_dma.o hv/config_msi.o hv/iommu_hw.o hv/iommu_groups.o hv/iommu_errata.o
obj-$(CONFIG_PPC) += hv/main.o
obj-y += hv/dma/window.o
obj-y += hv/dma/reflect.o
obj-y += hv/dma/tce.o
obj-y += hv/dma/ddw.o
obj-y += hv/hcall_papr.o
obj-y += hv/guest_dt.o hv/guest_dt_dma.o
obj-y += hv/hcall.o hv/hcall_bytechan.o hv/hcall_pic.o hv/hcall_partition.o \
	hv/partition_ctl.o
obj-y += hv/bytechan.o hv/vpic.o hv/console_mux.o

obj-y += hv/loader.o
obj-y += hv/vcpu/vtlb.o hv/vcpu/spr.o hv/vcpu/vtimer.o hv/vcpu/emulate.o hv/vcpu/deliver.o \
	hv/vcpu/exit.o
obj-$(CONFIG_PPC) += hv/partition.o hv/iommu_boot.o
obj-y += hv/dma/enable.o hv/dma/fault.o hv/errq.o hv/dma_engine.o
obj-y += hv/hcall_dma.o hv/hcall_tce.o hv/msi.o hv/iommu_plan.o
