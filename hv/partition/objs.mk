# Partitions: lifecycle, its units, control, image loading, error queues
# (the guest-memory checks are inline in include/weir/partition.h).
obj-y += hv/partition/partition.o hv/partition/unit.o hv/partition/ctl.o \
	hv/partition/loader.o hv/partition/errq.o
