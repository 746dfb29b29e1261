# The guest device tree each partition boots with.
obj-y += hv/guest_dt/tree.o
obj-y += hv/guest_dt/dma.o
obj-y += hv/guest_dt/pci.o
