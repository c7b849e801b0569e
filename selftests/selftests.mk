# The test programs. Each selftests/<name>/ holds one program, built from
# its .c files (or those selftest.<name>.sources names) and the static
# libraries a .mk adds as prerequisites (such
# as libtracy-fast.a), with kselftest.h from the kernel's tarball (the
# files qemu/linux-files.mk extracts): once for the host and once,
# statically, for every ABI a guest runs, as <name>-<abi>. A folder whose
# selftest.<name>.programs names its programs holds several instead, one a
# .c file as upstream's kselftests are written, which share its headers:
# <program> on the host, <program>-<abi> in the guests.

SELFTESTS     := smoke ptrace syscalls libtracy tracy-compat
# The host runs them all by themselves but tracy-compat, the runner of
# the Tracy-style programs, which run.py runs once it has built them
# (selftests/tracy-compat/tracy-compat.mk).
HOST_SELFTESTS := $(filter-out tracy-compat,$(SELFTESTS))
KSFT_INCLUDE  := $(LINUX_FILES)/tools/testing/selftests
HOST_CFLAGS   := -O2 -g -Wall -Wextra -Werror
LINUX_FILES_WANTED += tools/testing/selftests/kselftest.h \
	tools/testing/selftests/kselftest_harness.h
# The kernel builds its selftests with -Wall; kselftest_harness.h does not
# build with our -Wextra (an unused parameter of __timeout_handler(), the
# setjmp() of every TEST_F() wrapper). The tests that go into the series
# say so here, not with pragmas in their code.
selftest.ptrace.cflags := -Wno-unused-parameter -Wno-clobbered
# They are built as upstream builds them (KHDR_INCLUDES): with the uapi
# headers that `make headers` installs from the patched tree
# (selftests/kernel/kselftests.mk) for the guest whose kernel runs the ABI
# (the first of syscall-uapi.<abi>, arch/syscalls.mk), not the toolchain's
# or the host's, and without the project's folders and ABI macros.
selftest.ptrace.khdr := yes
selftest.ptrace.programs := $(basename $(notdir $(wildcard selftests/ptrace/*.c)))
khdr-include = $(BUILD)/$(firstword $(call syscall-uapi,$(1)))/headers/usr/include
# For selftest $(1) built for ABI $(2): the installed header the series
# patches (remade there) if it uses them, and the include flags.
selftest-khdr = $(if $(selftest.$(1).khdr),$(call khdr-include,$(2))/linux/ptrace.h)
selftest-includes = $(if $(selftest.$(1).khdr),-isystem $(call khdr-include,$(2)),\
	$(PROJECT_INCLUDES) $(call abi-cflags,$(2)))

# A selection of the selftests: variable $(1) holds their names. An error
# for a name that is none of SELFTESTS, or for none at all, which names
# the variable $(2) the user set (default: $(1)) and its value, and ends
# with the hint $(3), if any.
check-selection = $(if $(filter-out $(SELFTESTS),$($(1))),$(error \
	$(or $(2),$(1))='$($(or $(2),$(1)))': use names among: \
	$(SELFTESTS)$(3)))$(if $(strip $($(1))),,$(error $(or $(2),$(1)) \
	is empty: use names among: $(SELFTESTS)$(3)))
# The initramfs in folder $(1) (a guest's, a debug guest's) that holds the
# selection of variable $(2): initramfs.cpio for all of SELFTESTS, else
# the names joined by + (initramfs-smoke+ptrace.cpio).
selection-cpio = $(1)/initramfs$(if $(filter-out $($(2)),$(SELFTESTS)),-$(subst \
	$(eval) ,+,$(strip $($(2))))).cpio

# The programs of selftest $(1).
selftest-programs = $(or $(selftest.$(1).programs),$(1))
# The programs guest $(1) runs: every selftest (or those that $(2) names)
# for every ABI of the guest.
guest-programs = $(foreach abi,$(guest.$(1).abis),\
	$(foreach test,$(or $(2),$(SELFTESTS)),$(foreach prog,$(call selftest-programs,$(test)),\
		$(BUILD)/progs/$(abi)/$(prog)-$(abi))))
# The files they run in turn, as DEST=SRC for make-initramfs.sh --file
# (guest-file-args), and the SRC of each (guest-file-sources): the
# Tracy-style programs of every ABI of the guest, if tracy-compat is
# among the selftests $(2) (default: all).
guest-files = $(if $(filter tracy-compat,$(or $(2),$(SELFTESTS))),\
	$(foreach abi,$(guest.$(1).abis),$(call tracy-compat-files,$(abi))))
guest-file-args = $(addprefix --file ,$(call guest-files,$(1),$(2)))
guest-file-sources = $(foreach f,$(call guest-files,$(1),$(2)),$(lastword $(subst =, ,$(f))))

# The parts in which the test guests run a selftest's programs, side by
# side (GUEST_JOBS, qemu/guest.mk): the kselftest_harness filter of each
# part, its words joined by commas. The library test's seccomp variant
# is a third of its tests and, on arm, two thirds of its time.
selftest.libtracy.guest_parts := -V,seccomp -v,seccomp
# make-initramfs.sh's --run arguments for them, in guest $(1) running the
# selftests $(2) (default: all).
guest-run-args = $(foreach abi,$(guest.$(1).abis),\
	$(foreach test,$(or $(2),$(SELFTESTS)),\
		$(foreach prog,$(call selftest-programs,$(test)),\
			$(foreach part,$(selftest.$(test).guest_parts),\
				--run $(prog)-$(abi)=$(part)))))

# The sources of program $(2) of selftest $(1).
selftest-sources = $(if $(selftest.$(1).programs),\
	selftests/$(1)/$(2).c $(wildcard selftests/$(1)/*.h),\
	$(or $(selftest.$(1).sources),\
		$(wildcard selftests/$(1)/*.c selftests/$(1)/*.h)))
# The other .c files of selftests/tracy-compat/ are the programs it runs.
selftest.tracy-compat.sources := selftests/tracy-compat/runner.c \
	compat/ptrace-compat.h

# Program $(3) of selftest $(1) for ABI $(2).
define SELFTEST_RULES
$(BUILD)/progs/$(2)/$(3)-$(2): $(call selftest-sources,$(1),$(3)) \
		$(call selftest-khdr,$(1),$(2)) | linux-files
	@mkdir -p $$(@D)
	$(abi.$(2).cc) $(GUEST_CFLAGS) $(selftest.$(1).cflags) \
		$(call selftest-includes,$(1),$(2)) -I$(KSFT_INCLUDE) \
		-o $$@ $$(filter %.c %.a,$$^)
endef

define HOST_SELFTEST_RULES
$(BUILD)/progs/host/$(2): $(call selftest-sources,$(1),$(2)) \
		$(call selftest-khdr,$(1),$(HOST_ABI)) | linux-files
	@mkdir -p $$(@D)
	$(CC) $(HOST_CFLAGS) $(selftest.$(1).cflags) \
		$(call selftest-includes,$(1),$(HOST_ABI)) -I$(KSFT_INCLUDE) \
		-o $$@ $$(filter %.c %.a,$$^)
endef

GUEST_ABIS := $(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis)))
$(foreach test,$(SELFTESTS),$(foreach prog,$(call selftest-programs,$(test)),\
	$(eval $(call HOST_SELFTEST_RULES,$(test),$(prog)))\
	$(foreach abi,$(GUEST_ABIS),\
		$(eval $(call SELFTEST_RULES,$(test),$(abi),$(prog))))))

HOST_PROGRAMS := $(foreach test,$(HOST_SELFTESTS),\
	$(foreach prog,$(call selftest-programs,$(test)),$(BUILD)/progs/host/$(prog)))

# The host runs the selftests natively (the checks that need our kernel
# SKIP), the smoke tests of the example tracers (examples/examples.mk adds
# them as prerequisites), the tests of the test bed itself and of the
# benchmark tooling (which packs an initramfs with gen_init_cpio:
# qemu/guest.mk adds it), and the HOST_CHECKS other .mk files add (quoted
# commands; their prerequisites go on test-host). No kernel is built or
# booted for it: the panic drill, which boots the x86_64 guest's kernel,
# is test-drill, a place of its own. HOST_JOBS of them run at a time:
# most wait on their tracees, servers or subprocesses.
HOST_JOBS ?= 2
test-host: $(HOST_PROGRAMS)
	@mkdir -p $(BUILD)/results
	@python3 selftests/run-host.py --jobs $(HOST_JOBS) \
		--results $(BUILD)/results/host.json \
		$(HOST_PROGRAMS) \
		"python3 examples/test_examples.py $(BUILD)/examples" \
		"python3 qemu/test_boot.py" "python3 bench/test_bench.py" \
		$(HOST_CHECKS)

.PHONY: test-drill
test-drill: guest-x86_64
	@mkdir -p $(BUILD)/results
	@TRACY_FAST_DRILL="$(call boot-args,x86_64) -- $(guest.x86_64.qemu_args)" \
	python3 selftests/run-host.py --place drill \
		--results $(BUILD)/results/drill.json "python3 qemu/test_boot.py --drill"

# Every copy of the contract's constants (compat/, literal request numbers)
# equals the uapi header the series patch in.
HOST_CHECKS += "python3 selftests/uapi/check_uapi.py"
