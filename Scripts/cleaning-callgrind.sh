#!/usr/bin/env bash
# Instructions per article of `Cleaner.clean`, per phase, for both bench modes: callgrind with
# collection on only inside `clean` (instruction counts repeat exactly on a loaded machine,
# where CPU time does not). Usage: Scripts/cleaning-callgrind.sh [BINARY] [SAMPLES_DIR]
#   BINARY       release CleaningEval (default .build/release/CleaningEval)
#   SAMPLES_DIR  the stage-benchmark samples (default ../main/Config/samples, or $ARTICLED_SAMPLES)
# The web-page mode needs ../shared/eval-data (or $ARTICLED_SHARED); it is skipped without it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/.build/release/CleaningEval}"
SAMPLES="${2:-${ARTICLED_SAMPLES:-$ROOT/Config/samples}}"
command -v valgrind >/dev/null || { echo "cleaning-callgrind: valgrind not installed; skipping"; exit 0; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
TOGGLE='--toggle-collect=$s8Cleaning7CleanerC5clean_8language6sourceAA0A6ResultVSS_SSSgAItF'
if [ -d "$SAMPLES" ]; then
    # 1024 articles, cleaned three times (two digest passes, one timed round).
    valgrind --tool=callgrind --collect-atstart=no "$TOGGLE" --callgrind-out-file="$OUT/corpus.out" \
        "$BIN" --bench-corpus "$SAMPLES" --rounds 1 >/dev/null 2>&1
    echo "== --bench-corpus $SAMPLES"
    python3 "$ROOT/Scripts/cleaning-callgrind-phases.py" "$OUT/corpus.out" 3072
else
    echo "cleaning-callgrind: no samples at $SAMPLES; corpus mode skipped"
fi
SHARED="${ARTICLED_SHARED:-$(dirname "$ROOT")/shared}"
if [ -d "$SHARED/eval-data/boilerplate" ]; then
    # The web pages cut to ~4 KB: a warm-up pass and one timed round.
    ARTICLED_SHARED="$SHARED" CLEANING_BENCH_SECONDS=0 valgrind --tool=callgrind --collect-atstart=no "$TOGGLE" \
        --callgrind-out-file="$OUT/web.out" "$BIN" --bench >"$OUT/web.txt" 2>&1
    CALLS=$(( 2 * $(sed -n 's/^bench: \([0-9]*\) articles.*/\1/p' "$OUT/web.txt") ))
    echo "== --bench (web pages)"
    python3 "$ROOT/Scripts/cleaning-callgrind-phases.py" "$OUT/web.out" "$CALLS"
else
    echo "cleaning-callgrind: no eval data at $SHARED; web-page mode skipped"
fi
