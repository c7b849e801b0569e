#!/usr/bin/env python3
"""Speed of stracy against strace -f and strace -f --seccomp-bpf on real
workloads, on this machine (no guest: see README.md). Prints a markdown
table of medians, relative to the untraced run.

    bench.py STRACY [--runs N]

Workloads: make -j2 of a small C tree (16 files), a find/stat walk of a
tree of 3000 files, python3 start-up; each traced with -f for a narrow
set (-e trace=execve, trace=%file, trace=connect) and with -c for
everything. Attach: a loop of getppid calls, traced with -p for connect
(which it never calls); its own rate is measured while traced, against
its rate untraced.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"
LOOP = r"""
import os, sys, time
n = 0
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    for _ in range(1000):
        os.getppid()
    n += 1000
print(n, flush=True)
"""


def workloads(src, walk, which=shutil.which):
    """The workloads in the trees of make_trees(): (name, title, command),
    each command's program found by which (PATH, by default)."""
    return [
        ("make", "make -j2, 17 C files",
         [which("make"), "-s", "-B", "-j2", "-C", src]),
        ("find", "find/stat walk, 3000 files",
         [which("find"), walk, "-printf", r"%s\n"]),
        ("python", "python3 start-up", [PYTHON, "-c", "pass"]),
    ]


# The trace options of every workload: (name, options). "connect" selects
# a syscall none of them makes.
SETS = [("execve", ["-f", "-e", "trace=execve"]),
        ("file", ["-f", "-e", "trace=%file"]),
        ("connect", ["-f", "-e", "trace=connect"]),
        ("count", ["-f", "-c"])]


def make_trees(base):
    src = os.path.join(base, "src")
    os.makedirs(src)
    names = [f"f{i}" for i in range(16)]
    for name in names:
        with open(f"{src}/{name}.c", "w") as f:
            f.write(f"int {name}(int x) {{ return x * 3 + {len(name)}; }}\n")
    with open(f"{src}/main.c", "w") as f:
        f.write("int main(void) { return 0; }\n")
    with open(f"{src}/Makefile", "w") as f:
        objs = " ".join(f"{n}.o" for n in names + ["main"])
        f.write(f"prog: {objs}\n\tcc -o $@ $^\n%.o: %.c\n\tcc -O0 -c -o $@ $<\n")
    walk = os.path.join(base, "walk")
    for d in range(30):
        os.makedirs(f"{walk}/d{d}")
        for i in range(100):
            open(f"{walk}/d{d}/f{i}", "w").close()
    return src, walk


def run_once(command):
    start = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    return time.monotonic() - start


def timed(commands, runs):
    """The median time of each command, the commands run in turns so that
    the load of a shared machine falls on all alike."""
    times = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            times[i].append(run_once(command))
    return [statistics.median(t) for t in times]


def tracers(stracy, options):
    return {
        "stracy": [stracy, "-o", "/dev/null"] + options,
        "strace -f": ["strace", "-o", "/dev/null"] + options,
        "strace -f --seccomp-bpf": ["strace", "--seccomp-bpf", "-o",
                                     "/dev/null"] + options,
    }


def attach_rate(tracer, seconds=2.0):
    """getppid calls per second of the loop while traced by tracer (None:
    untraced)."""
    loop = subprocess.Popen([PYTHON, "-c", LOOP, str(seconds + 1.5)],
                            stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    t = None
    if tracer:
        t = subprocess.Popen(tracer + ["-p", str(loop.pid)],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    out, _ = loop.communicate()
    if t:
        t.wait()
    return int(out) / (seconds + 1.5)


def main(argv):
    stracy = os.path.abspath(argv[1])
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    base = tempfile.mkdtemp(prefix="stracy-bench-")
    try:
        src, walk = make_trees(base)
        print("| workload | options | untraced | stracy | strace -f | "
              "strace -f --seccomp-bpf |")
        print("|---|---|---|---|---|---|")
        for _, name, command in workloads(src, walk):
            for _, options in SETS:
                variants = [command] + [tracer + command for tracer in
                                        tracers(stracy, options).values()]
                times = timed(variants, runs)
                cells = [f"{t / times[0]:.2f}×" for t in times[1:]]
                print(f"| {name} | `{' '.join(options)}` | "
                      f"{times[0] * 1000:.0f} ms | " + " | ".join(cells) + " |",
                      flush=True)
        free = attach_rate(None)
        cells = []
        for label in ("stracy", "strace -f"):
            tracer = tracers(stracy, ["-f", "-q", "-e", "trace=connect"])[label]
            cells.append(f"{free / attach_rate(tracer):.2f}×")
        print(f"| getppid loop, attached | `-f -e trace=connect -p PID` | "
              f"{free / 1e6:.2f} M calls/s | {cells[0]} | {cells[1]} | "
              f"cannot attach |")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
