obj-y += lib/console.o lib/fdt_util.o lib/log.o lib/heap_budget.o
obj-$(CONFIG_PPC) += lib/heap.o
