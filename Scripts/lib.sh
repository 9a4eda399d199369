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

# The Python venv of the peer pipeline and the reliability harness, pinned by
# Scripts/peer/requirements.txt; needs $here (the repository root).
peer_python() {
  local venv=$here/.venv-peer stamp=$here/.venv-peer/.requirements
  if ! cmp -s "$here/Scripts/peer/requirements.txt" "$stamp" 2>/dev/null; then
    ensure_venv "$venv" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/Scripts/peer/requirements.txt" >&2
    cp "$here/Scripts/peer/requirements.txt" "$stamp"
  fi
  echo "$venv/bin/python"
}

# User + system CPU seconds of process $1.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
# Resident set of process $1 in MB.
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# memory_mb ADDRESS: "heap_in_use heap_free dedupe kafka_buffers" in MB from a daemon's /metrics
# (kafka_buffers = producer messages + consumer prefetch); dashes when the scrape fails.
memory_mb() {
  python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode())' \
    "http://$1/metrics" 2>/dev/null | awk '
    /^articled_heap_bytes\{state="in_use"\}/ { heap = $2 }
    /^articled_heap_bytes\{state="free"\}/ { free = $2 }
    /^articled_stage_state_bytes\{stage="dedupe"\}/ { dedupe = $2 }
    /^articled_client_queue_bytes/ { kafka += $2 }
    END { if (heap == "") print "- - - -"; else printf "%.1f %.1f %.1f %.1f\n", heap / 1048576, free / 1048576, dedupe / 1048576, kafka / 1048576 }'
}
# histogram_ms ADDRESS METRIC: "p50 p90 p99 count" in ms of a Prometheus histogram on a daemon's
# /metrics, each quantile interpolated linearly inside its bucket (as histogram_quantile does).
histogram_ms() {
  python3 - "http://$1/metrics" "$2" <<'PY'
import re, sys, urllib.request
text = urllib.request.urlopen(sys.argv[1], timeout=2).read().decode()
buckets = sorted((float(le), float(v)) for le, v in
                 re.findall(r'^%s_bucket\{le="([^"]+)"\} (\S+)$' % re.escape(sys.argv[2]), text, re.M) if le != "+Inf")
total = float(re.search(r'^%s_count (\S+)$' % re.escape(sys.argv[2]), text, re.M).group(1))
def quantile(q):
    rank, lower, below = q * total, 0.0, 0.0
    for upper, cumulative in buckets:
        if cumulative >= rank:
            return lower + (upper - lower) * (rank - below) / max(cumulative - below, 1)
        lower, below = upper, cumulative
    return float("inf")
print(" ".join(f"{1000 * quantile(q):.1f}" for q in (0.5, 0.9, 0.99)), int(total))
PY
}
# Published + dead-lettered + dropped, from the latest progress line of daemon log $1. In the
# shell (one grep): the drain loops ask four times a second, and a Python start each time took
# ~0.1 of a core from the daemon they measure.
done_count() {
  local line total=0 field
  line=$(grep -E '"msg":"(progress|stopped cleanly)"' "$1" 2>/dev/null | tail -n 1)
  for field in published dead_lettered dropped; do
    [[ $line =~ \"$field\":\"?([0-9]+) ]] && total=$((total + BASH_REMATCH[1]))
  done
  echo "$total"
}
