"""The guests and ABIs of tracy-fast, as arch/ declares them.

arch/arches.mk lists the architectures (ALL_ARCHES); arch/<arch>/arch.mk
describes each one's guest (guest.<arch>.<key> := value) and ABIs
(abi.<abi>.<key> := value). These files are plain make assignments,
read here without make: `name := value`, with backslash continuations.
"""

import os
import re

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
ASSIGNMENT = re.compile(r"^([A-Za-z_][\w.]*)\s*:?=\s*(.*)$")


def read_make_assignments(path):
    """{name: value} of the `name := value` lines of a make file."""
    values, line = {}, ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if raw.endswith("\\"):
                line += raw[:-1] + " "
                continue
            line += raw
            match = ASSIGNMENT.match(line.split("#", 1)[0].strip())
            if match:
                values[match.group(1)] = " ".join(match.group(2).split())
            line = ""
    return values


def all_arches(top=TOP):
    """The architectures, in the order of ALL_ARCHES."""
    path = os.path.join(top, "arch", "arches.mk")
    return read_make_assignments(path)["ALL_ARCHES"].split()


def guest(arch, top=TOP):
    """{key: value} of guest.<arch>.* in arch/<arch>/arch.mk, with the
    default of arch/arches.mk: a guest runs the ABI of its own name."""
    values = read_make_assignments(os.path.join(top, "arch", arch, "arch.mk"))
    prefix = f"guest.{arch}."
    declared = {name[len(prefix):]: value for name, value in values.items()
                if name.startswith(prefix)}
    declared.setdefault("abis", arch)
    return declared
