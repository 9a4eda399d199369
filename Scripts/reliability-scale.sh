#!/usr/bin/env bash
# The scale versions of the reliability scenarios (Deploy/RELIABILITY.md); each ends with a verdict
# line and exits non-zero when it fails. On a local tansu broker (memory only).
#
#   crashloop  SCALE_COUNT (1 000 000) articles of 200 B–64 KB (Scripts/reliability/feed_mix.py;
#              every 1 000th is truncated JSON for the dead-letter topic) through 3 instances of one
#              group on 6 partitions; every SCALE_KILL_EVERY s (10) one instance, in turn, is
#              SIGKILLed and restarted at once, until every id is in the output or dead-letter topic
#              (Scripts/reliability/count_ids.py). Then every instance must still run and exit 0 on
#              SIGTERM; a final count gives lost and duplicates. The stage is `fault` spinning
#              SCALE_SPIN_US (300) µs per article: the CPU of the real chain without its ~5× larger
#              output records, which a memory-only broker could not hold for a million articles.
#   backlog    SCALE_COUNT articles of SCALE_SIZE (1 024) bytes, mixed from Config/samples, waiting
#              before one daemon with SCALE_STAGES (clean,language,dedupe,tag) drains them; prints
#              RSS and articles/s every SCALE_SAMPLE (5) s, the curve the issue asks for.
#              SCALE_ENV="NAME=value …" adds daemon settings (e.g. ARTICLED_STAGES_DEDUPE_MAX_ENTRIES=100000).
#   hostile    SCALE_COUNT (100 000) hostile records (`articled feed --hostile`: sixteen kinds of
#              broken and adversarial input, ArticleCorpus/HostileRecords.swift) through one daemon
#              with the full chain: every id must reach the output or the dead-letter topic with the
#              class its kind calls for, and the daemon must exit 0 on SIGTERM.
#
#   Scripts/reliability-scale.sh crashloop|backlog|hostile [articled]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/Scripts/lib.sh"
scenario=${1:?crashloop or backlog}
articled=${2:-$here/.build/release/articled}
default_count=1000000; [ "$scenario" = hostile ] && default_count=100000
count=${SCALE_COUNT:-$default_count}
state=$(mktemp -d /tmp/articled-scale.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  "$here/Scripts/broker.sh" stop "$state"
  mkdir -p /tmp/articled-scale-logs && cp "$state"/*.log /tmp/articled-scale-logs/ 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT
python=$(peer_python)
# A private copy: instances restarted during a run must not pick up a binary rebuilt meanwhile.
cp "$articled" "$state/articled"; articled=$state/articled
broker=$("$here/Scripts/broker.sh" start "$state")
commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')

# create_topics PARTITIONS: in and out with that many partitions, dlq with one, dedupe's changelog.
create_topics() {
  local name
  for name in in out; do "$here/Scripts/broker.sh" topic "$state" "$name" "$1" >/dev/null; done
  "$here/Scripts/broker.sh" topic "$state" dlq 1 >/dev/null
  "$here/Scripts/broker.sh" topic "$state" dedupe-state "${SCALE_CHANGELOG_PARTITIONS:-3}" >/dev/null
}

# start_instance N STAGES EXTRA…: `articled run` number N in group "scale", logging to i<N>.log.
start_instance() {
  local n=$1 stages=$2; shift 2
  env ARTICLED_KAFKA_BROKERS="$broker" ARTICLED_KAFKA_SESSION_TIMEOUT_MS=6000 ARTICLED_KAFKA_GROUP_ID=scale \
    ARTICLED_TOPICS_INPUT=in ARTICLED_TOPICS_OUTPUT=out ARTICLED_TOPICS_DEAD_LETTER=dlq \
    ARTICLED_PROCESSING_STAGES="$stages" ARTICLED_LOG_FORMAT=json ARTICLED_METRICS_ADDRESS=off \
    ARTICLED_STAGES_DEDUPE_CHANGELOG_TOPIC=dedupe-state "$@" \
    "$articled" run 2>>"$state/i$n.log" &
  pids[n]=$!
}

crashloop() {
  local kill_every=${SCALE_KILL_EVERY:-10} spin=${SCALE_SPIN_US:-300}
  create_topics 6
  echo "== crash loop: $count articles 200 B–64 KB, 3 instances, SIGKILL every ${kill_every} s, fault stage ${spin} µs; commit $commit"
  "$python" "$here/Scripts/reliability/feed_mix.py" "$broker" in "$count"
  local started; started=$(date +%s)
  for n in 1 2 3; do start_instance "$n" fault ARTICLED_STAGES_FAULT_SPIN_US="$spin" ARTICLED_LOG_PROGRESS_INTERVAL_MS=5000; done
  "$python" "$here/Scripts/reliability/count_ids.py" "$broker" "$count" out dlq --until-complete --timeout 7200 >"$state/complete.json" &
  local counter=$! kills=0 victim=1
  while kill -0 "$counter" 2>/dev/null; do
    sleep "$kill_every"
    kill -0 "$counter" 2>/dev/null || break
    kill -9 "${pids[victim]}" 2>/dev/null || true
    wait "${pids[victim]}" 2>/dev/null || true
    start_instance "$victim" fault ARTICLED_STAGES_FAULT_SPIN_US="$spin" ARTICLED_LOG_PROGRESS_INTERVAL_MS=5000
    kills=$((kills + 1)); victim=$((victim % 3 + 1))
    [ $((kills % 10)) = 0 ] && echo "  $kills kills, $(($(date +%s) - started)) s"
  done
  local complete_after=$(($(date +%s) - started))
  local statuses=() alive=0
  for n in 1 2 3; do kill -0 "${pids[n]}" 2>/dev/null && alive=$((alive + 1)); done
  for n in 1 2 3; do
    kill -TERM "${pids[n]}" 2>/dev/null || true
    local status=0; wait "${pids[n]}" || status=$?
    statuses+=("$status")
  done
  pids=()
  "$python" "$here/Scripts/reliability/count_ids.py" "$broker" "$count" out dlq --idle 10 >"$state/final.json" || true
  python3 - "$state/final.json" "$kills" "$complete_after" "$alive" "${statuses[*]}" "$count" <<'PY'
import json, sys
final = json.load(open(sys.argv[1]))
kills, seconds, alive, statuses, count = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
ok = final["lost"] == 0 and alive == "3" and statuses == "0 0 0"
print(f"crash loop: {'PASS' if ok else 'FAIL'}  {count} articles, {kills} SIGKILLs, complete after {seconds} s "
      f"({count / max(seconds, 1):.0f} articles/s); lost {final['lost']}, duplicates {final['duplicates']} "
      f"({100 * final['duplicates'] / count:.2f} %); per topic {final['per_topic']}; instances alive {alive}/3, "
      f"exit statuses on SIGTERM {statuses}")
sys.exit(0 if ok else 1)
PY
}

backlog() {
  local size=${SCALE_SIZE:-1024} stages=${SCALE_STAGES-clean,language,dedupe,tag} sample=${SCALE_SAMPLE:-5}
  create_topics 3
  echo "== backlog: $count × $size B articles waiting, stages $stages, ${SCALE_ENV:-default settings}; commit $commit"
  "$articled" feed --brokers "$broker" --topic in --generate "$count" --size "$size" --corpus "$here/Config/samples"
  # shellcheck disable=SC2086 # SCALE_ENV holds NAME=value words
  local metrics=127.0.0.1:${SCALE_METRICS_PORT:-19464}
  start_instance 1 "$stages" ARTICLED_LOG_PROGRESS_INTERVAL_MS=1000 ARTICLED_METRICS_ADDRESS="$metrics" ${SCALE_ENV:-}
  local pid=${pids[1]} log=$state/i1.log started previous=0 previous_time done=0 now
  until grep -q '"partitions assigned"' "$log"; do sleep 0.1; kill -0 "$pid" || { tail "$log"; exit 1; }; done
  started=$(date +%s.%N); previous_time=$started
  # heap = malloc in use, free = held free by malloc, dedupe = its index, kafka = librdkafka buffers
  printf '%8s %10s %8s %8s %8s %8s %8s %12s\n' seconds articles RSS_MB heap_MB free_MB dedupe kafka articles/s
  while [ "$done" -lt "$count" ]; do
    sleep "$sample"
    kill -0 "$pid" 2>/dev/null || { echo "daemon died"; grep -v progress "$log" | tail; exit 1; }
    done=$(done_count "$log"); now=$(date +%s.%N)
    awk -v t="$now" -v s="$started" -v p="$previous_time" -v d="$done" -v q="$previous" -v r="$(rss_mb "$pid")" \
      -v m="$(memory_mb "$metrics")" \
      'BEGIN { split(m, f, " "); printf "%8.0f %10d %8s %8s %8s %8s %8s %12.0f\n", t - s, d, r, f[1], f[2], f[3], f[4], (d - q) / (t - p) }'
    previous=$done; previous_time=$now
  done
  kill -TERM "$pid"; local status=0; wait "$pid" || status=$?; pids=()
  echo "backlog: drained $done articles; exit status on SIGTERM $status"
  [ "$status" = 0 ]
}

hostile() {
  create_topics 3
  echo "== hostile input: $count records of 16 kinds, full chain; commit $commit"
  "$articled" feed --brokers "$broker" --topic in --generate "$count" --hostile --librdkafka message.max.bytes=2000000
  local started; started=$(date +%s)
  start_instance 1 clean,language,dedupe,tag ARTICLED_LOG_PROGRESS_INTERVAL_MS=5000
  "$python" "$here/Scripts/reliability/count_ids.py" "$broker" "$count" out dlq --prefix h --kinds 16 \
    --until-complete --timeout 3600 >"$state/hostile.json" || true
  local seconds=$(($(date +%s) - started)) alive=0 status=0
  kill -0 "${pids[1]}" 2>/dev/null && alive=1
  kill -TERM "${pids[1]}" 2>/dev/null || true; wait "${pids[1]}" || status=$?; pids=()
  python3 - "$state/hostile.json" "$seconds" "$alive" "$status" "$count" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
seconds, alive, status, count = int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
# What each kind is owed (HostileRecords.Expected): published, or dead-lettered with this class.
publish, decode = "out", "dlq:decode"
expected = {0: {decode, publish}, 1: {decode}, 2: {decode}, 3: {publish}, 4: {decode}, 5: {publish}, 6: {decode},
            7: {decode}, 8: {decode}, 9: {"dlq:oversize"}, 10: {publish}, 11: {publish}, 12: {publish},
            13: {publish}, 14: {publish}, 15: {publish}}
wrong = {kind: places for kind, places in result.get("per_kind", {}).items() if not set(places) <= expected[int(kind)]}
ok = result["lost"] == 0 and not wrong and alive == "1" and status == "0"
print(f"hostile input: {'PASS' if ok else 'FAIL'}  {count} records in {seconds} s ({count / max(seconds, 1):.0f}/s); "
      f"lost {result['lost']}, duplicates {result['duplicates']}; per topic {result['per_topic']}; "
      f"wrong class {wrong or 'none'}; daemon alive {alive == '1'}, exit status on SIGTERM {status}")
print("per kind: " + json.dumps(result.get("per_kind", {})))
sys.exit(0 if ok else 1)
PY
}

case $scenario in
  crashloop) crashloop ;;
  backlog) backlog ;;
  hostile) hostile ;;
  *) echo "unknown scenario $scenario (crashloop, backlog or hostile)" >&2; exit 2 ;;
esac
