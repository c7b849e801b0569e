# libtracy-fast: build/lib/<abi>/libtracy-fast.a for every guest ABI
# (with that ABI's cross compiler), and for the host build/lib/host/
# libtracy-fast.a and the shared libtracy-fast.so.$(LIBTRACY_VERSION).
#
# The library is the generic files of libtracy-fast/, the fallback backends
# of compat/, the syscall tables of arch/syscalls.mk, and the register
# access of the architecture that runs tracers of the ABI: arch.mk names
# it as abi.<abi>.lib_arch (x32 tracers use arch/x86_64, for instance).
#
# Both libraries export the functions of tracy.h and nothing else, so
# that the names the files share among themselves (child_new,
# memory_init, ...) can never clash with a user's: the shared one through
# the version script libtracy-fast.map, the static one by linking its
# objects into one and making every other global symbol local to it.

LIBTRACY_ABIS    := $(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis)))
LIBTRACY_CFLAGS  := -O2 -g -Wall -Wextra -Werror
LIBTRACY_HEADERS := $(wildcard libtracy-fast/*.h compat/*.h arch/*.h \
	arch/*/*.h) arch/syscalls.h arch/arches.mk

# The sources of the library for tracers of arch/$(1)/.
libtracy-sources = $(wildcard libtracy-fast/*.c compat/*.c) \
	$(call arch-file,$(1),regset.c) $(call arch-file,$(1),tracy-regs.c) \
	$(SYSCALL_SOURCES)

LIBTRACY_HOST_ARCH := $(HOST_ARCH)

# The functions tracy.h declares, with the headers of Tracy's it includes
# (LIBTRACY_PUBLIC_HEADERS), one a line, as compiler $(1) sees them (gcc's
# -aux-info lists every declaration with the file it comes from).
LIBTRACY_PUBLIC_HEADERS := libtracy-fast/tracy.h libtracy-fast/ll.h \
	libtracy-fast/tracyarch.h
libtracy-api = $(1) -fsyntax-only -aux-info $$@.aux -x c $$< && \
	sed -n 's,^/\* [^ ]*/\(tracy\|ll\|tracyarch\)\.h:[0-9]*:[A-Z]* \*/ [^(]*[ *]\([A-Za-z_][A-Za-z0-9_]*\) (.*,\2,p' \
		$$@.aux > $$@ && rm -f $$@.aux && test -s $$@

# $(1): host or an ABI, $(2): its compiler, $(3): its arch/ directory,
# $(4): the ABI.
define LIBTRACY_RULES
$(BUILD)/lib/$(1)/obj/%.o: %.c $(LIBTRACY_HEADERS)
	@mkdir -p $$(@D)
	nice -n 19 $(2) $(LIBTRACY_CFLAGS) $(PROJECT_INCLUDES) \
		$(call abi-cflags,$(4)) -c -o $$@ $$<

$(BUILD)/lib/$(1)/api.txt: $(LIBTRACY_PUBLIC_HEADERS)
	@mkdir -p $$(@D)
	$(call libtracy-api,$(2))

# One object: the calls between the files are resolved in it, and then
# its global symbols become local, but for the API and the names reserved
# to the compiler and libc (_[_A-Z]*): i386's PIC thunks, for one, are
# shared with libc.a's objects.
$(BUILD)/lib/$(1)/libtracy-fast.o: $(patsubst %.c,$(BUILD)/lib/$(1)/obj/%.o,\
		$(call libtracy-sources,$(3))) $(BUILD)/lib/$(1)/api.txt
	$$(shell $(2) -print-prog-name=ld) -r -o $$@.all $$(filter %.o,$$^)
	$$(shell $(2) -print-prog-name=nm) -g -P --defined-only $$@.all | \
		awk 'NR == FNR { api[$$$$1] = 1; next } \
		     !($$$$1 in api) && $$$$1 !~ /^_[_A-Z]/ { print $$$$1 }' \
		$(BUILD)/lib/$(1)/api.txt - > $$@.internal
	$$(shell $(2) -print-prog-name=objcopy) \
		--localize-symbols=$$@.internal $$@.all $$@
	@rm -f $$@.all $$@.internal

$(BUILD)/lib/$(1)/libtracy-fast.a: $(BUILD)/lib/$(1)/libtracy-fast.o
	@rm -f $$@
	$$(shell $(2) -print-prog-name=ar) rcs $$@ $$^

libtracy-fast: $(BUILD)/lib/$(1)/libtracy-fast.a
endef

.PHONY: libtracy-fast
$(eval $(call LIBTRACY_RULES,host,$(CC),$(LIBTRACY_HOST_ARCH),$(HOST_ABI)))
$(foreach abi,$(LIBTRACY_ABIS),$(eval \
	$(call LIBTRACY_RULES,$(abi),$(abi.$(abi).cc),$(abi.$(abi).lib_arch),$(abi))))

# The shared library, for the host only (the guests run static programs).
# Its version is the package's; its SONAME changes with the first number,
# when a function of libtracy-fast.map changes or goes.
LIBTRACY_VERSION := 0.1.0
LIBTRACY_SONAME  := libtracy-fast.so.$(firstword $(subst ., ,$(LIBTRACY_VERSION)))
LIBTRACY_SO      := libtracy-fast.so.$(LIBTRACY_VERSION)
LIBTRACY_MAP     := libtracy-fast/libtracy-fast.map

$(BUILD)/lib/host/pic/%.o: %.c $(LIBTRACY_HEADERS)
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(LIBTRACY_CFLAGS) $(PROJECT_INCLUDES) \
		$(call abi-cflags,$(HOST_ABI)) -fPIC -c -o $@ $<

# -z defs: every symbol resolved (libc is all it needs);
# --no-undefined-version: the map names no function the library lacks.
$(BUILD)/lib/host/$(LIBTRACY_SO): $(patsubst %.c,$(BUILD)/lib/host/pic/%.o,\
		$(call libtracy-sources,$(LIBTRACY_HOST_ARCH))) $(LIBTRACY_MAP)
	nice -n 19 $(CC) -shared -Wl,-soname,$(LIBTRACY_SONAME) \
		-Wl,--version-script=$(LIBTRACY_MAP) -Wl,--no-undefined-version \
		-Wl,-z,defs -o $@ $(filter %.o,$^)

$(BUILD)/lib/host/$(LIBTRACY_SONAME): $(BUILD)/lib/host/$(LIBTRACY_SO)
	ln -sfn $(<F) $@
$(BUILD)/lib/host/libtracy-fast.so: $(BUILD)/lib/host/$(LIBTRACY_SONAME)
	ln -sfn $(<F) $@

libtracy-fast: $(BUILD)/lib/host/libtracy-fast.so

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

include libtracy-fast/install.mk
