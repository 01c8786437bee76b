#!/usr/bin/env bash
# Runs the conformance tests of one Windows build tree under Wine.
#
#   winetest/run-wine.sh <build-dir> [--arch win64|win32] [--other-build DIR]
#                        [--selftest-only] [--passthrough] [--timeout SECONDS]
#                        [--verbose] [TEST...]
#
# Makes a fresh Wine prefix under <build-dir>/wineprefix (64-bit; 32-bit code
# runs from syswow64; the --passthrough run uses wineprefix-passthrough, and
# likewise -passthrough logs, scratch and recorder directories), keeps one
# wineserver up for the whole run, installs and registers imapi2.dll and
# imapi2fs.dll of <build-dir> (system32 for win64, syswow64 for win32) and, with
# --other-build, those of the other bitness too, as a user's prefix holds both.
# Every program starts with the loader of its own bitness (tools/lib/wine.sh).
# Then it runs every <build-dir>/winetest/
# *.exe and every winetest/*.vbs of the source tree (or only the TESTs named,
# as "selftest.vbs", or "selftest" for both selftest.exe and .vbs), each
# with a timeout. A test passes when it exits 0 and printed a Wine-style
# summary line with 0 failures and at least one check run; a test whose checks were all skipped counts as skipped,
# never as passed. The last line is "winetest: N passed, M failed" (with
# ", K skipped" when K > 0); the exit code is nonzero on any failure.
#
# The tests see these environment variables (Unix paths, and the same as
# Windows paths in the *_WIN ones; Wine maps Z: to /):
#   IMAPI_WINEPREFIX  IMAPI_TEST_ARCH (win64|win32)
#   IMAPI_SOURCE_DIR  IMAPI_SOURCE_DIR_WIN  IMAPI_BUILD_DIR  IMAPI_BUILD_DIR_WIN
#   IMAPI_TEST_TMP    IMAPI_TEST_TMP_WIN    (an empty scratch directory per run)
#   IMAPI_OTHER_BUILD_DIR(_WIN)  the --other-build tree, when its DLLs are installed
#                     too (tests start its programs to compare both bitnesses)
# Each test's full output is kept in <build-dir>/winetest-logs/<test>.log.
#
# Emulated recorders: before Wine starts, winetest/setup-recorders.sh makes the
# recorders the drive tests use (in <build-dir>/winetest-recorders, with the native
# vdrive CLI: $IMAPI_VDRIVE_CLI, else build/native-plain or build/native). Normally
# the DLL hosts them in process: IMAPI_VDRIVE_DIRS lists them and
# IMAPI_TEST_TRANSPORT=emulated. With --passthrough each recorder becomes a CD-ROM
# drive letter instead (dosdevices/<l>:: + HKLM\Software\Wine\Drives = cdrom),
# answered by the SG_IO preload library ($IMAPI_SGIO_PRELOAD, else the one of
# build/native-plain, which must be built without sanitizers; for 32-bit processes
# $IMAPI_SGIO_PRELOAD32, else build/native-plain32, built with -m32) through Wine's
# IOCTL_SCSI_PASS_THROUGH_DIRECT; IMAPI_TEST_TRANSPORT=passthrough, and without
# TEST names only the drive tests (recorder*, discmaster*, drives*, format_data, trace) run.
# The tests also see IMAPI_TEST_RECORDERS(_WIN): the recorders' parent directory.
#
# --selftest-only runs only selftest.exe and selftest.vbs and does not count
# missing DLLs as a failure (for the harness itself, before the DLLs exist).
# WINEDEBUG is -all unless set by the caller; IMAPI_WINETEST_TIMEOUT sets the
# default timeout (120 s).
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

BUILD=""
ARCH=win64
SELFTEST_ONLY=0
PASSTHROUGH=0
VERBOSE=0
TIMEOUT="${IMAPI_WINETEST_TIMEOUT:-120}"
ONLY=()
OTHER_BUILD=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --arch) ARCH="${2:-}"; shift 2 ;;
    --arch=*) ARCH="${1#--arch=}"; shift ;;
    --selftest-only) SELFTEST_ONLY=1; shift ;;
    --passthrough) PASSTHROUGH=1; shift ;;
    --other-build) OTHER_BUILD="${2:-}"; shift 2 ;;
    --other-build=*) OTHER_BUILD="${1#--other-build=}"; shift ;;
    --timeout) TIMEOUT="${2:-}"; shift 2 ;;
    --timeout=*) TIMEOUT="${1#--timeout=}"; shift ;;
    -v|--verbose) VERBOSE=1; shift ;;
    -h|--help) usage ;;
    -*) echo "run-wine.sh: unknown option $1" >&2; usage ;;
    *) if [ -z "$BUILD" ]; then BUILD="$1"; else ONLY+=("$1"); fi; shift ;;
  esac
done
[ -n "$BUILD" ] || usage
case "$ARCH" in win64|win32) ;; *) echo "run-wine.sh: --arch must be win64 or win32" >&2; exit 2 ;; esac
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || imapi_die "--timeout needs a number of seconds"
[ -d "$BUILD" ] || imapi_die "no build directory $BUILD"
BUILD="$(cd "$BUILD" && pwd)"

if ! LOADER="$(imapi_wine_loader "$ARCH")"; then
  echo "run-wine.sh: no $ARCH Wine loader here ($( [ "$ARCH" = win32 ] && imapi_wine32_why || echo 'install wine64'))"
  echo "winetest: 0 passed, 1 failed"
  exit 1
fi
if [ "$ARCH" = win64 ]; then OTHER_ARCH=win32; else OTHER_ARCH=win64; fi
# The other bitness joins only where this machine runs it and its DLLs are built.
if [ -n "$OTHER_BUILD" ]; then
  if ! imapi_wine_loader "$OTHER_ARCH" >/dev/null; then
    imapi_log "not installing the $OTHER_ARCH DLLs: $(imapi_wine32_why)"
    OTHER_BUILD=""
  elif [ ! -d "$OTHER_BUILD" ] || ! imapi_wine_built_dlls "$OTHER_BUILD" >/dev/null; then
    imapi_die "--other-build $OTHER_BUILD has no built imapi2.dll/imapi2fs.dll"
  else
    OTHER_BUILD="$(cd "$OTHER_BUILD" && pwd)"
  fi
fi

# The pass-through run keeps its own prefix, logs and recorders beside the normal ones.
RUN_SUFFIX=""
[ "$PASSTHROUGH" -eq 1 ] && RUN_SUFFIX="-passthrough"
PREFIX="$BUILD/wineprefix$RUN_SUFFIX"
LOGDIR="$BUILD/winetest-logs$RUN_SUFFIX"
TMPDIR_TESTS="$BUILD/winetest-tmp$RUN_SUFFIX"
RECORDERS="$BUILD/winetest-recorders$RUN_SUFFIX"

# Nothing from an earlier run may leak into this one.
rm -rf "$PREFIX" "$LOGDIR" "$TMPDIR_TESTS" "$RECORDERS"
mkdir -p "$LOGDIR" "$TMPDIR_TESTS"
unset LD_PRELOAD IMAPI_VDRIVE_DEVICE IMAPI_VDRIVE_DIRS IMAPI_OTHER_BUILD_DIR IMAPI_OTHER_BUILD_DIR_WIN

imapi_wine_env "$PREFIX"
unset DISPLAY WAYLAND_DISPLAY   # console programs only: never open a window
export IMAPI_WINEPREFIX="$PREFIX" IMAPI_TEST_ARCH="$ARCH"
IMAPI_SOURCE_DIR_WIN="$(imapi_winpath "$IMAPI_ROOT")"
IMAPI_BUILD_DIR_WIN="$(imapi_winpath "$BUILD")"
IMAPI_TEST_TMP_WIN="$(imapi_winpath "$TMPDIR_TESTS")"
export IMAPI_SOURCE_DIR="$IMAPI_ROOT" IMAPI_SOURCE_DIR_WIN
export IMAPI_BUILD_DIR="$BUILD" IMAPI_BUILD_DIR_WIN
export IMAPI_TEST_TMP="$TMPDIR_TESTS" IMAPI_TEST_TMP_WIN
IMAPI_TEST_RECORDERS_WIN="$(imapi_winpath "$RECORDERS")"
export IMAPI_TEST_RECORDERS="$RECORDERS" IMAPI_TEST_RECORDERS_WIN
if [ -n "$OTHER_BUILD" ]; then
  IMAPI_OTHER_BUILD_DIR_WIN="$(imapi_winpath "$OTHER_BUILD")"
  export IMAPI_OTHER_BUILD_DIR="$OTHER_BUILD" IMAPI_OTHER_BUILD_DIR_WIN
fi

PASSED=0
FAILED=0
SKIPPED=0
FAILED_NAMES=()

fail_setup() {   # a failed step that is not a test program still fails the run
  printf 'FAIL  %s\n' "$1"
  FAILED=$((FAILED + 1))
  FAILED_NAMES+=("$2")
}

server_started=0
cleanup() {
  if [ "$server_started" -eq 1 ]; then
    imapi_wineserver -k >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started="$(imapi_now)"
imapi_log "winetest ($ARCH): creating the Wine prefix $PREFIX"
if ! imapi_wine_prefix_init; then
  echo "winetest: 0 passed, 1 failed"
  imapi_die "wineboot -i failed"
fi
# The emulated recorders of the drive tests.
VDRIVE_CLI="${IMAPI_VDRIVE_CLI:-}"
if [ -z "$VDRIVE_CLI" ]; then
  for c in "$IMAPI_ROOT/build/native-plain/tools/vdrive/vdrive" "$IMAPI_ROOT/build/native/tools/vdrive/vdrive"; do
    if [ -x "$c" ]; then VDRIVE_CLI="$c"; break; fi
  done
fi
REC_DIRS=()
if [ -n "$VDRIVE_CLI" ] && mapfile -t REC_DIRS < <(bash "$IMAPI_ROOT/winetest/setup-recorders.sh" "$VDRIVE_CLI" "$RECORDERS"); then
  imapi_log "emulated recorders: ${#REC_DIRS[@]} in $RECORDERS"
else
  REC_DIRS=()
  fail_setup "no emulated recorders for the drive tests (build the native vdrive CLI: build/native-plain)" recorders
fi
if [ "$PASSTHROUGH" -eq 0 ]; then
  IMAPI_VDRIVE_DIRS="$(IFS=';'; printf '%s' "${REC_DIRS[*]}")"
  export IMAPI_VDRIVE_DIRS IMAPI_TEST_TRANSPORT=emulated
else
  # Each recorder behind a CD-ROM drive letter: dosdevices/<l>:: names the device
  # (the preload library answers for that very path), dosdevices/<l>: a mount point,
  # and the registry types the drive cdrom. The running services must see it all at
  # their start, so the server is restarted before LD_PRELOAD is set for the run.
  # One preload path serves both bitnesses: ld.so expands $LIB to lib/x86_64-linux-gnu
  # in 64-bit processes and lib/i386-linux-gnu in 32-bit ones (Debian's multiarch), and
  # a 32-bit Wine process does its own SCSI ioctls, so it needs the 32-bit library.
  PRELOAD64="${IMAPI_SGIO_PRELOAD:-$IMAPI_ROOT/build/native-plain/tools/sgio-preload/libimapi_sgio_preload.so}"
  PRELOAD32="${IMAPI_SGIO_PRELOAD32:-$IMAPI_ROOT/build/native-plain32/tools/sgio-preload/libimapi_sgio_preload.so}"
  [ -f "$PRELOAD64" ] || fail_setup "no SG_IO preload library at $PRELOAD64 (build build/native-plain without sanitizers)" preload
  mkdir -p "$RECORDERS/preload/lib/x86_64-linux-gnu" "$RECORDERS/preload/lib/i386-linux-gnu"
  ln -sf "$PRELOAD64" "$RECORDERS/preload/lib/x86_64-linux-gnu/libimapi_sgio_preload.so"
  if [ -f "$PRELOAD32" ]; then
    ln -sf "$PRELOAD32" "$RECORDERS/preload/lib/i386-linux-gnu/libimapi_sgio_preload.so"
  elif [ "$ARCH" = win32 ]; then
    fail_setup "no 32-bit SG_IO preload library at $PRELOAD32 (build build/native-plain32 with CFLAGS=-m32: gcc-multilib)" preload32
  fi
  PRELOAD="$RECORDERS/preload/\$LIB/libimapi_sgio_preload.so"
  letters=(m n o p q r s t u v w x y)
  regfile="$TMPDIR_TESTS/drives.reg"
  printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\Software\\Wine\\Drives]\n' >"$regfile"
  devspec=""
  for i in "${!REC_DIRS[@]}"; do
    l="${letters[$i]}"
    mkdir -p "$RECORDERS/mnt-$l"
    ln -sfn "$RECORDERS/mnt-$l" "$PREFIX/dosdevices/$l:"
    ln -sfn "$RECORDERS/node-$l" "$PREFIX/dosdevices/$l::"
    printf '"%s:"="cdrom"\n' "$l" >>"$regfile"
    devspec="$devspec${devspec:+;}$PREFIX/dosdevices/$l::=${REC_DIRS[$i]};$RECORDERS/node-$l=${REC_DIRS[$i]}"
  done
  imapi_wine win64 regedit.exe /s "$(imapi_winpath "$regfile")" >"$LOGDIR/regedit.log" 2>&1 </dev/null || fail_setup "regedit: typing the drives cdrom failed" regedit
  imapi_wineserver -k >/dev/null 2>&1 || true
  imapi_wineserver -w >/dev/null 2>&1 || true
  export LD_PRELOAD="$PRELOAD" IMAPI_VDRIVE_DEVICE="$devspec" IMAPI_TEST_TRANSPORT=passthrough
  imapi_log "pass-through: ${#REC_DIRS[@]} recorders as CD-ROM drives ${letters[*]:0:${#REC_DIRS[@]}} (LD_PRELOAD $PRELOAD)"
fi

# One server for the whole run: starting one per test costs seconds each.
# (Its output goes to a file for the same reason as regsvr32's below.)
imapi_wineserver -p >"$LOGDIR/wineserver.log" 2>&1 </dev/null
server_started=1

# The DLLs under test.
if missing="$(imapi_wine_built_dlls "$BUILD")"; then
  imapi_wine_install_dlls "$BUILD" "$ARCH"
  imapi_log "installed imapi2.dll and imapi2fs.dll into $(imapi_wine_sysdir "$ARCH")"
  # Into a file, never a pipe: Wine's service processes started now inherit
  # this stdout and hold it open for as long as the wineserver lives.
  if imapi_wine_register "$ARCH" >"$LOGDIR/regsvr32.log" 2>&1 </dev/null; then
    imapi_log "registered both with the $ARCH regsvr32"
  else
    cat "$LOGDIR/regsvr32.log"
    fail_setup "regsvr32 ($ARCH): registering the DLLs failed" regsvr32
  fi
  if [ -n "$OTHER_BUILD" ]; then
    imapi_wine_install_dlls "$OTHER_BUILD" "$OTHER_ARCH"
    if imapi_wine_register "$OTHER_ARCH" >>"$LOGDIR/regsvr32.log" 2>&1 </dev/null; then
      imapi_log "also installed and registered the $OTHER_ARCH DLLs of $OTHER_BUILD ($(imapi_wine_sysdir "$OTHER_ARCH"))"
    else
      cat "$LOGDIR/regsvr32.log"
      fail_setup "regsvr32 ($OTHER_ARCH): registering the other bitness failed" regsvr32-other
    fi
  fi
elif [ "$SELFTEST_ONLY" -eq 1 ]; then
  imapi_log "DLLs not built (placeholder build); not needed for --selftest-only"
else
  printf '%s\n' "$missing" | sed 's/^/missing: /'
  fail_setup "the DLLs are not built (placeholder dlls/?): nothing to test them with" dlls
fi

# The test list: exes of the build, scripts of the source tree.
TESTS=()
for f in "$BUILD"/winetest/*.exe "$IMAPI_ROOT"/winetest/*.vbs; do
  [ -f "$f" ] || continue
  name="$(basename "$f")"
  if [ "$SELFTEST_ONLY" -eq 1 ] && [ "${name%.*}" != selftest ]; then continue; fi
  if [ "$PASSTHROUGH" -eq 1 ] && [ "${#ONLY[@]}" -eq 0 ] && ! [[ "$name" =~ ^(recorder|discmaster|drives|format_data|trace) ]]; then continue; fi
  if [ "${#ONLY[@]}" -gt 0 ]; then
    want=0
    for o in "${ONLY[@]}"; do
      if [ "$o" = "$name" ] || [ "$o" = "${name%.*}" ]; then want=1; fi
    done
    [ "$want" -eq 1 ] || continue
  fi
  TESTS+=("$f")
done
if [ "${#TESTS[@]}" -eq 0 ]; then
  fail_setup "no test programs found in $BUILD/winetest or $IMAPI_ROOT/winetest" no-tests
fi

SUMMARY_RE='^([0-9a-fA-F]+:)?[^ :]+: ([0-9]+) tests executed \(([0-9]+) marked as todo, ([0-9]+) failures\), ([0-9]+) skipped\.$'

# run_test <file>: runs one test, judges it, prints one result line.
run_test() {
  local f="$1" name log rc=0 t0 secs line lines
  local nsum=0 executed=0 todo=0 failures=0 skipped=0 verdict reason=""
  name="$(basename "$f")"
  log="$LOGDIR/$name.log"
  t0="$(imapi_now)"
  (
    cd "$BUILD/winetest" 2>/dev/null || cd "$BUILD"
    case "$name" in
      *.vbs) exec timeout -k 10 "$TIMEOUT" env WINELOADER="$LOADER" "$LOADER" cscript.exe //nologo "$(imapi_winpath "$f")" ;;
      *)     exec timeout -k 10 "$TIMEOUT" env WINELOADER="$LOADER" "$LOADER" "$f" ;;
    esac
  ) </dev/null >"$log.raw" 2>&1 || rc=$?
  secs=$(( $(imapi_now) - t0 ))
  tr -d '\r' <"$log.raw" >"$log"
  rm -f "$log.raw"

  # Sum every summary line (a test may start children that print their own).
  while IFS= read -r line; do
    if [[ "$line" =~ $SUMMARY_RE ]]; then
      nsum=$((nsum + 1))
      executed=$((executed + BASH_REMATCH[2]))
      todo=$((todo + BASH_REMATCH[3]))
      failures=$((failures + BASH_REMATCH[4]))
      skipped=$((skipped + BASH_REMATCH[5]))
    fi
  done <"$log"

  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    verdict=FAIL; reason="timed out after ${TIMEOUT}s"
  elif [ "$nsum" -eq 0 ]; then
    verdict=FAIL; reason="no summary line (crashed or did not finish; exit code $rc)"
    # Wine 8's cscript ignores script errors and exits 0: an error stops the
    # script silently, so the missing summary is the only sign of it.
    [[ "$name" == *.vbs ]] && reason="$reason; a VBScript runtime error ends the script silently under Wine's cscript"
  elif [ "$failures" -gt 0 ]; then
    verdict=FAIL; reason="$failures failures"
  elif [ "$rc" -ne 0 ]; then
    verdict=FAIL; reason="exit code $rc with 0 failures reported"
  elif [ "$executed" -eq 0 ] && [ "$skipped" -gt 0 ]; then
    verdict=SKIP; reason="all checks skipped"
  elif [ "$executed" -eq 0 ]; then
    verdict=FAIL; reason="no checks ran"
  else
    verdict=ok
  fi

  case "$verdict" in
    ok)   PASSED=$((PASSED + 1)) ;;
    SKIP) SKIPPED=$((SKIPPED + 1)) ;;
    FAIL) FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name") ;;
  esac
  printf '%-4s  %-28s %5s tests, %s todo, %s failures, %s skipped, %ss%s\n' \
    "$verdict" "$name" "$executed" "$todo" "$failures" "$skipped" "$secs" "${reason:+  ($reason)}"
  if [ "$VERBOSE" -eq 1 ]; then
    sed 's/^/    | /' "$log"
  elif [ "$verdict" = FAIL ]; then
    # Enough to see what failed; a crash dump can run to hundreds of lines.
    head -n 120 "$log" | sed 's/^/    | /'
    lines="$(wc -l <"$log")"
    if [ "$lines" -gt 120 ]; then
      printf '    | ... %s more lines in %s\n' "$((lines - 120))" "$log"
    fi
  fi
}

imapi_log "winetest ($ARCH${IMAPI_TEST_TRANSPORT:+, $IMAPI_TEST_TRANSPORT}): running ${#TESTS[@]} test programs, timeout ${TIMEOUT}s each"
for t in "${TESTS[@]}"; do
  run_test "$t"
done

imapi_log "winetest ($ARCH): done in $(( $(imapi_now) - started ))s; logs in $LOGDIR"
if [ "$FAILED" -gt 0 ]; then
  echo "failed: ${FAILED_NAMES[*]}"
fi
if [ "$SKIPPED" -gt 0 ]; then
  echo "winetest: $PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "winetest: $PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
