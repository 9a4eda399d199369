#!/usr/bin/env python3
"""Summarise enriched records (JSON lines on stdin) for `make run`: one record in full with long
lists and strings shortened, then one line per article."""
import json
import sys


def shorten(value):
    if isinstance(value, str):
        return value[:160] + (" …" if len(value) > 160 else "")
    if isinstance(value, list):
        more = [f"… {len(value) - 3} more"] if len(value) > 3 else []
        return [shorten(v) for v in value[:3]] + more
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    return value


records = []
for line in sys.stdin:
    line = line.strip()
    if line.startswith("{"):
        records.append(json.loads(line))
records.sort(key=lambda r: r["id"])
if records:
    print(json.dumps(shorten(records[0]), ensure_ascii=False, indent=2))
    print()
header = ("id", "lang", "dedupe", "removed", "entities")
print(f"{header[0]:34} {header[1]:4} {header[2]:15} {header[3]:>7}  {header[4]}")
for r in records:
    lang = r.get("language", {}).get("code", "-")
    dedupe = r.get("dedupe", {}).get("status", "-")
    removed = len(r.get("clean", {}).get("removed", []))
    entities = ", ".join(e["name"] for e in r.get("tag", {}).get("entities", [])[:4])
    print(f"{r['id'][:34]:34} {lang:4} {dedupe:15} {removed:7}  {entities[:70]}")
