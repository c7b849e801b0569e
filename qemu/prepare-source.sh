#!/bin/sh
# prepare-source.sh TARBALL SERIES_DIR TREE
#
# Makes TREE the Linux source of TARBALL with every patch of SERIES_DIR
# applied in order by git am, and does nothing when both are unchanged, so
# that kbuild recompiles only what a changed series touches. TREE is a git
# repository whose tag "pristine" is the untouched source.
set -eu

tarball=$1
series_dir=$2
tree=$3

[ -r "$tarball" ] || { echo "$tarball: no such file" >&2; exit 1; }
mkdir -p "$(dirname "$tree")"
exec 9>"$tree.lock"
flock 9

tarball_id=$(stat -c '%n %s %Y' "$tarball")
if [ ! -d "$tree/.git" ] ||
   [ "$(cat "$tree/.git/tracy-fast-tarball" 2>/dev/null)" != "$tarball_id" ]; then
	echo "  SOURCE  $tarball -> $tree" >&2
	rm -rf "$tree" "$tree.new"
	mkdir -p "$tree.new"
	tar -C "$tree.new" --strip-components=1 -xf "$tarball"
	# Debian's tarball ignores everything in its top-level .gitignore.
	git -C "$tree.new" init -q
	# git am would start a git gc in the background that repacks the
	# whole kernel for minutes, holding the lock above all the while.
	git -C "$tree.new" config gc.auto 0
	git -C "$tree.new" add -f -A
	git -C "$tree.new" -c user.name=tracy-fast -c user.email=tracy-fast@invalid \
		commit -q -m "$(basename "$tarball")"
	git -C "$tree.new" tag pristine
	echo "$tarball_id" >"$tree.new/.git/tracy-fast-tarball"
	mv "$tree.new" "$tree"
fi

# The cover letter is not a patch.
patches=$(find "$series_dir" -maxdepth 1 -name '*.patch' \
	! -name '0000-cover-letter.patch' 2>/dev/null | sort)
series_id=$(cat /dev/null $patches | sha256sum | cut -d' ' -f1)
applied="$tree/.git/tracy-fast-series"
[ "$(cat "$applied" 2>/dev/null)" = "$series_id" ] && exit 0

# Re-applying the series rewrites every file it touches. A file that comes
# out as it was keeps its modification time, so that kbuild rebuilds only
# what the new series really changed (a header in include/linux would
# otherwise rebuild the whole kernel).
git -C "$tree" config gc.auto 0
old_head=$(git -C "$tree" rev-parse HEAD)
mtimes=$tree/.git/tracy-fast-mtimes
git -C "$tree" diff --name-only pristine "$old_head" | while read -r file; do
	if [ -f "$tree/$file" ]; then
		printf '%s\t%s\n' "$file" "$(stat -c %y "$tree/$file")"
	fi
done >"$mtimes"

rm -f "$applied"
git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" reset -q --hard pristine
for patch in $patches; do
	echo "  PATCH   $patch" >&2
	if ! git -C "$tree" -c user.name=tracy-fast -c user.email=tracy-fast@invalid \
		am -q "$(realpath "$patch")"; then
		git -C "$tree" am --abort >/dev/null 2>&1 || true
		echo "error: $patch does not apply to $(basename "$tarball")" >&2
		exit 1
	fi
done
while IFS="$(printf '\t')" read -r file mtime; do
	if [ "$(git -C "$tree" rev-parse -q --verify "$old_head:$file")" = \
	     "$(git -C "$tree" rev-parse -q --verify "HEAD:$file")" ]; then
		touch -d "$mtime" "$tree/$file"
	fi
done <"$mtimes"
rm -f "$mtimes"
echo "$series_id" >"$applied"
