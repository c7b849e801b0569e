# Google Benchmark for the host and the guests, the C shim over it, and the
# benchmark programs (C) built for each place.
#
# The host links Debian's libbenchmark-dev (shared). Guest programs are
# static (the initramfs holds no libraries), so each guest ABI gets a static
# libbenchmark.a built from Debian's own source package of the same release
# (bench/scripts/get-benchmark-source.sh, bench/scripts/build-benchmark.sh):
# the same Google Benchmark everywhere, about 30 s of compiling per ABI, once.
#
#   $(BUILD)/bench/src/tree              Debian's source, patches applied
#   $(BUILD)/bench/<abi>/libbenchmark.a  per guest ABI
#   $(BUILD)/bench/<abi>/bench-<name>-<abi>   static benchmark programs
#   $(BUILD)/bench/<abi>/tracee-<name>-<abi>  static programs they trace
#   $(BUILD)/bench/host/bench-<name>     host programs (shared libbenchmark)
#   $(BUILD)/bench/host/tracee-<name>    static, as in the guests

# Every guest ABI with a C++ compiler in arch/<arch>/arch.mk.
BENCH_ABIS     := $(foreach abi,$(SYSCALL_ABIS),$(if $(abi.$(abi).cxx),$(abi)))
# Each C file in bench/programs/ is a benchmark program, bench-<name>,
# linked with the tracer (bench/tracer/) and libtracy-fast: a new program
# is a new file there, nothing else.
BENCH_PROGRAMS := $(sort $(basename $(notdir $(wildcard bench/programs/*.c))))
# Each C file in bench/tracee/ is a program the benchmarks trace,
# tracee-<name>. Static everywhere, so that they make the same syscalls on
# the host.
BENCH_TRACEES  := $(sort $(basename $(notdir $(wildcard bench/tracee/*.c))))
BENCH_HEADERS  := bench/shim/gbench.h bench/tracer/tracer.h \
	bench/tracee/tracee.h libtracy-fast/tracy.h
# The tools that gather the JSON of a place and make the table and plot.
BENCH_COLLECT  := python3 bench/report/collect.py
BENCH_REPORT   := python3 bench/report/report.py
# make bench writes the table and the plot of what it ran here.
BENCH_SUMMARY  := $(BUILD)/bench/results/summary.md
BENCH_PLOT     := $(BUILD)/bench/results/overhead.svg
# Google Benchmark's flags, given as its environment variables (the guests
# get them on the kernel command line, which passes them to /init's
# environment): e.g. BENCH_ENV="BENCHMARK_MIN_TIME=1 BENCHMARK_REPETITIONS=5".
BENCH_ENV      ?= BENCHMARK_MIN_TIME=0.1
# ICOUNT=1: every guest runs the benchmarks twice, by the wall clock and
# then under QEMU's instruction counting (BENCH_ICOUNT), in which the
# guest's clock advances one nanosecond per guest instruction: the same
# scenarios, measured in guest instructions, repeatable to the
# instruction whatever else the machine does. The results of that run go
# to results/<arch>-icount/.
ICOUNT         ?=
BENCH_ICOUNT   := shift=0,sleep=off
BENCH_MODES    := wall $(if $(ICOUNT),icount)
$(if $(and $(ICOUNT),$(KVM)),$(error ICOUNT=1 needs TCG: drop KVM=1))
# The watchdog of one guest's benchmark run, in seconds: a run is all the
# programs for every ABI of the guest, and with BENCHMARK_REPETITIONS=5
# under -icount the x86_64 guest's took more than GUEST_TIMEOUT (900 s).
# BENCH_TIMEOUT.<place> sets it for one place.
BENCH_TIMEOUT  ?= 5400
# Every benchmark run, host or guest, waits for the machine's guest lock
# (no two guests, and no guest beside a host benchmark) and runs niced, so
# that it disturbs the machine's other users less than they disturb it.
GUEST_LOCK     ?= /tmp/tracy-guest.lock
# The guests' CPUs. One by default: the x86 guests bring up one CPU only
# whatever QEMU offers, and with two the arm guests' timings scatter (two
# vCPU threads on a host of two cores are preempted under each other),
# so tracer and tracee share one CPU in every guest alike.
BENCH_CPUS     ?= 1
BENCH_NICE     ?= 19
BENCH_RUN      := flock $(GUEST_LOCK) nice -n $(BENCH_NICE)
# What the guests show of a program's output while it runs: a line per
# benchmark (Google Benchmark's console format).
BENCH_PROGRESS := ^[a-z_]+/[^ ]+ +([0-9]|ERROR)
GBENCH_SRC     := $(BUILD)/bench/src
GBENCH_TREE    := $(GBENCH_SRC)/tree
BENCH_CFLAGS   := -O2 -Wall -Wextra -Werror -Ibench/shim -Ibench/tracer \
	-Ibench -Ilibtracy-fast
BENCH_CXXFLAGS := -O2 -Wall -Wextra -Werror -std=c++11 -Ibench/shim

# What the benchmarks need on the host, as TOOL=DEBIAN_PACKAGE.
BENCH_NEEDS := g++=g++ dpkg-source=dpkg-dev /usr/bin/strace=strace \
	/usr/include/benchmark/benchmark.h=libbenchmark-dev \
	$(foreach abi,$(BENCH_ABIS),$(abi.$(abi).cxx_needs))

# The programs of guest $(1): those of every ABI it runs that we build for.
bench-guest-abis = $(filter $(BENCH_ABIS),$(guest.$(1).abis))
bench-guest-programs = $(foreach abi,$(call bench-guest-abis,$(1)),\
	$(foreach p,$(BENCH_PROGRAMS),$(BUILD)/bench/$(abi)/bench-$(p)-$(abi)))
# The tracees they start, in the guest's /bin but not run by /init.
bench-guest-tracees = $(foreach abi,$(call bench-guest-abis,$(1)),\
	$(foreach p,$(BENCH_TRACEES),$(BUILD)/bench/$(abi)/tracee-$(p)-$(abi)))
# The guest of the host's architecture also gets the host's strace, with
# its libraries, for the comparison of bench/programs/workload.c.
bench-guest-strace = $(if $(filter $(1),$(LIBTRACY_HOST_ARCH)),\
	$(wildcard /usr/bin/strace))
# Every guest also gets stracy, static, built for its native ABI (the
# first: a 64-bit stracy traces the 32-bit programs too, as strace does), at
# BENCH_GUEST_STRACY, where the guest's programs look for it: their stracy
# rows, beside strace's, there on the kernel mask.
BENCH_GUEST_STRACY := /bin/stracy
bench-guest-stracy = $(BUILD)/stracy/$(call guest-abi,$(1))/stracy
# make-initramfs.sh options for all of them (run only in a recipe: ldd).
bench-guest-files = $(foreach f,$(call bench-guest-tracees,$(1)),\
	--file /bin/$(notdir $(f))=$(f)) \
	--file $(BENCH_GUEST_STRACY)=$(call bench-guest-stracy,$(1)) \
	$(if $(call bench-guest-strace,$(1)),$(shell bench/scripts/strace-files.sh))

.PHONY: bench-host bench-host-run bench-programs

$(GBENCH_TREE)/.version: bench/scripts/get-benchmark-source.sh
	@bench/scripts/get-benchmark-source.sh $(GBENCH_SRC)

# Host: Debian's shared library.
$(BUILD)/bench/host/gbench.o: bench/shim/gbench.cc bench/shim/gbench.h
	@mkdir -p $(@D)
	$(CXX) $(BENCH_CXXFLAGS) -c -o $@ $<

# The host's programs know where the host's stracy is, for its rows beside
# strace's (bench/tracer/tracer.h); the guests' programs look for it where
# their initramfs has it (BENCH_GUEST_STRACY).
$(BUILD)/bench/host/%.o: bench/programs/%.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -DBENCH_STRACY='"$(abspath $(STRACY))"' \
		-c -o $@ $<

$(BUILD)/bench/host/tracer.o: bench/tracer/tracer.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(CC) $(BENCH_CFLAGS) -c -o $@ $<

$(BUILD)/bench/host/bench-%: $(BUILD)/bench/host/%.o \
		$(BUILD)/bench/host/tracer.o $(BUILD)/bench/host/gbench.o \
		$(BUILD)/lib/host/libtracy-fast.a
	$(CXX) -o $@ $^ -lbenchmark -pthread

$(BUILD)/bench/host/tracee-%: bench/tracee/%.c bench/tracee/tracee.h
	@mkdir -p $(@D)
	$(CC) $(GUEST_CFLAGS) -o $@ $<

bench-host: $(foreach p,$(BENCH_PROGRAMS),$(BUILD)/bench/host/bench-$(p)) \
	$(foreach p,$(BENCH_TRACEES),$(BUILD)/bench/host/tracee-$(p)) $(STRACY)

# Runs the host's programs, showing their progress; their JSON goes where
# the guests' goes, with the place named in it (collect.py).
bench-host-run: bench-host
	@rm -rf $(BUILD)/bench/results/host
	@mkdir -p $(BUILD)/bench/results/host
	@set -e; for p in $(BENCH_PROGRAMS); do \
		echo "  BENCH   host: bench-$$p"; \
		$(BENCH_RUN) env $(BENCH_ENV) $(BUILD)/bench/host/bench-$$p \
			--benchmark_out=$(BUILD)/bench/results/host/bench-$$p.json \
			--benchmark_out_format=json --benchmark_color=false \
			2>/dev/null | sed -n 's/^[a-z_]*\/.*/  BENCH   host: &/p'; \
	done
	@$(BENCH_COLLECT) host $(BUILD)/bench/results/host \
		--env "$(BENCH_ENV)" $(BUILD)/bench/results/host/*.json

# Guest ABI $(1): a static libbenchmark.a of Debian's source, static programs.
define BENCH_ABI_RULES
$(BUILD)/bench/$(1)/libbenchmark.a: $(GBENCH_TREE)/.version \
		bench/scripts/build-benchmark.sh
	@mkdir -p $$(@D)
	@nice -n 19 bench/scripts/build-benchmark.sh $(abi.$(1).cxx) \
		$(GBENCH_TREE) $$@

$(BUILD)/bench/$(1)/gbench.o: bench/shim/gbench.cc bench/shim/gbench.h \
		$(GBENCH_TREE)/.version
	@mkdir -p $$(@D)
	$(abi.$(1).cxx) $(BENCH_CXXFLAGS) -DBENCHMARK_STATIC_DEFINE \
		-I$(GBENCH_TREE)/include -c -o $$@ $$<

$(BUILD)/bench/$(1)/%.o: bench/programs/%.c $(BENCH_HEADERS)
	@mkdir -p $$(@D)
	$(abi.$(1).cc) $(BENCH_CFLAGS) \
		-DBENCH_STRACY='"$(BENCH_GUEST_STRACY)"' -c -o $$@ $$<

$(BUILD)/bench/$(1)/tracer.o: bench/tracer/tracer.c $(BENCH_HEADERS)
	@mkdir -p $$(@D)
	$(abi.$(1).cc) $(BENCH_CFLAGS) -DBENCH_SUFFIX='"-$(1)"' -c -o $$@ $$<

$(BUILD)/bench/$(1)/bench-%-$(1): $(BUILD)/bench/$(1)/%.o \
		$(BUILD)/bench/$(1)/tracer.o $(BUILD)/bench/$(1)/gbench.o \
		$(BUILD)/lib/$(1)/libtracy-fast.a $(BUILD)/bench/$(1)/libbenchmark.a
	$(abi.$(1).cxx) -static -o $$@ $$^ -pthread

$(BUILD)/bench/$(1)/tracee-%-$(1): bench/tracee/%.c bench/tracee/tracee.h
	@mkdir -p $$(@D)
	$(abi.$(1).cc) $(GUEST_CFLAGS) -o $$@ $$<
endef

$(foreach abi,$(BENCH_ABIS),$(eval $(call BENCH_ABI_RULES,$(abi))))

bench-programs: bench-host $(foreach abi,$(BENCH_ABIS),\
	$(foreach p,$(BENCH_PROGRAMS),$(BUILD)/bench/$(abi)/bench-$(p)-$(abi)) \
	$(foreach p,$(BENCH_TRACEES),$(BUILD)/bench/$(abi)/tracee-$(p)-$(abi)))

# The make targets of the benchmark runs of guest $(1): bench-<arch>, and
# with ICOUNT bench-<arch>-icount.
bench-guest-runs = $(foreach m,$(BENCH_MODES),bench-$(1)$(if $(filter \
	icount,$(m)),-icount))

# Guest $(1): an initramfs with the benchmark programs instead of the tests,
# booted like the tests (qemu/boot.py); the JSON each program prints on the
# console is cut out of the log (bench/report/collect.py). BENCH_KERNEL=DIR
# boots the kernel already built in DIR (the guest's kbuild output
# directory) instead of building the guest's own; a % in DIR stands for the
# guest's name (BENCH_KERNEL=../main/build/%/kernel).
define BENCH_GUEST_RULES
$(BUILD)/$(1)/bench.cpio: qemu/make-initramfs.sh \
		bench/scripts/strace-files.sh \
		$(GEN_INIT_CPIO) $(BUILD)/$(1)/init $(BUILD)/$(1)/guest-info \
		$(call bench-guest-programs,$(1)) \
		$(call bench-guest-tracees,$(1)) $(call bench-guest-stracy,$(1)) \
		$(call bench-guest-strace,$(1))
	@echo "  CPIO    $$@"
	@qemu/make-initramfs.sh $$@ $(GEN_INIT_CPIO) $(BUILD)/$(1)/init \
		$(BUILD)/$(1)/guest-info $$(call bench-guest-files,$(1)) \
		$(call bench-guest-programs,$(1))

$(eval $(call BENCH_GUEST_RUN,$(1),))
$(eval $(call BENCH_GUEST_RUN,$(1),-icount,$(BENCH_ICOUNT)))
endef

# One benchmark run of guest $(1), target bench-$(1)$(2), results in
# results/$(1)$(2); under QEMU -icount $(3) if given. With $(4), a place of
# guest $(1) with an initramfs of its own, $(BUILD)/$(4)/bench.cpio: the
# run is bench-$(4)$(2), results in results/$(4)$(2). It boots the
# guest's kernel (or BENCH_KERNEL's), unless $(5) names the place whose
# kernel it boots instead (x86_64-soxy, soxy/guest.mk): $(BUILD)/$(5)/kernel,
# made by kernel-$(5), never BENCH_KERNEL.
define BENCH_GUEST_RUN
$(eval $(call BENCH_RUN_RULE,$(1),$(2),$(3),$(or $(4),$(1)),$(strip \
	$(if $(5),$(BUILD)/$(5)/kernel,$(subst %,$(1),$(BENCH_KERNEL)))),$(strip \
	$(if $(5),kernel-$(5),$(if $(BENCH_KERNEL),,kernel-$(1))))))
endef

# BENCH_GUEST_RUN for place $(4), booting the kernel built in $(5) (empty:
# the guest's own) that make target $(6) (if any) builds. The watchdog is
# BENCH_TIMEOUT, or BENCH_TIMEOUT.<place> for a place that takes longer
# (set before the place's rules).
define BENCH_RUN_RULE
.PHONY: bench-$(4)$(2)

bench-$(4)$(2): $(6) $(BUILD)/$(4)/bench.cpio
	@rm -rf $(BUILD)/bench/results/$(4)$(2)
	@mkdir -p $(BUILD)/bench/results/$(4)$(2)
	@echo "  BENCH   $(4) guest$(if $(3), (-icount $(3))):" \
		"waiting for $(GUEST_LOCK)"
	@$(BENCH_RUN) python3 qemu/boot.py \
		$(call boot-args,$(1),$(BUILD)/$(4)/bench.cpio,$(5)) \
		--cpus $(BENCH_CPUS) \
		--append "$(BENCH_ENV)" --show '$(BENCH_PROGRESS)' \
		--timeout $(or $(BENCH_TIMEOUT.$(4)),$(BENCH_TIMEOUT)) \
		--log $(BUILD)/$(4)/bench$(2).log -- \
		$(guest.$(1).qemu_args) $(if $(3),-icount $(3))
	@$(BENCH_COLLECT) guest $(BUILD)/$(4)/bench$(2).log \
		$(BUILD)/bench/results/$(4)$(2) --arch $(4) \
		--qemu $(guest.$(1).qemu) $(if $(KVM),--kvm) \
		$(if $(3),--icount $(3)) --env "$(BENCH_ENV)"
endef

$(foreach arch,$(ARCHES),$(eval $(call BENCH_GUEST_RULES,$(arch))))
