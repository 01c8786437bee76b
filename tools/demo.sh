#!/usr/bin/env bash
# The main job: build imapi2.dll and imapi2fs.dll (64-bit), install them into
# a private Wine prefix, register them, give the prefix an emulated DVD+R recorder,
# list the recorders from VBScript (tools/demo/demo.vbs) and with imapi2-burn -list,
# burn a folder onto the blank disc with imapi2-burn.exe (IDiscFormat2Data and
# IMAPI2FS: the public IMAPI2 API only), leaving it appendable, then append a second
# session (another small folder, burned by the 32-bit imapi2-burn.exe where 32-bit Wine
# exists): the burner imports the first session (IFileSystemImage::ImportFileSystem
# through the format's MultisessionInterfaces) and adds the folder beside it, so the
# second session holds both folders and points at the first one's data where it lies.
# Then export the disc, show its two sessions with xorriso -toc and a listing, and
# compare the last session with both folders together (xorriso extract + diff -r).
# Where 32-bit Wine is installed, the 32-bit DLLs are built and registered in
# the same prefix too (syswow64), for 32-bit burning programs.
#
#   tools/demo.sh [FOLDER]      (default: a small sample folder the script makes;
#                                FOLDER becomes the first session)
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

# build_dlls <build-dir> <toolchain> <log>: configure and build one bitness.
build_dlls() {
  { cmake -S . -B "$1" -DCMAKE_TOOLCHAIN_FILE="$2" && cmake --build "$1" -j "$JOBS"; } >"$3" 2>&1
}

mkdir -p build/logs
imapi_log "building the 64-bit DLLs in $BUILD"
if ! build_dlls "$BUILD" cmake/mingw-x86_64.cmake build/logs/demo.build.log; then
  tail -n 40 build/logs/demo.build.log
  imapi_die "the build failed (full log: build/logs/demo.build.log)"
fi
if ! missing="$(imapi_wine_built_dlls "$BUILD")"; then
  printf '%s\n' "$missing" | sed 's/^/not built: /'
  imapi_die "the build produced no imapi2.dll/imapi2fs.dll yet (dlls/ is still a placeholder)"
fi
DONE+=("built $BUILD/dlls/imapi2/imapi2.dll and $BUILD/dlls/imapi2fs/imapi2fs.dll")
# 32-bit programs need the 32-bit DLLs beside the 64-bit ones.
BUILD32="$IMAPI_ROOT/build/win32"
if imapi_wine32_usable; then
  imapi_log "building the 32-bit DLLs in $BUILD32"
  if build_dlls "$BUILD32" cmake/mingw-i686.cmake build/logs/demo.build32.log; then
    DONE+=("built the 32-bit DLLs in $BUILD32")
  else
    tail -n 40 build/logs/demo.build32.log
    imapi_die "the 32-bit build failed (full log: build/logs/demo.build32.log)"
  fi
fi

imapi_wine_env "$PREFIX"
if [ -f "$PREFIX/system.reg" ]; then
  DONE+=("used the existing Wine prefix $PREFIX")
else
  imapi_wine_prefix_init || imapi_die "could not create the Wine prefix $PREFIX"
  DONE+=("created the Wine prefix $PREFIX (64-bit, with syswow64 for 32-bit programs)")
fi

imapi_log "installing and registering the DLLs in $PREFIX"
mkdir -p "$PREFIX/logs"
if ! installed="$(imapi_wine_install_both "$BUILD" "$BUILD32" "$PREFIX/logs/regsvr32.log")"; then
  printf '%s\n' "$installed"
  imapi_die "installing or registering the DLLs failed: they are not usable in $PREFIX"
fi
while IFS= read -r line; do DONE+=("$line"); done <<<"$installed"
imapi_wine_overrides || imapi_warn "could not set the DLL overrides in the prefix"
DONE+=("set the prefix's DLL overrides for imapi2 and imapi2fs to native,builtin")

# The emulated recorder: the native vdrive tool (built without sanitizers).
imapi_log "building the native recorder tool in build/native-plain"
if ! { cmake -S . -B build/native-plain && cmake --build build/native-plain -j "$JOBS" --target vdrive; } \
     >build/logs/demo.native.log 2>&1; then
  tail -n 40 build/logs/demo.native.log
  imapi_die "building the vdrive tool failed (build/logs/demo.native.log)"
fi
VDRIVE="$IMAPI_ROOT/build/native-plain/tools/vdrive/vdrive"
REC="$PREFIX/recorders/demo"
mkdir -p "$REC"
if [ ! -f "$REC/config.txt" ]; then
  "$VDRIVE" create "$REC" --vendor IMAPI2WN --product "DVD+R Burner" >/dev/null
  DONE+=("created the emulated recorder $REC")
fi
"$VDRIVE" insert "$REC" dvd+r >/dev/null
# The 64-bit reg.exe writes the 64-bit registry view; both DLLs read it (and the 32-bit one).
imapi_wine win64 reg.exe add 'HKLM\Software\Wine\IMAPI2\EmulatedRecorders\demo' /v Path /d "$REC" /f >/dev/null 2>&1 </dev/null ||
  imapi_die "could not register the recorder in the prefix's registry"
DONE+=("inserted a blank DVD+R and registered the recorder under HKLM\\Software\\Wine\\IMAPI2\\EmulatedRecorders\\demo")

SRC="${1:-}"
if [ -z "$SRC" ]; then
  SRC="$PREFIX/demo-folder"
  rm -rf "$SRC"
  mkdir -p "$SRC/docs" "$SRC/Ελληνικά"
  cp README.md "$SRC/docs/"
  cp -r core/fs "$SRC/docs/core-fs-sources"
  echo "Burned by imapi2 for Wine on $(date -u)" >"$SRC/hello.txt"
  echo "γειά σου" >"$SRC/Ελληνικά/καλημέρα.txt"
fi

# The second session: a small folder of its own.
SRC2="$PREFIX/demo-folder-2"
rm -rf "$SRC2"
mkdir -p "$SRC2/notes"
echo "Second session, appended by imapi2-burn on $(date -u)" >"$SRC2/session2.txt"
printf 'one\ntwo\nthree\n' >"$SRC2/notes/list.txt"

rc=0
for arch in $(imapi_wine_arches); do
  imapi_log "listing recorders with tools/demo/demo.vbs ($arch cscript)"
  imapi_wine "$arch" cscript.exe //nologo "$(imapi_winpath tools/demo/demo.vbs)" </dev/null || rc=$?
done
imapi_wine32_usable || DONE+=("32-bit: not set up: $(imapi_wine32_why); 32-bit programs will not find IMAPI2 in this prefix")

BURN64="$BUILD/tools/burn/imapi2-burn.exe"
BURN2=(win64 "$BURN64")   # the burner of the second session: 32-bit where it can run
if imapi_wine32_usable && [ -f "$BUILD32/tools/burn/imapi2-burn.exe" ]; then
  BURN2=(win32 "$BUILD32/tools/burn/imapi2-burn.exe")
fi
imapi_log "the recorders, as imapi2-burn -list sees them"
imapi_wine win64 "$BURN64" -list </dev/null || rc=1

# export_disc <iso>: the whole disc as one file, every session at its own LBA. The
# vdrive CLI exports the last session at its absolute LBAs (earlier ones left as a
# hole); the data tracks of earlier sessions are exported one by one and put in place.
export_disc() {
  local iso="$1" track session start written
  "$VDRIVE" export-iso "$REC" "$iso" >/dev/null || return 1
  while read -r track session start written; do
    "$VDRIVE" export-iso "$REC" "$iso.track" --track "$track" >/dev/null || return 1
    dd if="$iso.track" of="$iso" bs=2048 skip="$start" seek="$start" count="$written" conv=notrunc status=none || return 1
  done < <("$VDRIVE" show "$REC" | sed -n 's/^ *track \([0-9]*\): session \([0-9]*\), data, start \([0-9]*\), .*written \([0-9]*\)$/\1 \2 \3 \4/p' |
           awk '$4 > 0 { last = $2; line[NR] = $0; s[NR] = $2 } END { for (i in line) if (s[i] != last) print line[i] }')
  rm -f "$iso.track"
}

imapi_log "burning $SRC with imapi2-burn.exe (first session, the disc stays appendable)"
if imapi_wine win64 "$BURN64" -V IMAPI2DEMO "$(imapi_winpath "$SRC")" </dev/null; then
  DONE+=("burned $SRC onto the emulated DVD+R with imapi2-burn.exe (first session; the disc stays appendable)")
  echo
  imapi_log "appending $SRC2 as a second session (${BURN2[0]} imapi2-burn.exe)"
  if imapi_wine "${BURN2[@]}" -V IMAPI2DEMO2 "$(imapi_winpath "$SRC2")" </dev/null; then
    DONE+=("appended $SRC2 as a second session with the ${BURN2[0]} imapi2-burn.exe, which imported the first session (ImportFileSystem) and added the folder beside its files")
  else
    DONE+=("appending the second session FAILED")
    rc=1
  fi
  echo
  "$VDRIVE" show "$REC"
  ISO="$PREFIX/demo-disc.iso"
  if export_disc "$ISO"; then
    echo
    imapi_log "the burned disc, as xorriso reads it (the sessions, then the last one's files)"
    # Every session: libisoburn emulates the TOC of an image file by scanning it.
    xorriso -rom_toc_scan emul_wide -indev "$ISO" -toc 2>/dev/null | grep -E '^(TOC layout|ISO session|Media summary)'
    LAST=
    for sb in $(xorriso -rom_toc_scan emul_wide -indev "$ISO" -toc 2>/dev/null | sed -n 's/^ISO session *: *[0-9]* , *\([0-9]*\) ,.*/\1/p'); do
      echo "files of the session at block $sb:"
      xorriso -rom_toc_scan emul_wide -load sbsector "$sb" -indev "$ISO" -find / -type f 2>/dev/null | head -n 8 | sed 's/^/  /'
      LAST="$sb"
    done
    OUT="$PREFIX/demo-disc-extracted"
    BOTH="$PREFIX/demo-folders-1+2"   # what the last session must hold: both folders
    rm -rf "$OUT" "$BOTH"
    cp -r "$SRC" "$BOTH" && cp -r "$SRC2/." "$BOTH/"
    if xorriso -osirrox on -rom_toc_scan emul_wide -load sbsector "${LAST:-0}" -indev "$ISO" -extract / "$OUT" >/dev/null 2>&1 &&
       diff -r "$BOTH" "$OUT"; then
      DONE+=("exported the disc to $ISO; xorriso finds its sessions; the last one (from block ${LAST:-?}), extracted, is identical to $SRC and $SRC2 together (diff -r)")
    else
      DONE+=("exported the disc to $ISO; its last session, extracted by xorriso, DIFFERS from $SRC and $SRC2 together")
      rc=1
    fi
  else
    DONE+=("exporting the disc with the vdrive CLI FAILED")
    rc=1
  fi
else
  DONE+=("burning with imapi2-burn.exe FAILED")
  rc=1
fi

echo
echo "What tools/demo.sh did:"
for d in "${DONE[@]}"; do
  echo "  - $d"
done
if [ "$rc" -eq 0 ]; then
  echo "  - everything worked"
else
  echo "  - something FAILED (see above)"
fi
echo "Run your programs in this prefix with the loader of their bitness:"
echo "  64-bit:  WINEPREFIX=\"$PREFIX\" WINELOADER=/usr/lib/wine/wine64 /usr/lib/wine/wine64 program64.exe"
if imapi_wine32_usable; then
  echo "  32-bit:  WINEPREFIX=\"$PREFIX\" /usr/lib/wine/wine program32.exe   (or plain 'wine', which picks it)"
fi
exit "$rc"
