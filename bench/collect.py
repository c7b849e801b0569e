#!/usr/bin/env python3
"""Cuts the Google Benchmark JSON of each benchmark program out of a guest's
console log and writes it to OUTDIR/<program>.json.

    collect.py CONSOLE_LOG OUTDIR

The guest's /init frames each program's output with TRACY-FAST-BEGIN and
-END markers (qemu/init.c); between them is the JSON the C shim prints
(bench/shim/gbench.cc), possibly with kernel messages in between, which are
dropped. Fails if a program failed or printed no valid JSON.
"""

import json
import os
import re
import sys

BEGIN = re.compile(r"TRACY-FAST-BEGIN (\S+)\s*$")
END = re.compile(r"TRACY-FAST-END (\S+) (\S+)\s*$")
KERNEL_LINE = re.compile(r"^\[\s*\d+\.\d+\]")


def main(argv):
    log, outdir = argv[1], argv[2]
    os.makedirs(outdir, exist_ok=True)
    failed = False
    program, lines, found = None, [], 0
    with open(log, errors="replace") as console:
        for line in console:
            line = line.rstrip("\r\n")
            if (match := BEGIN.search(line)):
                program, lines = match.group(1), []
            elif (match := END.search(line)) and program:
                name = os.path.basename(program)
                found += 1
                try:
                    data = json.loads("\n".join(lines))
                except ValueError as error:
                    print(f"{name}: no JSON ({error})", file=sys.stderr)
                    failed = True
                else:
                    path = os.path.join(outdir, name + ".json")
                    with open(path, "w") as out:
                        json.dump(data, out, indent=2)
                        out.write("\n")
                    print(f"  JSON    {path}: "
                          f"{len(data.get('benchmarks', []))} benchmarks")
                if match.group(2) != "exit=0":
                    print(f"{name}: {match.group(2)}", file=sys.stderr)
                    failed = True
                program = None
            elif program and not KERNEL_LINE.match(line):
                lines.append(line)
    if not found:
        print(f"{log}: no benchmark program ran", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
