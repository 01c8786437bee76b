# shellcheck shell=bash
# Shell helpers shared by tools/*.sh and winetest/run-wine.sh. Source it; it
# sets nothing but functions and IMAPI_ROOT (the repository root).

# shellcheck disable=SC2034  # used by the scripts that source this
IMAPI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

imapi_log()  { printf '==> %s\n' "$*"; }
imapi_warn() { printf 'warning: %s\n' "$*" >&2; }
imapi_die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
imapi_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    imapi_die "need root (or sudo) to run: $*"
  fi
}

# True when a Debian package (name or name:arch) is fully installed.
imapi_pkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

# True when 32-bit Windows programs can run: Debian's wine32:i386 provides the
# 32-bit loader /usr/lib/wine/wine. IMAPI_NO_WINE32=1 makes our scripts act as if
# it were absent (to test the 64-bit-only path on a machine that has both).
imapi_wine32_usable() {
  [ "${IMAPI_NO_WINE32:-0}" != 1 ] && imapi_wine32_installed && imapi_runs_i386
}

# wine32:i386 and its loader are on the machine (whether or not the kernel can run them).
imapi_wine32_installed() {
  [ -x /usr/lib/wine/wine ] && imapi_pkg_installed wine32:i386
}

# True when this kernel runs 32-bit x86 programs. A kernel built or booted without IA32
# emulation (seen on a Firecracker VM) installs wine32:i386 happily and then answers
# "Exec format error" to its loader. Asked once per shell.
imapi_runs_i386() {
  if [ -z "${IMAPI_I386_RUNS:-}" ]; then
    IMAPI_I386_RUNS=0
    /usr/lib/wine/wine --version >/dev/null 2>&1 && IMAPI_I386_RUNS=1
  fi
  [ "$IMAPI_I386_RUNS" = 1 ]
}

# Why imapi_wine32_usable is false, in a few words.
imapi_wine32_why() {
  if [ "${IMAPI_NO_WINE32:-0}" = 1 ]; then
    printf 'IMAPI_NO_WINE32=1 set'
  elif imapi_wine32_installed; then
    printf 'wine32:i386 is installed, but this kernel cannot run 32-bit programs (/usr/lib/wine/wine --version: Exec format error)'
  else
    printf 'no 32-bit Wine on this machine (wine32:i386 / /usr/lib/wine/wine)'
  fi
}

# /abs/unix/path -> Z:\abs\unix\path (Wine maps Z: to / in every new prefix).
imapi_winpath() {
  local p
  p="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  printf 'Z:%s' "${p//\//\\}"
}

# Seconds since the Unix epoch, for simple timing.
imapi_now() { date +%s; }
