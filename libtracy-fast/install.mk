# make install / make uninstall: the host's libtracy-fast, its header,
# pkg-config file and man pages under $(DESTDIR)$(PREFIX).
#
# PREFIX is what the installed files know themselves by (the .pc file's
# paths); DESTDIR only moves them, for packages and tests. LIBDIR,
# INCLUDEDIR, MANDIR and PKGCONFIGDIR override the parts.
#
# INSTALL_ABI=<a guest ABI> installs that ABI's library instead, for
# cross builds of tracers (a sysroot in DESTDIR): the static library
# only, as the guests have no shared one, with the same headers, .pc
# file and man pages; the host's programs (stracy, soxy) stay out.
# selftests/tracy-compat/tracy-compat.mk builds the guests' Tracy-style
# programs from such installs.
#
# Tracy's programs include "tracy.h", <tracy.h> or <tracy/tracy.h>, with
# its ll.h and tracyarch.h beside it, and link with -ltracy. So that a
# real Tracy can be installed next to us, none of that takes a name of
# its: the headers go to INCLUDEDIR/libtracy-fast/tracy/, and the .pc
# file's -I flags find them by all three spellings; -ltracy finds
# libtracy.so and libtracy.a, links to our libraries, in
# LIBDIR/libtracy-fast/, which the .pc file's -L puts first. A program
# linked through the alias needs libtracy-fast.so.0, our SONAME.

INSTALL_ABI  ?= host
$(if $(filter-out 1,$(words $(filter host $(LIBTRACY_ABIS),$(INSTALL_ABI)))),\
	$(error INSTALL_ABI='$(INSTALL_ABI)': use host or one of: $(LIBTRACY_ABIS)))
PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
MANDIR       ?= $(PREFIX)/share/man
BINDIR       ?= $(PREFIX)/bin
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
TRACY_INCLUDEDIR := $(INCLUDEDIR)/libtracy-fast
TRACY_ALIASDIR   := $(LIBDIR)/libtracy-fast

# A path of the .pc file, relative to ${prefix} where it is under PREFIX,
# so that pkg-config --define-prefix can move it.
pc-path = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

LIBTRACY_MAN3 := $(sort $(wildcard libtracy-fast/man/*.3))
LIBTRACY_MAN7 := $(sort $(wildcard libtracy-fast/man/*.7))

# The names the NAME section of man page $(1) documents.
man-names = $(shell sed -n '/^\.SH NAME/,/^\.SH [^N]/{/^\.SH/d;p}' $(1) | \
	tr '\n' ' ' | sed 's/\\-.*//; s/,/ /g')
# NAME:PAGE for every function documented in a page named after another:
# a page of its own that sources the shared one (.so).
LIBTRACY_MAN_LINKS = $(foreach page,$(LIBTRACY_MAN3),\
	$(addsuffix :$(notdir $(page)),$(filter-out $(basename $(notdir $(page))),\
		$(call man-names,$(page)))))

# The dynamic linker finds a library in PREFIX/lib through its cache.
ldconfig-if-root = @if [ "$$(id -u)" = 0 ]; then ldconfig; fi

LIBTRACY_INSTALLED_LIBS := libtracy-fast.a $(LIBTRACY_SO) $(LIBTRACY_SONAME) \
	libtracy-fast.so

# The host's install has the shared library too (and its -ltracy alias),
# and the host's programs.
LIBTRACY_INSTALL_LIB    := $(BUILD)/lib/$(INSTALL_ABI)
LIBTRACY_INSTALL_HOST   := $(filter host,$(INSTALL_ABI))

.PHONY: install uninstall
install: $(LIBTRACY_INSTALL_LIB)/libtracy-fast.a \
		$(if $(LIBTRACY_INSTALL_HOST),$(BUILD)/lib/host/libtracy-fast.so) \
		libtracy-fast/libtracy-fast.pc.in $(LIBTRACY_PUBLIC_HEADERS)
	install -d $(DESTDIR)$(TRACY_INCLUDEDIR)/tracy $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(TRACY_ALIASDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man3 \
		$(DESTDIR)$(MANDIR)/man7
	install -m 644 $(LIBTRACY_PUBLIC_HEADERS) \
		$(DESTDIR)$(TRACY_INCLUDEDIR)/tracy/
	install -m 644 $(LIBTRACY_INSTALL_LIB)/libtracy-fast.a $(DESTDIR)$(LIBDIR)/
	ln -sfn ../libtracy-fast.a $(DESTDIR)$(TRACY_ALIASDIR)/libtracy.a
ifneq ($(LIBTRACY_INSTALL_HOST),)
	install -m 755 $(BUILD)/lib/host/$(LIBTRACY_SO) $(DESTDIR)$(LIBDIR)/
	ln -sfn $(LIBTRACY_SO) $(DESTDIR)$(LIBDIR)/$(LIBTRACY_SONAME)
	ln -sfn $(LIBTRACY_SONAME) $(DESTDIR)$(LIBDIR)/libtracy-fast.so
	ln -sfn ../libtracy-fast.so $(DESTDIR)$(TRACY_ALIASDIR)/libtracy.so
endif
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc-path,$(LIBDIR))|' \
		-e 's|@INCLUDEDIR@|$(call pc-path,$(INCLUDEDIR))|' \
		-e 's|@VERSION@|$(LIBTRACY_VERSION)|' \
		libtracy-fast/libtracy-fast.pc.in \
		> $(DESTDIR)$(PKGCONFIGDIR)/libtracy-fast.pc
	install -m 644 $(LIBTRACY_MAN3) $(DESTDIR)$(MANDIR)/man3/
	install -m 644 $(LIBTRACY_MAN7) $(DESTDIR)$(MANDIR)/man7/
	@for link in $(LIBTRACY_MAN_LINKS); do \
		echo ".so man3/$${link#*:}" \
			> $(DESTDIR)$(MANDIR)/man3/$${link%%:*}.3 || exit 1; \
	done
	@echo "installed libtracy-fast $(LIBTRACY_VERSION) ($(INSTALL_ABI)) in $(DESTDIR)$(PREFIX)"
	$(if $(DESTDIR),,$(ldconfig-if-root))

uninstall:
	rm -f $(addprefix $(DESTDIR)$(TRACY_INCLUDEDIR)/tracy/,\
			$(notdir $(LIBTRACY_PUBLIC_HEADERS))) \
		$(DESTDIR)$(TRACY_ALIASDIR)/libtracy.so \
		$(DESTDIR)$(TRACY_ALIASDIR)/libtracy.a \
		$(addprefix $(DESTDIR)$(LIBDIR)/,$(LIBTRACY_INSTALLED_LIBS)) \
		$(DESTDIR)$(PKGCONFIGDIR)/libtracy-fast.pc \
		$(addprefix $(DESTDIR)$(MANDIR)/man3/,$(notdir $(LIBTRACY_MAN3))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(LIBTRACY_MAN7))) \
		$(foreach link,$(LIBTRACY_MAN_LINKS),\
			$(DESTDIR)$(MANDIR)/man3/$(firstword $(subst :, ,$(link))).3)
	-rmdir $(DESTDIR)$(TRACY_INCLUDEDIR)/tracy $(DESTDIR)$(TRACY_INCLUDEDIR) \
		$(DESTDIR)$(TRACY_ALIASDIR) 2>/dev/null
	$(if $(DESTDIR),,$(ldconfig-if-root))

# make test-host: the exports and man pages (selftests/package/api.py),
# and make install into a scratch DESTDIR used through pkg-config
# (selftests/package/install.py); selftests/tracy-compat/tracy-compat.mk
# adds Tracy-style programs built from such an install.
HOST_CHECKS += \
	"python3 selftests/package/api.py --cc $(CC) --lib-dir $(BUILD)/lib/host" \
	"python3 selftests/package/install.py --build $(BUILD)"
test-host: $(BUILD)/lib/host/libtracy-fast.a $(BUILD)/lib/host/libtracy-fast.so

# The rules that install and uninstall program $(1), built as $(2), with
# its man page $(3) in section 1, beside the host's library: the
# project's tools (stracy, soxy) each call it once.
define PROGRAM_INSTALL_RULES
.PHONY: install-$(1) uninstall-$(1)
$(if $(LIBTRACY_INSTALL_HOST),install: install-$(1))
install-$(1): $(2) $(3)
	install -d $$(DESTDIR)$$(BINDIR) $$(DESTDIR)$$(MANDIR)/man1
	install -m 755 $(2) $$(DESTDIR)$$(BINDIR)/$(1)
	install -m 644 $(3) $$(DESTDIR)$$(MANDIR)/man1/$(1).1

$(if $(LIBTRACY_INSTALL_HOST),uninstall: uninstall-$(1))
uninstall-$(1):
	rm -f $$(DESTDIR)$$(BINDIR)/$(1) $$(DESTDIR)$$(MANDIR)/man1/$(1).1
endef
