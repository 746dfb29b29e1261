# Virtual CPUs: the exit handler, emulation, shadow TLB, timers.
obj-y += hv/vcpu/vtlb.o
obj-y += hv/vcpu/spr.o
obj-y += hv/vcpu/vtimer.o
obj-y += hv/vcpu/emulate.o
obj-y += hv/vcpu/deliver.o
obj-y += hv/vcpu/exit.o
obj-y += hv/vcpu/exit_stats.o
obj-y += hv/vcpu/smp.o
