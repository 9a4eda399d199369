#!/bin/sh
# Instructions and mispredicted branches (callgrind's model; see Scripts/tagging-callgrind.sh) per
# article of the whole chain (decode -> stages -> encode), counted by callgrind:
# `articled process` runs on the first 50 and on all lines of a JSON-lines corpus, and the
# difference / (N - 50) is the per-article cost without start-up (model loading). Prints the total
# and the main inclusive parts. Usage: Scripts/chain-callgrind.sh CORPUS.jsonl [articled binary]
# after `swift build -c release -j 1 --product articled` (dynamic; the static build works too).
# A corpus: `articled feed --generate 400 --size 4096 --corpus Config/samples --stdout > corpus.jsonl`.
#
# Two valgrind 3.19 problems are worked around: it cannot read Swift's DWARF 5 ("corrupted
# debuginfo"), so a copy with the debug sections stripped is profiled (symbols stay); and it
# writes into rt_sigsuspend's mask, which libdispatch's main thread passes read-only (SIGSEGV
# inside valgrind), so a preloaded sigsuspend copies the mask first.
set -e
cd "$(dirname "$0")/.."
corpus=${1:?usage: $0 CORPUS.jsonl [articled]}
binary=${2:-.build/release/articled}
work=$(mktemp -d /tmp/chain-callgrind.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/shim.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
int sigsuspend(const sigset_t *mask) { sigset_t copy = *mask; return (int)syscall(SYS_rt_sigsuspend, &copy, 8); }
C
cc -O2 -shared -fPIC -o "$work/shim.so" "$work/shim.c"
strip --strip-debug -o "$work/articled" "$binary"
lines=$(wc -l < "$corpus")
[ "$lines" -gt 50 ] || { echo "need more than 50 lines in $corpus"; exit 1; }
head -50 "$corpus" > "$work/head.jsonl"
for input in head all; do
  file="$work/head.jsonl"; [ "$input" = all ] && file="$corpus"
  LD_PRELOAD="$work/shim.so" valgrind --tool=callgrind --branch-sim=yes --callgrind-out-file="$work/$input.out" \
    "$work/articled" process --config Config/articled.yaml --lines "$file" >/dev/null 2>"$work/$input.err"
  callgrind_annotate --inclusive=yes --threshold=100 --show=Ir,Bcm "$work/$input.out" 2>/dev/null > "$work/$input.txt"
done
python3 - "$work/head.txt" "$work/all.txt" "$((lines - 50))" <<'PY'
import re, subprocess, sys
def number(text): return 0 if text == '.' else int(text.replace(',', ''))
def load(path):
    # Per function: (instructions, mispredicts), each column maybe followed by its percentage.
    totals, started = {}, False
    for line in open(path):
        if 'file:function' in line: started = True; continue
        m = re.match(r'\s*([\d,]+)\s+(?:\([^)]*\)\s+)?([\d,.]+)\s+(?:\([^)]*\)\s+)?\S*?:(\S+)', line) if started else None
        if m:
            old = totals.get(m.group(3), (0, 0))
            totals[m.group(3)] = (max(old[0], number(m.group(1))), max(old[1], number(m.group(2))))
    return totals
def program_total(path):
    for line in open(path):
        if 'PROGRAM TOTALS' in line:
            f = line.split()
            return (number(f[0]), number(f[2]) if f[1].startswith('(') else number(f[1]))
head, full, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
th, ta = program_total(sys.argv[1]), program_total(sys.argv[2])
print(f"all per article: {(ta[0] - th[0]) / n:,.0f} instructions, {(ta[1] - th[1]) / n:,.0f} mispredicts (callgrind's model)")
keys = sorted(set(head) | set(full))
names = subprocess.run(['swift', 'demangle', '--simplified', '--compact'], input='\n'.join(keys), capture_output=True, text=True).stdout.split('\n')
parts = {}
for key, name in zip(keys, names):
    f, h = full.get(key, (0, 0)), head.get(key, (0, 0))
    old = parts.get(name, (0, 0))
    parts[name] = (max(old[0], (f[0] - h[0]) / n), max(old[1], (f[1] - h[1]) / n))
print(f"{'':22s} {'instructions':>12s} {'mispredicts':>12s}")
for label, prefix in [("chain (attemptOnce)", "ArticleProcessor.attemptOnce"), ("decode", "ArticleDecoder.decode(value:key:)"),
                      ("stage clean", "protocol witness for Stage.process(_:context:) in conformance CleaningStage"),
                      ("stage language", "protocol witness for Stage.process(_:context:) in conformance LanguageStage"),
                      ("  segments", "LanguageIdentifier.segments("),
                      ("stage dedupe", "protocol witness for Stage.process(_:context:) in conformance DedupeStage"),
                      ("stage tag", "protocol witness for Stage.process(_:context:) in conformance TaggingStage"),
                      ("encode", "EnrichedRecordEncoder.encode"),
                      ("  tag result", "protocol witness for StageResult.write(to:) in conformance TaggingOutput"),
                      ("  clean result", "protocol witness for StageResult.write(to:) in conformance CleaningOutput")]:
    ir = max((v[0] for name, v in parts.items() if name.startswith(prefix)), default=0)
    bcm = max((v[1] for name, v in parts.items() if name.startswith(prefix)), default=0)
    print(f"{label:22s} {ir:12,.0f} {bcm:12,.0f}")
PY
