#!/usr/bin/env python3
"""Reads topics from the beginning (read_committed) and accounts for the ids "<prefix>-0" …
"<prefix>-(count-1)" by record key: how many arrived, how many are missing, how many twice.

--until-complete: keep reading until every id was seen (or --timeout), then stop; otherwise read
until the topics are idle for --idle seconds. --kinds K: also count, per kind (index % K), where
the records went: "<topic>" or "<topic>:<articled.error.class>". Prints one JSON line; exit 0
when nothing is lost.

usage: count_ids.py BROKER COUNT TOPIC... [--prefix cl] [--until-complete] [--timeout 3600] [--idle 10] [--kinds K]
"""
import argparse
import json
import sys
import time
import uuid

from confluent_kafka import Consumer


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("broker")
    parser.add_argument("count", type=int)
    parser.add_argument("topics", nargs="+")
    parser.add_argument("--prefix", default="cl")
    parser.add_argument("--until-complete", action="store_true")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--idle", type=float, default=10)
    parser.add_argument("--kinds", type=int, default=0)
    args = parser.parse_args()

    consumer = Consumer({"bootstrap.servers": args.broker, "group.id": f"count-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "isolation.level": "read_committed", "session.timeout.ms": 6000,
                         "fetch.wait.max.ms": 50})
    consumer.subscribe(args.topics)
    seen = bytearray(args.count)
    unique = records = duplicates = foreign = 0
    per_topic: dict[str, int] = {}
    per_kind: dict[int, dict[str, int]] = {}
    prefix = args.prefix + "-"
    started = last_record = time.monotonic()
    while True:
        now = time.monotonic()
        if now - started > args.timeout:
            break
        if args.until_complete and unique == args.count:
            break
        if not args.until_complete and records and now - last_record > args.idle:
            break
        if not records and now - started > max(args.idle, 30) and not args.until_complete:
            break
        for message in consumer.consume(num_messages=10000, timeout=0.5):
            if message.error():
                continue
            last_record = time.monotonic()
            records += 1
            per_topic[message.topic()] = per_topic.get(message.topic(), 0) + 1
            key = (message.key() or b"").decode("utf-8", "replace")
            if not key.startswith(prefix) or not key[len(prefix):].isdigit() or int(key[len(prefix):]) >= args.count:
                foreign += 1
                continue
            index = int(key[len(prefix):])
            if args.kinds:
                where = message.topic()
                for name, value in message.headers() or []:
                    if name == "articled.error.class":
                        where += ":" + (value or b"").decode("utf-8", "replace")
                kind = per_kind.setdefault(index % args.kinds, {})
                kind[where] = kind.get(where, 0) + 1
            if seen[index]:
                duplicates += 1
            else:
                seen[index] = 1
                unique += 1
    consumer.close()
    result = {"records": records, "unique": unique, "lost": args.count - unique, "duplicates": duplicates,
              "foreign": foreign, "per_topic": per_topic,
              **({"per_kind": {str(k): v for k, v in sorted(per_kind.items())}} if args.kinds else {}), "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(result))
    return 0 if unique == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
