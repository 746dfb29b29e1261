# Guest images in the FIT for `make run` (dts/config.dts names these
# source addresses in guest-image): name, file, load address.
FIT_GUESTS := hello $(O)/guests/hello.elf 0x4100000 \
	      echo $(O)/guests/echo.elf 0x4200000
