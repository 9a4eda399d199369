#!/usr/bin/env bash
# Throughput with 1, 2 and 3 instances of one consumer group on the same machine (broker
# included): BENCH_COUNT × 4 KB articles on a 6-partition topic, passthrough. For the record:
# on a 2-core box more processes mostly share the same cores.
#   BENCH_COUNT=100000 Scripts/bench-scale.sh [articled]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
articled=${1:-$here/.build/release/articled}
count=${BENCH_COUNT:-100000}
state=$(mktemp -d /tmp/articled-scale.XXXXXX)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done; "$here/Scripts/broker.sh" stop "$state"; rm -rf "$state"; }
trap cleanup EXIT
broker=$("$here/Scripts/broker.sh" start "$state")

done_total() { # published across all instance logs of this round
  python3 - "$@" <<'PY'
import json, sys
total = 0
for path in sys.argv[1:]:
    done = 0
    for line in open(path, errors="replace"):
        try: event = json.loads(line)
        except ValueError: continue
        if event.get("msg") in ("progress", "stopped cleanly"): done = int(event["published"])
    total += done
print(total)
PY
}

for instances in 1 2 3; do
  "$here/Scripts/broker.sh" topic "$state" "in$instances" 6
  "$here/Scripts/broker.sh" topic "$state" "out$instances" 6
  "$here/Scripts/broker.sh" topic "$state" "dlq$instances" 1
  "$articled" feed --brokers "$broker" --topic "in$instances" --generate "$count" --size 4096 >/dev/null
  pids=(); logs=()
  for i in $(seq 1 "$instances"); do
    env ARTICLED_KAFKA_BROKERS="$broker" ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
      ARTICLED_TOPICS_INPUT="in$instances" ARTICLED_TOPICS_OUTPUT="out$instances" ARTICLED_TOPICS_DEAD_LETTER="dlq$instances" \
      ARTICLED_KAFKA_GROUP_ID="scale$instances" ARTICLED_LOG_PROGRESS_INTERVAL_MS=200 ARTICLED_METRICS_ADDRESS=off \
      "$articled" run 2>"$state/r$instances-$i.log" &
    pids+=($!); logs+=("$state/r$instances-$i.log")
  done
  until [ "$(done_total "${logs[@]}")" -gt 0 ]; do sleep 0.05; done
  start=$(date +%s.%N)
  until [ "$(done_total "${logs[@]}")" -ge "$count" ]; do sleep 0.1; done
  end=$(date +%s.%N)
  for pid in "${pids[@]}"; do kill -TERM "$pid"; wait "$pid" || true; done
  pids=()
  python3 -c "import sys; c, s, e, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]; print(f'{n} instance(s): {c / (e - s):,.0f} articles/s ({e - s:.1f} s from first output to the last)')" "$count" "$start" "$end" "$instances"
done
