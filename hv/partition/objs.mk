# Partitions: lifecycle, its units, control, guest memory, image loading,
# error queues.
obj-y += hv/partition/partition.o hv/partition/unit.o hv/partition/ctl.o \
	hv/partition/mem.o hv/partition/loader.o hv/partition/errq.o
