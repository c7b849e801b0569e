#!/bin/sh
# fetch-source.sh VERSION TARBALL
#
# Makes TARBALL the Linux source tarball of Debian's linux-source-VERSION,
# for kernels Debian 12 itself does not ship (mainline: 7.2 from the
# unstable suite). The package is downloaded with a private apt list and
# unpacked with dpkg-deb -x beside TARBALL, in TARBALL.apt/: nothing is
# installed, and the system's apt set-up is not touched. The mirror is the
# one the system uses for Debian. Nothing happens when TARBALL exists.
set -eu

version=$1
tarball=$2
[ -r "$tarball" ] && exit 0

mkdir -p "$(dirname "$tarball")"
. "$(dirname "$0")/private-apt.sh"
mirror=$(debian_mirror)
private_apt_init "$tarball.apt" \
	"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror unstable main"

echo "  FETCH   linux-source-$version (Debian unstable, $mirror)" >&2
private_apt_update FETCH
rm -f "$apt_dir"/debs/*.deb
private_apt_run download "linux-source-$version"
rm -rf "$apt_dir/root"
dpkg-deb -x "$apt_dir"/debs/linux-source-"$version"_*.deb "$apt_dir/root"
mv "$apt_dir/root/usr/src/linux-source-$version.tar.xz" "$tarball"
rm -rf "$apt_dir/root" "$apt_dir"/debs/*.deb
