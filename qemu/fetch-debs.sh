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

apt_dir=$(realpath -m "$sysroot.apt")
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
	"$apt_dir/debs"
apt="apt-get -q -o APT::Architecture=$arch -o APT::Architectures=$arch \
	-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache"

echo "  DEBS    $arch: $*" >&2
# A mirror in the middle of a sync fails one index now and then: try again,
# and go on with what was fetched; the download says if a package is missing.
for attempt in 1 2 3; do
	$apt update >"$apt_dir/update.log" 2>&1 && break
	echo "  DEBS    $arch: apt-get update failed (attempt $attempt)" >&2
	sleep 5
done
rm -f "$apt_dir"/debs/*.deb
# apt-get download writes to the current directory.
(cd "$apt_dir/debs" && $apt download "$@") >"$apt_dir/download.log" 2>&1 || {
	cat "$apt_dir/update.log" "$apt_dir/download.log" >&2
	echo "error: cannot download $* for $arch" >&2
	exit 1
}
rm -rf "$sysroot"
mkdir -p "$sysroot"
for deb in "$apt_dir"/debs/*.deb; do
	dpkg -x "$deb" "$sysroot"
done
echo "$*" >"$stamp"
