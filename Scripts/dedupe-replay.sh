#!/usr/bin/env bash
# Dedupe at a full index (DedupeEval --replay): N generated sample-mix articles (default 150 000)
# are cleaned by `articled process` with the clean stage only, their ids, URLs and cleaned texts
# written to a replay file, and `DedupeEval --replay` judges and stores them with max_entries
# 100 000 (the last quarter runs full, evicting the oldest). Prints µs per check + insert and the
# verdict digest (unchanged by a change meant only to be faster). Extra arguments go to
# DedupeEval (e.g. --pollute 16). Instructions: valgrind --tool=callgrind --toggle-collect=<mangled
# DedupeIndex.checkAndInsert> .build/release/DedupeEval --replay FILE.
# Usage: Scripts/dedupe-replay.sh [DedupeEval args]   (REPLAY_COUNT, REPLAY_FILE; needs release builds
# of articled and DedupeEval)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${REPLAY_COUNT:-150000}
file=${REPLAY_FILE:-/tmp/dedupe-replay-$count.bin}
if [ ! -s "$file" ]; then
  work=$(mktemp -d /tmp/dedupe-replay.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  sed -E 's/^(  stages: )\[[^]]*\]/\1[clean]/' "$here/Config/articled.yaml" > "$work/clean.yaml"
  "$here/.build/release/articled" feed --generate "$count" --corpus "$here/Config/samples" --stdout > "$work/corpus.jsonl"
  "$here/.build/release/articled" process --config "$work/clean.yaml" --lines "$work/corpus.jsonl" 2>/dev/null \
    | python3 -c '
import json, sys
out = sys.stdout.buffer
for line in sys.stdin.buffer:
    record = json.loads(line)
    text = ((record.get("clean") or {}).get("text") or record["article"].get("text") or "").encode()
    url = (record["article"].get("url") or "").encode()
    out.write(record["id"].encode() + b"\n" + url + b"\n" + str(len(text)).encode() + b"\n" + text)
' > "$file"
fi
"$here/.build/release/DedupeEval" --replay "$file" "$@"
