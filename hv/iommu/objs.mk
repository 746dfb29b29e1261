# IOMMU bring-up and hardware facts: groups, plan, MSI banks, the
# emulated DMA engine (doc/pamu.md, doc/iommu-groups.md).
obj-y += hv/iommu/boot.o
obj-y += hv/iommu/groups.o hv/iommu/hw.o hv/iommu/plan.o
obj-y += hv/iommu/msi.o hv/iommu/dma_engine.o
