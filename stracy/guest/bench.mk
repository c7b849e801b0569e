# stracy's real workloads in the x86_64 guest, on the kernel's syscall
# masks: make -j2 of a C tree, a find walk and python3 start-up
# (stracy/bench.py), untraced and under stracy, strace -f and strace -f
# --seccomp-bpf (stracy/guest/bench-real.c). A place of its own,
# x86_64-stracy, which boots the x86_64 guest's kernel (or BENCH_KERNEL's)
# with an initramfs of its own: the host's make, gcc, find, python3 and
# strace with every file they use (stracy/bench_guest.py), bench.py's
# trees, and stracy. So only an x86_64 host has it. Not part of make
# bench, which it would make several times longer: make bench-stracy
# (bench/README.md).

ifeq ($(LIBTRACY_HOST_ARCH),x86_64)
STRACY_BENCH_GUEST := x86_64
STRACY_BENCH_PLACE := $(STRACY_BENCH_GUEST)-stracy
STRACY_BENCH_DIR   := $(BUILD)/$(STRACY_BENCH_PLACE)
STRACY_BENCH_ABI   := $(call guest-abi,$(STRACY_BENCH_GUEST))
# Named for its ABI, as the programs of bench/ are (collect.py reads it).
STRACY_BENCH       := $(STRACY_BENCH_DIR)/bench-real-$(STRACY_BENCH_ABI)
STRACY_BENCH_LIBS  := $(BUILD)/bench/$(STRACY_BENCH_ABI)/gbench.o \
	$(BUILD)/bench/$(STRACY_BENCH_ABI)/libbenchmark.a

$(STRACY_BENCH_DIR)/bench-real.o: stracy/guest/bench-real.c bench/shim/gbench.h
	@mkdir -p $(@D)
	$(abi.$(STRACY_BENCH_ABI).cc) $(BENCH_CFLAGS) -c -o $@ $<

$(STRACY_BENCH): $(STRACY_BENCH_DIR)/bench-real.o $(STRACY_BENCH_LIBS)
	$(abi.$(STRACY_BENCH_ABI).cxx) -static -o $@ $^ -pthread

# The trees, the workloads, and the --file options of everything they use
# (found by running them here: remade with the workloads of bench.py).
$(STRACY_BENCH_DIR)/input/files: stracy/bench.py stracy/bench_guest.py \
		bench/scripts/strace-files.sh
	@python3 stracy/bench_guest.py $(STRACY_BENCH_DIR)/input

$(STRACY_BENCH_DIR)/bench.cpio: $(call initramfs-inputs,$(STRACY_BENCH_GUEST)) \
		$(STRACY_BENCH_DIR)/input/files $(STRACY_BENCH) \
		$(BUILD)/stracy/$(STRACY_BENCH_ABI)/stracy
	@$(call pack-initramfs,$(STRACY_BENCH_GUEST),$@,\
		$$(cat $(STRACY_BENCH_DIR)/input/files) \
		--file /bin/stracy=$(BUILD)/stracy/$(STRACY_BENCH_ABI)/stracy \
		$(STRACY_BENCH))

# make test-host: what bench_guest.py finds on this machine.
HOST_CHECKS += "python3 stracy/test_bench_guest.py"

# make bench-x86_64-stracy[-icount]: the place by the wall clock or in
# guest instructions. It runs for half an hour or more (under icount,
# on a machine that also builds kernels: 45 min), past GUEST_TIMEOUT.
BENCH_TIMEOUT.$(STRACY_BENCH_PLACE) ?= 5400
$(eval $(call BENCH_GUEST_RUN,$(STRACY_BENCH_GUEST),,,$(STRACY_BENCH_PLACE)))
$(eval $(call BENCH_GUEST_RUN,$(STRACY_BENCH_GUEST),-icount,$(BENCH_ICOUNT),$(STRACY_BENCH_PLACE)))

# make bench-stracy: the place in guest instructions (repeatable whatever
# else the machine runs), then its table and plot.
STRACY_BENCH_RESULTS := $(BUILD)/bench/results/$(STRACY_BENCH_PLACE)-icount
.PHONY: bench-stracy
bench-stracy:
	@$(MAKE) --no-print-directory setup
	@status=0; $(MAKE) --no-print-directory \
		bench-$(STRACY_BENCH_PLACE)-icount || status=1; \
	$(BENCH_REPORT) --markdown $(BUILD)/bench/results/summary-stracy.md \
		--svg $(BUILD)/bench/results/overhead-stracy.svg \
		$(STRACY_BENCH_RESULTS) || status=1; \
	echo "  REPORT  $(BUILD)/bench/results/summary-stracy.md" \
		"$(BUILD)/bench/results/overhead-stracy.svg"; exit $$status
endif
