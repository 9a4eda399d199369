#!/usr/bin/env python3
"""Changed decisions between two builds on the stage-benchmark corpus.

Usage: Scripts/cleaning-decision-diff.py BEFORE AFTER
where BEFORE and AFTER were written by
  CleaningEval --bench-corpus /work/main/Config/samples --rounds 1 --corpus-dump FILE
(one line per call, then one per removed line: "  - [rule] text"). Prints how many calls and
line decisions changed: lines removed before and kept now (by the old rule), kept before and
removed now (by the new rule), and lines whose rule changed. With -v, the changed lines.
"""
import collections
import sys


def load(path):
    calls = {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("call "):
                current = int(line.split(" ")[1])
                calls[current] = {"head": line, "removed": {}}
            elif line.startswith("  - [") and current is not None:
                rule, text = line[5:].split("] ", 1)
                calls[current]["removed"][text] = rule
    return calls


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    if len(args) != 2:
        print(__doc__)
        return 2
    before, after = load(args[0]), load(args[1])
    changed_calls = 0
    kept_now, removed_now, rule_changed = collections.Counter(), collections.Counter(), collections.Counter()
    for call, old in before.items():
        new = after.get(call, {"head": "", "removed": {}})
        if old != new:
            changed_calls += 1
        for text, rule in old["removed"].items():
            if text not in new["removed"]:
                kept_now[rule] += 1
                if verbose:
                    print(f"call {call} kept now   [{rule}] {text[:160]}")
            elif new["removed"][text] != rule:
                rule_changed[(rule, new["removed"][text])] += 1
        for text, rule in new["removed"].items():
            if text not in old["removed"]:
                removed_now[rule] += 1
                if verbose:
                    print(f"call {call} removed now [{rule}] {text[:160]}")
    lines = sum(kept_now.values()) + sum(removed_now.values()) + sum(rule_changed.values())
    print(f"calls changed {changed_calls} of {len(before)}; line decisions changed {lines}")
    print("removed before, kept now:", dict(kept_now))
    print("kept before, removed now:", dict(removed_now))
    print("rule changed:", {f"{a} -> {b}": n for (a, b), n in rule_changed.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
