#!/usr/bin/env bash
# Creates the emulated recorders the drive tests use, with the native vdrive CLI,
# before Wine starts:
#
#   winetest/setup-recorders.sh <vdrive-cli> <directory>
#
# Each recorder is <directory>/<name>; its INQUIRY product id names its state, so the
# tests find it whatever the transport and the enumeration order:
#   Empty      IMAPI EMPTY      tray closed, no disc (the tests open and close its tray)
#   BlankCDR   IMAPI BLANKCDR   blank CD-R
#   DVDPlusRW  IMAPI DVDPLUSRW  blank DVD+RW; the fault tests add "fault" lines to its
#                               config.txt for a while
#   BDR        IMAPI BDR        BD-R (the recorder test writes data onto it)
#   WriteProt  IMAPI WRITEPROT  DVD+RW, write protected
# Five at most: Wine's CD-ROM layer serves five devices per process (MAX_CACHE_ENTRIES
# in ntdll's cdrom.c), and the pass-through run puts each recorder behind a drive letter.
# Prints the directories, one a line.
set -euo pipefail
CLI="$1"
DIR="$2"
[ -x "$CLI" ] || { echo "setup-recorders.sh: no vdrive CLI at $CLI" >&2; exit 1; }
rm -rf "$DIR"
mkdir -p "$DIR"

make_recorder() {   # make_recorder <name> <product> [media] [extra action]
  local d="$DIR/$1"
  "$CLI" create "$d" --vendor IMAPITST --product "$2" --revision 1.00 --becoming-ready 0 >/dev/null
  if [ -n "${3:-}" ]; then "$CLI" insert "$d" "$3" >/dev/null; fi
  case "${4:-}" in
    eject) "$CLI" eject "$d" >/dev/null ;;
    protect) "$CLI" protect "$d" on >/dev/null ;;
  esac
  printf '%s\n' "$d"
}

make_recorder Empty "IMAPI EMPTY"
make_recorder BlankCDR "IMAPI BLANKCDR" cdr
make_recorder DVDPlusRW "IMAPI DVDPLUSRW" dvd+rw
make_recorder BDR "IMAPI BDR" bdr
make_recorder WriteProt "IMAPI WRITEPROT" dvd+rw protect
