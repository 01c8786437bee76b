#!/usr/bin/env python3
"""Implementation status per interface, from the ABI reference and our sources.

For every interface of the reference: how many members it declares, how many are
implemented, how many are still IMAPI_STUB (the one way a member may stay
unimplemented), and how many belong to interfaces no object of ours has a vtable
for yet. Also lists every plain E_NOTIMPL return in dlls/ (documented answers such
as IWriteEngine2::put_UseStreamingWrite12(TRUE)), so nothing else can pretend.

usage: tools/status.py [--tsv PATH] [--markdown]
"""
import argparse
import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(tsv):
    with open(tsv, newline='') as f:
        rows = [r + [''] * (12 - len(r)) for r in list(csv.reader(f, delimiter='\t'))[1:]]
    ifaces, parents, members, sources = [], {}, {}, set()
    for r in rows:
        if r[1] == 'coclass_interface' and 'source' in r[10]:
            sources.add(r[6])
        if r[1] == 'interface':
            ifaces.append((r[0], r[2]))
            parents[r[2]] = r[4]
            members[r[2]] = []
        elif r[1] == 'method' and r[5].isdigit():
            members[r[2]].append(r[7])
    # Event interfaces are implemented by the clients' sinks; we only fire them.
    ifaces = [i for i in ifaces if i[1] not in sources]
    return ifaces, parents, members, sorted(sources)


def scan_sources():
    stubs, vtables, notimpl = set(), set(), []
    for base, _, files in os.walk(os.path.join(ROOT, 'dlls')):
        for name in sorted(files):
            if not name.endswith('.c'):
                continue
            path = os.path.join(base, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            stubs.update(re.findall(r'IMAPI_STUB\((\w+),\s*(\w+)\)', text))
            vtables.update(re.findall(r'static const (\w+)Vtbl \w+', text))
            for lineno, line in enumerate(text.splitlines(), 1):
                code = line.split('/*')[0].split('//')[0].strip()
                if 'E_NOTIMPL' in code and not code.startswith('*') and name != 'imapi_debug.c':
                    notimpl.append('%s:%d: %s' % (os.path.relpath(path, ROOT), lineno, line.strip()))
    return stubs, vtables, notimpl


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tsv', default=os.path.join(ROOT, '..', 'shared', 'reference', 'imapi2_abi.tsv'))
    ap.add_argument('--markdown', action='store_true', help='print a Markdown table (for README.md)')
    args = ap.parse_args()
    ifaces, parents, members, sources = load(args.tsv)
    stubs, vtables, notimpl = scan_sources()

    # An interface has an object when it, or an interface derived from it, has a vtable.
    present = set()
    for v in vtables:
        i = v
        while i in parents or i == v:
            present.add(i)
            i = parents.get(i)
            if not i:
                break

    rows, totals = [], [0, 0, 0, 0]
    for lib, name in ifaces:
        total = len(members[name])
        stubbed = sum(1 for m in members[name] if (name, m) in stubs)
        missing = 0 if name in present else total
        done = total - stubbed - missing
        rows.append((lib, name, total, done, stubbed, missing))
        for k, v in enumerate((total, done, stubbed, missing)):
            totals[k] += v

    if args.markdown:
        print('| DLL | Interface | Members | Implemented | Stubs (E_NOTIMPL) | No object yet |')
        print('|---|---|---:|---:|---:|---:|')
        for r in rows:
            print('| %s | %s | %d | %d | %d | %d |' % r)
        print('| | **Total** | **%d** | **%d** | **%d** | **%d** |' % tuple(totals))
    else:
        print('%-9s %-36s %7s %11s %6s %13s' % ('dll', 'interface', 'members', 'implemented', 'stubs', 'no object yet'))
        for r in rows:
            print('%-9s %-36s %7d %11d %6d %13d' % r)
        print('%-9s %-36s %7d %11d %6d %13d' % ('', 'total', *totals))
    print('\nEvent (source) interfaces, implemented by client sinks and fired by us: %s' % ', '.join(sources))
    documented = [n for n in notimpl if 'IMAPI_STUB' not in n]
    print('\nPlain E_NOTIMPL returns in dlls/ (must be documented answers, not stubs): %d' % len(documented))
    for n in documented:
        print('  ' + n)
    return 0


if __name__ == '__main__':
    sys.exit(main())
