#!/usr/bin/env python3
"""Checks that libtracy-fast shows its users tracy.h and nothing else.

    api.py --cc CC --lib-dir BUILD/lib/host

The public API is what tracy.h declares, with the headers of Tracy's it
includes (ll.h, tracyarch.h), as the compiler reads it. Against
it, prints TAP for: the dynamic symbols of libtracy-fast.so (exactly the
API, each with a version), the global symbols of libtracy-fast.a (the API,
and no internal name a user's program could clash with), the man
pages (each function named in a NAME section, no page naming anything
else, no warning from groff or man), and the BUGS sections, which must say
ENOSYS of exactly the functions the library's sources still stub with it.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HEADER = os.path.join(TOP, "libtracy-fast", "tracy.h")
# Tracy's public headers: tracy.h includes the others.
PUBLIC_HEADERS = [os.path.join(TOP, "libtracy-fast", name)
                  for name in ("tracy.h", "ll.h", "tracyarch.h")]
MAN_DIR = os.path.join(TOP, "libtracy-fast", "man")
# The library's C sources, where a stub would be.
SOURCES = [os.path.join(TOP, pattern) for pattern in
           ("libtracy-fast/*.c", "compat/*.c", "arch/*.c", "arch/*/*.c")]

# gcc -aux-info: "/* FILE:LINE:XX */ extern TYPE NAME (ARGS);"
AUX_LINE = re.compile(r"^/\* (?P<file>\S+):\d+:\w+ \*/ (?P<decl>.*)$")
DECL_NAME = re.compile(r"(\w+) \(")
# C reserves these to the compiler and libc: i386's PIC thunks
# (__x86.get_pc_thunk.*) stay global, shared with libc.a's objects.
RESERVED = re.compile(r"_[_A-Z]")


class Tap:
    """Numbered TAP results, with '# ' lines that say what went wrong."""

    def __init__(self):
        self.number = 0
        self.failed = 0

    def result(self, ok, name, details=()):
        """One result; the details are printed if it failed."""
        self.number += 1
        self.failed += not ok
        print(f"{'ok' if ok else 'not ok'} {self.number} {name}", flush=True)
        for line in details if not ok else ():
            print(f"# {line}", flush=True)

    def skip(self, name, reason):
        """A result that could not be had here, and why."""
        self.number += 1
        print(f"ok {self.number} {name} # SKIP {reason}", flush=True)

    def same(self, name, expected, got):
        """A result for two sets that must be equal, naming the difference."""
        details = [f"missing: {' '.join(sorted(expected - got))}"] \
            if expected - got else []
        if got - expected:
            details.append(f"unexpected: {' '.join(sorted(got - expected))}")
        self.result(expected == got, name, details)

    def done(self):
        print(f"1..{self.number}")
        return 1 if self.failed else 0


def output(*command, check=True):
    return subprocess.run(command, stdout=subprocess.PIPE, text=True,
                          check=check).stdout


def public_functions(cc):
    """The functions the public headers declare, as compiler cc sees
    them through tracy.h."""
    with tempfile.TemporaryDirectory() as tmp:
        aux = os.path.join(tmp, "tracy.aux")
        subprocess.run([cc, "-fsyntax-only", "-aux-info", aux, "-x", "c",
                        HEADER], check=True)
        with open(aux, encoding="utf-8") as f:
            lines = f.read().splitlines()
    names = set()
    for line in lines:
        match = AUX_LINE.match(line)
        if match and any(os.path.samefile(match["file"], header)
                         for header in PUBLIC_HEADERS):
            names.add(DECL_NAME.search(match["decl"])[1])
    return names


def defined_symbols(nm_output):
    """name -> version ('' if none) of the defined symbols nm printed."""
    symbols = {}
    for line in nm_output.splitlines():
        fields = line.split()
        if len(fields) != 3 or fields[1] == "A":	# "A": version nodes
            continue
        name, _, version = fields[2].partition("@")
        symbols[name] = version.lstrip("@")
    return symbols


def man_names(page):
    """The names the NAME section of page documents, as mandb reads them."""
    names = set()
    for line in output("lexgrog", page, check=False).splitlines():
        match = re.search(r': "(\S+) - ', line)
        if match:
            names.add(match[1])
    return names


def section(page, title):
    """The roff text of section title of page ('' if it has none)."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    match = re.search(rf"^\.SH {title}\n(.*?)(?=^\.SH |\Z)", text,
                      re.MULTILINE | re.DOTALL)
    return match[1] if match else ""


# A function definition in kernel style: the type and name at the start
# of a line, the body between a "{" and a "}" alone at the start of lines.
DEFINITION = re.compile(r"^(?P<static>static )?[a-z][\w \*]*?\b(?P<name>\w+)"
                        r"\([^;{]*?\)\n\{\n(?P<body>.*?)^\}$",
                        re.MULTILINE | re.DOTALL)
COMMENT_OR_STRING = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"',
                               re.DOTALL)
VOID_CAST = re.compile(r"^\s*\(void\)[^;]*;", re.MULTILINE)
# Statements a stub may have: report, set errno, return.
STUB_STATEMENTS = 4


def definitions(text):
    """name -> (static?, body without comments and strings) of a C file."""
    found = {}
    for match in DEFINITION.finditer(text):
        body = COMMENT_OR_STRING.sub('""', match["body"])
        found[match["name"]] = (bool(match["static"]), body)
    return found


def source_definitions(patterns=SOURCES):
    """The definitions() of every file the glob patterns match."""
    files = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            with open(path, encoding="utf-8") as f:
                files.append(definitions(f.read()))
    return files


def is_stub(defined, name, seen=frozenset()):
    """Is function name of a file's definitions a stub?

    A stub is a short body (the (void) casts of its unused parameters
    aside) that fails with ENOSYS itself, or through a short static
    helper of its file that does: what unimplemented.c was made of. A
    long function with an ENOSYS among its paths (tracy_set_backend()
    for a kernel without the backend) is no stub.
    """
    body = VOID_CAST.sub("", defined[name][1])
    if body.count(";") > STUB_STATEMENTS:
        return False
    if re.search(r"\bENOSYS\b", body):
        return True
    return any(is_stub(defined, called, seen | {name})
               for called in re.findall(r"\b(\w+)\(", body)
               if called in defined and defined[called][0] and
               called not in seen | {name})


def stubbed_functions(api, files):
    """The functions of api that the files (source_definitions()) stub."""
    return {name for defined in files for name in defined
            if name in api and is_stub(defined, name)}


def enosys_in_bugs(page, api):
    """What the BUGS section of page says fails with ENOSYS: the functions
    its paragraphs on ENOSYS name, and a note for each paragraph that
    names none."""
    names = set()
    bugs = section(page, "BUGS")
    for number, paragraph in enumerate(re.split(r"^\.(?:PP|P|LP|TP|IP)\b.*\n",
                                                bugs, flags=re.MULTILINE), 1):
        if not re.search(r"\bENOSYS\b", paragraph):
            continue
        named = set(re.findall(r"^\.BR? (\w+) \(\d?\)", paragraph,
                               re.MULTILINE)) & api
        names |= named or {f"{os.path.basename(page)}: paragraph {number} "
                           "of BUGS names no function"}
    return names


def render_warnings(page):
    """What groff and man-db say about the page on stderr."""
    said = []
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
    for command in (["groff", "-man", "-ww", "-z", page],
                    ["man", "--warnings", "-E", "UTF-8", "-l", page]):
        done = subprocess.run(command, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env,
                              check=False)
        said += done.stderr.splitlines()
        if done.returncode:
            said.append(f"{command[0]} exited with {done.returncode}")
    return said


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cc", default="cc")
    parser.add_argument("--lib-dir", required=True)
    args = parser.parse_args(argv)
    tap = Tap()

    api = public_functions(args.cc)
    tap.result(len(api) > 10, "tracy.h declares the API",
               [f"{len(api)} functions: {' '.join(sorted(api))}"])

    shared = glob.glob(os.path.join(args.lib_dir, "libtracy-fast.so.*.*.*"))
    exported = defined_symbols(output("nm", "-D", "--defined-only",
                                      *shared)) if len(shared) == 1 else {}
    tap.same("libtracy-fast.so exports the functions of tracy.h, no more",
             api, set(exported))
    unversioned = [name for name, version in exported.items()
                   if not version.startswith("LIBTRACY_FAST_")]
    tap.result(exported and not unversioned,
               "every export of libtracy-fast.so has a LIBTRACY_FAST_ version",
               [f"unversioned: {' '.join(sorted(unversioned))}"]
               if unversioned else [])

    archive = os.path.join(args.lib_dir, "libtracy-fast.a")
    static = defined_symbols(output("nm", "-g", "--defined-only", archive))
    tap.same("libtracy-fast.a has no global symbol but the functions of "
             "tracy.h (and names reserved to the implementation)", api,
             {name for name in static if not RESERVED.match(name)})

    pages3 = sorted(glob.glob(os.path.join(MAN_DIR, "*.3")))
    documented = set().union(*(man_names(page) for page in pages3))
    tap.same("every function of tracy.h is in the NAME of a man page, "
             "and only those", api, documented)
    for page in pages3:
        name = os.path.basename(page)
        tap.result(name[:-2] in man_names(page),
                   f"{name} documents {name[:-2]}")

    for page in sorted(glob.glob(os.path.join(MAN_DIR, "*.[0-9]"))):
        said = render_warnings(page)
        tap.result(not said, f"{os.path.basename(page)} renders without a "
                   "warning", said)

    # Where no definition is found, no stub could be: the parse must work.
    files = source_definitions()
    tap.same("the library's sources define every function of tracy.h, as "
             "the search for stubs reads them", api,
             api & set().union(*files))
    in_bugs = set()
    for page in sorted(glob.glob(os.path.join(MAN_DIR, "*.[0-9]"))):
        in_bugs |= enosys_in_bugs(page, api)
    tap.same("the BUGS sections say ENOSYS of exactly the functions the "
             "sources stub with it", stubbed_functions(api, files), in_bugs)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
