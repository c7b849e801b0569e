# The few files of the kernel source that the host's programs need, taken
# from the tarball without the series: the syscall .tbl files and the
# uapi headers the syscall tables are generated from (arch/syscalls.mk),
# and kselftest's headers (selftests/selftests.mk). Extracting them takes
# seconds where the patched tree (qemu/prepare-source.sh) takes minutes,
# so the host's library needs no kernel tree (the ptrace selftests do: they
# build with its uapi headers); none of these files is touched by the
# series.
#
# Each .mk adds the paths it needs, relative to the top of the source, to
# LINUX_FILES_WANTED; the tarball's Makefile (the kernel version) always
# comes along.

LINUX_FILES := $(BUILD)/linux-files
LINUX_FILES_LIST := $(BUILD)/linux-files.list

.PHONY: linux-files

# The list is rewritten only when it changes, so that a new path extracts
# again and an unchanged one costs nothing. Its draft has a name of its
# own per make: the sub-makes of make install INSTALL_ABI= run this rule
# side by side (selftests/tracy-compat/tracy-compat.mk).
linux-files: $(LINUX_FILES)/.extracted
$(LINUX_FILES_LIST): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' Makefile $(sort $(LINUX_FILES_WANTED)) >$@.$$$$ && \
	{ cmp -s $@.$$$$ $@ && rm $@.$$$$ || mv $@.$$$$ $@; }

# The tarball's top folder (linux-source-6.12/) is left out.
$(LINUX_FILES)/.extracted: $(LINUX_FILES_LIST) $(LINUX_TARBALL)
	@echo "  EXTRACT $(LINUX_TARBALL) -> $(LINUX_FILES)"
	@rm -rf $(LINUX_FILES) && mkdir -p $(LINUX_FILES)
	@nice -n 10 tar -xJf $(LINUX_TARBALL) -C $(LINUX_FILES) \
		--strip-components=1 --no-wildcards-match-slash --wildcards \
		$(foreach file,Makefile $(sort $(LINUX_FILES_WANTED)),'*/$(file)')
	@touch $@

.PHONY: FORCE
FORCE:
