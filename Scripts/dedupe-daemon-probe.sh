#!/usr/bin/env bash
# Dedupe verdicts as the daemon gives them: N sample-mixed articles (every tenth a syndicated copy
# five records after its original) into a 3-partition topic on a local tansu broker, drained by
# one daemon with the full chain; prints the count of each `dedupe.status` in the output. Compare
# with `articled process` on the same articles (one record after another):
#   articled feed --generate N --size 4096 --corpus Config/samples --stdout | articled process --lines …
# Usage: Scripts/dedupe-daemon-probe.sh [articled binary]   (DEDUPE_PROBE_COUNT, default 4000)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/Scripts/lib.sh"
articled=${1:-$here/.build/release/articled}
count=${DEDUPE_PROBE_COUNT:-4000}
py=$(peer_python)
state=$(mktemp -d /tmp/articled-dedupe-probe.XXXXXX)
daemon_pid=
cleanup() { [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null || true; "$here/Scripts/broker.sh" stop "$state"; rm -rf "$state"; }
trap cleanup EXIT
broker=$("$here/Scripts/broker.sh" start "$state")
for topic in probe.in probe.out probe.dlq probe.state; do "$here/Scripts/broker.sh" topic "$state" "$topic" 3 >/dev/null; done
"$articled" feed --brokers "$broker" --topic probe.in --generate "$count" --size 4096 --corpus "$here/Config/samples" >/dev/null
env ARTICLED_KAFKA_BROKERS="$broker" ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
  ARTICLED_TOPICS_INPUT=probe.in ARTICLED_TOPICS_OUTPUT=probe.out ARTICLED_TOPICS_DEAD_LETTER=probe.dlq \
  ARTICLED_PROCESSING_STAGES=clean,language,dedupe,tag ARTICLED_STAGES_DEDUPE_CHANGELOG_TOPIC=probe.state \
  ARTICLED_KAFKA_GROUP_ID=probe ARTICLED_METRICS_ADDRESS=off ARTICLED_LOG_PROGRESS_INTERVAL_MS=250 \
  "$articled" run 2>"$state/daemon.log" &
daemon_pid=$!
until grep -q "\"published\":\"$count\"" "$state/daemon.log"; do
  sleep 0.5; kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; tail "$state/daemon.log"; exit 1; }
done
kill -TERM "$daemon_pid"; wait "$daemon_pid" || true; daemon_pid=
"$py" - "$broker" <<'PY'
import collections, json, sys
from confluent_kafka import Consumer, TopicPartition
consumer = Consumer({"bootstrap.servers": sys.argv[1], "group.id": "dedupe-probe", "auto.offset.reset": "earliest"})
consumer.assign([TopicPartition("probe.out", p, 0) for p in range(3)])
counts, idle = collections.Counter(), 0
while idle < 6:
    messages = consumer.consume(500, timeout=0.5)
    idle = 0 if messages else idle + 1
    for message in messages:
        if not message.error():
            counts[json.loads(message.value()).get("dedupe", {}).get("status")] += 1
print(f"{sum(counts.values())} published: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
PY
