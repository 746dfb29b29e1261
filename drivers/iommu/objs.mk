obj-y += drivers/iommu/registry.o
