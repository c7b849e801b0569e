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

apt_dir=$(realpath -m "$tarball.apt")
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
	"$apt_dir/debs" "$(dirname "$tarball")"
# The first Debian mirror of the system's lists, one-line or deb822 form.
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	     /etc/apt/sources.list.d/*.sources 2>/dev/null |
	 sed -n -e 's|^deb \(\[[^]]*\] \)\{0,1\}\(https\{0,1\}://[^ ]*/debian/\{0,1\}\) .*|\2|p' \
		-e 's|^URIs: \(https\{0,1\}://[^ ]*/debian/\{0,1\}\)$|\1|p' | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror unstable main" \
	>"$apt_dir/sources.list"
apt="apt-get -q -o Dir::Etc::SourceList=$apt_dir/sources.list \
	-o Dir::Etc::SourceParts=/dev/null \
	-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache"

echo "  FETCH   linux-source-$version (Debian unstable, $mirror)" >&2
# A mirror in the middle of a sync fails one index now and then.
for attempt in 1 2 3; do
	$apt update >"$apt_dir/update.log" 2>&1 && break
	echo "  FETCH   apt-get update failed (attempt $attempt)" >&2
	sleep 5
done
rm -f "$apt_dir"/debs/*.deb
(cd "$apt_dir/debs" && $apt download "linux-source-$version") \
	>"$apt_dir/download.log" 2>&1 || {
	cat "$apt_dir/update.log" "$apt_dir/download.log" >&2
	echo "error: cannot download linux-source-$version" >&2
	exit 1
}
rm -rf "$apt_dir/root"
dpkg-deb -x "$apt_dir"/debs/linux-source-"$version"_*.deb "$apt_dir/root"
mv "$apt_dir/root/usr/src/linux-source-$version.tar.xz" "$tarball"
rm -rf "$apt_dir/root" "$apt_dir"/debs/*.deb
