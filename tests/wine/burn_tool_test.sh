#!/usr/bin/env bash
# imapi2-burn.exe (tools/burn) tested as a user drives it, in a throwaway 64-bit prefix
# with emulated recorders:
#   - -list names every recorder with its media in words;
#   - a folder burned to a CD-R with -close -verify full, exported by the vdrive CLI and
#     extracted by xorriso, is identical to the folder (diff -r);
#   - a second burn onto that closed CD-R is refused in words, exit 1;
#   - an .iso burned with -iso to a DVD+RW is byte for byte the file; a second -iso burn
#     onto the used DVD+RW is refused without -force;
#   - a write-protected disc is refused in words, exit 1;
#   - -fs iso9660,joliet,udf -udfrev 0x250 on a DVD+R: udfinfo and libudfread read the
#     UDF 2.50 session (every file of the folder);
#   - -speed and -eject on a DVD+R: the speed line is printed, the tray ends open;
#   - -erase and -erase -full of a CD-RW the tool burned: the progress bar, "disc now:
#     blank", and the vdrive CLI shows the disc blank; -erase of the closed CD-R is refused
#     in words, exit 1, and its export is unchanged;
#   - bad usage exits 2.
# Not tested here: Ctrl-C (Wine gives a console program started from a script no way to
# receive CTRL_C_EVENT reliably; CancelWrite from the Update handler is covered by
# winetest/format_data.c), and "recorder in use" (needs a second process holding the
# exclusive access during the burn).
# Last line: "burn_tool_test: N passed, M failed". Environment: IMAPI_BURN_TEST_DIR
# (default build/burn-tool-test) holds the prefix; it is removed first.
set -uo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"
cd "$IMAPI_ROOT"

DIR="${IMAPI_BURN_TEST_DIR:-$IMAPI_ROOT/build/burn-tool-test}"
BUILD="$IMAPI_ROOT/build/win64"
NATIVE="$IMAPI_ROOT/build/native-plain"
VDRIVE="$NATIVE/tools/vdrive/vdrive"
BURN="$BUILD/tools/burn/imapi2-burn.exe"
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

# What the test needs, built if missing (the DLLs, the tool, the vdrive CLI).
if [ ! -f "$BURN" ] || ! imapi_wine_built_dlls "$BUILD" >/dev/null; then
  { cmake -S . -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake &&
    cmake --build "$BUILD" -j 2 --target imapi2 imapi2fs imapi2-burn; } >"$DIR/build.log" 2>&1 ||
    { tail -n 30 "$DIR/build.log"; imapi_die "building the 64-bit DLLs and imapi2-burn failed"; }
fi
if [ ! -x "$VDRIVE" ]; then
  { cmake -S . -B "$NATIVE" -DIMAPI_SANITIZE=OFF && cmake --build "$NATIVE" -j 2 --target vdrive; } \
    >>"$DIR/build.log" 2>&1 || { tail -n 30 "$DIR/build.log"; imapi_die "building vdrive failed"; }
fi

# The prefix: 64-bit DLLs installed and registered (32-bit is the demo test's matter).
imapi_wine_env "$DIR/prefix"
imapi_wine_prefix_init || imapi_die "could not create the Wine prefix"
imapi_wine_install_dlls "$BUILD" win64
imapi_wine_register win64 >"$DIR/regsvr32.log" 2>&1 </dev/null || imapi_die "regsvr32 failed ($DIR/regsvr32.log)"

# Recorders: name, product, media.
REC="$DIR/recorders"
add_recorder() {
  mkdir -p "$REC/$1" && "$VDRIVE" create "$REC/$1" --product "$2" >/dev/null && "$VDRIVE" insert "$REC/$1" "$3" >/dev/null &&
    imapi_wine win64 reg.exe add "HKLM\\Software\\Wine\\IMAPI2\\EmulatedRecorders\\$1" /v Path /d "$REC/$1" /f \
      >/dev/null 2>&1 </dev/null
}
add_recorder cd "CD Burner" cdr
add_recorder rw "DVD+RW Burner" dvd+rw
add_recorder plusr "DVD+R Burner" dvd+r
add_recorder ro "Protected Burner" cdr
"$VDRIVE" protect "$REC/ro" on >/dev/null

burn() {   # burn <log> args...: runs the tool, output (progress \r -> \n) in <log>
  local log="$1" rc=0
  shift
  imapi_wine win64 "$BURN" "$@" </dev/null >"$DIR/$log.raw" 2>&1 || rc=$?
  tr '\r' '\n' <"$DIR/$log.raw" | grep -v '^ *$' >"$DIR/$log"
  sed 's/^/  | /' "$DIR/$log" | grep -vE '^  \| (Validating|Initializing|Calibrating|Writing|Finalizing|Verifying|Completed) ' 
  return "$rc"
}
rc_is() { [ "$1" -eq "$2" ]; }

# -list
rc=0; burn list.out -list || rc=$?
check "-list exits 0 (it exited $rc)" rc_is "$rc" 0
check "-list names the four recorders" [ "$(grep -c '^[0-9]*: IMAPIEMU' "$DIR/list.out")" -eq 4 ]
check "-list shows each recorder's unique id" [ "$(grep -c '^   id .*#cdrom#' "$DIR/list.out")" -eq 4 ]
check "-list shows the blank CD-R with its free sectors" grep -q 'media  CD-R: blank (CurrentMediaStatus 0x0002); [0-9]* free sectors' "$DIR/list.out"
check "-list shows the DVD+RW" grep -q 'media  DVD+RW: ' "$DIR/list.out"
check "-list shows the write-protected disc in words" grep -q 'write-protected' "$DIR/list.out"
index_of() { sed -n "s/^\([0-9]*\): IMAPIEMU $1 .*/\1/p" "$DIR/list.out"; }
CD="$(index_of "CD Burner")"; RW="$(index_of "DVD+RW Burner")"; PLUSR="$(index_of "DVD+R Burner")"
RO="$(index_of "Protected Burner")"

# A folder to a CD-R, closed, fully verified.
SRC="$DIR/folder"
mkdir -p "$SRC/sub/deeper" "$SRC/Ελληνικά"
cp README.md "$SRC/"
cp -r core/fs "$SRC/sub/deeper/fs"
head -c 300000 /dev/urandom >"$SRC/sub/random.bin"
echo "γειά σου" >"$SRC/Ελληνικά/καλημέρα.txt"
rc=0; burn cd.out -d "$CD" -V CDTEST -close -verify full "$(imapi_winpath "$SRC")" || rc=$?
check "a folder burns to the CD-R with -close -verify full (exit $rc)" rc_is "$rc" 0
check "the progress shows the verification" grep -q '^Verifying ' "$DIR/cd.out"
check "the progress shows the writing with its percent" grep -qE '^Writing +100%' "$DIR/cd.out"
check "the tool says the disc is now closed" grep -q 'disc now: .*closed (finalized)' "$DIR/cd.out"
check "vdrive exports the CD-R" "$VDRIVE" export-iso "$REC/cd" "$DIR/cd.iso"
extract() { rm -rf "$2"; xorriso -osirrox on -indev "$1" -extract / "$2" >"$DIR/xorriso.log" 2>&1; }
check "xorriso extracts the CD-R" extract "$DIR/cd.iso" "$DIR/cd.extracted"
check "the CD-R is identical to the folder (diff -r)" diff -r "$SRC" "$DIR/cd.extracted"
check "the volume name is CDTEST" bash -c 'isoinfo -d -i "$1" | grep -q "^Volume id: CDTEST"' _ "$DIR/cd.iso"

# Another burn onto the closed CD-R: refused in words.
rc=0; burn cd2.out -d "$CD" "$(imapi_winpath "$SRC")" || rc=$?
check "a burn onto the closed CD-R fails with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying the disc is closed" grep -q 'the disc is closed (finalized)' "$DIR/cd2.out"

# An .iso file to a DVD+RW.
xorriso -as mkisofs -quiet -J -V ISOTEST -o "$DIR/in.iso" "$SRC" >/dev/null 2>&1
SIZE="$(stat -c %s "$DIR/in.iso")"
rc=0; burn iso.out -d "$RW" -iso "$(imapi_winpath "$DIR/in.iso")" || rc=$?
check "an .iso burns to the DVD+RW with -iso (exit $rc)" rc_is "$rc" 0
check "vdrive exports the DVD+RW" "$VDRIVE" export-iso "$REC/rw" "$DIR/rw.iso"
check "the DVD+RW holds the .iso byte for byte ($SIZE bytes)" cmp -n "$SIZE" "$DIR/in.iso" "$DIR/rw.iso"
rm -f "$DIR/rw.iso"   # sparse, but the size of the whole disc
rc=0; burn iso2.out -d "$RW" -iso "$(imapi_winpath "$DIR/in.iso")" || rc=$?
check "a second -iso burn onto the used DVD+RW fails without -force (exit $rc)" rc_is "$rc" 1
check "... saying to add -force" grep -q 'add -force' "$DIR/iso2.out"
rc=0; burn iso3.out -d "$RW" -force -verify none -iso "$(imapi_winpath "$DIR/in.iso")" || rc=$?
check "with -force it overwrites the DVD+RW (exit $rc)" rc_is "$rc" 0

# A write-protected disc.
rc=0; burn ro.out -d "$RO" "$(imapi_winpath "$SRC")" || rc=$?
check "a burn onto a write-protected disc fails with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying the disc is write-protected" grep -q 'the disc is write-protected' "$DIR/ro.out"

# ISO9660 + Joliet + UDF 2.50 onto the blank DVD+R: the UDF tree reads back (udfinfo,
# libudfread through tests/fs/udfread_list; both find the volume from its anchor at 256,
# the exported disc being larger than the session).
rc=0; burn udf.out -d "$PLUSR" -fs iso9660,joliet,udf -udfrev 0x250 "$(imapi_winpath "$SRC")" || rc=$?
check "-fs iso9660,joliet,udf -udfrev 0x250 burns the DVD+R (exit $rc)" rc_is "$rc" 0
check "vdrive exports the DVD+R" "$VDRIVE" export-iso "$REC/plusr" "$DIR/plusr.iso"
check "... udfinfo reads UDF 2.50 there" bash -c 'udfinfo "$1" 2>/dev/null | grep -qx "udfrev=2.50"' _ "$DIR/plusr.iso"
check "... libudfread reads every file of the folder" bash -c \
  '[ "$("$1" "$2" | grep -c "^F ")" = "$(find "$3" -type f | wc -l)" ]' _ "$NATIVE/tests/fs/udfread_list" "$DIR/plusr.iso" "$SRC"
rm -f "$DIR/plusr.iso"

# -speed and -eject on the DVD+R.
rc=0; burn speed.out -d "$PLUSR" -speed 4 -eject "$(imapi_winpath "$SRC")" || rc=$?
check "-speed 4 -eject burns the DVD+R (exit $rc)" rc_is "$rc" 0
check "... printing the speed the drive took" grep -qE '^speed: +asked for 4x \([0-9]+ sectors/s\): the drive writes at' "$DIR/speed.out"
check "... and the tray is open afterwards" bash -c '"$1" show "$2" | grep -q "tray: open"' _ "$VDRIVE" "$REC/plusr"

# -erase [-full] (tools/burn/erase.c): a CD-RW burned by the tool, erased quick then full.
add_recorder cdrw "CDRW Burner" cdrw
burn list2.out -list >/dev/null || true
CDRW="$(sed -n 's/^\([0-9]*\): IMAPIEMU CDRW Burner .*/\1/p' "$DIR/list2.out")"
disc_is() { "$VDRIVE" show "$REC/$1" | grep -q "^disc: $2"; }
for mode in quick full; do
  rc=0; burn "cdrw-$mode.out" -d "$CDRW" -V RW "$(imapi_winpath "$SRC")" || rc=$?
  check "a folder burns to the CD-RW before the $mode erase (exit $rc)" rc_is "$rc" 0
  check "... and vdrive shows the CD-RW written" bash -c '! "$1" show "$2" | grep -q "^disc: blank"' _ "$VDRIVE" "$REC/cdrw"
  args=(-d "$CDRW" -erase); [ "$mode" = full ] && args+=(-full)
  rc=0; burn "erase-$mode.out" "${args[@]}" || rc=$?
  check "-erase${args[3]:+ -full} blanks the CD-RW (exit $rc)" rc_is "$rc" 0
  check "... saying what it erases" grep -q "^erasing:  CD-RW, $mode erase" "$DIR/erase-$mode.out"
  check "... with the progress bar" grep -qE '^erasing +[0-9]+% \[[#.]{20}\] +[0-9]+:[0-9]{2} left' "$DIR/erase-$mode.out"
  check "... ending at 100%" grep -qE '^erasing +100% \[#{20}\]' "$DIR/erase-$mode.out"
  check "... and 'disc now: blank'" grep -q 'disc now: blank' "$DIR/erase-$mode.out"
  check "... which the vdrive CLI confirms" disc_is cdrw blank
done
# The closed CD-R cannot be erased: refused in words, the disc as it was.
rc=0; burn erase-cdr.out -d "$CD" -erase || rc=$?
check "-erase of the closed CD-R fails with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying a CD-R cannot be erased" grep -q 'a CD-R cannot be erased' "$DIR/erase-cdr.out"
check "... and the CD-R exports as before" bash -c '"$1" export-iso "$2" "$3" && cmp -s "$3" "$4"' _ \
  "$VDRIVE" "$REC/cd" "$DIR/cd-after-erase.iso" "$DIR/cd.iso"

# Usage.
rc=0; burn usage.out -verify sometimes "$(imapi_winpath "$SRC")" || rc=$?
check "a bad option value exits 2 (exit $rc)" rc_is "$rc" 2
rc=0; burn usage2.out -full || rc=$?
check "-full without -erase exits 2 (exit $rc)" rc_is "$rc" 2
rc=0; burn usage3.out -erase "$(imapi_winpath "$SRC")" || rc=$?
check "-erase with a folder exits 2 (exit $rc)" rc_is "$rc" 2

imapi_wineserver -k >/dev/null 2>&1
echo "burn_tool_test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
