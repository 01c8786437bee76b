# shellcheck shell=bash
# Wine prefix helpers shared by winetest/run-wine.sh and tools/demo.sh.
# Source tools/lib/common.sh first.

# imapi_wine_env <prefix>: the environment every Wine call of ours runs in.
# The prefix is always 64-bit (WoW64): 32-bit code runs in it from syswow64,
# as on a normal 64-bit Windows or Wine install.
imapi_wine_env() {
  export WINEPREFIX="$1"
  export WINEARCH=win64
  # No Mono/Gecko install prompts, no desktop menu entries; prefer our
  # (native) DLLs should Wine ever ship builtin ones of the same name.
  export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;imapi2,imapi2fs=n,b${WINEDLLOVERRIDES:+;$WINEDLLOVERRIDES}"
  export WINEDEBUG="${WINEDEBUG:--all}"
}

# imapi_wine_prefix_init: create the prefix (wineboot -i) unless it exists,
# and wait until Wine has finished writing it.
imapi_wine_prefix_init() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    mkdir -p "$WINEPREFIX"
    imapi_log "creating Wine prefix $WINEPREFIX"
    wineboot -i >"$WINEPREFIX/wineboot.log" 2>&1 || {
      cat "$WINEPREFIX/wineboot.log" >&2
      return 1
    }
    wineserver -w
  fi
}

# imapi_wine_sysdir <win64|win32>: the prefix's directory for that code.
imapi_wine_sysdir() {
  case "$1" in
    win64) printf '%s' "$WINEPREFIX/drive_c/windows/system32" ;;
    win32) printf '%s' "$WINEPREFIX/drive_c/windows/syswow64" ;;
    *) imapi_die "unknown arch $1" ;;
  esac
}

# imapi_wine_tool <win64|win32> <name.exe>: a Windows path to run a built-in
# tool of that bitness (regsvr32, cscript) with.
imapi_wine_tool() {
  case "$1" in
    win64) printf 'C:\\windows\\system32\\%s' "$2" ;;
    win32) printf 'C:\\windows\\syswow64\\%s' "$2" ;;
  esac
}

IMAPI_DLLS=(imapi2 imapi2fs)

# imapi_wine_built_dlls <build-dir>: prints the missing DLLs, returns 1 if any.
imapi_wine_built_dlls() {
  local dll missing=0
  for dll in "${IMAPI_DLLS[@]}"; do
    if [ ! -f "$1/dlls/$dll/$dll.dll" ]; then
      printf '%s\n' "$1/dlls/$dll/$dll.dll"
      missing=1
    fi
  done
  return "$missing"
}

# imapi_wine_install_dlls <build-dir> <arch>: copy both DLLs into the prefix.
imapi_wine_install_dlls() {
  local dll dir
  dir="$(imapi_wine_sysdir "$2")"
  for dll in "${IMAPI_DLLS[@]}"; do
    cp -f "$1/dlls/$dll/$dll.dll" "$dir/$dll.dll"
  done
}

# imapi_wine_register <arch>: regsvr32 /s each DLL; returns nonzero on the
# first one that fails, after saying which.
imapi_wine_register() {
  local dll rc
  for dll in "${IMAPI_DLLS[@]}"; do
    rc=0
    wine "$(imapi_wine_tool "$1" regsvr32.exe)" /s "$dll.dll" || rc=$?
    if [ "$rc" -ne 0 ]; then
      printf 'regsvr32 %s.dll failed (exit code %s)\n' "$dll" "$rc" >&2
      return 1
    fi
  done
}
