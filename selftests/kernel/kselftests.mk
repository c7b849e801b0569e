# The kernel's own selftests of the code the series touches, built from the
# kernel tree for each guest's native ABI, and the regression check: run
# them in the patched guests and compare every test's result with the
# baseline that the same guests gave without the series.
#
#   make regress           patched guests against selftests/kernel/baseline/VERSION/
#   make regress-baseline  rebuild the guests without the series (in
#                          $(BASELINE_BUILD)) and record a new baseline
#
# Both take ARCHES= like make test: ARCHES=riscv64 records that guest's
# baseline alone.

KSELFTESTS := ptrace/get_syscall_info ptrace/peeksiginfo ptrace/vmaccess \
	ptrace/get_set_sud seccomp/seccomp_bpf
KSELFTEST_DIR := $(LINUX_TREE)/tools/testing/selftests
# Libraries the kernel selftests link: Debian packages of the guest's
# architecture, unpacked by qemu/fetch-debs.sh into $(BUILD)/sysroot/.
KSELFTEST_DEBS := libcap-dev libcap2
kselftest.seccomp_bpf.libs := -lcap
# One test of seccomp_bpf only waits, for 26 to 30 s (on x86_64 until the
# harness's timeout), most of the time of the kernel's selftests. It runs
# first, as a part of its own, and the others one at a time beside it
# (see boot-kselftests); compare.py reduces the parts as one run. 6.12's
# seccomp_bpf does not have it: there they all run one at a time. Read
# from the source when a recipe needs it, once the source is there.
KSELFTEST_WAITING := user_notification_wait_killable_after_reply
kselftest-waiting = $(shell grep -qw $(KSELFTEST_WAITING) \
	$(KSELFTEST_DIR)/seccomp/seccomp_bpf.c 2>/dev/null && echo yes)
kselftest.seccomp_bpf.first = $(if $(kselftest-waiting),-t$(comma)$(KSELFTEST_WAITING))
kselftest.seccomp_bpf.guest_parts = $(if $(kselftest-waiting),-T$(comma)$(KSELFTEST_WAITING))
comma := ,
kselftest-run-args = $(foreach test,$(KSELFTESTS),\
	$(foreach part,$(kselftest.$(notdir $(test)).first),\
		--first $(notdir $(test))=$(part))\
	$(foreach part,$(kselftest.$(notdir $(test)).guest_parts),\
		--run $(notdir $(test))=$(part)))
# One baseline per kernel version: the same tests pass and fail differently
# on 6.12 and on 7.2, with or without the series.
BASELINE_DIR   := selftests/kernel/baseline/$(KERNEL_VERSION)
BASELINE_BUILD := $(BUILD)/baseline

.PHONY: regress regress-baseline

$(KSELFTEST_DIR)/%.c: | linux-source ;

# The programs of guest $(1); they run as its first (native) ABI.
kselftest-programs = $(foreach test,$(KSELFTESTS),\
	$(BUILD)/$(1)/kselftests/$(notdir $(test)))

# Boots guest $(1) with the kernel selftests, the whole console to
# $(BUILD)/$(1)/regress.log. boot.py fails a run in which a test fails, and
# some kernel selftests fail in these small guests with or without the
# series: the comparison with the baseline is the verdict, and it fails on
# kernel trouble and on a hang too. Two at a time: the waiting test of
# seccomp_bpf, and beside it the others one after the other, as when
# their baseline was recorded. Some depend on timing: vmaccess (its
# sleep(1) against its child's, here where the guest has no `true` to
# exec) failed in 2 of 4 runs beside the busy rest of seccomp_bpf, and
# passed in all beside the waiting test.
boot-kselftests = python3 qemu/boot.py \
	$(call boot-args,$(1),$(BUILD)/$(1)/regress.cpio) \
	--timeout $(GUEST_TIMEOUT) --jobs $(if $(kselftest-waiting),2,1) \
	--log $(BUILD)/$(1)/regress.log \
	-- $(guest.$(1).qemu_args) >/dev/null || true

# Kernel selftest $(3) (dir/name) for guest $(1), Debian architecture $(2).
# -w: their warnings (many on 32-bit ABIs) are upstream's, not ours.
define KSELFTEST_PROGRAM_RULES
$(BUILD)/$(1)/kselftests/$(notdir $(3)): $(KSELFTEST_DIR)/$(3).c \
		$(BUILD)/sysroot/$(2)/.packages | kernel-headers-$(1)
	@mkdir -p $$(@D)
	$(call guest-cc,$(1)) -static -O2 -g -pthread -w \
		-isystem $(BUILD)/$(1)/headers/usr/include \
		-I$(KSELFTEST_DIR) -isystem $(BUILD)/sysroot/$(2)/usr/include \
		-o $$@ $$< -L$$$$(echo $(BUILD)/sysroot/$(2)/usr/lib/*-linux-*) \
		$(kselftest.$(notdir $(3)).libs)
endef

define KSELFTEST_RULES
.PHONY: kernel-headers-$(1) guest-regress-$(1) regress-$(1) record-baseline-$(1)

# The uapi headers of the kernel we boot: `make headers` is incremental.
kernel-headers-$(1): linux-source
	@$(MAKE) -s -C $(LINUX_TREE) O=$(abspath $(BUILD)/$(1)/headers) \
		ARCH=$(guest.$(1).kernel_arch) headers

# The header the series patches, for what must rebuild when it changes
# (selftests/selftests.mk): `make headers` rewrites only changed files.
$(BUILD)/$(1)/headers/usr/include/linux/ptrace.h: | kernel-headers-$(1)

# An ABI whose arch.mk says its Debian architecture has no packages here
# (abi.<abi>.debs := source) gets libcap built from Debian's source.
$(BUILD)/sysroot/$(2)/.packages: selftests/kernel/kselftests.mk qemu/fetch-debs.sh \
		qemu/build-libcap.sh qemu/private-apt.sh
	@$(if $(filter source,$(abi.$(call guest-abi,$(1)).debs)),\
		qemu/build-libcap.sh $(call guest-cc,$(1)) $(BUILD)/sysroot/$(2),\
		qemu/fetch-debs.sh $(2) $(BUILD)/sysroot/$(2) $(KSELFTEST_DEBS))

$(BUILD)/$(1)/regress.cpio: $(call initramfs-inputs,$(1)) \
		selftests/kernel/kselftests.mk $(call kselftest-programs,$(1))
	@$(call pack-initramfs,$(1),$$@,$(kselftest-run-args) \
		$(call kselftest-programs,$(1)))

# What regress-$(1) boots; make test builds it before it boots anything.
guest-regress-$(1): kernel-$(1) $(BUILD)/$(1)/regress.cpio

# The comparison is the verdict (see boot-kselftests).
regress-$(1): guest-regress-$(1)
	@mkdir -p $(BUILD)/results
	@$(call boot-kselftests,$(1))
	@python3 selftests/kernel/compare.py compare --place regress-$(1) \
		--results $(BUILD)/results/regress-$(1).json \
		$(BASELINE_DIR)/$(1).txt $(BUILD)/$(1)/regress.log

record-baseline-$(1): guest-regress-$(1)
	@$(call boot-kselftests,$(1))
	@python3 selftests/kernel/compare.py record $(BUILD)/$(1)/regress.log \
		$(BASELINE_DIR)/$(1).txt
endef

# The Debian architecture of guest $(1)'s native ABI.
guest-deb-arch = $(abi.$(call guest-abi,$(1)).deb_arch)

$(foreach arch,$(ARCHES),\
	$(eval $(call KSELFTEST_RULES,$(arch),$(call guest-deb-arch,$(arch))))\
	$(foreach test,$(KSELFTESTS),$(eval $(call KSELFTEST_PROGRAM_RULES,$(arch),$(call guest-deb-arch,$(arch)),$(test)))))

regress:
	@$(MAKE) --no-print-directory setup
	@rm -f $(foreach arch,$(TEST_ARCHES),$(BUILD)/results/regress-$(arch).json)
	@$(MAKE) --no-print-directory -k $(foreach arch,$(TEST_ARCHES),regress-$(arch)) || true
	@python3 -m testbed summary \
		$(foreach arch,$(TEST_ARCHES),$(BUILD)/results/regress-$(arch).json)

# The same guests from the same config, without the series: a build tree
# and a kernel tree of their own, so that the patched ones stay as they
# are (switching the shared tree between pristine and patched would
# rebuild every object that includes a header the series touches).
regress-baseline:
	@mkdir -p $(BASELINE_DIR)
	@$(MAKE) --no-print-directory BUILD=$(BASELINE_BUILD) SERIES_DIR=/nonexistent \
		LINUX_TREE=$(LINUX_TREE)-baseline \
		$(foreach arch,$(TEST_ARCHES),record-baseline-$(arch))

HOST_CHECKS += "python3 selftests/kernel/test_compare.py"
