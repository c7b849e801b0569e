# stracy's differential test in the x86_64 guest, on the kernel's syscall
# masks (stracy/test_diff_guest.py): a place of its own, stracy-x86_64,
# which boots the guest with an initramfs of its own. The guest runs the
# host's programs (and the host's strace, as the benchmark initramfs
# does), so only an x86_64 host has it; make test runs it with the
# x86_64 guest.

ifeq ($(LIBTRACY_HOST_ARCH),x86_64)
STRACY_GUEST_DIR  := $(BUILD)/stracy/guest
STRACY_GUEST_CPIO := $(BUILD)/x86_64/stracy-diff.cpio

$(STRACY_GUEST_DIR)/corpus-run: stracy/guest/corpus-run.c
	@mkdir -p $(@D)
	$(call guest-cc,x86_64) $(GUEST_CFLAGS) -o $@ $<

# The corpus, its tree, and the --file options of everything the cases
# run (remade with the corpus of test_diff.py).
$(STRACY_GUEST_DIR)/input/files: stracy/test_diff.py stracy/test_diff_guest.py \
		bench/scripts/strace-files.sh
	@python3 stracy/test_diff_guest.py --write $(STRACY_GUEST_DIR)/input

$(STRACY_GUEST_CPIO): $(call initramfs-inputs,x86_64) \
		$(STRACY_GUEST_DIR)/input/files $(STRACY_GUEST_DIR)/corpus-run \
		$(BUILD)/stracy/x86_64/stracy
	@$(call pack-initramfs,x86_64,$@,$$(cat $(STRACY_GUEST_DIR)/input/files) \
		--file /bin/stracy=$(BUILD)/stracy/x86_64/stracy \
		$(STRACY_GUEST_DIR)/corpus-run)

.PHONY: guest-stracy test-stracy-guest
guest-stracy: kernel-x86_64 $(STRACY_GUEST_CPIO)

test-stracy-guest: guest-stracy
	@mkdir -p $(BUILD)/results
	@STRACY_DIFF_GUEST="$(call boot-args,x86_64,$(STRACY_GUEST_CPIO)) -- \
		$(guest.x86_64.qemu_args)" python3 selftests/run-host.py \
		--place stracy-x86_64 --results $(BUILD)/results/stracy-x86_64.json \
		"python3 stracy/test_diff_guest.py"
endif
