#!/bin/sh
# strace-files.sh [STRACE]
#
# Prints the make-initramfs.sh options that put the host's strace (default
# /usr/bin/strace) into a guest of the host's architecture: the program and
# every shared library ldd names, each at the path the dynamic loader will
# look for it. Debian's strace is dynamically linked, and a guest has no
# libraries of its own. Prints nothing when there is no strace to copy.
set -eu

strace=${1:-/usr/bin/strace}
[ -x "$strace" ] || exit 0
printf -- '--file %s=%s\n' "$strace" "$strace"
# "name => /path (addr)", "/path (addr)"; the vDSO has no path.
ldd "$strace" |
sed -n 's/^[[:space:]]*\(.* => \)\{0,1\}\(\/[^ ]*\) (0x.*$/\2/p' |
while read -r lib; do
	printf -- '--file %s=%s\n' "$lib" "$lib"
done
