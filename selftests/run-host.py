#!/usr/bin/env python3
"""Runs test programs on the host and counts their TAP results.

    run-host.py [--place NAME] [--jobs N] --results FILE COMMAND...

Each COMMAND (split at blanks) is one test program, counted as in the
guests (testbed.results). Prints a line per program, the output of any that
failed, and writes the counts to FILE for `python3 -m testbed summary`,
under the place NAME (default: host). With --jobs, N programs run at a
time; the lines still come in the order of the commands.
"""

import argparse
import concurrent.futures
import subprocess
import sys

from testbed.results import Counts, count_program, write_results

PROGRAM_TIMEOUT = 600


def run(command):
    """Returns the program's output lines and its status as init.c says it."""
    try:
        done = subprocess.run(command.split(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT,
                              timeout=PROGRAM_TIMEOUT, check=False)
    except OSError as error:
        return [str(error)], f"error={error.errno}"
    except subprocess.TimeoutExpired as expired:
        output = (expired.output or b"").decode("utf-8", "replace")
        return output.splitlines() + [f"timed out after {PROGRAM_TIMEOUT} s"], \
            "signal=9"
    output = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode < 0:
        return output, f"signal={-done.returncode}"
    return output, f"exit={done.returncode}"


def report(place, command, output, status, total):
    """Prints the line of one program, and its output if it failed, and
    adds its counts to @total."""
    counts = count_program(f"{place}: {command}", output, status)
    print(f"  {place.upper():<7} {command}: {counts.line()}", flush=True)
    if counts.failed:
        print("\n".join(f"    | {line}" for line in output), flush=True)
    total.add(counts)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--place", default="host")
    parser.add_argument("--jobs", type=int, default=1,
                        help="programs to run at a time")
    parser.add_argument("--results", required=True)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs wants 1 or more, not {args.jobs}")

    total = Counts()
    # map() hands back the results in the order of the commands, each as
    # soon as it and those before it have ended.
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for command, (output, status) in zip(
                args.commands, pool.map(run, args.commands)):
            report(args.place, command, output, status, total)
    write_results(args.results, args.place, total)
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
