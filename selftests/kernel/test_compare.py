#!/usr/bin/env python3
"""Tests of compare.py, the verdict on the kernel's selftests: how it
reduces a console log, and that a program run in parts (make-initramfs.sh
--first and --run) reduces as one run would. Runs on the host; prints
TAP."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
from testbed.results import run_unittests  # noqa: E402

WAITING = "user_notification_wait_killable_after_reply"

WHOLE = f"""\
TRACY-FAST-KERNEL 7.2.13-tracy-fast #1 SMP x86_64
TRACY-FAST-BEGIN /bin/seccomp_bpf
ok 1 global.mode_strict_support
not ok 2 global.{WAITING}
ok 3 TRACE_syscall.ptrace.negative_ENOSYS # SKIP no
TRACY-FAST-END /bin/seccomp_bpf exit=1
TRACY-FAST-DONE
"""

# The same tests in two parts, side by side: the waiting part first, the
# part that ends first printed first.
IN_PARTS = f"""\
TRACY-FAST-KERNEL 7.2.13-tracy-fast #1 SMP x86_64
TRACY-FAST-START /bin/seccomp_bpf -t {WAITING}
TRACY-FAST-START /bin/seccomp_bpf -T {WAITING}
TRACY-FAST-BEGIN /bin/seccomp_bpf -T {WAITING}
ok 1 global.mode_strict_support
ok 2 TRACE_syscall.ptrace.negative_ENOSYS # SKIP no
TRACY-FAST-END /bin/seccomp_bpf -T {WAITING} exit=0
TRACY-FAST-BEGIN /bin/seccomp_bpf -t {WAITING}
not ok 1 global.{WAITING}
TRACY-FAST-END /bin/seccomp_bpf -t {WAITING} exit=1
TRACY-FAST-DONE
"""


def reduce(console):
    with tempfile.NamedTemporaryFile("w", suffix=".log") as log:
        log.write(console)
        log.flush()
        return compare.reduce_log(log.name)


class ReduceLog(unittest.TestCase):
    def test_whole_run(self):
        results, trouble, done, _ = reduce(WHOLE)
        self.assertEqual({
            ("seccomp_bpf", "(exit status)"): "exit=1",
            ("seccomp_bpf", "global.mode_strict_support"): "pass",
            ("seccomp_bpf", f"global.{WAITING}"): "fail",
            ("seccomp_bpf", "TRACE_syscall.ptrace.negative_ENOSYS"): "skip",
        }, results)
        self.assertEqual(([], True), (trouble, done))

    def test_run_in_parts_reduces_as_one_run(self):
        self.assertEqual(reduce(WHOLE)[0], reduce(IN_PARTS)[0])

    def test_merged_status_says_the_most(self):
        merged = compare.merged_status
        self.assertEqual("exit=4", merged(None, "exit=4"))
        self.assertEqual("exit=0", merged("exit=4", "exit=0"))
        self.assertEqual("exit=0", merged("exit=0", "exit=4"))
        self.assertEqual("exit=1", merged("exit=1", "exit=0"))
        self.assertEqual("signal=9", merged("exit=1", "signal=9"))
        self.assertEqual("signal=9", merged("signal=9", "exit=1"))


if __name__ == "__main__":
    sys.exit(run_unittests(sys.modules[__name__]))
