# The i386 guest and the i386 ABI, which the x86_64 guest runs too.

guest.i386.kernel_arch  := i386
guest.i386.kernel_image := arch/x86/boot/bzImage
guest.i386.cross        := i686-linux-gnu-
guest.i386.qemu         := qemu-system-i386
guest.i386.qemu_args    := -M pc -cpu max
guest.i386.kvm_args     := -enable-kvm -cpu host
guest.i386.console      := ttyS0
guest.i386.machine      := i686
guest.i386.abis         := i386
guest.i386.needs        := qemu-system-i386=qemu-system-x86

abi.i386.cc             := i686-linux-gnu-gcc
abi.i386.deb_arch       := i386
# C++ only for Google Benchmark (bench/benchmark.mk); the tests are C.
abi.i386.cxx            := i686-linux-gnu-g++
abi.i386.cxx_needs      := i686-linux-gnu-g++=g++-i686-linux-gnu
abi.i386.needs          := i686-linux-gnu-gcc=gcc-i686-linux-gnu \
	/usr/i686-linux-gnu/lib/libc.a=libc6-dev-i386-cross
abi.i386.audit_arch     := AUDIT_ARCH_I386
abi.i386.lib_arch       := i386
abi.i386.syscall_tbl    := arch/x86/entry/syscalls/syscall_32.tbl
abi.i386.syscall_args   := --abis i386
