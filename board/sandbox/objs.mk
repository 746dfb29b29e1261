obj-$(CONFIG_TARGET_SANDBOX) += board/sandbox/board.o
