#!/usr/bin/env python3
"""Count the COM methods (WINAPI functions, including those a macro defines) of the
DLL sources that do not start with a TRACE: the first lines of the body, before any
statement but declarations, must hold TRACE( (or a macro known to trace).

usage: tools/trace_coverage.py [-v] [files...]   (default: dlls/imapi2/*.c dlls/imapi2fs/*.c dlls/common/*.c,
       and the method macros of dlls/imapi2/*.h and dlls/common/imapi_com.h)
Prints per file: methods, traced, untraced; -v lists the untraced ones."""
import glob, os, re, sys

DEF = re.compile(r'\b(?:HRESULT|ULONG|LONG|BOOL|DWORD|void)\s+(?:WINAPI|STDMETHODCALLTYPE)\s+([A-Za-z_][\w#]*)\s*\(([^;{]*?)\)\s*\\?\s*\{', re.S)

def body_head(text, start, lines=14):
    # the body from its brace: up to `lines` lines (or the end of a one-line body)
    depth, i = 0, start
    out = []
    while i < len(text):
        c = text[i]
        out.append(c)
        if c == '{': depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0: break
        i += 1
    return ''.join(out).split('\n')[:lines]

def traced(head):
    for line in head:
        s = line.strip().rstrip('\\').strip()
        if 'TRACE' in s: return True
        # a statement that is not a declaration before any TRACE: not "starts with"
        if re.match(r'(return|if|for|while|switch|do|goto)\b', s) or re.match(r'[\w>.\-\[\]]+\s*(=|\+\+|--|\()', s) and not re.match(r'(const\s+)?(struct\s+)?\w+\s+\**\w+\s*=', s):
            if not s.startswith('{'):
                return False
    return False

def main():
    args = sys.argv[1:]
    verbose = '-v' in args
    files = [a for a in args if a != '-v'] or sorted(glob.glob('dlls/imapi2/*.c') + glob.glob('dlls/imapi2fs/*.c') + glob.glob('dlls/common/*.c') + glob.glob('dlls/imapi2/*.h') + ['dlls/common/imapi_com.h'])
    totals = {}
    for f in files:
        text = open(f, encoding='utf-8', errors='replace').read()
        n = t = 0
        missing = []
        for m in DEF.finditer(text):
            name = m.group(1)
            if name in ('DllMain',): continue
            n += 1
            if traced(body_head(text, m.end() - 1)): t += 1
            else: missing.append(name)
        if not n: continue
        dll = f.split('/')[1]
        a = totals.setdefault(dll, [0, 0])
        a[0] += n; a[1] += t
        print(f'{f}: {n} methods, {t} traced, {n - t} untraced')
        if verbose:
            for x in missing: print('    ', x)
    for dll, (n, t) in totals.items():
        print(f'TOTAL {dll}: {n} methods, {t} traced, {n - t} untraced')

main()
