obj-y += lib/console.o lib/fdt_util.o lib/log.o
obj-$(CONFIG_PPC) += lib/heap.o
