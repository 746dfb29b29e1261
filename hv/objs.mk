obj-y += hv/partition_mem.o hv/hwtree.o hv/config.o
obj-$(CONFIG_PPC) += hv/main.o
obj-y += hv/dma/window.o
obj-y += hv/dma/reflect.o
obj-y += hv/dma/tce.o
obj-y += hv/dma/ddw.o
obj-y += hv/hcall_papr.o
