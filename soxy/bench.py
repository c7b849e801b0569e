#!/usr/bin/env python3
"""soxy's benchmark on this machine: connection set-up time and bulk
throughput through a SOCKS5 proxy (microsocks), with soxy (on the
backend auto picks, and on classic) and with proxychains4, against a
direct connection, for the same dynamic client. Prints a Markdown table.

    bench.py DIR [--rounds N] [--megabytes M] [--repeat R]

DIR holds soxy and soxy-bench-client (build/soxy; `make soxy-bench`
builds them and runs this). Every server is on 127.0.0.1, started and
stopped here. Each number is the median of R runs.
"""

import argparse
import os
import platform
import socketserver
import statistics
import subprocess
import sys
import tempfile

from test_soxy import microsocks, proxychains_conf, stopping, thread_server

CHUNK = b"x" * (1 << 20)


class OneByte(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.sendall(b"x")


class Bulk(socketserver.BaseRequestHandler):
    def handle(self):
        for _ in range(self.server.megabytes):
            self.request.sendall(CHUNK)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{model}, {os.cpu_count()} CPUs, Linux {platform.release()}")


def number(output):
    return float(output.split()[0] if "us per" in output
                 else output.split(", ")[1].split()[0])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--megabytes", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    soxy = os.path.join(os.path.abspath(args.directory), "soxy")
    client = os.path.join(os.path.abspath(args.directory),
                          "soxy-bench-client")

    tmp = tempfile.mkdtemp(prefix="soxy-bench-")
    small = Server(("127.0.0.1", 0), OneByte)
    bulk = Server(("127.0.0.1", 0), Bulk)
    bulk.megabytes = args.megabytes
    with stopping(microsocks(tmp)) as proxy, thread_server(small), \
            thread_server(bulk):
        soxy_cmd = [soxy, "-s", f"127.0.0.1:{proxy.port}",
                    "--no-default-excludes", "--"]
        ways = [("direct", [], {}),
                ("soxy, seccomp", soxy_cmd, {"TRACY_BACKEND": "seccomp"}),
                ("soxy, classic", soxy_cmd, {"TRACY_BACKEND": "classic"}),
                ("proxychains4", ["proxychains4", "-q", "-f",
                                  proxychains_conf(tmp, proxy.port)], {})]
        rows = []
        for name, prefix, env in ways:
            full = dict(os.environ, **env)
            results = []
            for command in (["connect", str(args.rounds), "127.0.0.1",
                             str(small.server_address[1])],
                            ["bulk", "127.0.0.1",
                             str(bulk.server_address[1])]):
                runs = []
                for _ in range(args.repeat):
                    done = subprocess.run([*prefix, client, *command],
                                          capture_output=True, text=True,
                                          env=full, timeout=300, check=True)
                    runs.append(number(done.stdout))
                results.append(statistics.median(runs))
            rows.append((name, *results))
            print(f"  {name}: {results[0]:.1f} us, {results[1]:.0f} MB/s",
                  file=sys.stderr)
    print(f"Machine: {machine()}; proxy: microsocks on 127.0.0.1; "
          f"medians of {args.repeat} runs of {args.rounds} connections "
          f"and of {args.megabytes} MB.\n")
    print("| client | connection set-up (connect to close), µs | "
          "bulk read, MB/s |")
    print("|---|---|---|")
    for name, setup, rate in rows:
        print(f"| {name} | {setup:.1f} | {rate:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
