"""Counting test results: TAP output of test programs, per place and in total.

A "place" is the host or one guest. Each test program prints TAP (kselftest
style); its results count one by one. A program that prints no result counts
as one test, judged by its exit status (0 pass, 4 = KSFT_SKIP skip, anything
else fail). A program that ends badly without saying which test failed counts
one failure more, so a crash never passes unnoticed.

As a command:
    python3 -m testbed summary RESULTS.json...
        prints one line per place and the total, exits 1 on any failure
"""

import json
import re
import sys

KSFT_SKIP = 4
RESULT_LINE = re.compile(r"^(not ok|ok)\b\s*(.*)$")
DIRECTIVE = re.compile(r"#\s*(SKIP|TODO|XFAIL)\b", re.IGNORECASE)


class Counts:
    """Passed, failed and skipped tests, and the reasons for each failure."""

    def __init__(self, passed=0, failed=0, skipped=0, failures=None):
        self.passed = passed
        self.failed = failed
        self.skipped = skipped
        self.failures = list(failures or [])

    def add(self, other):
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        self.failures += other.failures

    def fail(self, reason):
        self.failed += 1
        self.failures.append(reason)

    def line(self):
        return (f"{self.passed} passed, {self.failed} failed, "
                f"{self.skipped} skipped")

    def to_json(self):
        return {"passed": self.passed, "failed": self.failed,
                "skipped": self.skipped, "failures": self.failures}

    @classmethod
    def from_json(cls, data):
        return cls(data["passed"], data["failed"], data["skipped"],
                   data["failures"])


def write_results(path, place, counts):
    """Writes one place's counts where `summary` reads them."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"place": place, **counts.to_json()}, f, indent=1)


def result_of_line(line):
    """("pass" | "fail" | "skip", the rest of the line) for a TAP result
    line, None for any other line. SKIP and TODO directives count as skip.
    """
    match = RESULT_LINE.match(line)
    if not match:
        return None
    directive = DIRECTIVE.search(match.group(2))
    if directive and directive.group(1).upper() in ("SKIP", "TODO"):
        return "skip", match.group(2)
    return ("pass" if match.group(1) == "ok" else "fail"), match.group(2)


def count_program(name, lines, status):
    """Counts the results of one program from its output and exit status.

    status is "exit=N", "signal=N" or "error=N" (could not be started).
    """
    counts = Counts()
    for line in lines:
        result = result_of_line(line)
        if result is None:
            continue
        verdict, rest = result
        if verdict == "skip":
            counts.skipped += 1
        elif verdict == "pass":
            counts.passed += 1
        else:
            counts.fail(f"{name}: not ok {rest}")

    if status == "exit=0":
        if counts.passed + counts.failed + counts.skipped == 0:
            counts.passed += 1
    elif status == f"exit={KSFT_SKIP}" and counts.passed + counts.failed == 0:
        if counts.skipped == 0:
            counts.skipped += 1
    elif counts.failed == 0:
        counts.fail(f"{name}: ended with {status} and no failed test named")
    return counts


def run_unittests(module, wanted=lambda case: True):
    """Runs the unittest cases of a module that `wanted` accepts, printing
    TAP; 0 if all pass."""
    import textwrap
    import unittest

    tests = unittest.defaultTestLoader.loadTestsFromModule(module)
    cases = [case for suite in tests for case in suite if wanted(case)]
    print("TAP version 13")
    print(f"1..{len(cases)}")
    failed = 0
    for number, case in enumerate(cases, 1):
        result = unittest.TestResult()
        case.run(result)
        problems = result.failures + result.errors
        skip = f" # SKIP {result.skipped[0][1]}" if result.skipped else ""
        print(f"{'not ok' if problems else 'ok'} {number} {case.id()}{skip}")
        for _, trace in problems:
            print(textwrap.indent(trace, "# "))
        failed += bool(problems)
    return 1 if failed else 0


def summary(paths):
    """Prints each place's counts and the total; returns the total."""
    total = Counts()
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as error:
            data = {"place": path, "passed": 0, "failed": 1, "skipped": 0,
                    "failures": [f"no results: {error}"]}
        counts = Counts.from_json(data)
        print(f"{data['place']}: {counts.line()}")
        for reason in counts.failures:
            print(f"  FAIL {reason}")
        total.add(counts)
    print(total.line())
    return total


def main(argv):
    if len(argv) < 2 or argv[0] != "summary":
        sys.exit(__doc__)
    total = summary(argv[1:])
    return 1 if total.failed or not (total.passed + total.skipped) else 0
