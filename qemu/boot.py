#!/usr/bin/env python3
"""Boots a tracy-fast guest under QEMU and collects what its tests say.

    boot.py [options] -- QEMU_MACHINE_ARGS...

In test mode (the default) the guest's /init runs every test program and
frames each one's output with markers (qemu/init.c). This script reads the
serial console as it comes, shows one line per program, counts the TAP
results (testbed.results), and writes them to --results. It fails the run when a
program fails, when the kernel panics or reports a bug (the kernel's text is
shown), and when the guest hangs: a watchdog ends it and says which programs
were running.

With --shell, QEMU gets the terminal: /init offers a prompt on the console.
"""

import argparse
import os
import queue
import re
import subprocess
import sys
import threading
import time

from testbed.console import BEGIN, DONE, END, KERNEL_TROUBLE, PANIC, START
from testbed.results import Counts, count_program, write_results

KERNEL_CONTEXT_LINES = 40


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--name", required=True, help="the guest's name")
    parser.add_argument("--qemu", required=True, help="qemu-system binary")
    parser.add_argument("--kernel", required=True, help="kernel image")
    parser.add_argument("--initrd", required=True, help="initramfs")
    parser.add_argument("--console", required=True, help="console device")
    parser.add_argument("--memory", default="512M")
    parser.add_argument("--cpus", default="2")
    parser.add_argument("--jobs", type=int, default=1,
                        help="test programs the guest runs at a time")
    parser.add_argument("--append", default="", help="more kernel arguments")
    parser.add_argument("--kvm", default=None, metavar="ARGS",
                        help="use KVM with these QEMU arguments")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds before the watchdog ends the guest")
    parser.add_argument("--boot-timeout", type=float, default=300,
                        help="seconds before the watchdog ends a guest "
                        "that has not started its first test program")
    parser.add_argument("--log", help="write the whole console here")
    parser.add_argument("--results", help="write the counts here (JSON)")
    parser.add_argument("--shell", action="store_true",
                        help="interactive prompt instead of the tests")
    parser.add_argument("--show", metavar="REGEX", type=re.compile,
                        help="show the output lines of a program that "
                        "match, as they come (progress)")
    parser.add_argument("qemu_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.qemu_args[:1] == ["--"]:
        args.qemu_args = args.qemu_args[1:]
    return args


def qemu_command(args):
    mode = "shell" if args.shell else "test"
    # tracyfast.cpus: what the guest must see (selftests/smoke).
    cmdline = (f"console={args.console} panic=-1 loglevel=5 "
               f"tracyfast={mode} tracyfast.cpus={args.cpus} "
               f"tracyfast.jobs={args.jobs} "
               f"{args.append}").strip()
    command = [args.qemu, *args.qemu_args]
    if args.kvm is not None:
        command += args.kvm.split()
    command += ["-m", args.memory, "-smp", args.cpus,
                "-kernel", args.kernel, "-initrd", args.initrd,
                "-append", cmdline, "-nodefaults", "-display", "none",
                "-no-reboot"]
    # mon:stdio gives the person at the prompt Ctrl-A X to leave QEMU.
    command += ["-serial", "mon:stdio" if args.shell else "stdio"]
    return command


class Collector:
    """Follows the console line by line and counts what it reads."""

    def __init__(self, name, out=sys.stdout, show=None):
        self.name = name
        self.show = show
        self.out = out
        self.counts = Counts()
        self.running = None
        self.began = None
        # Programs started beside others (--jobs), not yet ended: their
        # names and when they started.
        self.pending = []
        self.output = []
        self.done = False
        self.programs = 0
        self.kernel_lines = []
        self.context = []

    def feed(self, line):
        self.context = (self.context + [line])[-KERNEL_CONTEXT_LINES:]
        if KERNEL_TROUBLE.search(line):
            self.kernel_lines.append(line)
        start = START.search(line)
        begin = BEGIN.search(line)
        end = END.search(line)
        if start and self.running is None:
            self.pending.append((start.group(1), time.monotonic()))
        elif begin:
            self.running, self.output = begin.group(1), []
            self.began = self.started_at(self.running)
        elif end and self.running is not None:
            self.finish_program(end.group(2))
        elif line.strip() == DONE:
            self.done = True
        elif self.running is not None:
            self.output.append(line)
            if self.show and self.show.search(line):
                self.say(f"  GUEST   {self.name}: {line.strip()}")

    def started_at(self, program):
        """When @program started: at its START if it had one, else now."""
        for i, (name, when) in enumerate(self.pending):
            if name == program:
                del self.pending[i]
                return when
        return time.monotonic()

    def say(self, line, quoted=()):
        print(line, file=self.out)
        for text in quoted:
            print(f"    | {text}", file=self.out)
        self.out.flush()

    def finish_program(self, status):
        program = f"{self.name}: {self.running}"
        counts = count_program(program, self.output, status)
        took = time.monotonic() - self.began
        self.say(f"  GUEST   {program}: {counts.line()} ({took:.0f} s)",
                 self.output if counts.failed else ())
        self.counts.add(counts)
        self.programs += 1
        self.running = None

    def started(self):
        return (self.programs > 0 or self.running is not None
                or bool(self.pending))

    def where(self):
        running = ([self.running] if self.running else []) + [
            name for name, _ in self.pending]
        return (f"while running {', '.join(running)}" if running
                else "outside any test program")

    def finish(self, watchdog_fired, timeout):
        """Adds the failures that are not any one program's fault."""
        if self.kernel_lines:
            first = self.kernel_lines[0]
            shown = self.context if PANIC in first else self.kernel_lines
            self.say(f"  GUEST   {self.name}: the kernel reported trouble:",
                     shown)
            self.counts.fail(f"{self.name}: kernel: {first.strip()}")
        where = self.where()
        if watchdog_fired and not self.started():
            self.counts.fail(f"{self.name}: watchdog: no test program "
                             f"started within {timeout:.0f} s of boot")
            self.say(f"  GUEST   {self.name}: the console ended with:",
                     self.context)
        elif watchdog_fired:
            self.counts.fail(f"{self.name}: watchdog: no end after "
                             f"{timeout:.0f} s, {where}")
        elif self.done and self.pending:
            for name, _ in self.pending:
                self.counts.fail(f"{self.name}: {name} started, but the "
                                 "guest never reported its end")
        elif self.done and not self.programs:
            self.counts.fail(f"{self.name}: the guest ran no test program")
        elif not self.done:
            self.counts.fail(f"{self.name}: the guest stopped {where} "
                             "before the test list ended")
            if not self.kernel_lines:
                self.say(f"  GUEST   {self.name}: the console ended with:",
                         self.context)


def read_lines(stream, lines):
    for raw in iter(stream.readline, b""):
        lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
    lines.put(None)


def run_tests(args, command):
    collector = Collector(args.name, show=args.show)
    log = open(args.log, "w", encoding="utf-8") if args.log else None
    started = time.monotonic()
    qemu = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines = queue.Queue()
    threading.Thread(target=read_lines, args=(qemu.stdout, lines),
                     daemon=True).start()
    watchdog_fired = False
    while True:
        limit = (args.timeout if collector.started()
                 else min(args.timeout, args.boot_timeout))
        left = limit - (time.monotonic() - started)
        try:
            line = lines.get(timeout=max(left, 0))
        except queue.Empty:
            watchdog_fired = True
            qemu.kill()
            break
        if line is None:
            break
        if log:
            log.write(line + "\n")
        collector.feed(line)
    qemu.wait()
    if log:
        log.close()
    collector.finish(watchdog_fired, limit)
    elapsed = time.monotonic() - started
    print(f"  GUEST   {args.name}: {collector.counts.line()} "
          f"({elapsed:.0f} s)", flush=True)
    return collector.counts


def main(argv):
    args = parse_args(argv)
    command = qemu_command(args)
    if args.shell:
        print(f"Booting the {args.name} guest; at the prompt type 'help'. "
              "Ctrl-A X ends QEMU.", flush=True)
        os.execvp(command[0], command)
    counts = run_tests(args, command)
    if args.results:
        write_results(args.results, args.name, counts)
    return 1 if counts.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
