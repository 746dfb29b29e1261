obj-$(CONFIG_SANDBOX) += arch/sandbox/alloc.o
obj-$(CONFIG_SANDBOX) += arch/sandbox/ccsr.o
obj-$(CONFIG_SANDBOX) += arch/sandbox/svr.o
