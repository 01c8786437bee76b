#!/usr/bin/env bash
# The project's one test command (CI runs exactly this):
#   1. install what is missing (tools/install-deps.sh);
#   2. build/native: the portable core with ASan+UBSan, its unit tests (ctest);
#   3. build/native-plain: the vdrive CLI and the SG_IO preload library without
#      sanitizers (an ASan library cannot be preloaded into Wine);
#      build/win64: the DLLs and conformance tests, run under 64-bit Wine
#      (winetest/run-wine.sh), then the drive tests once more through SCSI
#      pass-through (run-wine.sh --passthrough: recorders behind CD-ROM drive
#      letters, answered by the preload library);
#   4. build/win32: built too (it must compile); its tests run only where
#      32-bit Wine is installed.
# Every step runs even when an earlier one failed, so one run shows all that
# is wrong. The last line is "N passed, M failed", counting test programs and
# scripts (ctest tests + winetest programs); any failure, including a failed
# build, makes the exit code nonzero.
#
# Environment: IMAPI_SKIP_DEPS=1 skips step 1 (quicker local runs);
# IMAPI_JOBS (default 2) parallel build and ctest jobs.
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

# build <dir> <cmake args...>: configure and build; output in build/logs.
build() {
  local dir="$1" log
  shift
  log="$LOGS/$(basename "$dir").build.log"
  if cmake -S . -B "$dir" "$@" >"$log" 2>&1 && cmake --build "$dir" -j "$JOBS" >>"$log" 2>&1; then
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

# 3b. Windows x86_64: build, then the conformance tests under Wine.
step_start "win64: build (build/win64)"
if build build/win64 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake; then
  log="$LOGS/win64.winetest.log"
  rc=0
  bash winetest/run-wine.sh build/win64 --arch win64 2>&1 | tee "$log" || rc=$?
  if add_counts "$log" '^winetest: [0-9]+ passed, [0-9]+ failed'; then
    note "win64: $(grep -E '^winetest: ' "$log" | tail -n 1) ($(step_secs))"
    # A runner that failed without counting it still fails the run.
    if [ "$rc" -ne 0 ] && ! grep -qE '^winetest: [0-9]+ passed, [1-9]' "$log"; then
      FAILED=$((FAILED + 1))
    fi
  else
    FAILED=$((FAILED + 1))
    note "win64: FAILED: run-wine.sh printed no summary (exit code $rc)"
  fi
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
  # The drive tests again, through SCSI pass-through to drive letters.
  step_start "win64: drive tests through SCSI pass-through"
  log="$LOGS/win64.passthrough.log"
  rc=0
  if [ "$NATIVE_PLAIN_OK" -eq 1 ]; then
    bash winetest/run-wine.sh build/win64 --arch win64 --passthrough 2>&1 | tee "$log" || rc=$?
  else
    echo "winetest: 0 passed, 1 failed" >"$log"
  fi
  if add_counts "$log" '^winetest: [0-9]+ passed, [0-9]+ failed'; then
    note "win64 pass-through: $(grep -E '^winetest: ' "$log" | tail -n 1) ($(step_secs))"
    if [ "$rc" -ne 0 ] && ! grep -qE '^winetest: [0-9]+ passed, [1-9]' "$log"; then
      FAILED=$((FAILED + 1))
    fi
  else
    FAILED=$((FAILED + 1))
    note "win64 pass-through: FAILED: run-wine.sh printed no summary (exit code $rc)"
  fi
else
  FAILED=$((FAILED + 1))
  note "win64: build FAILED"
fi

# 4. Windows i686: always built; run where 32-bit Wine exists.
step_start "win32: build (build/win32)"
if build build/win32 -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-i686.cmake; then
  if imapi_wine32_usable; then
    log="$LOGS/win32.winetest.log"
    rc=0
    bash winetest/run-wine.sh build/win32 --arch win32 2>&1 | tee "$log" || rc=$?
    if add_counts "$log" '^winetest: [0-9]+ passed, [0-9]+ failed'; then
      note "i686: $(grep -E '^winetest: ' "$log" | tail -n 1) ($(step_secs))"
      if [ "$rc" -ne 0 ] && ! grep -qE '^winetest: [0-9]+ passed, [1-9]' "$log"; then
        FAILED=$((FAILED + 1))
      fi
    else
      FAILED=$((FAILED + 1))
      note "i686: FAILED: run-wine.sh printed no summary (exit code $rc)"
    fi
  else
    note "i686: built, NOT run: no 32-bit Wine on this machine (wine32:i386 not installable)"
  fi
else
  FAILED=$((FAILED + 1))
  note "i686: build FAILED"
fi

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
