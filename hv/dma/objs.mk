# DMA windows: TCE tables, windows, DDW, reflection into the IOMMU, faults (doc/tce.md).
obj-y += hv/dma/window.o
obj-y += hv/dma/reflect.o
obj-y += hv/dma/tce.o
obj-y += hv/dma/ddw.o
obj-y += hv/dma/enable.o
obj-y += hv/dma/fault.o
