# Partitions: lifecycle, image loading, error queues (guest memory checks: inline in partition.h).
obj-$(CONFIG_PPC) += hv/partition/partition.o
obj-y += hv/partition/ctl.o hv/partition/loader.o hv/partition/errq.o
