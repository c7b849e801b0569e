#!/usr/bin/env python3
"""Summarises the benchmark results of every place: a Markdown table of
ratios against the untraced run and an SVG plot of the overhead per
backend, per place and ABI.

    report.py PLACE_DIR... [--markdown FILE] [--svg FILE]

Each PLACE_DIR (build/bench/results/host, .../x86_64, ...) holds the Google
Benchmark JSON files of one place, as bench/report/collect.py writes them: each
names the machine, the emulator and the kernel it was measured on, and so
do the table and the plot. The table also goes to stdout. Under an emulator only
the ratios mean something; the absolute times are there to check them.
"""

import argparse
import glob
import html
import json
import math
import os
import statistics
import sys

# The scenarios of bench/README.md: (number, title, benchmark family,
# rows, what one iteration is).
SCENARIOS = [
    ("1", "unselected syscall: getpid, a hook on getppid", "unselected",
     ["untraced", "classic", "seccomp", "kmask", "ptrace-cont",
      "ptrace-syscall", "strace", "strace-seccomp-bpf", "stracy"],
     "syscall"),
    ("2", "selected syscall: getpid hooked, entry and exit", "selected",
     ["untraced", "classic", "seccomp", "kmask"], "syscall"),
    ("2e", "selected syscall: getpid hooked, entry only", "entry_only",
     ["untraced", "classic", "seccomp", "kmask"], "syscall"),
    ("3", "workload: files and children, openat and execve traced",
     "workload", ["untraced", "classic", "seccomp", "kmask", "strace",
                  "strace-seccomp-bpf", "strace-startup",
                  "strace-seccomp-bpf-startup", "stracy", "stracy-startup"],
     "run"),
    ("4", "attach to a running getpid loop, a hook on getppid", "attach",
     ["untraced", "classic", "seccomp", "kmask", "strace-p", "stracy-p"],
     "syscall"),
    ("6a", "a stop on one CPU: as 2, tracer and tracee pinned to CPU 0",
     "stop_1cpu", ["untraced", "classic", "seccomp", "kmask"], "syscall"),
    ("6b", "a stop across CPUs: as 2, tracer on CPU 0, tracee on CPU 1",
     "stop_2cpus", ["untraced", "classic", "seccomp", "kmask"], "syscall"),
    ("7a", "soxy: a TCP connection's set-up (connect, read a banner, "
     "close), direct and through soxy and a SOCKS5 server in the guest",
     "soxy_connect", ["untraced", "socks", "classic", "seccomp", "kmask"],
     "run"),
    ("7b", "soxy: one connection reading 32 MB, direct and through soxy "
     "and a SOCKS5 server in the guest", "soxy_bulk",
     ["untraced", "socks", "classic", "seccomp", "kmask"], "run"),
]
# stracy's real workloads (the x86_64-stracy guest, stracy/guest/bench.mk):
# a scenario per workload and trace set, each a family <workload>_<set>.
STRACY_WORKLOADS = [("8", "make", "make -j2 of 17 C files"),
                    ("9", "find", "find walk of 3000 files"),
                    ("10", "python", "python3 start-up")]
STRACY_SETS = [("a", "execve", "-f -e trace=execve"),
               ("b", "file", "-f -e trace=%file"),
               ("c", "connect", "-f -e trace=connect"),
               ("d", "count", "-f -c")]
SCENARIOS += [(number + letter, f"{title}, traced {options}",
               f"{workload}_{trace_set}",
               ["untraced", "stracy", "strace-seccomp-bpf", "strace"], "run")
              for number, workload, title in STRACY_WORKLOADS
              for letter, trace_set, options in STRACY_SETS]
MEMORY_PATHS = ["process_vm", "proc_mem", "peekpoke"]
ROW_NAMES = {
    "ptrace-cont": "bare ptrace loop, PTRACE_CONT",
    "ptrace-syscall": "bare ptrace loop, PTRACE_SYSCALL",
    "strace": "strace -f",
    "strace-seccomp-bpf": "strace -f --seccomp-bpf",
    "strace-p": "strace -f -p (attached)",
    "strace-startup": "strace -f, empty program",
    "strace-seccomp-bpf-startup": "strace -f --seccomp-bpf, empty program",
    "stracy": "stracy -f",
    "stracy-p": "stracy -f -p (attached)",
    "stracy-startup": "stracy -f, empty program",
}
# Rows whose name says something else in one family: (family, row).
FAMILY_ROW_NAMES = {
    ("soxy_connect", "untraced"): "direct: no soxy, no proxy",
    ("soxy_bulk", "untraced"): "direct: no soxy, no proxy",
    ("soxy_connect", "socks"): "the client's own SOCKS5, no soxy",
    ("soxy_bulk", "socks"): "the client's own SOCKS5, no soxy",
}
# The order of places: the host, then the guests; a guest's own ABI first.
GUEST_ORDER = ["x86_64", "i386", "arm", "arm64"]
UNITS = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}


class Result:
    """One benchmark at one place: its time per iteration, or an error."""

    def __init__(self, runs):
        errors = [r for r in runs if r.get("error_occurred")]
        self.error = errors[0].get("error_message", "error") if errors \
            else None
        medians = [r for r in runs if r.get("aggregate_name") == "median"]
        chosen = medians or [r for r in runs
                             if r.get("run_type", "iteration") == "iteration"]
        self.label = chosen[0].get("label", "") if chosen else ""
        self.repetitions = len([r for r in runs
                                if r.get("run_type") != "aggregate"])

        def median(key):
            values = [r[key] * (UNITS[r["time_unit"]] if key.endswith(
                "_time") else 1) for r in chosen if key in r]
            return statistics.median(values) if values else None

        self.time_ns = median("real_time")
        # The spread of the repetitions, a fraction (Google Benchmark's cv).
        cvs = [r["real_time"] for r in runs if r.get("aggregate_name") == "cv"]
        self.cv = cvs[0] if cvs else None
        self.counters = {key: median(key) for key in
                         ("ns_per_syscall", "stops", "bytes_per_second",
                          "attach_us", "run_us")}

    @property
    def not_applicable(self):
        return self.error is not None and \
            self.error.startswith("not applicable")


class Place:
    """The results of one program's ABI at one place (a column)."""

    def __init__(self, info):
        self.info = info
        self.results = {}

    @property
    def icount(self):
        """Measured in guest instructions (QEMU -icount), not time."""
        return self.info.get("mode") == "icount"

    @property
    def key(self):
        where = self.info["place"].split()[0]
        order = 0 if where == "host" else 1 + GUEST_ORDER.index(where) \
            if where in GUEST_ORDER else 9
        return (order, self.info["abi"] != where, self.info["abi"],
                self.icount)

    @property
    def title(self):
        return f"{self.info['place']}, {self.info['abi']}, " \
            f"{'icount' if self.icount else 'wall clock'}"


def benchmark_name(entry):
    """unselected/kmask/manual_time -> unselected/kmask; the settings a
    benchmark gave itself go too (make_execve/stracy/iterations:1/
    repeats:3/manual_time -> make_execve/stracy)."""
    name = entry.get("run_name", entry["name"])
    for suffix in ("/manual_time", "/real_time"):
        if name.endswith(suffix):
            name = name[:-len(suffix)]
    return "/".join(part for part in name.split("/")
                    if part.split(":")[0] not in ("iterations", "repeats",
                                                  "min_time"))


def load(place_dirs):
    places = {}
    for d in place_dirs:
        if not os.path.isdir(d):
            print(f"{d}: no results (not run, or failed)", file=sys.stderr)
    paths = [path for d in place_dirs
             for path in sorted(glob.glob(os.path.join(d, "*.json")))]
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        info = data.get("context", {}).get("tracy_fast")
        if not info:
            print(f"{path}: no place named (not from collect.py); skipped",
                  file=sys.stderr)
            continue
        place = places.setdefault((info["place"], info["abi"],
                                   info.get("mode")), Place(info))
        runs = {}
        for entry in data.get("benchmarks", []):
            runs.setdefault(benchmark_name(entry), []).append(entry)
        for name, entries in runs.items():
            place.results[name] = Result(entries)
    return sorted(places.values(), key=lambda p: p.key)


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def fmt_count(insns):
    """Guest instructions: the icount clock's nanoseconds, three digits
    (21.4 k, 4.35 M, 1.33 G)."""
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if insns >= scale:
            return f"{insns / scale:,.3g} {unit} insn"
    return f"{insns:,.0f} insn"


def fmt_measure(place, ns):
    return fmt_count(ns) if place.icount else fmt_time(ns)


def fmt_ratio(ratio):
    if ratio < 0.1:
        return f"{ratio:.2g}"
    return f"{ratio:.2f}" if ratio < 10 else f"{ratio:.3g}" \
        if ratio < 1000 else f"{ratio:.0f}"


def fmt_speed(bytes_per_second):
    mb = bytes_per_second / 1e6
    return f"{mb:.3g} MB/s" if mb < 1000 else f"{mb:,.0f} MB/s"


class Notes:
    """Footnotes for the errors, each message numbered once."""

    def __init__(self):
        self.messages = []

    def mark(self, message):
        if message not in self.messages:
            self.messages.append(message)
        return f"error [{self.messages.index(message) + 1}]"

    def lines(self):
        return [f"[{i}] {m}" for i, m in enumerate(self.messages, 1)]


def ratio(place, family, row):
    """The time of row over the untraced one of the family, or None."""
    result = place.results.get(f"{family}/{row}")
    base = place.results.get(f"{family}/untraced")
    if not result or result.error or not base or base.error \
            or not base.time_ns:
        return None
    return result.time_ns / base.time_ns


def cell(place, family, row, kind, notes):
    result = place.results.get(f"{family}/{row}")
    if result is None:
        return "–"
    if result.not_applicable:
        return "n/a"
    if result.error:
        return notes.mark(result.error)
    per = result.counters["ns_per_syscall"] if kind == "syscall" \
        else result.time_ns
    value = ratio(place, family, row)
    spread = f" ±{result.cv * 100:.2g}%" if result.cv is not None else ""
    text = f"{fmt_ratio(value)} ({fmt_measure(place, per)}{spread})" \
        if value is not None else fmt_measure(place, per) + spread
    speed = result.counters["bytes_per_second"]
    if speed:
        # Under icount: bytes per guest second, per 10^9 instructions.
        text += ", " + (fmt_speed(speed).replace("/s", " per G insn")
                        if place.icount else fmt_speed(speed))
    stops = result.counters["stops"]
    if stops is not None and row != "untraced":
        text += f", {stops:.0f} stops"
    return text


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def places_section(places):
    lines = ["Where each column was measured:", ""]
    for p in places:
        info = p.info
        lines.append(f"- **{p.title}**: mode "
                     f"{info.get('mode_text') or 'wall clock'}; "
                     f"machine {info['machine']}; "
                     f"emulator {info['emulator']}; kernel "
                     f"{info['kernel'] or 'unknown'}; "
                     f"{info.get('cpus_seen') or '?'} CPUs seen by the "
                     f"benchmark; run {info.get('date') or '?'}; settings "
                     f"`{info.get('settings') or 'defaults'}`")
    return lines + [""]


def markdown(places):
    notes = Notes()
    header = ["scenario", "tracer"] + [p.title for p in places]
    lines = ["# Benchmark summary", "",
             "Time relative to the untraced run of the same scenario, at "
             "the same place (1 = no overhead); in parentheses the time per "
             "syscall of the tracee's loop (scenarios 1, 2, 4), per whole "
             "run (3, 8-10), per connection (7a) or per run with its rate "
             "(7b) "
             "— in an icount column the guest instructions instead "
             "(QEMU -icount shift=0: the guest clock counts one ns per "
             "instruction, every vCPU and process included) — then the "
             "syscall stops the kernel made per tracee run, its start-up "
             "included (7a, 7b: per run of soxy, 100 connections or one). Wall-clock columns of a guest are TCG time, moved "
             "by the load of the machine that ran it. With repetitions "
             "(BENCHMARK_REPETITIONS), the medians, and ± the coefficient of "
             "variation of the time. n/a: the backend cannot do it; "
             "–: not run there.", ""]
    lines += places_section(places)
    rows = []
    for number, title, family, names, kind in SCENARIOS:
        for i, name in enumerate(names):
            if not any(f"{family}/{name}" in p.results for p in places):
                continue
            rows.append([f"{number}: {title}" if i == 0 else "",
                         FAMILY_ROW_NAMES.get((family, name),
                                              ROW_NAMES.get(name, name))] +
                        [cell(p, family, name, kind, notes) for p in places])
    lines += table(header, rows) + [""]
    lines += decomposition(places)
    lines += memory_table(places, notes)
    if notes.messages:
        lines += ["Errors:", ""] + [f"- {n}" for n in notes.lines()] + [""]
    return "\n".join(lines)


def per_syscall(place, name):
    """The median per-syscall measure of benchmark name, or None."""
    result = place.results.get(name)
    if not result or result.error:
        return None
    return result.counters["ns_per_syscall"]


def decomposition(places):
    """The overhead of scenarios 1 and 2 taken apart, in instructions."""
    rows = []
    for p in (p for p in places if p.icount):
        get = lambda name: per_syscall(p, name)  # noqa: E731
        base = get("unselected/untraced")
        if base is None:
            continue

        def extra(name):
            value = get(name)
            return None if value is None else value - base

        def per_stop(name):
            # Two syscall stops per getpid of the loop, one entry-only.
            value = extra(name)
            return None if value is None else value / 2

        def num(value, sign=True):
            return "–" if value is None else \
                f"{value:+,.0f}" if sign else f"{value:,.0f}"

        def versus(a, b):
            return "" if a is None or b is None or not b else \
                f" ({(a / b - 1) * 100:+.1f} %)"

        bare, lib = per_stop("unselected/ptrace-syscall"), \
            per_stop("unselected/classic")
        hooked_k, hooked_c = get("selected/kmask"), get("selected/classic")
        entry_k = get("entry_only/kmask")
        rows.append([p.title.rsplit(",", 1)[0], num(base, False),
                     num(extra("unselected/ptrace-cont")),
                     num(extra("unselected/kmask")),
                     num(extra("unselected/seccomp")),
                     num(bare, False), num(lib, False) + versus(lib, bare),
                     num(hooked_k, False) + versus(hooked_k, hooked_c),
                     num(hooked_c, False),
                     num(entry_k, False) + versus(entry_k, hooked_k)])
    if not rows:
        return []
    return ["The overhead taken apart, in guest instructions per getpid "
            "of the loop (icount columns only; medians). untraced: the "
            "syscall alone; then what a tracee pays over it when traced "
            "without syscall stops (a bare tracer's PTRACE_CONT; the "
            "target is 0), and for an unselected syscall under kmask and "
            "under a seccomp filter (the kernel's action cache). One stop: "
            "half the extra of a getpid that stops at entry and exit, for "
            "a bare PTRACE_SYSCALL loop and for libtracy-fast's event loop "
            "on the classic backend, no hook (target: at most 10 % over "
            "bare). A hooked getpid under kmask against classic (target: "
            "within 2 %), and entry-only against entry and exit, both "
            "kmask.", ""] + \
        table(["place, ABI", "untraced", "traced, no stops",
               "unselected, kmask", "unselected, seccomp",
               "one stop, bare ptrace", "one stop, libtracy-fast",
               "hooked, kmask (vs classic)", "hooked, classic",
               "entry-only, kmask (vs entry+exit)"], rows) + [""]


def memory_table(places, notes):
    sizes = sorted({int(name.split("/")[2]) for p in places
                    for name in p.results if name.startswith("memory/")})
    if not sizes:
        return []
    rows = []
    for size in sizes:
        for path in MEMORY_PATHS:
            row = [f"{size} B" if path == MEMORY_PATHS[0] else "", path]
            for p in places:
                result = p.results.get(f"memory/{path}/{size}")
                base = p.results.get(f"memory/process_vm/{size}")
                if result is None:
                    row.append("–")
                elif result.error:
                    row.append(notes.mark(result.error))
                else:
                    speed = result.counters["bytes_per_second"] or 0
                    text = fmt_speed(speed)
                    if p.icount:
                        # Bytes per guest second: per 10^9 instructions.
                        text = text.replace("/s", " per G insn")
                    base_speed = base.counters["bytes_per_second"] \
                        if base and not base.error else None
                    if base_speed:
                        text = f"{fmt_ratio(speed / base_speed)} ({text})"
                    row.append(text)
            rows.append(row)
    return ["5: tracy_read_mem() of one buffer, by each path: throughput "
            "relative to process_vm_readv at the same place and size "
            "(in parentheses, MB/s).", ""] + \
        table(["size", "path"] + [p.title for p in places], rows) + [""]


# ---- The plot: hand-written SVG, one panel per scenario ----

COLORS = {"classic": "#d62728", "seccomp": "#ff7f0e", "kmask": "#2ca02c",
          "strace": "#7f7f7f", "strace-seccomp-bpf": "#1f77b4",
          "stracy": "#9467bd"}
# Rows drawn as bars in their tracer's colour: attaching with -p is the
# same tool, in the legend once.
BAR_COLORS = dict(COLORS, **{"strace-p": COLORS["strace"],
                             "stracy-p": COLORS["stracy"]})
PANEL_W, PANEL_H, TOP, BOTTOM, LEFT = 560, 230, 34, 70, 60


def svg_panel(out, x0, y0, places, number, title, family, names):
    bars = [n for n in names if n in BAR_COLORS]
    values = [ratio(p, family, n) for p in places for n in bars]
    top = max([v for v in values if v] + [10])
    # A decade more than the highest bar, for the labels above the bars.
    decades = max(1, math.ceil(math.log10(top) + 0.3))
    plot_h = PANEL_H - TOP - BOTTOM
    plot_w = PANEL_W - LEFT - 10

    def y_of(value):
        return y0 + TOP + plot_h * (1 - math.log10(max(value, 1)) / decades)

    out.append(f'<text x="{x0 + LEFT}" y="{y0 + 18}" font-weight="bold">'
               f'{number}: {html.escape(title)}</text>')
    for d in range(decades + 1):
        y = y_of(10 ** d)
        out.append(f'<line x1="{x0 + LEFT}" x2="{x0 + LEFT + plot_w}" '
                   f'y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 + LEFT - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{10 ** d:g}×</text>')
    group_w = plot_w / max(len(places), 1)
    bar_w = min(18, (group_w - 8) / max(len(bars), 1))
    for i, p in enumerate(places):
        gx = x0 + LEFT + i * group_w + (group_w - bar_w * len(bars)) / 2
        for j, name in enumerate(bars):
            result = p.results.get(f"{family}/{name}")
            value = ratio(p, family, name)
            bx = gx + j * bar_w
            if value is None:
                mark = "n/a" if result and result.not_applicable else \
                    "err" if result and result.error else ""
                if mark:
                    out.append(f'<text x="{bx + bar_w / 2:.1f}" '
                               f'y="{y_of(1) - 4:.1f}" font-size="8" '
                               f'text-anchor="middle" transform="rotate(-90 '
                               f'{bx + bar_w / 2:.1f} {y_of(1) - 4:.1f})">'
                               f'{mark}</text>')
                continue
            y = y_of(value)
            out.append(f'<rect x="{bx:.1f}" y="{y:.1f}" '
                       f'width="{bar_w - 1:.1f}" '
                       f'height="{max(y_of(1) - y, 0.5):.1f}" '
                       f'fill="{BAR_COLORS[name]}"><title>{html.escape(p.title)}, '
                       f'{name}: {value:.3g}×</title></rect>')
            tx, ty = bx + bar_w / 2 + 3, y - 3
            out.append(f'<text x="{tx:.1f}" y="{ty:.1f}" font-size="8" '
                       f'transform="rotate(-90 {tx:.1f} {ty:.1f})">'
                       f'{fmt_ratio(value)}</text>')
        label_y = y0 + TOP + plot_h + 14
        for k, part in enumerate([p.info["place"], p.info["abi"],
                                  "icount" if p.icount else "wall"]):
            out.append(f'<text x="{x0 + LEFT + (i + 0.5) * group_w:.1f}" '
                       f'y="{label_y + 12 * k}" text-anchor="middle" '
                       f'font-size="10">{html.escape(part)}</text>')


def svg(places):
    panels = [s for s in SCENARIOS
              if any(f"{s[2]}/{n}" in p.results for p in places for n in s[3])]
    columns = 2
    rows = math.ceil(len(panels) / columns)
    notes = [f"{p.title}: {p.info.get('mode_text') or 'wall clock'}; "
             f"{p.info['machine']}; {p.info['emulator']}; "
             f"kernel {p.info['kernel'] or 'unknown'}" for p in places]
    width = PANEL_W * columns
    height = 40 + rows * PANEL_H + 30 + 14 * len(notes)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">'
           'Tracing overhead: time (wall) or guest instructions (icount) '
           'relative to the untraced run (log scale)</text>']
    for k, (number, title, family, names, _) in enumerate(panels):
        svg_panel(out, PANEL_W * (k % columns), 30 + PANEL_H * (k // columns),
                  places, number, title, family, names)
    legend_y = 40 + rows * PANEL_H
    x = 10
    for name, color in COLORS.items():
        out.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" '
                   f'fill="{color}"/>')
        out.append(f'<text x="{x + 14}" y="{legend_y}">'
                   f'{html.escape(ROW_NAMES.get(name, name))}</text>')
        x += 40 + 7 * len(ROW_NAMES.get(name, name))
    for k, note in enumerate(notes):
        out.append(f'<text x="10" y="{legend_y + 20 + 14 * k}" '
                   f'font-size="10">{html.escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("places", nargs="+", metavar="PLACE_DIR")
    parser.add_argument("--markdown", help="write the table here")
    parser.add_argument("--svg", help="write the plot here")
    args = parser.parse_args(argv[1:])
    places = load(args.places)
    if not places:
        print(f"{' '.join(args.places)}: no results", file=sys.stderr)
        return 1
    text = markdown(places)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(places))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
