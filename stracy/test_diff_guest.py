#!/usr/bin/env python3
"""stracy's differential test in the x86_64 guest, where stracy runs on the
kernel's syscall masks. The guest has no Python: its initramfs holds the
corpus of test_diff.py that the guest can run (the host's own programs,
with their libraries, as the benchmark initramfs holds strace), its tree,
strace, stracy and stracy/guest/corpus-run.c, which runs each command
under both and prints both traces on the console. This script makes
what goes into that initramfs, boots the guest, and compares the traces
as test_diff.py does on the host (same masks, same threshold). Prints TAP,
for selftests/run-host.py.

    test_diff_guest.py --write DIR
        DIR/corpus (the cases), DIR/tree, and DIR/files: the
        make-initramfs.sh --file options for all of them
    test_diff_guest.py [--log LOG] [--report]
        boots the guest with boot.py's arguments from STRACY_DIFF_GUEST
        (and its console into LOG), or with --log alone reads LOG, the
        console of a run that is over; then compares
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

import test_diff

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
# Where the guest has them: the tree, and the corpus corpus-run.c reads.
GUEST_TREE = "/srv/tree"
GUEST_CORPUS = "/etc/tracy-fast/stracy-corpus"
# The host's programs the guest's cases run (sh: the host's /bin/sh).
PROGRAMS = ["sh", "ls", "cat", "cp", "mkdir", "rm", "find", "stat", "du",
            "wc", "sort", "sha256sum", "grep", "tar", "tr", "head", "true",
            "env", "dd", "ln", "readlink", "touch", "chmod", "id"]
FRAME = re.compile(r"^STRACY-DIFF (BEGIN|END) (\d+) (\w+)(?: (-?\d+))?$")
BOOT_TIMEOUT = 1800


def cases():
    """The cases of test_diff.py the guest can run: its programs only, no
    user to switch to, no 32-bit program."""
    return [(name, options, command) for name, options, command
            in test_diff.corpus(GUEST_TREE, "stracy")
            if command[0] in PROGRAMS and "-u" not in options and
            "@i386" not in options]


def program_files(program):
    """--file options for a host program and its libraries."""
    path = os.path.realpath(shutil.which(program))
    done = subprocess.run([os.path.join(TOP, "bench/scripts/strace-files.sh"),
                           path], capture_output=True, text=True, check=True)
    # The program where the guest's PATH finds it by its own name.
    return [line.replace(f"--file {path}=", f"--file /usr/bin/{program}=")
            if line.startswith(f"--file {path}=") else line
            for line in done.stdout.splitlines()]


def tree_files(tree, guest_dir):
    """--file options that put every file of tree in guest_dir."""
    return {f"--file {guest_dir}/{os.path.relpath(path, tree)}={path}"
            for top, _, names in os.walk(tree)
            for path in (os.path.join(top, name) for name in names)}


def write(out):
    """The corpus, its tree and the --file options, in out."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    tree = test_diff.make_tree(out)
    with open(os.path.join(out, "corpus"), "w") as f:
        for name, options, command in cases():
            f.write("\t".join([name, " ".join(options)] + command) + "\n")
    files = {f"--file {GUEST_CORPUS}={out}/corpus"}
    files.update(tree_files(tree, GUEST_TREE))
    for program in PROGRAMS:
        files.update(program_files(program))
    files.update(program_files("strace"))
    # Where a command names it (and env -i, with no PATH, looks first).
    files.add(f"--file /bin/true={os.path.realpath(shutil.which('true'))}")
    with open(os.path.join(out, "files"), "w") as f:
        f.write("\n".join(sorted(files)) + "\n")


def traces(log):
    """{(case, tracer): (status, lines)} from the console."""
    found, current = {}, None
    with open(log, errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            frame = FRAME.match(line)
            if frame and frame.group(1) == "BEGIN":
                current = (int(frame.group(2)), frame.group(3))
                found[current] = (int(frame.group(4)), [])
            elif frame:
                current = None
            elif current:
                found[current][1].append(line)
    return found


def compare(log, report):
    found = traces(log)
    corpus = cases()
    print(f"1..{len(corpus)}")
    work = tempfile.mkdtemp(prefix="stracy-diff-guest-")
    failed, rows = 0, []
    try:
        for i, (name, options, _) in enumerate(corpus, 1):
            if (i, "strace") not in found or (i, "stracy") not in found:
                failed += 1
                print(f"not ok {i} - {name}: no traces from the guest")
                continue
            paths = []
            for tracer in ("strace", "stracy"):
                path = os.path.join(work, f"{i}.{tracer}")
                with open(path, "w") as f:
                    f.write("".join(f"{line}\n" for line in found[i, tracer][1]))
                paths.append(path)
            same, total, why, only_strace, only_stracy = \
                test_diff.compare_files(paths[0], found[i, "strace"][0],
                                        paths[1], found[i, "stracy"][0],
                                        options)
            failed += not test_diff.tap_line(i, name, options, same, total,
                                             why, "", only_strace,
                                             only_stracy, rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if report:
        test_diff.print_table(rows)
    return 1 if failed else 0


def boot(log):
    """Boots the guest; its console goes to log. Whether it ran."""
    args = shlex.split(os.environ["STRACY_DIFF_GUEST"])
    done = subprocess.run([sys.executable, os.path.join(TOP, "qemu/boot.py"),
                           *args[:args.index("--")], "--log", log,
                           "--timeout", str(BOOT_TIMEOUT),
                           *args[args.index("--"):]],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        print(f"# boot.py: status {done.returncode}")
        for line in (done.stdout + done.stderr).splitlines()[-20:]:
            print(f"#   {line}")
    return done.returncode == 0


def main(argv):
    if argv[1:2] == ["--write"]:
        write(argv[2])
        return 0
    report = "--report" in argv
    log = argv[argv.index("--log") + 1] if "--log" in argv else None
    if "STRACY_DIFF_GUEST" in os.environ:
        log = log or os.path.join(tempfile.mkdtemp(), "console.log")
        if not boot(log):
            print("1..1\nnot ok 1 - the guest did not run the corpus")
            return 1
    elif not log:
        print("1..0 # SKIP no guest: STRACY_DIFF_GUEST or --log not given")
        return 0
    return compare(log, report)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
