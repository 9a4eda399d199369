import Dedupe
import Foundation

/// Throughput of fingerprint + check + insert on synthetic 4 KB articles (Zipf-like word draws
/// from a fixed pseudo-vocabulary, so it runs without ../shared), against an index pre-filled
/// with `entries` articles.
enum Bench {
    static func run(entries: Int, probes probeCount: Int, configuration: DedupeConfiguration) {
        var random = SplitMix(seed: 4096)
        let vocabulary: [[UInt8]] = (0..<20_000).map { _ in
            let length = 2 + random.below(9)
            return (0..<length).map { _ in UInt8(97 + random.below(26)) }
        }
        // Built as bytes (String appends made filling a million entries take minutes).
        func article() -> String {
            var text: [UInt8] = []
            text.reserveCapacity(4200)
            var sentence = 0
            while text.count < 4096 {
                // Squaring skews draws towards frequent words, like real text.
                let r = Double(random.next() >> 11) / Double(1 << 53)
                text += vocabulary[Int(r * r * Double(vocabulary.count))]
                sentence += 1
                text += sentence % 18 == 0 ? Array(".\n\n".utf8) : [0x20]
            }
            return String(decoding: text, as: UTF8.self)
        }

        var config = configuration
        config.maxEntries = max(entries + 1000, configuration.maxEntries)
        let rssBefore = residentBytes()
        let index = DedupeIndex(configuration: config)
        let fingerprinter = index.fingerprinter
        let fillClock = ContinuousClock()
        let fillStart = fillClock.now
        for n in 0..<entries {
            index.insert(fingerprinter.fingerprint(id: "wire-2026-11-26-story-\(n)", url: "https://news.example/\(n)", text: article()), firstSeenMilliseconds: Int64(n))
        }
        let fillTime = fillStart.duration(to: fillClock.now)
        let memory = index.memoryBytesEstimate
        print("index: \(index.count) entries filled in \(fillTime); memory estimate \(memory / 1_048_576) MiB "
            + "= \(memory / max(index.count, 1)) bytes/entry")
        if let before = rssBefore, let after = residentBytes() {
            print("  RSS grew \((after - before) / 1_048_576) MiB while filling = \((after - before) / max(index.count, 1)) bytes/entry "
                + "(\(after / 1_048_576) MiB total)")
        }

        let probes = (0..<probeCount).map { _ in article() }
        let averageBytes = probes.reduce(0) { $0 + $1.utf8.count } / probes.count
        // Ids and URLs exist before the stage runs; building them is not part of the measurement.
        // Ids are as long as real ones (the fixtures' are 10-30 bytes): over 15 bytes a String
        // keeps them on the heap, which the memory figures above should include.
        let ids = probes.indices.map { "wire-2026-11-27-story-\($0)" }
        let urls = probes.indices.map { "https://news.example/p/\($0)" }

        var fingerprints: [ArticleFingerprint] = []
        fingerprints.reserveCapacity(probes.count)
        let fingerprintTime = Timing.measure {
            for n in probes.indices {
                fingerprints.append(fingerprinter.fingerprint(id: ids[n], url: urls[n], text: probes[n]))
            }
        }
        var sink = 0
        let textOnlyTime = Timing.measure {
            for text in probes { sink &+= fingerprinter.fingerprint(id: "p", url: nil, text: text).shingleCount }
        }
        var nearDuplicates = 0
        let checkTime = Timing.measure {
            for fingerprint in fingerprints where index.check(fingerprint).status != .unique { nearDuplicates += 1 }
        }
        let checkInsertTime = Timing.measure {
            for (n, fingerprint) in fingerprints.enumerated() {
                let verdict = index.check(fingerprint)
                index.insert(fingerprint, firstSeenMilliseconds: Int64(entries + n), verdict: verdict)
            }
        }

        let n = Double(probes.count)
        func line(_ label: String, _ time: Timing, _ note: String = "") {
            print("  \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \(fmt(time.wall / n)) µs wall, "
                + "\(fmt(time.cpu / n)) µs CPU\(note)")
        }
        print("articles: \(probes.count) × \(averageBytes) bytes, one core (CPU = this thread's CPU time, "
            + "less sensitive to other load on the machine)")
        line("fingerprint (id, URL, text)", fingerprintTime)
        line("fingerprint text only", textOnlyTime, " (\(sink / probes.count) shingles)")
        line("check", checkTime, " (\(nearDuplicates) flagged)")
        line("check + insert", checkInsertTime)
        let lookup = fingerprintTime + checkTime
        line("fingerprint + check", lookup, " = \(Int(n * 1e6 / lookup.wall)) articles/s wall, \(Int(n * 1e6 / lookup.cpu)) CPU")
        let total = fingerprintTime + checkInsertTime
        line("fingerprint + check + insert", total, " = \(Int(n * 1e6 / total.wall)) articles/s wall, \(Int(n * 1e6 / total.cpu)) CPU")
        print("  encoded changelog entry \(index.exportEntries().last?.encoded().count ?? 0) bytes")
    }

    /// Resident bytes of this process (Linux `/proc/self/statm`), nil elsewhere: what the daemon's
    /// RSS budget counts, huge-page and allocator overhead included.
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
