#!/bin/sh
# build-benchmark.sh CXX TREE OUTPUT
#
# Builds Google Benchmark's static library OUTPUT (libbenchmark.a) from the
# source TREE (bench/get-benchmark-source.sh) with the C++ compiler CXX.
#
# No CMake: its feature checks compile *and run* test programs, which a
# cross build cannot do without an emulator. What they would find is known
# for every guest (glibc, GCC, Linux), so it is written here instead:
# POSIX regex and a steady clock, no libpfm. benchmark_main.cc is left out:
# bench/shim/gbench.cc has the main(). -Wno-psabi silences 48 notes on arm
# that the passing of std::vector iterators changed in GCC 7.1: every C++
# object of a guest program is built by the same compiler.
#
# The sources are compiled from a copy with one change: Google Benchmark
# 1.7 reads riscv's cycle counter with rdcycle, which Linux does not let
# user space execute by default since 6.6 (SIGILL in the riscv64 guest, as
# the library estimates the CPU's frequency before the first benchmark).
# The copy reads the time CSR (rdtime, which user space may read), as
# later Google Benchmark does; no other architecture's code has rdcycle.
set -eu

cxx=$1
tree=$2
output=$3
ar=${cxx%g++}ar

work=$output.o.d
rm -rf "$work"
mkdir -p "$work"
cp -R "$tree/src" "$work/src"
sed -i 's/rdcycle/rdtime/g' "$work/src/cycleclock.h"
echo "  GBENCH  $output" >&2
for source in "$work"/src/*.cc; do
	name=$(basename "$source" .cc)
	[ "$name" = benchmark_main ] && continue
	$cxx -std=c++11 -O2 -DNDEBUG -Wno-psabi -DHAVE_POSIX_REGEX -DHAVE_STEADY_CLOCK \
		-DBENCHMARK_STATIC_DEFINE -I"$tree/include" -I"$work/src" \
		-c "$source" -o "$work/$name.o"
done
rm -f "$output.tmp"
$ar rcs "$output.tmp" "$work"/*.o
mv "$output.tmp" "$output"
