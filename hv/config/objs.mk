# Configuration: the config tree and the hardware tree, read and checked (doc/partitions.md).
obj-y += hv/config/parse.o
obj-y += hv/config/dma.o
obj-y += hv/config/msi.o
obj-y += hv/config/hwtree.o
obj-y += hv/config/mmio.o
obj-y += hv/config/irq.o
