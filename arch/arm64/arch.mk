# The arm64 guest (QEMU virt) and the arm64 (AArch64) ABI. The guest also
# runs AArch32 programs of the arm ABI, which arch/arm/arch.mk describes.

guest.arm64.kernel_arch  := arm64
guest.arm64.kernel_image := arch/arm64/boot/Image
guest.arm64.cross        := aarch64-linux-gnu-
guest.arm64.qemu         := qemu-system-aarch64
guest.arm64.qemu_args    := -M virt -cpu cortex-a57
guest.arm64.kvm_args     :=
guest.arm64.console      := ttyAMA0
guest.arm64.machine      := aarch64
guest.arm64.abis         := arm64 arm
guest.arm64.needs        := qemu-system-aarch64=qemu-system-arm

abi.arm64.cc            := aarch64-linux-gnu-gcc
abi.arm64.deb_arch      := arm64
# C++ only for Google Benchmark (bench/benchmark.mk); the tests are C.
abi.arm64.cxx           := aarch64-linux-gnu-g++
abi.arm64.cxx_needs     := aarch64-linux-gnu-g++=g++-aarch64-linux-gnu
abi.arm64.needs         := aarch64-linux-gnu-gcc=gcc-aarch64-linux-gnu \
	/usr/aarch64-linux-gnu/lib/libc.a=libc6-dev-arm64-cross
# The generic table (arch/arm64/tools/syscall_64.tbl links to it): the
# abis common,64 of scripts/Makefile.asm-headers, and those that
# arch/arm64/kernel/Makefile.syscalls adds.
abi.arm64.audit_arch    := AUDIT_ARCH_AARCH64
abi.arm64.lib_arch      := arm64
abi.arm64.syscall_tbl   := scripts/syscall.tbl
abi.arm64.syscall_args  := --abis common,64,renameat,rlimit,memfd_secret
