#!/usr/bin/env python3
"""stracy's real workloads (bench.py: make -j2 of a C tree, a find walk,
python3 start-up) in the x86_64 guest, where stracy runs on the kernel's
syscall masks: what goes into the initramfs of that place
(stracy/guest/guest.mk), whose program, stracy/guest/bench-real.c, runs
each workload untraced and under stracy, strace -f and strace -f
--seccomp-bpf, for each trace set of bench.py.

    bench_guest.py DIR

writes
    DIR/tree       bench.py's trees (the guest has them in GUEST_DIR)
    DIR/workloads  the workloads and the trace sets, for bench-real.c
    DIR/files      the make-initramfs.sh --file options for all of it

The guest has no packages: it gets the host's files, at the paths where
the host's programs open them (as the benchmark initramfs gets strace).
Which files those are is found by running each workload here, traced by
strace for %file with the guest's environment: every regular file a
workload opened, executed or looked at successfully, outside its trees
and /tmp, /proc, /sys, /dev, plus the ELF interpreter of each program it
executed (the kernel opens that one, no syscall shows it). The same trace
counts the execve calls that succeed: bench-real.c checks the execve rows
against that count.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import bench
import test_diff_guest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
# Where the guest has the trees, and the file bench-real.c reads.
GUEST_DIR = "/srv/stracy-bench"
GUEST_WORKLOADS = "/etc/tracy-fast/stracy-bench"
# The environment of a workload, in the guest (bench-real.c) and here.
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp"}
SKIP = ("/tmp/", "/proc/", "/sys/", "/dev/")
# name(["AT_FDCWD, " or an fd, ]"/path"... = result, as strace -ff prints.
CALL = re.compile(r'^(\w+)\((?:[A-Z_]+, |\d+, )?"(/[^"]*)".* = (-?\w+)')


def which(program):
    return shutil.which(program, path=ENV["PATH"])


def interpreter(path):
    """The ELF interpreter of program path (or its #! interpreter), or
    None."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head.startswith(b"#!"):
            return head[2:].split(b"\n")[0].split()[0].decode()
        if head[:4] != b"\x7fELF" or head[4] != 2:	# ELFCLASS64 only
            return None
        phoff = int.from_bytes(head[32:40], "little")
        phentsize = int.from_bytes(head[54:56], "little")
        phnum = int.from_bytes(head[56:58], "little")
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            ph = f.read(phentsize)
            if int.from_bytes(ph[0:4], "little") == 3:	# PT_INTERP
                offset = int.from_bytes(ph[8:16], "little")
                size = int.from_bytes(ph[32:40], "little")
                f.seek(offset)
                return f.read(size).rstrip(b"\0").decode()
    return None


def traced_files(command, trees, work):
    """Runs command here under strace -ff for %file: (the files it used
    outside trees, its successful execve calls)."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    subprocess.run([which("strace"), "-ff", "-qq", "-o",
                    os.path.join(work, "trace"), "-e", "trace=%file"] +
                   command, env=ENV, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    files, execs = set(), 0
    for name in os.listdir(work):
        with open(os.path.join(work, name), errors="replace") as f:
            for line in f:
                call = CALL.match(line)
                if not call or call.group(3).startswith("-"):
                    continue
                path = os.path.normpath(call.group(2))
                if call.group(1) == "execve":
                    execs += 1
                    interp = interpreter(path)
                    if interp:
                        files.add(os.path.normpath(interp))
                if os.path.isfile(path) and \
                        not path.startswith(SKIP + trees):
                    files.add(path)
    return files, execs


def write(out):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    tree = os.path.join(out, "tree")
    os.makedirs(tree)
    src, walk = bench.make_trees(tree)
    files = {f"--file {GUEST_WORKLOADS}={out}/workloads"}
    files.update(test_diff_guest.tree_files(tree, GUEST_DIR))
    lines = []
    here = bench.workloads(src, walk, which)
    there = bench.workloads(f"{GUEST_DIR}/src", f"{GUEST_DIR}/walk", which)
    work = tempfile.mkdtemp(prefix="stracy-bench-guest-")
    try:
        for (name, _, command), (_, _, guest_command) in zip(here, there):
            used, execs = traced_files(command, (tree + "/",), work)
            files.update(f"--file {path}={path}" for path in used)
            lines.append("\t".join(["workload", name, str(execs)] +
                                   guest_command))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines += ["\t".join(["set", name] + options)
              for name, options in bench.SETS]
    with open(os.path.join(out, "workloads"), "w") as f:
        f.write("\n".join(lines) + "\n")
    strace = subprocess.run([os.path.join(TOP, "bench/scripts/strace-files.sh")],
                            capture_output=True, text=True, check=True)
    files.update(strace.stdout.splitlines())
    with open(os.path.join(out, "files"), "w") as f:
        f.write("\n".join(sorted(files)) + "\n")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    write(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
