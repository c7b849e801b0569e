# The debug guests: the guest's kernel with KASAN, lockdep, RCU and
# atomic-sleep checks, UBSAN and kmemleak (qemu/debug.config), running our
# selftests. Any report in the kernel log fails the run (qemu/boot.py),
# and so does a leak that kmemleak finds after the tests (qemu/kmemleak.c).
#
#   make test-debug   every guest of DEBUG_ARCHES

DEBUG_ARCHES ?= x86_64 arm64
# The selftests they run (SELFTESTS' names): all of them by default;
# DEBUG_SELFTESTS=ptrace runs the series' own, as kernel-patch/mutate.sh
# does. A selection has an initramfs of its own.
DEBUG_SELFTESTS ?= $(SELFTESTS)
$(call check-selection,DEBUG_SELFTESTS)
# KASAN keeps an eighth of memory as shadow, and everything runs slower:
# all of our selftests took 786 s in the x86_64 debug guest, so its
# watchdog is DEBUG_TIMEOUT, not the normal guests' GUEST_TIMEOUT.
DEBUG_MEMORY := 1G
DEBUG_TIMEOUT ?= 3600

.PHONY: test-debug

# What debug guest $(1) runs: kmemleak is cleared first and checked last.
debug-programs = $(BUILD)/$(1)-debug/kmemleak-clear \
	$(call guest-programs,$(1),$(DEBUG_SELFTESTS)) \
	$(BUILD)/$(1)-debug/kmemleak-check
debug-cpio = $(call selection-cpio,$(BUILD)/$(1)-debug,DEBUG_SELFTESTS)

define DEBUG_GUEST_RULES
.PHONY: kernel-debug-$(1) test-debug-$(1)

kernel-debug-$(1): linux-source
	@$(call build-kernel,$(1),$(BUILD)/$(1)-debug/kernel,\
		qemu/kernel.config arch/$(1)/kernel.config qemu/debug.config,$(1)-debug)

$(BUILD)/$(1)-debug/kmemleak-clear: qemu/kmemleak.c
	@mkdir -p $$(@D)
	$(call guest-cc,$(1)) $(GUEST_CFLAGS) -DKMEMLEAK_CLEAR=1 -o $$@ $$<

$(BUILD)/$(1)-debug/kmemleak-check: qemu/kmemleak.c
	@mkdir -p $$(@D)
	$(call guest-cc,$(1)) $(GUEST_CFLAGS) -o $$@ $$<

$(call debug-cpio,$(1)): $(call initramfs-inputs,$(1)) \
		$(call debug-programs,$(1)) \
		$(call guest-file-sources,$(1),$(DEBUG_SELFTESTS))
	@$(call pack-initramfs,$(1),$$@,$(call \
		guest-file-args,$(1),$(DEBUG_SELFTESTS)) $(call debug-programs,$(1)))

test-debug-$(1): kernel-debug-$(1) $(call debug-cpio,$(1))
	@mkdir -p $(BUILD)/results
	@python3 qemu/boot.py \
		$(call boot-args,$(1),$(call debug-cpio,$(1)),$(BUILD)/$(1)-debug/kernel) \
		--name $(1)-debug --memory $(DEBUG_MEMORY) --timeout $(DEBUG_TIMEOUT) \
		--log $(BUILD)/$(1)-debug/console.log \
		--results $(BUILD)/results/debug-$(1).json -- $(guest.$(1).qemu_args)
endef

$(foreach arch,$(DEBUG_ARCHES),$(eval $(call DEBUG_GUEST_RULES,$(arch))))

test-debug:
	@$(MAKE) --no-print-directory setup
	@rm -f $(foreach arch,$(DEBUG_ARCHES),$(BUILD)/results/debug-$(arch).json)
	@$(MAKE) --no-print-directory -k $(foreach arch,$(DEBUG_ARCHES),test-debug-$(arch)) || true
	@python3 -m testbed summary \
		$(foreach arch,$(DEBUG_ARCHES),$(BUILD)/results/debug-$(arch).json)
