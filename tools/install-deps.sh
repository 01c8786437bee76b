#!/usr/bin/env bash
# Installs everything this project needs on Debian 12: compilers, mingw-w64,
# Wine with its tools and headers, and the ISO/UDF tools the tests use.
# Idempotent: when all is there it only asks dpkg and returns in a moment.
#
# Also tries once to add 32-bit Wine (wine32:i386). That may be impossible
# (an i386 index that does not download, an unresolvable package): then it
# says so, undoes the i386 architecture it added, remembers the attempt for a
# few hours and carries on. 32-bit Wine is optional; nothing here fails on it.
#
# gcc-multilib builds the 32-bit SG_IO preload library for 32-bit Wine processes.
#
# Environment:
#   IMAPI_WINE32=skip    do not try 32-bit Wine at all (IMAPI_NO_WINE32=1 too)
#   IMAPI_WINE32=retry   try 32-bit Wine now even if it failed recently
#   IMAPI_WINE32_RETRY_HOURS   hours between attempts (default 6)
set -euo pipefail

# shellcheck source=tools/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

export DEBIAN_FRONTEND=noninteractive
# Wait for a dpkg lock held by someone else rather than fail at once.
APT=(apt-get -q -y -o DPkg::Lock::Timeout=300)

PACKAGES=(
  cmake make gcc python3
  gcc-mingw-w64-x86-64 gcc-mingw-w64-i686
  mingw-w64-x86-64-dev mingw-w64-i686-dev
  binutils-mingw-w64-x86-64 binutils-mingw-w64-i686
  wine wine64 wine64-tools libwine-dev
  xorriso genisoimage p7zip-full python3-pycdlib
  libcdio-utils libudfread-dev udftools bchunk
  gcc-multilib
)

WINE32_MARKER=/var/tmp/imapi2-wine32-attempt
WINE32_RETRY_HOURS="${IMAPI_WINE32_RETRY_HOURS:-6}"

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    imapi_pkg_installed "$p" || missing+=("$p")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    imapi_log "install-deps: all ${#PACKAGES[@]} packages already installed"
    return 0
  fi
  imapi_log "install-deps: installing ${missing[*]}"
  # An index that fails to download (for example a foreign architecture's)
  # should not stop us when the lists we need are fine: apt-get install says
  # so itself if they are not.
  imapi_as_root "${APT[@]}" update || imapi_warn "apt-get update reported errors; installing with the lists it has"
  imapi_as_root "${APT[@]}" install "${missing[@]}"
}

# True when some package of architecture i386 is installed (or half-installed).
any_i386_package() {
  dpkg-query -W -f='${Architecture} ${db:Status-Abbrev}\n' 2>/dev/null | grep '^i386 [a-z][^n]' >/dev/null
}

wine32_attempted_recently() {
  [ -f "$WINE32_MARKER" ] || return 1
  local last now
  last="$(sed -n 's/^time=//p' "$WINE32_MARKER")"
  now="$(imapi_now)"
  [ -n "$last" ] && [ $((now - last)) -lt $((WINE32_RETRY_HOURS * 3600)) ]
}

# Tries to install wine32:i386; never fails the script.
try_wine32() {
  if imapi_wine32_usable; then
    imapi_log "install-deps: 32-bit Wine is installed"
    return 0
  fi
  if [ "${IMAPI_NO_WINE32:-0}" != 1 ] && imapi_wine32_installed && ! imapi_runs_i386; then
    imapi_log "install-deps: $(imapi_wine32_why); the 32-bit build is still compiled, its tests are not run"
    return 0
  fi
  if [ "${IMAPI_WINE32:-}" = skip ] || [ "${IMAPI_NO_WINE32:-0}" = 1 ]; then
    imapi_log "install-deps: 32-bit Wine not tried (IMAPI_WINE32=skip or IMAPI_NO_WINE32=1)"
    return 0
  fi
  if [ "${IMAPI_WINE32:-}" != retry ] && wine32_attempted_recently; then
    imapi_log "install-deps: no 32-bit Wine here (installing wine32:i386 failed at $(sed -n 's/^date=//p' "$WINE32_MARKER"); next try after ${WINE32_RETRY_HOURS}h, or IMAPI_WINE32=retry)"
    return 0
  fi

  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    imapi_log "install-deps: no 32-bit Wine here (installing wine32:i386 needs root)"
    return 0
  fi
  imapi_log "install-deps: trying to add 32-bit Wine (wine32:i386)"
  local added=0 ok=1
  if ! dpkg --print-foreign-architectures | grep -x i386 >/dev/null; then
    imapi_as_root dpkg --add-architecture i386 && added=1 || ok=0
  fi
  # A failed index may be one wine32 does not need: let install decide.
  if [ "$ok" -eq 1 ] && ! imapi_as_root "${APT[@]}" update; then
    imapi_warn "apt-get update with i386 reported errors; trying the install anyway"
  fi
  if [ "$ok" -eq 1 ] && ! imapi_as_root "${APT[@]}" install wine32:i386; then
    ok=0
  fi

  if [ "$ok" -eq 1 ] && imapi_wine32_usable; then
    imapi_as_root rm -f "$WINE32_MARKER"
    imapi_log "install-deps: 32-bit Wine installed"
    return 0
  fi

  echo "install-deps: no 32-bit Wine here: wine32:i386 could not be installed (see apt's messages above)." \
       "The 32-bit build is still compiled; its tests are not run."
  # Leave apt as we found it, so that the next apt-get update does not trip
  # over the i386 index again.
  if [ "$added" -eq 1 ] && ! any_i386_package; then
    if imapi_as_root dpkg --remove-architecture i386; then
      echo "install-deps: removed the i386 architecture again"
    else
      imapi_warn "could not remove the i386 architecture again"
    fi
  fi
  printf 'time=%s\ndate=%s\n' "$(imapi_now)" "$(date -u '+%Y-%m-%d %H:%M UTC')" |
    imapi_as_root tee "$WINE32_MARKER" >/dev/null || true
  return 0
}

install_packages
try_wine32
if imapi_wine32_usable; then
  echo "install-deps: 32-bit Wine: usable"
else
  echo "install-deps: 32-bit Wine: not available ($(imapi_wine32_why))"
fi
