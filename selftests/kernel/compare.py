#!/usr/bin/env python3
"""The kernel's own selftests, with and without the tracy-fast series.

    compare.py record CONSOLE_LOG BASELINE
    compare.py compare --place NAME --results JSON BASELINE CONSOLE_LOG

A guest console log (qemu/boot.py --log) holds the output of every program
between TRACY-FAST-BEGIN and -END markers. `record` reduces it to one line
per test, "program<TAB>test<TAB>result" (pass, fail or skip), plus one line
per program for its exit status (of all its parts, for a program run in
parts), and writes that to BASELINE. `compare`
reduces a second log the same way and counts, per test, whether the result
is the baseline's: a test that fails in the baseline too is not a
regression. A missing or new test, a different result, a kernel report
(panic, oops, BUG, WARNING, ...) or a guest that did not reach the end of
its list is a failure; a guest without a baseline yet is one skip. The counts go to JSON for `python3 -m testbed
summary`.
"""

import argparse
import os
import re
import sys

from testbed.console import BEGIN, DONE, END, KERNEL, KERNEL_TROUBLE
from testbed.results import Counts, result_of_line, write_results

# "ok 3 global.name # SKIP why": the test number is not part of the name.
NUMBERED = re.compile(r"^\d+\s+(.*?)\s*(?:#.*)?$")


def result_of(line):
    """(test name, pass | fail | skip) for a numbered TAP result line."""
    result = result_of_line(line)
    name = result and NUMBERED.match(result[1])
    if not name:
        return None
    return name.group(1), result[0]


def status_rank(status):
    """How much an exit status says, as kselftest ends a run: skipped
    (exit=4) < passed (exit=0) < failed (exit=1) < any other status."""
    return {"exit=4": 0, "exit=0": 1, "exit=1": 2}.get(status, 3)


def merged_status(earlier, status):
    """The exit status of a program run in parts (make-initramfs.sh --run
    and --first), as one run of all its tests would end: a part that
    failed makes the whole fail; one that passed beats one that skipped."""
    if earlier is None or status_rank(status) > status_rank(earlier):
        return status
    return earlier


def reduce_log(path):
    """Returns ({(program, test): result}, [kernel trouble], reached end,
    the kernel's release, version and machine)."""
    results, trouble, done, program, kernel = {}, [], False, None, "unknown"
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            if KERNEL_TROUBLE.search(line):
                trouble.append(line.strip())
            if KERNEL.search(line):
                kernel = KERNEL.search(line).group(1)
            begin, end = BEGIN.search(line), END.search(line)
            if begin:
                # A program run in parts ("seccomp_bpf -T name") is one.
                program = os.path.basename(begin.group(1).split()[0])
            elif end and program:
                key = (program, "(exit status)")
                results[key] = merged_status(results.get(key), end.group(2))
                program = None
            elif line.strip() == DONE:
                done = True
            elif program:
                found = result_of(line)
                if found:
                    results[(program, found[0])] = found[1]
    return results, trouble, done, kernel


def read_baseline(path):
    with open(path, encoding="utf-8") as f:
        rows = (line.rstrip("\n").split("\t") for line in f
                if line.strip() and not line.startswith("#"))
        return {(program, test): result for program, test, result in rows}


def record(log, baseline):
    results, trouble, done, kernel = reduce_log(log)
    if trouble or not done:
        sys.exit(f"{log}: not a clean run (kernel trouble: {trouble[:1]}, "
                 f"reached the end: {done}); no baseline written")
    with open(baseline, "w", encoding="utf-8") as f:
        f.write("# Results of the kernel's selftests, written by "
                "selftests/kernel/compare.py record\n"
                f"# kernel: {kernel}\n")
        for (program, test), result in sorted(results.items()):
            f.write(f"{program}\t{test}\t{result}\n")
    print(f"{baseline}: {len(results)} results")


def compare(args):
    if not os.path.exists(args.baseline):
        # A new guest has none until make regress-baseline records it:
        # nothing to compare with is a skip, said as such, not a pass.
        counts = Counts(skipped=1)
        print(f"  REGRESS {args.place}: {counts.line()} (no baseline "
              f"{args.baseline}: make regress-baseline ARCHES=<guest> "
              "records it)")
        write_results(args.results, args.place, counts)
        return 0
    expected = read_baseline(args.baseline)
    results, trouble, done, _ = reduce_log(args.log)
    counts = Counts()
    for key in sorted(set(expected) | set(results)):
        want, got = expected.get(key, "absent"), results.get(key, "absent")
        # "pass|fail": a result seen both ways on the same kernel, which a
        # person wrote into the baseline after the runs that showed it.
        if got in want.split("|"):
            counts.passed += 1
        else:
            counts.fail(f"{args.place}: {key[0]}: {key[1]}: "
                        f"{got}, baseline {want}")
    for line in trouble[:1]:
        counts.fail(f"{args.place}: kernel: {line}")
    if not done:
        counts.fail(f"{args.place}: the guest did not reach the end of "
                    "its test list")
    print(f"  REGRESS {args.place}: {counts.line()} "
          f"(tests whose result is the baseline's, of {len(expected)})")
    for reason in counts.failures:
        print(f"    | {reason}")
    write_results(args.results, args.place, counts)
    return 1 if counts.failed else 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="write a baseline from a log")
    rec.add_argument("log")
    rec.add_argument("baseline")
    cmp = sub.add_parser("compare", help="compare a log with a baseline")
    cmp.add_argument("--place", required=True)
    cmp.add_argument("--results", required=True)
    cmp.add_argument("baseline")
    cmp.add_argument("log")
    args = parser.parse_args(argv)
    if args.command == "record":
        record(args.log, args.baseline)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
