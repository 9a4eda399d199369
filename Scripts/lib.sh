# Shared helpers for the Scripts/*.sh tools (sourced, not run).

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs the Debian packages among "$@" that are missing; update_first=1 forces apt-get update.
ensure_packages() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ] || [ "${update_first:-0}" = 1 ]; then as_root apt-get update -qq >&2; fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
  fi
}

# A Python venv at $1 (python3-venv is a separate package on Debian).
ensure_venv() {
  if [ ! -x "$1/bin/python" ]; then
    python3 -m venv "$1" 2>/dev/null || { ensure_packages python3-venv; rm -rf "$1"; python3 -m venv "$1"; }
  fi
}
