#!/usr/bin/env python3
"""stracy's own tests: its command line, its exit statuses, tampering, and
robustness on real programs (threads, exec from a thread, vfork, signals,
tracees and tracer killed, output to a closed pipe). Prints TAP, for
selftests/run-host.py.

    test_stracy.py STRACY
"""

import os
import pwd
import re
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time

TIMEOUT = 60
PYTHON = "/usr/bin/python3"


def run(stracy, *args, **kw):
    return subprocess.run([stracy] + list(args), capture_output=True,
                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                          check=False, **kw)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


class Skip(Exception):
    """A test that cannot run here: TAP's SKIP, with the reason."""


def proc_state(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def tracer_pid(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("TracerPid:"):
                return int(line.split()[1])
    return None


def t_help(s, tmp):
    done = run(s, "--help")
    check(done.returncode == 0 and "Usage: stracy" in done.stdout, done)
    done = run(s, "-V")
    check(done.returncode == 0 and "stracy -- version" in done.stdout, done)


def t_man_page(s, tmp):
    """stracy(1) formats without a warning and documents every option
    --help lists."""
    page = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stracy.1")
    done = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page],
                          capture_output=True, text=True, check=False)
    check(done.returncode == 0 and not done.stderr, done.stderr)
    with open(page) as f:
        text = f.read().replace("\\-", "-")
    helped = set(re.findall(r"^  (-[a-zA-Z]+)", run(s, "--help").stdout, re.M))
    missing = [o for o in sorted(helped) if f"B {o}" not in text and
               f"B \"{o}" not in text and f"BR {o}" not in text and
               f"BI {o}" not in text]
    check(helped and not missing, f"not in stracy.1: {missing}")


def t_only_selected_stop(s, tmp):
    """Only the selected syscalls stop the tracee: 2000 getpid calls and 3
    getppid calls, traced for getppid. On classic ptrace every syscall
    stops twice; on the seccomp backend (the host's choice for a command
    it starts) only getppid does, plus the execve the filter is set up
    around (and kmask likewise)."""
    code = "import os\nfor _ in range(2000): os.getpid()\n" \
           "for _ in range(3): os.getppid()"
    stops = {}
    for backend in ("classic", "auto"):
        done = run(s, "-d", "-e", "trace=getppid", PYTHON, "-c", code,
                   env=dict(os.environ, TRACY_BACKEND=backend))
        check(done.returncode == 0, done.stderr)
        check(done.stderr.count("getppid()") == 3, done.stderr)
        m = re.search(r"^stracy: (\d+) syscall stops$", done.stderr, re.M)
        b = re.search(r"on the (\w+) backend", done.stderr)
        check(m and b, done.stderr)
        stops[b.group(1)] = int(m.group(1))
    check(stops.get("classic", 0) > 4000, stops)
    auto = [v for k, v in stops.items() if k != "classic"]
    check(auto and auto[0] < 50, stops)


def t_bad_usage(s, tmp):
    marker = os.path.join(tmp, "ran")
    for args, message in [
            (["-Q", "true"], "invalid option -- 'Q'"),
            (["-e", "trace=nosuchcall", "touch", marker],
             "invalid system call 'nosuchcall'"),
            (["-e", "signal=SIGNOPE", "touch", marker], "invalid signal 'SIGNOPE'"),
            (["-e", "status=maybe", "touch", marker], "invalid status 'maybe'"),
            (["-e", "inject=openat:error=ENOPE", "touch", marker],
             "invalid inject argument"),
            (["-e", "inject=write:error=EIO:rate=101", "touch", marker],
             "invalid inject argument"),
            (["-e", "inject=write:error=EIO:rate=50:seed=-1", "touch",
              marker], "invalid inject argument"),
            (["-e", "trace=/[", "touch", marker], "regcomp"),
            (["-s", "x", "touch", marker], "invalid -s argument"),
            (["-X", "names", "touch", marker], "invalid -X argument: 'names'"),
            (["-DDDD", "touch", marker], "Too many -D's (4)"),
            (["-D", "-p", "1"], "PROG [ARGS] must be specified with -D"),
            ([], "must have PROG [ARGS] or -p PID")]:
        done = run(s, *args)
        check(done.returncode == 1, f"{args}: status {done.returncode}")
        check(message in done.stderr, f"{args}: {done.stderr!r}")
    check(not os.path.exists(marker), "a bad command line started the command")


def t_instruction_pointer(s, tmp):
    """-i: each line begins with the instruction pointer, a syscall's
    and a signal's the same where the signal is delivered as the syscall
    that sent it returns; ? where there are no registers (the end)."""
    done = run(s, "-i", "-e", "trace=kill", PYTHON, "-c",
               "import os, signal\nsignal.signal(signal.SIGUSR1, lambda *a: 0)\n"
               "os.kill(os.getpid(), signal.SIGUSR1)")
    lines = done.stderr.splitlines()
    check(done.returncode == 0 and len(lines) == 3, done.stderr)
    call = re.match(r"^\[([0-9a-f]{16})\] kill\(\d+, SIGUSR1\) += 0$", lines[0])
    sig = re.match(r"^\[([0-9a-f]{16})\] --- SIGUSR1 \{", lines[1])
    check(call and sig and call.group(1) == sig.group(1), done.stderr)
    check(lines[2] == "[????????????????] +++ exited with 0 +++", lines[2])


def t_user(s, tmp):
    """-u USERNAME runs the command with the user's ids and groups (also
    with -D), and is root's only, with strace's messages."""
    if os.geteuid():
        raise Skip("-u needs root")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        raise Skip("no user nobody") from None
    expected = [nobody.pw_uid] * 2 + [nobody.pw_gid] * 2 + sorted(
        set(os.getgrouplist("nobody", nobody.pw_gid)))
    code = "import os\nprint(os.getuid(), os.geteuid(), os.getgid(), " \
           "os.getegid(), *sorted(os.getgroups()))"
    for daemon in ([], ["-D"]):
        done = run(s, *daemon, "-qq", "-e", "trace=none", "-u", "nobody",
                   PYTHON, "-c", code)
        check(done.returncode == 0 and done.stdout.split() ==
              [str(i) for i in expected],
              f"{daemon}: {done.stdout!r} {done.stderr!r}, not {expected}")
    done = run(s, "-u", "nosuchuser", "true")
    check(done.returncode == 1 and
          done.stderr == "stracy: Cannot find user 'nosuchuser'\n", done.stderr)
    done = subprocess.run([s, "-u", "nobody", "true"], capture_output=True,
                          text=True, timeout=TIMEOUT, check=False,
                          preexec_fn=lambda: os.setresuid(nobody.pw_uid,
                                                          nobody.pw_uid,
                                                          nobody.pw_uid))
    check(done.returncode == 1 and "You must be root to use the "
          "-u/--username option" in done.stderr, done.stderr)


def t_unsupported(s, tmp):
    """strace's options stracy does not have: refused with the reason,
    status 1, the command never started."""
    marker = os.path.join(tmp, "ran")
    for args in (["-I", "1"], ["-k"], ["-O", "1"],
                 ["-U", "name"], ["-Y"], ["--stack-trace"],
                 ["-e", "read=1"], ["-e", "write=all"], ["-e", "raw=all"],
                 ["-e", "abbrev=none"], ["-e", "verbose=none"]):
        done = run(s, *args, "touch", marker)
        check(done.returncode == 1, f"{args}: status {done.returncode}")
        check(re.search(r"^stracy: -[\w ]+=? is not supported: \w+",
                        done.stderr.replace("option -", "-"), re.M),
              f"{args}: {done.stderr!r}")
    check(not os.path.exists(marker), "a refused option started the command")


def t_trace_path(s, tmp):
    """-P: only the calls on the path or a descriptor of it, a link
    resolved (and said)."""
    path = os.path.join(tmp, "f")
    with open(path, "w") as f:
        f.write("x\n")
    link = os.path.join(tmp, "l")
    os.symlink(path, link)
    done = run(s, "-P", link, "cat", path, "/etc/hostname")
    check(f'Requested path "{link}" resolved into "{path}"' in done.stderr,
          done.stderr)
    calls = [l for l in done.stderr.splitlines()
             if re.match(r"^\w+\(", l)]
    check(re.match(rf'^openat\(AT_FDCWD, "{path}", O_RDONLY\) += (\d+)$',
                   calls[0]) if calls else False, calls)
    fd = re.search(r"= (\d+)$", calls[0]).group(1)
    check(all(re.match(rf"^\w+\({fd}[,)]", l) for l in calls[1:]) and
          any(l.startswith(f"close({fd})") for l in calls), calls)
    check("hostname" not in done.stderr, done.stderr)


def detached_trace(path, status):
    """The -o file of a tracer no one waits for, once it has written the
    exit of the command."""
    deadline = time.time() + TIMEOUT
    text = ""
    while time.time() < deadline and f"+++ exited with {status}" not in text:
        time.sleep(0.05)
        with open(path) as f:
            text = f.read()
    return text


def t_daemonize(s, tmp):
    """-D: the command runs in stracy's process (its parent is ours, and
    its status ours to collect), traced from a grandchild from its
    execve on."""
    out = os.path.join(tmp, "trace")
    for opt in ("-D", "-DD", "-DDD"):
        done = run(s, opt, "-o", out, "-e", "trace=execve,read,exit_group",
                   PYTHON, "-c", "import os, sys; print(os.getppid()); "
                   "sys.exit(5)")
        check(done.returncode == 5, f"{opt}: status {done.returncode}")
        check(done.stdout.strip() == str(os.getpid()),
              f"{opt}: the command's parent is {done.stdout.strip()}")
        text = detached_trace(out, 5)
        lines = text.splitlines()
        check(lines and lines[0].startswith(f'execve("{PYTHON}", '
                                            f'["{PYTHON}", "-c", '),
              f"{opt}: the trace begins with {lines[:1]}")
        check(lines[-1] == "+++ exited with 5 +++" and
              "exit_group(5)" in text and "read(" in text, text[-300:])
    # execve not traced: what comes before it is hidden all the same (the
    # tracer's byte on the pipe, the SIGCHLD of the middle process).
    done = run(s, "-D", "-o", out, "-e", "trace=read,exit_group", "sh", "-c",
               "read x </dev/null; exit 3")
    check(done.returncode == 3, f"status {done.returncode}")
    text = detached_trace(out, 3)
    check(text.startswith("read(") and "exit_group(3)" in text and
          '"\\0", 1) = 1' not in text and "SIGCHLD" not in text, text)


def t_env_append(s, tmp):
    out = os.path.join(tmp, "trace")
    env = dict(os.environ, GONE="1")
    for i in range(2):
        done = run(s, "-A", "-o", out, "-E", "NEW=x", "-E", "GONE",
                   "-e", "trace=exit_group", "sh", "-c",
                   'echo "$NEW-${GONE-unset}"', env=env)
        check(done.stdout == "x-unset\n", done.stdout)
    with open(out) as f:
        text = f.read()
    check(text.count("+++ exited with 0 +++") == 2, f"-A: {text}")
    done = run(s, "-A", "-e", "trace=none", "true")
    check("-A/--output-append-mode has no effect without -o" in done.stderr,
          done.stderr)


def t_long_options(s, tmp):
    """strace's long names mean what the letters do."""
    out = os.path.join(tmp, "trace")
    done = run(s, "--follow-forks", "--seccomp-bpf", "--trace=openat",
               f"--output={out}", "--string-limit=4", "--quiet", "sh", "-c",
               "cat /etc/hostname >/dev/null")
    check(done.returncode == 0, done.stderr)
    with open(out) as f:
        text = f.read()
    check(re.search(r'^\d+ +openat\(AT_FDCWD, "/etc/hostname", O_RDONLY\) ',
                    text, re.M), text)


def t_unknown_optional(s, tmp):
    done = run(s, "-e", "trace=?nosuchcall,openat", "true")
    check(done.returncode == 0, done.stderr)


def t_exit_status(s, tmp):
    check(run(s, "sh", "-c", "exit 7").returncode == 7, "exit 7")
    done = run(s, "sh", "-c", "kill -TERM $$")
    check(done.returncode == -signal.SIGTERM, f"status {done.returncode}")
    check("+++ killed by SIGTERM +++" in done.stderr, done.stderr)
    done = run(s, "/nonexistent/program")
    check(done.returncode == 127 and "Can't exec" in done.stderr, done)


def t_format(s, tmp):
    done = run(s, "-e", "trace=openat,close", "cat", "/nonexistent")
    check(re.search(r'^openat\(AT_FDCWD, "/nonexistent", O_RDONLY\) += -1 '
                    r'ENOENT \(No such file or directory\)$', done.stderr,
                    re.M), done.stderr)
    check(re.search(r"^close\(1\) {32}= 0$", done.stderr, re.M), done.stderr)
    check(done.stderr.rstrip().endswith("+++ exited with 1 +++"), done.stderr)


def t_strings(s, tmp):
    done = run(s, "-e", "trace=write", "-s", "4", "printf", 'a"b\\tcdef')
    check(re.search(r'^write\(1, "a\\"b\\t"\.\.\., 8\) += 8$', done.stderr,
                    re.M), done.stderr)
    done = run(s, "-e", "trace=write", "-xx", "printf", "ab")
    check(re.search(r'^write\(1, "\\x61\\x62", 2\) += 2$', done.stderr, re.M),
          done.stderr)


def ipv6_loopback():
    """Whether this machine has IPv6 on loopback (a container may not)."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def t_decode_fds(s, tmp):
    code = textwrap.dedent("""
        import socket
        srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
        c = socket.create_connection(srv.getsockname())
        s, _ = srv.accept()
        c.sendall(b'x'); s.recv(1)
        """)
    done = run(s, "-yy", "-e", "trace=sendto,close", PYTHON, "-c", code)
    check(re.search(r'^sendto\(\d+<TCP:\[127\.0\.0\.1:\d+->127\.0\.0\.1:'
                    r'\d+\]>, "x", 1, 0, NULL, 0\) += 1$', done.stderr, re.M),
          done.stderr)
    code = textwrap.dedent("""
        import socket
        p, q = socket.socketpair()
        u = socket.socket(socket.AF_UNIX); u.bind('\\0stracy-test')
        for s in (p, u): s.close()
        """)
    expected = [r"\d+<UNIX-STREAM:\[(\d+)->(\d+)\]>",
                r'\d+<UNIX-STREAM:\[\d+,@"stracy-test"\]>']
    if ipv6_loopback():
        code += textwrap.dedent("""
            srv = socket.socket(socket.AF_INET6); srv.bind(('::1', 0))
            srv.listen(1)
            c = socket.create_connection(srv.getsockname()[:2])
            for s in (c, srv): s.close()
            """)
        expected += [r"\d+<TCPv6:\[\[::1\]:(\d+)->\[::1\]:(\d+)\]>",
                     r"\d+<TCPv6:\[\[::1\]:\d+\]>"]
    done = run(s, "-yy", "-e", "trace=close", PYTHON, "-c", code)
    for close in expected:
        check(re.search(rf"^close\({close}\) += 0$", done.stderr, re.M),
              f"no close({close}) in:\n{done.stderr}")
    done = run(s, "-yy", "-e", "trace=close", "cat", "/dev/null")
    check(re.search(r"^close\(3</dev/null<char 1:3>>\) += 0$", done.stderr,
                    re.M), done.stderr)
    done = run(s, "-y", "-e", "trace=read", "cat", "/etc/hostname")
    check(re.search(r'^read\(3</etc/hostname>, ', done.stderr, re.M),
          done.stderr)


def t_timestamps(s, tmp):
    done = run(s, "-ttt", "-T", "-e", "trace=getpid", PYTHON, "-c",
               "import os; os.getpid()")
    check(re.search(r"^\d{10}\.\d{6} getpid\(\) += \d+ <\d+\.\d{6}>$",
                    done.stderr, re.M), done.stderr)
    done = run(s, "-tt", "-e", "trace=getpid", PYTHON, "-c",
               "import os; os.getpid()")
    check(re.search(r"^\d\d:\d\d:\d\d\.\d{6} getpid\(\)", done.stderr, re.M),
          done.stderr)


def t_inject(s, tmp):
    done = run(s, "-e", "trace=openat", "-e",
               "inject=openat:error=EACCES:when=3", "cat", "/etc/hostname")
    lines = [l for l in done.stderr.splitlines() if l.startswith("openat")]
    check(len(lines) >= 3 and lines[2].endswith(
        "= -1 EACCES (Permission denied) (INJECTED)"), done.stderr)
    check(sum("INJECTED" in l for l in lines) == 1, done.stderr)
    for backend in ("classic", "auto"):
        # Failed only: an entry-only hook, no exit stop on kmask/seccomp.
        done = run(s, "-e", "trace=none", "-e", "fault=openat:when=2+2",
                   "cat", "/etc/hostname",
                   env=dict(os.environ, TRACY_BACKEND=backend))
        check(done.returncode == 127 and "libc.so.6" in done.stderr,
              f"{backend}: {done.returncode} {done.stderr}")
    done = run(s, "-qq", "-e", "trace=getppid", "-e",
               "inject=getppid:retval=42", PYTHON, "-c",
               "import os; print(os.getppid())")
    check(done.stdout.strip() == "42", done.stdout)
    check(re.search(r"^getppid\(\) += 42 \(INJECTED\)$", done.stderr, re.M),
          done.stderr)


def t_inject_fails_the_command(s, tmp):
    """What the command sees: the errno, the syscall not run; without
    the syscall traced too (an entry-only hook)."""
    victim = os.path.join(tmp, "victim")
    open(victim, "w").close()
    for trace in ("none", "unlinkat"):
        for err, text in (("EROFS", "Read-only file system"),
                          ("EPERM", "Operation not permitted")):
            done = run(s, "-e", f"trace={trace}", "-e",
                       f"inject=unlinkat:error={err}", "rm", victim)
            check(done.returncode == 1 and text in done.stderr,
                  f"{trace} {err}: {done.returncode} {done.stderr}")
            check(os.path.exists(victim), "rm removed the file")
            check((trace == "none") == ("INJECTED" not in done.stderr),
                  done.stderr)


# A shell that writes 24 lines; a failed echo writes its message too.
ECHOES = f"for i in {' '.join(map(str, range(1, 25)))}; do echo $i; done"


def injected(done):
    """The pids and lines of the writes made to fail, in order."""
    return [(m.group(1), m.group(2)) for m in re.finditer(
        r"^(?:\[pid +(\d+)\] )?(write\(.*\)) += -1 EIO .*\(INJECTED\)$",
        done.stderr, re.M)]


def t_inject_rate(s, tmp):
    """rate=PERCENT with seed=N: a seed repeats its run, another seed
    chooses other calls, 0 and 100 choose none and all; and the choice
    is per process, so two processes that make the same calls have the
    same ones failed however they interleave."""
    def shell(seed, rate="50", script=ECHOES):
        return run(s, "-f", "-e", "trace=write", "-e",
                   f"inject=write:error=EIO:rate={rate}:seed={seed}",
                   "sh", "-c", script, cwd=tmp)
    runs = [shell(7), shell(7), shell(8)]
    check(runs[0].stdout == runs[1].stdout and
          injected(runs[0]) == injected(runs[1]),
          "the same seed chose otherwise")
    check(injected(runs[0]) != injected(runs[2]),
          "another seed chose the same calls")
    calls = runs[0].stderr.count("\nwrite(") + \
        runs[0].stderr.startswith("write(")
    failed = len(injected(runs[0]))
    check(0 < failed < calls, f"{failed} of {calls} writes failed at 50 %")
    printed = runs[0].stdout.split()
    check(0 < len(printed) < 24, f"stdout {printed}")
    check("chooses with seed" not in runs[0].stderr, "a given seed said")
    none, every = shell(7, "0"), shell(7, "100")
    check(none.stdout.split() == [str(i) for i in range(1, 25)] and
          not injected(none), f"rate 0 failed something: {none.stdout!r}")
    check(every.stdout == "" and every.returncode == 1, every.stdout)
    # Two processes, the same script: the same calls chosen in each (-ff:
    # a file per process, lines never interrupted by the other's).
    out = os.path.join(tmp, "ff")
    done = run(s, "-ff", "-o", out, "-e", "trace=write", "-e",
               "inject=write:error=EIO:rate=50:seed=7", "sh", "-c",
               f"({ECHOES}) & ({ECHOES}) & wait", cwd=tmp)
    chosen = set()
    for name in os.listdir(tmp):
        if name.startswith("ff."):
            with open(os.path.join(tmp, name)) as f:
                text = f.read()
            if "write(" in text:
                chosen.add(tuple(re.findall(r"^write.*INJECTED\)$", text,
                                            re.M)))
    check(len(chosen) == 1 and len(next(iter(chosen))) == failed,
          f"the processes' choices differ: {chosen}")
    # Without seed=, one is drawn and said, to repeat the run with.
    done = run(s, "-e", "trace=none", "-e", "inject=write:error=EIO:rate=50",
               "true")
    check(re.search(r"^stracy: -e inject=write:error=EIO:rate=50 chooses "
                    r"with seed=\d+$", done.stderr, re.M), done.stderr)


def t_follow_ff(s, tmp):
    out = os.path.join(tmp, "ff")
    done = run(s, "-ff", "-o", out, "sh", "-c", "/bin/true; /bin/true")
    check(done.returncode == 0, done.stderr)
    files = sorted(f for f in os.listdir(tmp) if f.startswith("ff."))
    check(len(files) == 3, files)
    texts = []
    for name in files:
        with open(os.path.join(tmp, name)) as f:
            texts.append(f.read())
    check(sum(t.startswith('execve("/usr/bin/sh"') for t in texts) == 1,
          [t[:80] for t in texts])
    for text in texts:
        check(text.endswith("+++ exited with 0 +++\n"), text[-200:])
        check(not re.search(r"^(\d+ |\[pid)|resumed>|unfinished", text, re.M),
              text)


def t_summary(s, tmp):
    done = run(s, "-c", "ls", "/nonexistent")
    check(re.search(r"^% time +seconds +usecs/call +calls +errors syscall$",
                    done.stderr, re.M), done.stderr)
    check(re.search(r"^ *[\d.]+ +[\d.]+ +\d+ +1 +1 statx?|newfstatat|"
                    r"^ *[\d.]+ +[\d.]+ +\d+ +\d+ +\d+ total$", done.stderr,
                    re.M), done.stderr)
    check("openat(" not in done.stderr, "-c printed the trace")


def summary_seconds(text, name):
    m = re.search(rf"^ *[\d.]+ +([\d.]+) +\d+ +\d+ +(?:\d+ +)?{name}$",
                  text, re.M)
    check(m, f"no {name} row in:\n{text}")
    return float(m.group(1))


def t_summary_time(s, tmp):
    """-c counts the system time of the calls, as strace: not the 0.3 s a
    nanosleep waits, but the CPU time of reading 32 MiB of
    /dev/urandom; -w counts wall-clock time, the sleep's too."""
    code = ("import os, time\ntime.sleep(0.3)\n"
            "fd = os.open('/dev/urandom', os.O_RDONLY)\n"
            "while os.read(fd, 1 << 25): break\n")
    args = ["-e", "trace=clock_nanosleep,read", PYTHON, "-c", code]
    done = run(s, "-c", *args)
    check(summary_seconds(done.stderr, "clock_nanosleep") < 0.1, done.stderr)
    check(summary_seconds(done.stderr, "read") > 0.005, done.stderr)
    done = run(s, "-c", "-w", *args)
    check(summary_seconds(done.stderr, "clock_nanosleep") >= 0.29,
          done.stderr)


def t_threads(s, tmp):
    code = textwrap.dedent("""
        import threading, os, time
        def short():
            os.getppid()
        def long():
            time.sleep(0.2); os.getppid()
        ts = [threading.Thread(target=f) for f in [short, long] * 4]
        for t in ts: t.start()
        for t in ts: t.join()
        """)
    done = run(s, "-f", "-e", "trace=getppid", PYTHON, "-c", code)
    check(done.returncode == 0, done.stderr)
    check(done.stderr.count("getppid(") == 8, done.stderr)
    check(done.stderr.count("+++ exited with 0 +++") == 9, done.stderr)


def t_exec_from_thread(s, tmp):
    """A thread that is not the leader executes a program: the leader is
    superseded, and the execve ends under the leader's pid, as in strace."""
    code = textwrap.dedent("""
        import threading, os
        def run():
            os.execv("/bin/sh", ["sh", "-c", "echo done; exit 5"])
        threading.Thread(target=run).start()
        threading.Event().wait()
        """)
    done = run(s, "-f", "-e", "trace=execve,write", PYTHON, "-c", code)
    check(done.returncode == 5 and done.stdout == "done\n", done)
    m = re.search(r'^\[pid +(\d+)\] execve\("/bin/sh", \["sh", "-c", .* '
                  r'<(unfinished|pid changed to \d+) \.\.\.>$', done.stderr,
                  re.M)
    check(m, done.stderr)
    check(re.search(r"^(\[pid +\d+\] )?\+\+\+ superseded by execve in pid "
                    + m.group(1) + r" \+\+\+\n(\[pid +\d+\] )?<\.\.\. execve "
                    r"resumed>\) += 0$", done.stderr, re.M), done.stderr)
    check(re.search(r'write\(1, "done\\n", 5\) += 5', done.stderr),
          done.stderr)


def t_vfork(s, tmp):
    done = run(s, "-f", "-e", "trace=vfork,execve,exit_group", "sh", "-c",
               "/bin/true; echo done")
    check(done.returncode == 0 and done.stdout == "done\n", done)
    check("+++ exited with 0 +++" in done.stderr, done.stderr)


def t_detach_on_execve(s, tmp):
    """-b execve: a child that executes a program is let go of, running."""
    done = run(s, "-f", "-b", "execve", "-e", "trace=execve,write", "sh",
               "-c", "/bin/echo hi; echo there")
    check(done.returncode == 0 and done.stdout == "hi\nthere\n", done)
    check(re.search(r"Process (\d+) detached", done.stderr), done.stderr)
    writes = re.findall(r"^(\[pid +\d+\] )?write\(1, \"(\w+)", done.stderr,
                        re.M)
    check([w[1] for w in writes] == ["there"], done.stderr)


def t_signals(s, tmp):
    code = "import signal, os; signal.signal(signal.SIGUSR1, lambda *a: None); " \
           "os.kill(os.getpid(), signal.SIGUSR1)"
    done = run(s, "-e", "trace=kill", PYTHON, "-c", code)
    check(re.search(r"^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, "
                    r"si_pid=\d+, si_uid=\d+\} ---$", done.stderr, re.M),
          done.stderr)
    done = run(s, "-e", "trace=kill", "-e", "signal=none", PYTHON, "-c", code)
    check("--- SIGUSR1" not in done.stderr, done.stderr)


def t_killed_mid_syscall(s, tmp):
    p = subprocess.Popen([s, "-f", "-e", "trace=read,wait4", "sh", "-c",
                          "sleep 5 & wait"], stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    for pid in subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True,
                              text=True).stdout.split():
        for child in subprocess.run(["pgrep", "-P", pid], capture_output=True,
                                    text=True).stdout.split():
            os.kill(int(child), signal.SIGKILL)
    _, err = p.communicate(timeout=TIMEOUT)
    check("+++ killed by SIGKILL +++" in err, err)
    check(re.search(r"wait4\(-1, .*= \d+", err), err)


def getppid_loop():
    """A process that calls getppid now and then, until killed."""
    victim = subprocess.Popen([PYTHON, "-c", "import os, time\nwhile True:\n"
                               " os.getppid(); time.sleep(0.05)"])
    time.sleep(0.3)
    return victim


def check_released(victim):
    """victim runs on, no longer traced, not stopped."""
    time.sleep(0.3)
    check(victim.poll() is None, "the attached process died")
    check(tracer_pid(victim.pid) == 0, "still traced")
    check(proc_state(victim.pid) in ("S", "R"), proc_state(victim.pid))


def t_attach_detach(s, tmp):
    victim = getppid_loop()
    try:
        p = subprocess.Popen([s, "-e", "trace=getppid", "-p", str(victim.pid)],
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1)
        check(tracer_pid(victim.pid) == p.pid, "not traced")
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=TIMEOUT)
        check(p.returncode == 0, f"status {p.returncode}: {err}")
        check(f"Process {victim.pid} attached" in err and
              f"Process {victim.pid} detached" in err and "getppid()" in err, err)
        check_released(victim)
    finally:
        victim.kill()
        victim.wait()


def t_detach_mid_syscall(s, tmp):
    """Ctrl-C while the attached process sleeps in a syscall: its line
    ends with <detached ...>, as strace's, and the process sleeps on."""
    victim = subprocess.Popen(["sleep", "30"])
    try:
        time.sleep(0.3)
        p = subprocess.Popen([s, "-p", str(victim.pid)],
                             stderr=subprocess.PIPE, text=True)
        time.sleep(1)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=TIMEOUT)
        check(re.search(r"^restart_syscall\(.* <detached \.\.\.>$", err,
                        re.M), err)
        check_released(victim)
    finally:
        victim.kill()
        victim.wait()


# In a pid namespace of its own, an init (whose pid it prints) that exits
# with status 3 and takes its time to end: the init of a namespace, ending,
# waits until every process of it is reaped, and one whose parent (this
# script) is outside is reaped only once the init has a tracer. Exit
# status 77: the kernel has no pid namespaces for us.
SLOW_INIT = textwrap.dedent("""
    import ctypes, os, sys, time
    CLONE_NEWUSER, CLONE_NEWPID = 0x10000000, 0x20000000
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWPID) and libc.unshare(CLONE_NEWUSER | CLONE_NEWPID):
        sys.exit(77)
    r, w = os.pipe()
    init = os.fork()
    if not init:
        os.close(w)
        os.read(r, 1)
        os._exit(3)
    zombie = os.fork()
    if not zombie:
        os._exit(0)
    print(init, flush=True)
    os.close(w)
    for _ in range(2000):
        with open(f"/proc/{init}/status") as f:
            if [l for l in f if l.startswith("TracerPid:") and l.split()[1] != "0"]:
                break
        time.sleep(0.01)
    os.waitpid(zombie, 0)
    os.waitpid(init, 0)
    """)


def t_attach_while_it_exits(s, tmp):
    """A process that exits while stracy attaches to it: its end is
    reported, and stracy exits 0, as strace."""
    helper = subprocess.Popen([PYTHON, "-c", SLOW_INIT], stdout=subprocess.PIPE,
                              text=True)
    try:
        line = helper.stdout.readline()
        if not line:
            check(helper.wait(timeout=TIMEOUT) == 77, "the helper failed")
            raise Skip("no pid namespaces here")
        init = int(line)
        deadline = time.time() + 10
        # PF_EXITING, in the flags of /proc/PID/stat.
        while not int(open(f"/proc/{init}/stat").read().rsplit(")", 1)[1]
                      .split()[6]) & 0x4:
            check(time.time() < deadline, "the init does not exit")
            time.sleep(0.001)
        done = run(s, "-p", str(init))
        check(done.returncode == 0 and done.stderr ==
              f"stracy: Process {init} attached\n+++ exited with 3 +++\n",
              f"status {done.returncode}: {done.stderr!r}")
    finally:
        helper.kill()
        helper.wait()


def t_attach_threads(s, tmp):
    """-f -p attaches every thread of the process, as strace does."""
    code = textwrap.dedent("""
        import os, threading, time
        def loop():
            while True:
                os.getppid(); time.sleep(0.05)
        for _ in range(2):
            threading.Thread(target=loop, daemon=True).start()
        time.sleep(60)
        """)
    victim = subprocess.Popen([PYTHON, "-c", code])
    try:
        time.sleep(0.5)
        p = subprocess.Popen([s, "-f", "-e", "trace=getppid", "-p",
                              str(victim.pid)], stderr=subprocess.PIPE,
                             text=True)
        time.sleep(1)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=TIMEOUT)
        check(f"Process {victim.pid} attached with 3 threads" in err, err)
        pids = set(re.findall(r"^\[pid +(\d+)\] getppid", err, re.M))
        check(len(pids) == 2, f"getppid seen from {pids}")
        check(victim.poll() is None, "the process died")
        for task in os.listdir(f"/proc/{victim.pid}/task"):
            check(tracer_pid(int(task)) == 0, f"thread {task} still traced")
    finally:
        victim.kill()
        victim.wait()


def t_tracer_killed(s, tmp):
    """A tracer killed with SIGKILL leaves no tracee stopped: a command it
    started ends with it (the library asks the kernel for that,
    PTRACE_O_EXITKILL), on every backend; a process it attached to runs
    on, no longer traced."""
    for backend in ("classic", "auto"):
        env = dict(os.environ, TRACY_BACKEND=backend)
        p = subprocess.Popen([s, "-f", "-e", "trace=openat", "sh", "-c",
                              "sleep 1; sleep 1"],
                             stderr=subprocess.DEVNULL, env=env)
        time.sleep(0.5)
        children = subprocess.run(["pgrep", "-P", str(p.pid)],
                                  capture_output=True, text=True).stdout.split()
        p.kill()
        p.wait()
        check(children, "no tracee found")
        time.sleep(0.5)
        check(all(proc_state(int(c)) in (None, "Z") for c in children),
              f"{backend}: a tracee outlived the tracer: "
              f"{[proc_state(int(c)) for c in children]}")
    victim = getppid_loop()
    try:
        p = subprocess.Popen([s, "-q", "-e", "trace=getppid", "-p",
                              str(victim.pid)], stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        check(tracer_pid(victim.pid) == p.pid, "not traced")
        p.kill()
        p.wait()
        check_released(victim)
    finally:
        victim.kill()
        victim.wait()


def sig_ignored(text):
    """The SigIgn mask of a /proc/PID/status text."""
    m = re.search(r"^SigIgn:\s*([0-9a-f]+)$", text, re.M)
    check(m, text)
    return int(m.group(1), 16)


def t_ignored_signals_stay_ignored(s, tmp):
    """A command stracy starts inherits the signals stracy was started
    with ignored (nohup, a shell's background job), as without stracy,
    and gets the others at their defaults."""
    ignored = (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGPIPE)

    def ignore():
        for sig in ignored:
            signal.signal(sig, signal.SIG_IGN)

    command = ["grep", "^SigIgn:", "/proc/self/status"]
    alone = subprocess.run(command, capture_output=True, text=True,
                           timeout=TIMEOUT, preexec_fn=ignore, check=False)
    traced = run(s, "-o", os.devnull, *command, preexec_fn=ignore)
    check(traced.returncode == 0, traced.stderr)
    want = sig_ignored(alone.stdout)
    check(all(want & (1 << (sig - 1)) for sig in ignored), alone.stdout)
    check(sig_ignored(traced.stdout) == want,
          f"under stracy {traced.stdout!r}, alone {alone.stdout!r}")
    alone = subprocess.run(command, capture_output=True, text=True,
                           timeout=TIMEOUT, check=False)
    traced = run(s, "-o", os.devnull, *command)
    check(traced.returncode == 0 and
          sig_ignored(traced.stdout) == sig_ignored(alone.stdout),
          f"under stracy {traced.stdout!r}, alone {alone.stdout!r}")


def t_closed_pipe(s, tmp):
    r, w = os.pipe()
    p = subprocess.Popen([s, "-f", "sh", "-c", "for i in 1 2 3 4 5; do "
                          "/bin/true; done; echo end"], stderr=w,
                         stdout=subprocess.PIPE, text=True)
    os.close(w)
    os.read(r, 100)
    os.close(r)
    out, _ = p.communicate(timeout=TIMEOUT)
    check(out == "end\n", f"command output {out!r}, status {p.returncode}")


TESTS = [t_help, t_man_page, t_only_selected_stop, t_bad_usage,
         t_unsupported, t_instruction_pointer, t_user, t_trace_path, t_daemonize, t_env_append,
         t_long_options, t_unknown_optional,
         t_exit_status, t_format, t_strings, t_decode_fds, t_timestamps, t_inject,
         t_inject_fails_the_command, t_inject_rate,
         t_follow_ff, t_summary, t_summary_time, t_threads, t_exec_from_thread, t_vfork,
         t_detach_on_execve, t_signals, t_ignored_signals_stay_ignored,
         t_killed_mid_syscall,
         t_attach_detach, t_detach_mid_syscall, t_attach_while_it_exits,
         t_attach_threads,
         t_tracer_killed, t_closed_pipe]


def main(argv):
    stracy = os.path.abspath(argv[1])
    failed = 0
    print(f"1..{len(TESTS)}")
    for i, test in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix="stracy-") as tmp:
            try:
                test(stracy, tmp)
                print(f"ok {i} - {test.__name__[2:]}", flush=True)
            except Skip as why:
                print(f"ok {i} - {test.__name__[2:]} # SKIP {why}", flush=True)
            except Exception as error:  # noqa: BLE001 - reported as TAP
                failed += 1
                print(f"not ok {i} - {test.__name__[2:]}")
                for line in str(error).splitlines()[:30]:
                    print(f"#   {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
