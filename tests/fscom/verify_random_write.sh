#!/usr/bin/env bash
# Judges the rewritable discs winetest/fsimage_import.exe wrote (test_random_write:
# session 1, then an imported, changed session written as one growing file system,
# only IFileSystemImageResult2::ModifiedBlocks' ranges) from block 0, as a drive that
# knows no sessions shows them, with independent readers (images named *-udfonly.iso
# hold UDF alone: the ISO9660 readers only check there is no ISO9660 volume):
#   xorriso -extract   the Joliet tree (volume descriptors at 16 point at the new
#                      session) equals the expected tree (diff -r): kept files at their
#                      old blocks, replaced and added ones, not the removed one
#   isoinfo -J         every file of the expected tree equals its source (cmp)
#   7z -tudf           the UDF tree (anchor at 256 points at the new session's VDS)
#                      extracted equals the expected tree (diff -r)
#   libudfread         the same UDF tree, every file read (tests/fs/udfread_list)
#
#   tests/fscom/verify_random_write.sh [DIR]
#
# DIR holds fscom-rw.txt (default build/win64/winetest-tmp), lines "<image> <expected
# tree (Unix path)>". Prints "verify_random_write: P passed, F failed"; exits with the
# failure count. A missing reader or an empty manifest is a failure.
set -u

DIR="${1:-build/win64/winetest-tmp}"
MANIFEST="$DIR/fscom-rw.txt"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LISTER="$ROOT/build/native-plain/tests/fs/udfread_list"
checks=0
failures=0
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

pass() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }

for tool in xorriso isoinfo 7z python3; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (tools/install-deps.sh)"
done
[ -x "$LISTER" ] || fail "no $LISTER (cmake --build build/native-plain)"
[ -s "$MANIFEST" ] || fail "no manifest $MANIFEST (run winetest fsimage_import first)"

while read -r image expect; do
  expect="${expect%$'\r'}"
  [ -n "$image" ] || continue
  iso="$DIR/$image"
  [ -f "$iso" ] || { fail "$image: missing"; continue; }
  out="$WORK/${image%.iso}-x"
  case "$image" in *-udfonly.iso) iso_fs=0 ;; *) iso_fs=1 ;; esac
  if [ "$iso_fs" -eq 0 ]; then
    if isoinfo -d -i "$iso" 2>/dev/null | grep -q 'Volume id'; then
      fail "$image: a UDF-only disc shows an ISO9660 volume"
    else
      pass "$image: no ISO9660 volume on the UDF-only disc"
    fi
  elif LC_ALL=C.UTF-8 xorriso -abort_on FAILURE -joliet on -indev "$iso" -osirrox on -extract / "$out" >/dev/null 2>&1 \
     && chmod -R u+w "$out" && diff -r "$expect" "$out" >/dev/null; then
    pass "$image: the Joliet tree extracted by xorriso from block 16 equals $(basename "$expect")"
  else
    fail "$image: the tree extracted by xorriso differs from $expect"
    diff -r "$expect" "$out" 2>&1 | head -5
  fi
  bad=0
  n=0
  [ "$iso_fs" -eq 1 ] && while IFS= read -r -d '' f; do
    rel="${f#"$expect"}"
    n=$((n + 1))
    isoinfo -J -i "$iso" -x "$rel;1" 2>/dev/null | cmp -s - "$f" || { bad=$((bad + 1)); echo "     isoinfo: $rel differs"; }
  done < <(find "$expect" -type f -print0)
  if [ "$iso_fs" -eq 0 ]; then
    :
  elif [ "$n" -gt 0 ] && [ "$bad" -eq 0 ]; then
    pass "$image: isoinfo -J reads all $n files equal to their sources"
  else
    fail "$image: isoinfo: $bad of $n files differ"
  fi
  if [ "$iso_fs" -eq 0 ]; then
    :
  elif isoinfo -J -f -i "$iso" 2>/dev/null | grep -q 'remove\.txt'; then
    fail "$image: isoinfo still lists the removed file"
  else
    pass "$image: the removed file is gone from the Joliet tree"
  fi
  out="$WORK/${image%.iso}-7z"
  if 7z x -y -tudf -o"$out" "$iso" >/dev/null 2>&1 && diff -r "$expect" "$out" >/dev/null; then
    pass "$image: 7z -tudf extracts a UDF tree equal to $(basename "$expect")"
  else
    fail "$image: 7z -tudf's tree differs from $expect"
    diff -r "$expect" "$out" 2>&1 | head -5
  fi
  if [ -x "$LISTER" ] && "$LISTER" "$iso" 2>/dev/null | grep -v '^V ' | LC_ALL=C sort > "$WORK/got.txt" &&
     python3 - "$expect" > "$WORK/want.txt" <<'PY' && diff "$WORK/want.txt" "$WORK/got.txt" >/dev/null
import os, sys
root = sys.argv[1]
lines = []
for d, dirs, files in os.walk(root):
    for x in dirs:
        lines.append("D " + os.path.join(d, x)[len(root):])
    for x in files:
        b = open(os.path.join(d, x), "rb").read()
        h = 0xcbf29ce484222325
        for c in b:
            h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
        lines.append("F %s %d %016x" % (os.path.join(d, x)[len(root):], len(b), h))
print("\n".join(sorted(lines, key=lambda s: s.encode())))
PY
  then
    pass "$image: libudfread reads a UDF tree equal to $(basename "$expect")"
  else
    fail "$image: libudfread's UDF tree differs from $expect"
    diff "$WORK/want.txt" "$WORK/got.txt" 2>&1 | head -5
  fi
done < "$MANIFEST"

echo "verify_random_write: $((checks - failures)) passed, $failures failed"
exit "$failures"
