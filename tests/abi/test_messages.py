#!/usr/bin/env python3
"""Native test of the message texts and the MESSAGETABLE generator.

Usage: test_messages.py SOURCE_DIR

* every HRESULT name in include/imapi2error.h and include/imapi2fserror.h has exactly one
  non-empty text in dlls/imapi2/messages.txt resp. dlls/imapi2fs/messages.txt, and no extras;
* tools/build/mkmsgtable.py produces a binary that an independent reader (struct unpacking,
  written here without reusing the generator's code) decodes back to exactly those ids and texts;
* the generator refuses inconsistent input and then writes nothing.
"""

import os
import re
import struct
import subprocess
import sys
import tempfile
import unittest

SRC = None
SETS = [
    ('imapi2', 'include/imapi2error.h', 'dlls/imapi2/messages.txt'),
    ('imapi2fs', 'include/imapi2fserror.h', 'dlls/imapi2fs/messages.txt'),
]


def header_values(path):
    """name -> unsigned id, read with a deliberately simple pattern."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'#define\s+(\w+)\s+IMAPI_HRESULT_\((0x[0-9A-Fa-f]+)L\)', line.strip())
            if m:
                assert m.group(1) not in out, 'duplicate define ' + m.group(1)
                out[m.group(1)] = int(m.group(2), 16)
    return out


def message_lines(path):
    """list of (lineno, name, text) for every non-comment, non-blank line."""
    out = []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            name, sep, text = line.partition('\t')
            out.append((n, name.strip(), text.strip() if sep else ''))
    return out


def read_message_table(data):
    """Decode MESSAGE_RESOURCE_DATA; return {id: text} with the trailing CR LF removed."""
    assert len(data) >= 4, 'table shorter than its header'
    (nblocks,) = struct.unpack_from('<I', data, 0)
    assert nblocks > 0 and 4 + 12 * nblocks <= len(data), 'bad NumberOfBlocks %d' % nblocks
    result = {}
    expected_offset = 4 + 12 * nblocks
    prev_high = None
    for b in range(nblocks):
        low, high, offset = struct.unpack_from('<III', data, 4 + 12 * b)
        assert low <= high, 'block %d: LowId 0x%08X > HighId 0x%08X' % (b, low, high)
        if prev_high is not None:
            assert low > prev_high + 1, 'block %d not ascending or should be merged' % b
        prev_high = high
        assert offset == expected_offset, 'block %d: entries at %d, expected %d' % (b, offset, expected_offset)
        pos = offset
        for msg_id in range(low, high + 1):
            length, flags = struct.unpack_from('<HH', data, pos)
            assert flags == 1, 'id 0x%08X: Flags %d, expected 1 (Unicode)' % (msg_id, flags)
            assert length % 4 == 0 and length > 4, 'id 0x%08X: bad Length %d' % (msg_id, length)
            assert pos + length <= len(data), 'id 0x%08X: entry runs past the end' % msg_id
            raw = data[pos + 4:pos + length]
            units = struct.unpack('<%dH' % (len(raw) // 2), raw)
            nul = units.index(0)
            assert all(u == 0 for u in units[nul:]), 'id 0x%08X: junk after NUL' % msg_id
            text = raw[:2 * nul].decode('utf-16-le')
            assert text.endswith('\r\n'), 'id 0x%08X: text does not end with CR LF' % msg_id
            assert msg_id not in result
            result[msg_id] = text[:-2]
            pos += length
        expected_offset = pos
    assert expected_offset == len(data), 'trailing bytes after the last entry'
    return result


def run_tool(*args):
    tool = os.path.join(SRC, 'tools', 'build', 'mkmsgtable.py')
    return subprocess.run([sys.executable, tool] + list(args), capture_output=True, text=True)


class MessageTexts(unittest.TestCase):
    def test_every_name_has_one_text(self):
        total = 0
        for _, header, messages in SETS:
            values = header_values(os.path.join(SRC, header))
            self.assertTrue(values, header + ' has no HRESULTs')
            total += len(values)
            seen = {}
            for lineno, name, text in message_lines(os.path.join(SRC, messages)):
                where = '%s:%d' % (messages, lineno)
                self.assertIn(name, values, '%s: %s is not in %s' % (where, name, header))
                self.assertNotIn(name, seen, '%s: %s already has a text on line %s'
                                 % (where, name, seen.get(name)))
                self.assertTrue(text, '%s: empty text for %s' % (where, name))
                self.assertNotIn('%', text, '%s: insert sequence in %s' % (where, name))
                self.assertNotRegex(text, r'0x[0-9A-Fa-f]{8}', '%s: numeric value in text' % where)
                seen[name] = lineno
            missing = sorted(set(values) - set(seen))
            self.assertEqual(missing, [], '%s lacks texts for %s' % (messages, missing))
        self.assertEqual(total, 152)

    def test_generated_tables_round_trip(self):
        with tempfile.TemporaryDirectory() as tmp:
            for tag, header, messages in SETS:
                out_bin = os.path.join(tmp, tag + '_msg.bin')
                out_rc = os.path.join(tmp, tag + '_msg.rc')
                r = run_tool(os.path.join(SRC, header), os.path.join(SRC, messages), out_bin, out_rc)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out_bin, 'rb') as f:
                    table = read_message_table(f.read())
                values = header_values(os.path.join(SRC, header))
                texts = {name: text for _, name, text in message_lines(os.path.join(SRC, messages))}
                want = {values[n]: texts[n] for n in values}
                self.assertEqual(sorted(table), sorted(want), tag + ': ids differ')
                for msg_id, text in want.items():
                    self.assertEqual(table[msg_id], text, '%s: text of 0x%08X' % (tag, msg_id))
                with open(out_rc, encoding='utf-8') as f:
                    rc = f.read()
                self.assertRegex(rc, r'(?m)^1 MESSAGETABLE "[^"]*%s_msg\.bin"$' % tag)

    def test_reader_on_handmade_table(self):
        # Guards the reader itself: two blocks, one ending on a 4-byte boundary without padding.
        def entry(s):
            raw = (s + '\r\n').encode('utf-16-le') + b'\0\0'
            raw += b'\0' * (-len(raw) % 4)
            return struct.pack('<HH', 4 + len(raw), 1) + raw
        e1, e2, e3 = entry('a'), entry('bc'), entry('x')
        head = 4 + 24
        data = (struct.pack('<I', 2) + struct.pack('<III', 5, 6, head)
                + struct.pack('<III', 0xC0AA0001, 0xC0AA0001, head + len(e1) + len(e2)) + e1 + e2 + e3)
        self.assertEqual(read_message_table(data), {5: 'a', 6: 'bc', 0xC0AA0001: 'x'})


class GeneratorRejects(unittest.TestCase):
    HEADER = ('#define E_ONE IMAPI_HRESULT_(0xC0AA0001L)\n'
              '#define E_TWO IMAPI_HRESULT_(0xC0AA0002L)\n')

    def run_case(self, messages, header=None):
        with tempfile.TemporaryDirectory() as tmp:
            h = os.path.join(tmp, 'h.h')
            m = os.path.join(tmp, 'm.txt')
            out = os.path.join(tmp, 'out.bin')
            with open(h, 'w') as f:
                f.write(header or self.HEADER)
            with open(m, 'w') as f:
                f.write(messages)
            r = run_tool(h, m, out)
            return r, os.path.exists(out)

    def test_accepts_consistent_input(self):
        r, written = self.run_case('# c\nE_ONE\tOne.\n\nE_TWO\tTwo.\n')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(written)

    def check_rejected(self, messages, needle, header=None):
        r, written = self.run_case(messages, header)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(needle, r.stderr)
        self.assertFalse(written, 'output written despite the error')

    def test_missing_text(self):
        self.check_rejected('E_ONE\tOne.\n', 'E_TWO')

    def test_unknown_name(self):
        self.check_rejected('E_ONE\tOne.\nE_TWO\tTwo.\nE_THREE\tThree.\n', 'E_THREE')

    def test_duplicate_text(self):
        self.check_rejected('E_ONE\tOne.\nE_TWO\tTwo.\nE_ONE\tAgain.\n', 'E_ONE')

    def test_empty_text(self):
        self.check_rejected('E_ONE\t \nE_TWO\tTwo.\n', 'E_ONE')

    def test_insert(self):
        self.check_rejected('E_ONE\tFile %1.\nE_TWO\tTwo.\n', 'E_ONE')

    def test_duplicate_value(self):
        self.check_rejected('E_ONE\tOne.\nE_TWO\tTwo.\n', 'same value',
                            header='#define E_ONE IMAPI_HRESULT_(0xC0AA0001L)\n'
                                   '#define E_TWO IMAPI_HRESULT_(0xC0AA0001L)\n')


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.stderr.write('usage: test_messages.py SOURCE_DIR\n')
        sys.exit(2)
    SRC = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:], verbosity=2)
