# The architectures of tracy-fast: each one is declared once, in
# arch/<arch>/ (arch.mk: its guest and ABIs; kernel.config; its register
# code), and this list names it. Everything else, in make, C and Python
# (qemu/testbed/arches.py), is derived from these declarations.
#
# guest.<arch>.abis lists the ABIs a guest runs, its native one first:
# that order is the order of the TRACY_ABI_* of the architecture's
# tracers (libtracy-fast/tracy.h), which arch_abi_tables[] follows.

ALL_ARCHES := x86_64 i386 arm arm64 riscv64
# The guests that pass on kernel version $(1): `make` and `make test` take
# those of KERNEL_VERSION (DEFAULT_ARCHES) when ARCHES is not given. An
# arch.mk names the versions its guest passes on in
# guest.<arch>.default_on; without it, every version.
default-arches = $(foreach arch,$(ALL_ARCHES),$(if $(or \
	$(filter $(1),$(guest.$(arch).default_on)),$(if \
	$(guest.$(arch).default_on),,all)),$(arch)))
DEFAULT_ARCHES = $(call default-arches,$(KERNEL_VERSION))

include $(foreach arch,$(ALL_ARCHES),arch/$(arch)/arch.mk)

# What an arch.mk leaves out, for the ABI named like its architecture:
# the guest runs that one ABI, whose tracers use arch/<arch>/, built with
# the guest's cross toolchain as Debian packages it (gcc-<triple>,
# libc6-dev-<Debian arch>-cross).
define ARCH_DEFAULTS
guest.$(1).abis   ?= $(1)
abi.$(1).lib_arch ?= $(1)
abi.$(1).cc       ?= $(guest.$(1).cross)gcc
abi.$(1).cxx      ?= $(guest.$(1).cross)g++
abi.$(1).cxx_needs ?= $(guest.$(1).cross)g++=g++-$(guest.$(1).cross:-=)
abi.$(1).needs    ?= $(guest.$(1).cross)gcc=gcc-$(guest.$(1).cross:-=) \
	/usr/$(guest.$(1).cross:-=)/lib/libc.a=libc6-dev-$(abi.$(1).deb_arch)-cross
endef
$(foreach arch,$(ALL_ARCHES),$(eval $(call ARCH_DEFAULTS,$(arch))))

# The host is the guest architecture whose machine `uname -m` names, and
# its first (native) ABI.
HOST_ARCH := $(firstword $(foreach arch,$(ALL_ARCHES),\
	$(if $(filter $(shell uname -m),$(guest.$(arch).machine)),$(arch))))
HOST_ABI  := $(firstword $(guest.$(HOST_ARCH).abis))

# What code compiled for ABI $(1) is told about it (the host is an ABI
# too: $(HOST_ABI)): its name and audit arch, its syscall table, and the
# folder of the architecture whose register code its tracers use, where
# "regs.h" and the like are found before the generic ones (musl's way).
abi-cflags = -DTRACY_FAST_ABI='"$(1)"' \
	-DTRACY_FAST_AUDIT_ARCH=$(abi.$(1).audit_arch) \
	-DTRACY_SYSCALLS_NATIVE=tracy_syscalls_$(1) \
	-Iarch/$(abi.$(1).lib_arch) -Iarch/generic

# The file $(2) of architecture $(1), or the generic one of arch/generic/
# for the architectures that have nothing to say there (one ABI, one
# register layout).
arch-file = $(or $(wildcard arch/$(1)/$(2)),arch/generic/$(2))

