#!/usr/bin/env bash
# Instructions and mispredicted branches per article of `Tagger.tag`, split by sub-tagger: callgrind
# with collection on only inside `tag` (both counts repeat exactly on a loaded machine, where CPU time
# does not). Mispredicts are callgrind's model (a table of 2-bit counters, no history): it counts
# about twice what this machine's predictor misses, but ranks the data-dependent branches. Weigh one
# at 50-100 instructions: a mispredict costs ~7 ns here (Benchmarks/README, "Branches").
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
valgrind --tool=callgrind --branch-sim=yes --collect-atstart=no \
    '--toggle-collect=$s7Tagging6TaggerV3tag4text8language11publishedAtAA0A6ResultVSS_S2SSgtF' \
    --callgrind-out-file="$OUT/tag.out" "$OUT/TaggingEval" --bench-corpus "$SAMPLES" --corpus-count "$COUNT" \
    --rounds 1 >/dev/null 2>&1
callgrind_annotate --inclusive=yes --threshold=100 --show=Ir,Bcm "$OUT/tag.out" 2>/dev/null > "$OUT/tag.txt"
python3 - "$OUT/tag.txt" "$((2 * COUNT))" <<'PY'
import re, subprocess, sys
path, calls = sys.argv[1], int(sys.argv[2])
rows, started, total = {}, False, (0, 0)
def number(text): return int(text.replace(',', ''))
for line in open(path):
    if 'PROGRAM TOTALS' in line:
        fields = line.split()
        total = (number(fields[0]), number(fields[2]) if fields[1].startswith('(') else number(fields[1]))
    if 'file:function' in line: started = True; continue
    # Ir and Bcm, each maybe followed by its percentage, then file:function.
    m = re.match(r'\s*([\d,]+)\s+(?:\([^)]*\)\s+)?([\d,.]+)\s+(?:\([^)]*\)\s+)?\S*?:(\S+)', line) if started else None
    if m:
        ir, bcm = number(m.group(1)), (0 if m.group(2) == '.' else number(m.group(2)))
        old = rows.get(m.group(3), (0, 0))
        rows[m.group(3)] = (max(old[0], ir), max(old[1], bcm))
keys = sorted(rows)
names = subprocess.run(['swift', 'demangle', '--simplified', '--compact'], input='\n'.join(keys),
                       capture_output=True, text=True).stdout.split('\n')
parts = {}
for key, name in zip(keys, names):
    old = parts.get(name, (0, 0))
    parts[name] = (old[0] + rows[key][0], old[1] + rows[key][1])
print(f"Tagger.tag per article (inclusive; {calls} calls): {total[0] / calls:,.0f} instructions, "
      f"{total[1] / calls:,.0f} mispredicts")
print(f"{'':20s} {'instructions':>12s} {'mispredicts':>12s}")
for label, prefix in [("tokenize", "static Tokenizer.tokenize("), ("  window scan", "static Tokenizer.windowScan"),
                      ("  vocabulary ids", "ByteVocabulary.assignIDs("),
                      ("token facts", "TokenFacts.init("), ("entities", "EntityRecognizer.recognize("),
                      ("  document words", "EntityRecognizer.DocumentWords.init("),
                      ("grouping", "Tagger.group("), ("  join", "TokenizedText.join("),
                      ("keywords", "KeywordExtractor.extract("), ("topics", "TopicClassifier.classify("),
                      ("dates", "DateExtractor.extract("), ("quantities", "QuantityExtractor.extract("),
                      ("quotes", "QuoteExtractor.extract(")]:
    # Generic functions appear once per specialisation: their rows add up.
    ir = sum(v[0] for name, v in parts.items() if name.startswith(prefix) or name.startswith("specialized " + prefix))
    bcm = sum(v[1] for name, v in parts.items() if name.startswith(prefix) or name.startswith("specialized " + prefix))
    # A part the optimiser inlined into its caller has no row of its own.
    print(f"{label:20s} {ir / calls:12,.0f} {bcm / calls:12,.0f}" if ir else f"{label:20s} {'(inlined)':>12s}")
PY
