#!/usr/bin/env python3
"""Tests of the test bed itself: result counting, console reading, the
watchdog and the Makefile's checks. Runs on the host; prints TAP.

The guests are stood in for by a fake QEMU: a shell script that prints a
console log, or hangs.
"""

import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

import boot
from testbed.arches import all_arches, guest
from testbed.results import count_program, run_unittests

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

KSELFTEST_OUTPUT = """\
TAP version 13
1..4
# a diagnostic line
ok 1 first
ok 2 # SKIP no such feature
not ok 3 third
ok 4 fourth
# Totals: pass:2 fail:1 xfail:0 xpass:0 skip:1 error:0
""".splitlines()

GOOD_CONSOLE = """\
[    0.000000] Linux version 6.12.117-tracy-fast
TRACY-FAST-BEGIN /bin/smoke-x86_64
ok 1 one
ok 2 # SKIP two
TRACY-FAST-END /bin/smoke-x86_64 exit=0
TRACY-FAST-BEGIN /bin/smoke-i386
ok 1 one
TRACY-FAST-END /bin/smoke-i386 exit=0
TRACY-FAST-DONE
"""

# Programs run two at a time (tracyfast.jobs=2): each one's frame comes
# when it ends.
JOBS_CONSOLE = """\
TRACY-FAST-START /bin/smoke-x86_64
TRACY-FAST-START /bin/slow-x86_64
TRACY-FAST-BEGIN /bin/smoke-x86_64
ok 1 one
TRACY-FAST-END /bin/smoke-x86_64 exit=0
TRACY-FAST-START /bin/smoke-i386
TRACY-FAST-BEGIN /bin/smoke-i386
ok 1 one
not ok 2 two
TRACY-FAST-END /bin/smoke-i386 exit=1
TRACY-FAST-BEGIN /bin/slow-x86_64
ok 1 one
ok 2 # SKIP two
TRACY-FAST-END /bin/slow-x86_64 exit=0
TRACY-FAST-DONE
"""

PANIC_CONSOLE = """\
TRACY-FAST-BEGIN /bin/smoke-x86_64
ok 1 one
[    1.000000] Kernel panic - not syncing: Attempted to kill init!
[    1.000001] CPU: 0 PID: 1 Comm: init
"""


class CountProgram(unittest.TestCase):
    def test_counts_each_tap_result(self):
        counts = count_program("p", KSELFTEST_OUTPUT, "exit=1")
        self.assertEqual((2, 1, 1),
                         (counts.passed, counts.failed, counts.skipped))
        self.assertIn("p: not ok 3 third", counts.failures)

    def test_program_without_tap_counts_once_by_status(self):
        for status, expected in (("exit=0", (1, 0, 0)), ("exit=4", (0, 0, 1)),
                                 ("exit=1", (0, 1, 0)),
                                 ("error=2", (0, 1, 0))):
            counts = count_program("p", ["hello"], status)
            self.assertEqual(expected, (counts.passed, counts.failed,
                                        counts.skipped), status)

    def test_crash_after_passing_results_is_a_failure(self):
        counts = count_program("p", ["ok 1 a", "ok 2 b"], "signal=11")
        self.assertEqual((2, 1), (counts.passed, counts.failed))
        self.assertIn("signal=11", counts.failures[0])


def collect(console):
    collector = boot.Collector("guest", out=io.StringIO())
    for line in console.splitlines():
        collector.feed(line)
    return collector


def counted(console):
    """The counts of a whole console, and them as (passed, failed,
    skipped)."""
    collector = collect(console)
    collector.finish(watchdog_fired=False, timeout=1)
    counts = collector.counts
    return counts, (counts.passed, counts.failed, counts.skipped)


class ReadConsole(unittest.TestCase):
    def test_good_run(self):
        self.assertEqual((2, 0, 1), counted(GOOD_CONSOLE)[1])

    def test_each_program_line_says_how_long_it_took(self):
        collector = collect(GOOD_CONSOLE)
        shown = collector.out.getvalue()
        self.assertRegex(shown, r"GUEST   guest: /bin/smoke-x86_64: .*"
                         r"\(\d+ s\)\n")

    def test_panic_fails_and_names_the_panic(self):
        collector = collect(PANIC_CONSOLE)
        collector.finish(watchdog_fired=False, timeout=1)
        reasons = "\n".join(collector.counts.failures)
        self.assertIn("Kernel panic - not syncing", reasons)
        self.assertIn("while running /bin/smoke-x86_64", reasons)

    def test_kernel_warning_in_a_good_run_fails(self):
        collector = collect(GOOD_CONSOLE.replace(
            "ok 1 one\n", "ok 1 one\n[ 2.0] WARNING: CPU: 0 PID: 9 at x\n", 1))
        collector.finish(watchdog_fired=False, timeout=1)
        self.assertEqual(1, collector.counts.failed)

    def test_guest_without_programs_fails(self):
        collector = collect("TRACY-FAST-DONE\n")
        collector.finish(watchdog_fired=False, timeout=1)
        self.assertEqual(["guest: the guest ran no test program"],
                         collector.counts.failures)

    def test_programs_run_beside_others_are_counted(self):
        counts, numbers = counted(JOBS_CONSOLE)
        self.assertEqual((3, 1, 1), numbers)
        self.assertEqual(["guest: /bin/smoke-i386: not ok 2 two"],
                         counts.failures)

    def test_program_that_started_but_never_ended_fails(self):
        counts, _ = counted(JOBS_CONSOLE.replace(
            "TRACY-FAST-BEGIN /bin/slow-x86_64\nok 1 one\n"
            "ok 2 # SKIP two\nTRACY-FAST-END /bin/slow-x86_64 exit=0\n", ""))
        self.assertEqual(["guest: /bin/smoke-i386: not ok 2 two",
                          "guest: /bin/slow-x86_64 started, but the guest "
                          "never reported its end"], counts.failures)

    def test_watchdog_names_every_program_running(self):
        collector = collect("TRACY-FAST-START /bin/a\n"
                            "TRACY-FAST-START /bin/b\n")
        collector.finish(watchdog_fired=True, timeout=5)
        self.assertEqual(["guest: watchdog: no end after 5 s, while running "
                          "/bin/a, /bin/b"], collector.counts.failures)

    def test_watchdog_names_the_running_program(self):
        collector = collect("TRACY-FAST-BEGIN /bin/hang\n")
        collector.finish(watchdog_fired=True, timeout=5)
        self.assertEqual(["guest: watchdog: no end after 5 s, while running "
                          "/bin/hang"], collector.counts.failures)


class FakeQemu(unittest.TestCase):
    """boot.py end to end, with a script in place of QEMU."""

    def run_boot(self, script, timeout, boot_timeout=300):
        with tempfile.TemporaryDirectory() as tmp:
            qemu = os.path.join(tmp, "qemu")
            with open(qemu, "w", encoding="utf-8") as f:
                f.write("#!/bin/sh\n" + script)
            os.chmod(qemu, 0o755)
            results = os.path.join(tmp, "results.json")
            done = subprocess.run(
                [sys.executable, os.path.join(HERE, "boot.py"), "--name", "g",
                 "--qemu", qemu, "--kernel", "k", "--initrd", "i",
                 "--console", "ttyS0", "--timeout", str(timeout),
                 "--boot-timeout", str(boot_timeout),
                 "--results", results],
                capture_output=True, text=True, timeout=60, check=False)
            with open(results, encoding="utf-8") as f:
                return done, json.load(f)

    def test_good_guest_passes(self):
        done, results = self.run_boot(
            f"cat <<'EOF'\n{GOOD_CONSOLE}EOF\n", timeout=30)
        self.assertEqual(0, done.returncode, done.stdout)
        self.assertEqual(2, results["passed"])

    def test_silent_guest_is_ended_by_the_boot_watchdog(self):
        done, results = self.run_boot("exec sleep 60\n", timeout=30,
                                      boot_timeout=1)
        self.assertEqual(1, done.returncode)
        self.assertEqual(["g: watchdog: no test program started within "
                          "1 s of boot"], results["failures"])

    def test_hung_guest_is_ended_by_the_watchdog(self):
        done, results = self.run_boot(
            "echo TRACY-FAST-BEGIN /bin/hang\nexec sleep 60\n", timeout=1)
        self.assertEqual(1, done.returncode)
        self.assertIn("while running /bin/hang", results["failures"][0])


class PanicDrill(unittest.TestCase):
    """A real guest kernel that panics must fail the run and show why.

    `test_boot.py --drill` runs this test alone (make test-drill), the
    other tests run without it: they need no guest. The Makefile sets
    TRACY_FAST_DRILL to boot.py's arguments for a built guest; the drill
    boots it with an /init that does not exist.
    """

    @unittest.skipUnless(os.environ.get("TRACY_FAST_DRILL"),
                         "TRACY_FAST_DRILL (a built guest) not given")
    def test_guest_without_init_panics_and_fails(self):
        args = shlex.split(os.environ["TRACY_FAST_DRILL"])
        split = args.index("--")
        with tempfile.TemporaryDirectory() as tmp:
            results = os.path.join(tmp, "results.json")
            done = subprocess.run(
                [sys.executable, os.path.join(HERE, "boot.py"),
                 *args[:split], "--append", "rdinit=/no/such/init",
                 "--timeout", "300", "--results", results, *args[split:]],
                capture_output=True, text=True, timeout=400, check=False)
            with open(results, encoding="utf-8") as f:
                failures = json.load(f)["failures"]
        self.assertEqual(1, done.returncode, done.stdout)
        self.assertIn("Kernel panic - not syncing", failures[0])
        self.assertIn("Kernel panic - not syncing", done.stdout)


class RunHost(unittest.TestCase):
    """selftests/run-host.py, with programs that are shell scripts."""

    ENV = dict(os.environ, PYTHONPATH=HERE)

    def test_jobs_keep_the_order_of_the_commands(self):
        with tempfile.TemporaryDirectory() as tmp:
            commands = []
            # The first ends last: its line must still come first.
            for name, script in (("slow", "sleep 1; echo 'ok 1 slow'"),
                                 ("fails", "echo 'not ok 1 fails'; exit 1"),
                                 ("fast", "echo 'ok 1 fast'")):
                path = os.path.join(tmp, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(f"#!/bin/sh\n{script}\n")
                os.chmod(path, 0o755)
                commands.append(path)
            results = os.path.join(tmp, "results.json")
            done = subprocess.run(
                [sys.executable, os.path.join(TOP, "selftests/run-host.py"),
                 "--jobs", "2", "--results", results, *commands],
                capture_output=True, text=True, timeout=60, check=False,
                env=self.ENV)
            with open(results, encoding="utf-8") as f:
                counts = json.load(f)
        self.assertEqual(1, done.returncode)
        shown = [line.split()[1].rstrip(":") for line in
                 done.stdout.splitlines() if line.startswith("  HOST")]
        self.assertEqual(commands, shown)
        self.assertEqual((2, 1), (counts["passed"], counts["failed"]))

    def test_no_jobs_is_refused(self):
        done = subprocess.run(
            [sys.executable, os.path.join(TOP, "selftests/run-host.py"),
             "--jobs", "0", "--results", "/dev/null", "true"],
            capture_output=True, text=True, timeout=60, check=False,
            env=self.ENV)
        self.assertEqual(2, done.returncode)
        self.assertIn("--jobs wants 1 or more", done.stderr)


class Initramfs(unittest.TestCase):
    """make-initramfs.sh, with cat in place of gen_init_cpio: the packed
    archive is then the list it was given."""

    def pack(self, *args):
        with tempfile.TemporaryDirectory() as tmp:
            programs = []
            for name in ("smoke-x86_64", "libtracy-x86_64"):
                programs.append(os.path.join(tmp, name))
                with open(programs[-1], "w", encoding="utf-8"):
                    pass
            output = os.path.join(tmp, "initramfs.cpio")
            done = subprocess.run(
                [os.path.join(HERE, "make-initramfs.sh"), output, "cat",
                 programs[0], programs[0], *args, *programs],
                capture_output=True, text=True, check=False)
            tests = None
            if done.returncode == 0:
                with open(output + ".d/tests", encoding="utf-8") as f:
                    tests = f.read().splitlines()
            return done, tests

    def test_each_program_is_one_line_of_the_list(self):
        _, tests = self.pack()
        self.assertEqual(["/bin/smoke-x86_64", "/bin/libtracy-x86_64"], tests)

    def test_run_splits_a_program_into_parts(self):
        _, tests = self.pack("--run", "libtracy-x86_64=-V,seccomp",
                             "--run", "libtracy-x86_64=-v,seccomp")
        self.assertEqual(["/bin/smoke-x86_64",
                          "/bin/libtracy-x86_64 -V seccomp",
                          "/bin/libtracy-x86_64 -v seccomp"], tests)

    def test_first_puts_a_part_at_the_top(self):
        _, tests = self.pack("--first", "libtracy-x86_64=-t,waits",
                             "--run", "libtracy-x86_64=-T,waits")
        self.assertEqual(["/bin/libtracy-x86_64 -t waits",
                          "/bin/smoke-x86_64",
                          "/bin/libtracy-x86_64 -T waits"], tests)

    def test_run_without_arguments_is_refused(self):
        for option in ("--run", "--first"):
            done, _ = self.pack(option, "libtracy-x86_64")
            self.assertEqual(2, done.returncode)
            self.assertIn(f"{option} wants NAME=ARGS", done.stderr)


class Arches(unittest.TestCase):
    def test_every_arch_declares_its_guest(self):
        arches = all_arches()
        self.assertIn("x86_64", arches)
        for arch in arches:
            declared = guest(arch)
            for key in ("kernel_arch", "kernel_image", "qemu", "console",
                        "machine", "abis"):
                self.assertTrue(declared.get(key), f"guest.{arch}.{key}")
            self.assertTrue(os.path.exists(os.path.join(
                TOP, "arch", arch, "kernel.config")), arch)

    def test_make_knows_the_same_arches(self):
        done = make("-s", "kernel", "ARCH=none")
        self.assertIn("use one of: " + " ".join(all_arches()), done.stderr)


class StandsAlone(unittest.TestCase):
    def test_no_file_points_outside_the_tree(self):
        # Bracketed, so that this file does not match itself.
        done = subprocess.run(["git", "-C", TOP, "grep", "-n", "-e",
                               "[.][.]/shared", "-e", "shared/DESIGN[.]md"],
                              capture_output=True, text=True, check=False)
        if done.returncode > 1:
            self.skipTest(f"not a git checkout: {done.stderr.strip()}")
        self.assertEqual("", done.stdout)

    def test_the_contract_is_in_the_tree(self):
        with open(os.path.join(TOP, "doc", "kernel-api.md"),
                  encoding="utf-8") as f:
            contract = f.read()
        for request in ("PTRACE_SETSYSCALLMASK", "PTRACE_GETSYSCALLMASK",
                        "PTRACE_SYSCALLWHITELIST", "PTRACE_SYSCALLBLACKLIST",
                        "PTRACE_SYSCALLMASK_NOEXIT"):
            self.assertIn(request, contract)


def make(*args):
    return subprocess.run(["make", "-C", TOP, *args], capture_output=True,
                          text=True, check=False)


class Makefile(unittest.TestCase):
    def test_unknown_arch_is_refused_with_the_valid_ones(self):
        done = make("-s", "kernel", "ARCH=sparc")
        self.assertNotEqual(0, done.returncode)
        self.assertIn("use one of: " + " ".join(all_arches()), done.stderr)

    def test_unknown_or_empty_arches_are_refused(self):
        for arches in ("sparc", "arm sparc", ""):
            done = make("-s", "-n", "test", f"ARCHES={arches}")
            self.assertNotEqual(0, done.returncode, arches)
            self.assertIn("use all, or guests among: " +
                          " ".join(all_arches()), done.stderr)

    def test_arches_chooses_the_guests_make_test_runs(self):
        done = make("-s", "-n", "test", "ARCHES=arm i386")
        self.assertEqual(0, done.returncode, done.stderr)
        for arch in ("arm", "i386"):
            # What the guest places boot is built first, then they boot.
            for place in (f"guest-{arch}", f"guest-regress-{arch}",
                          f"test-{arch}", f"regress-{arch}"):
                self.assertRegex(done.stdout, rf"\b{place}\b")
        for arch in set(all_arches()) - {"arm", "i386"}:
            self.assertNotRegex(done.stdout, rf"\b(test|regress)-{arch}\b")
        self.assertNotIn("test-drill", done.stdout)

    def test_lts_place_boots_the_series_selftests_unless_told(self):
        lts_boot = r"boot\.py --name x86_64-linux-6\.12 .*--initrd (\S+)"
        for setting, cpio in (((), "initramfs-smoke+ptrace.cpio"),
                              (("LTS_SELFTESTS=all",), "initramfs.cpio")):
            done = make("-s", "-n", "test", "ARCHES=x86_64", *setting)
            self.assertEqual(0, done.returncode, done.stderr)
            boots = re.findall(lts_boot, done.stdout)
            self.assertTrue(boots, setting)
            self.assertEqual({"build/6.12/x86_64/" + cpio},
                             {b for b in boots if "regress" not in b})

    def test_unknown_or_empty_selftest_selections_are_refused(self):
        for setting in ("LTS_SELFTESTS=bogus", "LTS_SELFTESTS=",
                        "GUEST_SELFTESTS=smoke bogus", "DEBUG_SELFTESTS="):
            done = make("-s", "-n", "test", "test-debug", setting)
            self.assertNotEqual(0, done.returncode, setting)
            self.assertIn(setting.split("=")[0], done.stderr)
            self.assertIn("use names among: smoke ptrace", done.stderr)

    def test_host_tests_build_and_boot_no_kernel(self):
        # The host's ptrace selftests build with the patched tree's uapi
        # headers (prepare-source.sh, then make headers): the only use of
        # a kernel tree that the host tests may make.
        for target in ("test-host", "check"):
            done = make("-n", "-W", "qemu/init.c", target)
            self.assertEqual(0, done.returncode, done.stderr)
            for kernel_step in ("build-kernel.sh", "qemu/boot.py"):
                self.assertNotIn(kernel_step, done.stdout, target)
            kernel_makes = [line for line in done.stdout.splitlines()
                            if re.search(r"\bmake .*-C \S*linux-", line)]
            self.assertTrue(kernel_makes, target)
            for line in kernel_makes:
                self.assertRegex(line, r" headers$", target)


if __name__ == "__main__":
    DRILL = sys.argv[1:] == ["--drill"]
    sys.exit(run_unittests(sys.modules[__name__], lambda case:
                           isinstance(case, PanicDrill) == DRILL))
