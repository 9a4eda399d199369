#!/usr/bin/env bash
# `make bench`: passthrough throughput (empty stage list) on a local tansu broker.
# 100 000 × 4 KB JSON articles in a 3-partition topic → articled → output topic, at least once
# (acks=all, offsets committed after acks). Prints articles/s and the CPU used by daemon and broker.
#   BENCH_COUNT=100000 BENCH_SIZE=4096 BENCH_WORKERS=2 Scripts/bench-passthrough.sh [articled]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
articled=${1:-$here/.build/release/articled}
count=${BENCH_COUNT:-100000}
size=${BENCH_SIZE:-4096}
workers=${BENCH_WORKERS:-2}
state=$(mktemp -d /tmp/articled-bench.XXXXXX)
daemon_pid=
cleanup() {
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null || true
  "$here/Scripts/broker.sh" stop "$state"; rm -rf "$state"
}
trap cleanup EXIT

cpu_seconds() { # utime+stime of a PID in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
last_progress() { # the "done" count from the daemon's latest progress/stopped line
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
echo "== feeding $count × $size B articles"
"$articled" feed --brokers "$broker" --topic bench.raw --generate "$count" --size "$size"

broker_cpu0=$(cpu_seconds "$broker_pid")
# shellcheck disable=SC2086 # BENCH_ENV holds extra NAME=value words for experiments
env ARTICLED_KAFKA_BROKERS=$broker ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
ARTICLED_TOPICS_INPUT=bench.raw ARTICLED_TOPICS_OUTPUT=bench.enriched ARTICLED_TOPICS_DEAD_LETTER=bench.dlq \
ARTICLED_PROCESSING_WORKERS=$workers ARTICLED_PROCESSING_MAX_IN_FLIGHT=${BENCH_MAX_IN_FLIGHT:-2000} ARTICLED_LOG_PROGRESS_INTERVAL_MS=250 ARTICLED_KAFKA_GROUP_ID=bench ${BENCH_ENV:-} \
  "$articled" run 2>"$state/daemon.log" &
daemon_pid=$!
until grep -q '"partitions assigned"' "$state/daemon.log"; do sleep 0.05; done
start=$(date +%s.%N); broker_cpu1=$(cpu_seconds "$broker_pid"); daemon_cpu1=$(cpu_seconds "$daemon_pid")
while [ "$(last_progress)" -lt "$count" ]; do
  sleep 0.25
  kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; tail "$state/daemon.log"; exit 1; }
done
end=$(date +%s.%N); broker_cpu2=$(cpu_seconds "$broker_pid"); daemon_cpu2=$(cpu_seconds "$daemon_pid")
kill -TERM "$daemon_pid"; status=0; wait "$daemon_pid" || status=$?; daemon_pid=
python3 - "$state/daemon.log" "$count" "$size" "$start" "$end" "$daemon_cpu1" "$daemon_cpu2" "$broker_cpu1" "$broker_cpu2" "$status" <<'PY'
import json, sys
log, count, size, start, end, d1, d2, b1, b2, status = sys.argv[1:]
count, size = int(count), int(size)
wall = float(end) - float(start)
stats = {}
for line in open(log, errors="replace"):
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("msg") == "stopped cleanly": stats = event
print(f"articles            {count} × {size} B, 3 partitions, empty stage list")
print(f"wall (assigned→done) {wall:.2f} s (progress polled every 0.25 s)")
print(f"throughput          {int(stats.get('records_per_second', 0)):,} articles/s (daemon: first record received → last output acknowledged)")
print(f"                    {count / wall:,.0f} articles/s (script wall clock from assignment, ±0.25 s polling)")
print(f"daemon CPU          {float(d2) - float(d1):.2f} s = {(float(d2) - float(d1)) / wall:.2f} cores")
print(f"broker CPU          {float(b2) - float(b1):.2f} s = {(float(b2) - float(b1)) / wall:.2f} cores")
print(f"published {stats.get('published')} dead-lettered {stats.get('dead_lettered')} exit status {status}")
PY
