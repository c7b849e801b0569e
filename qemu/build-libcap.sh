#!/bin/sh
# build-libcap.sh CC SYSROOT
#
# libcap for the kernel's seccomp selftests, built from Debian's source
# with the cross compiler CC, for a Debian architecture that the system's
# suites have no packages of (riscv64 in Debian 12): what fetch-debs.sh
# unpacks for the others, libcap.a and <sys/capability.h>, in SYSROOT.
# The source comes through a list of the system's own suite, beside
# SYSROOT (SYSROOT.src/); the system's apt set-up is not touched.
set -eu

cc=$1
sysroot=$2
stamp=$sysroot/.packages

[ -f "$stamp" ] && [ "$(cat "$stamp")" = "libcap from source" ] &&
	{ touch "$stamp"; exit 0; }

src_dir=$(realpath -m "$sysroot.src")
mkdir -p "$src_dir/lists/partial" "$src_dir/cache/archives/partial" \
	"$src_dir/source"
. /etc/os-release
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
	"http://deb.debian.org/debian $VERSION_CODENAME main" \
	>"$src_dir/sources.list"
apt="apt-get -q -o Dir::State::Lists=$src_dir/lists -o Dir::Cache=$src_dir/cache \
	-o Dir::Etc::SourceList=$src_dir/sources.list -o Dir::Etc::SourceParts=/nonexistent"

echo "  LIBCAP  $sysroot: from Debian's source, with $cc" >&2
$apt update >"$src_dir/update.log" 2>&1 || {
	cat "$src_dir/update.log" >&2
	exit 1
}
# The version of the suite's Sources, not the one installed on the host.
version=$(/usr/lib/apt/apt-helper cat-file "$src_dir"/lists/*_Sources* |
	awk '/^Package: / { p = $2 } p == "libcap2" && /^Version: / { print $2; exit }')
rm -rf "$src_dir/source" && mkdir -p "$src_dir/source"
(cd "$src_dir/source" && $apt source --download-only "libcap2=$version") \
	>"$src_dir/download.log" 2>&1 || {
	cat "$src_dir/download.log" >&2
	exit 1
}
tar -C "$src_dir/source" -xf "$src_dir"/source/libcap2_*.orig.tar.*
tree=$(echo "$src_dir"/source/libcap-*/)
make -s -C "$tree/libcap" CC="$cc" BUILD_CC=gcc \
	AR="$("$cc" -print-prog-name=ar)" RANLIB="$("$cc" -print-prog-name=ranlib)" \
	libcap.a >"$src_dir/build.log" 2>&1 || {
	cat "$src_dir/build.log" >&2
	exit 1
}

triple=$("$cc" -dumpmachine)
rm -rf "$sysroot"
mkdir -p "$sysroot/usr/lib/$triple" "$sysroot/usr/include/sys"
cp "$tree/libcap/libcap.a" "$sysroot/usr/lib/$triple/"
cp "$tree/libcap/include/sys/capability.h" "$sysroot/usr/include/sys/"
echo "libcap from source" >"$stamp"
