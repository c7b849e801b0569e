# soxy in the x86_64 guest, on the kernel mask: its test (make
# soxy-qemu-test, part of make test) and its benchmark (make
# bench-x86_64-soxy, part of make bench).
#
# The guests' kernels have no TCP/IP, so this guest's kernel is theirs
# plus soxy/kernel.config, built in $(BUILD)/x86_64-soxy/kernel (make
# kernel-x86_64-soxy). Both initramfs run one program of soxy/tests/ with
# what it starts in /soxy: the test's (guest.c, TAP) runs soxy-socksd, our
# SOCKS5 server, and the static clients of every ABI of the guest; the
# benchmark's (guest-bench.c, Google Benchmark's JSON, a place of its own
# in make bench's table: "x86_64-soxy guest") the same server and
# soxy-bench-client.

SOXY_GUEST     := x86_64
SOXY_PLACE     := $(SOXY_GUEST)-soxy
SOXY_GUEST_DIR := $(BUILD)/$(SOXY_PLACE)
SOXY_GUEST_ABI := $(call guest-abi,$(SOXY_GUEST))
SOXY_GUEST_CC  := $(abi.$(SOXY_GUEST_ABI).cc)
# The client for every other ABI the guest runs: i386 and x32.
SOXY_GUEST_OTHER_ABIS := $(filter-out $(SOXY_GUEST_ABI),\
	$(guest.$(SOXY_GUEST).abis))
SOXY_GUEST_FILES := soxy soxy-socksd soxy-client \
	$(addprefix soxy-client-,$(SOXY_GUEST_OTHER_ABIS))
SOXY_BENCH_FILES := soxy soxy-socksd soxy-bench-client
# The benchmark program: named for its ABI, as the programs of bench/ are
# (bench/report/collect.py reads the ABI from the name).
SOXY_BENCH     := $(SOXY_GUEST_DIR)/soxy-bench-$(SOXY_GUEST_ABI)
SOXY_GUEST_LIB := soxy/tests/guest-lib.c soxy/tests/guest-lib.h

$(SOXY_GUEST_DIR)/soxy: $(SOXY_SOURCES) \
		$(BUILD)/lib/$(SOXY_GUEST_ABI)/libtracy-fast.a
	@mkdir -p $(@D)
	nice -n 19 $(SOXY_GUEST_CC) $(GUEST_CFLAGS) -Ilibtracy-fast -Iexamples \
		-o $@ $(filter %.c %.a,$^)

$(SOXY_GUEST_DIR)/soxy-socksd: soxy/tests/socksd.c
$(SOXY_GUEST_DIR)/soxy-client: soxy/tests/client.c
$(SOXY_GUEST_DIR)/soxy-bench-client: soxy/tests/bench-client.c
$(SOXY_GUEST_DIR)/soxy-guest: soxy/tests/guest.c $(SOXY_GUEST_LIB)
$(SOXY_BENCH): soxy/tests/guest-bench.c $(SOXY_GUEST_LIB)
$(addprefix $(SOXY_GUEST_DIR)/,soxy-socksd soxy-client soxy-bench-client \
		soxy-guest) $(SOXY_BENCH):
	@mkdir -p $(@D)
	nice -n 19 $(SOXY_GUEST_CC) $(GUEST_CFLAGS) -o $@ $(filter %.c,$^) \
		$(if $(filter $(SOXY_BENCH),$@),-lm)

$(SOXY_GUEST_DIR)/soxy-client-%: soxy/tests/client.c
	@mkdir -p $(@D)
	nice -n 19 $(abi.$*.cc) $(GUEST_CFLAGS) -o $@ $<

# The initramfs $(1) of the files $(2) (in /soxy) and the program $(3).
define SOXY_INITRAMFS
$(1): $(call initramfs-inputs,$(SOXY_GUEST)) \
		$(addprefix $(SOXY_GUEST_DIR)/,$(2)) $(3)
	@$$(call pack-initramfs,$(SOXY_GUEST),$$@,$(foreach f,$(2),\
		--file /soxy/$(f)=$(SOXY_GUEST_DIR)/$(f)) $(3))
endef
$(eval $(call SOXY_INITRAMFS,$(SOXY_GUEST_DIR)/initramfs.cpio,\
	$(SOXY_GUEST_FILES),$(SOXY_GUEST_DIR)/soxy-guest))
$(eval $(call SOXY_INITRAMFS,$(SOXY_GUEST_DIR)/bench.cpio,\
	$(SOXY_BENCH_FILES),$(SOXY_BENCH)))

.PHONY: kernel-$(SOXY_PLACE) guest-$(SOXY_PLACE) soxy-qemu-test
kernel-$(SOXY_PLACE): linux-source
	@$(call build-kernel,$(SOXY_GUEST),$(SOXY_GUEST_DIR)/kernel,\
		qemu/kernel.config arch/$(SOXY_GUEST)/kernel.config \
		soxy/kernel.config,$(SOXY_PLACE))

# make test runs it when it runs the x86_64 guest (the Makefile).
SOXY_TEST_RESULTS := $(BUILD)/results/soxy-$(SOXY_GUEST).json
guest-$(SOXY_PLACE): kernel-$(SOXY_PLACE) $(SOXY_GUEST_DIR)/initramfs.cpio

soxy-qemu-test: guest-$(SOXY_PLACE)
	@mkdir -p $(BUILD)/results
	@python3 qemu/boot.py $(call boot-args,$(SOXY_GUEST),\
		$(SOXY_GUEST_DIR)/initramfs.cpio,$(SOXY_GUEST_DIR)/kernel) \
		--name $(SOXY_PLACE)$(PLACE_SUFFIX) --timeout $(GUEST_TIMEOUT) \
		--log $(SOXY_GUEST_DIR)/console.log \
		--results $(SOXY_TEST_RESULTS) -- \
		$(guest.$(SOXY_GUEST).qemu_args)

# make bench-x86_64-soxy[-icount]: make bench runs them when it runs the
# x86_64 guest (the Makefile).
$(eval $(call BENCH_GUEST_RUN,$(SOXY_GUEST),,,$(SOXY_PLACE),$(SOXY_PLACE)))
$(eval $(call BENCH_GUEST_RUN,$(SOXY_GUEST),-icount,$(BENCH_ICOUNT),$(SOXY_PLACE),$(SOXY_PLACE)))
