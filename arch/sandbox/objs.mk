obj-$(CONFIG_SANDBOX) += arch/sandbox/alloc.o
