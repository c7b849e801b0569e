#!/bin/sh
# build-kernel.sh
#
# Configures and builds one guest kernel out of tree. The Makefile passes
# the guest's description in the environment:
#   TREE       patched Linux source (qemu/prepare-source.sh)
#   OUT        kbuild output folder of this guest
#   GUEST      guest name, for messages
#   KARCH      kbuild ARCH
#   CROSS      kbuild CROSS_COMPILE
#   IMAGE      the boot image, relative to OUT
#   FRAGMENTS  config fragments merged over tinyconfig, in order
#
# The .config is regenerated only when a fragment or the source changes,
# and replaced only when its content changes, so kbuild rebuilds only what
# changed. ccache is used when it is installed. LOCALVERSION is set, empty,
# so that the release is exactly the fragments' CONFIG_LOCALVERSION: the
# source is a git tree, and kbuild would add a "+" to it.
set -eu

: "${TREE:?}" "${OUT:?}" "${GUEST:?}" "${KARCH:?}" "${IMAGE:?}" "${FRAGMENTS:?}"
CROSS=${CROSS-}

# What the kernel in OUT is built from: the fragments, the tarball, the
# series (qemu/prepare-source.sh records both in TREE), the compiler.
# When the last build of OUT was of exactly these, kbuild would find
# nothing to do: say so without it, and without waiting for the lock
# below (a warm make test checks seven kernels). Remove
# OUT/.tracy-fast-built to make kbuild look anyway.
inputs_key() {
	{
		cat $FRAGMENTS "$TREE/.git/tracy-fast-tarball" \
			"$TREE/.git/tracy-fast-series"
		"${CROSS}gcc" --version | head -n 1
		echo "$IMAGE"
	} | sha256sum | cut -d' ' -f1
}
if [ -f "$OUT/$IMAGE" ] &&
   [ "$(cat "$OUT/.tracy-fast-built" 2>/dev/null)" = "$(inputs_key)" ]; then
	echo "  KERNEL  $GUEST: $OUT/$IMAGE (built from these sources)" >&2
	exit 0
fi

# One kernel build at a time on this machine, whichever checkout asks for
# it: on two cores, two builds side by side take longer than one after the
# other, and each starves the QEMU runs of the tests.
KERNEL_BUILD_LOCK=${KERNEL_BUILD_LOCK:-/tmp/tracy-fast-kernel-build.lock}
if [ -z "${KERNEL_BUILD_LOCKED-}" ]; then
	KERNEL_BUILD_LOCKED=1 exec flock "$KERNEL_BUILD_LOCK" "$0" "$@"
fi
# kbuild runs in TREE (make -C), so every path it gets must be absolute.
TREE=$(realpath "$TREE")
OUT=$(realpath -m "$OUT")
jobs=$(nproc)
mkdir -p "$OUT"

# Runs a command with its output in LOG; on failure shows the end of it.
logged() {
	log=$1
	shift
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" >&2
		echo "error: the $GUEST kernel: '$*' failed; the whole log is $log" >&2
		exit 1
	fi
}

kmake() {
	out=$1
	shift
	make -C "$TREE" O="$out" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
		${CCACHE:+CC="ccache ${CROSS}gcc" HOSTCC="ccache gcc"} \
		LOCALVERSION= KBUILD_BUILD_USER=tracy-fast KBUILD_BUILD_HOST=tracy-fast \
		KBUILD_BUILD_TIMESTAMP="$(git -C "$TREE" log -1 --format=%cd)" \
		-j"$jobs" "$@"
}

if command -v ccache >/dev/null 2>&1; then
	CCACHE=1
	# Paths below the checkout are hashed relative to it, so a clone in
	# another folder still hits the cache.
	CCACHE_BASEDIR=$(realpath "$TREE/../..")
	export CCACHE_BASEDIR
else
	CCACHE=
fi

config_key=$(cat $FRAGMENTS "$TREE/.git/tracy-fast-tarball" \
	"$TREE/.git/tracy-fast-series" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$OUT/.tracy-fast-config" 2>/dev/null)" != "$config_key" ]; then
	echo "  CONFIG  $GUEST: tinyconfig + $FRAGMENTS" >&2
	scratch=$(dirname "$OUT")/kconfig
	mkdir -p "$scratch"
	# tinyconfig, then the fragments over it. allnoconfig (not
	# olddefconfig) resolves the result, so that options which only
	# become visible through a fragment (what CONFIG_NET brings, say)
	# stay off unless a fragment asks for them.
	log=$scratch/config.log
	: >"$log"
	logged "$log" kmake "$scratch" tinyconfig
	logged "$log" "$TREE/scripts/kconfig/merge_config.sh" -m -O "$scratch" \
		"$scratch/.config" $FRAGMENTS
	mv "$scratch/.config" "$scratch/wanted.config"
	logged "$log" kmake "$scratch" \
		KCONFIG_ALLCONFIG="$(realpath "$scratch/wanted.config")" allnoconfig
	"$(dirname "$0")/check-config.sh" "$scratch/.config" $FRAGMENTS
	cmp -s "$scratch/.config" "$OUT/.config" ||
		cp "$scratch/.config" "$OUT/.config"
	echo "$config_key" >"$OUT/.tracy-fast-config"
fi

echo "  KERNEL  $GUEST ($KARCH, ${CROSS:-native} toolchain${CCACHE:+, ccache}, $jobs jobs)" >&2
start=$(date +%s)
key=$(inputs_key)
rm -f "$OUT/.tracy-fast-built"
: >"$OUT/build.log"
logged "$OUT/build.log" kmake "$OUT" "$(basename "$IMAGE")"
echo "$key" >"$OUT/.tracy-fast-built"
echo "  KERNEL  $GUEST: $OUT/$IMAGE ($(($(date +%s) - start)) s)" >&2
