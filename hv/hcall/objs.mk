# Hypercalls: the dispatcher and one file per ABI family (doc/architecture.md).
obj-y += hv/hcall/dispatch.o
obj-y += hv/hcall/bytechan.o
obj-y += hv/hcall/pic.o
obj-y += hv/hcall/partition.o
obj-y += hv/hcall/papr.o
obj-y += hv/hcall/msi.o
obj-y += hv/hcall/dma.o
