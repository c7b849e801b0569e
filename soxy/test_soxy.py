#!/usr/bin/env python3
"""soxy's tests, with real SOCKS5 servers and real clients. Prints TAP,
for selftests/run-host.py.

    test_soxy.py DIR

DIR holds soxy and the static test client (build/soxy). Every server is
started here, on loopback addresses only, and stopped here: Debian's
microsocks (no authentication, and username/password) and danted (no
authentication, and its username method, which checks the system's
accounts: the test's account is added to copies of /etc/passwd and
/etc/shadow mounted over them in danted's mount namespace), HTTP
servers on 127.0.0.1 and ::1, a server that speaks first, and a small
SOCKS5 server of the test's own that answers the errors a real one
cannot be made to give on loopback (network or host unreachable, TTL
expired). The clients: the static C
client (blocking, and non-blocking with poll, select and epoll; through
the C library and through raw syscalls, as Go programs make them; and
its 32-bit build), python3's sockets, curl, a shell with children and
exec, and threads. proxychains4 runs the same clients: it proxies the
dynamic ones and not the static ones, which the tests say. For --dns,
a name server of the test's own (UDP and TCP, port 53 of a loopback
address: root only) that a mount namespace's /etc/resolv.conf names,
and curl and a static program (soxy-resolve) that look names up.

Destinations are on loopback, which soxy connects to directly by
default, so the tests run soxy with --no-default-excludes.
"""

import contextlib
import errno
import http.server
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from testbed.results import run_unittests  # noqa: E402

TIMEOUT = 60
START_TIMEOUT = 10
HTTP_BODY = b"hello through soxy\n"
BANNER = b"BANNER soxy-test\n"
USER, PASSWORD = "soxyuser", "s3cret"
PYTHON = "/usr/bin/python3"


class Skip(Exception):
    """The test cannot run here; the message says why."""


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def free_port(host="127.0.0.1"):
    with socket.socket(family_of(host), socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(port, proc=None, host="127.0.0.1"):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc and proc.poll() is not None:
            raise AssertionError(f"server ended with {proc.returncode}")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on {host}:{port}")


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.send_response(200)
        self.send_header("Content-Length", str(len(HTTP_BODY)))
        self.end_headers()
        self.wfile.write(HTTP_BODY)

    def log_message(self, *args):
        pass


class Http6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class BannerHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(BANNER)


@contextlib.contextmanager
def thread_server(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class Process:
    """A server started by a test, its output in a log file."""

    def __init__(self, argv, log, port, host="127.0.0.1"):
        self.log_path = log
        self.port = port
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_port(port, self.proc, host)
        except AssertionError:
            self.stop()
            raise

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()


def microsocks(tmp, auth=False, host="127.0.0.1"):
    try:
        port = free_port(host)
    except OSError as error:
        raise Skip(f"no {host}: {error}") from error
    argv = ["microsocks", "-i", host, "-p", str(port)]
    if auth:
        argv += ["-u", USER, "-P", PASSWORD]
    return Process(argv, os.path.join(tmp, f"microsocks-{port}.log"), port,
                   host)


def bind_mounts(binds):
    """A prefix for a command: it runs in a mount namespace of its own,
    where each (file, target) of binds is mounted over target. Root only:
    the test is skipped otherwise."""
    if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"],
                                           capture_output=True,
                                           check=False).returncode:
        raise Skip("no mount namespace (unshare -m) without root")
    script = ('while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 125;'
              ' shift 2; done; shift; exec "$@"')
    return ["unshare", "-m", "sh", "-c", script, "sh",
            *[path for bind in binds for path in bind], "--"]


def system_user(tmp):
    """A prefix for a command that sees one account more, USER with
    PASSWORD, in /etc/passwd and /etc/shadow: copies mounted over them
    in a mount namespace, so the system's files stay as they are."""
    if not shutil.which("openssl"):
        raise Skip("no openssl to hash the password")
    crypted = subprocess.run(["openssl", "passwd", "-6", PASSWORD],
                             capture_output=True, text=True,
                             check=True).stdout.strip()
    passwd, shadow = (os.path.join(tmp, name) for name in ("passwd",
                                                            "shadow"))
    shutil.copyfile("/etc/passwd", passwd)
    with open(passwd, "a", encoding="utf-8") as f:
        f.write(f"{USER}:x:64999:64999::/nonexistent:/usr/sbin/nologin\n")
    # Only the test's account: the system's hashes are not copied.
    with open(os.open(shadow, os.O_WRONLY | os.O_CREAT, 0o600), "w",
              encoding="utf-8") as f:
        f.write(f"{USER}:{crypted}:20000:0:99999:7:::\n")
    return bind_mounts([(passwd, "/etc/passwd"), (shadow, "/etc/shadow")])


def danted(tmp, auth=False):
    """danted on 127.0.0.1; with auth, its username method (RFC 1929),
    which checks the system's accounts: system_user() adds the test's."""
    port = free_port()
    prefix = system_user(tmp) if auth else []
    log = os.path.join(tmp, f"danted-{port}.log")
    conf = os.path.join(tmp, f"danted-{port}.conf")
    rules = "".join(f"""socks pass {{
	from: 127.0.0.0/8 to: {to}
	command: connect
	log: error connect
}}
""" for to in ("127.0.0.0/8", "::1/128"))
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"""logoutput: {log}
internal: 127.0.0.1 port = {port}
external: lo
socksmethod: {"username" if auth else "none"}
clientmethod: none
user.privileged: root
user.unprivileged: nobody
client pass {{
	from: 127.0.0.0/8 to: 0.0.0.0/0
	log: error connect
}}
{rules}""")
    return Process([*prefix, "/usr/sbin/danted", "-f", conf, "-N", "1", "-p",
                    os.path.join(tmp, f"danted-{port}.pid")],
                   os.path.join(tmp, f"danted-{port}.out"), port), log


class FakeSocks(socketserver.ThreadingTCPServer):
    """A SOCKS5 server that answers every CONNECT with one reply code."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, reply, hold=False):
        self.reply = reply
        # With hold, each reply waits for release (set by the test).
        self.request_seen = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()
        super().__init__(("127.0.0.1", 0), FakeSocksHandler)


class FakeSocksHandler(socketserver.BaseRequestHandler):
    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.request.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def handle(self):
        try:
            _, nmethods = self.recv_exact(2)
            self.recv_exact(nmethods)
            self.request.sendall(b"\x05\x00")
            head = self.recv_exact(4)
            self.recv_exact({1: 4, 4: 16}[head[3]] + 2)
            self.server.request_seen.set()
            self.server.release.wait(TIMEOUT)
            self.request.sendall(bytes([5, self.server.reply, 0, 1]) +
                                 bytes(6))
        except (EOFError, KeyError, OSError):
            pass


class Env:
    """The programs under test, and the servers every test shares."""

    def __init__(self, directory, tmp):
        self.dir = os.path.abspath(directory)
        self.soxy = os.path.join(self.dir, "soxy")
        self.client = os.path.join(self.dir, "soxy-client")
        self.resolve = os.path.join(self.dir, "soxy-resolve")
        self.tmp = tmp

    def run(self, argv, env=None, timeout=TIMEOUT):
        full = dict(os.environ)
        full.update(env or {})
        return subprocess.run(argv, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, env=full,
                              timeout=timeout, check=False)

    def soxy_run(self, proxy_port, command, options=(), env=None,
                 excludes=("--no-default-excludes",), wrapper=(),
                 proxy_host="127.0.0.1"):
        if ":" in proxy_host:
            proxy_host = f"[{proxy_host}]"
        argv = [*wrapper, self.soxy, "-s", f"{proxy_host}:{proxy_port}",
                *excludes, *options, "--", *command]
        return self.run(argv, env)


def fields(output):
    """The client's "key: value" lines."""
    return dict(line.split(": ", 1) for line in output.splitlines()
                if ": " in line)


def expect_client(done, want):
    got = fields(done.stdout)
    for key, value in want.items():
        check(got.get(key) == value,
              f"{key}: {got.get(key)!r}, not {value!r}\nstdout:\n"
              f"{done.stdout}\nstderr:\n{done.stderr}")


def expect_connect_logged(log, port, count=1):
    seen = len(re.findall(rf"(connected to 127\.0\.0\.1:{port}\b|"
                          rf"tcp/connect .* 127\.0\.0\.1\.{port}\b)", log))
    check(seen >= count, f"{count} CONNECT to port {port} not in the "
          f"proxy's log:\n{log}")


@contextlib.contextmanager
def http4():
    with thread_server(http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), QuietHandler)) as server:
        yield server.server_address[1]


@contextlib.contextmanager
def http6():
    try:
        server = Http6Server(("::1", 0), QuietHandler)
    except OSError as error:
        raise Skip(f"no IPv6 loopback: {error}") from error
    with thread_server(server):
        yield server.server_address[1]


@contextlib.contextmanager
def refused_port(host="127.0.0.1"):
    """A loopback port that refuses: bound, not listening."""
    with socket.socket(family_of(host)) as s:
        try:
            s.bind((host, 0))
        except OSError as error:
            raise Skip(f"no {host}: {error}") from error
        yield s.getsockname()[1]


@contextlib.contextmanager
def stopping(process):
    try:
        yield process
    finally:
        process.stop()


GET = "GET / HTTP/1.0\n\n"


def client_through(env, proxy, port, *client_args, options=(), envvars=None,
                   host="127.0.0.1", client=None):
    return env.soxy_run(proxy.port, [client or env.client, *client_args,
                                     "-s", GET, host, str(port)],
                        options, envvars)


def test_usage(env):
    done = env.run([env.soxy, "--help"])
    check(done.returncode == 0 and "usage: soxy" in done.stdout,
          f"--help: {done.returncode} {done.stdout!r}")
    for args in ([], ["-s", "nohostport", "--", "true"],
                 ["-s", "127.0.0.1:99999", "--", "true"],
                 ["--exclude", "1.2.3.4/99", "--", "true"],
                 ["-u", "nocolon", "--", "true"], ["-p", "1", "true"],
                 ["--dns-server", "1.1.1.1", "--", "true"]):
        done = env.run([env.soxy, *args])
        check(done.returncode == 125, f"{args}: status {done.returncode}")
    done = env.run([env.soxy, "--", "/nonexistent/program"])
    check(done.returncode == 127, f"status {done.returncode}")


def blocking_ipv4(env, backend):
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = client_through(env, proxy, port,
                              envvars={"TRACY_BACKEND": backend})
        check(done.returncode == 0, f"status {done.returncode}:\n"
              f"{done.stdout}{done.stderr}")
        # A backend TRACY_BACKEND cannot have is refused once on stderr
        # and the automatic choice taken: that would not test this one.
        check(f"TRACY_BACKEND={backend}" not in done.stderr,
              f"the {backend} backend was not used:\n{done.stderr}")
        expect_client(done, {"connect": "0", "peer": f"127.0.0.1:{port}",
                             "reply": "HTTP/1.0 200 OK"})
    expect_connect_logged(proxy.log(), port)


def test_static_blocking_ipv4_seccomp(env):
    blocking_ipv4(env, "seccomp")


def test_static_blocking_ipv4_classic(env):
    blocking_ipv4(env, "classic")


def test_static_blocking_ipv4_kmask(env):
    done = env.run([env.soxy, "--", "true"], {"TRACY_BACKEND": "kmask"})
    if done.returncode != 0 or "TRACY_BACKEND=kmask" in done.stderr:
        raise Skip("this kernel has no syscall stop mask")
    blocking_ipv4(env, "kmask")


def nonblocking(env, wait, backend="seccomp"):
    ready = {"poll": "POLLOUT", "select": "write", "epoll": "EPOLLOUT"}
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = client_through(env, proxy, port, "-n", "-w", wait,
                              envvars={"TRACY_BACKEND": backend})
        expect_client(done, {"connect": "EINPROGRESS", "ready": ready[wait],
                             "so_error": "0", "reconnect": "0",
                             "peer": f"127.0.0.1:{port}",
                             "reply": "HTTP/1.0 200 OK"})
    expect_connect_logged(proxy.log(), port)


def test_static_nonblocking_poll(env):
    nonblocking(env, "poll")


def test_static_nonblocking_select(env):
    nonblocking(env, "select")


def test_static_nonblocking_epoll(env):
    nonblocking(env, "epoll")


def test_static_nonblocking_classic(env):
    nonblocking(env, "poll", "classic")


def test_static_ipv6_destination(env):
    with stopping(microsocks(env.tmp)) as proxy, http6() as port:
        for extra in ([], ["-n"]):
            done = client_through(env, proxy, port, *extra, host="::1")
            expect_client(done, {"peer": f"[::1]:{port}",
                                 "reply": "HTTP/1.0 200 OK"})
    log = proxy.log()
    check(len(re.findall(rf"connected to ::1:{port}\b", log)) == 2,
          f"no 2 CONNECTs to [::1]:{port} in:\n{log}")


def test_raw_syscalls_like_go(env):
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        for extra in ([], ["-n"]):
            done = client_through(env, proxy, port, "-r", *extra)
            expect_client(done, {"peer": f"127.0.0.1:{port}",
                                 "reply": "HTTP/1.0 200 OK"})
    expect_connect_logged(proxy.log(), port, 2)


def test_32bit_client(env):
    clients = [f for f in os.listdir(env.dir)
               if f.startswith("soxy-client-")]
    if not clients:
        raise Skip("this host runs no 32-bit ABI")
    client = os.path.join(env.dir, clients[0])
    with stopping(microsocks(env.tmp)) as proxy, http4() as port, \
            refused_port() as closed:
        for backend in ("seccomp", "classic"):
            for extra in ([], ["-n"], ["-r"]):
                done = client_through(env, proxy, port, *extra,
                                      client=client,
                                      envvars={"TRACY_BACKEND": backend})
                expect_client(done, {"peer": f"127.0.0.1:{port}",
                                     "reply": "HTTP/1.0 200 OK"})
        done = env.soxy_run(proxy.port, [client, "127.0.0.1", str(closed)])
        expect_client(done, {"connect": "ECONNREFUSED"})
    expect_connect_logged(proxy.log(), port, 6)


def test_refused_destination(env):
    """Blocking: ECONNREFUSED; non-blocking: EINPROGRESS, then POLLERR and
    SO_ERROR ECONNREFUSED. danted logs the refused CONNECT; microsocks
    logs only those that succeed, so soxy -v says what it answered."""
    server, dante_log = danted(env.tmp)
    with stopping(microsocks(env.tmp)) as ms, stopping(server), \
            refused_port() as port:
        for proxy in (ms, server):
            for extra, want in (([], {"connect": "ECONNREFUSED"}),
                                (["-n"], {"connect": "EINPROGRESS",
                                          "ready": "POLLOUT|POLLERR|POLLHUP",
                                          "so_error": "ECONNREFUSED"})):
                done = env.soxy_run(proxy.port, [env.client, *extra,
                                                 "127.0.0.1", str(port)],
                                    ["-v"])
                check(done.returncode == 1, f"status {done.returncode}")
                expect_client(done, want)
                check(re.search(rf"127\.0\.0\.1:{port} via .*: connection "
                                "refused", done.stderr), done.stderr)
    with open(dante_log, encoding="utf-8") as f:
        log = f.read()
    check(len(re.findall(rf"tcp/connect .*127\.0\.0\.1\.{port}.*"
                         r"Connection refused", log)) == 2,
          f"no 2 refused CONNECTs to port {port} in:\n{log}")


def test_direct_refused_looks_the_same(env):
    """What the client sees through soxy is what it sees directly, for
    IPv4 and IPv6 (a refused non-blocking IPv6 socket gets its pending
    error from soxy's IPv6 port that refuses)."""
    for host in ("127.0.0.1", "::1"):
        with refused_port(host) as port:
            direct = [env.run([env.client, *extra, host, str(port)])
                      for extra in ([], ["-n"])]
            with stopping(microsocks(env.tmp)) as proxy:
                proxied = [env.soxy_run(proxy.port, [env.client, *extra,
                                                     host, str(port)],
                                        ["-v"])
                           for extra in ([], ["-n"])]
        for d, p in zip(direct, proxied):
            check(d.stdout == p.stdout,
                  f"direct:\n{d.stdout}\nsoxy:\n{p.stdout}{p.stderr}")
            check(re.search(rf"{re.escape(host)}\]?:{port} via .*: "
                            "connection refused", p.stderr), p.stderr)
        expect_client(proxied[1], {"connect": "EINPROGRESS",
                                   "so_error": "ECONNREFUSED"})


def test_ipv6_proxy(env):
    """A proxy on ::1: IPv6 sockets reach it, blocking or not; an IPv4
    socket cannot, and gets ENETUNREACH, as soxy(1) says."""
    with http6() as port6, http4() as port4, \
            stopping(microsocks(env.tmp, host="::1")) as proxy:
        for extra in ([], ["-n"]):
            done = env.soxy_run(proxy.port, [env.client, *extra, "-s", GET,
                                             "::1", str(port6)],
                                proxy_host="::1")
            expect_client(done, {"peer": f"[::1]:{port6}",
                                 "reply": "HTTP/1.0 200 OK"})
        done = env.soxy_run(proxy.port, [env.client, "127.0.0.1",
                                         str(port4)], proxy_host="::1")
        expect_client(done, {"connect": "ENETUNREACH"})
        check("an IPv6 proxy for an IPv4 socket" in done.stderr, done.stderr)
    log = proxy.log()
    check(len(re.findall(rf"connected to ::1:{port6}\b", log)) == 2 and
          f":{port4}" not in log, log)


def test_errors_the_proxy_reports(env):
    for code, name in ((3, "ENETUNREACH"), (4, "EHOSTUNREACH"),
                       (6, "ETIMEDOUT"), (5, "ECONNREFUSED"),
                       (2, "ECONNREFUSED")):
        with thread_server(FakeSocks(code)) as fake:
            proxy_port = fake.server_address[1]
            done = env.soxy_run(proxy_port, [env.client, "127.0.0.1", "9"])
            expect_client(done, {"connect": name})


def test_tracee_killed_during_handshake(env):
    """A process killed while soxy waits for the proxy ends alone."""
    pidfile = os.path.join(env.tmp, "pid")
    script = (f"{env.client} 127.0.0.1 9 & echo $! > {pidfile}; "
              "wait $!; echo alive $?")
    with thread_server(FakeSocks(5, hold=True)) as fake:
        soxy = subprocess.Popen([env.soxy, "-s",
                                 f"127.0.0.1:{fake.server_address[1]}",
                                 "--no-default-excludes", "--", "/bin/sh",
                                 "-c", script], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            check(fake.request_seen.wait(TIMEOUT), "no CONNECT came")
            deadline = time.monotonic() + START_TIMEOUT
            while time.monotonic() < deadline and not (
                    os.path.exists(pidfile) and os.path.getsize(pidfile)):
                time.sleep(0.05)
            with open(pidfile, encoding="utf-8") as f:
                os.kill(int(f.read()), signal.SIGKILL)
            time.sleep(0.2)
            fake.release.set()
            out, err = soxy.communicate(timeout=TIMEOUT)
        finally:
            fake.release.set()
            if soxy.poll() is None:
                soxy.kill()
                soxy.wait()
    check(soxy.returncode == 0 and out == "alive 137\n",
          f"status {soxy.returncode}: {out}{err}")


def test_proxy_down(env):
    with refused_port() as port:
        done = env.soxy_run(port, [env.client, "127.0.0.1", "9"])
    expect_client(done, {"connect": "ECONNREFUSED"})
    check("cannot reach the proxy" in done.stderr, done.stderr)


def test_username_password(env):
    with stopping(microsocks(env.tmp, auth=True)) as proxy, \
            http4() as port:
        done = client_through(env, proxy, port,
                              options=["-u", f"{USER}:{PASSWORD}"])
        expect_client(done, {"peer": f"127.0.0.1:{port}",
                             "reply": "HTTP/1.0 200 OK"})
        done = client_through(env, proxy, port,
                              envvars={"SOXY_USER": f"{USER}:{PASSWORD}"})
        expect_client(done, {"reply": "HTTP/1.0 200 OK"})
        done = client_through(env, proxy, port,
                              options=["-u", f"{USER}:wrong"])
        expect_client(done, {"connect": "EACCES"})
        check("refused the username and password" in done.stderr,
              done.stderr)
        done = client_through(env, proxy, port)
        expect_client(done, {"connect": "EACCES"})
        check("wants authentication" in done.stderr, done.stderr)
    expect_connect_logged(proxy.log(), port, 2)


def test_username_password_dante(env):
    """danted checks the username and password against the system's
    accounts, one of which only its mount namespace has; it refuses a
    wrong password, an unknown user, and a client without -u."""
    server, dante_log = danted(env.tmp, auth=True)
    with stopping(server) as proxy, http4() as port:
        done = client_through(env, proxy, port,
                              options=["-u", f"{USER}:{PASSWORD}"])
        expect_client(done, {"peer": f"127.0.0.1:{port}",
                             "reply": "HTTP/1.0 200 OK"})
        for options, message in (
                (["-u", f"{USER}:wrong"], "refused the username"),
                (["-u", f"nosuch{USER}:{PASSWORD}"], "refused the username"),
                ([], "wants authentication")):
            done = client_through(env, proxy, port, options=options)
            expect_client(done, {"connect": "EACCES"})
            check(message in done.stderr, done.stderr)
    with open(dante_log, encoding="utf-8") as f:
        log = f.read()
    # A session's first line ("tcp/connect [:"), not its last ("]:"),
    # which danted may or may not have written by now.
    check(len(re.findall(rf"tcp/connect \[: username%{USER}@.* "
                         rf"127\.0\.0\.1\.{port}\b", log)) == 1 and
          f'authentication failed for user "{USER}"' in log, log)


def test_server_speaks_first(env):
    """soxy reads no byte past the proxy's reply."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), BannerHandler)
    with stopping(microsocks(env.tmp)) as proxy, thread_server(server):
        port = server.server_address[1]
        done = env.soxy_run(proxy.port, [env.client, "-s", "", "127.0.0.1",
                                         str(port)])
    expect_client(done, {"reply": BANNER.decode().strip()})


PY_CLIENT = """
import socket, sys, threading
port = int(sys.argv[1])
out = []
def get():
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
    data = b""
    while chunk := s.recv(4096):
        data += chunk
    out.append((s.getpeername() == ("127.0.0.1", port),
                data.split(b"\\r\\n", 1)[0].decode()))
threads = [threading.Thread(target=get) for _ in range(int(sys.argv[2]))]
for t in threads: t.start()
for t in threads: t.join()
print(len([o for o in out if o == (True, "HTTP/1.0 200 OK")]))
"""


def test_python_threads(env):
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = env.soxy_run(proxy.port, [PYTHON, "-c", PY_CLIENT, str(port),
                                         "8"])
    check(done.stdout.strip() == "8", f"{done.stdout}{done.stderr}")
    expect_connect_logged(proxy.log(), port, 8)


def test_python_threads_process_pidfd(env):
    """The same without pidfds of threads, as before Linux 6.9."""
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = env.soxy_run(proxy.port, [PYTHON, "-c", PY_CLIENT, str(port),
                                         "4"], env={"SOXY_PIDFD": "process"})
    check(done.stdout.strip() == "4", f"{done.stdout}{done.stderr}")
    expect_connect_logged(proxy.log(), port, 4)


def test_python_getpeername(env):
    code = ("import socket,sys; s=socket.create_connection(('127.0.0.1',"
            "int(sys.argv[1]))); print(s.getpeername())")
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = env.soxy_run(proxy.port, [PYTHON, "-c", code, str(port)])
    check(done.stdout.strip() == f"('127.0.0.1', {port})",
          f"{done.stdout}{done.stderr}")


def curl_get(env, proxy, port, via=()):
    return env.run([*via, "curl", "-sS", "--max-time", "20", "--noproxy",
                    "*", f"http://127.0.0.1:{port}/"])


def test_curl_through_dante(env):
    server, dante_log = danted(env.tmp)
    with stopping(server), http4() as port:
        done = env.soxy_run(server.port, ["curl", "-sS", "--max-time", "20",
                                          f"http://127.0.0.1:{port}/"])
    check(done.stdout.encode() == HTTP_BODY, f"{done.stdout}{done.stderr}")
    expect_connect_logged(open(dante_log, encoding="utf-8").read(), port)


def test_children_and_exec(env):
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        script = (f"{env.client} 127.0.0.1 {port} && "
                  f"(curl -sS http://127.0.0.1:{port}/ &) ; wait; "
                  f"exec {env.client} -n 127.0.0.1 {port}")
        done = env.soxy_run(proxy.port, ["/bin/sh", "-c", script])
    check(done.returncode == 0, f"{done.stdout}{done.stderr}")
    check(HTTP_BODY.decode() in done.stdout, done.stdout)
    expect_connect_logged(proxy.log(), port, 3)


def test_loopback_excluded_by_default(env):
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        done = env.run([env.soxy, "-s", f"127.0.0.1:{proxy.port}", "--",
                        env.client, "-s", GET, "127.0.0.1", str(port)])
        expect_client(done, {"reply": "HTTP/1.0 200 OK"})
        done = env.soxy_run(proxy.port, [env.client, "127.0.0.1", str(port)],
                            ["--exclude", "127.0.0.0/24"])
        expect_client(done, {"connect": "0"})
    check(f":{port}" not in proxy.log(), proxy.log())


def test_udp_untouched(env):
    code = ("import socket; s=socket.socket(socket.AF_INET,"
            "socket.SOCK_DGRAM); s.connect(('127.0.0.1', 9));"
            "print(s.getpeername())")
    with stopping(microsocks(env.tmp)) as proxy:
        done = env.soxy_run(proxy.port, [PYTHON, "-c", code])
    check(done.stdout.strip() == "('127.0.0.1', 9)", done.stdout)
    check("connected to" not in proxy.log(), proxy.log())


DNS_NAME = "soxy-dns-test.example"


class ReusingUdpServer(socketserver.ThreadingUDPServer):
    daemon_threads = True
    allow_reuse_address = True


class ReusingTcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def dns_query(name):
    """A query of type A for name, with recursion desired."""
    return (b"\x12\x34\x01\x00\x00\x01" + bytes(6) +
            b"".join(bytes([len(label)]) + label.encode()
                     for label in name.split(".")) + b"\x00\x00\x01\x00\x01")


class DnsServer:
    """A name server on a loopback address, port 53, over UDP and TCP: it
    answers A queries for DNS_NAME with 127.0.0.1, other queries for it
    with no record, others with NXDOMAIN, and records each query as
    (transport, name, type)."""

    def __init__(self):
        if os.geteuid() != 0:
            raise Skip("port 53 and a mount namespace need root")
        self.queries = []
        # An address of its own per run, which nothing else uses.
        self.address = f"127.{os.getpid() % 250 + 1}.83.53"
        addr = (self.address, 53)
        dns = self

        class Udp(socketserver.BaseRequestHandler):
            def handle(self):
                data, sock = self.request
                sock.sendto(dns.answer("udp", data), self.client_address)

        class Tcp(socketserver.StreamRequestHandler):
            def handle(self):
                while len(head := self.rfile.read(2)) == 2:
                    query = self.rfile.read(int.from_bytes(head, "big"))
                    reply = dns.answer("tcp", query)
                    self.wfile.write(len(reply).to_bytes(2, "big") + reply)

        try:
            self.udp = ReusingUdpServer(addr, Udp)
        except OSError as error:
            raise Skip(f"no name server on {self.address}: {error}") \
                from error
        try:
            self.tcp = ReusingTcpServer(addr, Tcp)
        except OSError:
            self.udp.server_close()
            raise

    def answer(self, transport, query):
        labels, i = [], 12
        while query[i]:
            labels.append(query[i + 1:i + 1 + query[i]].decode())
            i += 1 + query[i]
        name, qtype = ".".join(labels).lower(), query[i + 1:i + 3]
        self.queries.append((transport, name, int.from_bytes(qtype, "big")))
        found = name == DNS_NAME
        record = (b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04"
                  b"\x7f\x00\x00\x01" if found and qtype == b"\x00\x01"
                  else b"")
        # An answer (QR), recursion available (RA), desired as asked (RD).
        flags = 0x8080 | (query[2] & 1) << 8 | (0 if found else 3)
        return (query[:2] + flags.to_bytes(2, "big") + b"\x00\x01" +
                (b"\x00\x01" if record else b"\x00\x00") + bytes(4) +
                query[12:i + 5] + record)

    @contextlib.contextmanager
    def running(self):
        with thread_server(self.udp), thread_server(self.tcp):
            yield self

    def resolving(self, tmp, address=None):
        """A prefix for a command: it runs in a mount namespace whose
        /etc/resolv.conf names this server, or address."""
        conf = os.path.join(tmp, "resolv.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(f"nameserver {address or self.address}\n")
        return bind_mounts([(conf, "/etc/resolv.conf")])


def test_dns_through_the_proxy(env):
    """--dns: curl's lookup (glibc, in a thread of its own) goes to the
    name server over TCP through the proxy, even with loopback excluded,
    and costs no stop more than a direct lookup; without --dns it goes
    over UDP, directly. A static program's lookup goes through the proxy
    too."""
    dns = DnsServer()
    with dns.running(), stopping(microsocks(env.tmp)) as proxy, \
            http4() as port:
        wrapper = dns.resolving(env.tmp)
        curl = ["curl", "-sS", "--max-time", "20",
                f"http://{DNS_NAME}:{port}/"]
        seccomp = {"TRACY_BACKEND": "seccomp"}
        direct = env.soxy_run(proxy.port, curl, ["-v"], seccomp,
                              excludes=(), wrapper=wrapper)
        check(direct.stdout.encode() == HTTP_BODY,
              f"{direct.stdout}{direct.stderr}")
        check(dns.queries and all(q[0] == "udp" for q in dns.queries),
              f"without --dns: {dns.queries}")
        dns.queries.clear()
        done = env.soxy_run(proxy.port, curl, ["-v", "--dns"], seccomp,
                            excludes=(), wrapper=wrapper)
        check(done.stdout.encode() == HTTP_BODY,
              f"{done.stdout}{done.stderr}")
        static = env.soxy_run(proxy.port, [env.resolve, DNS_NAME],
                              ["--dns"], excludes=(), wrapper=wrapper)
        check(static.stdout == "127.0.0.1\n",
              f"{static.stdout}{static.stderr}")
    check(("tcp", DNS_NAME, 1) in dns.queries and
          all(q[0] == "tcp" for q in dns.queries), f"{dns.queries}")
    log = proxy.log()
    check(len(re.findall(rf"connected to {re.escape(dns.address)}:53\b",
                         log)) == 2 and f":{port}" not in log,
          f"not two CONNECTs to the name server only:\n{log}")
    check(stops_of(done) == stops_of(direct),
          f"{stops_of(done)} stops with --dns, {stops_of(direct)} "
          f"without:\n{done.stderr}")


def test_dns_server_option(env):
    """--dns-server: the proxy connects to that name server, not to the
    one of resolv.conf (here an address where none listens)."""
    dns = DnsServer()
    elsewhere = dns.address.replace(".83.", ".84.")
    with dns.running(), stopping(microsocks(env.tmp)) as proxy, \
            http4() as port:
        wrapper = dns.resolving(env.tmp, elsewhere)
        curl = ["curl", "-sS", "--max-time", "20",
                f"http://{DNS_NAME}:{port}/"]
        done = env.soxy_run(proxy.port, curl,
                            ["--dns-server", f"{dns.address}:53"],
                            wrapper=wrapper)
        check(done.stdout.encode() == HTTP_BODY,
              f"{done.stdout}{done.stderr}")
        check(("tcp", DNS_NAME, 1) in dns.queries, f"{dns.queries}")
        dns.queries.clear()
        without = env.soxy_run(proxy.port, curl, ["--dns"], wrapper=wrapper)
        check(without.returncode != 0 and not dns.queries,
              f"without --dns-server: {without.returncode} {dns.queries}")
    log = proxy.log()
    check(re.search(rf"connected to {re.escape(dns.address)}:53\b", log) and
          not re.search(rf"connected to {re.escape(elsewhere)}:53\b", log),
          log)


def test_dns_over_udp(env):
    """--dns: queries over a connected UDP socket (resolvers that do not
    take RES_OPTIONS: a static program's own, as Go's; python's raw
    socket) reach the name server over TCP through the proxy, none over
    UDP, with getpeername() answering the name server, and no stop more
    than without --dns; glibc's own UDP path too (soxy sets RES_OPTIONS
    for it, here taken away, as a process soxy attaches to keeps it).
    Without --dns the static program's query goes over UDP, directly:
    the test can see a leak."""
    code = ("import socket,sys; s=socket.socket(socket.AF_INET,"
            "socket.SOCK_DGRAM); s.connect((sys.argv[1], 53)); "
            "s.send(bytes.fromhex(sys.argv[2])); s.settimeout(10); "
            "a=s.recv(512); print(s.getpeername(), a[:2].hex(), "
            "a[-4:].hex())")
    dns = DnsServer()
    with dns.running(), stopping(microsocks(env.tmp)) as proxy:
        wrapper = dns.resolving(env.tmp)
        own = [env.resolve, "-u", DNS_NAME]
        direct = env.soxy_run(proxy.port, own, ["-v"], excludes=(),
                              wrapper=wrapper)
        check(direct.stdout == "127.0.0.1\n" and
              dns.queries == [("udp", DNS_NAME, 1)],
              f"without --dns: {dns.queries}\n{direct.stderr}")
        dns.queries.clear()
        done = env.soxy_run(proxy.port, own, ["-v", "--dns"], excludes=(),
                            wrapper=wrapper)
        check(done.stdout == "127.0.0.1\n", f"{done.stdout}{done.stderr}")
        check("UDP to the relay" in done.stderr, done.stderr)
        check(stops_of(done) == stops_of(direct),
              f"{stops_of(done)} stops with --dns, {stops_of(direct)} "
              f"without:\n{done.stderr}")
        raw = env.soxy_run(proxy.port, [PYTHON, "-c", code, dns.address,
                                        dns_query(DNS_NAME).hex()],
                           ["--dns"], excludes=())
        check(raw.stdout == f"('{dns.address}', 53) 1234 7f000001\n",
              f"{raw.stdout}{raw.stderr}")
        check(dns.queries == [("tcp", DNS_NAME, 1)] * 2, f"{dns.queries}")
        dns.queries.clear()
        glibc = env.soxy_run(proxy.port, ["env", "-u", "RES_OPTIONS",
                                          env.resolve, DNS_NAME],
                             ["-v", "--dns"], excludes=(), wrapper=wrapper)
        check(glibc.stdout == "127.0.0.1\n" and
              "UDP to the relay" in glibc.stderr and
              dns.queries == [("tcp", DNS_NAME, 1)],
              f"glibc over UDP: {dns.queries}\n{glibc.stdout}"
              f"{glibc.stderr}")
    log = proxy.log()
    check(len(re.findall(rf"connected to {re.escape(dns.address)}:53\b",
                         log)) >= 3, log)


def stops_of(done):
    found = re.search(r"(\d+) syscall stops", done.stderr)
    check(found, f"no count of stops in:\n{done.stderr}")
    return int(found.group(1))


def test_only_connect_and_getpeername_stop(env):
    """2000 getpid(), a connect() and a getpeername(): 2 stops more than
    the same program stopped before its connect (the stop of exec)."""
    client = [env.client, "-l", "2000"]
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        base = env.soxy_run(proxy.port, [*client, "not-an-address", "1"],
                            ["-v"], {"TRACY_BACKEND": "seccomp"})
        done = env.soxy_run(proxy.port, [*client, "127.0.0.1", str(port)],
                            ["-v"], {"TRACY_BACKEND": "seccomp"})
        expect_client(done, {"peer": f"127.0.0.1:{port}"})
        check(stops_of(base) <= 2 and stops_of(done) == stops_of(base) + 2,
              f"{stops_of(base)} stops without connect; with:\n"
              f"{done.stderr}")
        classic = env.soxy_run(proxy.port, [*client, "127.0.0.1", str(port)],
                               ["-v"], {"TRACY_BACKEND": "classic"})
        check(stops_of(classic) > 4000, classic.stderr)
    print(f"# stops, seccomp: {stops_of(done)} ({stops_of(base)} without "
          f"the connect); classic: {stops_of(classic)}")


def test_attach(env):
    """soxy --dns -p, then a thread the process starts connects, and a
    child it forks; its UDP connect() to port 53 goes to the --dns relay
    (getpeername() says the name server); SIGTERM detaches soxy and the
    process goes on."""
    code = ("import os,socket,sys; sys.stdout.write('ready\\n');"
            "sys.stdout.flush(); sys.stdin.readline();"
            "import threading; r=[]; th=threading.Thread(target=lambda: "
            "r.append(socket.create_connection(('127.0.0.1', "
            "int(sys.argv[1]))).getpeername())); th.start(); th.join();"
            "pid=os.fork()\nif not pid: socket.create_connection(("
            "'127.0.0.1', int(sys.argv[1]))); os._exit(0)\n"
            "os.waitpid(pid, 0); print(r[0]);"
            "u=socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
            "try: u.connect(('127.0.0.1', 53)); print(u.getpeername())\n"
            "except OSError as e: print(e.errno)\n"
            "sys.stdout.flush(); sys.stdin.readline(); print('done')")
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        target = subprocess.Popen([PYTHON, "-c", code, str(port)],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            check(target.stdout.readline() == "ready\n", "no ready")
            soxy = subprocess.Popen([env.soxy, "-s",
                                     f"127.0.0.1:{proxy.port}",
                                     "--no-default-excludes", "--dns",
                                     "-v", "-p", str(target.pid)],
                                    stderr=subprocess.PIPE, text=True)
            time.sleep(1)
            target.stdin.write("\n")
            target.stdin.flush()
            peer = target.stdout.readline()
            udp = target.stdout.readline()
            soxy.send_signal(signal.SIGTERM)
            _, err = soxy.communicate(timeout=TIMEOUT)
            # Detached: the process goes on untraced.
            target.stdin.write("\n")
            target.stdin.flush()
            last = target.stdout.readline()
        finally:
            target.kill()
            target.wait()
    check(peer.strip() == f"('127.0.0.1', {port})", f"{peer!r} {err}")
    check(soxy.returncode == 0 and last == "done\n",
          f"soxy {soxy.returncode}, target said {last!r}:\n{err}")
    # The two TCP connections and the UDP socket of the name server.
    check("3 through the proxy" in err, err)
    check(udp.strip() == "('127.0.0.1', 53)" and
          "127.0.0.1:53: --dns: UDP to the relay" in err,
          f"UDP connect(): {udp!r}\n{err}")
    expect_connect_logged(proxy.log(), port, 2)


def proxychains_conf(tmp, proxy_port):
    conf = os.path.join(tmp, f"proxychains-{proxy_port}.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"strict_chain\nquiet_mode\ntcp_read_time_out 15000\n"
                f"tcp_connect_time_out 8000\n[ProxyList]\n"
                f"socks5 127.0.0.1 {proxy_port}\n")
    return conf


def test_proxychains_comparison(env):
    """proxychains4 proxies the dynamic clients only; soxy all of them."""
    py = ("import socket,sys; s=socket.create_connection(('127.0.0.1',"
          "int(sys.argv[1]))); print('connect: 0')")
    with stopping(microsocks(env.tmp)) as proxy, http4() as port:
        clients = [("curl (dynamic)", ["curl", "-sS", "-o", "/dev/null",
                                       f"http://127.0.0.1:{port}/"], True),
                   ("python3 (dynamic)", [PYTHON, "-c", py, str(port)],
                    True),
                   ("static C client", [env.client, "127.0.0.1", str(port)],
                    False),
                   ("raw syscalls, static (as Go)",
                    [env.client, "-r", "127.0.0.1", str(port)], False)]
        i386 = os.path.join(env.dir, "soxy-client-i386")
        if os.path.exists(i386):
            clients.append(("i386 static client",
                            [i386, "127.0.0.1", str(port)], False))
        pc = ["proxychains4", "-q", "-f",
              proxychains_conf(env.tmp, proxy.port)]
        table = []
        for name, command, dynamic in clients:
            row = []
            for run in (lambda: env.run([*pc, *command]),
                        lambda: env.soxy_run(proxy.port, command)):
                before = proxy.log().count(f":{port}")
                done = run()
                check(done.returncode == 0, f"{name}: {done.returncode} "
                      f"{done.stdout}{done.stderr}")
                time.sleep(0.1)
                row.append(proxy.log().count(f":{port}") - before)
            table.append((name, dynamic, *row))
    for name, dynamic, by_pc, by_soxy in table:
        print(f"# {name}: proxychains4 "
              f"{'proxied' if by_pc else 'did NOT proxy (direct)'}, soxy "
              f"{'proxied' if by_soxy else 'did NOT proxy'}")
    for name, dynamic, by_pc, by_soxy in table:
        check(by_soxy == 1, f"soxy did not proxy {name}")
        check(by_pc == (1 if dynamic else 0),
              f"proxychains4 proxied {name} {by_pc} times")


def test_install_and_man_page(env):
    """make install puts soxy and soxy(1) in place; uninstall removes them."""
    root = os.path.join(env.tmp, "root")
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    build = os.path.relpath(os.path.dirname(env.dir), top)
    # Only for the build tree's own soxy (make would build a whole tree).
    if not os.path.isfile(os.path.join(top, build, "lib", "host",
                                       "libtracy-fast.a")):
        raise Skip(f"{env.dir} is not the soxy of a build tree")
    make = ["make", "--no-print-directory", "-C", top, f"BUILD={build}",
            f"DESTDIR={root}", "PREFIX=/usr"]
    done = env.run([*make, "install-soxy"])
    check(done.returncode == 0, done.stdout + done.stderr)
    installed = os.path.join(root, "usr/bin/soxy")
    check(env.run([installed, "--help"]).returncode == 0, "no soxy --help")
    page = env.run(["man", "--warnings", "-M",
                    os.path.join(root, "usr/share/man"), "1", "soxy"],
                   {"MANPAGER": "cat", "MANWIDTH": "80"})
    check(page.returncode == 0 and "pidfd_getfd" in page.stdout and
          not page.stderr, page.stderr)
    done = env.run([*make, "uninstall-soxy"])
    left = [f for _, _, files in os.walk(root) for f in files]
    check(done.returncode == 0 and not left, f"left: {left}")


class SoxyTest(unittest.TestCase):
    """Each test_ function above, as a case of its own."""

    directory = None


def as_case(test):
    def run(self):
        tmp = tempfile.mkdtemp(prefix="soxy-test-")
        try:
            test(Env(self.directory, tmp))
        except Skip as why:
            self.skipTest(str(why))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            sys.stdout.flush()
    run.__doc__ = test.__doc__
    return run


for _name, _test in list(globals().items()):
    if _name.startswith("test_"):
        setattr(SoxyTest, _name, as_case(_test))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    SoxyTest.directory = sys.argv[1]
    sys.exit(run_unittests(sys.modules[__name__]))
