obj-$(CONFIG_PAMU) += drivers/iommu/pamu/paace.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/tables.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/regs.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/quirks.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/model.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/csd.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/errata.o
obj-$(CONFIG_PAMU) += drivers/iommu/pamu/driver.o
