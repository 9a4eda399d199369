import Dedupe

/// Throughput of fingerprint + check + insert on synthetic 4 KB articles (Zipf-like word draws
/// from a fixed pseudo-vocabulary, so it runs without ../shared), against an index pre-filled
/// with `entries` articles.
enum Bench {
    static func run(entries: Int, configuration: DedupeConfiguration) {
        var random = SplitMix(seed: 4096)
        let vocabulary: [String] = (0..<20_000).map { _ in
            let length = 2 + random.below(9)
            return String(decoding: (0..<length).map { _ in UInt8(97 + random.below(26)) }, as: UTF8.self)
        }
        func article() -> String {
            var text = ""
            text.reserveCapacity(4200)
            var sentence = 0
            while text.utf8.count < 4096 {
                // Squaring skews draws towards frequent words, like real text.
                let r = Double(random.next() >> 11) / Double(1 << 53)
                text += vocabulary[Int(r * r * Double(vocabulary.count))]
                sentence += 1
                text += sentence % 18 == 0 ? ".\n\n" : " "
            }
            return text
        }

        var config = configuration
        config.maxEntries = max(entries + 1000, configuration.maxEntries)
        let index = DedupeIndex(configuration: config)
        let fingerprinter = index.fingerprinter
        let fillClock = ContinuousClock()
        let fillStart = fillClock.now
        for n in 0..<entries {
            index.insert(fingerprinter.fingerprint(id: "fill-\(n)", url: "https://news.example/\(n)", text: article()), firstSeenMilliseconds: Int64(n))
        }
        let fillTime = fillStart.duration(to: fillClock.now)
        let memory = index.memoryBytesEstimate
        print("index: \(index.count) entries filled in \(fillTime); memory estimate \(memory / 1_048_576) MiB "
            + "= \(memory / max(index.count, 1)) bytes/entry")

        let probes = (0..<20_000).map { _ in article() }
        let averageBytes = probes.reduce(0) { $0 + $1.utf8.count } / probes.count
        let clock = ContinuousClock()

        var fingerprints: [ArticleFingerprint] = []
        fingerprints.reserveCapacity(probes.count)
        var start = clock.now
        for (n, text) in probes.enumerated() {
            fingerprints.append(fingerprinter.fingerprint(id: "probe-\(n)", url: "https://news.example/p/\(n)", text: text))
        }
        let fingerprintTime = start.duration(to: clock.now)

        start = clock.now
        var sink = 0
        for text in probes { sink &+= fingerprinter.fingerprint(id: "p", url: nil, text: text).shingleCount }
        let textOnlyTime = start.duration(to: clock.now)

        var nearDuplicates = 0
        start = clock.now
        for fingerprint in fingerprints where index.check(fingerprint).status != .unique { nearDuplicates += 1 }
        let checkTime = start.duration(to: clock.now)

        start = clock.now
        for (n, fingerprint) in fingerprints.enumerated() {
            let verdict = index.check(fingerprint)
            index.insert(fingerprint, firstSeenMilliseconds: Int64(entries + n), verdict: verdict)
        }
        let checkInsertTime = start.duration(to: clock.now)

        func micros(_ duration: Duration) -> Double {
            let (seconds, attoseconds) = duration.components
            return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(probes.count)
        }
        let total = micros(fingerprintTime) + micros(checkInsertTime)
        print("articles: \(probes.count) × \(averageBytes) bytes, one core")
        print("  fingerprint            \(fmt(micros(fingerprintTime))) µs/article")
        print("  fingerprint text only  \(fmt(micros(textOnlyTime))) µs/article (\(sink / probes.count) shingles)")
        print("  check                  \(fmt(micros(checkTime))) µs/article (\(nearDuplicates) flagged)")
        print("  check + insert         \(fmt(micros(checkInsertTime))) µs/article")
        print("  fingerprint + check + insert \(fmt(total)) µs/article = \(Int(1e6 / total)) articles/s/core")
        print("  encoded changelog entry \(index.exportEntries().last?.encoded().count ?? 0) bytes")
    }
}
