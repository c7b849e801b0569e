#!/usr/bin/env python3
"""Count the instructions of one path through an objdump -d listing.
usage: [START=hex] [STOP=hex] walk.py LISTING 'addr:T,addr:N,...'
(hex offsets of conditional jumps: T taken, N not taken; a conditional
jump not named is an error). START: where to begin (default: the first
instruction); STOP: an address that ends the path, not counted.
Calls count as one instruction (the callee is not followed)."""
import re, sys
ins = {}
order = []
for line in open(sys.argv[1]):
    m = re.match(r'\s*([0-9a-f]+):\s+(\S+)\s*(.*)', line)
    if m:
        a = int(m.group(1), 16); ins[a] = (m.group(2), m.group(3)); order.append(a)
dec = {}
if len(sys.argv) > 2 and sys.argv[2]:
    for d in sys.argv[2].split(','):
        a, t = d.split(':'); dec[int(a, 16)] = t == 'T'
nxt = {a: order[i + 1] for i, a in enumerate(order[:-1])}
import os
pc, n, path = int(os.environ.get('START', '%x' % order[0]), 16), 0, []
stop = int(os.environ['STOP'], 16) if 'STOP' in os.environ else None
while True:
    if pc == stop:
        break
    op, arg = ins[pc]; n += 1; path.append('%x %s %s' % (pc, op, arg))
    if op == 'ret':
        break
    if op == 'jmp':
        pc = int(arg.split()[0], 16); continue
    if op.startswith('j'):
        if pc not in dec:
            sys.exit('undecided %x %s %s after %d' % (pc, op, arg, n))
        if dec[pc]:
            pc = int(arg.split()[0], 16); continue
    pc = nxt[pc]
if '-v' in sys.argv:
    print('\n'.join(path))
print(n)
