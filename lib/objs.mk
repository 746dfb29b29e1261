obj-y += lib/console.o lib/fdt_util.o
obj-$(CONFIG_PPC) += lib/heap.o
