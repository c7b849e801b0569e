# The x86_64 guest, and the x86_64 and x32 ABIs. The guest also runs
# the i386 ABI, which arch/i386/arch.mk describes.

guest.x86_64.kernel_arch  := x86_64
guest.x86_64.kernel_image := arch/x86/boot/bzImage
guest.x86_64.cross        := x86_64-linux-gnu-
guest.x86_64.qemu         := qemu-system-x86_64
guest.x86_64.qemu_args    := -M pc -cpu max
guest.x86_64.kvm_args     := -enable-kvm -cpu host
guest.x86_64.console      := ttyS0
guest.x86_64.machine      := x86_64
guest.x86_64.abis         := x86_64 i386 x32
guest.x86_64.needs        := qemu-system-x86_64=qemu-system-x86

abi.x86_64.cc           := x86_64-linux-gnu-gcc
abi.x86_64.deb_arch     := amd64
# C++ only for Google Benchmark (bench/benchmark.mk); the tests are C.
abi.x86_64.cxx          := x86_64-linux-gnu-g++
abi.x86_64.cxx_needs    := x86_64-linux-gnu-g++=g++
abi.x86_64.needs        := x86_64-linux-gnu-gcc=gcc \
	/usr/lib/x86_64-linux-gnu/libc.a=libc6-dev
abi.x86_64.audit_arch   := AUDIT_ARCH_X86_64
abi.x86_64.lib_arch     := x86_64
abi.x86_64.syscall_tbl  := arch/x86/entry/syscalls/syscall_64.tbl
abi.x86_64.syscall_args := --abis common,64

abi.x32.cc              := x86_64-linux-gnux32-gcc
abi.x32.needs           := x86_64-linux-gnux32-gcc=gcc-x86-64-linux-gnux32 \
	/usr/x86_64-linux-gnux32/lib/libc.a=libc6-dev-x32-cross
# x32 syscalls carry __X32_SYSCALL_BIT and share the x86_64 kernel mask
# lists, which go on past the x86_64 table to x32's own syscalls (512 on).
abi.x32.audit_arch      := AUDIT_ARCH_X86_64
abi.x32.lib_arch        := x86_64
abi.x32.syscall_tbl     := arch/x86/entry/syscalls/syscall_64.tbl
abi.x32.syscall_args    := --abis common,x32 \
	--defines-from arch/x86/include/uapi/asm/unistd.h \
	--nr-base __X32_SYSCALL_BIT
