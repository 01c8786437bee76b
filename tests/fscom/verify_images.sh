#!/usr/bin/env bash
# Judges the images that winetest/fsimage.exe built through IMAPI2FS's COM objects
# (MsftFileSystemImage -> AddTree -> CreateResultImage -> ImageStream) with
# independent native readers: xorriso, 7z, isoinfo, isovfy and pycdlib; and the UDF
# images of winetest/fsimage_udf.exe with 7z -tudf, udfinfo, libudfread and pycdlib.
#
#   tests/fscom/verify_images.sh [DIR]
#
# DIR holds fscom-images.txt (default: build/win64/winetest-tmp, where
# winetest/run-wine.sh leaves IMAPI_TEST_TMP). Each manifest line is
#   <image> <source tree (Unix path)> [base] [isoonly] [<volume id>]
#   base     the tree was added with includeBaseDirectory = TRUE
#   isoonly  FileSystemsToCreate = ISO9660 (mangled names: compare contents by
#            checksum and count, not by name)
# Prints one line per check and "verify_images: P passed, F failed[, S skipped]";
# exits with the failure count (0 = all readers agree with the source trees). A reader that is
# not installed is reported as skipped, and no image at all is a failure.
set -u

DIR="${1:-build/win64/winetest-tmp}"
MANIFEST="$DIR/fscom-images.txt"
checks=0
failures=0
skips=0
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

pass() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }
skip() { skips=$((skips + 1)); echo "skip $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

PYTHON=""
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import pycdlib' >/dev/null 2>&1; then PYTHON="$p"; break; fi
done
PYCDLIB_CHECK="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/fs/pycdlib_check.py"

# "size md5" of every file under a directory, sorted: the content multiset.
contents() { (cd "$1" && find . -type f -exec md5sum {} + | awk '{print $1}' | sort); }
count_files() { find "$1" -type f | wc -l; }
count_dirs() { find "$1" -mindepth 1 -type d | wc -l; }

if [ ! -f "$MANIFEST" ]; then
  fail "no manifest $MANIFEST (run the win64 winetests first)"
  echo "verify_images: 0 passed, $failures failed"
  exit 1
fi

while read -r -u 3 line; do
  line="${line%$'\r'}"   # the manifest is written by a Windows program (CRLF)
  read -r image src rest <<<"$line"
  [ -n "${image:-}" ] || continue
  img="$DIR/$image"
  base=0; isoonly=0; volid=""
  for w in $rest; do
    case "$w" in base) base=1 ;; isoonly) isoonly=1 ;; *) volid="$w" ;; esac
  done
  if [ ! -s "$img" ]; then fail "$image: missing or empty"; continue; fi
  if [ ! -d "$src" ]; then fail "$image: source tree $src missing"; continue; fi
  size=$(stat -c %s "$img")
  if [ $((size % 2048)) -eq 0 ]; then pass "$image: $size bytes, whole 2048-byte blocks"
  else fail "$image: size $size is not a multiple of 2048"; fi

  # the tree as it must appear at the image root
  want="$WORK/want-$image"
  mkdir -p "$want"
  if [ "$base" = 1 ]; then cp -a "$src" "$want/"; else cp -a "$src/." "$want/"; fi

  # xorriso: extract everything, compare with the source
  if have xorriso; then
    out="$WORK/xorriso-$image"
    if xorriso -osirrox on -indev "$img" -extract / "$out" >"$WORK/xorriso.log" 2>&1; then
      chmod -R u+w "$out"
      if [ "$isoonly" = 1 ]; then
        if [ "$(contents "$out")" = "$(contents "$want")" ] && [ "$(count_dirs "$out")" = "$(count_dirs "$want")" ]
        then pass "$image: xorriso extract, same file contents and directory count (ISO9660 names)"
        else fail "$image: xorriso extract differs from the source"; fi
      elif diff -r "$want" "$out" >"$WORK/diff.log" 2>&1; then
        pass "$image: xorriso extract identical to the source tree"
      else
        fail "$image: xorriso extract differs: $(head -3 "$WORK/diff.log" | tr '\n' ' ')"
      fi
    else
      fail "$image: xorriso cannot read it: $(tail -2 "$WORK/xorriso.log" | tr '\n' ' ')"
    fi
  else skip "$image: xorriso not installed"; fi

  # 7z: its own ISO reader (Joliet names when present)
  if have 7z; then
    out="$WORK/7z-$image"
    if 7z x -y -o"$out" "$img" >"$WORK/7z.log" 2>&1; then
      if [ "$isoonly" = 1 ]; then
        if [ "$(contents "$out")" = "$(contents "$want")" ]; then pass "$image: 7z extract, same file contents"
        else fail "$image: 7z extract differs from the source"; fi
      elif diff -r -x '\[BOOT\]' "$want" "$out" >"$WORK/diff.log" 2>&1; then
        # ([BOOT] is 7z's folder of El Torito images, judged below)
        pass "$image: 7z extract identical to the source tree"
      else
        fail "$image: 7z extract differs: $(head -3 "$WORK/diff.log" | tr '\n' ' ')"
      fi
    else fail "$image: 7z cannot read it: $(tail -3 "$WORK/7z.log" | tr '\n' ' ')"; fi
  else skip "$image: 7z not installed"; fi

  # isoinfo: descriptors and listings of both trees
  if have isoinfo; then
    if isoinfo -d -i "$img" >"$WORK/isoinfo-d.log" 2>&1; then
      pass "$image: isoinfo reads the primary volume descriptor"
      if [ -n "$volid" ]; then
        if grep -Eq "^Volume id: ${volid} *$" "$WORK/isoinfo-d.log"; then pass "$image: volume id $volid"
        else fail "$image: volume id is '$(grep '^Volume id' "$WORK/isoinfo-d.log")', expected $volid"; fi
      fi
      if [ "$isoonly" = 1 ]; then
        if grep -q "Joliet with UCS" "$WORK/isoinfo-d.log"; then fail "$image: Joliet written although ISO9660 only was asked"
        else pass "$image: no Joliet descriptor (ISO9660 only)"; fi
      else
        if grep -q "Joliet with UCS level 3 found" "$WORK/isoinfo-d.log"; then pass "$image: Joliet descriptor (UCS level 3)"
        else fail "$image: no Joliet descriptor"; fi
        n=$(isoinfo -J -f -i "$img" 2>/dev/null | wc -l)
        w=$(( $(count_files "$want") + $(count_dirs "$want") ))
        if [ "$n" = "$w" ]; then pass "$image: isoinfo -J lists $n entries"
        else fail "$image: isoinfo -J lists $n entries, the source has $w"; fi
      fi
      # IsHidden from the disk file's attribute: the existence bit of the file flags
      if [ -f "$want/hidden.txt" ] || [ -f "$want/fscom-tree/hidden.txt" ]; then
        if isoinfo -l -i "$img" 2>/dev/null | grep -Eq '\[ *[0-9]+ 01\] +HIDDEN'; then
          pass "$image: hidden.txt carries the hidden (existence) flag"
        else fail "$image: hidden.txt is not flagged hidden"; fi
      fi
      n=$(isoinfo -f -i "$img" 2>/dev/null | wc -l)
      w=$(( $(count_files "$want") + $(count_dirs "$want") ))
      if [ "$n" = "$w" ]; then pass "$image: isoinfo (ISO9660 tree) lists $n entries"
      else fail "$image: isoinfo lists $n ISO9660 entries, the source has $w"; fi
    else fail "$image: isoinfo -d failed"; fi
  else skip "$image: isoinfo not installed"; fi

  if have isovfy; then
    # its all-clear line is "No errors found"
    if isovfy -i "$img" >"$WORK/isovfy.log" 2>&1 && ! grep -i "error" "$WORK/isovfy.log" | grep -qvi "no errors found"; then
      pass "$image: isovfy finds no errors"
    else fail "$image: isovfy: $(grep -i error "$WORK/isovfy.log" | head -3 | tr '\n' ' ')"; fi
  else skip "$image: isovfy not installed"; fi

  # pycdlib: walks both trees, compares Joliet files byte for byte
  if [ -n "$PYTHON" ] && [ -f "$PYCDLIB_CHECK" ]; then
    args=()
    [ "$isoonly" = 1 ] && args+=(--no-joliet --count-only)
    if "$PYTHON" "$PYCDLIB_CHECK" "$img" "$want" "${args[@]}" >"$WORK/pycdlib.log" 2>&1; then
      pass "$image: pycdlib agrees with the source tree"
    else fail "$image: pycdlib: $(tail -3 "$WORK/pycdlib.log" | tr '\n' ' ')"; fi
  else skip "$image: pycdlib not installed"; fi
done 3<"$MANIFEST"

# ---- UDF images (winetest/fsimage_udf.exe): fscom-udf.txt lines
#   <image> <source tree (Unix path)> <UDF revision, hex> <FsiFileSystems> <redundant metadata 0|1>
# judged by 7z (-tudf: test, extract + diff -r), udfinfo (udftools: the revision asked
# for, closed integrity, the volume label), tests/fs/udfread_list (libudfread: every
# file read whole, sizes and FNV-1a hashes against the source; it reads 2.50 metadata
# partitions) and, on bridge images, isoinfo (both ISO trees list every entry) and
# pycdlib (1.02/1.50: its UDF reader knows neither extended file entries nor metadata
# partitions, and refuses whole images that have them).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
UDF_MANIFEST="$DIR/fscom-udf.txt"
UDFREAD_LIST=""
for c in "$ROOT/build/native-plain/tests/fs/udfread_list" "$ROOT/build/native/tests/fs/udfread_list"; do
  if [ -x "$c" ]; then UDFREAD_LIST="$c"; break; fi
done
# "D path" / "F path size fnv1a64" of a source tree, as udfread_list prints them.
udf_listing() {
  /usr/bin/python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
for d, dirs, files in os.walk(root):
    rel = d[len(root):]
    for n in dirs:
        print('D %s/%s' % (rel, n))
    for n in files:
        h = 0xcbf29ce484222325
        with open(os.path.join(d, n), 'rb') as f:
            for b in f.read():
                h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
        print('F %s/%s %d %016x' % (rel, n, os.path.getsize(os.path.join(d, n)), h))
PY
}
if [ ! -f "$UDF_MANIFEST" ]; then
  fail "no UDF manifest $UDF_MANIFEST (run the win64 winetest fsimage_udf first)"
else
  while read -r -u 3 image src rev fsmask redundant; do
    image="${image%$'\r'}"; redundant="${redundant%$'\r'}"
    [ -n "${image:-}" ] || continue
    img="$DIR/$image"
    if [ ! -s "$img" ]; then fail "$image: missing or empty"; continue; fi
    want="$(printf '%x.%02x' $((0x$rev >> 8)) $((0x$rev & 0xff)))"
    if have 7z; then
      if 7z t -tudf "$img" >"$WORK/7zt.log" 2>&1 && grep -q "Everything is Ok" "$WORK/7zt.log"; then
        pass "$image: 7z t -tudf reads every file"
      else fail "$image: 7z t -tudf: $(grep -iE 'error|warning' "$WORK/7zt.log" | head -3 | tr '\n' ' ')"; fi
      out="$WORK/7zudf-$image"
      if 7z x -y -tudf -o"$out" "$img" >"$WORK/7zx.log" 2>&1 && diff -r "$src" "$out" >"$WORK/diff.log" 2>&1; then
        pass "$image: 7z x -tudf identical to the source tree"
      else fail "$image: 7z x -tudf differs: $(head -3 "$WORK/diff.log" | tr '\n' ' ')"; fi
      rm -rf "$out"
    else fail "$image: 7z not installed (p7zip-full)"; fi
    if have udfinfo; then
      if udfinfo "$img" >"$WORK/udfinfo.log" 2>&1; then
        if grep -qx "udfrev=$want" "$WORK/udfinfo.log"; then pass "$image: udfinfo reports UDF $want"
        else fail "$image: udfinfo reports $(grep '^udfrev=' "$WORK/udfinfo.log"), asked for $want"; fi
        if grep -qx "integrity=closed" "$WORK/udfinfo.log" && grep -qx "label=UDF Vol Ω" "$WORK/udfinfo.log"; then
          pass "$image: udfinfo: closed integrity, label 'UDF Vol Ω'"
        else fail "$image: udfinfo: $(grep -E '^(integrity|label)=' "$WORK/udfinfo.log" | tr '\n' ' ')"; fi
      else fail "$image: udfinfo cannot read it: $(tail -2 "$WORK/udfinfo.log" | tr '\n' ' ')"; fi
    else fail "$image: udfinfo not installed (udftools)"; fi
    if [ -n "$UDFREAD_LIST" ]; then
      if "$UDFREAD_LIST" "$img" 2>"$WORK/udfread.err" | grep -v '^V ' | LC_ALL=C sort >"$WORK/udfread.got" \
         && udf_listing "$src" | LC_ALL=C sort >"$WORK/udfread.want" && [ ! -s "$WORK/udfread.err" ] \
         && diff "$WORK/udfread.want" "$WORK/udfread.got" >"$WORK/diff.log"; then
        pass "$image: libudfread lists and reads all $(wc -l <"$WORK/udfread.got") entries as in the source"
      else fail "$image: libudfread: $(head -3 "$WORK/udfread.err" "$WORK/diff.log" | tr '\n' ' ')"; fi
    else fail "$image: tests/fs/udfread_list not built (build/native-plain, needs libudfread-dev)"; fi
    if [ $((fsmask & 1)) -ne 0 ]; then
      n=$(( $(count_files "$src") + $(count_dirs "$src") ))
      if [ "$(isoinfo -f -i "$img" 2>/dev/null | wc -l)" = "$n" ] && [ "$(isoinfo -J -f -i "$img" 2>/dev/null | wc -l)" = "$n" ]; then
        pass "$image: bridge: ISO9660 and Joliet trees list all $n entries"
      else fail "$image: bridge: isoinfo does not list $n entries in both trees"; fi
      if [ $((0x$rev)) -lt $((0x200)) ]; then
        if [ -n "$PYTHON" ] && "$PYTHON" "$PYCDLIB_CHECK" "$img" "$src" --count-only --udf >"$WORK/pycdlib.log" 2>&1; then
          pass "$image: pycdlib: ISO9660, Joliet and UDF trees agree with the source"
        else fail "$image: pycdlib: $(tail -3 "$WORK/pycdlib.log" | tr '\n' ' ')"; fi
      fi
    fi
  done 3<"$UDF_MANIFEST"
fi

# Named streams (winetest/fsimage_udf.exe test_stream_image): a UDF 2.01 bridge image
# whose a.txt carries two streams. No reader here lists streams: tests/fs/
# udf_streams_check.py (independent of core/fs) parses the stream directories (tags,
# names, bytes against fscom-udf-streams.txt); 7z still extracts the file.
STREAMS_IMG="$DIR/fscom-udf-streams.img"
if [ ! -s "$STREAMS_IMG" ] || [ ! -f "$DIR/fscom-udf-streams.txt" ]; then
  fail "fscom-udf-streams.img: missing (run the win64 winetest fsimage_udf first)"
else
  if /usr/bin/python3 "$ROOT/tests/fs/udf_streams_check.py" "$STREAMS_IMG" "$DIR/fscom-udf-streams.txt" >"$WORK/streams.log" 2>&1 \
     && grep -qx "streams: 2 checked" "$WORK/streams.log"; then
    pass "fscom-udf-streams.img: both named streams in a.txt's stream directory, bytes as added"
  else fail "fscom-udf-streams.img: $(grep -E 'ERROR|checked' "$WORK/streams.log" | head -3 | tr '\n' ' ')"; fi
  if 7z x -so -tudf "$STREAMS_IMG" a.txt 2>/dev/null | cmp -s - <(printf 'main file data\n'); then
    pass "fscom-udf-streams.img: 7z extracts a.txt"
  else fail "fscom-udf-streams.img: 7z does not extract a.txt as added"; fi
fi

# El Torito boot images (winetest/boot_options.c): boot-images.txt lines are
#   <image> <entry number> <platform> <emulation> <load size> <system type> <boot image file>
# in xorriso's words (BIOS/UEFI/PPC/Mac, none/fd1.2/fd1.4/fd2.8/hd). Each entry read
# back by xorriso -report_el_torito must match, and the image's bytes at the entry's
# LBA must be the boot image file.
BOOTS="$DIR/boot-images.txt"
if [ -f "$BOOTS" ]; then
  for iso in $(tr -d '\r' <"$BOOTS" | awk '{print $1}' | sort -u); do
    img="$DIR/$iso"
    if [ ! -s "$img" ]; then fail "$iso: missing or empty"; continue; fi
    if ! have xorriso; then skip "$iso: xorriso not installed"; continue; fi
    xorriso -indev "$img" -report_el_torito plain >"$WORK/elt.log" 2>&1
    want_n=$(tr -d '\r' <"$BOOTS" | awk -v i="$iso" '$1 == i' | wc -l)
    got_n=$(grep -c '^El Torito boot img :' "$WORK/elt.log")
    if [ "$got_n" = "$want_n" ]; then pass "$iso: xorriso reads $got_n boot entries"
    else fail "$iso: xorriso reads $got_n boot entries, $want_n were assigned"; fi
    if grep -q '^El Torito cat path' "$WORK/elt.log"; then fail "$iso: the boot catalog is listed as a file"
    else pass "$iso: the boot catalog is no file of the tree"; fi
    while read -r _ n pltf emul ldsiz hdpt file; do
      # "El Torito boot img :   1  BIOS  y   none  0x0000  0x00      4          34"
      line=$(awk -v n="$n" '$1 == "El" && $4 == "img" && $6 == n' "$WORK/elt.log")
      read -r _ _ _ _ _ _ gpltf gboot gemul gseg ghdpt gldsiz glba <<<"$line"
      if [ "${gpltf:-}" = "$pltf" ] && [ "${gboot:-}" = y ] && [ "${gemul:-}" = "$emul" ] && [ "${gldsiz:-}" = "$ldsiz" ] \
         && [ "${ghdpt:-}" = "$hdpt" ] && [ "${gseg:-}" = 0x0000 ]; then
        pass "$iso: entry $n is $pltf, bootable, $emul, load size $ldsiz, system type $hdpt, at LBA $glba"
      else fail "$iso: entry $n reads '$line', assigned $pltf $emul load size $ldsiz system type $hdpt"; fi
      size=$(stat -c %s "$DIR/$file" 2>/dev/null || echo 0)
      if [ -n "${glba:-}" ] && [ "$size" -gt 0 ] \
         && tail -c +$((glba * 2048 + 1)) "$img" | head -c "$size" | cmp -s - "$DIR/$file"; then
        pass "$iso: entry $n's $size bytes at LBA $glba are the boot image"
      else fail "$iso: entry $n: the bytes at LBA ${glba:-?} are not $file"; fi
    done < <(tr -d '\r' <"$BOOTS" | awk -v i="$iso" '$1 == i')
    # 7z's own El Torito reader: [BOOT]/<n>-Boot-<type>.img begins with the boot image
    # (it sizes no-emulation images by their load size, hard-disk ones by the MBR)
    if have 7z; then
      rm -rf "$WORK/7zboot"
      7z x -y -o"$WORK/7zboot" "$img" '[BOOT]' >/dev/null 2>&1
      while read -r _ n _ _ _ _ file; do
        got=$(ls "$WORK/7zboot/[BOOT]/$n-Boot-"*.img 2>/dev/null | head -1)
        [ -n "$got" ] || [ "$want_n" != 1 ] || got=$(ls "$WORK/7zboot/[BOOT]/Boot-"*.img 2>/dev/null | head -1)  # one entry: no number
        size=$(stat -c %s "$DIR/$file" 2>/dev/null || echo 0)
        gsize=$(stat -c %s "$got" 2>/dev/null || echo 0)
        common=$((size < gsize ? size : gsize))
        if [ "$common" -gt 0 ] && cmp -s <(head -c "$common" "$got") <(head -c "$common" "$DIR/$file"); then
          pass "$iso: 7z's $(basename "$got") ($gsize bytes) begins with entry $n's image"
        else fail "$iso: 7z's [BOOT] image $n (${got:-none}) is not $file"; fi
      done < <(tr -d '\r' <"$BOOTS" | awk -v i="$iso" '$1 == i')
    else skip "$iso: 7z not installed"; fi
    # BIOS and EFI entries side by side where both were assigned
    if tr -d '\r' <"$BOOTS" | awk -v i="$iso" '$1 == i && $3 == "UEFI"' | grep -q .; then
      if grep -Eq '^El Torito boot img : +[0-9]+ +BIOS ' "$WORK/elt.log" && grep -Eq '^El Torito boot img : +[0-9]+ +UEFI ' "$WORK/elt.log"
      then pass "$iso: BIOS and UEFI entries in one image"
      else fail "$iso: BIOS and UEFI entries are not both there"; fi
    fi
    # as mkisofs options: a hidden catalog and one -eltorito-alt-boot per further entry
    # (hidden images have no path; xorriso says so and exits 32, as for oscdimg's media)
    xorriso -indev "$img" -report_el_torito as_mkisofs >"$WORK/eltm.log" 2>&1
    alt=$(grep -c '^-eltorito-alt-boot' "$WORK/eltm.log")
    if grep -q '^--boot-catalog-hide' "$WORK/eltm.log" && [ "$alt" = $((want_n - 1)) ]; then
      pass "$iso: as_mkisofs: --boot-catalog-hide and $alt -eltorito-alt-boot"
    else fail "$iso: as_mkisofs report: $(grep -E '^-|^--' "$WORK/eltm.log" | tr '\n' ' ')"; fi
    # isoinfo: the boot record and the default entry
    if have isoinfo; then
      isoinfo -d -i "$img" >"$WORK/elti.log" 2>&1
      cat_x=$(awk '/^El Torito catalog/ {print $5}' "$WORK/elt.log")
      read -r _ _ _ emul ldsiz _ <<<"$(tr -d '\r' <"$BOOTS" | awk -v i="$iso" '$1 == i && $2 == 1')"
      case "$emul" in none) media=0 ;; fd1.2) media=1 ;; fd1.4) media=2 ;; fd2.8) media=3 ;; *) media=4 ;; esac
      nsect=$(printf '%X' "$ldsiz")
      if grep -q "El Torito VD version 1 found, boot catalog is in sector $cat_x\$" "$WORK/elti.log" \
         && grep -q "Boot media $media " "$WORK/elti.log" && grep -Eq "Nsect $nsect\$" "$WORK/elti.log"; then
        pass "$iso: isoinfo: boot catalog in sector $cat_x, default entry media $media, Nsect $nsect"
      else fail "$iso: isoinfo -d: $(grep -E 'El Torito|Boot media|Nsect' "$WORK/elti.log" | tr '\n' ' ')"; fi
    else skip "$iso: isoinfo not installed"; fi
  done
fi

[ "$checks" -gt 0 ] || fail "no image in $MANIFEST"
# the same shape as run-wine.sh's "winetest: N passed, M failed[, K skipped]"
if [ "$skips" -gt 0 ]; then echo "verify_images: $((checks - failures)) passed, $failures failed, $skips skipped"
else echo "verify_images: $((checks - failures)) passed, $failures failed"; fi
exit "$failures"
