#!/usr/bin/env bash
# Builds the release bundle build/native-plain/bundle/imapi2-wine-<version>.tar.gz:
# both bitnesses of imapi2.dll and imapi2fs.dll with fsiso.exe and imapi2-burn.exe,
# the native vdrive tool and SG_IO preload libraries, tools/install.sh and the README
# (layout in cmake/bundle.cmake). Builds the trees it needs that are not built yet
# (build/win64, build/native-plain; build/win32 and build/native-plain32 where
# 32-bit Wine or gcc -m32 allow). Prints the tarball's path last.
#
# Unpack it anywhere and run ./install.sh [--prefix DIR]: no mingw-w64, no source tree.
set -euo pipefail
# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$IMAPI_ROOT"
JOBS="${IMAPI_JOBS:-2}"
mkdir -p build/logs
LOG=build/logs/bundle.log
: >"$LOG"

tree() {   # tree <dir> [cmake args...]: configure (if new) and build one tree ($TARGET only, when set)
  local dir="$1"
  shift
  { [ -f "$dir/CMakeCache.txt" ] || cmake -S . -B "$dir" "$@"; } >>"$LOG" 2>&1 &&
    cmake --build "$dir" -j "$JOBS" ${TARGET:+--target "$TARGET"} >>"$LOG" 2>&1 ||
    { tail -n 30 "$LOG"; imapi_die "building $dir failed (log: $LOG)"; }
}
TREES=("$IMAPI_ROOT/build/win64")
tree build/win64 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake
if command -v i686-w64-mingw32-gcc >/dev/null 2>&1; then
  tree build/win32 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-i686.cmake
  TREES+=("$IMAPI_ROOT/build/win32")
fi
if echo 'int main(void){return 0;}' | gcc -m32 -x c - -o /dev/null 2>/dev/null; then
  CFLAGS=-m32 TARGET=imapi_sgio_preload tree build/native-plain32 -DIMAPI_SANITIZE=OFF
  TREES+=("$IMAPI_ROOT/build/native-plain32")
fi
tree build/native-plain -DIMAPI_SANITIZE=OFF
cmake -S . -B build/native-plain "-DIMAPI_BUNDLE_TREES=$(IFS=';'; echo "${TREES[*]}")" >>"$LOG" 2>&1
(cd build/native-plain && cpack) >>"$LOG" 2>&1 || { tail -n 30 "$LOG"; imapi_die "cpack failed (log: $LOG)"; }
ls "$IMAPI_ROOT"/build/native-plain/bundle/imapi2-wine-*.tar.gz | tail -n 1
