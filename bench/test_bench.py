#!/usr/bin/env python3
"""Tests of the benchmark tooling: collect.py reading a guest's console,
report.py's ratios, notes and plot, make-initramfs.sh --file, and the
Makefile's check of ARCHES. Runs on the host, needs no guest; prints TAP.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "report"))
import report  # noqa: E402
from testbed.results import run_unittests  # noqa: E402


def bench_json(runs, **context):
    return {"context": dict({"num_cpus": 1, "date": "today"}, **context),
            "benchmarks": runs}


def run(name, real_time, unit="us", **fields):
    return dict({"name": name + "/manual_time",
                 "run_name": name + "/manual_time", "run_type": "iteration",
                 "real_time": real_time, "time_unit": unit}, **fields)


def error(name, message):
    return {"name": name + "/manual_time", "run_name": name + "/manual_time",
            "run_type": "iteration", "error_occurred": True,
            "error_message": message, "real_time": 0, "time_unit": "us"}


SYSCALL_RUNS = [
    run("unselected/untraced", 1000, ns_per_syscall=500, stops=0),
    run("unselected/classic", 100000, ns_per_syscall=50000, stops=4030),
    error("unselected/seccomp", "seccomp backend: Function not implemented"),
    run("unselected/kmask", 1050, ns_per_syscall=525, stops=0),
    run("attach/untraced", 1000, ns_per_syscall=500, stops=0),
    error("attach/seccomp", "not applicable: cannot attach"),
]


class Collect(unittest.TestCase):
    def collect(self, console, *options):
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "console.log")
            with open(log, "w") as f:
                f.write(console)
            out = os.path.join(tmp, "out")
            done = subprocess.run(
                [sys.executable, os.path.join(HERE, "report", "collect.py"),
                 "guest", log, out, "--arch", "x86_64", "--qemu", "true",
                 *options], capture_output=True, text=True, check=False)
            files = {}
            for name in sorted(os.listdir(out)):
                with open(os.path.join(out, name)) as f:
                    files[name] = json.load(f)
            return done, files

    def test_json_survives_progress_and_messages(self):
        data = json.dumps(bench_json(SYSCALL_RUNS), indent=2).splitlines()
        # A kernel message inside the JSON, a tracer's message before it.
        data.insert(3, "[   12.345678] random: crng init done")
        console = "\n".join([
            "TRACY-FAST-KERNEL 6.12.117-tracy-fast #5 SMP x86_64",
            "TRACY-FAST-BEGIN /bin/bench-syscall-i386",
            "unselected/untraced/manual_time   1000 us   5 ...",
            "tracy: the seccomp backend is not implemented yet",
            "GBENCH-JSON-BEGIN", *data, "GBENCH-JSON-END",
            "TRACY-FAST-END /bin/bench-syscall-i386 exit=0",
            "TRACY-FAST-DONE", ""])
        done, files = self.collect(console)
        self.assertEqual(0, done.returncode, done.stderr)
        place = files["bench-syscall-i386.json"]["context"]["tracy_fast"]
        self.assertEqual("6.12.117-tracy-fast #5 SMP x86_64", place["kernel"])
        self.assertEqual("i386", place["abi"])
        self.assertEqual("x86_64 guest", place["place"])
        self.assertEqual(1, place["cpus_seen"])
        self.assertIn("CPUs", place["machine"])

    def test_the_mode_is_named(self):
        data = json.dumps(bench_json(SYSCALL_RUNS)).splitlines()
        console = "\n".join([
            "TRACY-FAST-BEGIN /bin/bench-syscall-x86_64",
            "GBENCH-JSON-BEGIN", *data, "GBENCH-JSON-END",
            "TRACY-FAST-END /bin/bench-syscall-x86_64 exit=0", ""])
        for options, mode in (((), "wall"),
                              (("--icount", "shift=0,sleep=off"), "icount")):
            done, files = self.collect(console, *options)
            self.assertEqual(0, done.returncode, done.stderr)
            place = files["bench-syscall-x86_64.json"]["context"][
                "tracy_fast"]
            self.assertEqual(mode, place["mode"])
        self.assertIn("-icount shift=0,sleep=off", place["mode_text"])
        self.assertIn("-icount shift=0,sleep=off", place["emulator"])

    def test_program_without_json_fails(self):
        console = "\n".join([
            "TRACY-FAST-BEGIN /bin/bench-syscall-x86_64",
            "Segmentation fault",
            "TRACY-FAST-END /bin/bench-syscall-x86_64 signal=11", ""])
        done, files = self.collect(console)
        self.assertNotEqual(0, done.returncode)
        self.assertIn("bench-syscall-x86_64: no JSON", done.stderr)
        self.assertEqual({}, files)


# Guest instructions per getpid as issue 13 measured them (x86_64 guest).
ICOUNT_RUNS = [
    run("unselected/untraced", 442, ns_per_syscall=221),
    run("unselected/ptrace-cont", 442, ns_per_syscall=221),
    run("unselected/kmask", 594, ns_per_syscall=297),
    run("unselected/seccomp", 722, ns_per_syscall=361),
    run("unselected/ptrace-syscall", 28442, ns_per_syscall=14221),
    run("unselected/classic", 30442, ns_per_syscall=15221),
    run("selected/kmask", 31400, ns_per_syscall=15700),
    run("selected/classic", 31500, ns_per_syscall=15750),
    run("entry_only/kmask", 16200, ns_per_syscall=8100),
]


class Report(unittest.TestCase):
    def places(self, runs, **mode):
        with tempfile.TemporaryDirectory() as tmp:
            place = os.path.join(tmp, "x86_64")
            os.makedirs(place)
            info = dict({"place": "x86_64 guest", "abi": "x86_64",
                         "machine": "CPU, 2 CPUs", "emulator": "QEMU, TCG",
                         "kernel": "6.12.117-tracy-fast", "settings": ""},
                        **mode)
            with open(os.path.join(place, "bench-syscall-x86_64.json"),
                      "w") as f:
                json.dump(bench_json(runs, tracy_fast=info), f)
            return report.load([place])

    def test_ratios_against_untraced(self):
        text = report.markdown(self.places(SYSCALL_RUNS))
        rows = {line.split("|")[2].strip(): line.split("|")[3].strip()
                for line in text.splitlines() if line.count("|") == 4}
        self.assertEqual("1.00 (500 ns)", rows["untraced"])
        self.assertEqual("100 (50 µs), 4030 stops", rows["classic"])
        self.assertEqual("1.05 (525 ns), 0 stops", rows["kmask"])
        self.assertEqual("n/a", rows["seccomp"])

    def test_errors_are_notes_not_numbers(self):
        text = report.markdown(self.places(SYSCALL_RUNS))
        self.assertIn("| seccomp | error [1] |", text)
        self.assertIn("[1] seccomp backend: Function not implemented", text)
        self.assertNotIn("0.00", text)

    def test_each_place_is_named(self):
        text = report.markdown(self.places(SYSCALL_RUNS))
        self.assertIn("emulator QEMU, TCG; kernel 6.12.117-tracy-fast", text)

    def test_repetitions_give_the_median_and_the_spread(self):
        runs = [run("unselected/untraced", t, ns_per_syscall=t / 2)
                for t in (900, 1000, 5000)]
        runs.append(dict(run("unselected/untraced", 1000,
                             ns_per_syscall=500),
                         run_type="aggregate", aggregate_name="median"))
        runs.append(dict(run("unselected/untraced", 0.25, unit="us"),
                         run_type="aggregate", aggregate_name="cv"))
        text = report.markdown(self.places(runs))
        self.assertIn("1.00 (500 ns ±25%)", text)

    def test_icount_columns_count_instructions(self):
        text = report.markdown(self.places(SYSCALL_RUNS, mode="icount"))
        self.assertIn("x86_64 guest, x86_64, icount", text)
        self.assertIn("| untraced | 1.00 (500 insn) |", text)
        self.assertNotIn("500 ns", text)

    def test_real_workloads_named_with_their_settings(self):
        # bench-real fixes its iterations and repetitions: Google
        # Benchmark puts them into the names.
        def real(row, insns):
            name = f"make_execve/{row}/iterations:1/repeats:3"
            return run(name, insns / 1e6, unit="ms")
        text = report.markdown(self.places(
            [real("untraced", 1.33e9), real("stracy", 1.343e9)],
            mode="icount"))
        self.assertIn("| 8a: make -j2 of 17 C files, traced -f -e "
                      "trace=execve | untraced | 1.00 (1.33 G insn) |", text)
        self.assertIn("| stracy -f | 1.01 (1.34 G insn) |", text)

    def test_decomposition_in_instructions(self):
        text = report.markdown(self.places(ICOUNT_RUNS, mode="icount"))
        row = [line for line in text.splitlines()
               if line.startswith("| x86_64 guest, x86_64 |")]
        self.assertEqual(1, len(row), text)
        cells = [c.strip() for c in row[0].split("|")[2:-1]]
        self.assertEqual(["221", "+0", "+76", "+140", "7,000",
                          "7,500 (+7.1 %)", "15,700 (-0.3 %)", "15,750",
                          "8,100 (-48.4 %)"], cells)

    def test_no_decomposition_from_wall_clock(self):
        text = report.markdown(self.places(ICOUNT_RUNS))
        self.assertNotIn("taken apart", text)

    def test_soxy_rows_name_direct_and_give_the_rate(self):
        runs = [run("soxy_bulk/untraced", 100, unit="ms",
                    bytes_per_second=335.5e6),
                run("soxy_bulk/kmask", 200, unit="ms",
                    bytes_per_second=167.8e6, stops=2)]
        text = report.markdown(self.places(runs))
        self.assertIn("| direct: no soxy, no proxy | 1.00 (100 ms), "
                      "336 MB/s |", text)
        self.assertIn("| kmask | 2.00 (200 ms), 168 MB/s, 2 stops |", text)
        text = report.markdown(self.places(runs, mode="icount"))
        self.assertIn("168 MB per G insn, 2 stops", text)

    def test_plot_is_svg_and_names_the_kernel(self):
        svg = report.svg(self.places(SYSCALL_RUNS))
        root = ElementTree.fromstring(svg)
        self.assertTrue(root.tag.endswith("svg"))
        self.assertIn("kernel 6.12.117-tracy-fast", svg)
        self.assertIn("n/a", svg)

    def test_plot_draws_the_attaching_tools(self):
        runs = SYSCALL_RUNS + [run("attach/strace-p", 90000),
                               run("attach/stracy-p", 3000)]
        svg = report.svg(self.places(runs))
        self.assertIn("strace-p: 90×", svg)
        self.assertIn("stracy-p: 3×", svg)


class Initramfs(unittest.TestCase):
    GEN = os.path.join(TOP, "build", "host", "gen_init_cpio")

    @unittest.skipUnless(os.path.exists(GEN), "gen_init_cpio not built")
    def test_files_get_their_directories_and_are_not_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("init", "info", "lib", "prog"):
                with open(os.path.join(tmp, name), "w") as f:
                    f.write(name)
            out = os.path.join(tmp, "out.cpio")
            subprocess.run(
                ["sh", os.path.join(TOP, "qemu", "make-initramfs.sh"), out,
                 self.GEN, os.path.join(tmp, "init"),
                 os.path.join(tmp, "info"),
                 "--file", "/usr/lib/x/libz.so=" + os.path.join(tmp, "lib"),
                 os.path.join(tmp, "prog")], check=True)
            with open(out + ".d/list") as f:
                entries = [line.split()[:2] for line in f]
            with open(out + ".d/tests") as f:
                tests = f.read().split()
        order = [path for kind, path in entries]
        self.assertLess(order.index("/usr"), order.index("/usr/lib"))
        self.assertLess(order.index("/usr/lib/x"),
                        order.index("/usr/lib/x/libz.so"))
        self.assertIn(["file", "/usr/lib/x/libz.so"], entries)
        self.assertEqual(["/bin/prog"], tests)


class Makefile(unittest.TestCase):
    def test_unknown_bench_arch_is_refused(self):
        done = subprocess.run(["make", "-s", "-C", TOP, "-n", "bench",
                               "ARCHES=sparc"],
                              capture_output=True, text=True, check=False)
        self.assertNotEqual(0, done.returncode)
        self.assertIn("use all, or guests among: x86_64 i386 arm arm64",
                      done.stderr)


if __name__ == "__main__":
    sys.exit(run_unittests(sys.modules[__name__]))
