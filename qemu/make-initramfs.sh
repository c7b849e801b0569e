#!/bin/sh
# make-initramfs.sh OUTPUT GEN_INIT_CPIO INIT GUEST_INFO [--file DEST=SRC]...
#		     [--run NAME=ARGS]... [--first NAME=ARGS]... PROGRAM...
#
# Packs a guest's initramfs with the kernel's own usr/gen_init_cpio: our
# static INIT as /init, each PROGRAM as /bin/<name>, the test list that
# /init runs (every PROGRAM, in the order given) and GUEST_INFO, a file of
# key=value lines that tests read to learn what guest they run in.
# Each --file puts SRC at the absolute path DEST (its directories made)
# without running it: programs the tests start themselves, and the
# libraries of a dynamically linked one. Each --run puts the PROGRAM named
# NAME in the list with ARGS (words joined by commas) instead of alone;
# several for one NAME split its tests into parts (kselftest_harness's
# -v/-V filters), which the guest can run side by side. Each --first puts
# NAME with ARGS at the top of the list instead, in the order given: a
# part that starts before everything else.
set -eu

output=$1
gen_init_cpio=$2
init=$3
guest_info=$4
shift 4

work=$output.d
rm -rf "$work"
mkdir -p "$work"
: >"$work/tests"
: >"$work/files"
: >"$work/runs"
: >"$work/first"
while :; do
	case ${1-}=${2-} in
	--file=/*=?*) echo "$2" >>"$work/files" ;;
	--file=*) echo "make-initramfs.sh: --file wants DEST=SRC, DEST" \
		"absolute, not '${2-}'" >&2; exit 2 ;;
	--run=?*=?*) echo "$2" >>"$work/runs" ;;
	--first=?*=?*) echo "$2" >>"$work/first" ;;
	--run=*|--first=*) echo "make-initramfs.sh: $1 wants NAME=ARGS," \
		"not '${2-}'" >&2; exit 2 ;;
	*) break ;;
	esac
	shift 2
done
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for dir in /proc /sys /bin /etc /etc/tracy-fast; do
		echo "dir $dir 0755 0 0"
	done
	echo "dir /tmp 1777 0 0"
	echo "file /init $(realpath "$init") 0755 0 0"
	echo "file /etc/tracy-fast/guest $(realpath "$guest_info") 0644 0 0"
	echo "file /etc/tracy-fast/tests $(realpath "$work/tests") 0644 0 0"
	# The directories of the --file paths, parents first, each once.
	sed 's/=.*//' "$work/files" | while read -r dest; do
		dir=$(dirname "$dest")
		while [ "$dir" != / ]; do
			echo "$dir"
			dir=$(dirname "$dir")
		done
	done | LC_ALL=C sort -u | grep -vxE '/(dev|proc|sys|bin|etc|tmp)' |
		sed 's/.*/dir & 0755 0 0/'
	while IFS== read -r dest src; do
		echo "file $dest $(realpath "$src") 0755 0 0"
	done <"$work/files"
	sed 's|^\([^=]*\)=|/bin/\1 |' "$work/first" | tr , ' ' >>"$work/tests"
	for program in "$@"; do
		name=$(basename "$program")
		echo "file /bin/$name $(realpath "$program") 0755 0 0"
		if grep -q "^$name=" "$work/runs"; then
			sed -n "s|^$name=|/bin/$name |p" "$work/runs" | tr , ' '
		else
			echo "/bin/$name"
		fi >>"$work/tests"
	done
} >"$work/list"
"$gen_init_cpio" "$work/list" >"$output.tmp"
mv "$output.tmp" "$output"
