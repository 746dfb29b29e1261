# Partitions: lifecycle, guest memory, image loading, error queues.
obj-$(CONFIG_PPC) += hv/partition/partition.o
obj-y += hv/partition/ctl.o hv/partition/mem.o hv/partition/loader.o hv/partition/errq.o
