#!/usr/bin/env bash
# Benchmark of IMAPI2FS (our fsiso.exe under Wine) against the Win32 floor program
# (under Wine, same tree), genisoimage, xorriso and cat. See bench/README.md.
#
#   bench/run.sh
#
# One run builds the test trees under $BENCH_DIR (kept and reused while their sizes
# do not change), sets up one Wine prefix with our DLLs and keeps its wineserver
# running (prefix creation and wineserver start are outside every timed region),
# then measures each tool with /usr/bin/time -v (wall time and max RSS) and prints
# tables with ratios, a scaling check and the project's targets. Every command's
# output is kept in $BENCH_DIR/logs/, the report in $BENCH_DIR/report.txt.
#
# Environment (defaults in brackets; counts and sizes are multiplied by BENCH_SCALE
# unless given explicitly):
#   BENCH_DIR          scratch directory [/tmp/imapi2-bench]
#   BENCH_SCALE        factor for every default size [1]; 0.02 is a smoke run (<1 min)
#   BENCH_CASES        which cases to run [a b c scaling variants]
#                      a: small files in many directories, b: long names in one
#                      directory, c: large files, scaling: b at three sizes (ours
#                      and floor), variants: floor options on trees a and b
#   BENCH_A_FILES      files in case a [100000]     BENCH_A_DIRS  directories [1000]
#   BENCH_B_FILES      files in case b [50000]
#   BENCH_B_SCALING    sizes of the scaling check ["25000 50000 100000"]
#   BENCH_C_MIB        total MiB of case c [3072]   BENCH_C_FILE_MIB  MiB per file [512]
#   BENCH_TIMEOUT      seconds before any one command is killed [3600]
#   BENCH_GENISO_B_TIMEOUT  the same for genisoimage/xorriso on case b [300]
#   BENCH_REPEAT       rounds per case: the tools of a case run in turn, round after
#                      round, and the fastest run of each is reported [1]. Use 3 on a
#                      busy machine: Wine programs (a client and wineserver taking
#                      turns) suffer far more from competing CPU load than native ones
#   BENCH_BUILD        Windows build tree with fsiso.exe, floor.exe and the DLLs
#                      [<repo>/build/win64]; built with cmake (-j2) when needed
#   BENCH_WINEPREFIX   Wine prefix [$BENCH_DIR/wineprefix]
#   BENCH_FSISO_ARGS   extra fsiso options [none: ISO9660+Joliet]
#   BENCH_FLOOR_ARGS   extra floor options [none]
#   BENCH_KEEP_WINESERVER=1  leave the prefix's wineserver running at the end
# Case c also runs floor.exe -copy-to (a Win32 "cat" under Wine) as floor-cat: the
# floor for a Windows program that writes one big file.
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"

BENCH_DIR="${BENCH_DIR:-/tmp/imapi2-bench}"
SCALE="${BENCH_SCALE:-1}"
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s + 0.5); if (v < 1) v = 1; print v }'; }

A_FILES="${BENCH_A_FILES:-$(scaled 100000)}"
A_DIRS="${BENCH_A_DIRS:-$(scaled 1000)}"
B_FILES="${BENCH_B_FILES:-$(scaled 50000)}"
B_SCALING="${BENCH_B_SCALING:-$(scaled 25000) $(scaled 50000) $(scaled 100000)}"
C_MIB="${BENCH_C_MIB:-$(scaled 3072)}"
C_FILE_MIB="${BENCH_C_FILE_MIB:-512}"
CASES="${BENCH_CASES:-a b c scaling variants}"
TIMEOUT="${BENCH_TIMEOUT:-3600}"
GENISO_B_TIMEOUT="${BENCH_GENISO_B_TIMEOUT:-300}"
REPEAT="${BENCH_REPEAT:-1}"
BUILD="${BENCH_BUILD:-$IMAPI_ROOT/build/win64}"
PREFIX="${BENCH_WINEPREFIX:-$BENCH_DIR/wineprefix}"
read -r -a FSISO_ARGS <<<"${BENCH_FSISO_ARGS:-}"
read -r -a FLOOR_ARGS <<<"${BENCH_FLOOR_ARGS:-}"

for v in A_FILES A_DIRS B_FILES C_MIB C_FILE_MIB TIMEOUT GENISO_B_TIMEOUT REPEAT; do
  [[ "${!v}" =~ ^[0-9]+$ && "${!v}" -gt 0 ]] || imapi_die "$v must be a positive integer (is '${!v}')"
done
[ "$C_FILE_MIB" -lt 2048 ] || imapi_die "BENCH_C_FILE_MIB must be below 2048 (ISO 9660 file size limit)"

TREES="$BENCH_DIR/trees"
OUT="$BENCH_DIR/out"
LOGDIR="$BENCH_DIR/logs"
REPORT="$BENCH_DIR/report.txt"
mkdir -p "$TREES" "$OUT" "$LOGDIR"
rm -f "$OUT"/* "$LOGDIR"/*
: >"$REPORT"

# Everything the report says goes to the terminal and to report.txt.
say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
# shellcheck disable=SC2059
sayf() { local f="$1"; shift; printf "$f" "$@" | tee -a "$REPORT"; }
calc() { awk "BEGIN { $1 }"; }   # calc 'printf "%.2f", 1/3'
# ratio a b -> a/b with two decimals, or "n/a"
ratio() {
  if [[ "$1" =~ ^[0-9.]+$ && "$2" =~ ^[0-9.]+$ ]] && calc "exit !($2 > 0)"; then
    calc "printf \"%.2f\", $1 / $2"
  else
    printf 'n/a'
  fi
}
has_case() { [[ " $CASES " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------
# Test trees. Each is made under a temporary name and renamed when complete; a stamp
# with its parameters lets later runs reuse it.

# The stamp lives beside the tree (<dir>.stamp), so no tool sees it.
tree_ready() { [ -d "$1" ] && [ -f "$1.stamp" ] && [ "$(cat "$1.stamp")" = "$2" ]; }

# Content for small files: printable bytes, sliced with ${BLOB:0:n} (no fork per file).
BLOB="$(head -c 12288 /dev/urandom | base64 -w0)"

# gen_a <dir> <files> <dirs>: small files (0..8191 bytes, every 100th empty) spread
# evenly over <dirs> directories.
gen_a() {
  local dir="$1" files="$2" dirs="$3" tmp="$1.tmp" per d k i=0 sub name size
  rm -rf "$tmp" "$dir" "$dir.stamp"
  mkdir -p "$tmp"
  per=$(( (files + dirs - 1) / dirs ))
  for ((d = 0; d < dirs; d++)); do
    printf -v sub '%s/dir%05d' "$tmp" "$d"
    mkdir "$sub"
    for ((k = 0; k < per && i < files; k++, i++)); do
      printf -v name '%s/file%06d.txt' "$sub" "$i"
      size=$(( i % 100 == 0 ? 0 : (i * 7919) % 8192 ))
      printf '%s' "${BLOB:0:size}" >"$name"
    done
  done
  mv "$tmp" "$dir"
  printf 'a %s %s\n' "$files" "$dirs" >"$dir.stamp"
}

# gen_b <dir> <files>: one directory of long names sharing a long prefix (they all
# collide in ISO 9660 8.3 form), 20-30 bytes each.
gen_b() {
  local dir="$1" files="$2" tmp="$1.tmp" i name
  rm -rf "$tmp" "$dir" "$dir.stamp"
  mkdir -p "$tmp"
  for ((i = 0; i < files; i++)); do
    printf -v name '%s/Long file name in a very large directory - entry %06d.dat' "$tmp" "$i"
    printf 'entry %d of %d\n' "$i" "$files" >"$name"
  done
  mv "$tmp" "$dir"
  printf 'b %s\n' "$files" >"$dir.stamp"
}

# gen_c <dir> <total MiB> <MiB per file>: large files of random data (a 64 MiB random
# chunk repeated, so making 3 GiB takes seconds).
gen_c() {
  local dir="$1" total="$2" per="$3" tmp="$1.tmp" left j=0 size k name chunk
  rm -rf "$tmp" "$dir" "$dir.stamp"
  mkdir -p "$tmp"
  chunk="$TREES/chunk64.bin"
  [ "$(stat -c %s "$chunk" 2>/dev/null || echo 0)" -eq $((64 << 20)) ] ||
    head -c $((64 << 20)) /dev/urandom >"$chunk"
  left="$total"
  while [ "$left" -gt 0 ]; do
    size=$(( left < per ? left : per ))
    printf -v name '%s/big%03d.bin' "$tmp" "$j"
    {
      for ((k = 0; k < size / 64; k++)); do cat "$chunk"; done
      if [ $((size % 64)) -ne 0 ]; then head -c $(( (size % 64) << 20 )) "$chunk"; fi
    } >"$name"
    left=$((left - size))
    j=$((j + 1))
  done
  mv "$tmp" "$dir"
  printf 'c %s %s\n' "$total" "$per" >"$dir.stamp"
}

# ensure_tree <kind> <dir> <args...>
ensure_tree() {
  local kind="$1" dir="$2" t0
  shift 2
  if tree_ready "$dir" "$kind $*"; then
    imapi_log "reusing $dir"
    return
  fi
  imapi_log "making $dir ($kind $*)"
  t0=$(imapi_now)
  "gen_$kind" "$dir" "$@"
  imapi_log "made $dir in $(( $(imapi_now) - t0 )) s"
}

tree_bytes() { du -sb --apparent-size "$1" | cut -f1; }
tree_entries() { find "$1" -mindepth 1 | wc -l; }
warm_cache() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }

# ---------------------------------------------------------------------------------------------
# Measuring. measure <id> <timeout> <command...> runs the command once under
# /usr/bin/time -v and sets R_WALL (s), R_RSS (MiB, max RSS), R_RC (exit code; 124 =
# timed out) and R_LOG (its output, $LOGDIR/<id>.log).

measure() {
  local id="$1" to="$2" t0 t1
  shift 2
  R_RC=0 R_LOG="$LOGDIR/$id.log"
  t0=$EPOCHREALTIME
  /usr/bin/time -v -o "$LOGDIR/$id.time" timeout -k 10 "$to" "$@" >"$R_LOG" 2>&1 || R_RC=$?
  t1=$EPOCHREALTIME
  R_WALL=$(calc "printf \"%.3f\", $t1 - $t0")
  R_RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$LOGDIR/$id.time")
  R_RSS="${R_RSS:-0}"
}

declare -A WALL RSS RC NOTE INTERNAL ROUNDS

# record <key> [note] [program time]: keep the measurement under <key> (e.g. a:ours)
# unless an earlier successful run of the same key was faster. A failed run always
# replaces a successful one.
record() {
  # Every run's wall time (or x when it failed), for paired ratios between tools that
  # ran in the same round.
  if [ "$R_RC" = 0 ]; then ROUNDS[$1]+="$R_WALL "; else ROUNDS[$1]+="x "; fi
  if [ "${RC[$1]:-x}" = 0 ] && [ "$R_RC" = 0 ] && calc "exit !($R_WALL >= ${WALL[$1]})"; then
    return
  fi
  WALL[$1]="$R_WALL"
  RSS[$1]="$R_RSS"
  RC[$1]="$R_RC"
  NOTE[$1]="${2:-}"
  INTERNAL[$1]="${3:-}"
}

logid() { printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '_'; }

# ---------------------------------------------------------------------------------------------
# Wine: one prefix, our DLLs installed and registered, one persistent wineserver.

FSISO="$BUILD/tools/fsiso/fsiso.exe"
FLOOR="$BUILD/tools/floor/floor.exe"

setup_build() {
  imapi_log "building $BUILD (fsiso, floor, DLLs)"
  mkdir -p "$BENCH_DIR"
  if ! { { [ -f "$BUILD/CMakeCache.txt" ] ||
           cmake -S "$IMAPI_ROOT" -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE="$IMAPI_ROOT/cmake/mingw-x86_64.cmake"; } &&
         cmake --build "$BUILD" -j 2 --target imapi2 imapi2fs fsiso floor; } >"$BENCH_DIR/build.log" 2>&1; then
    tail -n 30 "$BENCH_DIR/build.log"
    imapi_die "the build failed (log: $BENCH_DIR/build.log)"
  fi
  [ -f "$FLOOR" ] || imapi_die "no $FLOOR after the build"
}

wine_server_stop() {
  if [ "${BENCH_KEEP_WINESERVER:-0}" != 1 ]; then imapi_wineserver -k >/dev/null 2>&1 || true; fi
}

setup_wine() {
  local loader
  loader="$(imapi_wine_loader win64)" || imapi_die "no 64-bit Wine loader"
  # The 64-bit loader as a plain command, for measure (which runs external commands).
  WINE64=(env "WINELOADER=$loader" "$loader")
  imapi_wine_env "$PREFIX"
  unset DISPLAY WAYLAND_DISPLAY
  imapi_wine_prefix_init || imapi_die "could not create the Wine prefix $PREFIX"
  imapi_wineserver -p >/dev/null 2>&1 || true   # exit 2 when it is already running
  trap wine_server_stop EXIT
  if imapi_wine_built_dlls "$BUILD" >/dev/null; then
    imapi_wine_install_dlls "$BUILD" win64
    imapi_wine_overrides || true
    imapi_wine_register win64 || imapi_warn "regsvr32 failed"
  else
    imapi_warn "the DLLs are not built; ours will not be available"
  fi
  # Start the prefix's services now, not in the first timed run.
  imapi_wine win64 "$FLOOR" --help >/dev/null 2>&1 || true
}

# Cost of starting one Wine process with the wineserver already up (fastest of 3).
wine_startup() {
  local best="" i t0 t1 t
  for i in 1 2 3; do
    t0=$EPOCHREALTIME
    imapi_wine win64 "$FLOOR" --help >/dev/null 2>&1 || true
    t1=$EPOCHREALTIME
    t=$(calc "printf \"%.3f\", $t1 - $t0")
    if [ -z "$best" ] || calc "exit !($t < $best)"; then best="$t"; fi
  done
  printf '%s' "$best"
}

OURS_OK=0
OURS_WHY=""

# Is our image builder there? Try it on a two-file tree, untimed.
probe_ours() {
  local tiny="$TREES/tiny" rc=0
  if [ ! -f "$FSISO" ]; then
    OURS_WHY="fsiso.exe not built"
    return
  fi
  mkdir -p "$tiny/sub"
  echo tiny >"$tiny/a.txt"
  echo tiny >"$tiny/sub/b.txt"
  imapi_wine win64 "$FSISO" -q -o "$(imapi_winpath "$OUT")\\probe.iso" "$(imapi_winpath "$tiny")" \
    >"$LOGDIR/probe-ours.log" 2>&1 || rc=$?
  rm -f "$OUT/probe.iso"
  if [ "$rc" -eq 0 ]; then
    OURS_OK=1
  else
    OURS_WHY="$(grep -m1 'failed' "$LOGDIR/probe-ours.log" | tr -d '\r' || true)"
    [ -n "$OURS_WHY" ] || OURS_WHY="fsiso exit code $rc"
  fi
}

# ---------------------------------------------------------------------------------------------
# The tools. run_<tool> <key> <src> [timeout] measures once and records under <key>
# (e.g. a:ours, b:genisoimage).

# verify_iso <iso> <src>: entries in the image's Joliet (else ISO 9660) tree vs. the
# source, untimed; prints a note.
verify_iso() {
  local want got
  command -v isoinfo >/dev/null 2>&1 || { printf 'not verified'; return; }
  want=$(tree_entries "$2")
  got=$(isoinfo -J -f -i "$1" 2>/dev/null | grep -c . || true)
  [ "$got" -gt 0 ] || got=$(isoinfo -f -i "$1" 2>/dev/null | grep -c . || true)
  if [ "$got" -eq "$want" ]; then printf 'verified %s entries' "$got"; else printf 'VERIFY: %s of %s entries' "$got" "$want"; fi
}

iso_note() {   # iso_note <iso>: size, then delete it
  local s
  if [ -f "$1" ]; then
    s=$(stat -c %s "$1")
    rm -f "$1"
    calc "printf \"image %.1f MiB\", $s / 1048576"
  else
    printf 'no image'
  fi
}

run_ours() {   # run_ours <key> <src> [timeout [extra fsiso options...]]
  local k="$1" src="$2" to="${3:-$TIMEOUT}" iso="$OUT/ours.iso" note internal
  local -a extra=("${@:4}")
  if [ "$OURS_OK" != 1 ]; then
    WALL[$k]="-" RSS[$k]="-" RC[$k]="n/a" INTERNAL[$k]="-"
    NOTE[$k]="not available: $OURS_WHY"
    return
  fi
  measure "$(logid "$k")" "$to" "${WINE64[@]}" "$FSISO" -q -stats "${FSISO_ARGS[@]}" "${extra[@]}" -o "$(imapi_winpath "$OUT")\\ours.iso" \
    "$(imapi_winpath "$src")"
  internal=$(tr -d '\r' <"$R_LOG" | awk '/^stats: time/ { for (i = 1; i <= NF; i++) if ($i == "total") print $(i + 1) }')
  note=""
  if [ "$R_RC" -eq 0 ] && [ -f "$iso" ]; then note="$(verify_iso "$iso" "$src"), "; fi
  if [ "$R_RC" -eq 0 ] && [ -f "$iso" ] && [[ " ${extra[*]} " == *" -udf "* ]]; then note+="$(verify_udf "$iso" "$src"), "; fi
  [ "$R_RC" -eq 0 ] || note="$(grep -m1 -E 'failed|fsiso:' "$R_LOG" | tr -d '\r' || true), "
  note+="$(iso_note "$iso")"
  record "$k" "$note" "$internal"
}

run_floor() {   # run_floor <key> <src> <timeout> [floor options...]
  local k="$1" src="$2" to="$3" internal note
  shift 3
  measure "$(logid "$k")" "$to" \
    "${WINE64[@]}" "$FLOOR" -q "${FLOOR_ARGS[@]}" "$@" "$(imapi_winpath "$src")"
  internal=$(tr -d '\r' <"$R_LOG" | awk '/^floor: time/ { print $3 }')
  note=$(tr -d '\r' <"$R_LOG" | awk '/opens,/ { print $2 " opens, " $10 " errors" }')
  record "$k" "$note" "$internal"
}

# verify_udf <image> <src>: files 7z finds in the UDF tree vs. the source, untimed.
verify_udf() {
  local want got
  command -v 7z >/dev/null 2>&1 || { printf 'UDF not verified'; return; }
  want=$(find "$2" -type f | wc -l)
  got=$(7z l -tudf "$1" 2>/dev/null | tail -n 1 | grep -oE '[0-9]+ files' | cut -d' ' -f1)
  if [ "$got" = "$want" ]; then printf 'UDF %s files' "$got"; else printf 'UDF VERIFY: %s of %s files' "$got" "$want"; fi
}

run_geniso() {   # run_geniso <key> <src> [timeout [extra genisoimage options...]]
  local k="$1" src="$2" to="${3:-$TIMEOUT}" iso="$OUT/geniso.iso" note=""
  local -a extra=("${@:4}")
  measure "$(logid "$k")" "$to" genisoimage -quiet -J -R "${extra[@]}" -o "$iso" "$src"
  if [ "$R_RC" -eq 124 ]; then note="TIMED OUT after ${to} s, "
  elif [ "$R_RC" -ne 0 ]; then note="FAILED: $(grep -m1 -iE 'error|unable|fail' "$R_LOG" | cut -c1-70 || true), "
  fi
  record "$k" "$note$(iso_note "$iso")"
}

run_xorriso() {
  local k="$1" src="$2" to="${3:-$TIMEOUT}" iso="$OUT/xorriso.iso" note=""
  measure "$(logid "$k")" "$to" xorriso -as mkisofs -quiet -J -R -o "$iso" "$src"
  if [ "$R_RC" -eq 124 ]; then note="TIMED OUT after ${to} s, "
  elif [ "$R_RC" -ne 0 ]; then note="FAILED: $(grep -m1 -iE 'failure|error' "$R_LOG" | cut -c1-70 || true), "
  fi
  record "$k" "$note$(iso_note "$iso")"
}

# A native user-space copy (read into a 128 KiB buffer, write it out), as any program
# without an in-kernel copy does: GNU cat copies regular files with copy_file_range.
run_dd() {
  local k="$1" src="$2" files
  mapfile -t files < <(find "$src" -type f | sort)
  measure "$(logid "$k")" "$TIMEOUT" bash -c 'out="$0"; for f; do dd if="$f" bs=128K status=none; done >"$out"' \
    "$OUT/dd.out" "${files[@]}"
  rm -f "$OUT/dd.out"
  record "$k" "dd bs=128K, read+write to $OUT"
}

run_cat() {
  local k="$1" src="$2" files
  mapfile -t files < <(find "$src" -type f | sort)
  measure "$(logid "$k")" "$TIMEOUT" bash -c 'cat -- "$@" >"$0"' "$OUT/cat.out" "${files[@]}"
  rm -f "$OUT/cat.out"
  record "$k" "read+write to $OUT"
}

# ---------------------------------------------------------------------------------------------
# Report.

print_table() {   # print_table <case> <tools...>
  local c="$1" t k
  shift
  sayf '  %-12s %9s %10s %9s %5s  %s\n' tool "wall s" "program s" "peak MiB" exit notes
  for t in "$@"; do
    k="$c:$t"
    [ -n "${RC[$k]+x}" ] || continue
    sayf '  %-12s %9s %10s %9s %5s  %s\n' "$t" "${WALL[$k]:--}" "${INTERNAL[$k]:--}" "${RSS[$k]:--}" \
      "${RC[$k]}" "${NOTE[$k]}"
  done
}

# wall time / peak RSS of a successful run, else n/a
ok_wall() { if [ "${RC[$1]:-x}" = 0 ]; then printf '%s' "${WALL[$1]}"; else printf 'n/a'; fi; }
ok_rss() { if [ "${RC[$1]:-x}" = 0 ]; then printf '%s' "${RSS[$1]}"; else printf 'n/a'; fi; }

declare -a TARGETS=()
target() {   # target <description> <value> <condition on v, awk> ; records PASS/FAIL/n/a
  local verdict
  if [ "$2" = n/a ]; then verdict="n/a"
  elif calc "v = $2; exit !($3)"; then verdict="PASS"
  else verdict="FAIL"; fi
  TARGETS+=("$(printf '%-5s %s (measured %s)' "$verdict" "$1" "$2")")
}

# paired <key a> <key b>: median over rounds of wall(a)/wall(b), a and b measured in
# the same round (one right after the other), so a load burst from other work on the
# machine hits both; n/a unless some round has both.
paired() {
  awk -v a="${ROUNDS[$1]:-}" -v b="${ROUNDS[$2]:-}" 'BEGIN {
    na = split(a, x, " "); split(b, y, " "); n = 0
    for (i = 1; i <= na; i++) if (x[i] != "x" && y[i] != "x" && y[i] > 0) r[++n] = x[i] / y[i]
    if (!n) { printf "n/a"; exit }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
    printf "%.2f", (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
  }'
}

# vs <case> <tool>: ours / tool wall time; a tool that failed is charged the time it
# took, and the ratio says so.
vs() {
  local o t
  o=$(ok_wall "$1:ours")
  t="${WALL[$1:$2]:-}"
  if [ "${RC[$1:$2]:-x}" = 0 ]; then ratio "$o" "$t"
  elif [[ "$t" =~ ^[0-9.]+$ ]] && [ "$o" != n/a ]; then printf '%s (%s failed after %s s)' "$(ratio "$o" "$t")" "$2" "$t"
  else printf 'n/a'; fi
}

# UDF rows: ISO9660+Joliet+UDF (fsiso -udf, UDF 1.02) against ours without UDF and
# against genisoimage -udf.
print_udf_ratios() {   # print_udf_ratios <case>
  local c="$1"
  sayf '  UDF: ours+udf/ours %s (best vs. best; median of paired rounds %s), ours+udf/geniso-udf %s (wall time)\n' \
    "$(ratio "$(ok_wall "$c:ours+udf")" "$(ok_wall "$c:ours")")" "$(paired "$c:ours+udf" "$c:ours")" \
    "$(ratio "$(ok_wall "$c:ours+udf")" "$(ok_wall "$c:geniso-udf")")"
}

print_ratios() {   # print_ratios <case>
  local c="$1"
  sayf '  ours/floor %s (best vs. best; median of paired rounds %s), ours/genisoimage %s, ours/xorriso %s (wall time)\n' \
    "$(ratio "$(ok_wall "$c:ours")" "$(ok_wall "$c:floor")")" "$(paired "$c:ours" "$c:floor")" \
    "$(vs "$c" genisoimage)" "$(vs "$c" xorriso)"
  sayf '  peak memory ours/genisoimage %s\n' "$(ratio "$(ok_rss "$c:ours")" "$(ok_rss "$c:genisoimage")")"
}

# ---------------------------------------------------------------------------------------------
# The run.

setup_build
setup_wine
probe_ours

say "IMAPI2FS benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$IMAPI_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
say "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "$(imapi_wine win64 --version), genisoimage $(genisoimage --version 2>&1 | awk 'NR == 1 { print $2 }'), xorriso $(xorriso -version 2>&1 | awk 'NR == 1 { print $2 }')"
say "scale $SCALE: a = $A_FILES files in $A_DIRS dirs, b = $B_FILES files, scaling = $B_SCALING, c = $C_MIB MiB in files of up to $C_FILE_MIB MiB; repeat $REPEAT"
say "ours: fsiso.exe ${FSISO_ARGS[*]:-} (ISO9660+Joliet unless told otherwise) under Wine; genisoimage/xorriso: -J -R"
if [ "$OURS_OK" = 1 ]; then say "ours: available"; else say "ours: NOT AVAILABLE ($OURS_WHY)"; fi
STARTUP=$(wine_startup)
say "Wine process start with a running wineserver: $STARTUP s (included in the wall times of ours and floor; 'program s' excludes it)"
say "page cache: every tree is read once (cat) before its measurements, so all runs are warm-cache"
say ""

if has_case a; then
  A="$TREES/a-$A_FILES-$A_DIRS"
  ensure_tree a "$A" "$A_FILES" "$A_DIRS"
  warm_cache "$A"
  imapi_log "case a"
  for ((r = 0; r < REPEAT; r++)); do
    run_floor a:floor "$A" "$TIMEOUT"
    # The image writers in turn, each after an untimed sync (the previous writer's
    # output is still being flushed otherwise, which the next one would pay for), ours
    # with and without UDF in alternating order.
    if [ $((r % 2)) -eq 0 ]; then
      sync; run_ours a:ours "$A"
      sync; run_ours a:ours+udf "$A" "$TIMEOUT" -udf
    else
      sync; run_ours a:ours+udf "$A" "$TIMEOUT" -udf
      sync; run_ours a:ours "$A"
    fi
    sync; run_geniso a:genisoimage "$A"
    sync; run_geniso a:geniso-udf "$A" "$TIMEOUT" -udf
    sync
    run_xorriso a:xorriso "$A"
  done
  say "(a) $A_FILES small files in $A_DIRS directories, $(calc "printf \"%.1f\", $(tree_bytes "$A") / 1048576") MiB"
  print_table a floor ours ours+udf genisoimage geniso-udf xorriso
  print_ratios a
  print_udf_ratios a
  say ""
  target "(a) ours within 1.2x of the Win32 floor (median of paired rounds)" "$(paired a:ours a:floor)" "v <= 1.2"
  target "(a) peak memory below genisoimage's (ours/genisoimage)" "$(ratio "$(ok_rss a:ours)" "$(ok_rss a:genisoimage)")" "v < 1"
  target "(a) UDF makes the build at most 1.1x slower (ours+udf/ours, median of paired rounds)" \
    "$(paired a:ours+udf a:ours)" "v <= 1.1"
fi

if has_case b; then
  B="$TREES/b-$B_FILES"
  ensure_tree b "$B" "$B_FILES"
  warm_cache "$B"
  imapi_log "case b"
  for ((r = 0; r < REPEAT; r++)); do
    run_floor b:floor "$B" "$TIMEOUT"
    run_ours b:ours "$B"
    run_ours b:ours+udf "$B" "$TIMEOUT" -udf
    # Slow (genisoimage fails after a long time at 50k names): one round only.
    if [ "$r" -eq 0 ]; then
      run_geniso b:genisoimage "$B" "$GENISO_B_TIMEOUT"
      run_geniso b:geniso-udf "$B" "$GENISO_B_TIMEOUT" -udf
      run_xorriso b:xorriso "$B" "$GENISO_B_TIMEOUT"
    fi
  done
  say "(b) $B_FILES files with long names in one directory"
  print_table b floor ours ours+udf genisoimage geniso-udf xorriso
  print_ratios b
  print_udf_ratios b
  say ""
  target "(b) ours within 1.2x of the Win32 floor (median of paired rounds)" "$(paired b:ours b:floor)" "v <= 1.2"
  # genisoimage/xorriso failing or timing out counts as slower than ours: compare with
  # the time they took (or the timeout).
  for t in genisoimage xorriso; do
    target "(b) ours far faster than $t (ours/$t, $t's time even if it failed)" \
      "$(vs b "$t" | cut -d' ' -f1)" "v <= 0.5"
  done
fi

if has_case c; then
  C="$TREES/c-$C_MIB-$C_FILE_MIB"
  ensure_tree c "$C" "$C_MIB" "$C_FILE_MIB"
  avail=$(df -Pk "$OUT" | awk 'NR == 2 { print int($4 / 1024) }')
  [ "$avail" -gt $((C_MIB + 256)) ] || imapi_warn "only $avail MiB free in $OUT for a $C_MIB MiB image"
  warm_cache "$C"
  imapi_log "case c"
  # Writing 3 GiB on this VM takes 1-5 s for the same program depending on what ran just
  # before (measured 2026-11-25: a native read+write copy 0.9-3.4 s, alternating with the
  # writer before it; bench/README.md). So every writer starts from the same state: an
  # untimed throwaway copy of the tree (cat), deleted, then sync; and the writers take
  # turns in a rotating order, so none always follows the same one.
  prime_writer() { cat -- "$C"/* >"$OUT/prime.out"; rm -f "$OUT/prime.out"; sync; }
  writers=(ours ours+udf genisoimage geniso-udf xorriso cat dd floor-cat)
  for ((r = 0; r < REPEAT; r++)); do
    sync; run_floor c:floor "$C" "$TIMEOUT"
    for ((i = 0; i < ${#writers[@]}; i++)); do
      w=${writers[$(((i + r) % ${#writers[@]}))]}
      prime_writer
      case $w in
        ours) run_ours c:ours "$C" ;;
        ours+udf) run_ours c:ours+udf "$C" "$TIMEOUT" -udf ;;
        genisoimage) run_geniso c:genisoimage "$C" ;;
        geniso-udf) run_geniso c:geniso-udf "$C" "$TIMEOUT" -udf ;;
        xorriso) run_xorriso c:xorriso "$C" ;;
        cat) run_cat c:cat "$C" ;;
        dd) run_dd c:dd "$C" ;;
        floor-cat)
          run_floor c:floor-cat "$C" "$TIMEOUT" -copy-to "$(imapi_winpath "$OUT")\\floorcat.out"
          rm -f "$OUT/floorcat.out" ;;
      esac
    done
  done
  say "(c) $C_MIB MiB in large files (output on the same disk)"
  print_table c floor ours ours+udf genisoimage geniso-udf xorriso cat dd floor-cat
  print_ratios c
  print_udf_ratios c
  rate() { if [ "${RC[c:$1]:-x}" = 0 ]; then calc "printf \"%.1f\", $C_MIB / ${WALL[c:$1]}"; else printf 'n/a'; fi; }
  sayf '  rates MiB/s: ours %s, floor (read only) %s, genisoimage %s, xorriso %s, cat %s, dd %s, floor-cat %s\n' \
    "$(rate ours)" "$(rate floor)" "$(rate genisoimage)" "$(rate xorriso)" "$(rate cat)" "$(rate dd)" "$(rate floor-cat)"
  sayf '  ours/cat %s; ours/dd %s (dd: a native read+write copy; cat copies in the kernel); ours/floor-cat %s (floor-cat: the floor program with -copy-to, a Win32 cat under Wine)\n' \
    "$(ratio "$(rate ours)" "$(rate cat)")" "$(ratio "$(rate ours)" "$(rate dd)")" "$(ratio "$(rate ours)" "$(rate floor-cat)")"
  # Writing 3 GiB on a shared VM is erratic from run to run: the ratio within each round
  # (ours and cat a few seconds apart) says more than best vs. best.
  sayf '  ours/cat rate, median of paired rounds: %s; wall s per round: ours %s| cat %s\n' \
    "$(paired c:cat c:ours)" "${ROUNDS[c:ours]:-}" "${ROUNDS[c:cat]:-}"
  sayf '  ours/dd rate, median of paired rounds: %s; wall s per round: dd %s\n' "$(paired c:dd c:ours)" "${ROUNDS[c:dd]:-}"
  say ""
  target "(c) ours at least 80% of cat's rate (ours/cat)" "$(ratio "$(rate ours)" "$(rate cat)")" "v >= 0.8"
fi

if has_case scaling; then
  imapi_log "scaling check"
  say "scaling: long names in one directory, ours (and floor for reference; best of $REPEAT)"
  sayf '  %9s %10s %12s %10s %12s %11s\n' entries "ours s" "ours us/ent" "floor s" "floor us/ent" "ours/floor*"
  first="" last="" first_rel="" last_rel=""
  for n in $B_SCALING; do
    S="$TREES/b-$n"
    ensure_tree b "$S" "$n"
    warm_cache "$S"
    for ((r = 0; r < REPEAT; r++)); do
      run_floor "s$n:floor" "$S" "$TIMEOUT"
      run_ours "s$n:ours" "$S"
    done
    o=$(ok_wall "s$n:ours")
    f=$(ok_wall "s$n:floor")
    per_o=n/a per_f=n/a
    if [ "$o" != n/a ]; then per_o=$(calc "printf \"%.1f\", $o * 1e6 / $n"); fi
    if [ "$f" != n/a ]; then per_f=$(calc "printf \"%.1f\", $f * 1e6 / $n"); fi
    rel=$(paired "s$n:ours" "s$n:floor")
    sayf '  %9s %10s %12s %10s %12s %11s\n' "$n" "$o" "$per_o" "$f" "$per_f" "$rel"
    [ -n "$first" ] || { first="$per_o"; first_rel="$rel"; }
    last="$per_o" last_rel="$rel"
  done
  growth=$(ratio "$last" "$first")
  say "  * median of paired rounds"
  say "  time per entry, largest vs. smallest size: ${growth}x (linear: ~1x; quadratic: grows like the size ratio)"
  say "  relative to the floor (which is linear), largest vs. smallest: $(ratio "$last_rel" "$first_rel")x"
  say ""
  target "scaling: no quadratic growth (time per entry, largest/smallest)" "$growth" "v <= 2"
fi

if has_case variants; then
  imapi_log "floor variants"
  say "floor variants (what lowers the Win32 floor under Wine): wall s / program s"
  vtrees=()
  if has_case a; then vtrees+=("a:$A"); fi
  if has_case b; then vtrees+=("b:$B"); fi
  if [ "${#vtrees[@]}" -eq 0 ]; then
    A="$TREES/a-$A_FILES-$A_DIRS"; ensure_tree a "$A" "$A_FILES" "$A_DIRS"; vtrees+=("a:$A")
  fi
  variants=("" "-list-only" "-seq" "-skip-empty" "-basic" "-large-fetch" "-threads 1" "-threads 2"
            "-seq -skip-empty -basic -large-fetch -threads 2")
  for vt in "${vtrees[@]}"; do
    c="${vt%%:*}"
    src="${vt#*:}"
    warm_cache "$src"
    for ((r = 0; r < REPEAT; r++)); do
      for flags in "${variants[@]}"; do
        read -r -a fa <<<"$flags"
        run_floor "v$c:${flags:-plain}" "$src" "$TIMEOUT" "${fa[@]}"
      done
    done
    for flags in "${variants[@]}"; do
      k="v$c:${flags:-plain}"
      sayf '  (%s) %-48s %8s / %8s  %s\n' "$c" "${flags:-(plain)}" "$(ok_wall "$k")" "${INTERNAL[$k]:--}" \
        "${NOTE[$k]}"
    done
  done
  say ""
fi

say "targets:"
for t in "${TARGETS[@]}"; do say "  $t"; done
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared: numbers taken on a busy machine are noisy)"
say "logs: $LOGDIR, report: $REPORT"
