# Interrupts: the virtual PIC (ePAPR vPIC).
obj-y += hv/irq/vpic.o
# Hardware interrupts: weir owns the interrupt controller (doc/passthrough.md).
obj-y += hv/irq/hwirq.o
