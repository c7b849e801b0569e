#!/usr/bin/env python3
"""Installs libtracy-fast into a scratch DESTDIR and uses it as a user would.

    install.py [--build BUILD]

Runs `make install` with DESTDIR, then builds trace_true.c with nothing but
what `pkg-config libtracy-fast` says (PKG_CONFIG_PATH and
PKG_CONFIG_SYSROOT_DIR pointing into the DESTDIR), once against the shared
library and once --static, runs both, and ends with `make uninstall`.
Prints TAP.
"""

import argparse
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from api import Tap, public_functions  # noqa: E402

PREFIX = "/usr/local"
SONAME = re.compile(r"\(SONAME\)\s+Library soname: \[(.*)\]")
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.*)\]")


def run(command, env=None, cwd=None):
    """(exit status, stdout and stderr) of command."""
    done = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, env=env,
                          cwd=cwd, check=False)
    return done.returncode, done.stdout


def make(target, destdir, build):
    # The make that runs us may have a jobserver we do not inherit.
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return run(["make", "--no-print-directory", "-C", TOP, target,
                f"PREFIX={PREFIX}", f"DESTDIR={destdir}", f"BUILD={build}"],
               env=env)


def lines(text):
    return text.strip().splitlines()


def dynamic(path):
    return run(["readelf", "-d", path])[1]


def check_installed_files(tap, root, api):
    lib = f"{root}{PREFIX}/lib"
    man3 = f"{root}{PREFIX}/share/man/man3"
    headers = f"{root}{PREFIX}/include/libtracy-fast/tracy"
    expected = [f"{headers}/{name}" for name in
                ("tracy.h", "ll.h", "tracyarch.h")]
    expected += [f"{lib}/libtracy-fast.a",
                f"{lib}/pkgconfig/libtracy-fast.pc",
                f"{root}{PREFIX}/share/man/man7/libtracy-fast.7"]
    expected += [f"{man3}/{name}.3" for name in sorted(api)]
    missing = [path[len(root):] for path in expected
               if not os.path.isfile(path)]
    tap.result(not missing, "make install: Tracy's headers, static "
               "library, .pc file, and a man page for every function",
               [f"missing: {path}" for path in missing])

    aliases = {name: os.path.realpath(f"{lib}/libtracy-fast/{name}")
               for name in ("libtracy.so", "libtracy.a")}
    tap.result(aliases["libtracy.so"] == os.path.realpath(
        f"{lib}/libtracy-fast.so") and aliases["libtracy.a"] ==
        os.path.realpath(f"{lib}/libtracy-fast.a") and
        not glob.glob(f"{lib}/libtracy.*"),
        "-ltracy: libtracy.so and libtracy.a in lib/libtracy-fast/ lead "
        "to our libraries, and lib/ has no name of Tracy's",
        [f"{name} -> {path}" for name, path in aliases.items()])

    real = glob.glob(f"{lib}/libtracy-fast.so.*.*.*")
    soname = SONAME.search(dynamic(real[0])) if len(real) == 1 else None
    chain = [os.readlink(f"{lib}/{name}") if os.path.islink(f"{lib}/{name}")
             else None for name in ("libtracy-fast.so", soname and soname[1])]
    major = os.path.basename(real[0]).split(".")[2] if real else "?"
    good = bool(soname) and soname[1] == f"libtracy-fast.so.{major}" and \
        chain == [soname[1], os.path.basename(real[0])]
    tap.result(good, "the shared library's SONAME is libtracy-fast.so.MAJOR, "
               "with libtracy-fast.so -> SONAME -> the library",
               [f"installed: {[os.path.basename(p) for p in real]}, "
                f"SONAME {soname and soname[1]}, links {chain}"])

    code, text = run(["man", "-M", f"{root}{PREFIX}/share/man", "3",
                      "tracy_detach_child"],
                     env=dict(os.environ, MANPAGER="cat", MANWIDTH="80"))
    tap.result(code == 0 and "tracy_detach_child()" in text,
               "man 3 tracy_detach_child shows the installed tracy_exec page",
               lines(text)[:5])


# How Tracy's programs include it, and the languages they are in.
SPELLINGS = ('"tracy.h"', "<tracy.h>", "<tracy/tracy.h>")
DIALECTS = (["cc", "-std=c89", "-pedantic", "-x", "c"],
            ["cc", "-std=c89", "-pedantic", "-D_POSIX_SOURCE",
             "-D_GNU_SOURCE", "-x", "c"],
            ["cc", "-std=c99", "-pedantic", "-x", "c"],
            ["c++", "-std=c++98", "-pedantic", "-x", "c++"])


def check_header(tap, flags, tmp):
    """The installed tracy.h, alone, in each spelling and dialect; with
    what Tracy's tracy.h gave its programs (stdio, wait, ptrace, the
    list, the arch macros)."""
    source = os.path.join(tmp, "uses.c")
    for spelling in SPELLINGS:
        with open(source, "w", encoding="utf-8") as f:
            f.write(f"#include {spelling}\n"
                    "static struct tracy_ll *l;\n"
                    "static struct TRACY_REGS_NAME r;\n"
                    "int f(void) { int s = 0; l = ll_init();\n"
                    "  printf(\"%d\\n\", WIFEXITED(s));\n"
                    "  return (int)sizeof(r.TRACY_IP_REG) +\n"
                    "    (int)ptrace(PTRACE_CONT, 0, 0, 0) + TRACY_NR_MMAP; }\n")
        for dialect in DIALECTS:
            code, text = (1, "pkg-config failed") if flags is None else run(
                [*dialect[:-2], "-fsyntax-only", "-Wall", "-Wextra",
                 "-Werror", *dialect[-2:], source, *flags])
            tap.result(code == 0, f"#include {spelling} builds with "
                       f"`pkg-config --cflags` under {' '.join(dialect[:-2])}",
                       lines(text))


def pkg_config(root, *args):
    env = dict(os.environ, PKG_CONFIG_SYSROOT_DIR=root,
               PKG_CONFIG_PATH=f"{root}{PREFIX}/lib/pkgconfig")
    env.pop("PKG_CONFIG_LIBDIR", None)
    code, text = run(["pkg-config", *args, "libtracy-fast"], env=env)
    return shlex.split(text) if code == 0 else None


def build_and_run(tap, root, tmp, static):
    kind = "static" if static else "shared"
    flags = pkg_config(root, "--cflags", "--libs",
                       *(["--static"] if static else []))
    program = os.path.join(tmp, f"trace_true-{kind}")
    code, text = (1, "pkg-config failed") if flags is None else \
        run(["cc", "-Wall", "-Wextra", "-Werror", "-o", program,
             os.path.join(HERE, "trace_true.c"), *flags,
             *(["-static"] if static else [])])
    tap.result(code == 0, f"a Tracy program builds with `pkg-config "
               f"{'--static ' if static else ''}--cflags --libs "
               f"libtracy-fast` alone ({kind})",
               [f"flags: {flags}"] + lines(text))
    if code:
        tap.result(False, f"the {kind} program traces true")
        return

    needed = NEEDED.findall(dynamic(program))
    if static:
        tap.result(not needed, "the static program needs no shared library",
                   [f"NEEDED: {needed}"])
    else:
        tap.result("libtracy-fast.so.0" in needed, "the shared program needs "
                   "libtracy-fast.so.0", [f"NEEDED: {needed}"])
    env = dict(os.environ, LD_LIBRARY_PATH=f"{root}{PREFIX}/lib")
    code, text = run([program], env=env)
    tap.result(code == 0 and "exit_group entries: 1," in text,
               f"the {kind} program traces true and sees its exit_group",
               lines(text))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build",
                        help="the Makefile's BUILD (default: build)")
    args = parser.parse_args(argv)
    build = args.build	# as the Makefile names it, relative to the top
    tap = Tap()

    with tempfile.TemporaryDirectory(prefix="tracy-install-") as tmp:
        root = os.path.join(tmp, "root")
        code, text = make("install", root, build)
        tap.result(code == 0, f"make install PREFIX={PREFIX} DESTDIR=...",
                   lines(text)[-20:])
        if code:
            return tap.done()
        check_installed_files(tap, root, public_functions("cc"))

        flags = pkg_config(root, "--cflags")
        check_header(tap, flags, tmp)
        for static in (False, True):
            build_and_run(tap, root, tmp, static)

        code, text = make("uninstall", root, build)
        left = [os.path.join(d, f)[len(root):]
                for d, _, files in os.walk(root) for f in files]
        tap.result(code == 0 and not left, "make uninstall leaves no file",
                   lines(text)[-5:] + [f"left: {path}" for path in left])
    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
