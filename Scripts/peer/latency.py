"""Latency probe for `make bench`: feed records at a fixed rate, then join input and output by key.

    latency.py feed    --brokers B --source T --topic T --rate R --seconds S
    latency.py measure --brokers B --topic T --output T --expect N

`feed` copies records from `--source` (a topic already holding benchmark articles) to `--topic`
at R records/s, giving each a fresh id (`"id":"L<n>-…"`), so the daemon treats them as new. `measure`
reads both topics and prints percentiles of (output record timestamp − input record timestamp):
the time from the feeder's produce to the daemon's produce of the enriched record, which
includes the broker round trip, the daemon's fetch wait and the stages.
"""
import argparse
import json
import time

from confluent_kafka import Consumer, Producer, TopicPartition


def read_all(brokers, topic, expect=None, idle_seconds=5.0, limit=None):
    consumer = Consumer({"bootstrap.servers": brokers, "group.id": "latency-probe", "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
    records, last = [], time.monotonic()
    while time.monotonic() - last < idle_seconds:
        for message in consumer.consume(500, timeout=0.5):
            if message.error():
                continue
            records.append((message.key(), message.timestamp()[1], message.value()))
            last = time.monotonic()
        if (expect is not None and len(records) >= expect) or (limit is not None and len(records) >= limit):
            break
    consumer.close()
    return records


def feed(args):
    source = [value for _, _, value in read_all(args.brokers, args.source, limit=args.source_records)]
    producer = Producer({"bootstrap.servers": args.brokers, "acks": "all", "linger.ms": 1, "compression.type": "lz4"})
    total = int(args.rate * args.seconds)
    started = time.monotonic()
    for n in range(total):
        due = started + n / args.rate
        delay = due - time.monotonic()
        if delay > 0.0005:
            time.sleep(delay)
        value = source[n % len(source)].replace(b'"id":"', b'"id":"L%d-' % n, 1)
        key = value[value.index(b'"id":"') + 6:].split(b'"', 1)[0]
        while True:
            try:
                producer.produce(args.topic, value, key=key)
                break
            except BufferError:
                producer.poll(0.01)
        producer.poll(0)
    producer.flush()
    elapsed = time.monotonic() - started
    print(json.dumps({"fed": total, "seconds": round(elapsed, 2), "rate": round(total / elapsed, 1)}))


def measure(args):
    sent = {key: ts for key, ts, _ in read_all(args.brokers, args.topic, expect=args.expect)}
    latencies = sorted(ts - sent[key] for key, ts, _ in read_all(args.brokers, args.output, expect=args.expect)
                       if key in sent)
    if not latencies:
        raise SystemExit("no output records matched the input")

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    print(json.dumps({"matched": len(latencies), "sent": len(sent), "p50_ms": pct(50), "p90_ms": pct(90),
                      "p99_ms": pct(99), "max_ms": latencies[-1]}))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="mode", required=True)
    f = sub.add_parser("feed")
    f.add_argument("--brokers", required=True)
    f.add_argument("--source", required=True)
    f.add_argument("--source-records", type=int, default=2000)
    f.add_argument("--topic", required=True)
    f.add_argument("--rate", type=float, required=True)
    f.add_argument("--seconds", type=float, default=15)
    m = sub.add_parser("measure")
    m.add_argument("--brokers", required=True)
    m.add_argument("--topic", required=True)
    m.add_argument("--output", required=True)
    m.add_argument("--expect", type=int)
    args = parser.parse_args()
    feed(args) if args.mode == "feed" else measure(args)


if __name__ == "__main__":
    main()
