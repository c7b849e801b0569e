#!/usr/bin/env python3
"""Builds the Tracy-style programs of this directory as a Tracy user would,
and runs them on every backend.

    run.py --runner RUNNER [--build BUILD]

Installs libtracy-fast into a scratch DESTDIR (make install), then builds
each program with build.sh, with nothing but pkg-config's flags and
Tracy's own compiler flags, four ways: `pkg-config --cflags --libs
libtracy-fast`, the same --static, and Tracy's `-ltracy` spelling (with
pkg-config's --cflags and -L), shared and static; and ownloop.c as C++.
Then RUNNER (runner.c, built for the host) runs the scenarios: the
-ltracy build once per backend (TRACY_BACKEND=classic, seccomp, kmask;
kmask SKIPs on a kernel without syscall stop masks) and the other builds
on the automatic choice. The guests run the same runner on their builds.
Prints TAP: the results of the builds, then the runner's.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "package"))
from api import Tap  # noqa: E402
from install import PREFIX, lines, make, pkg_config, run  # noqa: E402

# The programs: every .c here but the tracee and the runner.
PROGRAMS = sorted(name[:-2] for name in os.listdir(HERE)
                  if name.endswith(".c") and
                  name not in ("tracee.c", "runner.c"))
BUILDS = ("pkgconfig", "pkgconfig-static", "ltracy", "ltracy-static")
WARNINGS = ["-Wall", "-Wextra", "-Werror"]
BACKENDS = ("classic", "seccomp", "kmask")
RESULT = re.compile(r"^(ok|not ok) \d+ (.*?)(?: # SKIP (.*))?$")


def build_all(tap, root, tmp):
    """Builds the tracees, and every program every way. A program that
    does not build fails the scenarios that run it too."""
    code, text = run(["cc", "-O2", *WARNINGS, "-o",
                      os.path.join(tmp, "tracee"),
                      os.path.join(HERE, "tracee.c")])
    tap.result(code == 0, "the tracee builds", lines(text))
    if platform.machine() == "x86_64" and shutil.which("i686-linux-gnu-gcc"):
        code, text = run(["i686-linux-gnu-gcc", "-static", "-O2", *WARNINGS,
                          "-o", os.path.join(tmp, "tracee-i386"),
                          os.path.join(HERE, "tracee.c")])
        tap.result(code == 0, "the 32-bit tracee builds", lines(text))
    flags = pkg_config(root, "--cflags", "--libs")
    tap.result(flags is not None, "pkg-config answers for libtracy-fast")
    for kind in BUILDS:
        for name in PROGRAMS:
            code, text = run([os.path.join(HERE, "build.sh"), "cc", root,
                              PREFIX, kind, os.path.join(HERE, f"{name}.c"),
                              os.path.join(tmp, f"{name}-{kind}")])
            tap.result(code == 0, f"{name}.c builds ({kind})", lines(text))
    if flags is not None:
        code, text = run(["c++", *WARNINGS, "-x", "c++", "-o",
                          os.path.join(tmp, "ownloop-c++"),
                          os.path.join(HERE, "ownloop.c"), *flags])
        tap.result(code == 0, "ownloop.c builds as C++", lines(text))


def run_scenarios(tap, runner, root, tmp):
    """The runner's results, as results of ours."""
    places = [f"ltracy:{backend}" for backend in BACKENDS] + \
        [f"{kind}:auto" for kind in ("pkgconfig", "pkgconfig-static",
                                     "ltracy-static")]
    tracee32 = os.path.join(tmp, "tracee-i386")
    env = dict(os.environ, LD_LIBRARY_PATH=f"{root}{PREFIX}/lib", TMPDIR=tmp)
    done = subprocess.run([runner, "-d", tmp, "-3",
                           tracee32 if os.path.exists(tracee32) else "",
                           *places], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env=env, check=False)
    details, results = [], 0
    for line in lines(done.stdout):
        result = RESULT.match(line)
        if line.startswith("# ") and not line.startswith("# Totals"):
            details.append(line[2:])
        elif result and result.group(3) is not None:
            tap.skip(result.group(2), result.group(3))
        elif result:
            tap.result(result.group(1) == "ok", result.group(2), details)
        details = details if not result else []
        results += bool(result)
    if done.returncode not in (0, 1) or not results:
        tap.result(False, "the runner ends and reports",
                   [f"status {done.returncode}"] + lines(done.stdout)[-20:])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runner", required=True,
                        help="runner.c built for the host")
    parser.add_argument("--build", default="build",
                        help="the Makefile's BUILD (default: build)")
    args = parser.parse_args(argv)
    tap = Tap()
    with tempfile.TemporaryDirectory(prefix="tracy-compat-") as tmp:
        root = os.path.join(tmp, "root")
        code, text = make("install", root, args.build)
        tap.result(code == 0, f"make install PREFIX={PREFIX} DESTDIR=...",
                   lines(text)[-20:])
        if code:
            return tap.done()
        build_all(tap, root, tmp)
        run_scenarios(tap, os.path.abspath(args.runner), root, tmp)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
