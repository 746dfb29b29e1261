# e500mc target: powerpc-linux-gnu binutils/gcc from Debian, newlib's libc
# and libfdt built by scripts/bootstrap. Soft-float: weir never touches
# the FPU, so a guest's FP state is never disturbed by the hypervisor.
CROSS_COMPILE ?= powerpc-linux-gnu-
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
NM      := $(CROSS_COMPILE)nm
SIZE    := $(CROSS_COMPILE)size
NEWLIB  := $(TOOLCHAIN)/newlib/powerpc-eabi
LIBFDT_INC := $(TOOLCHAIN)/libfdt/include
LIBFDT_A := $(TOOLCHAIN)/libfdt/target/libfdt.a
LIBGCC  := $(shell $(CC) -mcpu=e500mc -msoft-float -print-libgcc-file-name 2>/dev/null)

ARCH_FLAGS := -mcpu=e500mc -msoft-float -mno-altivec -mlong-double-64 \
	      -fno-pic -mno-relocatable -ffreestanding -fno-builtin-printf \
	      -fno-stack-protector -fno-common
CPPFLAGS += -nostdinc -isystem $(NEWLIB)/include \
	    -isystem $(shell $(CC) -print-file-name=include)
CFLAGS   += $(ARCH_FLAGS)
ASFLAGS  += $(ARCH_FLAGS) -Wa,-me500mc -Wa,-mregnames
