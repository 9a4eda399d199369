#!/usr/bin/env bash
# `make run`: a local broker, the samples fed in, the daemon running until they are through,
# some enriched records and the dead-letter count printed, everything stopped cleanly.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
articled=${1:-$here/.build/release/articled}
state=$(mktemp -d /tmp/articled-demo.XXXXXX)
daemon_pid=

cleanup() {
  [ -n "$daemon_pid" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
  "$here/Scripts/broker.sh" stop "$state"
  rm -rf "$state"
}
trap cleanup EXIT

broker=$("$here/Scripts/broker.sh" start "$state")
echo "== broker (tansu) on $broker"
"$here/Scripts/broker.sh" topic "$state" articles.raw 3
"$here/Scripts/broker.sh" topic "$state" articles.enriched 3
"$here/Scripts/broker.sh" topic "$state" articles.dlq 1
"$here/Scripts/broker.sh" topic "$state" articles.dedupe-state 3   # dedupe's changelog (compacted in production; partitions like the input)

samples=("$here"/Config/samples/[0-9]*)

echo "== starting articled run (log: $state/daemon.log)"
ARTICLED_KAFKA_BROKERS=$broker ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
  "$articled" run --config "$here/Config/articled.yaml" 2>"$state/daemon.log" &
daemon_pid=$!
until grep -q '"partitions assigned"' "$state/daemon.log"; do
  sleep 0.1
  kill -0 "$daemon_pid" 2>/dev/null || { echo "articled did not start:"; cat "$state/daemon.log"; exit 1; }
done

# One at a time, as a live feed would deliver them, so dedupe sees each original before its copies.
echo "== feeding ${#samples[@]} sample articles from Config/samples, one by one"
for sample in "${samples[@]}"; do
  "$articled" feed --brokers "$broker" --topic articles.raw "$sample" >/dev/null
  sleep 0.2
done

echo "== waiting until all ${#samples[@]} are through (enriched + dead-lettered)"
"$articled" peek --brokers "$broker" --topics articles.enriched,articles.dlq \
  --expect "${#samples[@]}" --timeout 90 --show 0 >"$state/counts" || true

echo "== enriched records (one in full, lists and text shortened; then one line each)"
{ "$articled" peek --brokers "$broker" --topics articles.enriched --expect "${#samples[@]}" --timeout 5 --show 100 --full || true; } \
  | python3 "$here/Scripts/show-enriched.py"
echo
echo "== counts"
cat "$state/counts"

echo "== stopping articled (SIGTERM)"
kill -TERM "$daemon_pid"
status=0; wait "$daemon_pid" || status=$?
daemon_pid=
echo "articled exited with status $status"
[ "$status" = 0 ]
