#!/usr/bin/env bash
# Checks the systemd units without a running systemd (works in containers and CI):
#   1. `systemd-analyze verify --man=no` on an instance copy (articled@1.service) and the target
#      must print nothing and exit 0;
#   2. `systemd-analyze security --offline=true` must score an exposure <= ARTICLED_MAX_EXPOSURE
#      (default 2.0; 0 = locked down, 10 = unprotected).
#
#   Deploy/verify-units.sh [ARTICLED_BINARY]
#
# verify insists that ExecStart='s binary exists and is executable, and /usr/local/bin/articled is
# not installed on a build machine. So the units are copied to a temporary directory and, in the
# copy only, ExecStart's /usr/local/bin/articled becomes ARTICLED_BINARY (default: the release
# build, .build/release/articled; /bin/true when that is not built). The committed units are never
# changed. Without systemd-analyze (and no way to install Debian's `systemd` package) the script
# skips with a message and exits 0.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
units="$here/systemd"
max_exposure=${ARTICLED_MAX_EXPOSURE:-2.0}
log() { echo "verify-units: $*" >&2; }

if ! command -v systemd-analyze >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1 && [[ -z ${ARTICLED_NO_INSTALL:-} ]]; then
    log "systemd-analyze missing; installing Debian's systemd package (set ARTICLED_NO_INSTALL=1 to skip)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends systemd >/dev/null 2>&1 \
      || log "apt-get install systemd failed"
  fi
  if ! command -v systemd-analyze >/dev/null 2>&1; then
    log "SKIP: systemd-analyze is not available, units not checked"
    exit 0
  fi
fi

binary=${1:-$repo/.build/release/articled}
if [[ ! -x $binary ]]; then
  log "no executable at $binary; verifying with /bin/true in ExecStart="
  binary=/bin/true
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$units/articled@.service" "$units/articled.target" "$work/"
# The instance copy is what systemd would load for `articled@1`; %i, %H expand as in production.
sed "s|^ExecStart=/usr/local/bin/articled |ExecStart=$binary |" "$units/articled@.service" > "$work/articled@1.service"
if ! grep -q "^ExecStart=$binary " "$work/articled@1.service"; then
  log "FAIL: ExecStart= no longer starts with /usr/local/bin/articled; update this script"
  exit 1
fi

version=$(systemd-analyze --version | awk 'NR==1 {print $2}')
log "systemd-analyze $version, ExecStart binary $binary"

cd "$work"
if ! out=$(systemd-analyze verify --man=no ./articled@1.service ./articled.target 2>&1) || [[ -n $out ]]; then
  log "FAIL: systemd-analyze verify:"
  echo "$out" >&2
  exit 1
fi
log "verify: OK (no output)"

if (( ${version%%.*} < 250 )); then
  log "SKIP security: systemd $version has no --offline (needs >= 250)"
  exit 0
fi
report=$(systemd-analyze security --offline=true --no-pager ./articled@1.service 2>&1) || true
exposure=$(sed -n 's/.*Overall exposure level for articled@1.service: \([0-9.]*\).*/\1/p' <<<"$report")
if [[ -z $exposure ]]; then
  log "FAIL: no exposure level in systemd-analyze security output:"
  echo "$report" >&2
  exit 1
fi
if awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e > m) }'; then
  log "FAIL: exposure $exposure > $max_exposure. Unprotected settings:"
  grep '✗' <<<"$report" >&2 || true
  exit 1
fi
log "security: exposure $exposure <= $max_exposure"
grep '✗' <<<"$report" | sed 's/^/verify-units:   accepted /' >&2 || true
echo "verify-units: OK (verify clean, exposure $exposure)"
