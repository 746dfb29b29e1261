# The core, one folder per subsystem (doc/architecture.md).
obj-$(CONFIG_PPC) += hv/main.o
