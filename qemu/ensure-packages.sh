#!/bin/sh
# ensure-packages.sh NEED...
#
# Each NEED is TOOL=PACKAGE: TOOL is a command on PATH or an absolute
# path to a file, and PACKAGE is the Debian package that provides it.
# Missing tools are named with their packages. As root, the missing
# packages are installed with apt-get; otherwise the exact apt-get line
# is printed and the script fails.
set -eu

missing_packages=
for need in "$@"; do
	tool=${need%%=*}
	package=${need#*=}
	case $tool in
	/*) [ -e "$tool" ] && continue ;;
	*) command -v "$tool" >/dev/null 2>&1 && continue ;;
	esac
	echo "missing: $tool (Debian package $package)" >&2
	case " $missing_packages " in
	*" $package "*) ;;
	*) missing_packages="$missing_packages $package" ;;
	esac
done

[ -z "$missing_packages" ] && exit 0

install="apt-get install -y --no-install-recommends$missing_packages"
if [ "$(id -u)" != 0 ]; then
	echo "As root, run: apt-get update && $install" >&2
	exit 1
fi
echo "Installing:$missing_packages" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet.
apt-get update -q >&2
$install >&2
