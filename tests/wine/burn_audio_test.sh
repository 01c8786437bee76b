#!/usr/bin/env bash
# imapi2-burn.exe -audio (tools/burn/audio.c, IDiscFormat2TrackAtOnce) as a user drives it,
# in a throwaway 64-bit prefix with emulated recorders:
#   - WAV files of another format (mono, 48 kHz, 8 bits) are refused in words before the
#     disc is touched (exit 1, the CD-R still blank);
#   - two CD-DA WAVs (one not ending on a sector, one under 4 s) burn to a CD-R; the disc,
#     exported by the vdrive CLI as BIN/CUE, shows two audio tracks at the right starts in
#     cd-info, and bchunk splits it into tracks that are the WAVs' samples byte for byte,
#     followed by silence (the completed sector, the padding to 4 s);
#   - a DVD+R is refused in words (exit 1);
#   - a second burn onto the finalized CD-R is refused in words (exit 1);
#   - -raw (IRawCDImageCreator + IDiscFormat2RawCD) burns two WAVs disc at once with an MCN
#     and an ISRC to a CD-RW: cd-info shows the tracks and the MCN, the cue sheet the ISRC,
#     bchunk's tracks are the WAVs' samples; a WAV under 4 s is refused in words.
# Last line: "burn_audio_test: N passed, M failed". Environment: IMAPI_BURN_AUDIO_TEST_DIR
# (default build/burn-audio-test) holds the prefix; it is removed first.
set -uo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib/common.sh"
# shellcheck source=tools/lib/wine.sh
source "$IMAPI_ROOT/tools/lib/wine.sh"
cd "$IMAPI_ROOT"

DIR="${IMAPI_BURN_AUDIO_TEST_DIR:-$IMAPI_ROOT/build/burn-audio-test}"
BUILD="$IMAPI_ROOT/build/win64"
NATIVE="$IMAPI_ROOT/build/native-plain"
VDRIVE="$NATIVE/tools/vdrive/vdrive"
BURN="$BUILD/tools/burn/imapi2-burn.exe"
PASSED=0
FAILED=0
check() {   # check <description> <command...>
  local what="$1"
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "ok    $what"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL  $what"
  fi
}

rm -rf "$DIR"
mkdir -p "$DIR"
unset DISPLAY WAYLAND_DISPLAY

# What the test needs, built if missing (the DLLs, the tool, the vdrive CLI).
if [ ! -f "$BURN" ] || ! imapi_wine_built_dlls "$BUILD" >/dev/null; then
  { cmake -S . -B "$BUILD" -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-x86_64.cmake &&
    cmake --build "$BUILD" -j 2 --target imapi2 imapi2fs imapi2-burn; } >"$DIR/build.log" 2>&1 ||
    { tail -n 30 "$DIR/build.log"; imapi_die "building the 64-bit DLLs and imapi2-burn failed"; }
fi
if [ ! -x "$VDRIVE" ]; then
  { cmake -S . -B "$NATIVE" -DIMAPI_SANITIZE=OFF && cmake --build "$NATIVE" -j 2 --target vdrive; } \
    >>"$DIR/build.log" 2>&1 || { tail -n 30 "$DIR/build.log"; imapi_die "building vdrive failed"; }
fi

# The prefix: 64-bit DLLs installed and registered (32-bit is the demo test's matter).
imapi_wine_env "$DIR/prefix"
imapi_wine_prefix_init || imapi_die "could not create the Wine prefix"
imapi_wine_install_dlls "$BUILD" win64
imapi_wine_register win64 >"$DIR/regsvr32.log" 2>&1 </dev/null || imapi_die "regsvr32 failed ($DIR/regsvr32.log)"

# Recorders: name, product, media.
REC="$DIR/recorders"
add_recorder() {
  mkdir -p "$REC/$1" && "$VDRIVE" create "$REC/$1" --product "$2" >/dev/null && "$VDRIVE" insert "$REC/$1" "$3" >/dev/null &&
    imapi_wine win64 reg.exe add "HKLM\\Software\\Wine\\IMAPI2\\EmulatedRecorders\\$1" /v Path /d "$REC/$1" /f \
      >/dev/null 2>&1 </dev/null
}
add_recorder cd "CD Burner" cdr
add_recorder dvd "DVD+R Burner" dvd+r
add_recorder raw "Raw Burner" cdrw

burn() {   # burn <log> args...: runs the tool, output (progress \r -> \n) in <log>
  local log="$1" rc=0
  shift
  imapi_wine win64 "$BURN" "$@" </dev/null >"$DIR/$log.raw" 2>&1 || rc=$?
  tr '\r' '\n' <"$DIR/$log.raw" | grep -v '^ *$' >"$DIR/$log"
  sed 's/^/  | /' "$DIR/$log" | grep -vE '^  \| (Validating|Initializing|Calibrating|Writing|Finalizing|Verifying|Completed) ' 
  return "$rc"
}
rc_is() { [ "$1" -eq "$2" ]; }


CD="$(imapi_wine win64 "$BURN" -list </dev/null 2>/dev/null | tr -d '\r' | sed -n 's/^\([0-9]*\): IMAPIEMU CD Burner .*/\1/p')"
RAW="$(imapi_wine win64 "$BURN" -list </dev/null 2>/dev/null | tr -d '\r' | sed -n 's/^\([0-9]*\): IMAPIEMU Raw Burner .*/\1/p')"
DVD="$(imapi_wine win64 "$BURN" -list </dev/null 2>/dev/null | tr -d '\r' | sed -n 's/^\([0-9]*\): IMAPIEMU DVD+R Burner .*/\1/p')"
check "-list shows the three recorders" bash -c "[ -n \"$CD\" ] && [ -n \"$DVD\" ] && [ -n \"$RAW\" ]"

check "cd-info and bchunk are installed (tools/install-deps.sh: libcdio-utils, bchunk)" \
  bash -c 'command -v cd-info >/dev/null && command -v bchunk >/dev/null'

# WAV files: python's wave module writes them (an independent writer)
mkwav() {   # mkwav <file> <channels> <rate> <sampwidth> <frames> <seed>
  python3 - "$@" <<'PY'
import sys, wave
path, ch, rate, width, frames, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
n = frames * ch * width
data = bytes(((i * 31 + seed + (i >> 11)) & 0xFF) for i in range(n))
with wave.open(path, 'wb') as w:
    w.setnchannels(ch); w.setsampwidth(width); w.setframerate(rate); w.writeframes(data)
PY
}
mkwav "$DIR/one.wav" 2 44100 2 $((5 * 44100 + 123)) 1      # 5 s and a bit: not whole sectors
mkwav "$DIR/two.wav" 2 44100 2 $((2 * 44100)) 2            # 2 s: padded to 4 s
mkwav "$DIR/mono.wav" 1 44100 2 44100 3
mkwav "$DIR/48k.wav" 2 48000 2 48000 4
mkwav "$DIR/8bit.wav" 2 44100 1 44100 5
W() { imapi_winpath "$DIR/$1"; }

for bad in mono 48k 8bit; do
  rc=0; burn "$bad.out" -audio -d "$CD" "$(W one.wav)" "$(W $bad.wav)" || rc=$?
  check "a $bad WAV is refused with exit 1 (exit $rc)" rc_is "$rc" 1
  check "... saying what an audio CD needs" grep -q 'an audio CD needs PCM, 2 channels, 44100 Hz, 16 bits' "$DIR/$bad.out"
done
check "... and the CD-R is still blank" bash -c '"$1" show "$2" | grep -q "disc: blank"' _ "$VDRIVE" "$REC/cd"

rc=0; burn dvd.out -audio -d "$DVD" "$(W one.wav)" || rc=$?
check "a DVD+R is refused with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying a blank CD-R or CD-RW is needed" grep -q 'audio CDs are written to a blank CD-R or CD-RW' "$DIR/dvd.out"

rc=0; burn cd.out -audio -d "$CD" "$(W one.wav)" "$(W two.wav)" || rc=$?
check "two WAVs burn to the CD-R (exit $rc)" rc_is "$rc" 0
check "... the tool reports two tracks and a finalized disc" grep -q 'done: 2 track(s), the disc is finalized' "$DIR/cd.out"
check "... with a progress line per track" grep -qE '^track  2 (finishing|writing) +100%' "$DIR/cd.out"

# the disc, judged by cd-info and bchunk on vdrive's BIN/CUE export
check "vdrive exports the CD-R as BIN/CUE" "$VDRIVE" export-cue "$REC/cd" "$DIR/audio.cue"
S1=$(( (5 * 44100 + 123) * 4 ))                  # bytes of one.wav's samples
T1=$(( (S1 + 2351) / 2352 ))                     # its sectors
T2START=$(( T1 + 150 ))
msf() { printf '%02d:%02d:%02d' $(( ($1 + 150) / 4500 )) $(( ($1 + 150) / 75 % 60 )) $(( ($1 + 150) % 75 )); }
(cd "$DIR" && cd-info --no-header --no-device-info --no-cddb --no-analyze --cue-file audio.cue >"$DIR/cd-info.out" 2>&1)
check "cd-info: track 1 audio at LSN 0" grep -Eq "^ +1: 00:02:00  000000 audio" "$DIR/cd-info.out"
check "cd-info: track 2 audio at LSN $T2START ($(msf $T2START))" grep -Eq "^ +2: $(msf $T2START)  $(printf %06d $T2START) audio" "$DIR/cd-info.out"
check "cd-info: lead-out after the 4 s of track 2" grep -Eq "^170: $(msf $((T2START + 300)))  $(printf %06d $((T2START + 300))) leadout" "$DIR/cd-info.out"
(cd "$DIR" && rm -f split*.cdr && bchunk audio.bin audio.cue split >"$DIR/bchunk.out" 2>&1)
check "bchunk splits the image into two tracks" [ -f "$DIR/split01.cdr" ] && [ -f "$DIR/split02.cdr" ]
pcm() {   # pcm <wav> <out>: the samples, as python's wave module reads them
  python3 -c 'import sys, wave; w = wave.open(sys.argv[1]); open(sys.argv[2], "wb").write(w.readframes(w.getnframes()))' "$1" "$2"
}
pcm "$DIR/one.wav" "$DIR/one.pcm"; pcm "$DIR/two.wav" "$DIR/two.pcm"
same_then_silence() {   # same_then_silence <track> <pcm> <sectors>
  local size; size=$(stat -c %s "$2")
  [ "$(stat -c %s "$1")" -eq $(( $3 * 2352 )) ] && cmp -n "$size" "$1" "$2" &&
    [ -z "$(tail -c +$((size + 1)) "$1" | tr -d '\0' | head -c 1)" ]
}
check "track 1 is one.wav's samples byte for byte, then silence to the sector ($T1 sectors)" same_then_silence "$DIR/split01.cdr" "$DIR/one.pcm" "$T1"
check "track 2 is two.wav's samples byte for byte, then silence to 4 s (300 sectors)" same_then_silence "$DIR/split02.cdr" "$DIR/two.pcm" 300

rc=0; burn again.out -audio -d "$CD" "$(W two.wav)" || rc=$?
check "a second burn onto the finalized CD-R fails with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying the disc is not blank" grep -q 'is not blank' "$DIR/again.out"

# -raw: disc at once from IRawCDImageCreator
mkwav "$DIR/three.wav" 2 44100 2 $((4 * 44100 + 22050)) 3    # 4.5 s
rc=0; burn rawshort.out -raw -d "$RAW" "$(W one.wav)" "$(W two.wav)" || rc=$?
check "-raw refuses a WAV under 4 s with exit 1 (exit $rc)" rc_is "$rc" 1
check "... saying a disc-at-once track needs 4 s" grep -q 'a disc-at-once track needs at least 4 s' "$DIR/rawshort.out"
check "... and the CD-RW is still blank" bash -c '"$1" show "$2" | grep -q "disc: blank"' _ "$VDRIVE" "$REC/raw"
rc=0; burn raw.out -raw -d "$RAW" -mcn 0012345678905 -isrc US-K7Y-98-12345 "$(W one.wav)" "$(W three.wav)" || rc=$?
check "-raw burns two WAVs disc at once to the CD-RW (exit $rc)" rc_is "$rc" 0
check "vdrive exports the raw CD-RW as BIN/CUE" "$VDRIVE" export-cue "$REC/raw" "$DIR/raw.cue"
S3=$(( (4 * 44100 + 22050) * 4 )); T3=$(( (S3 + 2351) / 2352 ))
(cd "$DIR" && cd-info --no-header --no-device-info --no-cddb --no-analyze --cue-file raw.cue >"$DIR/raw-info.out" 2>&1)
check "cd-info: raw track 1 at LSN 0" grep -Eq "^ +1: 00:02:00  000000 audio" "$DIR/raw-info.out"
check "cd-info: raw track 2 at LSN $T2START" grep -Eq "^ +2: $(msf $T2START)  $(printf %06d $T2START) audio" "$DIR/raw-info.out"
check "cd-info: lead-out at $((T2START + T3))" grep -Eq "^170: $(msf $((T2START + T3)))  $(printf %06d $((T2START + T3))) leadout" "$DIR/raw-info.out"
check "cd-info: the MCN 0012345678905" grep -q 'Media Catalog Number (MCN): 0012345678905' "$DIR/raw-info.out"
check "the cue sheet has track 1's ISRC and track 2's pre-gap" bash -c 'grep -q "ISRC USK7Y9812345" "$1" && grep -q "INDEX 00" "$1"' _ "$DIR/raw.cue"
(cd "$DIR" && rm -f rsplit*.cdr && bchunk raw.bin raw.cue rsplit >"$DIR/rbchunk.out" 2>&1)
pcm "$DIR/three.wav" "$DIR/three.pcm"
check "raw track 1 is one.wav's samples byte for byte ($T1 sectors)" same_then_silence "$DIR/rsplit01.cdr" "$DIR/one.pcm" "$T1"
check "raw track 2 is three.wav's samples byte for byte ($T3 sectors)" same_then_silence "$DIR/rsplit02.cdr" "$DIR/three.pcm" "$T3"

imapi_wineserver -k >/dev/null 2>&1
echo "burn_audio_test: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
