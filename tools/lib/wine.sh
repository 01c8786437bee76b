# shellcheck shell=bash
# Wine helpers shared by every script that starts Windows programs: tools/test.sh,
# winetest/run-wine.sh, tools/demo.sh, bench/run.sh, tests/wine/*.sh.
# Source tools/lib/common.sh first.
#
# Which loader starts what (measured on Debian 12, Wine 8): Debian's /usr/bin/wine
# starts the 32-bit loader whenever /usr/lib/wine/wine exists (wine32:i386), and a
# 32-bit process sees syswow64 where it asks for system32. So `wine regsvr32.exe`
# would register the 32-bit DLLs only, and a 64-bit DLL in system32 would not load
# at all. Every Windows program of ours is therefore started through imapi_wine
# with the loader of its own bitness; nothing calls plain `wine`.

# imapi_wine_loader <win64|win32>: prints the loader for programs of that bitness;
# returns 1 (printing nothing) when this machine has none.
imapi_wine_loader() {
  local c
  case "$1" in
    win64)
      for c in /usr/lib/wine/wine64 "$(command -v wine64 2>/dev/null || true)"; do
        if [ -n "$c" ] && [ -x "$c" ]; then printf '%s' "$c"; return 0; fi
      done
      return 1 ;;
    win32)
      imapi_wine32_usable || return 1
      printf '%s' /usr/lib/wine/wine ;;
    *) imapi_die "unknown arch $1" ;;
  esac
}

# imapi_wine_arches: the bitnesses this machine can run, "win64" or "win64 win32".
imapi_wine_arches() {
  if imapi_wine32_usable; then printf 'win64 win32'; else printf 'win64'; fi
}

# imapi_wine <win64|win32> <program> [args...]: runs a Windows program (an .exe path,
# or a builtin such as regsvr32, cscript, reg, regedit, wineboot) with the loader of
# that bitness. WINELOADER names the same loader, so that processes Wine starts
# from it (and the other bitness, which Wine finds beside it) are consistent.
imapi_wine() {
  local arch="$1" loader
  shift
  if ! loader="$(imapi_wine_loader "$arch")"; then
    printf 'error: no %s Wine loader on this machine\n' "$arch" >&2
    return 127
  fi
  WINELOADER="$loader" "$loader" "$@"
}

# imapi_wineserver [args...]: the wineserver of the installed Wine (one serves both
# bitnesses of a prefix).
imapi_wineserver() {
  local c
  for c in /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver "$(command -v wineserver 2>/dev/null || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then "$c" "$@"; return; fi
  done
  printf 'error: no wineserver on this machine\n' >&2
  return 127
}

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
    imapi_wine win64 wineboot.exe -i >"$WINEPREFIX/wineboot.log" 2>&1 </dev/null || {
      cat "$WINEPREFIX/wineboot.log" >&2
      return 1
    }
    imapi_wineserver -w
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

# imapi_wine_register <arch>: regsvr32 /s each DLL with the loader of that
# bitness (a 32-bit regsvr32 registers into the 32-bit registry view, with the
# syswow64 paths); returns nonzero on the first one that fails, after saying which.
imapi_wine_register() {
  local dll rc
  for dll in "${IMAPI_DLLS[@]}"; do
    rc=0
    imapi_wine "$1" regsvr32.exe /s "$dll.dll" || rc=$?
    if [ "$rc" -ne 0 ]; then
      printf 'regsvr32 %s.dll failed (exit code %s)\n' "$dll" "$rc" >&2
      return 1
    fi
  done
}

# imapi_wine_install_both <build64> <build32> [log]: puts the DLLs of every bitness this
# machine runs into the prefix and registers them, 64-bit into system32, 32-bit into
# syswow64 (a <build32> without DLLs is an error where 32-bit Wine exists). Prints one
# line per bitness; returns nonzero when any step failed. Output of regsvr32 goes to
# [log] (a file, never a pipe: Wine's services inherit it and keep it open).
imapi_wine_install_both() {
  local b64="$1" b32="$2" log="${3:-/dev/null}" arch build rc=0
  for arch in $(imapi_wine_arches); do
    if [ "$arch" = win64 ]; then build="$b64"; else build="$b32"; fi
    if ! imapi_wine_built_dlls "$build" >/dev/null; then
      printf '%s: the DLLs are not built in %s\n' "$arch" "$build"
      rc=1
      continue
    fi
    imapi_wine_install_dlls "$build" "$arch"
    if imapi_wine_register "$arch" >>"$log" 2>&1 </dev/null; then
      printf '%s: installed into %s and registered\n' "$arch" "$(imapi_wine_sysdir "$arch")"
    else
      printf '%s: regsvr32 FAILED (see %s)\n' "$arch" "$log"
      rc=1
    fi
  done
  imapi_wine32_usable || printf 'win32: not installed: %s\n' "$(imapi_wine32_why)"
  return "$rc"
}

# imapi_wine_overrides: makes the prefix itself prefer our DLLs (native,builtin),
# not only the environment of our scripts.
imapi_wine_overrides() {
  local dll
  for dll in "${IMAPI_DLLS[@]}"; do
    imapi_wine win64 reg.exe add 'HKCU\Software\Wine\DllOverrides' /v "$dll" /d native,builtin /f >/dev/null 2>&1 </dev/null || return 1
  done
}
