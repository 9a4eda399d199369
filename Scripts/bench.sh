#!/usr/bin/env bash
# `make bench`: end-to-end runs on a local tansu broker, all in one invocation and on the same
# input, so the ratios compare like with like:
#   passthrough  articled with no stages (decode → encode → produce → commit)
#   full         articled with BENCH_STAGES (default clean,language,dedupe,tag)
#   peer         the Python peer pipeline (Scripts/peer/pipeline.py) on the first BENCH_PEER_COUNT
#   latency      full pipeline fed at half its measured rate: p50/p99 consume → publish latency
#                (the daemon's articled_consume_to_publish_seconds) and input → output latency
#                (feeder's produce to the daemon's produce, which adds the broker's fetch wait)
# Each articled run drains the same backlog of BENCH_COUNT articles (BENCH_SIZE bytes, mixed
# from Config/samples: nine languages, furniture, syndicated copies) with its own consumer group;
# it prints articles/s, daemon CPU per article, RSS idle → after, broker CPU.
#   BENCH_RUNS="passthrough full peer latency"  BENCH_COUNT=100000  BENCH_SIZE=4096
#   BENCH_PARTITIONS=3  BENCH_WORKERS=2  BENCH_STAGES=clean,language,dedupe,tag  BENCH_PEER_COUNT=1000
#   BENCH_CORPUS=synthetic   the old English word soup instead of the samples
#   BENCH_SPIN_US=50 with BENCH_STAGES=fault: a CPU-heavy dummy stage (~50 µs per article)
#   BENCH_ENV="NAME=value …" extra daemon environment for experiments
#   BENCH_LATENCY_RATE=N     the latency run's feed rate without a full run first (default: half of it)
#   BENCH_LATENCY_FEEDER=python  the latency run's feeder: `articled feed --rate` (default) or Scripts/peer/latency.py
#   BENCH_NICE=N             the latency run lowers the broker's and the feeder's priority by N (e.g. 10),
#                            to approximate a daemon with cores of its own on this shared box
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/Scripts/lib.sh"
articled=${1:-$here/.build/release/articled}
runs=${BENCH_RUNS:-passthrough full peer latency}
count=${BENCH_COUNT:-100000}
size=${BENCH_SIZE:-4096}
partitions=${BENCH_PARTITIONS:-3}
workers=${BENCH_WORKERS:-2}
full_stages=${BENCH_STAGES-clean,language,dedupe,tag}
peer_count=${BENCH_PEER_COUNT:-1000}
state=$(mktemp -d /tmp/articled-bench.XXXXXX)
results=$state/results.tsv; : >"$results"
daemon_pid=
metrics_address=off  # the latency run's daemon serves /metrics
cleanup() {
  [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null || true
  "$here/Scripts/broker.sh" stop "$state"; cp "$state"/daemon-*.log /tmp/ 2>/dev/null || true; rm -rf "$state"
}
trap cleanup EXIT

# start_daemon NAME STAGES INPUT OUTPUT: a daemon in its own group (and dedupe changelog, as
# deployed: every new fingerprint is also produced there); waits for the assignment.
start_daemon() {
  local log=$state/daemon-$1.log
  : >>"$log"
  "$here/Scripts/broker.sh" topic "$state" "bench.dedupe-state-$1" "$partitions" >/dev/null
  # shellcheck disable=SC2086 # BENCH_ENV holds extra NAME=value words for experiments
  env ARTICLED_KAFKA_BROKERS="$broker" ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_LOG_FORMAT=json \
    ARTICLED_TOPICS_INPUT="$3" ARTICLED_TOPICS_OUTPUT="$4" ARTICLED_TOPICS_DEAD_LETTER=bench.dlq \
    ARTICLED_PROCESSING_WORKERS="$workers" ARTICLED_PROCESSING_MAX_IN_FLIGHT="${BENCH_MAX_IN_FLIGHT:-2000}" \
    ARTICLED_PROCESSING_STAGES="$2" ARTICLED_STAGES_FAULT_SPIN_US="${BENCH_SPIN_US:-0}" \
    ARTICLED_STAGES_DEDUPE_CHANGELOG_TOPIC="bench.dedupe-state-$1" \
    ARTICLED_LOG_PROGRESS_INTERVAL_MS=250 ARTICLED_KAFKA_GROUP_ID="bench-$1" ARTICLED_METRICS_ADDRESS="$metrics_address" ${BENCH_ENV:-} \
    "$articled" run ${BENCH_CONFIG:+--config "$BENCH_CONFIG"} 2>>"$log" &
  daemon_pid=$!
  until grep -q '"partitions assigned"' "$log"; do
    sleep 0.05; kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; tail "$log"; exit 1; }
  done
}

stop_daemon() {
  kill -TERM "$daemon_pid"; local status=0; wait "$daemon_pid" || status=$?; daemon_pid=
  [ "$status" = 0 ] || { echo "daemon exited $status"; exit 1; }
}

# drain NAME STAGES: idle RSS from a daemon on an empty topic, then a second daemon in the same
# group drains the backlog; records one results row.
drain() {
  local name=$1 stages=$2 log=$state/daemon-$1.log
  "$here/Scripts/broker.sh" topic "$state" "bench.idle-$name" 1 >/dev/null
  start_daemon "$name-idle" "$stages" "bench.idle-$name" "bench.out-$name"
  sleep 1; local rss_idle; rss_idle=$(rss_mb "$daemon_pid"); stop_daemon

  "$here/Scripts/broker.sh" topic "$state" "bench.out-$name" "$partitions" >/dev/null
  start_daemon "$name" "$stages" bench.raw "bench.out-$name"
  local b1 d1 b2 d2 start end
  b1=$(cpu_seconds "$broker_pid"); d1=$(cpu_seconds "$daemon_pid"); start=$(date +%s.%N)
  while [ "$(done_count "$log")" -lt "$count" ]; do
    sleep 0.25
    kill -0 "$daemon_pid" 2>/dev/null || { echo "daemon died"; grep -v progress "$log" | tail; exit 1; }
  done
  end=$(date +%s.%N); b2=$(cpu_seconds "$broker_pid"); d2=$(cpu_seconds "$daemon_pid")
  local rss_after; rss_after=$(rss_mb "$daemon_pid")
  stop_daemon
  python3 - "$log" "$name" "$count" "$start" "$end" "$d1" "$d2" "$b1" "$b2" "$rss_idle" "$rss_after" >>"$results" <<'PY'
import json, sys
log, name, count, start, end, d1, d2, b1, b2, rss_idle, rss_after = sys.argv[1:]
stats = {}
for line in open(log, errors="replace"):
    try: event = json.loads(line)
    except ValueError: continue
    if event.get("msg") == "stopped cleanly": stats = event
drain = float(end) - float(start)
daemon, broker = float(d2) - float(d1), float(b2) - float(b1)
print("\t".join(map(str, [name, int(stats.get("records_per_second", 0)), round(1e6 * daemon / int(count)),
                          round(daemon / drain, 2), round(broker / drain, 2), rss_idle, rss_after,
                          stats.get("published"), stats.get("dead_lettered")])))
PY
  tail -n1 "$results" | awk -F'\t' '{ printf "%-12s %8s articles/s  %5s µs CPU/article  daemon %s cores  broker %s cores  RSS %s → %s MB  published %s dead-lettered %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
}

broker=$("$here/Scripts/broker.sh" start "$state")
broker_pid=$(cat "$state/broker.pid")
"$here/Scripts/broker.sh" topic "$state" bench.raw "$partitions" >/dev/null
"$here/Scripts/broker.sh" topic "$state" bench.dlq 1 >/dev/null
corpus_flag=(--corpus "$here/Config/samples")
[ "${BENCH_CORPUS:-samples}" = synthetic ] && corpus_flag=()
echo "== $(nproc) cores; $count × $size B articles on $partitions partitions; $workers workers; commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')"
"$articled" feed --brokers "$broker" --topic bench.raw --generate "$count" --size "$size" "${corpus_flag[@]}"

for run in $runs; do
  case $run in
    passthrough) drain passthrough "" ;;
    full) drain full "$full_stages" ;;
    peer)
      py=$(peer_python)
      "$here/Scripts/broker.sh" topic "$state" bench.out-peer "$partitions" >/dev/null
      "$py" "$here/Scripts/peer/pipeline.py" --brokers "$broker" --input bench.raw --output bench.out-peer \
        --dead-letter bench.dlq --group bench-peer --count "$peer_count" >"$state/peer.json"
      python3 - "$state/peer.json" "$peer_count" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("\t".join(map(str, ["peer", int(r["records_per_second"]), round(1e6 * r["cpu_seconds"] / r["records"]), "", "", "", r["max_rss_mb"], r["records"], ""])))
PY
      tail -n1 "$results" | awk -F'\t' '{ printf "%-12s %8s articles/s  %5s µs CPU/article  (Python, one process; %s articles)  max RSS %s MB\n", $1, $2, $3, $8, $7 }'
      ;;
    latency)
      py=$(peer_python)
      max_rate=$(awk -F'\t' '$1 == "full" { print $2 }' "$results" 2>/dev/null || true)
      [ -n "$max_rate" ] || [ -n "${BENCH_LATENCY_RATE:-}" ] || { echo "latency needs the full run first (or BENCH_LATENCY_RATE)"; exit 1; }
      rate=${BENCH_LATENCY_RATE:-$((max_rate / 2))}; seconds=${BENCH_LATENCY_SECONDS:-15}
      "$here/Scripts/broker.sh" topic "$state" bench.live "$partitions" >/dev/null
      "$here/Scripts/broker.sh" topic "$state" bench.out-live "$partitions" >/dev/null
      metrics_address=127.0.0.1:${BENCH_METRICS_PORT:-19465}
      start_daemon live "$full_stages" bench.live bench.out-live
      nice=()
      if [ -n "${BENCH_NICE:-}" ]; then renice -n "$BENCH_NICE" -p "$broker_pid" >/dev/null; nice=(nice -n "$BENCH_NICE"); fi
      if [ "${BENCH_LATENCY_FEEDER:-articled}" = python ]; then
        "${nice[@]}" "$py" "$here/Scripts/peer/latency.py" feed --brokers "$broker" --source bench.raw --topic bench.live \
          --rate "$rate" --seconds "$seconds" >"$state/feed.json"
      else
        # The same article mix, paced by articled's own feeder: ~10x less CPU beside the daemon
        # than the Python loop at these rates.
        "${nice[@]}" "$articled" feed --brokers "$broker" --topic bench.live --generate "$((rate * seconds))" --size "$size" \
          "${corpus_flag[@]}" --rate "$rate" | awk '{ gsub(/[()]/, ""); printf "{\"fed\": %s, \"rate\": %s}\n", $2, $9 }' >"$state/feed.json"
      fi
      "$py" "$here/Scripts/peer/latency.py" measure --brokers "$broker" --topic bench.live --output bench.out-live \
        --expect "$((rate * seconds))" >"$state/latency.json"
      histogram_ms "$metrics_address" articled_consume_to_publish_seconds >"$state/consume.txt" 2>/dev/null \
        || echo "- - - 0" >"$state/consume.txt"  # a binary older than the histogram
      histogram_ms "$metrics_address" articled_consume_to_produce_seconds >"$state/produce.txt" 2>/dev/null \
        || echo "- - - 0" >"$state/produce.txt"
      stop_daemon; metrics_address=off
      python3 - "$state/feed.json" "$state/latency.json" "$state/consume.txt" "$state/produce.txt" <<'PY'
import json, sys
feed, lat = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
p50, p90, p99, count = open(sys.argv[3]).read().split()
q50, q90, q99, _ = open(sys.argv[4]).read().split()
print(f"latency      fed {feed['fed']} at {feed['rate']:.0f}/s: consume → publish p50 {p50} ms, "
      f"p90 {p90} ms, p99 {p99} ms ({count} records, from the daemon's histogram)")
print(f"             of which consume → produce call (stages, queues; without the broker's ack) p50 {q50} ms, p90 {q90} ms, p99 {q99} ms")
print(f"             input → output (incl. broker fetch wait) p50 {lat['p50_ms']} ms, "
      f"p90 {lat['p90_ms']} ms, p99 {lat['p99_ms']} ms, max {lat['max_ms']} ms ({lat['matched']} matched)")
PY
      ;;
    *) echo "unknown run '$run' (passthrough, full, peer, latency)"; exit 2 ;;
  esac
done

python3 - "$results" <<'PY'
import sys
rows = {line.split("\t")[0]: line.rstrip("\n").split("\t") for line in open(sys.argv[1])}
def rate(name): return float(rows[name][1]) if name in rows else None
def cpu(name): return float(rows[name][2]) if name in rows else None
if rate("full") and rate("passthrough"):
    print(f"ratio        full / passthrough throughput = {100 * rate('full') / rate('passthrough'):.0f} %  (target ≥ 50 %)")
if rate("full") and rate("peer"):
    print(f"ratio        articled full / Python peer: {rate('full') / rate('peer'):.0f}× throughput, "
          f"{cpu('peer') / cpu('full'):.0f}× less CPU per article  (target ≥ 20×)")
PY
