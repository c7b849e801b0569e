#!/bin/sh
# build.sh CC DESTDIR PREFIX BUILD PROGRAM.c OUTPUT
#
# Builds one Tracy-style program of this directory as a Tracy user builds
# it, against libtracy-fast installed by `make install PREFIX=PREFIX
# DESTDIR=DESTDIR`: nothing but the flags of that install's pkg-config
# file and Tracy's own compiler flags (soxy's -std=c99 -pedantic
# -D_POSIX_SOURCE -D_GNU_SOURCE; verbose.c is strict C89 with no feature
# macro), warnings as errors. BUILD says how it links:
#   pkgconfig         pkg-config --cflags --libs libtracy-fast
#   pkgconfig-static  pkg-config --static --cflags --libs, and -static
#   ltracy            Tracy's -ltracy, after --cflags and --libs-only-L
#   ltracy-static     the same, -static
# CC may be a cross compiler with an install of its ABI (make install
# INSTALL_ABI=...): pkg-config sees only that install's .pc files, with
# DESTDIR as its sysroot, as in any cross build. Prints the command.
# run.py builds the host's programs with it, and
# selftests/tracy-compat/tracy-compat.mk the guests'.
set -eu

if [ $# -ne 6 ]; then
	echo "usage: build.sh CC DESTDIR PREFIX BUILD PROGRAM.c OUTPUT" >&2
	exit 2
fi
cc=$1 root=$2 prefix=$3 build=$4 source=$5 output=$6

PKG_CONFIG_LIBDIR=$root$prefix/lib/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$root
export PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
unset PKG_CONFIG_PATH

case $(basename "$source" .c) in
verbose) dialect="-std=c89 -pedantic" ;;
*) dialect="-std=c99 -pedantic -D_POSIX_SOURCE -D_GNU_SOURCE" ;;
esac

static=
case $build in
pkgconfig) link=$(pkg-config --cflags --libs libtracy-fast) ;;
pkgconfig-static)
	static=-static
	link=$(pkg-config --static --cflags --libs libtracy-fast) ;;
ltracy) link="$(pkg-config --cflags --libs-only-L libtracy-fast) -ltracy" ;;
ltracy-static)
	static=-static
	link="$(pkg-config --cflags --libs-only-L libtracy-fast) -ltracy" ;;
*) echo "build.sh: no build '$build'" >&2; exit 2 ;;
esac

# Word splitting of the flags is wanted: pkg-config's output is a list.
# shellcheck disable=SC2086
set -- "$cc" $static $dialect -Wall -Wextra -Werror -o "$output" "$source" \
	$link
echo "$@"
exec "$@"
