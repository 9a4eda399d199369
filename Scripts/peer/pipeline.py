"""The Python peer of articled for `make bench`: the same job done the usual way.

confluent-kafka consumer and producer (at least once: produce a batch, flush, then commit its
offsets), line-rule cleaning, py3langid, rensa MinHash + LSH for near duplicates, yake keywords.
Undecodable input goes to the dead-letter topic with its original bytes, as articled does.

    pipeline.py --brokers B --input T --output T --dead-letter T --group G --count N

Prints one JSON line with records, seconds, records/s and CPU seconds.
"""
import argparse
import json
import re
import resource
import time

import py3langid
import yake
from confluent_kafka import Consumer, Producer, TopicPartition
from rensa import RMinHash, RMinHashLSH

# Furniture as a rules-based cleaner would list it: teasers, ads, share/newsletter/cookie lines.
FURNITURE = re.compile(
    r"^(lees ook|read more|weiterlesen|mehr zum thema|lire aussi|leer más|leggi anche|leia também|czytaj też|läs också"
    r"|advertentie|advertisement|anzeige|publicité|publicidad|pubblicità"
    r"|foto ?:|photo ?:|bild ?:|share on|deel dit|teilen|partager|volg |follow our|suivez|abonneer|subscribe|newsletter"
    r"|meld je aan|jetzt |accept cookies|cookies|praat mee|reageren|kommentare)",
    re.IGNORECASE,
)
SHINGLE = 5


def clean(text):
    kept, removed, seen = [], 0, set()
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (FURNITURE.match(stripped) or stripped in seen):
            removed += 1
            continue
        seen.add(stripped)
        kept.append(line)
    return "\n".join(kept), removed


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return [" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]


def main():
    parser = argparse.ArgumentParser()
    for name in ("brokers", "input", "output", "dead-letter", "group"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--count", type=int, required=True, help="stop after this many input records")
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.brokers, "group.id": args.group, "enable.auto.commit": False,
        "auto.offset.reset": "earliest", "session.timeout.ms": 6000,
    })
    producer = Producer({
        "bootstrap.servers": args.brokers, "acks": "all", "enable.idempotence": True,
        "linger.ms": 5, "compression.type": "lz4",
    })
    consumer.subscribe([args.input])
    lsh = RMinHashLSH(threshold=0.8, num_perm=128, num_bands=16)
    extractors = {}
    failures = []
    done, started, cpu_started = 0, None, None

    def delivered(error, _message):
        if error is not None:
            failures.append(error)

    while done < args.count:
        messages = consumer.consume(num_messages=min(args.batch, args.count - done), timeout=1.0)
        if not messages:
            continue
        if started is None:
            started, cpu_started = time.monotonic(), time.process_time()
        for message in messages:
            if message.error():
                continue
            raw = message.value()
            try:
                article = json.loads(raw)
                text = article["text"]
                if not isinstance(text, str) or not text.strip():
                    raise ValueError("no text")
            except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
                producer.produce(args.dead_letter, raw, key=message.key(),
                                 headers={"error": str(error)[:200]}, on_delivery=delivered)
                continue
            text, removed = clean(text)
            language, score = py3langid.classify(text)
            minhash = RMinHash(num_perm=128, seed=42)
            minhash.update(shingles(text))
            candidates = lsh.query(minhash)
            lsh.insert(message.offset() * 1000 + message.partition(), minhash)
            extractor = extractors.get(language)
            if extractor is None:
                try:
                    extractor = yake.KeywordExtractor(lan=language, n=2, top=10)
                except Exception:  # yake has no stopword list for this language
                    extractor = yake.KeywordExtractor(lan="en", n=2, top=10)
                extractors[language] = extractor
            keywords = [word for word, _ in extractor.extract_keywords(text)]
            article.update({
                "text": text,
                "clean": {"lines_removed": removed},
                "language": {"code": language, "score": float(score)},
                "dedupe": {"status": "near_duplicate" if candidates else "unique"},
                "tag": {"keywords": keywords},
            })
            producer.produce(args.output, json.dumps(article, ensure_ascii=False).encode(),
                             key=message.key(), on_delivery=delivered)
            producer.poll(0)
        producer.flush()
        if failures:
            raise SystemExit(f"delivery failed: {failures[0]}")
        consumer.commit(asynchronous=False)
        done += len(messages)

    seconds = time.monotonic() - started
    cpu = time.process_time() - cpu_started
    consumer.close()
    print(json.dumps({"records": done, "seconds": round(seconds, 3), "records_per_second": round(done / seconds, 1),
                      "cpu_seconds": round(cpu, 3), "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


if __name__ == "__main__":
    main()
