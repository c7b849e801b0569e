# selftests/tracy-compat: Tracy-style programs, built as Tracy's users
# build them (build.sh: an installed libtracy-fast and its pkg-config
# file), and runner.c, which runs them on every backend and checks what
# they do.
#
# make test-host runs run.py: it installs the host library into a
# scratch DESTDIR, builds the programs four ways there and runs the
# host's build of the runner ($(BUILD)/progs/host/tracy-compat, built as
# a selftest of selftests.mk) on them.

$(eval $(call HOST_SELFTEST_RULES,tracy-compat))
HOST_CHECKS += "python3 selftests/tracy-compat/run.py --build $(BUILD) \
	--runner $(BUILD)/progs/host/tracy-compat"
test-host: $(BUILD)/progs/host/tracy-compat
