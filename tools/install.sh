#!/usr/bin/env bash
# Installs imapi2.dll and imapi2fs.dll into an existing Wine prefix (yours, a Bottles or
# Lutris bottle, a 32-bit prefix), or takes them out again, and manages emulated
# recorders there.
#
#   tools/install.sh [--prefix DIR]                       install (or update)
#   tools/install.sh [--prefix DIR] --uninstall           remove what it installed and registered
#                                                         (recorder folders with their discs are kept)
#   tools/install.sh [--prefix DIR] --add-recorder NAME MEDIA [--product TEXT]
#   tools/install.sh [--prefix DIR] --remove-recorder NAME
#   tools/install.sh [--prefix DIR] --list-recorders
#   tools/install.sh --media                              the MEDIA names
#
# The prefix is --prefix, else $WINEPREFIX, else ~/.wine; it must exist (run a Wine
# program once to create one). In a 64-bit prefix the x86_64 DLLs go into system32 and,
# where 32-bit Wine (/usr/lib/wine/wine) exists, the i686 DLLs into syswow64; in a 32-bit
# prefix the i686 DLLs go into system32. Each bitness is registered with its own
# regsvr32, and the prefix's DLL overrides for imapi2 and imapi2fs become native,builtin.
# Running it twice changes nothing. Works from the source tree (after a build:
# build/win64, build/win32, build/native-plain) and from the release bundle (the
# x86_64-windows/, i386-windows/ and bin/ folders beside tools/).
#
# Emulated recorders live in <prefix>/imapi2-recorders/NAME and are registered under
# HKLM\Software\Wine\IMAPI2\EmulatedRecorders\NAME, which 32- and 64-bit programs
# both read.
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

PREFIX="${WINEPREFIX:-$HOME/.wine}"
ACTION=install
REC_NAME="" REC_MEDIA="" REC_PRODUCT=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --prefix) [ "$#" -ge 2 ] || usage; PREFIX="$2"; shift 2 ;;
    --prefix=*) PREFIX="${1#--prefix=}"; shift ;;
    --uninstall) ACTION=uninstall; shift ;;
    --add-recorder) [ "$#" -ge 3 ] || usage; ACTION=add-recorder; REC_NAME="$2"; REC_MEDIA="$3"; shift 3 ;;
    --product) [ "$#" -ge 2 ] || usage; REC_PRODUCT="$2"; shift 2 ;;
    --remove-recorder) [ "$#" -ge 2 ] || usage; ACTION=remove-recorder; REC_NAME="$2"; shift 2 ;;
    --list-recorders) ACTION=list-recorders; shift ;;
    --media) ACTION=media; shift ;;
    -h|--help) usage ;;
    *) printf 'install.sh: unknown argument %s\n' "$1" >&2; usage ;;
  esac
done

# ---- where the pieces are: the release bundle, else the source tree's builds ----
dll_dir() {   # dll_dir <win64|win32>: the folder holding imapi2.dll and imapi2fs.dll
  local bundle src
  if [ "$1" = win64 ]; then bundle="$IMAPI_ROOT/x86_64-windows"; src="$IMAPI_ROOT/build/win64"; else bundle="$IMAPI_ROOT/i386-windows"; src="$IMAPI_ROOT/build/win32"; fi
  if [ -f "$bundle/imapi2.dll" ] && [ -f "$bundle/imapi2fs.dll" ]; then printf '%s' "$bundle"; return 0; fi
  if [ -f "$src/dlls/imapi2/imapi2.dll" ] && [ -f "$src/dlls/imapi2fs/imapi2fs.dll" ]; then
    mkdir -p "$src/dlls/.install"   # one folder with both, like the bundle's
    cp -f "$src/dlls/imapi2/imapi2.dll" "$src/dlls/imapi2fs/imapi2fs.dll" "$src/dlls/.install/"
    printf '%s' "$src/dlls/.install"
    return 0
  fi
  return 1
}
vdrive_cli() {
  local c
  for c in "$IMAPI_ROOT/bin/vdrive" "$IMAPI_ROOT/build/native-plain/tools/vdrive/vdrive"; do
    if [ -x "$c" ]; then printf '%s' "$c"; return 0; fi
  done
  return 1
}

if [ "$ACTION" = media ]; then
  cli="$(vdrive_cli)" || die "no vdrive tool (bin/vdrive in the bundle, or build/native-plain in the source tree)"
  "$cli" media | sed -n '/^media:/,$p'
  exit 0
fi

# ---- the prefix ----
[ -e "$PREFIX" ] || die "no Wine prefix at $PREFIX (it does not exist; run a Wine program once with WINEPREFIX=$PREFIX to create it)"
[ -d "$PREFIX" ] || die "$PREFIX is not a folder, so not a Wine prefix"
PREFIX="$(cd "$PREFIX" && pwd)"
[ -f "$PREFIX/system.reg" ] && [ -d "$PREFIX/drive_c/windows" ] ||
  die "$PREFIX is not a Wine prefix (no system.reg and drive_c/windows in it); nothing was changed"
PREFIX_ARCH="$(sed -n 's/^#arch=//p' "$PREFIX/system.reg" | head -n 1)"
case "$PREFIX_ARCH" in
  win64|win32) ;;
  *) die "$PREFIX: cannot tell whether the prefix is 64- or 32-bit (no #arch line in system.reg)" ;;
esac
export WINEPREFIX="$PREFIX"
export WINEDEBUG="${IMAPI_INSTALL_WINEDEBUG:--all}"
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset WINEARCH DISPLAY WAYLAND_DISPLAY

# The bitnesses to handle in this prefix, and where each goes.
ARCHES=()
if [ "$PREFIX_ARCH" = win64 ]; then
  imapi_wine_loader win64 >/dev/null || die "$PREFIX is a 64-bit prefix, but this machine has no 64-bit Wine (wine64)"
  ARCHES=(win64)
  imapi_wine32_usable && ARCHES+=(win32)
else
  imapi_wine32_usable || die "$PREFIX is a 32-bit prefix, but this machine has no 32-bit Wine (/usr/lib/wine/wine: install wine32:i386)"
  ARCHES=(win32)
fi
sysdir() {   # sysdir <arch>: where that bitness's DLLs go in this prefix
  if [ "$PREFIX_ARCH" = win32 ] || [ "$1" = win64 ]; then printf '%s' "$PREFIX/drive_c/windows/system32"
  else printf '%s' "$PREFIX/drive_c/windows/syswow64"; fi
}
# The loader that edits the registry's native view (HKLM\Software, not Wow6432Node).
NATIVE_ARCH="${ARCHES[0]}"

DONE=()
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
# wine_quiet <arch> <program> [args...]: output to the log, a failure shows it.
wine_quiet() {
  local arch="$1"
  shift
  if ! imapi_wine "$arch" "$@" >>"$LOG" 2>&1 </dev/null; then
    cat "$LOG" >&2
    return 1
  fi
}
reg_native() { wine_quiet "$NATIVE_ARCH" reg.exe "$@"; }
REC_KEY='HKLM\Software\Wine\IMAPI2\EmulatedRecorders'

install_dlls() {
  local arch dir dst dll changed
  for arch in "${ARCHES[@]}"; do
    dir="$(dll_dir "$arch")" || die "no $arch DLLs to install (build/$arch in the source tree, or $( [ "$arch" = win64 ] && echo x86_64 || echo i386)-windows/ in the bundle)"
    dst="$(sysdir "$arch")"
    changed=0
    for dll in imapi2 imapi2fs; do
      if ! cmp -s "$dir/$dll.dll" "$dst/$dll.dll"; then
        cp -f "$dir/$dll.dll" "$dst/$dll.dll"
        changed=1
      fi
    done
    for dll in imapi2 imapi2fs; do
      wine_quiet "$arch" regsvr32.exe /s "$dll.dll" || die "regsvr32 $dll.dll ($arch) failed; see above"
    done
    if [ "$changed" -eq 1 ]; then
      DONE+=("$arch: copied imapi2.dll and imapi2fs.dll into $dst and registered them")
    else
      DONE+=("$arch: imapi2.dll and imapi2fs.dll in $dst were up to date; registration checked")
    fi
  done
  if [ "$PREFIX_ARCH" = win64 ] && ! imapi_wine32_usable; then
    DONE+=("win32: not installed: $(imapi_wine32_why); 32-bit programs in this prefix will not find IMAPI2")
  fi
  for dll in imapi2 imapi2fs; do
    reg_native add 'HKCU\Software\Wine\DllOverrides' /v "$dll" /d native,builtin /f || die "could not set the DLL override for $dll"
  done
  DONE+=("set the DLL overrides imapi2 and imapi2fs to native,builtin")
}

uninstall_dlls() {
  local arch dst dll
  for arch in "${ARCHES[@]}"; do
    dst="$(sysdir "$arch")"
    for dll in imapi2 imapi2fs; do
      if [ -f "$dst/$dll.dll" ]; then
        wine_quiet "$arch" regsvr32.exe /s /u "$dll.dll" || printf 'warning: regsvr32 /u %s.dll (%s) failed\n' "$dll" "$arch" >&2
        rm -f "$dst/$dll.dll"
        DONE+=("$arch: unregistered and removed $dst/$dll.dll")
      fi
    done
  done
  for dll in imapi2 imapi2fs; do
    imapi_wine "$NATIVE_ARCH" reg.exe delete 'HKCU\Software\Wine\DllOverrides' /v "$dll" /f >/dev/null 2>&1 </dev/null || true
  done
  DONE+=("removed the DLL overrides imapi2 and imapi2fs")
  remove_project_keys
}

# Our own keys, in both registry views (a 32-bit reg.exe writes Wow6432Node).
remove_project_keys() {
  local arch
  for arch in "${ARCHES[@]}"; do
    imapi_wine "$arch" reg.exe delete 'HKLM\Software\Wine\IMAPI2' /f >/dev/null 2>&1 </dev/null || true
  done
  DONE+=("removed HKLM\\Software\\Wine\\IMAPI2 (the emulated recorders' registration)")
  # The recorders' folders hold the user's burned discs (disc.img): never deleted unasked.
  if [ -d "$PREFIX/imapi2-recorders" ]; then
    DONE+=("kept the emulated recorders' folders and their discs in $PREFIX/imapi2-recorders (delete them yourself if you no longer want them)")
  fi
}

valid_name() { [[ "$1" =~ ^[A-Za-z0-9._-]{1,48}$ ]]; }

add_recorder() {
  local cli dir
  valid_name "$REC_NAME" || die "recorder name '$REC_NAME': use 1 to 48 letters, digits, '.', '-' or '_'"
  cli="$(vdrive_cli)" || die "no vdrive tool (bin/vdrive in the bundle, or build/native-plain in the source tree)"
  "$cli" media | awk '/^media:/ { m = 1; next } m { print $1 }' | grep -qx -- "$REC_MEDIA" ||
    die "unknown media '$REC_MEDIA'; the names are: $("$cli" media | awk '/^media:/ { m = 1; next } m { printf "%s ", $1 }')"
  dir="$PREFIX/imapi2-recorders/$REC_NAME"
  if [ -e "$dir" ] || imapi_wine "$NATIVE_ARCH" reg.exe query "$REC_KEY\\$REC_NAME" >/dev/null 2>&1 </dev/null; then
    die "a recorder named '$REC_NAME' exists already in this prefix (--remove-recorder $REC_NAME first)"
  fi
  mkdir -p "$PREFIX/imapi2-recorders"
  if ! "$cli" create "$dir" --product "${REC_PRODUCT:-$REC_NAME}" >>"$LOG" 2>&1 ||
     ! "$cli" insert "$dir" "$REC_MEDIA" >>"$LOG" 2>&1; then
    cat "$LOG" >&2
    rm -rf "$dir"
    die "could not create the recorder $dir"
  fi
  if ! reg_native add "$REC_KEY\\$REC_NAME" /v Path /d "$dir" /f; then
    rm -rf "$dir"
    die "could not register the recorder in the prefix's registry"
  fi
  DONE+=("created the emulated recorder $dir with a blank $REC_MEDIA")
  DONE+=("registered it as $REC_KEY\\$REC_NAME (32- and 64-bit programs both list it)")
}

remove_recorder() {
  local arch found=0
  valid_name "$REC_NAME" || die "recorder name '$REC_NAME': use 1 to 48 letters, digits, '.', '-' or '_'"
  for arch in "${ARCHES[@]}"; do
    if imapi_wine "$arch" reg.exe query "$REC_KEY\\$REC_NAME" >/dev/null 2>&1 </dev/null; then
      imapi_wine "$arch" reg.exe delete "$REC_KEY\\$REC_NAME" /f >/dev/null 2>&1 </dev/null && found=1
    fi
  done
  if [ -d "$PREFIX/imapi2-recorders/$REC_NAME" ]; then rm -rf "$PREFIX/imapi2-recorders/$REC_NAME"; found=1; fi
  [ "$found" -eq 1 ] || die "no recorder named '$REC_NAME' in this prefix"
  DONE+=("removed the emulated recorder $REC_NAME (registry key and $PREFIX/imapi2-recorders/$REC_NAME)")
}

list_recorders() {   # the names registered in either view, with their folders
  local arch name
  for arch in "${ARCHES[@]}"; do
    imapi_wine "$arch" reg.exe query "$REC_KEY" 2>/dev/null </dev/null | tr -d '\r' |
      sed -n 's/^HKEY_LOCAL_MACHINE.*EmulatedRecorders\\\(.*\)$/\1/p'
  done | awk '!seen[$0]++' | while IFS= read -r name; do
    if [ -d "$PREFIX/imapi2-recorders/$name" ]; then
      printf '%s\t%s\n' "$name" "$PREFIX/imapi2-recorders/$name"
    else
      printf '%s\t(registered elsewhere)\n' "$name"
    fi
  done
}

case "$ACTION" in
  install) install_dlls ;;
  uninstall) uninstall_dlls ;;
  add-recorder) add_recorder ;;
  remove-recorder) remove_recorder ;;
  list-recorders) list_recorders; exit 0 ;;
esac


echo "install.sh ($ACTION) in $PREFIX ($PREFIX_ARCH prefix):"
for d in "${DONE[@]}"; do
  echo "  - $d"
done
