#!/usr/bin/env bash
# The project's one test command (CI runs exactly this):
#   1. install what is missing (tools/install-deps.sh);
#   2. build/native: the portable core with ASan+UBSan, its unit tests (ctest);
#   3. build/native-plain: the vdrive CLI and the SG_IO preload library without
#      sanitizers (an ASan library cannot be preloaded into Wine);
#      build/win64 and build/win32: the DLLs and conformance tests of both
#      bitnesses; the 64-bit suite runs under 64-bit Wine (winetest/run-wine.sh,
#      in a prefix that also holds the 32-bit DLLs), then the drive tests once
#      more through SCSI pass-through (run-wine.sh --passthrough: recorders
#      behind CD-ROM drive letters, answered by the preload library);
#   4. the same under 32-bit Wine where it is installed (the summary says when
#      it is not: then only 64-bit was tested);
#   5. the README's first command, tools/demo.sh, in a throwaway prefix
#      (tests/wine/demo_test.sh), and imapi2-burn.exe (tests/wine/burn_tool_test.sh);
#   6. tools/install.sh into fresh prefixes, and the release bundle round trip
#      (tests/wine/install_test.sh).
# Every step runs even when an earlier one failed, so one run shows all that
# is wrong. The last line is "N passed, M failed", counting test programs and
# scripts (ctest tests + winetest programs); any failure, including a failed
# build, makes the exit code nonzero.
#
# Environment: IMAPI_SKIP_DEPS=1 skips step 1 (quicker local runs);
# IMAPI_JOBS (default 2) parallel build and ctest jobs; IMAPI_NO_WINE32=1 runs
# as if 32-bit Wine were absent.
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$IMAPI_ROOT"

JOBS="${IMAPI_JOBS:-2}"
LOGS="$IMAPI_ROOT/build/logs"
mkdir -p "$LOGS"

PASSED=0
FAILED=0
SKIPPED=0
NOTES=()   # one line per step, repeated at the end

note() { NOTES+=("$*"); printf '%s\n' "$*"; }
step_start() { STEP_T0="$(imapi_now)"; imapi_log "$*"; }
step_secs() { echo "$(( $(imapi_now) - STEP_T0 ))s"; }

# build <dir> <cmake args...>: configure and build (only $BUILD_TARGET when set);
# output in build/logs.
build() {
  local dir="$1" log
  shift
  log="$LOGS/$(basename "$dir").build.log"
  if cmake -S . -B "$dir" "$@" >"$log" 2>&1 && cmake --build "$dir" -j "$JOBS" ${BUILD_TARGET:+--target "$BUILD_TARGET"} >>"$log" 2>&1; then
    return 0
  fi
  tail -n 60 "$log"
  echo "(full build log: $log)"
  return 1
}

# add_counts <log> <line-regex>: adds "N passed, M failed[, K skipped]" from
# the runner's own last summary line; returns 1 when there is none.
add_counts() {
  local line
  line="$(grep -E "$2" "$1" | tail -n 1)" || return 1
  [[ "$line" =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed(,\ ([0-9]+)\ skipped)? ]] || return 1
  PASSED=$((PASSED + BASH_REMATCH[1]))
  FAILED=$((FAILED + BASH_REMATCH[2]))
  SKIPPED=$((SKIPPED + ${BASH_REMATCH[4]:-0}))
}

T0="$(imapi_now)"

# 1. Dependencies.
if [ "${IMAPI_SKIP_DEPS:-0}" = 1 ]; then
  note "deps: skipped (IMAPI_SKIP_DEPS=1)"
else
  step_start "install-deps"
  if bash tools/install-deps.sh; then
    note "deps: ok ($(step_secs))"
  else
    FAILED=$((FAILED + 1))
    note "deps: FAILED (tools/install-deps.sh)"
  fi
fi

# The ABI reference the conformance tests compare with (shared/ beside the checkout).
if [ ! -f "$IMAPI_ROOT/../shared/reference/imapi2_abi.tsv" ]; then
  FAILED=$((FAILED + 1))
  note "abi: FAILED: the ABI reference ../shared/reference/imapi2_abi.tsv is missing"
fi

# 2. Native core and unit tests.
step_start "native: build with sanitizers (build/native)"
if build build/native -DIMAPI_SANITIZE=ON; then
  log="$LOGS/native.ctest.log"
  rc=0
  ctest --test-dir build/native -j "$JOBS" --output-on-failure --timeout 600 2>&1 | tee "$log" || rc=$?
  # ctest's own summary: "100% tests passed, 0 tests failed out of 7"
  if line="$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)"; then
    [[ "$line" =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]
    n_fail="${BASH_REMATCH[1]}"
    n_total="${BASH_REMATCH[2]}"
    PASSED=$((PASSED + n_total - n_fail))
    FAILED=$((FAILED + n_fail))
    if [ "$rc" -ne 0 ] && [ "$n_fail" -eq 0 ]; then
      FAILED=$((FAILED + 1))
      note "native: ctest exited $rc although no test failed ($(step_secs))"
    else
      note "native: $((n_total - n_fail)) passed, $n_fail failed ($(step_secs))"
    fi
  else
    FAILED=$((FAILED + 1))
    note "native: FAILED: ctest ran no test or printed no summary (exit code $rc)"
  fi
else
  FAILED=$((FAILED + 1))
  note "native: build FAILED"
fi

# 3a. Native tools the Wine runs need: the vdrive CLI (recorder setup) and the SG_IO
# preload library, built without sanitizers so that Wine can preload it.
step_start "native-plain: vdrive CLI and SG_IO preload library (build/native-plain)"
NATIVE_PLAIN_OK=0
if build build/native-plain -DIMAPI_SANITIZE=OFF; then
  NATIVE_PLAIN_OK=1
  note "native-plain: built ($(step_secs))"
else
  FAILED=$((FAILED + 1))
  note "native-plain: build FAILED"
fi

# 3a'. The same preload library as a 32-bit ELF (gcc -m32, gcc-multilib), for 32-bit
# Wine processes in the 32-bit pass-through run.
NATIVE_PLAIN32_OK=0
if imapi_wine32_usable; then
  step_start "native-plain32: 32-bit SG_IO preload library (build/native-plain32)"
  if CFLAGS=-m32 BUILD_TARGET=imapi_sgio_preload build build/native-plain32 -DIMAPI_SANITIZE=OFF; then
    NATIVE_PLAIN32_OK=1
    note "native-plain32: built ($(step_secs))"
  else
    FAILED=$((FAILED + 1))
    note "native-plain32: build FAILED"
  fi
fi

# 3b. Both Windows builds first: each run's prefix holds both bitnesses, as a
# user's does, so the 32-bit DLLs must exist before the 64-bit run starts.
step_start "win64: build (build/win64)"
WIN64_OK=0
if build build/win64 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake; then
  WIN64_OK=1
  note "win64: built ($(step_secs))"
else
  FAILED=$((FAILED + 1))
  note "win64: build FAILED"
fi
step_start "win32: build (build/win32)"
WIN32_OK=0
if build build/win32 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-i686.cmake; then
  WIN32_OK=1
  note "i686: built ($(step_secs))"
else
  FAILED=$((FAILED + 1))
  note "i686: build FAILED"
fi
HAVE32=0
imapi_wine32_usable && HAVE32=1
OTHER64=()
OTHER32=()
if [ "$HAVE32" -eq 1 ] && [ "$WIN32_OK" -eq 1 ]; then OTHER64=(--other-build build/win32); fi
if [ "$WIN64_OK" -eq 1 ]; then OTHER32=(--other-build build/win64); fi

# run_winetests <label> <log name> <run-wine.sh args...>: one conformance run,
# counted from run-wine.sh's own summary line.
run_winetests() {
  local label="$1" logname="$2" rc=0
  shift 2
  local log="$LOGS/$logname.log"
  bash winetest/run-wine.sh "$@" 2>&1 | tee "$log" || rc=$?
  if add_counts "$log" '^winetest: [0-9]+ passed, [0-9]+ failed'; then
    note "$label: $(grep -E '^winetest: ' "$log" | tail -n 1) ($(step_secs))"
    # A runner that failed without counting it still fails the run.
    if [ "$rc" -ne 0 ] && ! grep -qE '^winetest: [0-9]+ passed, [1-9]' "$log"; then
      FAILED=$((FAILED + 1))
    fi
  else
    FAILED=$((FAILED + 1))
    note "$label: FAILED: run-wine.sh printed no summary (exit code $rc)"
  fi
}

if [ "$WIN64_OK" -eq 1 ]; then
  step_start "win64: conformance tests under 64-bit Wine"
  run_winetests "win64" win64.winetest build/win64 --arch win64 "${OTHER64[@]}"
  # Images the conformance tests built through COM, judged by independent readers.
  step_start "win64: images judged by xorriso, 7z, isoinfo, isovfy, pycdlib"
  log="$LOGS/win64.verify_images.log"
  rc=0
  bash tests/fscom/verify_images.sh build/win64/winetest-tmp 2>&1 | tee "$log" || rc=$?
  # One test program among the others: it passes only when every check passed.
  if grep -qE '^verify_images: [0-9]+ passed, 0 failed' "$log" && [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    note "win64: $(grep -E '^verify_images: ' "$log" | tail -n 1) ($(step_secs))"
  elif grep -qE '^verify_images: ' "$log"; then
    FAILED=$((FAILED + 1))
    note "win64: FAILED: $(grep -E '^verify_images: ' "$log" | tail -n 1)"
  else
    FAILED=$((FAILED + 1))
    note "win64: FAILED: verify_images.sh printed no summary (exit code $rc)"
  fi
  # The two-session discs of winetest/fsimage_import (import, then a second session).
  step_start "win64: imported sessions judged by xorriso, isoinfo, 7z"
  log="$LOGS/win64.verify_import.log"
  rc=0
  bash tests/fscom/verify_import.sh build/win64/winetest-tmp 2>&1 | tee "$log" || rc=$?
  if grep -qE '^verify_import: [0-9]+ passed, 0 failed' "$log" && [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    note "win64: $(grep -E '^verify_import: ' "$log" | tail -n 1) ($(step_secs))"
  elif grep -qE '^verify_import: ' "$log"; then
    FAILED=$((FAILED + 1))
    note "win64: FAILED: $(grep -E '^verify_import: ' "$log" | tail -n 1)"
  else
    FAILED=$((FAILED + 1))
    note "win64: FAILED: verify_import.sh printed no summary (exit code $rc)"
  fi
  # The rewritable discs of winetest/fsimage_import (one growing file system, ranges only).
  step_start "win64: random-write discs judged by xorriso, isoinfo, 7z, libudfread"
  log="$LOGS/win64.verify_random_write.log"
  rc=0
  bash tests/fscom/verify_random_write.sh build/win64/winetest-tmp 2>&1 | tee "$log" || rc=$?
  if grep -qE '^verify_random_write: [0-9]+ passed, 0 failed' "$log" && [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    note "win64: $(grep -E '^verify_random_write: ' "$log" | tail -n 1) ($(step_secs))"
  else
    FAILED=$((FAILED + 1))
    note "win64: FAILED: $(grep -E '^verify_random_write: ' "$log" | tail -n 1 || echo "verify_random_write.sh printed no summary (exit code $rc)")"
  fi
  # The drive tests again, through SCSI pass-through to drive letters.
  step_start "win64: drive tests through SCSI pass-through"
  if [ "$NATIVE_PLAIN_OK" -eq 1 ]; then
    run_winetests "win64 pass-through" win64.passthrough build/win64 --arch win64 --passthrough
  else
    FAILED=$((FAILED + 1))
    note "win64 pass-through: FAILED: no build/native-plain (SG_IO preload library)"
  fi
fi

# 4. The same conformance suite in 32-bit, where 32-bit Wine exists.
if [ "$WIN32_OK" -eq 1 ]; then
  if [ "$HAVE32" -eq 1 ]; then
    step_start "i686: conformance tests under 32-bit Wine"
    run_winetests "i686" win32.winetest build/win32 --arch win32 "${OTHER32[@]}"
    step_start "i686: drive tests through SCSI pass-through"
    if [ "$NATIVE_PLAIN_OK" -eq 1 ] && [ "$NATIVE_PLAIN32_OK" -eq 1 ]; then
      run_winetests "i686 pass-through" win32.passthrough build/win32 --arch win32 --passthrough
    else
      FAILED=$((FAILED + 1))
      note "i686 pass-through: FAILED: no build/native-plain or build/native-plain32 (SG_IO preload libraries)"
    fi
  else
    note "i686: conformance tests NOT run: $(imapi_wine32_why); only 64-bit was tested"
  fi
fi

# 5. The README's first command, as a user runs it, in a throwaway prefix: it burns two
# sessions, and each must compare equal to its folder; then the burning tool itself.
run_script_test() {   # run_script_test <label> <log name> <summary tag> <command...>
  local label="$1" logname="$2" tag="$3" rc=0
  shift 3
  local log="$LOGS/$logname.log"
  "$@" 2>&1 | tee "$log" || rc=$?
  if grep -qE "^$tag: [0-9]+ passed, 0 failed" "$log" && [ "$rc" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    note "$label: $(grep -E "^$tag: " "$log" | tail -n 1) ($(step_secs))"
  elif grep -qE "^$tag: " "$log"; then
    FAILED=$((FAILED + 1))
    note "$label: FAILED: $(grep -E "^$tag: " "$log" | tail -n 1)"
  else
    FAILED=$((FAILED + 1))
    note "$label: FAILED: printed no summary (exit code $rc)"
  fi
}
step_start "demo: tools/demo.sh in a throwaway prefix"
run_script_test demo demo demo_test bash tests/wine/demo_test.sh
step_start "burn tool: imapi2-burn.exe in a throwaway prefix"
run_script_test burn-tool burn_tool burn_tool_test bash tests/wine/burn_tool_test.sh
step_start "burn tool: imapi2-burn.exe -audio / -raw in a throwaway prefix"
run_script_test burn-audio burn_audio burn_audio_test bash tests/wine/burn_audio_test.sh

# 6. tools/install.sh into fresh prefixes (64-bit with spaces and non-ASCII in its path,
# 32-bit where it can run), then the release bundle: built, unpacked into an empty
# folder and installed from there (tests/wine/install_test.sh --bundle).
step_start "install: tools/install.sh into fresh prefixes"
run_script_test install install install_test bash tests/wine/install_test.sh
step_start "bundle: build, unpack, install from it"
bundle_round_trip() {
  local tarball dir="$IMAPI_ROOT/build/bundle-test"
  tarball="$(bash tools/bundle.sh | tail -n 1)" || { echo "install_test: 0 passed, 1 failed (tools/bundle.sh failed)"; return 1; }
  rm -rf "$dir" && mkdir -p "$dir" && tar -xzf "$tarball" -C "$dir" || return 1
  echo "bundle: $tarball unpacked into $dir"
  IMAPI_INSTALL_TEST_DIR="$IMAPI_ROOT/build/install-test-bundle" \
    bash tests/wine/install_test.sh --bundle "$(ls -d "$dir"/imapi2-wine-*)"
}
run_script_test bundle bundle install_test bundle_round_trip

echo
imapi_log "summary ($(( $(imapi_now) - T0 ))s)"
for n in "${NOTES[@]}"; do
  echo "  $n"
done
if [ "$SKIPPED" -gt 0 ]; then
  echo "  ($SKIPPED test programs had all their checks skipped: counted neither passed nor failed)"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
