import Dedupe
import Foundation

/// The index's cost when full: the generated sample mix (sentences rebuilt from small pools, so
/// many articles share LSH band values) fills `max_entries` and every further article evicts the
/// oldest, as in the daemon. The synthetic `--bench` articles share nothing and never evict, so
/// they miss this regime. Input: records of `id\nurl\nbyte count\ntext bytes`, back to back (the
/// cleaned texts of `articled process` with the clean stage only: Scripts/dedupe-replay.sh).
/// Fingerprints are taken first and not timed; then `checkAndInsert` runs over all of them, one
/// millisecond apart, and prints its µs per article (the last quarter separately: full index) and
/// a digest of the verdicts, which a change meant to be faster must leave unchanged.
/// `perMillisecond`: articles stamped with the same millisecond (ties in time, as the daemon's
/// wall clock gives a fast chain). `pollute`: bytes read between two articles (outside the timing), as the daemon's other stages
/// evict the index's cache lines between two checks.
enum Replay {
    static func run(path: String, maxEntries: Int, pollute: Int = 0, perMillisecond: Int = 1, configuration: DedupeConfiguration) {
        guard let data = FileManager.default.contents(atPath: path) else {
            print("DedupeEval --replay: cannot read \(path)")
            return
        }
        var config = configuration
        config.maxEntries = maxEntries
        let index = DedupeIndex(configuration: config)
        let records = parse([UInt8](data))
        let fingerprints = records.map { index.fingerprinter.fingerprint(id: $0.id, url: $0.url, text: $0.text) }
        var digest: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01B3 }
        }
        var counts: [String: Int] = [:]
        let fullFrom = fingerprints.count - fingerprints.count / 4
        var early = Timing(wall: 0, cpu: 0)
        var late = Timing(wall: 0, cpu: 0)
        var verdicts: [DedupeVerdict] = []
        verdicts.reserveCapacity(fingerprints.count)
        let noise = [UInt64](repeating: 1, count: max(pollute / 8, 1))
        var noiseSum: UInt64 = 0
        for (start, end) in [(0, fullFrom), (fullFrom, fingerprints.count)] {
            var time = Timing(wall: 0, cpu: 0)
            for n in start..<end {
                if pollute > 0 {
                    // One word per cache line, in order (what a stage streaming its own data does).
                    noise.withUnsafeBufferPointer { words in
                        for line in stride(from: 0, to: words.count, by: 8) { noiseSum &+= words[line] }
                    }
                    time = time + Timing.measure {
                        verdicts.append(index.checkAndInsert(fingerprints[n], firstSeenMilliseconds: Int64(n / perMillisecond)).verdict)
                    }
                } else if n == start {
                    time = Timing.measure {
                        for m in start..<end {
                            verdicts.append(index.checkAndInsert(fingerprints[m], firstSeenMilliseconds: Int64(m / perMillisecond)).verdict)
                        }
                    }
                    break
                }
            }
            if start == 0 { early = time } else { late = time }
        }
        for verdict in verdicts {
            counts[verdict.status.rawValue, default: 0] += 1
            mix("\(verdict.status.rawValue)|\(verdict.of ?? "-")|\(Int((verdict.similarity * 1000).rounded()))\n")
        }
        let firstPart = Double(max(fullFrom, 1)), lastPart = Double(max(fingerprints.count - fullFrom, 1))
        print("replay: \(fingerprints.count) articles, max_entries \(maxEntries), \(index.count) stored at the end"
            + (pollute > 0 ? ", \(pollute >> 20) MiB read between articles (\(noiseSum & 1))" : ""))
        print("  check + insert, first 3/4: \(fmt(early.cpu / firstPart)) µs CPU (\(fmt(early.wall / firstPart)) wall)")
        print("  check + insert, last 1/4:  \(fmt(late.cpu / lastPart)) µs CPU (\(fmt(late.wall / lastPart)) wall)")
        print("  verdicts: " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            + "; digest \(String(digest, radix: 16))")
    }

    /// The records of the replay file; a truncated last record is dropped.
    private static func parse(_ bytes: [UInt8]) -> [(id: String, url: String?, text: String)] {
        var records: [(id: String, url: String?, text: String)] = []
        var position = 0
        func line() -> String? {
            guard let end = bytes[position...].firstIndex(of: 0x0A) else { return nil }
            defer { position = end + 1 }
            return String(decoding: bytes[position..<end], as: UTF8.self)
        }
        while position < bytes.count {
            guard let id = line(), let url = line(), let countLine = line(), let count = Int(countLine),
                  count >= 0, position + count <= bytes.count else { break }
            records.append((id, url.isEmpty ? nil : url, String(decoding: bytes[position..<(position + count)], as: UTF8.self)))
            position += count
        }
        return records
    }
}
