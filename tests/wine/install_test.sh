#!/usr/bin/env bash
# tools/install.sh against fresh prefixes, as a user runs it:
#   - a 64-bit prefix whose path holds spaces and non-ASCII characters: install (both
#     bitnesses where the 32-bit loader exists), install again = no change, a recorder
#     added with --add-recorder that 32- and 64-bit VBScript both list, every ProgID
#     creatable (winetest/progids.vbs), --remove-recorder, then --uninstall: the
#     registry as before (Wine's timestamps aside) and CreateObject fails with 429;
#   - bad input: a missing prefix, a file, a folder that is not a prefix, an unknown
#     media name, a recorder name already taken: a message, exit 1, the prefix untouched;
#   - a 32-bit prefix (WINEARCH=win32) where 32-bit Wine exists: install, list, uninstall;
#   - with --bundle DIR: the same install from an unpacked release bundle (no source
#     tree, no build trees) into a fresh prefix.
# Last line: "install_test: N passed, M failed".
#
#   tests/wine/install_test.sh [--bundle DIR]
set -uo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"
cd "$IMAPI_ROOT"

BUNDLE=""
[ "${1:-}" = --bundle ] && BUNDLE="${2:-}"
WORK="${IMAPI_INSTALL_TEST_DIR:-$IMAPI_ROOT/build/install-test}"
PASSED=0
FAILED=0
check() {   # check <description> <command...>
  local what="$1"
  shift
  if "$@"; then PASSED=$((PASSED + 1)); echo "ok    $what"
  else FAILED=$((FAILED + 1)); echo "FAIL  $what"; fi
}
rm -rf "$WORK"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"   # Wine wants absolute prefix paths
[ -z "$BUNDLE" ] || BUNDLE="$(cd "$BUNDLE" && pwd)"
unset DISPLAY WAYLAND_DISPLAY WINEARCH
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

# new_prefix <dir> <win64|win32>: a fresh prefix; cscript runs once so that Wine's own
# lazy registrations (the script host's type library) are in place before any snapshot.
new_prefix() {
  local arch="$2"
  export WINEPREFIX="$1"
  mkdir -p "$WORKVBS"
  printf 'WScript.Echo "x"\n' >"$WORKVBS/nop.vbs"
  if [ "$arch" = win32 ]; then
    WINEARCH=win32 imapi_wine win32 wineboot.exe -i >/dev/null 2>&1 </dev/null
    imapi_wine win32 cscript.exe //nologo "$(imapi_winpath "$WORKVBS/nop.vbs")" >/dev/null 2>&1 </dev/null
  else
    WINEARCH=win64 imapi_wine win64 wineboot.exe -i >/dev/null 2>&1 </dev/null
    for a in $(imapi_wine_arches); do
      imapi_wine "$a" cscript.exe //nologo "$(imapi_winpath "$WORKVBS/nop.vbs")" >/dev/null 2>&1 </dev/null
    done
  fi
  imapi_wineserver -w
}
WORKVBS="$WORK/vbs"

# reg_snapshot <out>: the registry files without what Wine itself rewrites whenever a
# wineserver starts without a display: timestamps, the device tree it enumerates anew
# (Enum, device classes, display adapters and monitors with their DriverDateData,
# network cards), and the empty WineDbg key its crash handler's configuration creates.
reg_snapshot() {
  imapi_wineserver -w
  for f in system.reg user.reg userdef.reg; do
    [ -f "$WINEPREFIX/$f" ] || continue
    awk '
      /^\[/ { skip = ($0 ~ /\\\\Enum\\\\|\\\\Control\\\\Class\\\\|\\\\Control\\\\DeviceClasses\\\\|NetworkCards|Software\\\\Wine\\\\WineDbg/)
               sub(/\] [0-9]+$/, "]") }
      /^#time=/ || /^"DriverDateData"=/ { next }
      !skip { print }' "$WINEPREFIX/$f"
  done >"$1"
}

# ids <arch>: recorder IDs as VBScript of that bitness lists them.
ids() {
  imapi_wine "$1" cscript.exe //nologo "$(imapi_winpath tools/demo/demo.vbs)" </dev/null 2>/dev/null |
    tr -d '\r' | sed -n 's/^    id //p'
}

# createobject_429 <arch>: every IMAPI ProgID fails with error 429 (class not registered).
createobject_429() {
  cat >"$WORKVBS/gone.vbs" <<'EOF'
Dim p, n, bad
n = 0 : bad = ""
For Each p In Array("IMAPI2.MsftDiscMaster2", "IMAPI2.MsftDiscRecorder2", "IMAPI2.MsftWriteEngine2", _
    "IMAPI2.MsftDiscFormat2Data", "IMAPI2.MsftDiscFormat2Erase", "IMAPI2.MsftDiscFormat2TrackAtOnce", _
    "IMAPI2.MsftDiscFormat2RawCD", "IMAPI2.MsftStreamZero", "IMAPI2.MsftStreamConcatenate", _
    "IMAPI2.MsftStreamInterleave", "IMAPI2FS.MsftFileSystemImage", "IMAPI2FS.BootOptions")
    On Error Resume Next
    Dim o : Set o = CreateObject(p)
    If Err.Number = 429 Then n = n + 1 Else bad = bad & " " & p & "=" & Err.Number
    Err.Clear
    On Error GoTo 0
Next
WScript.Echo "gone " & n & bad
EOF
  local out
  out="$(imapi_wine "$1" cscript.exe //nologo "$(imapi_winpath "$WORKVBS/gone.vbs")" </dev/null 2>/dev/null | tr -d '\r')"
  echo "  | $1: $out"
  [ "$out" = "gone 12" ]
}

# progids <arch>: winetest/progids.vbs (every creatable ProgID) passes in this prefix.
progids() {
  local out
  out="$(imapi_wine "$1" cscript.exe //nologo "$(imapi_winpath winetest/progids.vbs)" </dev/null 2>/dev/null | tr -d '\r')"
  grep -qE '^([0-9a-f]+:)?progids\.vbs: [1-9][0-9]* tests executed \([0-9]+ marked as todo, 0 failures\)' <<<"$out"
}

INSTALL=(bash "$IMAPI_ROOT/tools/install.sh")
[ -n "$BUNDLE" ] && INSTALL=(bash "$BUNDLE/tools/install.sh")

fails_cleanly() {   # fails_cleanly <expected message part> <install.sh args...>
  local want="$1" out rc=0
  shift
  out="$("${INSTALL[@]}" "$@" 2>&1)" || rc=$?
  echo "  | $out"
  [ "$rc" -ne 0 ] && [[ "$out" == *"$want"* ]]
}

# ---------------- a 64-bit prefix ----------------
P64="$WORK/prefix 64 ünï"
[ -n "$BUNDLE" ] && P64="$WORK/bundle prefix ü"
new_prefix "$P64" win64
if [ ! -f "$P64/system.reg" ]; then
  echo "FAIL  could not create the test prefix $P64"
  echo "install_test: 0 passed, 1 failed"
  exit 1
fi
reg_snapshot "$WORK/reg.fresh"
check "install into a fresh 64-bit prefix (path with spaces and non-ASCII)" "${INSTALL[@]}" --prefix "$P64"
check "the 64-bit DLLs are in system32" test -f "$P64/drive_c/windows/system32/imapi2.dll" -a -f "$P64/drive_c/windows/system32/imapi2fs.dll"
if imapi_wine32_usable; then
  check "the 32-bit DLLs are in syswow64" test -f "$P64/drive_c/windows/syswow64/imapi2.dll" -a -f "$P64/drive_c/windows/syswow64/imapi2fs.dll"
else
  echo "32-bit: not installed or checked: $(imapi_wine32_why)"
fi
reg_snapshot "$WORK/reg.installed"
sum1="$(md5sum "$P64"/drive_c/windows/system*/imapi2*.dll "$P64"/drive_c/windows/syswow64/imapi2*.dll 2>/dev/null)"
check "install a second time" "${INSTALL[@]}" --prefix "$P64"
reg_snapshot "$WORK/reg.again"
sum2="$(md5sum "$P64"/drive_c/windows/system*/imapi2*.dll "$P64"/drive_c/windows/syswow64/imapi2*.dll 2>/dev/null)"
check "installing twice changes nothing (registry and DLLs)" bash -c '[ -n "$3" ] && cmp -s "$1" "$2" && [ "$3" = "$4" ]' _ "$WORK/reg.installed" "$WORK/reg.again" "$sum1" "$sum2"
check "the install registered something (the registry differs from the fresh prefix's)" bash -c '! cmp -s "$1" "$2"' _ "$WORK/reg.fresh" "$WORK/reg.installed"
check "--add-recorder burner1 dvd+r" "${INSTALL[@]}" --prefix "$P64" --add-recorder burner1 dvd+r
for a in $(imapi_wine_arches); do
  check "every IMAPI2 ProgID is creatable from $a VBScript (winetest/progids.vbs)" progids "$a"
done
ids64="$(ids win64)"
check "64-bit VBScript lists burner1" bash -c '[[ "$1" == *"#cdrom#burner1#"* ]]' _ "$ids64"
if imapi_wine32_usable; then
  check "32-bit VBScript lists the same recorders" test -n "$ids64" -a "$(ids win32)" = "$ids64"
fi

# Bad input: a message, a nonzero exit, the prefix untouched.
reg_snapshot "$WORK/reg.before-bad"
check "refuses a missing prefix" fails_cleanly "does not exist" --prefix "$WORK/no such prefix"
touch "$WORK/a file"
check "refuses a file" fails_cleanly "not a folder" --prefix "$WORK/a file"
mkdir -p "$WORK/not a prefix"
check "refuses a folder that is not a prefix" fails_cleanly "not a Wine prefix" --prefix "$WORK/not a prefix"
check "refuses an unknown media name" fails_cleanly "unknown media" --prefix "$P64" --add-recorder burner2 floppy
check "refuses a recorder name already taken" fails_cleanly "exists already" --prefix "$P64" --add-recorder burner1 cdr
check "refuses a bad recorder name" fails_cleanly "recorder name" --prefix "$P64" --add-recorder 'a/b' cdr
reg_snapshot "$WORK/reg.after-bad"
check "the bad calls left the prefix untouched" cmp -s "$WORK/reg.before-bad" "$WORK/reg.after-bad"
check "the folder that is not a prefix stayed empty" test -z "$(ls -A "$WORK/not a prefix")"

check "--remove-recorder burner1" "${INSTALL[@]}" --prefix "$P64" --remove-recorder burner1
check "burner1 is no longer listed" bash -c '[[ "$1" != *"#cdrom#burner1#"* ]]' _ "$(ids win64)"
check "--uninstall" "${INSTALL[@]}" --prefix "$P64" --uninstall
reg_snapshot "$WORK/reg.uninstalled"
if cmp -s "$WORK/reg.fresh" "$WORK/reg.uninstalled"; then
  check "after install + uninstall the registry is as it was (timestamps aside)" true
else
  diff "$WORK/reg.fresh" "$WORK/reg.uninstalled" | head -n 40 | sed 's/^/  | /'
  check "after install + uninstall the registry is as it was (timestamps aside)" false
fi
check "no DLL of ours is left" test -z "$(ls "$P64"/drive_c/windows/system32/imapi2*.dll "$P64"/drive_c/windows/syswow64/imapi2*.dll 2>/dev/null)"
for a in $(imapi_wine_arches); do
  check "$a VBScript: CreateObject of every IMAPI ProgID fails with 429" createobject_429 "$a"
done
imapi_wineserver -k >/dev/null 2>&1

# ---------------- a 32-bit prefix ----------------
if [ -z "$BUNDLE" ] && imapi_wine32_usable; then
  P32="$WORK/prefix 32"
  new_prefix "$P32" win32
  reg_snapshot "$WORK/reg32.fresh"
  check "install into a fresh 32-bit prefix" "${INSTALL[@]}" --prefix "$P32"
  check "the 32-bit DLLs are in the 32-bit prefix's system32" test -f "$P32/drive_c/windows/system32/imapi2.dll" -a ! -e "$P32/drive_c/windows/syswow64"
  check "--add-recorder in the 32-bit prefix" "${INSTALL[@]}" --prefix "$P32" --add-recorder r32 cdr
  check "32-bit VBScript in the 32-bit prefix lists it" bash -c '[[ "$1" == *"#cdrom#r32#"* ]]' _ "$(ids win32)"
  check "--uninstall the 32-bit prefix" "${INSTALL[@]}" --prefix "$P32" --uninstall
  reg_snapshot "$WORK/reg32.uninstalled"
  check "32-bit prefix: the registry is as it was" cmp -s "$WORK/reg32.fresh" "$WORK/reg32.uninstalled"
  imapi_wineserver -k >/dev/null 2>&1
elif [ -z "$BUNDLE" ]; then
  echo "32-bit prefix: not tested: $(imapi_wine32_why)"
fi

echo "install_test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
