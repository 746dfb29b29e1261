# Sandbox: the board-independent core built for the host, for unit tests,
# fuzzers and tools. Uses the host C library and a host build of libfdt.
CC        := gcc
AR        := ar
LIBFDT_INC := $(TOOLCHAIN)/libfdt/include
LIBFDT_A  := $(TOOLCHAIN)/libfdt/host/libfdt.a
SANITIZE  ?= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CFLAGS    += $(SANITIZE)
LDFLAGS   += $(SANITIZE)
