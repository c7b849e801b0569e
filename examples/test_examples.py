#!/usr/bin/env python3
"""Smoke tests of the example tracers: each runs a few commands and its
output is checked. Prints TAP, for selftests/run-host.py.

    test_examples.py DIR

DIR holds the built examples (build/examples, or build/asan/examples).
EXAMPLES_WRAPPER in the environment, such as "valgrind --quiet ...", runs
each example under that command. A report of a checker (ASan, UBSan,
valgrind) on an example's stderr fails its test.
"""

import ast
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 120
CHECKER_REPORT = re.compile(r"^==\d+==|runtime error:", re.MULTILINE)
# The trees the programs of a jailed command and their libraries are in.
SYSTEM_DIRS = [d for d in ("/usr", "/bin", "/lib", "/lib64", "/etc")
               if os.path.isdir(d)]
USAGE_STATUS = 125
# The number of open(2), which the C library no longer calls itself.
SYS_OPEN = {"x86_64": 2, "i686": 5, "i386": 5, "armv7l": 5}
PYTHON = "/usr/bin/python3"


class Skip(Exception):
    """The test cannot run here; the message says why."""


class Example:
    """Runs the examples of one directory."""

    def __init__(self, directory):
        self.directory = os.path.abspath(directory)
        self.wrapper = shlex.split(os.environ.get("EXAMPLES_WRAPPER", ""))

    def run(self, name, *args, cwd=None, env=None):
        command = self.wrapper + [os.path.join(self.directory, name)]
        done = subprocess.run(command + list(args), cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=TIMEOUT, check=False)
        report = CHECKER_REPORT.search(done.stderr)
        check(not report, f"a checker reported on {name}:\n{done.stderr}")
        return done


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_status(done, status):
    check(done.returncode == status,
          f"exit status {done.returncode}, not {status}; stderr:\n"
          f"{done.stderr}")


def test_iolog_logs_reads_and_writes(ex, tmp):
    log = os.path.join(tmp, "log")
    done = ex.run("iolog", "-o", log, "--", "/bin/sh", "-c",
                  "echo hello > f; cat f", cwd=tmp)
    expect_status(done, 0)
    check(done.stdout == "hello\n", f"stdout {done.stdout!r}")
    with open(log, encoding="utf-8") as f:
        text = f.read()
    opened = re.search(r'^(\d+) openat\(AT_FDCWD, "f", '
                       r'O_WRONLY\|O_CREAT\|O_TRUNC\) = \d+$', text, re.M)
    check(opened, f"no openat of f for writing in:\n{text}")
    shell = opened.group(1)
    check(re.search(rf'^{shell} write\(1, 6\) = 6 "hello\\n"$', text, re.M),
          "no write of hello by the shell")
    # cat is a child of the shell: traced too, under its own pid.
    read = re.search(r'^(\d+) read\(\d+, \d+\) = 6 "hello\\n"$', text, re.M)
    check(read and read.group(1) != shell, "no read of hello by cat")


def test_iolog_logs_errors_and_cuts_data(ex, tmp):
    done = ex.run("iolog", "-s", "4", "--", "cat", "/nonexistent", cwd=tmp)
    expect_status(done, 1)
    check(re.search(r'openat\(AT_FDCWD, "/nonexistent", O_RDONLY\) = '
                    r'-1 ENOENT$', done.stderr, re.M),
          f"no failed openat in:\n{done.stderr}")
    check(re.search(r'write\(2, \d+\) = \d+ "cat:"\.\.\.$', done.stderr,
                    re.M), f"no write cut to 4 bytes in:\n{done.stderr}")


def test_iolog_usage(ex, tmp):
    for args in ([], ["-s", "x", "--", "true"], ["-o", tmp, "--", "true"]):
        done = ex.run("iolog", *args)
        expect_status(done, USAGE_STATUS)
    done = ex.run("iolog", "--", "/nonexistent/program")
    expect_status(done, 127)


def jail_tree(tmp):
    """box/ (the jail), out/ (elsewhere), ro/ (read-only), and links."""
    for name in ("box", "out", "ro"):
        os.mkdir(os.path.join(tmp, name))
    for path, text in (("box/in", "inside\n"), ("out/secret", "outside\n"),
                       ("ro/r", "readonly\n")):
        with open(os.path.join(tmp, path), "w", encoding="utf-8") as f:
            f.write(text)
    os.symlink(os.path.join(tmp, "out/secret"), os.path.join(tmp, "box/link"))
    os.symlink(os.path.join(tmp, "out/new"), os.path.join(tmp, "box/dangling"))


def jail(ex, tmp, script):
    return jail_command(ex, tmp, ["/bin/sh", "-c", script])


def jail_command(ex, tmp, command, reads=()):
    """command under jail -d box -r ro, with the system and 'reads' too."""
    reads = [arg for d in SYSTEM_DIRS + list(reads) for arg in ("-r", d)]
    # A PATH in reach: the shell's look-ups elsewhere would be refused.
    env = dict(os.environ, PATH="/usr/bin:/bin")
    return ex.run("jail", "-d", "box", "-r", "ro", *reads, "--", *command,
                  cwd=tmp, env=env)


def test_jail_allows_its_tree(ex, tmp):
    jail_tree(tmp)
    done = jail(ex, tmp, "cat box/in ro/r && cd box && cat in && "
                "echo new > made && cat made && ls -l link > listed")
    expect_status(done, 0)
    check(done.stdout == "inside\nreadonly\ninside\nnew\n",
          f"stdout {done.stdout!r}")
    # The shell and ls look at /proc, / and more: only the tree matters.
    tree = re.escape(os.path.realpath(tmp))
    check(not re.search(rf"^jail: .*: {tree}/.*refused$",
                        done.stderr, re.M), f"refused:\n{done.stderr}")


def test_jail_refuses_the_rest(ex, tmp):
    jail_tree(tmp)
    for script, refused in (("cat out/secret", '"out/secret"'),
                            ("cd box && cat ../out/secret",
                             '"../out/secret"'),
                            ("cat box/link", '"box/link"'),
                            ("echo x > ro/w", '"ro/w"'),
                            ("echo x > box/dangling", '"box/dangling"'),
                            ("cd box && mv in ../out/", '"../out/"')):
        done = jail(ex, tmp, script)
        check(done.returncode != 0, f"{script}: exit status 0")
        check(re.search(rf"^jail: \d+ \w+ {re.escape(refused)}: .*refused$",
                        done.stderr, re.M),
              f"{script}: no refusal of {refused} in:\n{done.stderr}")
    check(sorted(os.listdir(os.path.join(tmp, "out"))) == ["secret"],
          "something was made outside the jail")
    check(not os.path.exists(os.path.join(tmp, "ro/w")),
          "a read-only tree was written to")


def test_jail_reads_the_flags_of_open(ex, tmp):
    number = SYS_OPEN.get(platform.machine())
    if number is None or not os.access(PYTHON, os.X_OK):
        raise Skip(f"no open(2) to call through {PYTHON} here")
    jail_tree(tmp)
    code = ("import ctypes, os\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "for path, flags in ((b'ro/r', os.O_RDONLY),\n"
            "                    (b'ro/w', os.O_WRONLY | os.O_CREAT)):\n"
            f"    fd = libc.syscall({number}, path, flags, 0o644)\n"
            "    print(fd >= 0 or os.strerror(ctypes.get_errno()))\n")
    done = jail(ex, tmp, f"{PYTHON} -c \"{code}\"")
    expect_status(done, 0)
    check(done.stdout == "True\nPermission denied\n",
          f"stdout {done.stdout!r}, stderr:\n{done.stderr}")
    check(not os.path.exists(os.path.join(tmp, "ro/w")),
          "open(O_CREAT) wrote to a read-only tree")


# The tracee opens box/in over and over while another process, sharing
# the page the path is in, flips it between box/in and bot/in, which jail
# refuses: RACE_OPENS times, or until RACE_REFUSED were refused or
# RACE_SECONDS went. (A thread of its own would need Python's lock to
# run, which makes it stop at syscalls: under classic ptrace it would
# rarely run while jail checks a path.)
RACE_TRACEE = """
import ctypes, mmap, os, signal, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.open.argtypes = [ctypes.c_void_p, ctypes.c_int]
shared = mmap.mmap(-1, mmap.PAGESIZE)
shared[:7] = b"box/in\\0"
STOP = mmap.PAGESIZE - 1
flipper = os.fork()
if not flipper:
    deadline = time.monotonic() + 60
    while not shared[STOP] and time.monotonic() < deadline:
        for _ in range(10000):
            shared[2] = ord("t")
            shared[2] = ord("x")
    os._exit(0)
path = ctypes.addressof(ctypes.c_char.from_buffer(shared))
seen = {}
opens, stop = 0, time.monotonic() + %(seconds)s
while opens < %(opens)s or (seen.get("Permission denied", 0) < %(refused)s
                            and time.monotonic() < stop):
    fd = libc.open(path, os.O_RDONLY)
    if fd < 0:
        what = os.strerror(ctypes.get_errno())
    else:
        what = os.read(fd, 64).decode().strip()
        os.close(fd)
    seen[what] = seen.get(what, 0) + 1
    opens += 1
shared[STOP] = 1
os.waitpid(flipper, 0)
print(seen)
"""
RACE_OPENS, RACE_REFUSED, RACE_SECONDS = 500, 20, 3


def test_jail_checks_the_path_the_kernel_opens(ex, tmp):
    if not os.access(PYTHON, os.X_OK):
        raise Skip(f"no {PYTHON} to run the racing threads")
    jail_tree(tmp)
    os.mkdir(os.path.join(tmp, "bot"))
    with open(os.path.join(tmp, "bot/in"), "w", encoding="utf-8") as f:
        f.write("outside\n")
    code = RACE_TRACEE % {"opens": RACE_OPENS, "refused": RACE_REFUSED,
                          "seconds": RACE_SECONDS}
    done = jail_command(ex, tmp, [PYTHON, "-c", code])
    expect_status(done, 0)
    seen = ast.literal_eval(done.stdout.strip() or "{}")
    check("outside" not in seen, f"bot/in, which jail refuses, was opened "
          f"{seen.get('outside')} times: {seen}")
    check(seen.get("inside") and seen.get("Permission denied"),
          f"the path did not change during the checks: {seen}")
    check(set(seen) <= {"inside", "Permission denied"}, f"opens: {seen}")


def test_jail_keeps_its_regions(ex, tmp):
    if not os.access(PYTHON, os.X_OK):
        raise Skip(f"no {PYTHON} to call munmap and co. through")
    jail_tree(tmp)
    # The tracee's only process has a region, or one per thread: each
    # thread tries to take the first one away, and may unmap its own.
    code = """
import ctypes, os, threading
libc = ctypes.CDLL(None, use_errno=True)
void_p, size_t = ctypes.c_void_p, ctypes.c_size_t
libc.mmap.restype = libc.mremap.restype = void_p
libc.mmap.argtypes = [void_p, size_t, ctypes.c_int, ctypes.c_int,
                      ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [void_p, size_t]
libc.mremap.argtypes = [void_p, size_t, size_t, ctypes.c_int, void_p]
FAILED = ctypes.c_void_p(-1).value
def said(ok):
    print("ok" if ok else os.strerror(ctypes.get_errno()))
with open("/proc/self/maps") as maps:
    found = [line.split()[0] for line in maps if "tracy-shared" in line]
start, end = (int(x, 16) for x in found[0].split("-"))
size = end - start
anon, fixed, maymove, remap_fixed = 0x22, 0x10, 1, 2
def take_away():
    said(libc.munmap(start, size) == 0)
    said(libc.mmap(start, size, 3, anon | fixed, -1, 0) != FAILED)
    said(libc.mremap(start, size, size, maymove | remap_fixed,
                     start + 2 * size) != FAILED)
    own = libc.mmap(None, size, 3, anon, -1, 0)
    said(libc.mremap(own, size, size, maymove | remap_fixed, start) !=
         FAILED)
    said(libc.munmap(own, size) == 0)
take_away()
thread = threading.Thread(target=take_away)
thread.start()
thread.join()
print(open("box/in").read().strip())
"""
    done = jail_command(ex, tmp, [PYTHON, "-c", code], reads=["/proc"])
    expect_status(done, 0)
    refused = "Operation not permitted"
    check(done.stdout.split("\n") == ([refused] * 4 + ["ok"]) * 2 +
          ["inside", ""], f"stdout {done.stdout!r}, stderr:\n{done.stderr}")
    pids = re.findall(r"^jail: (\d+) (?:munmap|mmap|mremap) over a region",
                      done.stderr, re.M)
    check(len(pids) == 8 and len(set(pids)) == 2,
          f"not 4 refusals for each thread in:\n{done.stderr}")


def test_jail_usage(ex, tmp):
    for args in ([], ["--", "true"], ["-d", "/nonexistent", "--", "true"],
                 ["-d", "/", "-d", "/", "--", "true"], ["-d", tmp]):
        done = ex.run("jail", *args, cwd=tmp)
        expect_status(done, USAGE_STATUS)


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__)
    ex = Example(argv[0])
    tests = [(name, test) for name, test in globals().items()
             if name.startswith("test_")]
    print("TAP version 13")
    print(f"1..{len(tests)}")
    failed = 0
    for number, (name, test) in enumerate(tests, 1):
        tmp = tempfile.mkdtemp(prefix="tracy-examples-")
        try:
            test(ex, tmp)
            print(f"ok {number} {name}")
        except Skip as why:
            print(f"ok {number} {name} # SKIP {why}")
        except (AssertionError, OSError, subprocess.SubprocessError) as e:
            failed += 1
            print(f"not ok {number} {name}")
            print("\n".join(f"# {line}" for line in str(e).splitlines()))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
