# The syscall table of every ABI, generated from the kernel's .tbl files
# by arch/gen-syscalls.py as $(BUILD)/gen/syscalls-<abi>.c, following the
# abi.<abi>.audit_arch, .syscall_tbl and .syscall_args of arch/*/arch.mk.
# The .tbl files and headers come from the tarball alone
# (qemu/linux-files.mk): the series changes none of them.
# A program that includes arch/syscalls.h links $(SYSCALL_SOURCES).

SYSCALL_ABIS    := $(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis)))
SYSCALL_SOURCES := arch/syscalls.c \
	$(foreach abi,$(SYSCALL_ABIS),$(BUILD)/gen/syscalls-$(abi).c)

gen-syscalls = python3 arch/gen-syscalls.py --abi $(1) --tree $(LINUX_FILES) \
	--tbl $(abi.$(1).syscall_tbl) --audit-arch $(abi.$(1).audit_arch) \
	$(abi.$(1).syscall_args)

# The kernel files that the generator reads for ABI $(1).
syscall-files = $(abi.$(1).syscall_tbl) $(filter %.h,$(abi.$(1).syscall_args))
syscall-inputs = $(addprefix $(LINUX_FILES)/,$(call syscall-files,$(1)))

LINUX_FILES_WANTED += $(foreach abi,$(SYSCALL_ABIS),$(call syscall-files,$(abi)))
$(sort $(foreach abi,$(SYSCALL_ABIS),$(call syscall-inputs,$(abi)))): \
	$(LINUX_FILES)/.extracted ;

define SYSCALL_TABLE_RULES
$(BUILD)/gen/syscalls-$(1).c: arch/gen-syscalls.py arch/syscalls.mk \
		$(wildcard arch/*/arch.mk) $(call syscall-inputs,$(1))
	@mkdir -p $$(@D)
	$(call gen-syscalls,$(1)) -o $$@
endef
$(foreach abi,$(SYSCALL_ABIS),$(eval $(call SYSCALL_TABLE_RULES,$(abi))))

# selftests/syscalls tests the tables against the libc of every ABI.
$(BUILD)/progs/host/syscalls: $(SYSCALL_SOURCES) arch/syscalls.h
$(foreach abi,$(SYSCALL_ABIS),$(BUILD)/progs/$(abi)/syscalls-$(abi)): \
	$(SYSCALL_SOURCES) arch/syscalls.h

# make syscalls-check compares each table with the unistd headers that
# the guest kernels built so far generated for themselves (it builds no
# kernel), and with <asm/unistd.h> as the ABI's compiler sees it: with its
# own linux-libc-dev, and with the installed uapi headers of the guests in
# syscall-uapi.<abi> where they exist ($(BUILD)/<guest>/headers, made by
# kselftests.mk). arm64's uapi headers have no AArch32 half.
syscall-uapi.x86_64 := x86_64
syscall-uapi.i386   := i386 x86_64
syscall-uapi.x32    := x86_64
syscall-uapi.arm    := arm
syscall-uapi.arm64  := arm64
kernel-generated = $(wildcard $(addprefix \
	$(BUILD)/$(1)/kernel/arch/$(2)/include/generated/,$(3)))
syscall-check.x86_64 := $(call kernel-generated,x86_64,x86,uapi/asm/unistd_64.h)
syscall-check.i386   := $(call kernel-generated,i386,x86,uapi/asm/unistd_32.h) \
	$(call kernel-generated,x86_64,x86,asm/unistd_32_ia32.h)
syscall-check.x32    := $(call kernel-generated,x86_64,x86,\
	uapi/asm/unistd_x32.h asm/unistd_64_x32.h)
syscall-check.arm    := $(call kernel-generated,arm,arm,\
	uapi/asm/unistd-eabi.h asm/unistd-nr.h) \
	$(call kernel-generated,arm64,arm64,\
	asm/unistd_32.h asm/unistd_compat_32.h)
syscall-check.arm64  := $(call kernel-generated,arm64,arm64,\
	uapi/asm/unistd_64.h)

# <asm/unistd.h> of ABI $(1) as `cc -dM` prints it, with the uapi headers
# of guest $(2), or with the compiler's own for $(2) = toolchain.
asm-unistd = $(BUILD)/gen/asm-unistd/$(1)-$(2).h
print-asm-unistd = echo '\#include <asm/unistd.h>' | $(abi.$(1).cc) -dM -E \
	$(if $(filter-out toolchain,$(2)),\
		-nostdinc -isystem $(BUILD)/$(2)/headers/usr/include) \
	- >$(call asm-unistd,$(1),$(2))
asm-unistd-sources = toolchain $(foreach guest,$(syscall-uapi.$(1)),\
	$(if $(wildcard $(BUILD)/$(guest)/headers/usr/include/asm/unistd.h),\
		$(guest)))

.PHONY: syscalls-check
syscalls-check: $(foreach abi,$(SYSCALL_ABIS),syscalls-check-$(abi))

define SYSCALL_CHECK_RULES
.PHONY: syscalls-check-$(1)
syscalls-check-$(1): $(call syscall-inputs,$(1))
	@mkdir -p $(BUILD)/gen/asm-unistd
	@set -e; $(foreach source,$(call asm-unistd-sources,$(1)),\
		$(call print-asm-unistd,$(1),$(source));)
	@$(call gen-syscalls,$(1)) $(addprefix --check ,$(syscall-check.$(1)) \
		$(foreach source,$(call asm-unistd-sources,$(1)),\
			$(call asm-unistd,$(1),$(source))))
endef
$(foreach abi,$(SYSCALL_ABIS),$(eval $(call SYSCALL_CHECK_RULES,$(abi))))
