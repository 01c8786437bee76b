#!/usr/bin/env bash
# Build the file/lock seam test with mingw-w64 against core_file_win32.c and run it under
# 64-bit Wine: the Win32 implementation gets exercised on every native ctest run where the
# tools exist (exit 77 = skipped otherwise). Usage: run_wine_test.sh SOURCE_DIR BUILD_TMP
src=$1; tmp=$2
# shellcheck source=tools/lib/common.sh
source "$src/tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$src/tools/lib/wine.sh"
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || { echo "no mingw-w64"; exit 77; }
loader="$(imapi_wine_loader win64)" || { echo "no 64-bit wine"; exit 77; }
mkdir -p "$tmp/wine" || exit 1
# A prefix of its own: never the user's ~/.wine, and no Mono/Gecko installers.
export WINEPREFIX="$tmp/wine/prefix" WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
x86_64-w64-mingw32-gcc -std=c99 -Wall -Wextra -Wno-unused-parameter -I"$src/core" -I"$src/include" -I"$src/tests" \
    "$src/tests/vdrive/test_core_file.c" "$src/core/io/core_file_win32.c" -o "$tmp/wine/test_core_file.exe" || exit 1
# Wine sees the Unix tree as drive Z:; plain Unix paths reach it through \\?\unix
IMAPI_TEST_TMP="Z:$(echo "$tmp/wine" | sed 's|/|\\|g')" WINEDEBUG=-all timeout 120 env WINELOADER="$loader" "$loader" "$tmp/wine/test_core_file.exe" || exit 1
IMAPI_TEST_TMP="$tmp/wine" WINEDEBUG=-all timeout 120 env WINELOADER="$loader" "$loader" "$tmp/wine/test_core_file.exe"
rc=$?
imapi_wineserver -k 2>/dev/null
exit $rc
