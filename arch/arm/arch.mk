# The arm guest (ARMv7, EABI, hard float, QEMU virt) and the arm ABI,
# which the arm64 guest runs too. A 32-bit kernel without LPAE cannot
# reach virt's high memory, hence highmem=off.

guest.arm.kernel_arch  := arm
guest.arm.kernel_image := arch/arm/boot/zImage
guest.arm.cross        := arm-linux-gnueabihf-
guest.arm.qemu         := qemu-system-arm
guest.arm.qemu_args    := -M virt,highmem=off -cpu cortex-a15
guest.arm.kvm_args     :=
guest.arm.console      := ttyAMA0
guest.arm.machine      := armv7l
guest.arm.abis         := arm
guest.arm.needs        := qemu-system-arm=qemu-system-arm

abi.arm.cc          := arm-linux-gnueabihf-gcc
abi.arm.deb_arch    := armhf
abi.arm.needs       := arm-linux-gnueabihf-gcc=gcc-arm-linux-gnueabihf \
	/usr/arm-linux-gnueabihf/lib/libc.a=libc6-dev-armhf-cross
