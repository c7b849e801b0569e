# The host tests of libtracy-fast under dynamic checkers: AddressSanitizer
# with UndefinedBehaviorSanitizer (make test-asan) and valgrind's memcheck
# (make test-valgrind). Each is a place of its own for testbed.results
# (host-asan, host-valgrind), so `make test` counts their results.
#
# What is checked is the tracer: the library, the test program that
# drives it, and the example tracers (examples/). The tracees are that
# test program run again with --tracee, or the commands the examples run:
# under valgrind they run natively (--trace-children=no: valgrind leaves
# a process at its execve), under ASan the test's tracee runs without a
# leak check at exit, which cannot work in a traced process (see main()
# of the test).

ASAN_DIR    := $(BUILD)/asan
ASAN_CFLAGS := $(LIBTRACY_CFLAGS) -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
# Any report ends the process with an error status; leaks are reports too.
ASAN_CHECKS := halt_on_error=1:detect_leaks=1:abort_on_error=0
ASAN_CHECKS := $(ASAN_CHECKS):detect_stack_use_after_return=1
ASAN_CHECKS := $(ASAN_CHECKS):strict_string_checks=1
ASAN_ENV := ASAN_OPTIONS=$(ASAN_CHECKS) \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

# Definite and indirect leaks are errors; memory still reachable at the
# exit of a forked test process (the harness's own) is not.
VALGRIND := valgrind --quiet --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --trace-children=no

# Other .mk files add quoted commands to ASAN_HOST_CHECKS (and their
# programs as prerequisites of test-asan), as HOST_CHECKS for test-host.
ASAN_HOST_CHECKS ?=

ASAN_LIB_OBJS := $(patsubst %.c,$(ASAN_DIR)/obj/%.o,\
	$(call libtracy-sources,$(LIBTRACY_HOST_ARCH)))
ASAN_TEST     := $(ASAN_DIR)/progs/libtracy

$(ASAN_DIR)/obj/%.o: %.c $(LIBTRACY_HEADERS)
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(ASAN_CFLAGS) $(PROJECT_INCLUDES) \
		$(call abi-cflags,$(HOST_ABI)) -c -o $@ $<

$(ASAN_DIR)/libtracy-fast.a: $(ASAN_LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(ASAN_TEST): $(call selftest-sources,libtracy) $(ASAN_DIR)/libtracy-fast.a \
		| linux-files
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(ASAN_CFLAGS) $(PROJECT_INCLUDES) \
		$(call abi-cflags,$(HOST_ABI)) -I$(KSFT_INCLUDE) -o $@ \
		$(filter %.c %.a,$^)

$(eval $(call EXAMPLE_RULES,$(ASAN_DIR)/examples,\
	$(CC) $(ASAN_CFLAGS) -Ilibtracy-fast,$(ASAN_DIR)/libtracy-fast.a))
ASAN_EXAMPLES := $(addprefix $(ASAN_DIR)/examples/,$(EXAMPLES))

# The test looks for the build of its 32-bit ABI next to itself; that
# one is a tracee only, built as usual.
ASAN_COMPAT_ABI := $(libtracy-compat-abi.$(LIBTRACY_HOST_ARCH))
ifneq ($(ASAN_COMPAT_ABI),)
ASAN_COMPAT := libtracy-$(ASAN_COMPAT_ABI)
$(ASAN_DIR)/progs/$(ASAN_COMPAT): \
		$(BUILD)/progs/$(ASAN_COMPAT_ABI)/$(ASAN_COMPAT)
	@mkdir -p $(@D)
	ln -sf $(abspath $<) $@
$(ASAN_TEST): | $(ASAN_DIR)/progs/$(ASAN_COMPAT)
endif

.PHONY: test-asan test-valgrind

test-asan: $(ASAN_TEST) $(ASAN_EXAMPLES)
	@mkdir -p $(BUILD)/results
	@$(ASAN_ENV) nice -n 19 python3 selftests/run-host.py \
		--place host-asan --results $(BUILD)/results/host-asan.json \
		$(ASAN_TEST) \
		"python3 examples/test_examples.py $(ASAN_DIR)/examples" \
		$(ASAN_HOST_CHECKS)

# Debian 12's valgrind (3.19) does not know pidfd_open, on which the
# kselftest harness of Linux 7.x waits for each test: under it every test
# would fail. The library test it checks is the one built against the LTS
# kernel's files (6.12), whose harness waits with waitpid.
ifeq ($(KERNEL_VERSION),$(LTS_VERSION))
VALGRIND_TEST := $(BUILD)/progs/host/libtracy
else
VALGRIND_TEST := $(call version-build,$(LTS_VERSION))/progs/host/libtracy
$(VALGRIND_TEST): FORCE
	@$(MAKE) --no-print-directory KERNEL_VERSION=$(LTS_VERSION) $@
endif

test-valgrind: $(VALGRIND_TEST) $(EXAMPLE_PROGRAMS)
	@mkdir -p $(BUILD)/results
	@EXAMPLES_WRAPPER="$(VALGRIND)" \
	nice -n 19 python3 selftests/run-host.py \
		--place host-valgrind \
		--results $(BUILD)/results/host-valgrind.json \
		"$(VALGRIND) $(VALGRIND_TEST)" \
		"python3 examples/test_examples.py $(BUILD)/examples"
