#!/usr/bin/env bash
# Instructions per article of `Tagger.tag`, split by sub-tagger: callgrind with collection on only
# inside `tag` (instruction counts repeat exactly on a loaded machine, where CPU time does not).
# The bench corpus (1 024 sample-mixed 4 KB articles) is tagged twice: a warm-up pass and one round.
# Usage: Scripts/tagging-callgrind.sh [BINARY] [SAMPLES_DIR]
#   BINARY       release TaggingEval (default .build/release/TaggingEval)
#   SAMPLES_DIR  the stage-benchmark samples (default Config/samples)
# valgrind 3.19 cannot read Swift's DWARF 5, so a copy without debug sections is profiled.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/.build/release/TaggingEval}"
SAMPLES="${2:-$ROOT/Config/samples}"
COUNT=1024
command -v valgrind >/dev/null || { echo "tagging-callgrind: valgrind not installed; skipping"; exit 0; }
[ -x "$BIN" ] || { echo "tagging-callgrind: no $BIN (swift build -c release --product TaggingEval)"; exit 1; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
strip --strip-debug -o "$OUT/TaggingEval" "$BIN"
valgrind --tool=callgrind --collect-atstart=no \
    '--toggle-collect=$s7Tagging6TaggerV3tag4text8language11publishedAtAA0A6ResultVSS_S2SSgtF' \
    --callgrind-out-file="$OUT/tag.out" "$OUT/TaggingEval" --bench-corpus "$SAMPLES" --corpus-count "$COUNT" \
    --rounds 1 >/dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 "$OUT/tag.out" 2>/dev/null > "$OUT/tag.txt"
python3 - "$OUT/tag.txt" "$((2 * COUNT))" <<'PY'
import re, subprocess, sys
path, calls = sys.argv[1], int(sys.argv[2])
rows, started, total = {}, False, 0
for line in open(path):
    if 'PROGRAM TOTALS' in line: total = int(line.split()[0].replace(',', ''))
    if 'file:function' in line: started = True; continue
    m = re.match(r'\s*([\d,]+)\s+(?:\([^)]*\)\s+)?\S*?:(\S+)', line) if started else None
    if m: rows[m.group(2)] = max(rows.get(m.group(2), 0), int(m.group(1).replace(',', '')))
keys = sorted(rows)
names = subprocess.run(['swift', 'demangle', '--simplified', '--compact'], input='\n'.join(keys),
                       capture_output=True, text=True).stdout.split('\n')
parts = {}
for key, name in zip(keys, names):
    parts[name] = parts.get(name, 0) + rows[key]
print(f"Tagger.tag, instructions per article (inclusive; {calls} calls): {total / calls:,.0f}")
for label, prefix in [("tokenize", "static Tokenizer.tokenize("), ("  window scan", "static Tokenizer.windowScan"),
                      ("  vocabulary ids", "ByteVocabulary.assignIDs("),
                      ("token facts", "TokenFacts.init("), ("entities", "EntityRecognizer.recognize("),
                      ("  document words", "EntityRecognizer.DocumentWords.init("),
                      ("grouping", "Tagger.group("), ("  join", "TokenizedText.join("),
                      ("keywords", "KeywordExtractor.extract("), ("topics", "TopicClassifier.classify("),
                      ("dates", "DateExtractor.extract("), ("quantities", "QuantityExtractor.extract("),
                      ("quotes", "QuoteExtractor.extract(")]:
    # Generic functions appear once per specialisation: their rows add up.
    value = sum(v for name, v in parts.items() if name.startswith(prefix) or name.startswith("specialized " + prefix))
    # A part the optimiser inlined into its caller has no row of its own.
    print(f"{label:20s} {value / calls:10,.0f}" if value else f"{label:20s} {'(inlined)':>10s}")
PY
