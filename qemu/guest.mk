# Rules for the guests: the patched kernel source, and for each guest in
# ARCHES its kernel, its initramfs, a test run and an interactive run.
# A guest's description is arch/<arch>/arch.mk (guest.<arch>.* variables);
# the ABIs it runs are described there too (abi.<abi>.* variables).

GEN_INIT_CPIO := $(BUILD)/host/gen_init_cpio
GUEST_TIMEOUT ?= 900
# Test programs a test guest runs at a time: two, one per CPU, keep both
# host cores busy (a guest alone uses about one). The kernel's selftests
# have their own rule (selftests/kernel/kselftests.mk); the debug,
# benchmark, stracy and soxy guests run theirs one at a time.
GUEST_JOBS ?= 2
KVM ?=
# The selftests the guests run (SELFTESTS' names): all of them by
# default. make test runs fewer on the LTS kernel (LTS_SELFTESTS). A
# selection has an initramfs of its own.
GUEST_SELFTESTS ?= $(SELFTESTS)
$(call check-selection,GUEST_SELFTESTS)
# The initramfs of guest $(1) with them.
guest-cpio = $(call selection-cpio,$(BUILD)/$(1),GUEST_SELFTESTS)

# uname -r of our kernels ends in the LOCALVERSION of the common fragment.
RELEASE_SUFFIX := $(shell sed -n 's/^CONFIG_LOCALVERSION="\(.*\)"$$/\1/p' qemu/kernel.config)

.PHONY: linux-source

# Cheap when nothing changed: the script compares the series with the one
# it applied last, so it runs every time.
linux-source: $(LINUX_TARBALL)
	@qemu/prepare-source.sh $(LINUX_TARBALL) $(SERIES_DIR) $(LINUX_TREE)

# Mainline is not in Debian 12: its source comes from Debian unstable.
build/src/linux-source-%.tar.xz:
	@qemu/fetch-source.sh $* $@

# From the tarball's files (qemu/linux-files.mk): the host tests use it
# too (bench/test_bench.py), and need no kernel tree.
LINUX_FILES_WANTED += usr/gen_init_cpio.c
$(GEN_INIT_CPIO): $(LINUX_FILES)/.extracted
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $(LINUX_FILES)/usr/gen_init_cpio.c
test-host: $(GEN_INIT_CPIO)

# The arguments boot.py needs for guest $(1), booting initramfs $(2)
# (default: the one with our tests) with the kernel built in $(3)
# (default: the guest's). With KVM=1, a guest without KVM stops make when
# its recipe runs, not when the rules of every guest are generated: the
# $$(error) is left for the recipe's expansion, so that KVM=1 works for
# the guests that have it (make bench KVM=1 runs only x86_64).
boot-args = --name $(1)$(PLACE_SUFFIX) --qemu $(guest.$(1).qemu) \
	--kernel $(or $(3),$(BUILD)/$(1)/kernel)/$(guest.$(1).kernel_image) \
	--initrd $(or $(2),$(call guest-cpio,$(1))) \
	--console $(guest.$(1).console) \
	$(if $(KVM),--kvm "$(or $(guest.$(1).kvm_args),$$(error KVM is not available for the $(1) guest on this host))")

# The first ABI of guest $(1) is its native one: /init and the guest's
# own helper programs are built for it.
guest-abi = $(firstword $(guest.$(1).abis))
guest-cc  = $(abi.$(call guest-abi,$(1)).cc)

# Builds the kernel of guest $(1) out of tree in $(2), from tinyconfig and
# the fragments $(3); $(4) names it in messages.
build-kernel = TREE=$(LINUX_TREE) OUT=$(2) GUEST=$(4) \
	KARCH=$(guest.$(1).kernel_arch) CROSS=$(guest.$(1).cross) \
	IMAGE=$(guest.$(1).kernel_image) FRAGMENTS="$(strip $(3))" qemu/build-kernel.sh

# What every initramfs of guest $(1) is made of besides its programs, and
# the command that packs initramfs $(2) of guest $(1) with the programs $(3).
initramfs-inputs = qemu/make-initramfs.sh $(GEN_INIT_CPIO) \
	$(BUILD)/$(1)/init $(BUILD)/$(1)/guest-info
pack-initramfs = echo "  CPIO    $(2)" && qemu/make-initramfs.sh $(2) \
	$(GEN_INIT_CPIO) $(BUILD)/$(1)/init $(BUILD)/$(1)/guest-info $(3)

define GUEST_RULES
.PHONY: kernel-$(1) guest-$(1) test-$(1) shell-$(1)

kernel-$(1): linux-source
	@$(call build-kernel,$(1),$(BUILD)/$(1)/kernel,\
		qemu/kernel.config arch/$(1)/kernel.config,$(1))

$(BUILD)/$(1)/init: qemu/init.c
	@mkdir -p $$(@D)
	$(call guest-cc,$(1)) $(GUEST_CFLAGS) -o $$@ $$<

$(BUILD)/$(1)/guest-info: arch/$(1)/arch.mk qemu/kernel.config qemu/guest.mk
	@mkdir -p $$(@D)
	@printf 'arch=%s\nmachine=%s\nrelease_suffix=%s\nabis=%s\n' \
		$(1) $(guest.$(1).machine) $(RELEASE_SUFFIX) \
		"$(guest.$(1).abis)" >$$@

$(call guest-cpio,$(1)): $(call initramfs-inputs,$(1)) selftests/selftests.mk \
		$(call guest-programs,$(1),$(GUEST_SELFTESTS)) \
		$(call guest-file-sources,$(1),$(GUEST_SELFTESTS))
	@$(call pack-initramfs,$(1),$$@,$(call \
		guest-file-args,$(1),$(GUEST_SELFTESTS)) \
		$(call guest-run-args,$(1),$(GUEST_SELFTESTS)) \
		$(call guest-programs,$(1),$(GUEST_SELFTESTS)))

guest-$(1): kernel-$(1) $(call guest-cpio,$(1))

test-$(1): guest-$(1)
	@mkdir -p $(BUILD)/results
	@python3 qemu/boot.py $(call boot-args,$(1)) --timeout $(GUEST_TIMEOUT) \
		--jobs $(GUEST_JOBS) --log $(BUILD)/$(1)/console.log \
		--results $(BUILD)/results/$(1).json -- $(guest.$(1).qemu_args)

shell-$(1): guest-$(1)
	@python3 qemu/boot.py --shell $(call boot-args,$(1)) -- \
		$(guest.$(1).qemu_args)
endef

$(foreach arch,$(ARCHES),$(eval $(call GUEST_RULES,$(arch))))
