# Interrupt controllers behind struct irqchip_ops (include/weir/irqchip.h).
obj-y += drivers/irq/registry.o
obj-y += drivers/irq/mpic/mpic.o
