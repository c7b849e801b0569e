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

. "$(dirname "$0")/private-apt.sh"
. /etc/os-release
private_apt_init "$sysroot.src" \
	"deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) $VERSION_CODENAME main"

echo "  LIBCAP  $sysroot: from Debian's source, with $cc" >&2
private_apt_update "LIBCAP  $sysroot:"
# The version of the suite's Sources, not the one installed on the host.
version=$(/usr/lib/apt/apt-helper cat-file "$apt_dir"/lists/*_Sources* |
	awk '/^Package: / { p = $2 } p == "libcap2" && /^Version: / { print $2; exit }')
[ -n "$version" ] || {
	cat "$apt_dir/update.log" >&2
	echo "error: no libcap2 in the lists of $VERSION_CODENAME's sources" >&2
	exit 1
}
rm -rf "$apt_dir/debs" && mkdir -p "$apt_dir/debs"
private_apt_run source --download-only "libcap2=$version"
tar -C "$apt_dir/debs" -xf "$apt_dir"/debs/libcap2_*.orig.tar.*
tree=$(echo "$apt_dir"/debs/libcap-*/)
make -s -C "$tree/libcap" CC="$cc" BUILD_CC=gcc \
	AR="$("$cc" -print-prog-name=ar)" RANLIB="$("$cc" -print-prog-name=ranlib)" \
	libcap.a >"$apt_dir/build.log" 2>&1 || {
	cat "$apt_dir/build.log" >&2
	exit 1
}

triple=$("$cc" -dumpmachine)
rm -rf "$sysroot"
mkdir -p "$sysroot/usr/lib/$triple" "$sysroot/usr/include/sys"
cp "$tree/libcap/libcap.a" "$sysroot/usr/lib/$triple/"
cp "$tree/libcap/include/sys/capability.h" "$sysroot/usr/include/sys/"
echo "libcap from source" >"$stamp"
