# Interrupts: the virtual PIC (ePAPR vPIC).
obj-y += hv/irq/vpic.o
