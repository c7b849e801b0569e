#!/usr/bin/env python3
"""Generate the syscall table of one ABI from the kernel's syscall .tbl file.

    gen-syscalls.py --abi NAME --tree LINUX --tbl FILE --abis LIST
                    --audit-arch MACRO [options] -o OUT.c
    gen-syscalls.py ... --check HEADER [--check HEADER ...]

The .tbl file is the kernel's own source of truth: each line is
"number abi name [entry point [compat entry point]]", and the kernel's
scripts (scripts/syscallhdr.sh, syscalltbl.sh) pick the lines of an ABI by
the abi column, exactly as --abis does here. OUT.c defines
`const struct tracy_syscall_table tracy_syscalls_<NAME>` (arch/syscalls.h).

--check compares the table with the __NR_* macros of a header, such as the
unistd_*.h the kernel generated for itself or the toolchain's
<asm/unistd.h> seen through `cc -dM -E`, and fails on any disagreement.
"""

import argparse
import os
import re
import sys

DEFINE = re.compile(r'^\s*#\s*define\s+(\w+)\s+(.+?)\s*(?:/\*.*)?$')
TOKEN = re.compile(r'\s*(?:(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*|([A-Za-z_]\w*)|'
                   r'(<<|[-+()|~]))')
SYSCALL_NAME = re.compile(r'[a-z_][a-z0-9_]*$')
# __NR_* macros that name no syscall: the count, and the first number that
# asm-generic/unistd.h left to architectures before Linux 6.11.
NOT_SYSCALLS = {'syscalls', 'arch_specific_syscall'}


class Macros:
    """The #defines of some headers, evaluated like the preprocessor would.

    Only what syscall headers use: integers, other macros, + - | ~ << and
    parentheses. The first definition of a name wins, so explicit values
    given before the headers are read override what a header says.
    """

    def __init__(self):
        self.text = {}

    def define(self, name, text):
        self.text.setdefault(name, text)

    def read(self, path):
        with open(path) as f:
            for line in f:
                m = DEFINE.match(line)
                if m:
                    self.define(m.group(1), m.group(2))

    def value(self, name, seen=()):
        if name in seen or name not in self.text:
            raise ValueError(f'{name} is not a number')
        return self.evaluate(self.text[name], seen + (name,))

    def evaluate(self, text, seen=()):
        expr, pos = [], 0
        while pos < len(text.rstrip()):
            m = TOKEN.match(text, pos)
            if not m:
                raise ValueError(f'cannot evaluate "{text}"')
            number, name, op = m.groups()
            if number:
                expr.append(str(int(number, 0)))
            elif name:
                expr.append(str(self.value(name, seen)))
            else:
                expr.append(op)
            pos = m.end()
        # Nothing but integers and the operators above is left.
        return int(eval(' '.join(expr), {'__builtins__': {}}))


def read_tbl(path, abis):
    """Returns {nr: name} of the lines of `path` whose abi is in `abis`."""
    table, names = {}, {}
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            fields = line.split('#', 1)[0].split()
            if not fields:
                continue
            if len(fields) < 3:
                sys.exit(f'{path}:{lineno}: not "number abi name ..."')
            nr, abi, name = int(fields[0], 0), fields[1], fields[2]
            if abi not in abis:
                continue
            if nr in table or name in names:
                twice = f'number {nr}' if nr in table else f'name {name}'
                sys.exit(f'{path}:{lineno}: abis {",".join(abis)} have '
                         f'{twice} twice')
            table[nr], names[name] = name, nr
    if not table:
        sys.exit(f'{path}: no syscall of abis {",".join(abis)}')
    return table


def arch_private(macros, prefix, names=None):
    """ARM's private syscalls: the macros <prefix><lower-case name>."""
    private = {}
    for macro in names if names is not None else macros.text:
        name = macro[len(prefix):]
        if macro.startswith(prefix) and SYSCALL_NAME.match(name):
            private[macros.value(macro)] = name
    return private


class Table:
    def __init__(self, args):
        abis = args.abis.split(',')
        self.abi = args.abi
        self.audit_arch = args.audit_arch
        self.source = f'{args.tbl}, abis {args.abis}'
        self.syscalls = read_tbl(os.path.join(args.tree, args.tbl), abis)
        self.size = max(self.syscalls) + 1
        self.macros = macros = Macros()
        for definition in args.define:
            macros.define(*definition.split('=', 1))
        for header in args.defines_from:
            macros.read(os.path.join(args.tree, header))
        self.nr_base = macros.evaluate(args.nr_base)
        self.private = (arch_private(macros, args.private_prefix)
                        if args.private_prefix else {})
        self.private_prefix = args.private_prefix
        clash = set(self.private) & set(self.syscalls) or \
            set(self.private.values()) & set(self.syscalls.values())
        if clash or min(self.private, default=self.size) < self.size:
            sys.exit(f'{args.abi}: private syscalls {self.private} '
                     f'overlap the table')

    def c_source(self, linux_version, header):
        q = '"'
        lines = [
            f'/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */',
            f'/*',
            f' * The {self.abi} syscall table of Linux {linux_version}:',
            f' * {self.source}.',
            f' * Generated by arch/gen-syscalls.py. Do not edit.',
            f' */',
            f'#include <linux/audit.h>',
            f'#include {q}{header}{q}',
            f'',
            f'static const char *const names[{self.size}] = {{',
        ]
        lines += [f'\t[{nr}] = "{name}",'
                  for nr, name in sorted(self.syscalls.items())]
        lines += ['};', '']
        if self.private:
            lines += ['static const struct tracy_syscall arch_private[] = {']
            lines += [f'\t{{ {nr:#08x}, "{name}" }},'
                      for nr, name in sorted(self.private.items())]
            lines += ['};', '']
        by_name = sorted([(name, nr) for nr, name in self.syscalls.items()] +
                         [(name, nr) for nr, name in self.private.items()])
        lines += ['static const struct tracy_syscall by_name[] = {']
        lines += [f'\t{{ {nr:#08x}, "{name}" }},' if nr >= self.size else
                  f'\t{{ {nr}, "{name}" }},' for name, nr in by_name]
        lines += ['};', '',
                  f'const struct tracy_syscall_table tracy_syscalls_'
                  f'{self.abi} = {{',
                  f'\t.abi = "{self.abi}",',
                  f'\t.audit_arch = {self.audit_arch},',
                  f'\t.audit_arch_name = "{self.audit_arch}",',
                  f'\t.nr_base = {self.nr_base:#x},' if self.nr_base else
                  '\t.nr_base = 0,',
                  f'\t.size = {self.size},',
                  f'\t.names = names,',
                  f'\t.by_name = by_name,',
                  f'\t.nr_by_name = {len(by_name)},']
        if self.private:
            lines += ['\t.arch_private = arch_private,',
                      f'\t.nr_arch_private = {len(self.private)},']
        lines += ['};', '']
        return '\n'.join(lines)

    def read_header(self, path):
        """The syscalls {name: nr} that the __NR_* macros of `path` define,
        the macros, and the name of the count macro."""
        own = Macros()
        own.read(path)
        # What the header leaves undefined (__X32_SYSCALL_BIT, EABI's
        # __NR_SYSCALL_BASE) means what it means for the table.
        macros = Macros()
        macros.text = {**self.macros.text, **own.text}
        # A header for one ABI of several names its count <prefix>syscalls:
        # __NR_ia32_syscalls, __NR_compat32_syscalls, __NR_syscalls.
        prefix = next((m[:-len('syscalls')] for m in own.text
                       if re.fullmatch(r'__NR_(\w+_)?syscalls', m)), '__NR_')
        header = {}
        for macro in own.text:
            name = macro[len(prefix):]
            if macro.startswith(prefix) and SYSCALL_NAME.match(name) and \
               name not in NOT_SYSCALLS:
                header[name] = (macros.value(macro), own.text[macro])
        if self.private_prefix:
            for nr, name in arch_private(macros, self.private_prefix,
                                         own.text).items():
                header[name] = (nr, str(nr))
        count = prefix + 'syscalls'
        return header, macros.value(count) if count in own.text else None, \
            count

    def check(self, path):
        """Compares with the __NR_* macros of `path`; returns the errors."""
        header, count, count_name = self.read_header(path)
        ours = {name: nr for nr, name in {**self.syscalls,
                                          **self.private}.items()}

        # The kernel's headers give x32 numbers with __X32_SYSCALL_BIT
        # (uapi unistd_x32.h) or without it (asm/unistd_64_x32.h).
        def agrees(name, nr):
            return name in ours and nr in (ours[name], ours[name] +
                                           self.nr_base * (ours[name] <
                                                           self.size))
        agreed, errors, aliases = 0, [], []
        for name, (nr, text) in sorted(header.items(),
                                       key=lambda item: item[1][0]):
            if agrees(name, nr):
                agreed += 1
            elif name in ours:
                errors.append(f'{name} is {nr:#x} there, {ours[name]:#x} '
                              f'here')
            elif re.fullmatch(r'\w+', text) and \
                    any(agrees(other, nr) for other in ours):
                aliases.append(f'{name} = {text}')
            else:
                errors.append(f'{name} ({nr:#x}) is missing here')
        only_ours = sorted(set(ours) - set(header), key=ours.get)

        print(f'{self.abi}: {path}: {len(header)} syscalls, {agreed} agree')
        if aliases:
            print(f'  aliases: {", ".join(aliases)}')
        if only_ours and header:
            print(f'  only in the table ({len(only_ours)}): '
                  f'{" ".join(only_ours[:20])}'
                  f'{" ..." if len(only_ours) > 20 else ""}')
        if count is not None:
            print(f'  {count_name} = {count}; the table: size {self.size}')
            # Older headers lack the newest syscalls, and count less; x32's
            # count the x86_64 table, without x32's own syscalls after it.
            if count < self.size and not self.nr_base and not only_ours:
                errors.append(f'{count_name} {count} leaves out syscalls')
        for error in errors[:10]:
            print(f'  error: {error}')
        if len(errors) > 10:
            print(f'  ... and {len(errors) - 10} more errors')
        return errors


def linux_version(tree):
    with open(os.path.join(tree, 'Makefile')) as f:
        head = dict(re.findall(r'^(\w+) = (\S*)$', f.read(1000), re.M))
    return '{VERSION}.{PATCHLEVEL}.{SUBLEVEL}{EXTRAVERSION}'.format(
        EXTRAVERSION='', **head)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--abi', required=True, help='tracy-fast ABI name')
    p.add_argument('--tree', required=True, help='the Linux source tree')
    p.add_argument('--tbl', required=True, help='the .tbl file, in --tree')
    p.add_argument('--abis', required=True,
                   help='the abi column values of this ABI, comma-separated')
    p.add_argument('--audit-arch', required=True, help='AUDIT_ARCH_* macro')
    p.add_argument('--nr-base', default='0',
                   help='added to table numbers by the kernel ABI, '
                   'e.g. __X32_SYSCALL_BIT')
    p.add_argument('--defines-from', action='append', default=[],
                   metavar='HEADER', help='kernel header, in --tree, '
                   'whose macros --nr-base and --private-prefix use')
    p.add_argument('-D', '--define', action='append', default=[],
                   metavar='NAME=VALUE', help='a macro that wins over '
                   'the headers (e.g. __NR_SYSCALL_BASE=0 for EABI)')
    p.add_argument('--private-prefix', help='prefix of the macros of the '
                   "ABI's private syscalls beyond the table (__ARM_NR_)")
    p.add_argument('-o', '--output', help='the C source to write')
    p.add_argument('--header', default='arch/syscalls.h',
                   help='the header the C source includes')
    p.add_argument('--check', action='append', default=[], metavar='HEADER',
                   help='compare with the __NR_* macros of HEADER')
    args = p.parse_args()

    table = Table(args)
    if args.output:
        header = os.path.relpath(args.header, os.path.dirname(args.output))
        with open(args.output + '.tmp', 'w') as f:
            f.write(table.c_source(linux_version(args.tree), header))
        os.replace(args.output + '.tmp', args.output)
    errors = [e for path in args.check for e in table.check(path)]
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
