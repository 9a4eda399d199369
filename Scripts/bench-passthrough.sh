#!/usr/bin/env bash
# `make bench`: end-to-end throughput on a local tansu broker, at least once (acks=all, offsets
# committed after acks). A first daemon run on the empty topic gives the idle RSS; then
# BENCH_COUNT articles are fed as a backlog and a second run in the same group drains it.
# Prints articles/s, daemon and broker CPU, RSS idle vs after the drain.
#   BENCH_COUNT=100000 BENCH_SIZE=4096 BENCH_WORKERS=2 BENCH_STAGES= (passthrough)
#   BENCH_SPIN_US=50 with BENCH_STAGES=fault: a CPU-heavy dummy stage (~50 µs per article)
#   BENCH_ENV="NAME=value …" extra daemon environment for experiments
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
articled=${1:-$here/.build/release/articled}
count=${BENCH_COUNT:-100000}
size=${BENCH_SIZE:-4096}
workers=${BENCH_WORKERS:-2}
stages=${BENCH_STAGES:-}
state=$(mktemp -d /tmp/articled-bench.XXXXXX)
daemon_pid=
cleanup() {
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null || true
  "$here/Scripts/broker.sh" stop "$state"; cp "$state/daemon.log" /tmp/bench-last-daemon.log 2>/dev/null || true; rm -rf "$state"
}
trap cleanup EXIT

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
done_count() { # published + dead-lettered + dropped from the daemon's latest progress line
  python3 - "$state/daemon.log" <<'PY'
import json, sys
done = 0
for line in open(sys.argv[1], errors="replace"):
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("msg") in ("progress", "stopped cleanly"):
        done = int(event["published"]) + int(event["dead_lettered"]) + int(event["dropped"])
print(done)
PY
}

broker=$("$here/Scripts/broker.sh" start "$state")
broker_pid=$(cat "$state/broker.pid")
"$here/Scripts/broker.sh" topic "$state" bench.raw 3
"$here/Scripts/broker.sh" topic "$state" bench.enriched 3
"$here/Scripts/broker.sh" topic "$state" bench.dlq 1

start_daemon() {
  # shellcheck disable=SC2086 # BENCH_ENV holds extra NAME=value words for experiments
  env ARTICLED_KAFKA_BROKERS="$broker" ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
    ARTICLED_TOPICS_INPUT=bench.raw ARTICLED_TOPICS_OUTPUT=bench.enriched ARTICLED_TOPICS_DEAD_LETTER=bench.dlq \
    ARTICLED_PROCESSING_WORKERS="$workers" ARTICLED_PROCESSING_MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-2000}" \
    ARTICLED_PROCESSING_STAGES="$stages" ARTICLED_STAGES_FAULT_SPIN_US="${BENCH_SPIN_US:-0}" \
    ARTICLED_LOG_PROGRESS_INTERVAL_MS=250 ARTICLED_KAFKA_GROUP_ID=bench ARTICLED_METRICS_ADDRESS=off ${BENCH_ENV:-} \
    "$articled" run ${BENCH_CONFIG:+--config "$BENCH_CONFIG"} 2>"$state/daemon.log" &
  daemon_pid=$!
  until grep -q '"partitions assigned"' "$state/daemon.log"; do
    sleep 0.05; kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; cat "$state/daemon.log"; exit 1; }
  done
}

start_daemon
sleep 1
rss_idle=$(rss_mb "$daemon_pid")
kill -TERM "$daemon_pid"; wait "$daemon_pid"; daemon_pid=

echo "== feeding $count × $size B articles (stages: ${stages:-none}, workers: $workers)"
"$articled" feed --brokers "$broker" --topic bench.raw --generate "$count" --size "$size"
start_daemon
broker_cpu1=$(cpu_seconds "$broker_pid"); daemon_cpu1=$(cpu_seconds "$daemon_pid"); start=$(date +%s.%N)
while [ "$(done_count)" -lt "$count" ]; do
  sleep 0.25
  kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; grep -v progress "$state/daemon.log" | tail; cp "$state/daemon.log" /tmp/bench-died.log; exit 1; }
done
end=$(date +%s.%N); broker_cpu2=$(cpu_seconds "$broker_pid"); daemon_cpu2=$(cpu_seconds "$daemon_pid")
rss_after=$(rss_mb "$daemon_pid")
kill -TERM "$daemon_pid"; status=0; wait "$daemon_pid" || status=$?; daemon_pid=
python3 - "$state/daemon.log" "$count" "$size" "$start" "$end" "$daemon_cpu1" "$daemon_cpu2" "$broker_cpu1" "$broker_cpu2" "$status" "$rss_idle" "$rss_after" <<'PY'
import json, sys
log, count, size, start, end, d1, d2, b1, b2, status, rss_idle, rss_after = sys.argv[1:]
count, size = int(count), int(size)
stats = {}
for line in open(log, errors="replace"):
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("msg") == "stopped cleanly": stats = event
drain = float(end) - float(start)
print(f"throughput          {int(stats.get('records_per_second', 0)):,} articles/s (daemon: first record received → last output acknowledged)")
print(f"daemon CPU          {float(d2) - float(d1):.2f} s in the {drain:.1f} s drain = {(float(d2) - float(d1)) / max(drain, 1e-9):.2f} cores; {1e6 * (float(d2) - float(d1)) / count:.0f} µs per article over the drain")
print(f"broker CPU          {float(b2) - float(b1):.2f} s = {(float(b2) - float(b1)) / max(drain, 1e-9):.2f} cores")
print(f"daemon RSS          {rss_idle} MB idle → {rss_after} MB after the backlog drained")
print(f"published {stats.get('published')} dead-lettered {stats.get('dead_lettered')} exit status {status}")
PY
