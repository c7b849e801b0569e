#!/bin/sh
# get-benchmark-source.sh DIR [PACKAGE]
#
# Unpacks Debian's source package of Google Benchmark (by default
# "benchmark", the one the host's libbenchmark-dev is built from) into
# DIR/tree, for the static libraries of the guests (bench/benchmark.mk).
# The system's apt set-up is not touched: the deb-src line, the package
# lists and the downloads live in DIR/apt/. The suite is the host's own
# (VERSION_CODENAME of /etc/os-release), so host and guests run the same
# Google Benchmark. When DIR/tree/.version exists, nothing is done.
set -eu

dir=$(realpath -m "$1")
package=${2:-benchmark}

[ -f "$dir/tree/.version" ] && exit 0

. /etc/os-release
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
apt_dir=$dir/apt
rm -rf "$dir"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
	"$apt_dir/source"
echo "deb-src $mirror $VERSION_CODENAME main" >"$apt_dir/sources.list"
apt="apt-get -q -o Dir::Etc::SourceList=$apt_dir/sources.list \
	-o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$apt_dir/lists \
	-o Dir::Cache=$apt_dir/cache"

echo "  SOURCE  $package ($VERSION_CODENAME)" >&2
# A mirror in the middle of a sync fails one index now and then: try again.
for attempt in 1 2 3; do
	$apt update >"$apt_dir/update.log" 2>&1 && break
	echo "  SOURCE  apt-get update failed (attempt $attempt)" >&2
	sleep 5
done
# apt-get source checks the files against the signed Sources index, then
# unpacks them with dpkg-source (Debian's patches applied) in the current
# directory.
(cd "$apt_dir/source" && $apt source "$package") >"$apt_dir/source.log" 2>&1 || {
	cat "$apt_dir/update.log" "$apt_dir/source.log" >&2
	echo "error: cannot get the source package $package" >&2
	exit 1
}
tree=$(find "$apt_dir/source" -mindepth 1 -maxdepth 1 -type d)
version=$(sed -n 's/^Version: //p' "$apt_dir"/source/*.dsc)
mv "$tree" "$dir/tree"
echo "$package $version" >"$dir/tree/.version"
