# The core, one folder per subsystem (doc/architecture.md).
obj-y += hv/main.o
