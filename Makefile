# tracy-fast: top-level targets. `make help` lists them.
#
# Everything built goes to build/ (ignored by git). Each guest is described
# by arch/<arch>/arch.mk; qemu/guest.mk turns a description into a kernel,
# an initramfs and a test run; selftests/selftests.mk builds the programs
# that run on the host and in the guests.

include arch/arches.mk

# The kernel of the guests: mainline (7.2, the series of kernel-patch/, from
# Debian unstable's linux-source-7.2, which qemu/fetch-source.sh downloads
# without installing it) or the LTS backport (6.12, kernel-patch/6.12/, on
# Debian 12's linux-source-6.12). `make test` also runs the x86_64 guest on
# 6.12; `make test KERNEL_VERSION=6.12` runs the default guests of 6.12 on
# it (arch/arches.mk: all but riscv64). Each version builds in a tree of
# its own: build/ for 7.2, build/6.12/ for 6.12. Set before ARCHES, whose
# default depends on it.
KERNEL_VERSIONS := 7.2 6.12
KERNEL_VERSION  ?= 7.2
$(if $(filter-out $(KERNEL_VERSIONS),$(KERNEL_VERSION)),$(error \
	KERNEL_VERSION='$(KERNEL_VERSION)': use one of $(KERNEL_VERSIONS)))

# ARCHES=all or a list (ARCHES="i386 arm") chooses the guests that make
# test, regress, bench and make itself build and run: by default every
# guest that passes on KERNEL_VERSION (DEFAULT_ARCHES), and for make bench
# the x86_64 guest only. The rules, and the libraries and programs of
# every ABI, exist for all guests whatever ARCHES says; the .mk files
# generate them from ALL_ARCHES.
ARCHES_GIVEN := $(if $(filter command line,$(origin ARCHES)),$(if \
	$(filter all,$(ARCHES)),$(ALL_ARCHES),$(ARCHES)))
$(if $(filter-out $(ALL_ARCHES),$(ARCHES_GIVEN)),$(error \
	ARCHES='$(ARCHES)': use all, or guests among: $(ALL_ARCHES)))
$(if $(filter command line,$(origin ARCHES)),$(if \
	$(ARCHES_GIVEN),,$(error ARCHES is empty: use all, or guests among: \
	$(ALL_ARCHES))))
TEST_ARCHES  := $(or $(ARCHES_GIVEN),$(DEFAULT_ARCHES))
BENCH_ARCHES := $(or $(ARCHES_GIVEN),x86_64)
override ARCHES := $(ALL_ARCHES)
# The build tree of kernel version $(1): build/ for the default one.
version-build = $(if $(filter $(firstword $(KERNEL_VERSIONS)),$(1)),build,build/$(1))
ifeq ($(KERNEL_VERSION),6.12)
BUILD         ?= $(call version-build,6.12)
LINUX_TARBALL := /usr/src/linux-source-6.12.tar.xz
# The patches applied to it (all of SERIES_DIR/*.patch but the cover letter).
SERIES_DIR    ?= kernel-patch/6.12
else
BUILD         ?= build
LINUX_TARBALL := build/src/linux-source-$(KERNEL_VERSION).tar.xz
SERIES_DIR    ?= kernel-patch
endif
# Shared by the builds of one version, patched and baseline alike.
LINUX_TREE    := build/linux-$(KERNEL_VERSION)
# Results name the kernel when it is not the default one.
PLACE_SUFFIX  := $(if $(filter-out $(firstword $(KERNEL_VERSIONS)),$(KERNEL_VERSION)),-linux-$(KERNEL_VERSION))
# make test also runs the x86_64 guest on the LTS kernel (LTS_ARCHES=all:
# every guest that passes on it; LTS_ARCHES= : none), in its own build
# tree, with the series' selftests (ptrace) and smoke: what shows that
# the backport works; LTS_SELFTESTS=all runs all of ours there too.
LTS_VERSION   := 6.12
LTS_ARCHES    ?= x86_64
LTS_SELFTESTS ?= smoke ptrace
# Only guests that ARCHES lets make test run.
LTS_RUN_ARCHES := $(filter $(TEST_ARCHES),$(if $(filter \
	$(LTS_VERSION),$(KERNEL_VERSION)),,$(if \
	$(filter all,$(LTS_ARCHES)),$(call default-arches,$(LTS_VERSION)),$(LTS_ARCHES))))
LTS_RESULTS   := $(foreach arch,$(LTS_RUN_ARCHES),$(foreach place,$(arch) regress-$(arch),\
	$(call version-build,$(LTS_VERSION))/results/$(place).json))
# Guest programs are static: the initramfs holds no libraries.
GUEST_CFLAGS  := -O2 -Wall -Wextra -Werror -static
# The folders whose headers the library, its tests and its users include
# by name ("syscalls.h", "tracy.h"); a folder with headers of its own for
# the others adds itself here from its .mk.
PROJECT_INCLUDES := -Ilibtracy-fast -Icompat -Iarch
# The Python of the test bed (qemu/testbed) for every script make runs.
export PYTHONPATH := $(CURDIR)/qemu$(if $(PYTHONPATH),:$(PYTHONPATH))

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

include qemu/linux-files.mk
include arch/syscalls.mk
include selftests/selftests.mk
include libtracy-fast/libtracy-fast.mk
include selftests/tracy-compat/tracy-compat.mk
include examples/examples.mk
include selftests/checkers.mk
include stracy/stracy.mk
include qemu/guest.mk
include selftests/kernel/kselftests.mk
include qemu/debug.mk
include bench/benchmark.mk
include stracy/guest/guest.mk
include stracy/guest/bench.mk
include soxy/soxy.mk

# Tools the host itself needs, as TOOL=DEBIAN_PACKAGE (qemu/ensure-packages.sh).
HOST_NEEDS := gcc=gcc make=make python3=python3 git=git flock=util-linux \
	bc=bc bison=bison flex=flex ccache=ccache xz=xz-utils \
	/usr/include/libelf.h=libelf-dev valgrind=valgrind \
	pkg-config=pkgconf readelf=binutils groff=groff-base man=man-db \
	lexgrog=man-db \
	/usr/src/linux-source-6.12.tar.xz=linux-source-6.12 \
	/usr/share/keyrings/debian-archive-keyring.gpg=debian-archive-keyring \
	/usr/lib/python3/dist-packages/ply=python3-ply \
	/usr/lib/python3/dist-packages/git=python3-git

ALL_NEEDS := $(HOST_NEEDS) $(BENCH_NEEDS) $(STRACY_NEEDS) $(SOXY_NEEDS) \
	$(foreach arch,$(ARCHES),$(guest.$(arch).needs)) \
	$(foreach abi,$(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis))),$(abi.$(abi).needs))

.PHONY: all help setup kernel qemu-test qemu-shell check test test-host bench \
	clean distclean

all: setup $(foreach arch,$(TEST_ARCHES),guest-$(arch))

help:
	@echo "make               install what is missing, build every guest"
	@echo "make check         build the library for the host and run the host"
	@echo "                   tests: no kernel is built or booted"
	@echo "make test          host tests, then the tests in every guest: $(ARCHES),"
	@echo "                   and the kernel's selftests against their baseline"
	@echo "                   (ARCHES=\"arm i386\": those guests only)"
	@echo "make regress       only the kernel's selftests against their baseline"
	@echo "make regress-baseline   record that baseline from unpatched guests"
	@echo "make examples      the example tracers, in $(BUILD)/examples"
	@echo "make soxy          soxy, the SOCKS5 proxifier, in $(BUILD)/soxy;"
	@echo "                   make soxy-bench: its numbers on this machine"
	@echo "make test-asan     the library's host tests and the examples under"
	@echo "                   ASan and UBSan"
	@echo "make test-valgrind the same under valgrind"
	@echo "make test-debug    our selftests in $(DEBUG_ARCHES) kernels with KASAN,"
	@echo "                   lockdep, UBSAN and kmemleak; fails on any report"
	@echo "make bench         the benchmarks, on the host and in the x86_64 guest,"
	@echo "                   then their table and plot (bench/README.md);"
	@echo "                   ARCHES=all: in every guest"
	@echo "make bench-stracy  stracy on real workloads (make, find, python3) in"
	@echo "                   the x86_64 guest, in guest instructions; not part"
	@echo "                   of make bench: about 20 min (bench/README.md)"
	@echo "make kernel ARCH=A       build the patched kernel of guest A"
	@echo "make qemu-test ARCH=A    boot guest A and run the tests in it"
	@echo "make qemu-shell ARCH=A   boot guest A with a prompt on the console"
	@echo "make setup         install the Debian packages that are missing"
	@echo "make install       libtracy-fast, tracy.h, pkg-config file, man pages,"
	@echo "                   stracy and stracy(1)"
	@echo "                   (PREFIX=/usr/local, DESTDIR=); make uninstall"
	@echo "make syscalls-check   compare the generated syscall tables with the"
	@echo "                   kernel's headers (of the kernels built so far)"
	@echo "make clean         remove build results, keep the kernel source"
	@echo "Variables: KVM=1 (x86 guests only), GUEST_TIMEOUT=seconds"

setup:
	@qemu/ensure-packages.sh $(ALL_NEEDS)

# The targets that take ARCH= check it first.
check-arch = $(if $(filter $(ARCH),$(ARCHES)),,\
	$(error ARCH='$(ARCH)' is not a tracy-fast guest; use one of: $(ARCHES)))

kernel:
	$(check-arch)
	@$(MAKE) --no-print-directory setup kernel-$(ARCH)

qemu-test:
	$(check-arch)
	@$(MAKE) --no-print-directory setup
	@rm -f $(BUILD)/results/$(ARCH).json
	@$(MAKE) --no-print-directory test-$(ARCH) || true
	@python3 -m testbed summary $(BUILD)/results/$(ARCH).json

qemu-shell:
	$(check-arch)
	@$(MAKE) --no-print-directory setup shell-$(ARCH)

# The inner loop: the host's library and tests, no kernel built or booted.
check:
	@$(MAKE) --no-print-directory setup
	@rm -f $(BUILD)/results/host.json
	@$(MAKE) --no-print-directory test-host || true
	@python3 -m testbed summary $(BUILD)/results/host.json

# The test driver: every place writes its results, the summary counts them
# all and fails if anything failed, whatever failed first. The panic drill
# boots the x86_64 guest's kernel, stracy's differential test in the guest
# (on an x86_64 host) boots it too, and soxy's guest test is the x86_64
# guest's with TCP/IP (soxy/guest.mk), so they run when that guest is
# tested.
#
# It goes in two steps. First the host's places run, two at a time (each
# runs one program after the other: 77 s for the host's, 81 s for ASan's
# and valgrind's, 158 s one after the other), and then what every guest
# place boots is built (guest-PLACE), one thing after the other: a kernel
# build takes both cores, and the makes of the LTS kernel must not race on
# its tree. Then the guest places boot, TEST_JOBS at a time, each one's
# output in one piece when it ends; the longest first: the LTS kernel's
# two places, then our tests, then the kernel's. A guest wants both
# cores to itself: beside one busy core, the i386 guest took 104 s, not
# 37 s; two guests at a time took 4 to 5 times as long each (arm64 486 s,
# x86_64 523 s, against 93 s and 126 s alone), with one TCG thread each
# as with QEMU's default of one per vCPU, and 624 s for arm64 with each
# guest held to a core of its own (taskset). So one at a time by
# default; TEST_JOBS=N wants 2N cores.
TEST_JOBS ?= 1
STRACY_GUEST_TEST := $(if $(filter x86_64,$(TEST_ARCHES)),$(if $(filter \
	x86_64,$(LIBTRACY_HOST_ARCH)),test-stracy-guest))
SOXY_GUEST_TEST = $(if $(filter $(SOXY_GUEST),$(TEST_ARCHES)),soxy-qemu-test)
TEST_GUEST_PLACES := $(if $(LTS_RUN_ARCHES),test-lts) \
	$(foreach arch,$(TEST_ARCHES),test-$(arch)) \
	$(foreach arch,$(TEST_ARCHES),regress-$(arch)) \
	$(STRACY_GUEST_TEST) $(SOXY_GUEST_TEST) \
	$(if $(filter x86_64,$(TEST_ARCHES)),test-drill)
TEST_GUEST_BUILDS := $(foreach arch,$(TEST_ARCHES),guest-$(arch) \
	guest-regress-$(arch)) \
	$(if $(LTS_RUN_ARCHES),guest-lts) \
	$(if $(STRACY_GUEST_TEST),guest-stracy) \
	$(if $(SOXY_GUEST_TEST),guest-$(SOXY_PLACE))
test:
	@$(MAKE) --no-print-directory setup
	@rm -rf $(BUILD)/results
	@rm -f $(LTS_RESULTS)
	@$(MAKE) --no-print-directory -k -j2 --output-sync=target \
		test-host test-asan test-valgrind || true
	@$(MAKE) --no-print-directory -k $(TEST_GUEST_BUILDS) || true
	@$(MAKE) --no-print-directory -k -j$(TEST_JOBS) --output-sync=target \
		$(TEST_GUEST_PLACES) || true
	@python3 -m testbed summary $(BUILD)/results/host.json \
		$(BUILD)/results/host-asan.json $(BUILD)/results/host-valgrind.json \
		$(if $(filter x86_64,$(TEST_ARCHES)),$(BUILD)/results/drill.json) \
		$(if $(STRACY_GUEST_TEST),$(BUILD)/results/stracy-x86_64.json) \
		$(if $(SOXY_GUEST_TEST),$(SOXY_TEST_RESULTS)) \
		$(foreach arch,$(TEST_ARCHES),$(BUILD)/results/$(arch).json) \
		$(foreach arch,$(TEST_ARCHES),$(BUILD)/results/regress-$(arch).json) \
		$(LTS_RESULTS)

# Our selftests in the guests of LTS_ARCHES on the LTS kernel, and the
# kernel's own against their baseline on that version; guest-lts builds
# what they boot.
.PHONY: guest-lts test-lts
LTS_GUEST_SELFTESTS := $(if $(filter all,$(LTS_SELFTESTS)),$(SELFTESTS),$(LTS_SELFTESTS))
$(call check-selection,LTS_GUEST_SELFTESTS,LTS_SELFTESTS, (or all))
guest-lts:
	@$(MAKE) --no-print-directory -k KERNEL_VERSION=$(LTS_VERSION) \
		GUEST_SELFTESTS="$(LTS_GUEST_SELFTESTS)" \
		$(foreach arch,$(LTS_RUN_ARCHES),guest-$(arch) guest-regress-$(arch))

test-lts:
	@$(MAKE) --no-print-directory -k KERNEL_VERSION=$(LTS_VERSION) \
		GUEST_SELFTESTS="$(LTS_GUEST_SELFTESTS)" \
		$(foreach arch,$(LTS_RUN_ARCHES),test-$(arch) regress-$(arch))

# The benchmarks of bench/ on the host and in BENCH_ARCHES' guests, one
# place after the other (with the x86_64 guest, soxy's place: that guest
# with TCP/IP, soxy/guest.mk); then the table and the plot of every place
# that has results, even if another failed (the exit status says so).
BENCH_GUEST_RUNS = $(foreach arch,$(BENCH_ARCHES),$(call \
	bench-guest-runs,$(arch))) $(if $(filter $(SOXY_GUEST),$(BENCH_ARCHES)),\
	$(call bench-guest-runs,$(SOXY_PLACE)))
bench:
	@$(MAKE) --no-print-directory setup
	@status=0; $(MAKE) --no-print-directory -k bench-host-run \
		$(BENCH_GUEST_RUNS) || status=1; \
	$(BENCH_REPORT) --markdown $(BENCH_SUMMARY) \
		--svg $(BENCH_PLOT) $(BUILD)/bench/results/host \
		$(patsubst bench-%,$(BUILD)/bench/results/%,$(BENCH_GUEST_RUNS)) \
		|| status=1; \
	echo "  REPORT  $(BENCH_SUMMARY) $(BENCH_PLOT)"; exit $$status

clean:
	rm -rf $(BUILD)/results $(BUILD)/progs $(BUILD)/gen $(BUILD)/asan \
		$(BUILD)/examples $(BUILD)/bench/results \
		$(foreach abi,$(BENCH_ABIS),$(BUILD)/bench/$(abi)) $(BUILD)/bench/host \
		$(foreach arch,$(ARCHES),$(BUILD)/$(arch) $(BUILD)/$(arch)-debug)

distclean:
	rm -rf $(BUILD)
