# soxy in the x86_64 guest, on the kernel mask: make soxy-qemu-test.
#
# The guests' kernels have no TCP/IP, so this guest's kernel is theirs
# plus soxy/kernel.config, built in $(BUILD)/x86_64-soxy/kernel. Its
# initramfs runs one program, soxy/tests/guest.c (TAP, with the numbers
# of the benchmark as comments), which starts soxy-socksd, our SOCKS5
# server, and the static clients, all put in /soxy.

SOXY_GUEST     := x86_64
SOXY_GUEST_DIR := $(BUILD)/$(SOXY_GUEST)-soxy
SOXY_GUEST_ABI := $(call guest-abi,$(SOXY_GUEST))
SOXY_GUEST_CC  := $(abi.$(SOXY_GUEST_ABI).cc)
# The client for every other ABI the guest runs: i386 and x32.
SOXY_GUEST_OTHER_ABIS := $(filter-out $(SOXY_GUEST_ABI),\
	$(guest.$(SOXY_GUEST).abis))
SOXY_GUEST_FILES := soxy soxy-socksd soxy-client soxy-bench-client \
	$(addprefix soxy-client-,$(SOXY_GUEST_OTHER_ABIS))

$(SOXY_GUEST_DIR)/soxy: $(SOXY_SOURCES) \
		$(BUILD)/lib/$(SOXY_GUEST_ABI)/libtracy-fast.a
	@mkdir -p $(@D)
	nice -n 19 $(SOXY_GUEST_CC) $(GUEST_CFLAGS) -Ilibtracy-fast -o $@ \
		$(filter %.c %.a,$^)

$(SOXY_GUEST_DIR)/soxy-socksd: soxy/tests/socksd.c
$(SOXY_GUEST_DIR)/soxy-client: soxy/tests/client.c
$(SOXY_GUEST_DIR)/soxy-bench-client: soxy/tests/bench-client.c
$(SOXY_GUEST_DIR)/soxy-guest: soxy/tests/guest.c
$(addprefix $(SOXY_GUEST_DIR)/,soxy-socksd soxy-client soxy-bench-client \
		soxy-guest):
	@mkdir -p $(@D)
	nice -n 19 $(SOXY_GUEST_CC) $(GUEST_CFLAGS) -o $@ $<

$(SOXY_GUEST_DIR)/soxy-client-%: soxy/tests/client.c
	@mkdir -p $(@D)
	nice -n 19 $(abi.$*.cc) $(GUEST_CFLAGS) -o $@ $<

SOXY_GUEST_INPUTS := $(addprefix $(SOXY_GUEST_DIR)/,$(SOXY_GUEST_FILES))

$(SOXY_GUEST_DIR)/initramfs.cpio: $(call initramfs-inputs,$(SOXY_GUEST)) \
		$(SOXY_GUEST_INPUTS) $(SOXY_GUEST_DIR)/soxy-guest
	@$(call pack-initramfs,$(SOXY_GUEST),$@,$(foreach f,$(SOXY_GUEST_FILES),\
		--file /soxy/$(f)=$(SOXY_GUEST_DIR)/$(f)) $(SOXY_GUEST_DIR)/soxy-guest)

.PHONY: kernel-soxy soxy-qemu-test
kernel-soxy: linux-source
	@$(call build-kernel,$(SOXY_GUEST),$(SOXY_GUEST_DIR)/kernel,\
		qemu/kernel.config arch/$(SOXY_GUEST)/kernel.config \
		soxy/kernel.config,$(SOXY_GUEST)-soxy)

soxy-qemu-test: kernel-soxy $(SOXY_GUEST_DIR)/initramfs.cpio
	@mkdir -p $(BUILD)/results
	@python3 qemu/boot.py $(call boot-args,$(SOXY_GUEST),\
		$(SOXY_GUEST_DIR)/initramfs.cpio,$(SOXY_GUEST_DIR)/kernel) \
		--name $(SOXY_GUEST)-soxy --timeout $(GUEST_TIMEOUT) \
		--log $(SOXY_GUEST_DIR)/console.log \
		--results $(BUILD)/results/soxy-$(SOXY_GUEST).json -- \
		$(guest.$(SOXY_GUEST).qemu_args)
