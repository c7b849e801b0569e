# The riscv64 guest (RV64GC, QEMU virt, OpenSBI as its firmware) and the
# riscv64 (lp64d) ABI, its only one: its compilers, libraries and
# register code are the defaults of arch/arches.mk.

guest.riscv64.kernel_arch  := riscv
guest.riscv64.kernel_image := arch/riscv/boot/Image
guest.riscv64.cross        := riscv64-linux-gnu-
guest.riscv64.qemu         := qemu-system-riscv64
guest.riscv64.qemu_args    := -M virt -cpu rv64 -bios default
guest.riscv64.console      := ttyS0
guest.riscv64.machine      := riscv64
guest.riscv64.needs        := qemu-system-riscv64=qemu-system-misc
# A default guest on 7.2 only: on 6.12 an injection at a syscall-entry
# stop cannot set the first argument, which riscv takes from orig_a0,
# writable only through PTRACE_SET_SYSCALL_INFO (Linux 6.16), and 27
# tests of the library fail (arch/README.md). ARCHES=riscv64 runs it there.
guest.riscv64.default_on   := 7.2

abi.riscv64.deb_arch      := riscv64
# Debian 12 has no riscv64 packages: the libraries the guest programs
# need are built from Debian's source (selftests/kernel/kselftests.mk).
abi.riscv64.debs          := source
# The generic table, with the abis of scripts/Makefile.asm-headers for
# 64-bit and those arch/riscv/kernel/Makefile.syscalls adds.
abi.riscv64.audit_arch    := AUDIT_ARCH_RISCV64
abi.riscv64.syscall_tbl   := scripts/syscall.tbl
abi.riscv64.syscall_args  := --abis common,64,riscv,rlimit,memfd_secret
