#!/usr/bin/env bash
# The main job: build imapi2.dll and imapi2fs.dll (64-bit), install them into
# a private Wine prefix, register them, and run tools/demo/demo.vbs there.
# Where 32-bit Wine is installed, the 32-bit DLLs are built and registered in
# the same prefix too (syswow64), for 32-bit burning programs.
#
#   tools/demo.sh [arguments for demo.vbs...]
#
# Environment: IMAPI2_PREFIX (default $HOME/.imapi2-wine) is the prefix; it
# is created on first use and kept, so Windows programs can be run in it
# afterwards. IMAPI_SKIP_DEPS=1 skips installing packages. IMAPI_JOBS (2).
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"
cd "$IMAPI_ROOT"

PREFIX="${IMAPI2_PREFIX:-$HOME/.imapi2-wine}"
BUILD="$IMAPI_ROOT/build/win64"
JOBS="${IMAPI_JOBS:-2}"
DONE=()   # what was done, printed at the end

if [ "${IMAPI_SKIP_DEPS:-0}" != 1 ]; then
  bash tools/install-deps.sh
  DONE+=("checked/installed the build and Wine packages (tools/install-deps.sh)")
fi

imapi_log "building the 64-bit DLLs in $BUILD"
mkdir -p build/logs
if ! { cmake -S . -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake &&
       cmake --build "$BUILD" -j "$JOBS"; } >build/logs/demo.build.log 2>&1; then
  tail -n 40 build/logs/demo.build.log
  imapi_die "the build failed (full log: build/logs/demo.build.log)"
fi
if ! missing="$(imapi_wine_built_dlls "$BUILD")"; then
  printf '%s\n' "$missing" | sed 's/^/not built: /'
  imapi_die "the build produced no imapi2.dll/imapi2fs.dll yet (dlls/ is still a placeholder)"
fi
DONE+=("built $BUILD/dlls/imapi2/imapi2.dll and $BUILD/dlls/imapi2fs/imapi2fs.dll")

imapi_wine_env "$PREFIX"
if [ -f "$PREFIX/system.reg" ]; then
  DONE+=("used the existing Wine prefix $PREFIX")
else
  imapi_wine_prefix_init || imapi_die "could not create the Wine prefix $PREFIX"
  DONE+=("created the Wine prefix $PREFIX (64-bit)")
fi

imapi_wine_install_dlls "$BUILD" win64
DONE+=("installed both DLLs into $(imapi_wine_sysdir win64)")
# Make the prefix itself prefer our DLLs, not only this script's environment.
wine reg add 'HKCU\Software\Wine\DllOverrides' /v imapi2 /d native,builtin /f >/dev/null 2>&1 || true
wine reg add 'HKCU\Software\Wine\DllOverrides' /v imapi2fs /d native,builtin /f >/dev/null 2>&1 || true
imapi_wine_register win64 || imapi_die "regsvr32 failed: the DLLs are not registered"
DONE+=("registered them with regsvr32 (IMAPI2.* and IMAPI2FS.* ProgIDs)")

# 32-bit programs need the 32-bit DLLs beside the 64-bit ones.
if imapi_wine32_usable; then
  BUILD32="$IMAPI_ROOT/build/win32"
  imapi_log "building the 32-bit DLLs in $BUILD32"
  if { cmake -S . -B "$BUILD32" -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-i686.cmake &&
       cmake --build "$BUILD32" -j "$JOBS"; } >build/logs/demo.build32.log 2>&1 &&
     imapi_wine_built_dlls "$BUILD32" >/dev/null; then
    imapi_wine_install_dlls "$BUILD32" win32
    if imapi_wine_register win32; then
      DONE+=("built, installed into $(imapi_wine_sysdir win32) and registered the 32-bit DLLs")
    else
      DONE+=("32-bit DLLs: regsvr32 FAILED; 32-bit programs will not find IMAPI2")
    fi
  else
    DONE+=("32-bit DLLs: build FAILED (build/logs/demo.build32.log); 32-bit programs will not find IMAPI2")
  fi
else
  DONE+=("32-bit DLLs: not set up: no 32-bit Wine on this machine (wine32:i386 not installed)")
fi

imapi_log "running tools/demo/demo.vbs with cscript"
rc=0
wine cscript //nologo "$(imapi_winpath tools/demo/demo.vbs)" "$@" </dev/null || rc=$?

echo
echo "What tools/demo.sh did:"
for d in "${DONE[@]}"; do
  echo "  - $d"
done
if [ "$rc" -eq 0 ]; then
  echo "  - ran tools/demo/demo.vbs under Wine's cscript: it worked"
else
  echo "  - ran tools/demo/demo.vbs under Wine's cscript: it FAILED (exit code $rc)"
fi
echo "Use the prefix for your own programs with:  WINEPREFIX=\"$PREFIX\" wine your-program.exe"
exit "$rc"
