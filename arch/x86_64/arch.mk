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

abi.x86_64.cc       := x86_64-linux-gnu-gcc
abi.x86_64.deb_arch := amd64
abi.x86_64.needs    := x86_64-linux-gnu-gcc=gcc \
	/usr/lib/x86_64-linux-gnu/libc.a=libc6-dev

abi.x32.cc          := x86_64-linux-gnux32-gcc
abi.x32.needs       := x86_64-linux-gnux32-gcc=gcc-x86-64-linux-gnux32 \
	/usr/x86_64-linux-gnux32/lib/libc.a=libc6-dev-x32-cross
