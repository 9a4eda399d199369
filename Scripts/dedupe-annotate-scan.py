#!/usr/bin/env python3
"""Per-instruction callgrind counts (per article) of the functions whose symbol contains the
given substrings, next to their disassembly. Usage:
  Scripts/dedupe-annotate-scan.py [substring ...]   (default: the block scanner, FourToken specialisation)
Runs the release bench under callgrind (2000 entries, 2000 probes: 6000 fingerprints, 4000
checks; set ARTICLES=4000 when annotating check code). Run from the package root after
`swift build -c release -j 1`."""
import collections, os, re, subprocess, sys
needles = sys.argv[1:] or ['BlockScannerO4scan_5table', 'FourToken']
articles = int(os.environ.get("ARTICLES", "6000"))
subprocess.run("valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no "
               "--callgrind-out-file=/tmp/cg.i .build/release/DedupeEval --bench 2000 --probes 2000 >/dev/null 2>&1", shell=True)
cost = collections.defaultdict(collections.Counter); fn = None; skip = False
for line in open('/tmp/cg.i'):
    if line.startswith('fn='): fn = line[3:].strip(); continue
    if line.startswith('calls='): skip = True; continue
    m = re.match(r'^(0x[0-9a-f]+)\s+(\d+)\s+(\d+)', line)
    if m:
        if skip: skip = False; continue
        if fn and all(n in fn for n in needles): cost[fn][int(m.group(1), 16)] += int(m.group(3))
dis = subprocess.run("objdump -d --no-show-raw-insn -M intel .build/release/DedupeEval", shell=True,
                     capture_output=True, text=True).stdout.splitlines()
functions = {}; current = None
for l in dis:
    m = re.match(r'^([0-9a-f]+) <(.*)>:', l)
    if m: current = m.group(2); functions[current] = []; continue
    m = re.match(r'\s*([0-9a-f]+):\s*(.*)', l)
    if m and current: functions[current].append((int(m.group(1), 16), m.group(2)))
for name, counts in cost.items():
    body = functions.get(name)
    if not body: continue
    base = min(counts) - body[0][0]
    print("== %s: %.0f self instructions per article" % (name[:90], sum(counts.values()) / articles))
    for a, text in body:
        c = counts.get(a + base, 0) / articles
        if c >= 1: print("%8.1f  %x  %s" % (c, a, re.sub(r'<\$s[^>]*>', '<>', text)))
