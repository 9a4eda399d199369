#!/bin/sh
# Instructions per article of the fingerprint scan and of check, counted by callgrind (repeatable
# on a loaded machine, unlike wall or CPU time). Usage: Scripts/dedupe-callgrind-fingerprint.sh [entries] [probes]
# after `swift build -c release -j 1`. Calls: fingerprint and scan entries + 2 × probes, check 2 × probes.
set -e
cd "$(dirname "$0")/.."
entries=${1:-2000}
probes=${2:-2000}
out=$(mktemp /tmp/dedupe-callgrind.XXXXXX)
valgrind --tool=callgrind --callgrind-out-file="$out" .build/release/DedupeEval --bench "$entries" --probes "$probes" >/dev/null 2>&1
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | awk '
  /Fingerprinter\.swift:\$s6Dedupe13FingerprinterV11fingerprint2id3url4text/ && !f { gsub(",", "", $1); f = $1 }
  /Scanner.swift:\$s6Dedupe1[0-9][A-Za-z]*ScannerO4scan_5table4into.*FourToken/ && !s { gsub(",", "", $1); s = $1 }
  /DedupeIndex.swift:\$s6Dedupe0A5IndexC5check/ && !c { gsub(",", "", $1); c = $1 }
  END { printf "fingerprint %d, of which scan %d; check %d instructions per call\n", f / (2 * '"$probes"' + '"$entries"'), s / (2 * '"$probes"' + '"$entries"'), c / (2 * '"$probes"')}'
rm -f "$out"
