#!/usr/bin/env python3
"""Builds the Tracy-style programs of this directory as a Tracy user would,
and runs them on every backend.

    run.py [--build BUILD]

Installs libtracy-fast into a scratch DESTDIR (make install), then builds
each program with nothing but pkg-config's flags and Tracy's own compiler
flags, four ways: `pkg-config --cflags --libs libtracy-fast`, the same
--static, and Tracy's `-ltracy` spelling (with pkg-config's --cflags and
-L), shared and static. Each scenario runs the -ltracy build once per
backend (TRACY_BACKEND=classic, seccomp, kmask; kmask SKIPs on a kernel
without syscall stop masks) and the other builds on the automatic
choice. Prints TAP.
"""

import argparse
import ctypes
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "package"))
from api import Tap  # noqa: E402
from install import PREFIX, lines, make, pkg_config, run  # noqa: E402

PROGRAMS = ("jailer", "fakeppid", "async", "regs", "verbose", "attach",
            "detach", "children", "ownloop")
# Tracy's soxy built with these; its header had to take them.
TRACY_CFLAGS = ["-std=c99", "-pedantic", "-D_POSIX_SOURCE", "-D_GNU_SOURCE"]
# verbose.c is strict C89, with no feature macro at all.
C89_CFLAGS = ["-std=c89", "-pedantic"]
WARNINGS = ["-Wall", "-Wextra", "-Werror"]
BACKENDS = ("classic", "seccomp", "kmask")
TIMEOUT = 60



def kernel_has_kmask():
    """PTRACE_GETSYSCALLMASK on a stopped child: EIO without the patch."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.restype = ctypes.c_long
    pid = os.fork()
    if not pid:
        libc.ptrace(0, 0, None, None)	# PTRACE_TRACEME
        os.kill(os.getpid(), signal.SIGSTOP)
        os._exit(0)
    os.waitpid(pid, 0)
    mask = (ctypes.c_uint32 * 6)()
    get_syscall_mask = 0x42f1	# PTRACE_GETSYSCALLMASK
    got = libc.ptrace(get_syscall_mask, pid, ctypes.c_void_p(24),
                      ctypes.byref(mask))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return got >= 0


class Env:
    """Where the programs and their tracee are, and how to run them."""

    def __init__(self, root, tmp, backend, build):
        self.tmp = tmp
        self.tracee = os.path.join(tmp, "tracee")
        # The same, as a 32-bit process (x86_64 hosts with i686 gcc).
        self.tracee32 = os.path.join(tmp, "tracee-i386")
        self.build = build
        self.env = dict(os.environ, LD_LIBRARY_PATH=f"{root}{PREFIX}/lib")
        self.env.pop("TRACY_BACKEND", None)
        if backend:
            self.env["TRACY_BACKEND"] = backend

    def program(self, name):
        return os.path.join(self.tmp, f"{name}-{self.build}")

    def run(self, name, *args):
        """(status, stdout, stderr) of program name with args."""
        try:
            done = subprocess.run([self.program(name), *args],
                                  stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True,
                                  env=self.env, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as expired:
            return "timeout", expired.stdout or "", expired.stderr or ""
        return done.returncode, done.stdout, done.stderr

    def start(self, name, *args):
        return subprocess.Popen([self.program(name), *args],
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env=self.env)


def said(status, out, err):
    return [f"status {status}"] + [f"stdout: {line}" for line in
                                   lines(out)[-8:]] + \
        [f"stderr: {line}" for line in lines(err)[-8:]]


def jail_escape(env, tracee, name):
    """The jailer stops tracee's write out of its jail: ABORT, status 1."""
    jail = tempfile.mkdtemp(dir=env.tmp)
    status, out, err = env.run("jailer", jail, tracee, "write", jail,
                               f"../{name}")
    escaped = os.path.exists(os.path.join(env.tmp, name))
    return status == 1 and not escaped and "blocked" in err, \
        said(status, out, err) + [f"escaped: {escaped}"]


def jailer_blocks_an_escape(env):
    return jail_escape(env, env.tracee, "escaped")


def jailer_blocks_a_32bit_escape(env):
    """zipjail's hooks for TRACY_ABI_X86, on a 32-bit command."""
    if not os.path.exists(env.tracee32):
        return None, ["no 32-bit x86 tracee here"]
    return jail_escape(env, env.tracee32, "escaped32")


def jailer_lets_the_jail_be(env):
    jail = tempfile.mkdtemp(dir=env.tmp)
    status, out, err = env.run("jailer", jail, env.tracee, "write", jail,
                               "inside")
    return status == 0 and os.path.exists(os.path.join(jail, "inside")), \
        said(status, out, err)


def fakeppid_changes_a_result(env):
    status, out, err = env.run("fakeppid", env.tracee, "getppid")
    return status == 0 and lines(out) == ["getppid 4242"], \
        said(status, out, err)


def async_injection_state(env):
    status, out, err = env.run("async", env.tracee, "hello")
    injected = [line for line in lines(err) if line == "injected write: 6"]
    return status == 0 and lines(out) == ["hello"] * 3 and \
        len(injected) == 2, said(status, out, err)


def registers_as_tracy_names_them(env):
    status, out, err = env.run("regs", env.tracee, "getppid")
    return status == 0 and "0 differences" in out and "DEBUG:" in out, \
        said(status, out, err)


def verbose_prints_every_syscall(env):
    status, out, err = env.run("verbose", env.tracee, "getppid")
    entry = [line for line in lines(out)
             if "System call: getppid (" in line and "Pre: 1" in line]
    leave = [line for line in lines(out)
             if "System call: getppid (" in line and "Pre: 0" in line]
    return status == 0 and len(entry) == 1 and len(leave) == 1, \
        said(status, out, err)


def child_create_and_lists(env):
    status, out, err = env.run("children", env.tracee, "fork", "3")
    return status == 0 and "children: 4 tracees, 3 with getppid" in out, \
        said(status, out, err)


def own_loop_sees_quit(env):
    status, out, err = env.run("ownloop", env.tracee, "exit", "5")
    quits = [line.split() for line in lines(out) if line.startswith("quit")]
    return status == 0 and len(quits) == 1 and quits[0][2:] == \
        ["5", "first"], said(status, out, err)


def detach_then_tracy_main_waits(env):
    status, out, err = env.run("detach", env.tracee, "sleep-after", "300")
    return status == 0 and lines(out) == ["woke", "main returned"], \
        said(status, out, err)


def interrupt_in_tracy_main(tracer):
    """Sends SIGINT once the tracer catches it (tracy_main() runs), and
    waits for the tracer's end: (stdout, stderr)."""
    for _ in range(1000):
        try:
            with open(f"/proc/{tracer.pid}/status", encoding="utf-8") as f:
                caught = [int(line.split()[1], 16) for line in f
                          if line.startswith("SigCgt:")]
        except OSError:
            break
        if caught and caught[0] & (1 << (signal.SIGINT - 1)):
            break
        time.sleep(0.01)
    tracer.send_signal(signal.SIGINT)
    try:
        return tracer.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        tracer.kill()
        return tracer.communicate()


def ctrl_c_goes_to_the_tracee(env):
    tracer = env.start("fakeppid", env.tracee, "loop")
    out, err = interrupt_in_tracy_main(tracer)
    return tracer.returncode == 0, said(tracer.returncode, out, err)


def ctrl_c_detaches_attached(env):
    loop = subprocess.Popen([env.tracee, "loop"])
    tracer = env.start("attach", str(loop.pid))
    time.sleep(0.2)	# some getpid of the loop, traced
    out, err = interrupt_in_tracy_main(tracer)
    time.sleep(0.05)
    running = loop.poll() is None
    with open(f"/proc/{loop.pid}/status", encoding="utf-8") as f:
        traced = [line for line in f if line.startswith("TracerPid:")]
    loop.kill()
    loop.wait()
    return tracer.returncode == 0 and running and \
        traced == ["TracerPid:\t0\n"] and "saw getpid" in out, \
        said(tracer.returncode, out, err) + [f"loop running: {running}, "
                                             f"{traced}"]


SCENARIOS = (jailer_blocks_an_escape, jailer_blocks_a_32bit_escape,
             jailer_lets_the_jail_be,
             fakeppid_changes_a_result, async_injection_state,
             registers_as_tracy_names_them, verbose_prints_every_syscall,
             child_create_and_lists, own_loop_sees_quit,
             detach_then_tracy_main_waits, ctrl_c_goes_to_the_tracee,
             ctrl_c_detaches_attached)


def builds(root):
    """name -> (extra flags before, the link flags) of the four builds."""
    cflags = pkg_config(root, "--cflags")
    libs = pkg_config(root, "--libs")
    static_libs = pkg_config(root, "--static", "--libs")
    only_l = pkg_config(root, "--libs-only-L")
    if None in (cflags, libs, static_libs, only_l):
        return None
    return {
        "pkgconfig": ([], cflags + libs),
        "pkgconfig-static": (["-static"], cflags + static_libs),
        "ltracy": ([], cflags + only_l + ["-ltracy"]),
        "ltracy-static": (["-static"], cflags + only_l + ["-ltracy"]),
    }


def build_all(tap, root, tmp):
    """Builds every program every way; the builds that all worked."""
    code, text = run(["cc", "-O2", *WARNINGS, "-o",
                      os.path.join(tmp, "tracee"),
                      os.path.join(HERE, "tracee.c")])
    tap.result(code == 0, "the tracee builds", lines(text))
    if platform.machine() == "x86_64" and shutil.which("i686-linux-gnu-gcc"):
        code, text = run(["i686-linux-gnu-gcc", "-static", "-O2", *WARNINGS,
                          "-o", os.path.join(tmp, "tracee-i386"),
                          os.path.join(HERE, "tracee.c")])
        tap.result(code == 0, "the 32-bit tracee builds", lines(text))
    kinds = builds(root)
    tap.result(kinds is not None, "pkg-config answers for libtracy-fast")
    good = []
    for kind, (before, link) in (kinds or {}).items():
        ok = True
        for name in PROGRAMS:
            dialect = C89_CFLAGS if name == "verbose" else TRACY_CFLAGS
            code, text = run(["cc", *before, *dialect, *WARNINGS, "-o",
                              os.path.join(tmp, f"{name}-{kind}"),
                              os.path.join(HERE, f"{name}.c"), *link])
            tap.result(code == 0, f"{name}.c builds ({kind}: "
                       f"{' '.join(dialect)})", lines(text))
            ok = ok and code == 0
        if ok:
            good.append(kind)
    if kinds:
        code, text = run(["c++", *WARNINGS, "-x", "c++", "-o",
                          os.path.join(tmp, "ownloop-c++"),
                          os.path.join(HERE, "ownloop.c"),
                          *kinds["pkgconfig"][1]])
        tap.result(code == 0, "ownloop.c builds as C++", lines(text))
    return good


def run_scenarios(tap, root, tmp, good, kmask):
    places = [(backend, "ltracy") for backend in BACKENDS] + \
        [(None, kind) for kind in ("pkgconfig", "pkgconfig-static",
                                   "ltracy-static")]
    for backend, kind in places:
        where = f"TRACY_BACKEND={backend}" if backend else "auto"
        for scenario in SCENARIOS:
            name = f"{scenario.__name__} ({kind}, {where})"
            if kind not in good:
                tap.result(False, f"{name}: not built")
            elif backend == "kmask" and not kmask:
                tap.skip(name, "no syscall stop masks in this kernel")
            else:
                ok, details = scenario(Env(root, tmp, backend, kind))
                if ok is None:
                    tap.skip(name, details[0])
                else:
                    tap.result(ok, name, details)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
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
        good = build_all(tap, root, tmp)
        run_scenarios(tap, root, tmp, good, kernel_has_kmask())
    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
