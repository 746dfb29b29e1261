obj-$(CONFIG_TARGET_P4080DS) += board/p4080ds/board.o
