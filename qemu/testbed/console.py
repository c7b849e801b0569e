"""The guest console protocol, as qemu/init.c speaks it.

/init prints TRACY-FAST-KERNEL with the kernel's uname, then frames each
program's output between TRACY-FAST-BEGIN <program> and TRACY-FAST-END
<program> <status> (status: exit=N, signal=N, or error=N when it could
not be started), and ends its list with TRACY-FAST-DONE. When it runs
several programs at a time (tracyfast.jobs=N), it prints TRACY-FAST-START
<program> as each one starts, and the frame with its output when it ends.
Anything else on the console is the programs' output or the kernel's.
"""

import re

MARK = "TRACY-FAST"
START = re.compile(rf"{MARK}-START (.*?)\s*$")
BEGIN = re.compile(rf"{MARK}-BEGIN (.*?)\s*$")
END = re.compile(rf"{MARK}-END (.*) ((?:exit|signal|error)=-?\d+)\s*$")
DONE = f"{MARK}-DONE"
KERNEL = re.compile(rf"{MARK}-KERNEL (.*?)\s*$")

# What the kernel prints when something is wrong with the kernel itself:
# oopses and panics, WARN(), lockdep and RCU checks, the sanitizers.
KERNEL_TROUBLE = re.compile(
    r"Kernel panic|\bBUG: |\bOops\b|kernel BUG at|\bWARNING: |"
    r"Unable to handle kernel|general protection fault|"
    r"\bINFO: task .* blocked|\bUBSAN: |\bKASAN: |kmemleak: .* new suspected")
PANIC = "Kernel panic"
