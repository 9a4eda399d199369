#!/usr/bin/env python3
"""Feeds COUNT articles of mixed size to a topic, for the scale reliability scenarios.

Sizes run from --min to --max bytes, skewed to the small end the way news is (size =
min * (max/min) ** u**3 for uniform u: median ~2 x min, mean ~4.5 KB for 200 B-64 KB), so a million
articles fit a memory-only broker. Text is drawn from the words of Config/samples (nine
languages). Every --bad-every-th record is truncated JSON: it must reach the dead-letter topic
with its key. Keys are the ids ("<prefix>-<n>"); the same seed gives the same records.

usage: feed_mix.py BROKER TOPIC COUNT [--min 200] [--max 65536] [--prefix cl] [--bad-every 1000]
"""
import argparse
import json
import pathlib
import random
import sys
import time

from confluent_kafka import Producer


def vocabulary(samples: pathlib.Path) -> list[str]:
    words: list[str] = []
    for path in sorted(samples.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            try:
                text = json.loads(text).get("text", "")
            except ValueError:
                pass
        words.extend(w for w in text.split() if w.isprintable())
    return words or ["news"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("broker")
    parser.add_argument("topic")
    parser.add_argument("count", type=int)
    parser.add_argument("--min", type=int, default=200)
    parser.add_argument("--max", type=int, default=65536)
    parser.add_argument("--prefix", default="cl")
    parser.add_argument("--bad-every", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    root = pathlib.Path(__file__).resolve().parents[2]
    words = vocabulary(root / "Config" / "samples")
    rng = random.Random(args.seed)
    producer = Producer({"bootstrap.servers": args.broker, "linger.ms": 20, "acks": "all",
                         "compression.type": "lz4", "queue.buffering.max.kbytes": 262144})
    ratio = args.max / args.min
    total_bytes = 0
    started = time.monotonic()
    for index in range(args.count):
        key = f"{args.prefix}-{index}"
        target = int(args.min * ratio ** (rng.random() ** 3))
        start = rng.randrange(len(words))
        chunk: list[str] = []
        size = 0
        position = start
        while size < target:
            word = words[position % len(words)]
            chunk.append(word)
            size += len(word.encode()) + 1
            position += 1 + (rng.random() < 0.05) * rng.randrange(50)
        record = {"id": key, "url": f"https://example.org/{args.prefix}/{index}",
                  "title": " ".join(chunk[:8]), "text": " ".join(chunk), "published_at": "2026-11-25T12:00:00Z"}
        value = json.dumps(record, ensure_ascii=False).encode()
        if args.bad_every and index % args.bad_every == args.bad_every - 1:
            value = value[: len(value) // 2]  # truncated JSON: a decode dead letter
        total_bytes += len(value)
        while True:
            try:
                producer.produce(args.topic, key=key.encode(), value=value)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    remaining = producer.flush(120)
    elapsed = time.monotonic() - started
    print(f"fed {args.count} records ({total_bytes / 1e6:.0f} MB, mean {total_bytes / max(args.count, 1):.0f} B) "
          f"to {args.topic} in {elapsed:.1f} s; unflushed {remaining}", file=sys.stderr)
    return 1 if remaining else 0


if __name__ == "__main__":
    sys.exit(main())
