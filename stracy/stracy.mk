# stracy: the strace-compatible tracer, build/stracy/stracy, linked with
# the host library through its public API (<tracy.h> only).

STRACY_SOURCES := $(wildcard stracy/*.c)
STRACY_HEADERS := $(wildcard stracy/*.h)
STRACY         := $(BUILD)/stracy/stracy

$(STRACY): $(STRACY_SOURCES) $(STRACY_HEADERS) $(BUILD)/lib/host/libtracy-fast.a
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(HOST_CFLAGS) -Ilibtracy-fast -o $@ \
		$(STRACY_SOURCES) $(BUILD)/lib/host/libtracy-fast.a

# And static, for each guest ABI, with its cross compiler: what a guest
# runs (the benchmark initramfs of each guest holds the one of its native
# ABI, bench/benchmark.mk).
STRACY_ABIS := $(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis)))

define STRACY_ABI_RULES
$(BUILD)/stracy/$(1)/stracy: $(STRACY_SOURCES) $(STRACY_HEADERS) \
		$(BUILD)/lib/$(1)/libtracy-fast.a
	@mkdir -p $$(@D)
	nice -n 19 $(abi.$(1).cc) $(GUEST_CFLAGS) -Ilibtracy-fast -o $$@ \
		$(STRACY_SOURCES) $(BUILD)/lib/$(1)/libtracy-fast.a
endef
$(foreach abi,$(STRACY_ABIS),$(eval $(call STRACY_ABI_RULES,$(abi))))

.PHONY: stracy
stracy: $(STRACY) $(foreach abi,$(STRACY_ABIS),$(BUILD)/stracy/$(abi)/stracy)
all: stracy

# What the tests need on the host, as TOOL=DEBIAN_PACKAGE for make setup:
# strace to compare with, script(1) for a terminal.
STRACY_NEEDS := /usr/bin/strace=strace script=bsdutils

# make test-host: the differential test against strace (stracy/test_diff.py)
# and stracy's own tests (stracy/test_stracy.py).
HOST_CHECKS += "python3 stracy/test_diff.py $(STRACY)" \
	"python3 stracy/test_stracy.py $(STRACY)"
test-host: $(STRACY)
# On an x86_64 host the differential test also runs the i386 build, a
# 32-bit tracer of a 32-bit program.
ifeq ($(LIBTRACY_HOST_ARCH),x86_64)
test-host: $(BUILD)/stracy/i386/stracy
endif

# make test-asan: stracy built with ASan and UBSan runs both tests.
ASAN_STRACY := $(ASAN_DIR)/stracy/stracy
$(ASAN_STRACY): $(STRACY_SOURCES) $(STRACY_HEADERS) $(ASAN_DIR)/libtracy-fast.a
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(ASAN_CFLAGS) -Ilibtracy-fast -o $@ \
		$(STRACY_SOURCES) $(ASAN_DIR)/libtracy-fast.a
ASAN_HOST_CHECKS += "python3 stracy/test_diff.py $(ASAN_STRACY)" \
	"python3 stracy/test_stracy.py $(ASAN_STRACY)"
test-asan: $(ASAN_STRACY)

# make install / make uninstall: stracy and stracy(1), beside the library.
$(eval $(call PROGRAM_INSTALL_RULES,stracy,$(STRACY),stracy/stracy.1))

.PHONY: clean-stracy
clean: clean-stracy
clean-stracy:
	rm -rf $(BUILD)/stracy $(ASAN_DIR)/stracy
