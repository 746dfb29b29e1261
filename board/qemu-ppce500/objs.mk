obj-$(CONFIG_TARGET_QEMU_PPCE500) += board/qemu-ppce500/board.o
