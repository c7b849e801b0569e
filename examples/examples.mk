# The example tracers of examples/, for the host: build/examples/<name>,
# each from examples/<name>.c and common.c, linked with the host library.
# They include <tracy.h> as a user would, from the library's directory.

EXAMPLES         := iolog jail
EXAMPLES_CFLAGS  := $(HOST_CFLAGS) -Ilibtracy-fast
EXAMPLES_SOURCES := examples/common.c examples/common.h

# $(1): the output directory, $(2): the compiler and its flags, $(3): the
# library.
define EXAMPLE_RULES
$(1)/%: examples/%.c $(EXAMPLES_SOURCES) $(3)
	@mkdir -p $$(@D)
	nice -n 19 $(2) -o $$@ $$(filter %.c %.a,$$^)
endef

$(eval $(call EXAMPLE_RULES,$(BUILD)/examples,$(CC) $(EXAMPLES_CFLAGS),\
	$(BUILD)/lib/host/libtracy-fast.a))

EXAMPLE_PROGRAMS := $(addprefix $(BUILD)/examples/,$(EXAMPLES))

.PHONY: examples
examples: $(EXAMPLE_PROGRAMS)

# make test-host runs examples/test_examples.py on them.
test-host: $(EXAMPLE_PROGRAMS)
