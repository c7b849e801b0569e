# tracy-fast: top-level targets. `make help` lists them.
#
# Everything built goes to build/ (ignored by git). Each guest is described
# by arch/<arch>/arch.mk; qemu/guest.mk turns a description into a kernel,
# an initramfs and a test run; selftests/selftests.mk builds the programs
# that run on the host and in the guests.

ALL_ARCHES := x86_64 i386 arm arm64
# `make bench ARCHES=all` (or a list, ARCHES="i386 arm"): the guests the
# benchmarks run in, by default the x86_64 guest only. Every other target,
# and the build, always know every guest.
BENCH_ARCHES := $(if $(filter command line,$(origin ARCHES)),$(if \
	$(filter all,$(ARCHES)),$(ALL_ARCHES),$(ARCHES)),x86_64)
override ARCHES := $(ALL_ARCHES)
$(if $(filter-out $(ALL_ARCHES),$(BENCH_ARCHES)),$(error \
	ARCHES='$(BENCH_ARCHES)': use all, or guests among: $(ALL_ARCHES)))
BUILD  := build
LINUX_TARBALL := /usr/src/linux-source-6.12.tar.xz
LINUX_TREE    := $(BUILD)/linux
# The patches applied to it (all of kernel-patch/*.patch but the cover letter).
SERIES_DIR    := kernel-patch
# Guest programs are static: the initramfs holds no libraries.
GUEST_CFLAGS  := -O2 -Wall -Wextra -Werror -static

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

include $(foreach arch,$(ARCHES),arch/$(arch)/arch.mk)
include arch/syscalls.mk
include selftests/selftests.mk
include libtracy-fast/libtracy-fast.mk
include examples/examples.mk
include selftests/checkers.mk
include qemu/guest.mk
include selftests/kernel/kselftests.mk
include qemu/debug.mk
include bench/benchmark.mk
include soxy/soxy.mk

# Tools the host itself needs, as TOOL=DEBIAN_PACKAGE (qemu/ensure-packages.sh).
HOST_NEEDS := gcc=gcc make=make python3=python3 git=git flock=util-linux \
	bc=bc bison=bison flex=flex ccache=ccache xz=xz-utils \
	/usr/include/libelf.h=libelf-dev valgrind=valgrind \
	pkg-config=pkgconf readelf=binutils groff=groff-base man=man-db \
	lexgrog=man-db \
	$(LINUX_TARBALL)=linux-source-6.12

ALL_NEEDS := $(HOST_NEEDS) $(BENCH_NEEDS) $(SOXY_NEEDS) \
	$(foreach arch,$(ARCHES),$(guest.$(arch).needs)) \
	$(foreach abi,$(sort $(foreach arch,$(ARCHES),$(guest.$(arch).abis))),$(abi.$(abi).needs))

.PHONY: all help setup kernel qemu-test qemu-shell test test-host bench clean distclean

all: setup $(foreach arch,$(ARCHES),guest-$(arch))

help:
	@echo "make               install what is missing, build all four guests"
	@echo "make test          host tests, then the tests in every guest: $(ARCHES),"
	@echo "                   and the kernel's selftests against their baseline"
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
	@echo "                   ARCHES=all: in all four guests"
	@echo "make kernel ARCH=A       build the patched kernel of guest A"
	@echo "make qemu-test ARCH=A    boot guest A and run the tests in it"
	@echo "make qemu-shell ARCH=A   boot guest A with a prompt on the console"
	@echo "make setup         install the Debian packages that are missing"
	@echo "make install       libtracy-fast, tracy.h, pkg-config file, man pages"
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
	@python3 qemu/tap.py summary $(BUILD)/results/$(ARCH).json

qemu-shell:
	$(check-arch)
	@$(MAKE) --no-print-directory setup shell-$(ARCH)

# The test driver: every place writes its results, the summary counts them
# all and fails if anything failed, whatever failed first.
test:
	@$(MAKE) --no-print-directory setup
	@rm -rf $(BUILD)/results
	@$(MAKE) --no-print-directory -k test-host test-asan test-valgrind \
		$(foreach arch,$(ARCHES),test-$(arch) regress-$(arch)) || true
	@python3 qemu/tap.py summary $(BUILD)/results/host.json \
		$(BUILD)/results/host-asan.json $(BUILD)/results/host-valgrind.json \
		$(foreach arch,$(ARCHES),$(BUILD)/results/$(arch).json) \
		$(foreach arch,$(ARCHES),$(BUILD)/results/regress-$(arch).json)

# The benchmarks of bench/ on the host and in BENCH_ARCHES' guests, one
# place after the other; then the table and the plot of every place that
# has results, even if another failed (the exit status says so).
bench:
	@$(MAKE) --no-print-directory setup
	@status=0; $(MAKE) --no-print-directory -k bench-host-run \
		$(foreach arch,$(BENCH_ARCHES),bench-$(arch)) || status=1; \
	python3 bench/report.py --markdown $(BENCH_SUMMARY) \
		--svg $(BENCH_PLOT) $(BUILD)/bench/results/host \
		$(foreach arch,$(BENCH_ARCHES),$(BUILD)/bench/results/$(arch)) \
		|| status=1; \
	echo "  REPORT  $(BENCH_SUMMARY) $(BENCH_PLOT)"; exit $$status

clean:
	rm -rf $(BUILD)/results $(BUILD)/progs $(BUILD)/gen $(BUILD)/asan \
		$(BUILD)/examples $(BUILD)/bench/results \
		$(foreach abi,$(BENCH_ABIS),$(BUILD)/bench/$(abi)) $(BUILD)/bench/host \
		$(foreach arch,$(ARCHES),$(BUILD)/$(arch) $(BUILD)/$(arch)-debug)

distclean:
	rm -rf $(BUILD)
