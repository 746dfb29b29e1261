obj-$(CONFIG_NS16550) += drivers/serial/ns16550.o
