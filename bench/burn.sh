#!/usr/bin/env bash
# Burning speed: an image written to an emulated BD-R with imapi2-burn.exe -iso (under
# Wine: IDiscFormat2Data::Write, the core's burn recipe, WRITE(10) commands into the
# emulated drive's disc.img) against `cp` of the same bytes into the same folder, in
# one run, rounds alternating. Both end with `sync`, so both pay for the bytes reaching
# the disk. Prints the times, the ratio (cp time / burn time: 1.0 = as fast as cp;
# the target is at least 0.7) and the burner's peak memory. A third writer, `dd bs=1M`
# (native read + write through a user buffer, as the burn must pass every byte through
# memory; cp copies inside the kernel with copy_file_range), is timed the same way as a
# yardstick: the ratio dd / burn says how far the burn is from that floor.
#
#   bench/burn.sh
#
# Environment (defaults in brackets):
#   BENCH_DIR          scratch directory [/tmp/imapi2-bench-burn]
#   BENCH_BURN_MIB     image size in MiB [4096]
#   BENCH_REPEAT       rounds [2]; the fastest run of each tool is compared, and every
#                      round's pair is printed
#   BENCH_VERIFY       imapi2-burn -verify level [none]
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

# One prefix with our DLLs and one wineserver for the whole run (outside every timing).
export WINEPREFIX="$PREFIX" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
if [ ! -f "$PREFIX/system.reg" ]; then
  imapi_log "creating the prefix $PREFIX"
  WINEARCH=win64 imapi_wine win64 wineboot.exe -i >"$DIR/logs/wineboot.log" 2>&1 </dev/null
  imapi_wineserver -w
fi
bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" >"$DIR/logs/install.log" 2>&1 || imapi_die "install.sh failed"
imapi_wineserver -p >/dev/null 2>&1 || true
trap 'imapi_wineserver -k >/dev/null 2>&1 || true' EXIT
LOADER="$(imapi_wine_loader win64)"

# The source: MIB MiB of pseudo-random bytes (kept between runs of the same size).
if [ ! -f "$IMG" ] || [ "$(stat -c %s "$IMG")" -ne $((MIB * 1048576)) ]; then
  imapi_log "writing a $MIB MiB source image"
  head -c $((MIB * 1048576)) /dev/urandom >"$IMG"
fi

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }           # arithmetic with fractions
is_true() { awk "BEGIN { exit !($*) }"; }       # a comparison as an exit code
best_burn="" best_cp="" best_dd="" rss="" ratios=""
say "burn.sh: $MIB MiB image, $(nproc) cores, $("$LOADER" --version), $(date -u '+%Y-%m-%d %H:%M UTC'), verify $VERIFY"
for round in $(seq 1 "$REPEAT"); do
  # a fresh blank BD-R each round
  bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --remove-recorder bench >/dev/null 2>&1 || true
  bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --add-recorder bench bdr >"$DIR/logs/recorder.log" 2>&1 ||
    imapi_die "could not add the emulated BD-R"
  sync
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
  # the disc's bytes are checked: drop them now, so a run needs room for two copies, not three
  rm -f "$PREFIX/imapi2-recorders/bench/disc.img"

  rm -f "$DIR/copy.iso"
  sync
  t0=$(now)
  cp "$IMG" "$DIR/copy.iso"
  sync
  t1=$(now)
  cpt=$(calc "$t1 - $t0")
  rm -f "$DIR/copy.iso"
  sync
  t0=$(now)
  dd if="$IMG" of="$DIR/copy.iso" bs=1M status=none
  sync
  t1=$(now)
  ddt=$(calc "$t1 - $t0")
  rm -f "$DIR/copy.iso"
  say "$(printf 'round %d: burn %.2f s (%.0f MiB/s, peak %s MiB), cp %.2f s (%.0f MiB/s), ratio %.2f; dd bs=1M %.2f s, dd/burn %.2f' \
        "$round" "$burn" "$(calc "$MIB / $burn")" "$r" "$cpt" "$(calc "$MIB / $cpt")" "$(calc "$cpt / $burn")" \
        "$ddt" "$(calc "$ddt / $burn")")"
  if [ -z "$best_burn" ] || is_true "$burn < $best_burn"; then best_burn=$burn; rss=$r; fi
  if [ -z "$best_cp" ] || is_true "$cpt < $best_cp"; then best_cp=$cpt; fi
  if [ -z "$best_dd" ] || is_true "$ddt < $best_dd"; then best_dd=$ddt; fi
  ratios="$ratios $(calc "$cpt / $burn")"
done
# cp alone varies 2x between rounds here (page cache, writeback of the round before), so
# the median of the per-round ratios is printed besides best against best
median=$(printf '%s\n' $ratios | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
ratio=$(calc "$best_cp / $best_burn")
verdict=FAIL
is_true "$ratio >= 0.7" && verdict=PASS
say "$(printf 'best: burn %.2f s, cp %.2f s; ratio %.2f (target >= 0.70): %s; median of the rounds'"'"' ratios %.2f; burner peak memory %s MiB' \
      "$best_burn" "$best_cp" "$ratio" "$verdict" "$median" "$rss")"
say "$(printf 'yardstick: dd bs=1M %.2f s; dd/burn %.2f (1.0 = as fast as a native read+write copy)' \
      "$best_dd" "$(calc "$best_dd / $best_burn")")"
bash "$IMAPI_ROOT/tools/install.sh" --prefix "$PREFIX" --remove-recorder bench >/dev/null 2>&1 || true
