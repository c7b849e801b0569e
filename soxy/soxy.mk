# soxy: build/soxy/soxy, a tool on the public API of libtracy-fast
# (<tracy.h>, linked with the host's libtracy-fast.a, and the code the
# example tracers share, examples/common.c), its man page, and
# its tests (soxy/test_soxy.py, run by make test-host with the programs
# they need: a static client for the host and, where the host runs a
# 32-bit ABI, for that ABI, and a static program that resolves a name).

SOXY_DIR     := $(BUILD)/soxy
SOXY         := $(SOXY_DIR)/soxy
SOXY_SOURCES := $(wildcard soxy/*.c soxy/*.h) $(EXAMPLES_SOURCES)
SOXY_CFLAGS  := $(HOST_CFLAGS) -Ilibtracy-fast -Iexamples
# The Debian packages of the servers and clients the tests run.
SOXY_NEEDS   := microsocks=microsocks /usr/sbin/danted=dante-server \
	proxychains4=proxychains4 curl=curl
SOXY_COMPAT_ABI := $(libtracy-compat-abi.$(LIBTRACY_HOST_ARCH))
SOXY_CLIENTS := $(SOXY_DIR)/soxy-client \
	$(if $(SOXY_COMPAT_ABI),$(SOXY_DIR)/soxy-client-$(SOXY_COMPAT_ABI))

$(SOXY): $(SOXY_SOURCES) $(BUILD)/lib/host/libtracy-fast.a
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(SOXY_CFLAGS) -o $@ $(filter %.c %.a,$^)

$(SOXY_DIR)/soxy-client: soxy/tests/client.c
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(HOST_CFLAGS) -static -o $@ $<

$(SOXY_DIR)/soxy-client-%: soxy/tests/client.c
	@mkdir -p $(@D)
	nice -n 19 $(abi.$*.cc) $(GUEST_CFLAGS) -o $@ $<

# The static program of the --dns test: the C library's resolver.
$(SOXY_DIR)/soxy-resolve: soxy/tests/resolve.c
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(HOST_CFLAGS) -static -o $@ $< -lresolv

.PHONY: soxy
soxy: $(SOXY)

$(eval $(call PROGRAM_INSTALL_RULES,soxy,$(SOXY),soxy/soxy.1))

HOST_CHECKS += "python3 soxy/test_soxy.py $(SOXY_DIR)"
test-host: $(SOXY) $(SOXY_CLIENTS) $(SOXY_DIR)/soxy-resolve

.PHONY: clean-soxy
clean: clean-soxy
clean-soxy:
	rm -rf $(SOXY_DIR) $(SOXY_GUEST_DIR)

# make soxy-bench: soxy/bench.py's table for this machine (README.md has
# one); the client is dynamic, for proxychains4.
$(SOXY_DIR)/soxy-bench-client: soxy/tests/bench-client.c
	@mkdir -p $(@D)
	nice -n 19 $(CC) $(HOST_CFLAGS) -o $@ $<

.PHONY: soxy-bench
soxy-bench: $(SOXY) $(SOXY_DIR)/soxy-bench-client
	python3 soxy/bench.py $(SOXY_DIR)
include soxy/guest.mk
