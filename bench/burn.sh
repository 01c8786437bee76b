#!/usr/bin/env bash
# Burning speed: an image written to an emulated BD-R with imapi2-burn.exe -iso (under
# Wine: IDiscFormat2Data::Write, the core's burn recipe, WRITE(10) commands into the
# emulated drive's disc.img) against `cp` of the same bytes into the same folder, in
# one run, rounds alternating. Both end with `sync`, so both pay for the bytes reaching
# the disk. Prints the times, the ratio (cp time / burn time: 1.0 = as fast as cp;
# the target is at least 0.7) and the burner's peak memory. A third writer, `dd bs=1M`
# (native read + write through a user buffer, as the burn must pass every byte through
# memory; cp copies inside the kernel with copy_file_range), is timed the same way as a
# yardstick: the ratio dd / burn says how far the burn is from that floor. A fourth,
# `ring` (bench/ring_copy.c), is the burn's own data path in native C: one thread reads
# into a ring of 8 x 1 MiB, another pwrite()s, starting the disk's writeback every 32 MiB
# as the emulated drive does (core_file_sync_behind), then fsync. ring/cp is the best ratio any
# writer fed by IStream::Read (two copies through user memory) can reach on the machine;
# ring/burn is what Wine, COM and the MMC layers cost on top. A fifth, `ring-wine`, is the
# same program built with mingw-w64 (core/io/core_file_win32.c) and run under Wine:
# ring-wine/burn is what our DLLs (COM, the MMC layer, the emulated drive) cost on top of
# Wine's own file I/O, and ring/ring-wine what Wine costs.
#
#   bench/burn.sh
#
# The four writers run in turn, round after round, the first of a round rotating.
#
# Environment (defaults in brackets):
#   BENCH_DIR          scratch directory [/tmp/imapi2-bench-burn]
#   BENCH_BURN_MIB     image size in MiB [4096]
#   BENCH_REPEAT       rounds [2]; the fastest run of each tool is compared, and every
#                      round's pair is printed
#   BENCH_VERIFY       imapi2-burn -verify level [none]
#   BENCH_WARM         1: every timed writer starts on recently touched memory (below) [1]
#
# Equal memory for every writer: a VM that returns freed memory to its host ("free page
# reporting", as the one this was tuned on: /sys/module/page_reporting) makes the first
# touch of such memory several times dearer; measured here, 4 GiB of pwrite into new page
# cache took 1.1 s right after another 4 GiB file was deleted and 5.9 s after five idle
# seconds. Which writer gets warm memory then decides the ratio (cp ran right after the
# disc image was deleted, the burn after seconds of recorder setup). So before each timed
# writer, untimed, MIB + 256 MiB of /dev/shm is written and deleted: all three start on the
# same warm memory, as on a machine that keeps its RAM. BENCH_WARM=0 times them without it.
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"

DIR="${BENCH_DIR:-/tmp/imapi2-bench-burn}"
MIB="${BENCH_BURN_MIB:-4096}"
REPEAT="${BENCH_REPEAT:-2}"
VERIFY="${BENCH_VERIFY:-none}"
BUILD="$IMAPI_ROOT/build/win64"
BURN="$BUILD/tools/burn/imapi2-burn.exe"
VDRIVE="$IMAPI_ROOT/build/native-plain/tools/vdrive/vdrive"
PREFIX="$DIR/prefix"
IMG="$DIR/source.iso"
mkdir -p "$DIR/logs"

say() { printf '%s\n' "$*" | tee -a "$DIR/report.txt"; }
: >"$DIR/report.txt"

imapi_log "building (build/win64, build/native-plain)"
{ [ -f "$BUILD/CMakeCache.txt" ] || cmake -S "$IMAPI_ROOT" -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE="$IMAPI_ROOT/cmake/mingw-x86_64.cmake"; } >"$DIR/logs/build.log" 2>&1
cmake --build "$BUILD" -j 2 >>"$DIR/logs/build.log" 2>&1 || imapi_die "the Windows build failed ($DIR/logs/build.log)"
{ [ -f "$IMAPI_ROOT/build/native-plain/CMakeCache.txt" ] || cmake -S "$IMAPI_ROOT" -B "$IMAPI_ROOT/build/native-plain" -DIMAPI_SANITIZE=OFF; } >>"$DIR/logs/build.log" 2>&1
cmake --build "$IMAPI_ROOT/build/native-plain" -j 2 --target vdrive >>"$DIR/logs/build.log" 2>&1 || imapi_die "building vdrive failed"
RING="$DIR/ring_copy"
cc -std=c99 -O2 -pthread -I"$IMAPI_ROOT/core" -o "$RING" "$IMAPI_ROOT/bench/ring_copy.c" "$IMAPI_ROOT/core/io/core_file_posix.c" \
  >>"$DIR/logs/build.log" 2>&1 || imapi_die "building ring_copy failed"
RINGW="$DIR/ring_copy.exe"
x86_64-w64-mingw32-gcc -std=c99 -O2 -I"$IMAPI_ROOT/core" -o "$RINGW" "$IMAPI_ROOT/bench/ring_copy.c" \
  "$IMAPI_ROOT/core/io/core_file_win32.c" >>"$DIR/logs/build.log" 2>&1 || imapi_die "building ring_copy.exe failed"

# One prefix with our DLLs and one wineserver for the whole run (outside every timing).
# Only the 64-bit burner is timed, so only the 64-bit DLLs are built and installed.
export IMAPI_NO_WINE32=1
export WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
if [ ! -f "$PREFIX/system.reg" ]; then
  imapi_log "creating the prefix $PREFIX"
  WINEARCH=win64 imapi_wine win64 wineboot.exe -i >"$DIR/logs/wineboot.log" 2>&1 </dev/null
  imapi_wineserver -w
fi
# a server left from an earlier run (the prefix is the bench's own) would never let the
# wait below end
imapi_wineserver -k >/dev/null 2>&1 || true
bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" >"$DIR/logs/install.log" 2>&1 || imapi_die "install.sh failed"
# The server install.sh's programs started goes away with them; a persistent one started
# while it is still there would exit at once (one server per prefix), and every burn
# would then start the prefix's services anew (a second or more of two busy cores).
imapi_wineserver -w
imapi_wineserver -p >/dev/null 2>&1 || imapi_die "could not start a persistent wineserver"
LOADER="$(imapi_wine_loader win64)"
# start the prefix's services now, not in the first timed burn
imapi_wine win64 reg.exe query 'HKLM\Software\Wine' >/dev/null 2>&1 </dev/null || true

# The source: MIB MiB of pseudo-random bytes (kept between runs of the same size).
if [ ! -f "$IMG" ] || [ "$(stat -c %s "$IMG")" -ne $((MIB * 1048576)) ]; then
  imapi_log "writing a $MIB MiB source image"
  head -c $((MIB * 1048576)) /dev/urandom >"$IMG"
fi

# warm memory (see the header): written before a timed writer, deleted just before its t0
WARM="${BENCH_WARM:-1}"
BALLAST="/dev/shm/imapi2-bench-ballast.$$"
prime() {
  [ "$WARM" = 1 ] || return 0
  if ! head -c $(((MIB + 256) * 1048576)) /dev/zero >"$BALLAST" 2>/dev/null; then
    rm -f "$BALLAST"; WARM=0
    say "warning: no room for $((MIB + 256)) MiB in /dev/shm: the writers run on whatever memory they get"
  fi
}
release() { rm -f "$BALLAST"; }
trap 'release; imapi_wineserver -k >/dev/null 2>&1 || true' EXIT
reporting=""
[ -r /sys/module/page_reporting/parameters/reported_kib ] &&
  reporting=", this VM returns freed memory to its host (free page reporting)"

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }           # arithmetic with fractions
is_true() { awk "BEGIN { exit !($*) }"; }       # a comparison as an exit code
best_burn="" best_cp="" best_dd="" best_ring="" best_ringw="" rss="" ratios="" ring_ratios="" ringw_ratios=""
say "burn.sh: $MIB MiB image, $(nproc) cores, $("$LOADER" --version), $(date -u '+%Y-%m-%d %H:%M UTC'), verify $VERIFY, warm memory $WARM$reporting"
# One timed writer each; every one starts from the same state: its output gone, the
# disk synced, warm memory (prime; release), and ends with sync.
time_burn() {
  # a fresh blank BD-R (untimed)
  bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --remove-recorder bench >/dev/null 2>&1 || true
  bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --add-recorder bench bdr >"$DIR/logs/recorder.log" 2>&1 ||
    imapi_die "could not add the emulated BD-R"
  # a disc just put in a drive is "becoming ready" for a moment (two TEST UNIT READYs
  # here, 0.2 s of the burner's polling): spin it up first, as the disc a user burns has
  # been in the drive for a while; cp's source and target need no such wait either
  env WINELOADER="$LOADER" "$LOADER" "$BURN" -list >"$DIR/logs/list.log" 2>&1 </dev/null ||
    { cat "$DIR/logs/list.log"; imapi_die "imapi2-burn -list failed"; }
  sync
  prime; release
  t0=$(now)
  /usr/bin/time -v -o "$DIR/logs/burn-$round.time" env WINELOADER="$LOADER" "$LOADER" "$BURN" -q -d 0 \
    -verify "$VERIFY" -iso "$(imapi_winpath "$IMG")" >"$DIR/logs/burn-$round.log" 2>&1 </dev/null ||
    { cat "$DIR/logs/burn-$round.log"; imapi_die "the burn failed"; }
  sync
  t1=$(now)
  burn=$(calc "$t1 - $t0")
  r=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$DIR/logs/burn-$round.time")
  # the burned bytes must be the image's
  cmp -n $((MIB * 1048576)) "$IMG" "$PREFIX/imapi2-recorders/bench/disc.img" >/dev/null ||
    imapi_die "round $round: the disc does not hold the image's bytes"
  # checked: drop them now, so a run needs room for two copies, not three
  rm -f "$PREFIX/imapi2-recorders/bench/disc.img"
}
time_copy() {   # time_copy VAR COMMAND...: COMMAND copies $IMG to $DIR/copy.iso
  local var=$1
  shift
  rm -f "$DIR/copy.iso"
  sync
  prime; release
  t0=$(now)
  "$@"
  sync
  t1=$(now)
  cmp -s "$IMG" "$DIR/copy.iso" || imapi_die "round $round: $1's copy differs from the image"
  rm -f "$DIR/copy.iso"
  printf -v "$var" '%s' "$(calc "$t1 - $t0")"
}
time_cp() { time_copy cpt cp "$IMG" "$DIR/copy.iso"; }
time_dd() { time_copy ddt dd if="$IMG" of="$DIR/copy.iso" bs=1M status=none; }
time_ring() { time_copy ringt "$RING" "$IMG" "$DIR/copy.iso"; }
# Unix paths: core_file_win32.c reaches a path starting with / through \\?\unix
time_ringw() { time_copy ringwt env WINELOADER="$LOADER" "$LOADER" "$RINGW" "$IMG" "$DIR/copy.iso"; }

# The order rotates from round to round (burn first, then cp first, ...): whatever the
# machine does to the first or last writer of a round falls on each in turn.
writers=(time_burn time_cp time_dd time_ring time_ringw)
for round in $(seq 1 "$REPEAT"); do
  for k in 0 1 2 3 4; do
    "${writers[$(((round - 1 + k) % 5))]}"
  done
  say "$(printf 'round %d: burn %.2f s (%.0f MiB/s, peak %s MiB), cp %.2f s (%.0f MiB/s), ratio %.2f; dd bs=1M %.2f s, dd/burn %.2f; ring %.2f s, ring/cp %.2f, ring/burn %.2f; ring-wine %.2f s, ring-wine/burn %.2f' \
        "$round" "$burn" "$(calc "$MIB / $burn")" "$r" "$cpt" "$(calc "$MIB / $cpt")" "$(calc "$cpt / $burn")" \
        "$ddt" "$(calc "$ddt / $burn")" "$ringt" "$(calc "$cpt / $ringt")" "$(calc "$ringt / $burn")" \
        "$ringwt" "$(calc "$ringwt / $burn")")"
  if [ -z "$best_burn" ] || is_true "$burn < $best_burn"; then best_burn=$burn; rss=$r; fi
  if [ -z "$best_cp" ] || is_true "$cpt < $best_cp"; then best_cp=$cpt; fi
  if [ -z "$best_dd" ] || is_true "$ddt < $best_dd"; then best_dd=$ddt; fi
  if [ -z "$best_ring" ] || is_true "$ringt < $best_ring"; then best_ring=$ringt; fi
  if [ -z "$best_ringw" ] || is_true "$ringwt < $best_ringw"; then best_ringw=$ringwt; fi
  ratios="$ratios $(calc "$cpt / $burn")"
  ring_ratios="$ring_ratios $(calc "$cpt / $ringt")"
  ringw_ratios="$ringw_ratios $(calc "$ringwt / $burn")"
done
# cp alone varies 2x between rounds here (page cache, writeback of the round before), so
# the median of the per-round ratios is printed besides best against best
median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# shellcheck disable=SC2086 # the lists are words
median=$(median_of $ratios)
# shellcheck disable=SC2086
ring_median=$(median_of $ring_ratios)
# shellcheck disable=SC2086
ringw_median=$(median_of $ringw_ratios)
ratio=$(calc "$best_cp / $best_burn")
verdict=FAIL
is_true "$ratio >= 0.7" && verdict=PASS
median_verdict=FAIL
is_true "$median >= 0.7" && median_verdict=PASS
say "$(printf 'best: burn %.2f s, cp %.2f s; ratio %.2f (target >= 0.70): %s; median of the rounds'"'"' ratios %.2f: %s; burner peak memory %s MiB' \
      "$best_burn" "$best_cp" "$ratio" "$verdict" "$median" "$median_verdict" "$rss")"
say "$(printf 'yardstick: dd bs=1M %.2f s; dd/burn %.2f (1.0 = as fast as a native read+write copy)' \
      "$best_dd" "$(calc "$best_dd / $best_burn")")"
say "$(printf 'floor: ring (the burn'"'"'s data path in native C) %.2f s; ring/cp %.2f best, %.2f median of the rounds (the most a writer fed by IStream::Read reaches here); ring/burn %.2f' \
      "$best_ring" "$(calc "$best_cp / $best_ring")" "$ring_median" "$(calc "$best_ring / $best_burn")")"
say "$(printf 'under Wine: ring-wine (the same copy as a Win32 program) %.2f s; ring-wine/burn %.2f best, %.2f median of the rounds (what our DLLs cost on top of Wine'"'"'s file I/O); ring/ring-wine %.2f' \
      "$best_ringw" "$(calc "$best_ringw / $best_burn")" "$ringw_median" "$(calc "$best_ring / $best_ringw")")"
bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --remove-recorder bench >/dev/null 2>&1 || true
