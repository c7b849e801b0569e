#!/usr/bin/env python3
"""Runs test programs on the host and counts their TAP results.

    run-host.py [--place NAME] --results FILE COMMAND...

Each COMMAND (split at blanks) is one test program, counted as in the
guests (testbed.results). Prints a line per program, the output of any that
failed, and writes the counts to FILE for `python3 -m testbed summary`,
under the
place NAME (default: host).
"""

import argparse
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


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--place", default="host")
    parser.add_argument("--results", required=True)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args(argv)

    total = Counts()
    for command in args.commands:
        output, status = run(command)
        counts = count_program(f"{args.place}: {command}", output, status)
        print(f"  {args.place.upper():<7} {command}: {counts.line()}",
              flush=True)
        if counts.failed:
            print("\n".join(f"    | {line}" for line in output), flush=True)
        total.add(counts)
    write_results(args.results, args.place, total)
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
