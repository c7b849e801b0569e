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

abi.arm.cc              := arm-linux-gnueabihf-gcc
abi.arm.deb_arch        := armhf
# C++ only for Google Benchmark (bench/benchmark.mk); the tests are C.
abi.arm.cxx             := arm-linux-gnueabihf-g++
abi.arm.cxx_needs       := arm-linux-gnueabihf-g++=g++-arm-linux-gnueabihf
abi.arm.needs           := arm-linux-gnueabihf-gcc=gcc-arm-linux-gnueabihf \
	/usr/arm-linux-gnueabihf/lib/libc.a=libc6-dev-armhf-cross
# EABI only (the guest has no OABI_COMPAT), plus ARM's private syscalls
# from 0x0f0000. arm64 runs it from its own copy of the table without the
# oabi lines (arch/arm64/tools/syscall_32.tbl), with the same numbers.
abi.arm.audit_arch      := AUDIT_ARCH_ARM
abi.arm.lib_arch        := arm
abi.arm.syscall_tbl     := arch/arm/tools/syscall.tbl
abi.arm.syscall_args    := --abis common,eabi \
	--defines-from arch/arm/include/uapi/asm/unistd.h \
	-D __NR_SYSCALL_BASE=0 --private-prefix __ARM_NR_
