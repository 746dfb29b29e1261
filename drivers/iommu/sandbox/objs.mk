# The sandbox IOMMU backend (host tests, fuzzers, the oracle host column).
obj-$(CONFIG_SANDBOX) += drivers/iommu/sandbox/sandbox_iommu.o
