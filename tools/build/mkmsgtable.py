#!/usr/bin/env python3
"""Build a Win32 MESSAGETABLE resource from an HRESULT header and a messages file.

Usage: mkmsgtable.py HEADER MESSAGES OUT.bin [OUT.rc]

HEADER    C header with lines  #define NAME IMAPI_HRESULT_(0x....L)
          (include/imapi2error.h, include/imapi2fserror.h); the only place values live.
MESSAGES  UTF-8 text, one entry per line:  NAME<TAB>English text.
          Blank lines and lines starting with '#' are ignored.
OUT.bin   binary MESSAGE_RESOURCE_DATA, message ids = full 32-bit HRESULT values.
OUT.rc    optional; a one-line resource script that pulls OUT.bin in as MESSAGETABLE 1
          (language en-US), for windres / wrc.

Every name must appear exactly once on both sides; any mismatch, duplicate, empty
text or FormatMessage insert ('%') is reported and nothing is written.

Binary layout (winnt.h MESSAGE_RESOURCE_DATA / _BLOCK / _ENTRY), little endian:
  DWORD NumberOfBlocks
  NumberOfBlocks x { DWORD LowId; DWORD HighId; DWORD OffsetToEntries }
  entries of each block, ids ascending:
    { WORD Length; WORD Flags (1 = Unicode); UTF-16LE text + "\\r\\n" + NUL, padded to 4 }
  Length counts the 4-byte entry header, the text and the padding.
Python 3 standard library only.
"""

import os
import re
import struct
import sys

MESSAGE_RESOURCE_UNICODE = 1
LANGUAGE_LINE = "LANGUAGE 0x09, 0x01"  # LANG_ENGLISH, SUBLANG_ENGLISH_US

DEFINE_RE = re.compile(
    r'^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)\s+'
    r'IMAPI_HRESULT_\(\s*(0[xX][0-9A-Fa-f]{1,8})[uUlL]*\s*\)\s*(?:/[*/].*)?$')
NAME_RE = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')


class InputError(Exception):
    pass


def parse_header(path):
    """Return {name: id} from the IMAPI_HRESULT_ defines of a header, in file order."""
    values = {}
    errors = []
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            m = DEFINE_RE.match(line)
            if not m:
                if 'IMAPI_HRESULT_(0' in line.replace(' ', '') and 'define' in line:
                    errors.append('%s:%d: cannot parse HRESULT define: %s' % (path, lineno, line.strip()))
                continue
            name, value = m.group(1), int(m.group(2), 16)
            if name in values:
                errors.append('%s:%d: %s defined twice' % (path, lineno, name))
                continue
            values[name] = value
    if not values and not errors:
        errors.append('%s: no "#define NAME IMAPI_HRESULT_(0x...)" lines found' % path)
    by_value = {}
    for name, value in values.items():
        if value in by_value:
            errors.append('%s: %s and %s have the same value 0x%08X'
                          % (path, by_value[value], name, value))
        by_value[value] = name
    if errors:
        raise InputError('\n'.join(errors))
    return values


def parse_messages(path):
    """Return {name: text} from a NAME<TAB>text file."""
    texts = {}
    errors = []
    with open(path, encoding='utf-8-sig') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\r\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            where = '%s:%d' % (path, lineno)
            if '\t' not in line:
                errors.append('%s: expected NAME<TAB>text, found no tab' % where)
                continue
            name, text = line.split('\t', 1)
            name, text = name.strip(), text.strip()
            if not NAME_RE.match(name):
                errors.append('%s: bad name %r' % (where, name))
                continue
            if not text:
                errors.append('%s: %s has an empty text' % (where, name))
                continue
            if '%' in text:
                errors.append('%s: %s: "%%" is not allowed (FormatMessage would treat it as an insert)'
                              % (where, name))
                continue
            if any(ord(c) < 0x20 for c in text):
                errors.append('%s: %s: control character in text' % (where, name))
                continue
            if name in texts:
                errors.append('%s: %s has a second text' % (where, name))
                continue
            texts[name] = text
    if errors:
        raise InputError('\n'.join(errors))
    return texts


def check_names(header_path, values, messages_path, texts):
    errors = []
    for name in values:
        if name not in texts:
            errors.append('%s: no text for %s (defined in %s)' % (messages_path, name, header_path))
    for name in texts:
        if name not in values:
            errors.append('%s: %s is not defined in %s' % (messages_path, name, header_path))
    if errors:
        raise InputError('\n'.join(errors))


def encode_entry(text):
    data = (text + '\r\n').encode('utf-16-le') + b'\0\0'
    data += b'\0' * (-len(data) % 4)
    length = 4 + len(data)
    if length > 0xFFFF:
        raise InputError('message text too long: %r' % text[:40])
    return struct.pack('<HH', length, MESSAGE_RESOURCE_UNICODE) + data


def build_table(messages):
    """messages: {id: text}. Return the MESSAGE_RESOURCE_DATA bytes."""
    ids = sorted(messages)
    runs = []
    for i in ids:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    offset = 4 + 12 * len(runs)
    blocks = b''
    entries = b''
    for run in runs:
        blocks += struct.pack('<III', run[0], run[-1], offset + len(entries))
        for i in run:
            entries += encode_entry(messages[i])
    return struct.pack('<I', len(runs)) + blocks + entries


def write_atomic(path, data):
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def rc_text(bin_path):
    # Absolute path with forward slashes: windres and wrc resolve it regardless of the
    # directory they run in, and no backslash escaping is needed.
    path = os.path.abspath(bin_path).replace('\\', '/')
    return ('/* Generated by tools/build/mkmsgtable.py; do not edit. */\n'
            '%s\n1 MESSAGETABLE "%s"\n' % (LANGUAGE_LINE, path))


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write('usage: %s HEADER MESSAGES OUT.bin [OUT.rc]\n' % os.path.basename(argv[0]))
        return 2
    header, messages, out_bin = argv[1:4]
    out_rc = argv[4] if len(argv) == 5 else None
    try:
        values = parse_header(header)
        texts = parse_messages(messages)
        check_names(header, values, messages, texts)
        table = build_table({values[n]: texts[n] for n in values})
    except (InputError, OSError, UnicodeDecodeError) as e:
        for line in str(e).splitlines():
            sys.stderr.write('mkmsgtable: error: %s\n' % line)
        return 1
    write_atomic(out_bin, table)
    if out_rc:
        write_atomic(out_rc, rc_text(out_bin).encode('utf-8'))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
