# Byte channels and the console multiplexer (doc/console.md).
obj-y += hv/console/bytechan.o
obj-y += hv/console/mux.o
