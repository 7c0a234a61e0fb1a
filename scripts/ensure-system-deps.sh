#!/usr/bin/env bash
# Make sure the system packages Haven's tests need are installed (Debian 12):
#   - PostgreSQL 15 server binaries (package `postgresql`; initdb/pg_ctl in /usr/lib/postgresql/15/bin)
#   - Chromium for the end-to-end tests (package `chromium`; /usr/bin/chromium)
#   - fonts that can render Arabic in that browser (package `fonts-noto-core`)
#
# Usage: scripts/ensure-system-deps.sh [--pg-only | --browser-only]
#
# Fast and silent-ish when everything is present (no apt-get update then). When something is
# missing: as root it runs `apt-get update` once and installs it; otherwise it prints the command
# to run and exits 1.
set -euo pipefail

want_pg=1
want_browser=1
for arg in "$@"; do
  case "$arg" in
    --pg-only) want_browser=0 ;;
    --browser-only) want_pg=0 ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "ensure-system-deps: unknown argument: $arg (expected --pg-only or --browser-only)" >&2
      exit 2
      ;;
  esac
done
if [[ $want_pg == 0 && $want_browser == 0 ]]; then
  echo "ensure-system-deps: --pg-only and --browser-only exclude each other" >&2
  exit 2
fi

PG_BIN=/usr/lib/postgresql/15/bin

# True when the Debian package is installed (not merely known or half-configured).
pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
if [[ $want_pg == 1 ]]; then
  if [[ ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl || ! -x $PG_BIN/postgres ]] \
    || ! command -v psql >/dev/null 2>&1 || ! getent passwd postgres >/dev/null; then
    missing+=(postgresql)
  fi
fi
if [[ $want_browser == 1 ]]; then
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  pkg_installed fonts-noto-core || missing+=(fonts-noto-core)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  {
    echo "ensure-system-deps: missing system packages: ${missing[*]}"
    echo "Install them with:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  } >&2
  exit 1
fi

echo "ensure-system-deps: installing ${missing[*]} …"
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-o Dpkg::Use-Pty=0 -o APT::Color=0)
apt-get "${apt_opts[@]}" update -qq
apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}" >/tmp/haven-apt-install.log 2>&1 || {
  tail -n 40 /tmp/haven-apt-install.log >&2
  echo "ensure-system-deps: apt-get install failed (full log: /tmp/haven-apt-install.log)" >&2
  exit 1
}

# Check again: a package that installed but did not give us what we need is an error here, not later.
fail=0
if [[ $want_pg == 1 ]]; then
  for b in initdb pg_ctl postgres; do
    [[ -x $PG_BIN/$b ]] || { echo "ensure-system-deps: $PG_BIN/$b still missing" >&2; fail=1; }
  done
fi
if [[ $want_browser == 1 ]]; then
  [[ -x /usr/bin/chromium ]] || { echo "ensure-system-deps: /usr/bin/chromium still missing" >&2; fail=1; }
  pkg_installed fonts-noto-core || { echo "ensure-system-deps: fonts-noto-core not installed" >&2; fail=1; }
fi
[[ $fail == 0 ]] || exit 1
echo "ensure-system-deps: installed ${missing[*]}"
