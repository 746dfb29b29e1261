obj-$(CONFIG_PPC) += arch/powerpc/cpu/start.o arch/powerpc/cpu/setup.o \
	arch/powerpc/cpu/tlb.o arch/powerpc/cpu/traps.o \
	arch/powerpc/cpu/timer.o arch/powerpc/cpu/syscalls.o \
	arch/powerpc/cpu/smp.o arch/powerpc/cpu/vcpu_arch.o \
	arch/powerpc/cpu/vcpu_run.o
obj-$(CONFIG_PPC) += arch/powerpc/cpu/zero.o
