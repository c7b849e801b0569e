#!/bin/sh
# fetch-debs.sh DEBIAN_ARCH SYSROOT PACKAGE...
#
# Unpacks Debian packages of another architecture into SYSROOT, for the
# guest programs that need a library the cross toolchains lack (libcap for
# the kernel's seccomp selftests). The system's apt set-up is not touched:
# the package lists and the downloads of DEBIAN_ARCH live beside SYSROOT,
# in SYSROOT.apt/. When the stamp SYSROOT/.packages says these packages are
# unpacked already, only the stamp is touched.
set -eu

arch=$1
sysroot=$2
shift 2

stamp=$sysroot/.packages
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$*" ]; then
	touch "$stamp"
	exit 0
fi

. "$(dirname "$0")/private-apt.sh"
private_apt_init "$sysroot.apt" APT::Architecture="$arch" APT::Architectures="$arch"

echo "  DEBS    $arch: $*" >&2
private_apt_update "DEBS    $arch:"
rm -f "$apt_dir"/debs/*.deb
private_apt_run download "$@"
rm -rf "$sysroot"
mkdir -p "$sysroot"
for deb in "$apt_dir"/debs/*.deb; do
	dpkg -x "$deb" "$sysroot"
done
echo "$*" >"$stamp"
