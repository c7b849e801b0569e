# selftests/tracy-compat: Tracy-style programs, built as Tracy's users
# build them (build.sh: an installed libtracy-fast and its pkg-config
# file), and runner.c, which runs them on every backend and checks what
# they do.
#
# On the host, make test-host runs run.py: it installs the host library
# into a scratch DESTDIR, builds the programs four ways there and runs
# the host's runner ($(BUILD)/progs/host/tracy-compat, a selftest of
# selftests.mk) on them.
#
# For every guest ABI, `make install INSTALL_ABI=<abi>` puts the library
# of that ABI into $(BUILD)/tracy-compat/<abi>/root (PREFIX /usr/local),
# and the programs are built from it, static as every guest program
# (pkgconfig-static), with tracee.c beside them. A guest carries them for
# each ABI it runs in /tracy-compat/<abi>/ (guest-files), where the
# runner of that ABI, /bin/tracy-compat-<abi>, one of its test programs,
# finds them.

TRACY_COMPAT_DIR    := selftests/tracy-compat
# Every .c of the directory but the tracee and the runner.
TRACY_COMPAT_PROGRAMS := $(filter-out tracee runner,\
	$(basename $(notdir $(wildcard $(TRACY_COMPAT_DIR)/*.c))))
TRACY_COMPAT_BUILD  := pkgconfig-static
TRACY_COMPAT_PREFIX := /usr/local

tracy-compat-root = $(BUILD)/tracy-compat/$(1)/root
tracy-compat-pc   = $(call tracy-compat-root,$(1))$(TRACY_COMPAT_PREFIX)/lib/pkgconfig/libtracy-fast.pc
# The files of ABI $(1) a guest carries, as DEST=SRC.
tracy-compat-files = $(foreach f,tracee \
	$(addsuffix -$(TRACY_COMPAT_BUILD),$(TRACY_COMPAT_PROGRAMS)),\
	/tracy-compat/$(1)/$(f)=$(BUILD)/tracy-compat/$(1)/$(f))

# $(1): the ABI. The .pc file stands for the whole install, which make
# does as anyone would, by make install (its output in install.log).
define TRACY_COMPAT_RULES
$(call tracy-compat-pc,$(1)): $(BUILD)/lib/$(1)/libtracy-fast.a \
		$(LIBTRACY_PUBLIC_HEADERS) libtracy-fast/libtracy-fast.pc.in \
		libtracy-fast/install.mk
	@echo "  INSTALL libtracy-fast ($(1)) -> $(call tracy-compat-root,$(1))"
	@rm -rf $(call tracy-compat-root,$(1))
	@mkdir -p $(BUILD)/tracy-compat/$(1) && \
	$$(MAKE) --no-print-directory install INSTALL_ABI=$(1) \
		PREFIX=$(TRACY_COMPAT_PREFIX) \
		DESTDIR=$(abspath $(call tracy-compat-root,$(1))) \
		>$(BUILD)/tracy-compat/$(1)/install.log 2>&1 || \
		{ cat $(BUILD)/tracy-compat/$(1)/install.log; exit 1; }

$(BUILD)/tracy-compat/$(1)/%-$(TRACY_COMPAT_BUILD): $(TRACY_COMPAT_DIR)/%.c \
		$(call tracy-compat-pc,$(1)) $(TRACY_COMPAT_DIR)/build.sh
	@nice -n 19 $(TRACY_COMPAT_DIR)/build.sh $(abi.$(1).cc) \
		$(abspath $(call tracy-compat-root,$(1))) $(TRACY_COMPAT_PREFIX) \
		$(TRACY_COMPAT_BUILD) $$< $$@

$(BUILD)/tracy-compat/$(1)/tracee: $(TRACY_COMPAT_DIR)/tracee.c
	@mkdir -p $$(@D)
	$(abi.$(1).cc) $(GUEST_CFLAGS) -o $$@ $$<
endef
$(foreach abi,$(GUEST_ABIS),$(eval $(call TRACY_COMPAT_RULES,$(abi))))

# make test-host: run.py and the host's runner.
HOST_CHECKS += "python3 $(TRACY_COMPAT_DIR)/run.py --build $(BUILD) \
	--runner $(BUILD)/progs/host/tracy-compat"
test-host: $(BUILD)/progs/host/tracy-compat

.PHONY: clean-tracy-compat
clean: clean-tracy-compat
clean-tracy-compat:
	rm -rf $(BUILD)/tracy-compat
