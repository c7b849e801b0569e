#!/usr/bin/env python3
"""Every copy of the contract's constants equals the patched uapi header.

    check_uapi.py [TOP]

The kernel API of tracy-fast is what the series adds to
include/uapi/linux/ptrace.h: the four request numbers,
PTRACE_SYSCALLMASK_NOEXIT and struct ptrace_syscall_mask. Code that must
build against headers without the series keeps a copy (compat/, literal
request numbers; the selftests include the patched header). This reads
the header as each series patches it (kernel-patch/ and kernel-patch/6.12/),
checks that both series agree, and that every #define of one of those
names, every definition of the struct and every literal 0x42f0-0x42f3 in
the files git tracks (but the series themselves) says the same. Prints TAP.
"""

import os
import re
import subprocess
import sys

UAPI = "include/uapi/linux/ptrace.h"
NAMES = ("PTRACE_SETSYSCALLMASK", "PTRACE_GETSYSCALLMASK",
         "PTRACE_SYSCALLWHITELIST", "PTRACE_SYSCALLBLACKLIST",
         "PTRACE_SYSCALLMASK_NOEXIT")
DEFINE = re.compile(r"^\s*#\s*define\s+(" + "|".join(NAMES) + r")\s+(\S+)")
STRUCT = re.compile(r"struct\s+ptrace_syscall_mask\s*\{(.*?)\}", re.S)
FIELD = re.compile(r"(__u32|__u64|__aligned_u64|__s32|__s64)\s+(\w+)\s*;")
LITERAL = re.compile(r"\b0x42[fF][0-3]\b")


def fields(body):
    """The (type, name) of each field, comments dropped."""
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    return FIELD.findall(body)


def series_uapi(top, folder):
    """What the patches of one series add to the uapi header."""
    added = []
    for name in sorted(os.listdir(os.path.join(top, folder))):
        if not re.match(r"\d{4}-.*\.patch$", name) or name.startswith("0000-"):
            continue
        with open(os.path.join(top, folder, name), encoding="utf-8") as f:
            in_uapi = False
            for line in f:
                if line.startswith("diff --git "):
                    in_uapi = line.split()[2] == "a/" + UAPI
                elif in_uapi and line.startswith("+") and \
                        not line.startswith("+++"):
                    added.append(line[1:])
    text = "".join(added)
    defines = dict(m.groups() for m in map(DEFINE.match, added) if m)
    struct = STRUCT.search(text)
    return defines, fields(struct.group(1)) if struct else None


def tracked_files(top):
    out = subprocess.run(["git", "-C", top, "ls-files", "-z"], check=True,
                         stdout=subprocess.PIPE).stdout.decode()
    return [p for p in out.split("\0")
            if p and not p.startswith("kernel-patch/")
            and p != "selftests/uapi/check_uapi.py"]


def main():
    top = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(os.path.dirname(__file__), "..", ".."))
    results = []

    mainline = series_uapi(top, "kernel-patch")
    lts = series_uapi(top, "kernel-patch/6.12")
    want_defines, want_fields = mainline
    results.append(("the mainline series defines every constant and the "
                    "struct", set(want_defines) == set(NAMES) and
                    bool(want_fields), f"{want_defines} {want_fields}"))
    results.append(("the 6.12 series has the same uapi as mainline",
                    lts == mainline, f"6.12: {lts}"))

    values = {name: int(v, 0) for name, v in want_defines.items()}
    by_value = {v: n for n, v in values.items() if "MASK_NOEXIT" not in n}
    for path in tracked_files(top):
        try:
            with open(os.path.join(top, path), encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        for number, line in enumerate(text.splitlines(), 1):
            where = f"{path}:{number}"
            m = DEFINE.match(line)
            if m:
                name, value = m.groups()
                try:
                    ok = int(value.rstrip("uUlL"), 0) == values[name]
                except ValueError:
                    ok = False
                results.append((f"{where}: {name}", ok,
                                f"{value}, the header says {want_defines[name]}"))
                continue
            for literal in LITERAL.findall(line):
                name = by_value[int(literal, 0)]
                short = name[len("PTRACE_"):]
                results.append((f"{where}: literal {literal}",
                                short in line,
                                f"the line does not name {name}"))
        for struct in STRUCT.finditer(text):
            number = text.count("\n", 0, struct.start()) + 1
            results.append((f"{path}:{number}: struct ptrace_syscall_mask",
                            fields(struct.group(1)) == want_fields,
                            f"{fields(struct.group(1))}, the header says "
                            f"{want_fields}"))

    print("TAP version 13")
    print(f"1..{len(results)}")
    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {name}")
        if not ok:
            failed += 1
            print(f"# {why}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
