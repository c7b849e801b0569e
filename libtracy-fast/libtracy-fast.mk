# libtracy-fast: build/lib/<abi>/libtracy-fast.a for every guest ABI
# (with that ABI's cross compiler) and build/lib/host/libtracy-fast.a.
#
# The library is the generic files of libtracy-fast/, the fallback backends
# of compat/, the syscall tables of arch/syscalls.mk, and the register
# access of the architecture that runs tracers of the ABI: arch.mk names
# it as abi.<abi>.lib_arch (x32 tracers use arch/x86_64, for instance).

LIBTRACY_ABIS    := $(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis)))
LIBTRACY_CFLAGS  := -O2 -g -Wall -Wextra -Werror
LIBTRACY_HEADERS := $(wildcard libtracy-fast/*.h compat/*.h arch/*.h \
	arch/*/*.h) arch/syscalls.h

# The sources of the library for tracers of arch/$(1)/.
libtracy-sources = $(wildcard libtracy-fast/*.c compat/*.c) \
	arch/regset.c arch/$(1)/tracy-regs.c $(SYSCALL_SOURCES)

# The host is the guest architecture whose machine `uname -m` names.
LIBTRACY_HOST_ARCH := $(firstword $(foreach arch,$(ARCHES),\
	$(if $(filter $(shell uname -m),$(guest.$(arch).machine)),$(arch))))

# $(1): host or an ABI, $(2): its compiler, $(3): its arch/ directory.
define LIBTRACY_RULES
$(BUILD)/lib/$(1)/obj/%.o: %.c $(LIBTRACY_HEADERS)
	@mkdir -p $$(@D)
	nice -n 19 $(2) $(LIBTRACY_CFLAGS) -c -o $$@ $$<

$(BUILD)/lib/$(1)/libtracy-fast.a: $(patsubst %.c,$(BUILD)/lib/$(1)/obj/%.o,\
		$(call libtracy-sources,$(3)))
	@rm -f $$@
	$$(shell $(2) -print-prog-name=ar) rcs $$@ $$^

libtracy-fast: $(BUILD)/lib/$(1)/libtracy-fast.a
endef

.PHONY: libtracy-fast
$(eval $(call LIBTRACY_RULES,host,$(CC),$(LIBTRACY_HOST_ARCH)))
$(foreach abi,$(LIBTRACY_ABIS),\
	$(eval $(call LIBTRACY_RULES,$(abi),$(abi.$(abi).cc),$(abi.$(abi).lib_arch))))

# selftests/libtracy (SELFTESTS in selftests.mk) links the library of the
# ABI it is built for.
$(BUILD)/progs/host/libtracy: $(BUILD)/lib/host/libtracy-fast.a
$(foreach abi,$(LIBTRACY_ABIS),$(eval \
	$(BUILD)/progs/$(abi)/libtracy-$(abi): $(BUILD)/lib/$(abi)/libtracy-fast.a))
# The host test traces the build for the 32-bit ABI of its architecture
# as a 32-bit tracee (the guests have it next to theirs).
libtracy-compat-abi.x86_64 := i386
libtracy-compat-abi.arm64  := arm
ifneq ($(libtracy-compat-abi.$(LIBTRACY_HOST_ARCH)),)
$(BUILD)/progs/host/libtracy: | $(BUILD)/progs/$(libtracy-compat-abi.$(LIBTRACY_HOST_ARCH))/libtracy-$(libtracy-compat-abi.$(LIBTRACY_HOST_ARCH))
endif
