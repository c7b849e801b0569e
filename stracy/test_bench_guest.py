#!/usr/bin/env python3
"""Tests of stracy/bench_guest.py, which finds what the real workloads of
stracy/bench.py need in the x86_64 guest: its reading of strace's lines,
the ELF interpreters, and a real run here (the workloads traced, the
files and the workloads file it writes). Runs on the host, needs no
guest; prints TAP.
"""

import os
import shutil
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402
import bench_guest  # noqa: E402
from testbed.results import run_unittests  # noqa: E402


class Lines(unittest.TestCase):
    def match(self, line):
        call = bench_guest.CALL.match(line)
        return call and call.groups()

    def test_paths_and_results(self):
        self.assertEqual(("openat", "/etc/ld.so.cache", "3"), self.match(
            'openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3'))
        self.assertEqual(("openat", "/x/libc.so.6", "-1"), self.match(
            'openat(AT_FDCWD, "/x/libc.so.6", O_RDONLY|O_CLOEXEC) = -1 '
            'ENOENT (No such file or directory)'))
        self.assertEqual(("execve", "/usr/bin/cc", "0"), self.match(
            'execve("/usr/bin/cc", ["cc", "-c", "f0.c"], 0x5612 /* 3 vars '
            '*/) = 0'))
        self.assertEqual(("newfstatat", "/usr/lib", "0"), self.match(
            'newfstatat(3, "/usr/lib", {st_mode=S_IFDIR|0755, ...}, 0) = 0'))
        self.assertEqual(("readlink", "/usr/bin/python3", "10"), self.match(
            'readlink("/usr/bin/python3", "python3.11", 4096) = 10'))
        # Relative paths are in the workloads' own trees.
        self.assertFalse(self.match(
            'openat(AT_FDCWD, "Makefile", O_RDONLY) = 3'))
        self.assertFalse(self.match("+++ exited with 0 +++"))


class Interpreter(unittest.TestCase):
    def test_elf_script_and_other(self):
        self.assertTrue(bench_guest.interpreter(
            bench_guest.which("make")).endswith("/ld-linux-x86-64.so.2"))
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "script")
            with open(script, "w") as f:
                f.write("#!/bin/sh -e\necho\n")
            self.assertEqual("/bin/sh", bench_guest.interpreter(script))
            with open(script, "w") as f:
                f.write("plain text\n")
            self.assertIsNone(bench_guest.interpreter(script))


_written = {}


def written():
    """bench_guest.py's output on this machine, as make writes it (once):
    (the lines of its workloads file, {dest: src} of its files)."""
    if not _written:
        tmp = tempfile.mkdtemp(prefix="test-bench-guest-")
        try:
            bench_guest.write(tmp)
            with open(os.path.join(tmp, "workloads")) as f:
                _written["lines"] = [line.rstrip("\n").split("\t")
                                     for line in f]
            with open(os.path.join(tmp, "files")) as f:
                _written["files"] = dict(
                    line.split(" ", 1)[1].rstrip("\n").split("=", 1)
                    for line in f)
            # The sources must be there when the test looks.
            _written["tmp"] = tmp
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return _written["lines"], _written["files"]


class Write(unittest.TestCase):
    """bench_guest.py on this machine's workloads."""

    def setUp(self):
        self.lines, self.files = written()

    def test_workloads(self):
        workloads = {line[1]: line[2:] for line in self.lines
                     if line[0] == "workload"}
        self.assertEqual(["make", "find", "python"], list(workloads))
        # make itself, and at least a compiler driver per C file.
        self.assertGreaterEqual(int(workloads["make"][0]), 1 + 17)
        self.assertEqual("1", workloads["find"][0])
        self.assertEqual("1", workloads["python"][0])
        self.assertEqual(["/usr/bin/make", "-s", "-B", "-j2", "-C",
                          f"{bench_guest.GUEST_DIR}/src"],
                         workloads["make"][1:])
        self.assertEqual(["/usr/bin/find", f"{bench_guest.GUEST_DIR}/walk",
                          "-printf", r"%s\n"], workloads["find"][1:])
        sets = [(line[1], line[2:]) for line in self.lines
                if line[0] == "set"]
        self.assertEqual(bench.SETS, sets)

    def test_programs_and_what_they_use(self):
        for path in ("/usr/bin/make", "/usr/bin/find", "/usr/bin/python3",
                     "/usr/bin/cc", "/usr/bin/strace",
                     "/lib64/ld-linux-x86-64.so.2",
                     "/usr/lib/python3.11/os.py",
                     bench_guest.GUEST_WORKLOADS):
            self.assertIn(path, self.files)
        self.assertTrue(any(path.endswith("/cc1") for path in self.files))
        for dest, src in self.files.items():
            self.assertFalse(dest.startswith(bench_guest.SKIP), dest)
            self.assertTrue(os.path.isfile(src), src)

    def test_trees(self):
        tree = [dest for dest in self.files
                if dest.startswith(bench_guest.GUEST_DIR + "/")]
        walk = [d for d in tree if d.startswith(
            f"{bench_guest.GUEST_DIR}/walk/")]
        self.assertEqual(3000, len(walk))
        self.assertIn(f"{bench_guest.GUEST_DIR}/src/Makefile", tree)
        self.assertEqual(17, len([d for d in tree if d.endswith(".c")]))


def main():
    try:
        return run_unittests(sys.modules[__name__])
    finally:
        if "tmp" in _written:
            shutil.rmtree(_written["tmp"], ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
