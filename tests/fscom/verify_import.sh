#!/usr/bin/env bash
# Judges the two-session discs winetest/fsimage_import.exe burned (session 1, then an
# imported, changed second session) with independent readers:
#   xorriso -toc            the disc holds two ISO sessions, the last at the recorded
#                           start: xorriso drives the emulated recorder through the SG_IO
#                           preload library of build/native-plain and reads its TOC (an
#                           image file of a CD has no TOC to scan); where it sees the
#                           short last session as "Other session" (DVD+R, BD-R: it reads
#                           ahead past the last written block), it scans the image file
#   xorriso -extract        the last session's tree equals the expected tree (diff -r):
#                           imported files (data at the old session's blocks), replaced
#                           and added ones, and not the removed one
#   isoinfo -J -T start     every file of the expected tree, extracted from the last
#                           session's Joliet tree, equals its source (cmp)
#   7z                      reads the first session (block 16): the imported file that
#                           session 2 kept has the same bytes there
#   (UDF bridges, see udf_checks: 7z -tudf, libudfread, udfinfo)
#
#   tests/fscom/verify_import.sh [DIR]
#
# DIR holds fscom-import.txt (default build/win64/winetest-tmp); each line is
#   <image> <start of session 2> <expected tree (Unix path)> <recorder directory>
# Prints "verify_import: P passed, F failed"; exits with the failure count. A missing
# reader or an empty manifest is a failure (a skip never counts as a pass).
set -u

DIR="${1:-build/win64/winetest-tmp}"
MANIFEST="$DIR/fscom-import.txt"
checks=0
failures=0
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

pass() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }

for tool in xorriso isoinfo 7z udfinfo; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed (tools/install-deps.sh)"
done
if [ ! -s "$MANIFEST" ]; then
  fail "no manifest $MANIFEST (run winetest fsimage_import first)"
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Bridge discs (<media>-udf.iso, session 2 written over a UDF import):
#   7z -tudf                session 1's UDF tree (anchor at 256) has sub/big.bin
#   libudfread              the last session's UDF tree, every file read, equals the
#                           expected tree (tests/fs/udfread_list on a copy whose block 256
#                           is zeroed, so it takes the anchor in the last block as a drive
#                           mounting the last session would)
#   udfinfo --startblock    the last session's UDF volume is closed and whole
udf_checks() {
  local image="$1" iso="$2" start="$3" expect="$4" view="$WORK/udf-view.iso" lister
  lister="$ROOT/build/native-plain/tests/fs/udfread_list"
  if 7z e -tudf -so "$iso" sub/big.bin 2>/dev/null | cmp -s - "$expect/sub/big.bin"; then
    pass "$image: 7z -tudf (first session's UDF) has sub/big.bin"
  else
    fail "$image: 7z -tudf cannot read sub/big.bin of the first session's UDF"
  fi
  if [ ! -x "$lister" ]; then
    fail "$image: no $lister (cmake --build build/native-plain)"
    return
  fi
  cp "$iso" "$view" && dd if=/dev/zero of="$view" bs=2048 seek=256 count=1 conv=notrunc 2>/dev/null
  if "$lister" "$view" 2>/dev/null | grep -v '^V ' | LC_ALL=C sort > "$WORK/udf-got.txt" &&
     python3 - "$expect" > "$WORK/udf-want.txt" <<'PY' && diff "$WORK/udf-want.txt" "$WORK/udf-got.txt" >/dev/null
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
    pass "$image: libudfread reads the last session's UDF tree equal to $(basename "$expect")"
  else
    fail "$image: libudfread's last-session UDF tree differs from $expect"
    diff "$WORK/udf-want.txt" "$WORK/udf-got.txt" 2>&1 | head -5
  fi
  if udfinfo --startblock="$start" "$iso" 2>/dev/null | grep -q '^integrity=closed$'; then
    pass "$image: udfinfo --startblock=$start finds a closed UDF volume"
  else
    fail "$image: udfinfo --startblock=$start finds no closed UDF volume"
  fi
}
PRELOAD="$ROOT/build/native-plain/tools/sgio-preload/libimapi_sgio_preload.so"
[ -f "$PRELOAD" ] || fail "no SG_IO preload library $PRELOAD (cmake --build build/native-plain)"
while read -r image start expect recorder; do
  recorder="${recorder%$'\r'}"
  [ -n "$image" ] || continue
  iso="$DIR/$image"
  [ -f "$iso" ] || { fail "$image: missing"; continue; }
  toc="$(IMAPI_VDRIVE_DEVICE="/dev/sr9=$recorder" LD_PRELOAD="$PRELOAD" timeout 120 xorriso -indev /dev/sr9 -toc 2>/dev/null |
         grep -E '^ISO session')"
  how="the drive's TOC"
  if [ "$(echo "$toc" | grep -c .)" -lt 2 ]; then
    # DVD+R / BD-R: xorriso reads 32 blocks ahead from a session's start and calls a
    # session shorter than that "Other session" when the drive refuses blocks past the
    # last written one; the image file (sessions at their addresses) is scanned instead.
    toc="$(xorriso -rom_toc_scan emul_wide -indev "$iso" -toc 2>/dev/null | grep -E '^ISO session')"
    how="a scan of the image"
  fi
  starts="$(echo "$toc" | sed -n 's/^ISO session *: *[0-9]* , *\([0-9]*\) ,.*/\1/p' | tr '\n' ' ')"
  if [ "$(echo "$toc" | grep -c .)" -ge 2 ] && echo " $starts" | grep -q " $start "; then
    pass "$image: xorriso -toc ($how) shows the sessions at $starts"
  else
    fail "$image: xorriso -toc shows [$starts], want two sessions, the last at $start"
  fi
  out="$WORK/${image%.iso}-x"
  if xorriso -abort_on FAILURE -load sbsector "$start" -indev "$iso" -osirrox on -extract / "$out" >/dev/null 2>&1 \
     && chmod -R u+w "$out" && diff -r "$expect" "$out" >/dev/null; then
    pass "$image: the last session extracted by xorriso equals $(basename "$expect")"
  else
    fail "$image: the last session extracted by xorriso differs from $expect"
    diff -r "$expect" "$out" 2>&1 | head -5
  fi
  bad=0
  n=0
  while IFS= read -r -d '' f; do
    rel="${f#"$expect"}"
    n=$((n + 1))
    isoinfo -J -T "$start" -i "$iso" -x "$rel;1" 2>/dev/null | cmp -s - "$f" || { bad=$((bad + 1)); echo "     isoinfo: $rel differs"; }
  done < <(find "$expect" -type f -print0)
  if [ "$n" -gt 0 ] && [ "$bad" -eq 0 ]; then
    pass "$image: isoinfo -J -T $start reads all $n files equal to their sources"
  else
    fail "$image: isoinfo: $bad of $n files differ"
  fi
  if 7z e -so "$iso" sub/big.bin 2>/dev/null | cmp -s - "$expect/sub/big.bin"; then
    pass "$image: 7z (first session) has sub/big.bin, the bytes session 2 points at"
  else
    fail "$image: 7z cannot read sub/big.bin of the first session equal to its source"
  fi
  case "$image" in *-udf.iso) udf_checks "$image" "$iso" "$start" "$expect" ;; esac
done < "$MANIFEST"

echo "verify_import: $((checks - failures)) passed, $failures failed"
exit "$failures"
