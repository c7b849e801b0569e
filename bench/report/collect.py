#!/usr/bin/env python3
"""Gathers the Google Benchmark JSON of one place into OUTDIR/<program>.json,
each with the place named in its context ("tracy_fast": machine, emulator,
kernel, ABI).

    collect.py guest CONSOLE_LOG OUTDIR --arch ARCH --qemu QEMU [--kvm]
               [--icount ARGS]
    collect.py host OUTDIR JSON...

guest: the guest's /init frames each program's output with TRACY-FAST-BEGIN
and -END markers (qemu/init.c) and prints the kernel it runs as a
TRACY-FAST-KERNEL line; inside a program's frame, the C shim
(bench/shim/gbench.cc) prints its JSON between GBENCH-JSON-BEGIN and -END.
Kernel messages that fall in between are dropped. host: the programs wrote
their JSON themselves (--benchmark_out); it is annotated in place.
Fails if a program failed or printed no valid JSON.

Each place says how it was measured ("mode"): "wall" (the clock of the
machine, or under TCG the guest's clock, which follows the host's and so
its load) or "icount" (QEMU --icount ARGS, shift=0: the guest's clock
advances one nanosecond per guest instruction, so times are instruction
counts, the same from run to run).
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

from testbed.console import BEGIN, END, KERNEL

JSON_BEGIN = "GBENCH-JSON-BEGIN"
JSON_END = "GBENCH-JSON-END"
KERNEL_LINE = re.compile(r"^\[\s*\d+\.\d+\]")


def machine():
    """The CPU model and the number of CPUs of the machine we run on."""
    model, cpus = None, 0
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "processor":
                    cpus += 1
                elif key in ("model name", "Model", "cpu model") and not model:
                    model = value
    except OSError:
        pass
    model = model or platform.processor() or platform.machine()
    return f"{model}, {cpus or os.cpu_count()} CPUs"


def emulator(qemu, kvm, icount=None):
    try:
        out = subprocess.run([qemu, "--version"], capture_output=True,
                             text=True, check=True).stdout
        version = out.splitlines()[0].replace("QEMU emulator version", "QEMU")
    except (OSError, subprocess.CalledProcessError, IndexError):
        version = qemu
    return f"{version}, {'KVM' if kvm else 'TCG (no KVM)'}" + \
        (f", -icount {icount}" if icount else "")


def mode(icount, native=False):
    """The place's "mode" and the sentence that explains it."""
    if icount:
        return {"mode": "icount",
                "mode_text": f"instruction count (QEMU -icount {icount}: "
                             "1 ns of guest time = 1 guest instruction)"}
    return {"mode": "wall",
            "mode_text": "wall clock" + ("" if native else
                                         " (of the guest, under emulation)")}


def abi_of(program, arch):
    """bench-syscall-i386 -> i386; a host program -> the host's machine."""
    if arch is None:
        return platform.machine()
    name = os.path.basename(program)
    for abi in ("x86_64", "i386", "arm64", "arm", "x32"):
        if name.endswith("-" + abi):
            return abi
    return arch


def annotate(data, program, info, arch):
    context = data.get("context", {})
    # The arm guests have no clock that knows the date (Google Benchmark
    # says 1970): the host's, when the log was collected, stands in.
    date = context.get("date")
    if not date or date.startswith("1970"):
        date = datetime.datetime.now(datetime.timezone.utc).isoformat(
            timespec="seconds") + " (host clock, at collection)"
    # A guest may run fewer CPUs than QEMU was given (the x86 guests: one).
    place = dict(info, abi=abi_of(program, arch),
                 cpus_seen=context.get("num_cpus"), date=date)
    data.setdefault("context", {})["tracy_fast"] = place
    return data


def write(outdir, name, data):
    path = os.path.join(outdir, name + ".json")
    with open(path, "w") as out:
        json.dump(data, out, indent=2)
        out.write("\n")
    print(f"  JSON    {path}: {len(data.get('benchmarks', []))} benchmarks")


def json_text(lines):
    """The JSON the shim framed, kernel messages taken out."""
    try:
        first = lines.index(JSON_BEGIN) + 1
        last = lines.index(JSON_END, first)
    except ValueError:
        raise ValueError(f"no {JSON_BEGIN} ... {JSON_END} frame")
    return "\n".join(line for line in lines[first:last]
                     if not KERNEL_LINE.match(line))


def collect_guest(args):
    info = {"place": f"{args.arch} guest", "machine": machine(),
            "emulator": emulator(args.qemu, args.kvm, args.icount),
            "kernel": None,
            "settings": args.env, **mode(args.icount)}
    failed, found = False, 0
    program, lines = None, []
    with open(args.log, errors="replace") as console:
        for line in console:
            line = line.rstrip("\r\n")
            if (match := KERNEL.search(line)):
                info["kernel"] = match.group(1)
            elif (match := BEGIN.search(line)):
                program, lines = match.group(1), []
            elif (match := END.search(line)) and program:
                name = os.path.basename(program)
                found += 1
                try:
                    data = json.loads(json_text(lines))
                except ValueError as error:
                    print(f"{name}: no JSON ({error})", file=sys.stderr)
                    failed = True
                else:
                    write(args.outdir, name,
                          annotate(data, name, info, args.arch))
                if match.group(2) != "exit=0":
                    print(f"{name}: {match.group(2)}", file=sys.stderr)
                    failed = True
                program = None
            elif program:
                lines.append(line.strip() if line.strip() in
                             (JSON_BEGIN, JSON_END) else line)
    if not found:
        print(f"{args.log}: no benchmark program ran", file=sys.stderr)
        failed = True
    return failed


def collect_host(args):
    uname = os.uname()
    info = {"place": "host", "machine": machine(),
            "emulator": "none (native)",
            "kernel": f"{uname.release} {uname.version} {uname.machine}",
            "settings": args.env, **mode(None, native=True)}
    failed = False
    for path in args.json:
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            failed = True
            continue
        write(args.outdir, name, annotate(data, name, info, None))
    return failed


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="where", required=True)
    guest = sub.add_parser("guest")
    guest.add_argument("log")
    guest.add_argument("outdir")
    guest.add_argument("--arch", required=True)
    guest.add_argument("--qemu", required=True)
    guest.add_argument("--kvm", action="store_true")
    guest.add_argument("--icount", metavar="ARGS",
                       help="QEMU ran with -icount ARGS")
    guest.add_argument("--env", default="")
    host = sub.add_parser("host")
    host.add_argument("outdir")
    host.add_argument("json", nargs="+")
    host.add_argument("--env", default="")
    args = parser.parse_args(argv[1:])
    os.makedirs(args.outdir, exist_ok=True)
    failed = collect_guest(args) if args.where == "guest" else \
        collect_host(args)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
