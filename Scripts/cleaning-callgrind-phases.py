#!/usr/bin/env python3
"""Per-phase instructions per call from a callgrind file of `Cleaner.clean` (see
cleaning-callgrind.sh). Inclusive costs are summed per function from the raw file (callgrind_annotate
splits a function's costs by source file when code is inlined). Usage: FILE CALLS"""
import collections
import re
import sys


def load(path):
    names, cur, in_call, target = {}, None, False, None
    self_cost, incl = collections.Counter(), collections.Counter()
    for line in open(path):
        if line[0] in "#\n":
            continue
        m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line.strip())
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if m.group(1) == "fn":
                cur = names[m.group(2)]
            else:
                target = names[m.group(2)]
            continue
        if line.startswith("calls="):
            in_call = True
            continue
        if line[0].isalpha() or line[0] == "(":
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        cost = int(parts[-1])
        if in_call:
            in_call = False
            if target != cur:
                incl[cur] += cost
        else:
            self_cost[cur] += cost
            incl[cur] += cost
    return self_cost, incl


def main():
    path, calls = sys.argv[1], float(sys.argv[2])
    self_cost, incl = load(path)
    total = sum(self_cost.values())

    def inclusive(pattern):
        # Closures (`fU_`) are left out: their cost is already inside the function calling them.
        return sum(v for k, v in incl.items() if re.search(pattern, k) and "fU_" not in k)

    # NFC runs only for a text whose fused pass met a scalar NFC may change (`Cleaner.analyze`).
    # (`composed` itself is inlined into the analysis; its closure holds the work.)
    nfc = inclusive(r"10UnicodeNFCO8composedySSSgSSFZ$") or sum(
        v for k, v in incl.items() if re.search(r"10UnicodeNFCO8composedySSSgSSFZ.*fU_$", k))
    write = inclusive(r"14TextNormalizerO5write_4into")
    pending = inclusive(r"WriterV14analyzePending")
    tokenise = inclusive(r"12LineAnalyzerO7analyze_5words")
    phases = collections.OrderedDict()
    phases["NFC (texts that need it)"] = nfc
    phases["normalise (bytes)"] = write - pending
    phases["word bitmap (and per-line calls)"] = pending - tokenise
    phases["tokenise + hash"] = tokenise
    phases["lookups, stoplist counts, patterns, densities"] = inclusive(r"7CleanerC7analyze_8language") - write - nfc
    phases["learned (line memory)"] = inclusive(r"7CleanerC13learnedCounts")
    phases["decide (LineJudge)"] = inclusive(r"9LineJudgeV6decide")
    phases["assemble (result strings)"] = inclusive(r"0A6ResultV8assemble8analysis")
    phases["other"] = total - sum(phases.values())
    for name, cost in phases.items():
        print("%-48s %8.0f  %5.1f%%" % (name, cost / calls, 100.0 * cost / max(total, 1)))
    print("%-48s %8.0f" % ("total Ir per call", total / calls))


main()
