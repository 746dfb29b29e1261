# DMA windows: TCE tables and their reflection into the IOMMU, windows, DDW, faults (doc/tce.md).
obj-y += hv/dma/window.o
obj-y += hv/dma/tce.o
obj-y += hv/dma/ddw.o
obj-y += hv/dma/enable.o
obj-y += hv/dma/fault.o
