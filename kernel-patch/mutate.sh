#!/bin/sh
# mutate.sh [-a ARCH] [-A] [-w] [-n] [MUTANT...]
#
# Mutation testing of the series: each mutant is the mainline series with
# one deliberate bug, made by a sed on the kept patches (a line replaced
# by another, so that every hunk still applies). Each is built as the
# debug guest of ARCH (default x86_64: KASAN, lockdep, PROVE_RCU, UBSAN,
# kmemleak; qemu/debug.mk) and the series' selftests (selftests/ptrace/,
# every ABI of the guest) run in it; -A runs all of the project's
# selftests instead, as make test-debug does. A mutant is killed when the
# run fails (a test fails, or the kernel log has a report); one that
# survives is a hole in the tests. The first "mutant", none, is the
# series as it is: the control, which must pass. Prints one line per
# mutant and a table at the end; exits non-zero if any mutant survived or
# the control failed. -n only lists the mutants.
#
# -w widens the race window of the syscall entry in every build, the
# control's included: a busy wait of WIDEN_SPINS (default 1000)
# cpu_relax() between the load of current's mask and its use. A lifetime
# bug there (a mask freed while its tracee runs) is otherwise a window of
# a few instructions that a test seldom hits; with it, a test that races
# a tracer's exit against spinning tracees finds the freed mask.
#
# The mutants share one kernel tree (build/mutants/linux) and one build
# tree (build/mutants/build): the series is re-applied for each, and
# kbuild rebuilds only what its sed changed. The first is a full debug
# kernel build (minutes with a warm ccache, tens without); each mutant's
# log, console and results are kept in build/mutants/NAME. Run from the
# top of the checkout.
set -eu

arch=x86_64
selftests=ptrace
list_only=
widen=
while getopts a:Anw opt; do
	case $opt in
	a) arch=$OPTARG ;;
	A) selftests= ;;
	n) list_only=1 ;;
	w) widen=1 ;;
	*) echo "usage: $0 [-a ARCH] [-A] [-w] [-n] [MUTANT...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# NAME|what it breaks|sed expression on the kept patches
MUTANTS='none|nothing: the series as it is, the control|
no_park|a tracee running when its tracer exits loses its mask at once, not once frozen or gone|s/^+\(\t*\)child->syscall_stop_mask_parked = mask;$/+\1put_syscall_stop_mask(mask);/
no_parked_drop|a parked mask is never dropped (a leak)|s/^+\(\t*\)put_syscall_stop_mask(task->syscall_stop_mask_parked);$/+\1barrier();/
no_fork_reference|an auto-attached child shares the mask without a reference|s/^\([+ ]\)\(\t*\)refcount_inc(&mask->usage);$/\1\2barrier();/
no_unlink_release|detach and tracer exit leave the mask in place|s/^+\(\t*\)ptrace_release_syscall_mask(child);$/+\1barrier();/
no_exit_from_inside|PTRACE_SYSCALL from a stop inside a skipped syscall gives no exit stop|s/^\([+ ]\)\(\t*\)child->syscall_exit_stop = true;$/\1\2barrier();/
stale_exit_decision|the inline entry shortcut leaves the exit decision of the syscall before|s/^\([+ ]\)\(\t*\)current->syscall_exit_stop = false;$/\1\2barrier();/
enter_list_copied|blacklist mode tests the stop list, not its complement, at entry|s/^+\(\t*\)bitmap_complement(enter, stop, nr);$/+\1bitmap_copy(enter, stop, nr);/
x32_table|the x86_64 lists end before the x32 syscalls|s/^+# define SYSCALL_TABLE_NATIVE_NR\tX32_NR_syscalls$/+# define SYSCALL_TABLE_NATIVE_NR\tNR_syscalls/'

# -w: the same statement followed by the busy wait, on the line of the
# patch that adds it and on the lines of later patches that have it as
# context.
WIDEN_SPINS=${WIDEN_SPINS:-1000}
WIDEN="s/^\\([+ ]\\)\\(\t*mask = READ_ONCE(current->syscall_stop_mask);\\)\$/\\1\\2 for (unsigned int __w = 0; __w < $WIDEN_SPINS; __w++) cpu_relax();/"

top=$(pwd)
# The test bed's Python package, for the summary below (make sets it
# for what it runs).
export PYTHONPATH="$top/qemu${PYTHONPATH:+:$PYTHONPATH}"
[ -d kernel-patch ] && [ -f Makefile ] || {
	echo "error: run $0 from the top of the checkout" >&2
	exit 2
}

wanted() {
	[ $# -eq 0 ] && return 0
	for w in $wanted_list; do
		[ "$w" = "$1" ] && return 0
	done
	return 1
}
wanted_list="$*"

shared=build/mutants/build
mkdir -p build/mutants
rm -f build/mutants/table
# printf, not echo: dash's echo would turn the seds' \1 into a control
# character.
printf '%s\n' "$MUTANTS" | while IFS='|' read -r name what expr; do
	[ -z "$wanted_list" ] || wanted "$name" || continue
	if [ -n "$list_only" ]; then
		printf '%-20s %s\n' "$name" "$what"
		continue
	fi
	out=build/mutants/$name
	rm -rf "$out"
	mkdir -p "$out/series"
	cp kernel-patch/*.patch "$out/series/"
	[ -z "$expr" ] || sed -i "$expr" "$out"/series/0*.patch
	if [ -n "$expr" ] &&
	   ! diff -rq kernel-patch "$out/series" 2>/dev/null | grep -q differ
	then
		echo "  MUTANT  $name: the sed changed nothing; fix it in $0" >&2
		echo "$name|BROKEN|$what" >>build/mutants/table
		continue
	fi
	if [ -n "$widen" ]; then
		cp -r "$out/series" "$out/unwidened"
		sed -i "$WIDEN" "$out"/series/0*.patch
		if ! diff -rq "$out/unwidened" "$out/series" | grep -q differ; then
			echo "  MUTANT  $name: the widening changed nothing; fix it in $0" >&2
			echo "$name|BROKEN|$what" >>build/mutants/table
			continue
		fi
	fi
	echo "  MUTANT  $name: $what${widen:+ (window widened)}"
	results=$shared/results/debug-$arch.json
	rm -f "$results" "$shared/$arch-debug/console.log"
	nice make --no-print-directory KERNEL_VERSION=7.2 \
		BUILD="$shared" SERIES_DIR="$out/series" \
		LINUX_TREE=build/mutants/linux DEBUG_ARCHES="$arch" \
		${selftests:+DEBUG_SELFTESTS="$selftests"} \
		"test-debug-$arch" >"$out/run.log" 2>&1 || true
	cp "$shared/$arch-debug/console.log" "$out/" 2>/dev/null || true
	if [ ! -f "$results" ]; then
		# The guest never ran: the mutated series did not apply (a
		# later patch's context holds the mutated line) or did not
		# build. Such a mutant tests nothing.
		if grep -q '^error: .* does not apply' "$out/run.log"; then
			why="the mutated series does not apply"
		else
			why="no test ran (the kernel did not build?)"
		fi
		echo "  MUTANT  $name: $why; fix it in $0" >&2
		status=BROKEN
	else
		mkdir -p "$out/results"
		cp "$results" "$out/results/"
		if python3 -m testbed summary "$results" >>"$out/run.log" 2>&1
		then
			status=$([ "$name" = none ] && echo passed || echo SURVIVED)
		else
			status=$([ "$name" = none ] && echo FAILED || echo killed)
		fi
	fi
	echo "  MUTANT  $name: $status (log: $top/$out/run.log)"
	echo "$name|$status|$what" >>build/mutants/table
done

[ -n "$list_only" ] && exit 0
echo
printf '%-20s %-9s %s\n' mutant result "what it breaks"
sort -u build/mutants/table | while IFS='|' read -r name status what; do
	printf '%-20s %-9s %s\n' "$name" "$status" "$what"
done
! grep -q '|SURVIVED|\||BROKEN|\||FAILED|' build/mutants/table
