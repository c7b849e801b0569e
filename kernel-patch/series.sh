#!/bin/sh
# series.sh series|check|edit|refresh|clean-edit: the mailable patch
# series and its edit tree (see Makefile).
#
# Environment, set by the Makefile (paths absolute):
#   SERIES_DIR  the kept patches: NNNN-*.patch and 0000-cover-letter.patch
#   MESSAGE     the commit message of the generated selftest patch
#   SELFTESTS   the selftest sources (selftests/ptrace)
#   LINUX       the git tree of the Debian source, with its tag "pristine"
#   OUT         where the series and the throwaway worktrees go
set -eu
export LC_ALL=C

TEST_DIR=tools/testing/selftests/ptrace
COVER=$SERIES_DIR/0000-cover-letter.patch

die() {
	echo "error: $*" >&2
	exit 1
}

# The Subject of a mail, unfolded, without its "[PATCH n/m] " prefix.
subject() {
	sed -n '1,/^$/p' "$1" |
	awk '/^Subject: / { s = substr($0, 10); on = 1; next }
	     on && /^[ \t]/ { s = s $0; next }
	     { on = 0 }
	     END { print s }' |
	sed 's/^\[[^]]*\] *//'
}

# Documentation patches go after the selftests, all others before.
is_documentation() {
	case $(subject "$1") in
	Documentation:* | Documentation/*) return 0 ;;
	esac
	return 1
}

# The kept patches of one kind (feature or documentation), in name order.
patches() {
	for patch in "$SERIES_DIR"/[0-9]*.patch; do
		if [ ! -e "$patch" ] || [ "$patch" = "$COVER" ]; then
			continue
		fi
		if is_documentation "$patch"; then kind=documentation
		else kind=feature
		fi
		if [ "$kind" = "$1" ]; then
			echo "$patch"
		fi
	done
}

# $LINUX.lock is qemu/prepare-source.sh's: held only while git changes
# the list of worktrees, not while it checks out or deletes 87,000 files.
remove_worktree() {
	[ -e "$1" ] || return 0
	find "$1" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
	if ! flock "$LINUX.lock" git -C "$LINUX" worktree remove --force "$1"
	then
		rm -rf "$1"
		flock "$LINUX.lock" git -C "$LINUX" worktree prune
	fi
}

# A new worktree of $LINUX at "pristine", removed when the script ends.
# Its index is pristine's, but it holds no file yet.
new_worktree() {
	remove_worktree "$1"
	mkdir -p "$(dirname "$1")"
	flock "$LINUX.lock" \
		git -C "$LINUX" worktree add -q --no-checkout --detach "$1" pristine
	# shellcheck disable=SC2064 # the path now, not at exit
	trap "remove_worktree '$1'" EXIT
	trap 'exit 1' INT TERM
	git -C "$1" read-tree pristine
}

# Checks out in worktree $1 the files of pristine that the patches after
# it change: all that git am needs. The 87,000 files of the whole tree
# take minutes to write and delete on a busy machine.
checkout_changed() {
	tree=$1
	shift
	sed -n 's|^diff --git a/\([^ ]*\) b/.*|\1|p' "$@" | sort -u |
		xargs -r git -C "$tree" ls-tree -r --name-only pristine -- |
		xargs -r git -C "$tree" checkout pristine --
}

# git am, in worktree $1, of the patches that follow; says which one fails.
apply() {
	tree=$1
	shift
	for patch in "$@"; do
		if ! git -C "$tree" -c user.name="$NAME" -c user.email="$EMAIL" \
			am -q --committer-date-is-author-date "$patch"; then
			git -C "$tree" am --abort >/dev/null 2>&1 || true
			die "$(basename "$patch") does not apply"
		fi
	done
}

# The tools/testing/selftests/ptrace/ commit, made from $SELFTESTS: each
# .c file a program, built by lib.mk's own rule, and the header they share.
commit_selftests() {
	tree=$1
	dir=$tree/$TEST_DIR
	programs=
	for file in "$SELFTESTS"/*.c; do
		file=${file##*/}
		programs="$programs ${file%.c}"
	done
	headers=
	for file in "$SELFTESTS"/*.h; do
		headers="$headers ${file##*/}"
	done

	cp "$SELFTESTS"/*.c "$SELFTESTS"/*.h "$dir/"
	if [ -e "$SELFTESTS/settings" ]; then
		cp "$SELFTESTS/settings" "$dir/"
	fi
	# A newer lib.mk puts tools/testing/selftests on the include path
	# itself; with an older one (6.12) the tests include the harness as
	# that version's tests do, from the parent directory. (lib.mk is not
	# checked out here.)
	# shellcheck disable=SC2016 # make's ${top_srcdir}, as it is written
	if ! git -C "$tree" show pristine:tools/testing/selftests/lib.mk |
		grep -qx 'CFLAGS += -I${top_srcdir}/tools/testing/selftests'; then
		sed -i 's|^#include "\(kselftest[a-z_]*\.h\)"$|#include "../\1"|' \
			"$dir"/*.[ch]
	fi

	# TEST_GEN_PROGS += the programs, and the header they depend on.
	awk -v programs="$programs" -v headers="$headers" '
		function wrapped(line, words,	n, w, i) {
			n = split(words, w, " ")
			for (i = 1; i <= n; i++) {
				if (length(line) + 1 + length(w[i]) > 72) {
					print line " \\"
					line = "\t" w[i]
				} else {
					line = line " " w[i]
				}
			}
			print line
		}
		/^TEST_GEN_PROGS :=/ {
			print
			wrapped("TEST_GEN_PROGS +=", programs)
			progs = 1
			next
		}
		/^include \.\.\/lib\.mk$/ {
			wrapped("LOCAL_HDRS +=", headers)
			print ""
			lib = 1
		}
		{ print }
		END { exit !(progs && lib) }' "$dir/Makefile" >"$dir/Makefile.new" ||
		die "$TEST_DIR/Makefile: no TEST_GEN_PROGS or include ../lib.mk"
	mv "$dir/Makefile.new" "$dir/Makefile"
	# The binaries, each in the sorted place among the others.
	for program in $programs; do
		awk -v test="$program" '
			!done && !/^#/ && $0 > test { print test; done = 1 }
			{ print }
			END { if (!done) print test }' "$dir/.gitignore" \
			>"$dir/.gitignore.new"
		mv "$dir/.gitignore.new" "$dir/.gitignore"
	done
	# The tests under PTRACE SUPPORT, in the sorted place among its files.
	awk -v file="F:	$TEST_DIR/" '
		/^PTRACE SUPPORT$/ { in_section = 1 }
		in_section && !done && (/^$/ || (/^F:/ && $0 > file)) {
			print file
			done = 1
		}
		{ print }
		END { exit !done }' "$tree/MAINTAINERS" >"$tree/MAINTAINERS.new" ||
		die "MAINTAINERS: no PTRACE SUPPORT section"
	mv "$tree/MAINTAINERS.new" "$tree/MAINTAINERS"

	# Debian's source ignores everything in its top-level .gitignore.
	git -C "$tree" add -f MAINTAINERS "$TEST_DIR"
	date=$(git -C "$tree" log -1 --format=%ad --date=raw)
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
	git -C "$tree" -c user.name="$NAME" -c user.email="$EMAIL" \
		commit -q --author="$NAME <$EMAIL>" -F "$MESSAGE"
}

# The cover letter format-patch wrote, with the subject and the text of
# the kept one, on standard output.
cover_letter() {
	kept_subject=$(subject "$COVER")
	# The text: from after the headers to the shortlog, which starts
	# with a line like "tracy-fast developers (9):".
	sed '1,/^$/d' "$COVER" | awk '
		{ line[NR] = $0 }
		/^[^ ].* \([0-9]+\):$/ { end = NR }
		END {
			if (!end) end = NR + 1
			while (end > 1 && line[end - 1] == "") end--
			for (i = 1; i < end; i++) print line[i]
		}' >"$OUT/cover-text"
	awk -v subject="$kept_subject" -v text="$OUT/cover-text" '
		/^Subject: .*\*\*\* SUBJECT HERE \*\*\*$/ {
			sub(/\*\*\* SUBJECT HERE \*\*\*$/, subject)
		}
		/^\*\*\* BLURB HERE \*\*\*$/ {
			while ((getline l < text) > 0) print l
			next
		}
		{ print }' "$1"
	rm -f "$OUT/cover-text"
}

# The series, made in worktree $1 at pristine, into $OUT/series.
make_series() {
	work=$1
	[ -r "$COVER" ] || die "$COVER: no such file"
	[ -r "$MESSAGE" ] || die "$MESSAGE: no such file"
	features=$(patches feature)
	docs=$(patches documentation)
	[ -n "$features" ] || die "no patch in $SERIES_DIR"
	# The author of the series: the From: of the cover letter.
	from=$(sed -n '1,/^$/s/^From: //p' "$COVER")
	NAME=${from% <*}
	EMAIL=${from##*<}
	EMAIL=${EMAIL%>}
	prefix=$(sed -n '1,/^$/s/^Subject: \[\(.*\) [0-9]*\/[0-9]*\].*/\1/p' "$COVER")

	# shellcheck disable=SC2086 # one word a patch
	checkout_changed "$work" $features $docs
	git -C "$work" checkout pristine -- MAINTAINERS "$TEST_DIR"
	# shellcheck disable=SC2086
	apply "$work" $features
	commit_selftests "$work"
	# shellcheck disable=SC2086
	apply "$work" $docs

	rm -rf "$OUT/series.new"
	date=$(git -C "$work" log -1 --format=%ad --date=raw)
	GIT_COMMITTER_DATE=$date \
	git -C "$work" -c user.name="$NAME" -c user.email="$EMAIL" \
		format-patch -q --cover-letter --zero-commit \
		--subject-prefix="${prefix:-PATCH}" -o "$OUT/series.new" pristine
	cover=$(ls "$OUT"/series.new/0000-*.patch)
	cover_letter "$cover" >"$OUT/cover-letter"
	rm "$cover"
	mv "$OUT/cover-letter" "$OUT/series.new/0000-cover-letter.patch"
	rm -rf "$OUT/series"
	mv "$OUT/series.new" "$OUT/series"
	echo "  SERIES  $OUT/series"
}

# $OUT/series applied to worktree $1, its selftests built, and checkpatch.
check_series() {
	check=$1
	# Back to pristine, as if new, and this time with every file: the
	# series must apply from its files, and checkpatch and the build want
	# the whole tree.
	git -C "$check" reset -q --hard pristine
	git -C "$check" clean -q -fdx
	NAME=tracy-fast EMAIL=tracy-fast@invalid
	patches=
	for patch in "$OUT"/series/[0-9]*.patch; do
		case $patch in
		*/0000-cover-letter.patch) ;;
		*) patches="$patches $patch" ;;
		esac
	done
	# shellcheck disable=SC2086 # one word a patch
	apply "$check" $patches
	echo "  AM      the series applies to $(git -C "$LINUX" log -1 --format=%s pristine)"

	# The uapi headers the selftests build with: cheap, no kernel build.
	# OUTPUT, or lib.mk run by another make puts the programs in /.
	log=$OUT/selftests-build.log
	if ! { make -s -C "$check" headers &&
	       make -C "$check/$TEST_DIR" OUTPUT="$check/$TEST_DIR" \
		USERCFLAGS=-Werror; } >"$log" 2>&1; then
		cat "$log" >&2
		die "the ptrace selftests do not build (log: $log)"
	fi
	count=0
	for file in "$SELFTESTS"/*.c; do
		program=${file##*/}
		program=${program%.c}
		[ -x "$check/$TEST_DIR/$program" ] ||
			die "$TEST_DIR: no $program after the build (log: $log)"
		count=$((count + 1))
	done
	echo "  BUILD   $TEST_DIR, the $count programs of the series included"

	# spdxcheck.py wants python3-ply and python3-git, which Debian's
	# python3 has; checkpatch runs the first python3 in PATH. Without
	# them it prints a traceback, checks no SPDX line, and passes.
	/usr/bin/python3 -c 'import ply, git' 2>/dev/null ||
		die "checkpatch needs python3-ply and python3-git (make setup)"
	failed=0
	for patch in "$OUT"/series/[0-9]*.patch; do
		case $patch in */0000-*) continue ;; esac
		result=$(cd "$check" && PATH=/usr/bin:$PATH \
			./scripts/checkpatch.pl --strict "$patch" 2>&1) && rc=0 || rc=$?
		total=$(echo "$result" | sed -n 's/^total: //p')
		if [ "$rc" -eq 0 ]; then
			echo "  OK      $(basename "$patch"): $total"
		else
			failed=$((failed + 1))
			echo "  FAIL    $(basename "$patch"): ${total:-checkpatch failed}"
			echo "$result" | sed 's/^/          /'
		fi
	done
	[ $failed -eq 0 ] ||
		die "checkpatch.pl --strict complains about $failed patch(es)"
}

# The edit tree: a worktree of $LINUX at pristine with the kept patches
# applied as commits, for git commit --amend, rebase -i and the like.
# The selftests are not in it: they are edited in $SELFTESTS.
edit_tree() {
	tree=$OUT/edit
	if [ -e "$tree" ]; then
		die "$tree exists: make refresh writes it back, make clean-edit removes it"
	fi
	[ -r "$COVER" ] || die "$COVER: no such file"
	mkdir -p "$OUT"
	flock "$LINUX.lock" git -C "$LINUX" worktree add -q --detach "$tree" pristine
	from=$(sed -n '1,/^$/s/^From: //p' "$COVER")
	NAME=${from% <*}
	EMAIL=${from##*<}
	EMAIL=${EMAIL%>}
	# shellcheck disable=SC2046 # one word a patch
	apply "$tree" $(patches feature) $(patches documentation)
	# -B: the branch of an edit tree that clean-edit removed is reused.
	git -C "$tree" checkout -q -B series
	echo "  EDIT    $tree: $(git -C "$tree" rev-list --count pristine..HEAD) commits on pristine"
}

# The commits of the edit tree written back as the kept patches, with
# names that depend only on their order and subject, and the cover
# letter left as it is.
refresh_series() {
	tree=$OUT/edit
	[ -d "$tree" ] || die "no $tree: make edit first"
	[ ! -d "$(git -C "$tree" rev-parse --git-dir)/rebase-apply" ] &&
	[ ! -d "$(git -C "$tree" rev-parse --git-dir)/rebase-merge" ] ||
		die "$tree: a git am or rebase is in progress"
	git -C "$tree" diff --quiet HEAD ||
		die "$tree: uncommitted changes; commit them first"
	rm -rf "$OUT/refresh"
	git -C "$tree" format-patch -q --zero-commit -o "$OUT/refresh" pristine
	set -- "$OUT"/refresh/*.patch
	[ -e "$1" ] || die "$tree: no commit on pristine"
	for patch in "$SERIES_DIR"/[0-9]*.patch; do
		[ "$patch" = "$COVER" ] || rm -f "$patch"
	done
	mv "$OUT"/refresh/*.patch "$SERIES_DIR/"
	rmdir "$OUT/refresh"
	echo "  REFRESH $SERIES_DIR: $# patches from $tree"
}

# One throwaway worktree: check reuses the one the series was made in.
worktree=$OUT/work
case ${1:-} in
edit)
	edit_tree
	;;
refresh)
	refresh_series
	;;
clean-edit)
	remove_worktree "$OUT/edit"
	;;
series)
	new_worktree "$worktree"
	make_series "$worktree"
	;;
check)
	new_worktree "$worktree"
	make_series "$worktree"
	check_series "$worktree"
	;;
*)
	die "usage: $0 series|check|edit|refresh|clean-edit"
	;;
esac
