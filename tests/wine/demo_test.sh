#!/usr/bin/env bash
# The README's first command, tested as a user runs it: tools/demo.sh in a throwaway
# prefix (IMAPI2_PREFIX), then checks of our own on what it left behind:
#   - it exits 0;
#   - the disc it burned, exported from the emulated recorder by the vdrive CLI (every
#     session at its own LBA), has two sessions as xorriso reads it (-toc);
#   - the last session, extracted by xorriso, is identical to both source folders
#     together (diff -r): the burner imported the first session (ImportFileSystem) and
#     added the second folder beside it; the first session, extracted on its own, is
#     identical to the first folder; the second session is smaller than the first
#     folder's data (the imported files were referenced, not written again);
#   - where 32-bit Wine exists: both DLL sets are installed (system32, syswow64), and a
#     32-bit and a 64-bit VBScript list the same recorder IDs, including one added with
#     the 32-bit reg.exe (which writes the 32-bit registry view) and the demo's own,
#     added with the 64-bit reg.exe.
# Last line: "demo_test: N passed, M failed". Environment: IMAPI_DEMO_TEST_DIR (default
# build/demo-test) holds the prefix; it is removed first.
set -uo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"
cd "$IMAPI_ROOT"

DIR="${IMAPI_DEMO_TEST_DIR:-$IMAPI_ROOT/build/demo-test}"
PREFIX="$DIR/prefix"
PASSED=0
FAILED=0
check() {   # check <description> <command...>
  local what="$1"
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "ok    $what"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL  $what"
  fi
}

rm -rf "$DIR"
mkdir -p "$DIR"
unset DISPLAY WAYLAND_DISPLAY

rc=0
IMAPI2_PREFIX="$PREFIX" IMAPI_SKIP_DEPS=1 bash tools/demo.sh </dev/null >"$DIR/demo.out" 2>&1 || rc=$?
sed 's/^/  | /' "$DIR/demo.out"
check "tools/demo.sh exits 0 (it exited $rc)" [ "$rc" -eq 0 ]

# Our own comparison of the burned disc with its sources, not the demo's word for it.
VDRIVE="$IMAPI_ROOT/build/native-plain/tools/vdrive/vdrive"
REC="$PREFIX/recorders/demo"
SRC="$PREFIX/demo-folder"
SRC2="$PREFIX/demo-folder-2"
ISO="$DIR/disc.iso"
# The whole disc: the vdrive CLI exports the last session at its own LBAs; the data
# tracks of earlier sessions are exported one by one (--track) and put in place.
export_disc() {
  local track session start written last
  "$VDRIVE" export-iso "$REC" "$ISO" || return 1
  "$VDRIVE" show "$REC" | sed -n 's/^ *track \([0-9]*\): session \([0-9]*\), data, start \([0-9]*\), .*written \([0-9]*\)$/\1 \2 \3 \4/p' |
    awk '$4 > 0' >"$DIR/tracks.txt"
  last="$(tail -n 1 "$DIR/tracks.txt" | cut -d' ' -f2)"
  while read -r track session start written; do
    [ "$session" = "$last" ] && continue
    "$VDRIVE" export-iso "$REC" "$DIR/track.iso" --track "$track" &&
      dd if="$DIR/track.iso" of="$ISO" bs=2048 skip="$start" seek="$start" count="$written" conv=notrunc status=none || return 1
  done <"$DIR/tracks.txt"
}
check "the vdrive CLI exports the burned disc (every session)" export_disc
xorriso -rom_toc_scan emul_wide -indev "$ISO" -toc >"$DIR/toc.txt" 2>&1
sed -n 's/^\(TOC layout\|ISO session\).*/  | &/p' "$DIR/toc.txt"
SBS=($(sed -n 's/^ISO session *: *[0-9]* , *\([0-9]*\) ,.*/\1/p' "$DIR/toc.txt"))
check "xorriso -toc finds two sessions on the exported disc (found ${#SBS[@]})" [ "${#SBS[@]}" -eq 2 ]
extract() {   # extract <sbsector> <dir>
  rm -rf "$2"
  xorriso -osirrox on -rom_toc_scan emul_wide -load sbsector "$1" -indev "$ISO" -extract / "$2" >"$DIR/xorriso.log" 2>&1
}
check "xorriso extracts the last session (block ${SBS[1]:-?})" extract "${SBS[1]:-0}" "$DIR/extracted2"
rm -rf "$DIR/both" && cp -r "$SRC" "$DIR/both" && cp -r "$SRC2/." "$DIR/both/"
check "the last session holds both folders, old and new files identical to their sources (diff -r)" diff -r "$DIR/both" "$DIR/extracted2"
check "xorriso extracts the first session (block ${SBS[0]:-?})" extract "${SBS[0]:-0}" "$DIR/extracted1"
check "the first session is identical to the first folder (diff -r)" diff -r "$SRC" "$DIR/extracted1"
check "the source folders were not empty" [ -n "$(find "$SRC" -type f -print -quit 2>/dev/null)" -a -n "$(find "$SRC2" -type f -print -quit 2>/dev/null)" ]
check "the burner said the earlier sessions' files were imported" grep -q "were imported" "$DIR/demo.out"
# Imported files are references: in the last session's tree every file of the first
# folder keeps its data at its old blocks (before the session), and the new folder's
# files lie inside the session. (A block count would not do: a UDF bridge session has
# its anchor at block 256 of the session whatever the data.)
old_data_refs() {
  local start="${SBS[1]:-0}" lbas bad=0 n=0 path lba
  lbas=$(xorriso -rom_toc_scan emul_wide -load sbsector "$start" -indev "$ISO" \
           -find / -type f -exec report_lba -- 2>/dev/null |
         sed -n "s/^File data lba: *[0-9]* , *\([0-9]*\) ,.*, '\(.*\)'\$/\1 \2/p")
  while read -r rel; do
    lba=$(awk -v p="/$rel" '{ l = $1; $1 = ""; sub(/^ /, ""); if ($0 == p) { print l; exit } }' <<<"$lbas")
    n=$((n + 1))
    if [ -z "$lba" ] || [ "$lba" -ge "$start" ]; then echo "  | $rel: data at ${lba:-?} (session starts at $start)"; bad=1; fi
  done < <(cd "$SRC" && find . -type f -size +0 | sed 's|^\./||')
  [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]
}
check "the last session points at the first folder's data where session 1 wrote it (no copy)" old_data_refs

# Both bitnesses in one prefix.
list_ids() {   # list_ids <arch>: the recorder IDs demo.vbs prints, one a line
  imapi_wine "$1" cscript.exe //nologo "$(imapi_winpath tools/demo/demo.vbs)" </dev/null 2>/dev/null |
    tr -d '\r' | sed -n 's/^    id //p'
}
if imapi_wine32_usable; then
  imapi_wine_env "$PREFIX"
  check "the 32-bit DLLs are in syswow64" test -f "$PREFIX/drive_c/windows/syswow64/imapi2.dll" -a -f "$PREFIX/drive_c/windows/syswow64/imapi2fs.dll"
  # A second recorder, configured with the 32-bit reg.exe (32-bit registry view).
  "$VDRIVE" create "$PREFIX/recorders/second" --product "Second Burner" >/dev/null &&
    "$VDRIVE" insert "$PREFIX/recorders/second" cdr >/dev/null
  add32() { imapi_wine win32 reg.exe add 'HKLM\Software\Wine\IMAPI2\EmulatedRecorders\second' /v Path /d "$PREFIX/recorders/second" /f >/dev/null 2>&1 </dev/null; }
  check "the 32-bit reg.exe adds a recorder" add32
  ids64="$(list_ids win64)"
  ids32="$(list_ids win32)"
  printf '64-bit cscript lists:\n%s\n32-bit cscript lists:\n%s\n' "$ids64" "$ids32" | sed 's/^/  | /'
  check "the 64-bit cscript lists the demo recorder and the one added by the 32-bit reg.exe" \
    bash -c '[[ "$1" == *"#cdrom#demo#"* && "$1" == *"#cdrom#second#"* ]]' _ "$ids64"
  check "the 32-bit and the 64-bit cscript list the same recorder IDs" test -n "$ids64" -a "$ids64" = "$ids32"
  imapi_wineserver -k >/dev/null 2>&1
else
  echo "32-bit: not checked: $(imapi_wine32_why)"
fi

echo "demo_test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
