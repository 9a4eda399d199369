import Foundation

/// The trained tables: for each feature hash (character n-gram or word), the languages that use it
/// with a quantised log-probability above a shared floor. Immutable after load, so sharing across
/// threads is free.
public struct LanguageModel: Sendable {
    /// Language codes in model order (index = posting language id).
    public let languages: [String]
    /// Quantisation steps per nat.
    let scale: Float
    /// Softmax temperatures (nats) fitted by the training script on held-out training strings:
    /// overall, and among a confusable group (hr/bs/sr, id/ms, nb/nn/da, …) where equal evidence
    /// is less conclusive.
    let temperature: Float
    let groupTemperature: Float
    /// Both temperatures are stretched by `1 + shortTextLetters / letters`: a few letters carry
    /// less evidence than their naive-Bayes score claims.
    let shortTextLetters: Float
    /// Temperature (nats) of the whole-word pass (`WordScorer`; version 7 files, older ones use
    /// `temperature`). That pass counts each word once and no n-grams, so its scores are a fraction
    /// of the n-gram pass's and need their own fit; the group temperature keeps the same ratio.
    let wordPassTemperature: Float
    /// Multiplier of the whole-word feature in the n-gram pass (version 5 files; 1 before). A word
    /// the model knows is direct evidence, while its ~3·length overlapping n-grams count much the
    /// same evidence many times over and drown it on short text (`member` → id, `november` → sl).
    let wordWeight: Int32
    static let maxWordWeight: UInt32 = 16
    /// Word multiplier for texts of 1, 2, … `shortWordWeights.count` words (version 6 files; older
    /// files use `wordWeight` throughout). On one or two words the n-grams of those same words are
    /// nearly all the other evidence there is, so the word's own frequency should weigh more than
    /// in a sentence, where many words' n-grams add independent evidence.
    let shortWordWeights: [Int32]
    /// Texts longer than this (UTF-8 bytes) are not counted for `shortWordWeights`.
    static let shortTextBytes = 96

    /// The word multiplier for a text of `words` words.
    @inline(__always)
    func wordWeight(forWords words: Int) -> Int32 {
        words >= 1 && words <= shortWordWeights.count ? shortWordWeights[words - 1] : wordWeight
    }
    /// Open-addressing table, one word per slot so a lookup costs one cache miss: high 32 bits a
    /// fingerprint of the key, then 25 bits postings start, low 7 bits postings count (0 = empty).
    /// A false fingerprint match needs the same probe run and the same 32 bits (≈ 1e-9 per lookup).
    let slots: [UInt64]
    let shift: UInt64
    /// `language index << 8 | quantised score`.
    let postings: [UInt16]
    /// Features used by many languages as dense rows of `denseWidth` bytes (score per language,
    /// 0 = absent): one 64-byte row is added with four vector adds instead of dozens of scattered
    /// ones. Slots of such features carry `denseMarker` as count and the row index as start.
    let dense: [UInt8]
    static let denseWidth = 64
    static let denseMarker: UInt64 = 0x7F
    /// Posting lists at least this long become dense rows.
    static let denseMinimum = 12
    /// Per-language back-off for features a language does not list (version 4 files); see
    /// `BackoffRows`. Empty when the file has none (older versions, or all zero).
    let offsetRows: [Int32]
    var hasOffsets: Bool { !offsetRows.isEmpty }

    /// Newest file format this build reads (written by Scripts/lid_train.py); newer files are
    /// rejected as `.malformed` rather than misread.
    public static let formatVersion: UInt32 = 7

    /// Loads `language-model.bin` (format written by Scripts/lid_train.py).
    public init(contentsOf url: URL) throws(LanguageModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
        do {
            self = try Self.parse(data)
        } catch let reason {
            throw .malformed(path: url.path, reason: reason.text)
        }
    }

    struct ParseFailure: Error { let text: String }

    private init(
        languages: [String], scale: Float, temperatures: (Float, Float, Float), wordPassTemperature: Float,
        wordWeight: Int32,
        shortWordWeights: [Int32], backoff: [UInt8], keys: [UInt64], offsets: [UInt32], postings: [UInt16]
    ) {
        // Load factor ≤ 2/3, for a probe run that mostly stays in the home slot's cache line
        // (1.5 M features with 22 000 words per language: 2^22 slots, 32 MB).
        var capacity = 16
        while capacity * 2 < keys.count * 3 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        let denseOK = languages.count <= Self.denseWidth
        var rows = 0
        if denseOK {
            for i in keys.indices where offsets[i + 1] - offsets[i] >= Self.denseMinimum { rows += 1 }
        }
        var dense = [UInt8](repeating: 0, count: rows * Self.denseWidth)
        // Raw buffers: this loop runs once per feature (1.5 M) and was most of the load time with
        // array uniqueness checks on every write. Indices are in range: `parse` checked offsets
        // and posting languages, and rows were counted above.
        slots.withUnsafeMutableBufferPointer { slots in
        dense.withUnsafeMutableBufferPointer { dense in
            var row = 0
            for (i, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                var start = UInt64(offsets[i]), count = UInt64(offsets[i + 1] - offsets[i])
                if denseOK, count >= Self.denseMinimum {
                    for p in postings[Int(offsets[i])..<Int(offsets[i + 1])] {
                        dense[row * Self.denseWidth + Int(p >> 8)] = UInt8(truncatingIfNeeded: p)
                    }
                    start = UInt64(row)
                    count = Self.denseMarker
                    row += 1
                }
                slots[slot] = (key << 32) | (start << 7) | count
            }
        }
        }
        self.dense = dense
        offsetRows = BackoffRows.make(backoff: backoff, languages: languages, wordWeight: wordWeight)
        self.wordWeight = wordWeight
        self.shortWordWeights = shortWordWeights
        self.languages = languages
        self.scale = scale
        temperature = temperatures.0
        groupTemperature = temperatures.1
        shortTextLetters = temperatures.2
        self.wordPassTemperature = wordPassTemperature
        self.slots = slots
        self.shift = shift
        self.postings = postings
    }

    private static func parse(_ data: Data) throws(ParseFailure) -> LanguageModel {
        var reader = ByteReader(data: data)
        guard try reader.bytes(4) == Array("LIDM".utf8) else { throw ParseFailure(text: "bad magic") }
        let version = try reader.u32()
        guard (1...Self.formatVersion).contains(version) else {
            throw ParseFailure(text: "unsupported version \(version) (this build reads 1–\(Self.formatVersion))")
        }
        let count = Int(try reader.u32())
        let scale = Float(bitPattern: try reader.u32())
        var temperatures: (Float, Float, Float) = (6, 6, 0)  // version 1 files carry no calibration
        if version >= 2 {
            temperatures.0 = Float(bitPattern: try reader.u32())
            temperatures.1 = Float(bitPattern: try reader.u32())
        }
        if version >= 3 {
            temperatures.2 = Float(bitPattern: try reader.u32())
        }
        var wordWeight: UInt32 = 1
        if version >= 5 {
            wordWeight = try reader.u32()
            guard (1...maxWordWeight).contains(wordWeight) else { throw ParseFailure(text: "bad word weight \(wordWeight)") }
        }
        var shortWordWeights: [Int32] = []
        if version >= 6 {
            let n = try reader.u32()
            guard n <= 8 else { throw ParseFailure(text: "bad short-text word weight count \(n)") }
            for _ in 0..<n {
                let w = try reader.u32()
                guard (1...maxWordWeight).contains(w) else { throw ParseFailure(text: "bad short-text word weight \(w)") }
                shortWordWeights.append(Int32(w))
            }
        }
        var wordPassTemperature = temperatures.0
        if version >= 7 {
            wordPassTemperature = Float(bitPattern: try reader.u32())
        }
        guard count > 0, count < 256, scale > 0, temperatures.0 > 0, temperatures.1 > 0,
              temperatures.2 >= 0, temperatures.0.isFinite, temperatures.1.isFinite, temperatures.2.isFinite,
              wordPassTemperature > 0, wordPassTemperature.isFinite
        else { throw ParseFailure(text: "bad header") }
        var languages: [String] = []
        for _ in 0..<count {
            let raw = try reader.bytes(4).prefix { $0 != 0 }
            languages.append(String(decoding: raw, as: UTF8.self))
        }
        var backoff: [UInt8] = []
        if version >= 4 {
            backoff = try reader.bytes(4 * count)
            guard count <= denseWidth else { throw ParseFailure(text: "back-off needs ≤ \(denseWidth) languages") }
        }
        let featureCount = Int(try reader.u32())
        let postingCount = Int(try reader.u32())
        let keys: [UInt64] = try reader.array(featureCount)
        let offsets: [UInt32] = try reader.array(featureCount + 1)
        let postings: [UInt16] = try reader.array(postingCount)
        guard offsets.last.map({ Int($0) == postingCount }) ?? false,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              postings.allSatisfy({ Int($0 >> 8) < count }),
              postingCount < 1 << 25, zip(offsets, offsets.dropFirst()).allSatisfy({ $1 - $0 < 127 && $1 > $0 })
        else { throw ParseFailure(text: "inconsistent postings") }
        return LanguageModel(languages: languages, scale: scale, temperatures: temperatures,
                             wordPassTemperature: wordPassTemperature,
                             wordWeight: Int32(wordWeight), shortWordWeights: shortWordWeights, backoff: backoff,
                             keys: keys, offsets: offsets, postings: postings)
    }

    /// Home slot of a feature hash in `slots`.
    @inline(__always)
    func homeSlot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Slot word for a feature hash (0 when the model does not know it), probing on from the
    /// already-loaded home slot value `first`.
    @inline(__always)
    static func resolve(
        _ key: UInt64, home: Int, first: UInt64, table: UnsafeBufferPointer<UInt64>
    ) -> UInt64 {
        let mask = table.count - 1
        let fingerprint = key << 32
        var v = first
        var slot = home
        while v != 0 && v & 0xFFFF_FFFF_0000_0000 != fingerprint {
            slot = (slot + 1) & mask
            v = table[slot]
        }
        return v
    }
}

/// Bounds-checked little-endian reader over the model bytes.
private struct ByteReader {
    let data: Data
    var position = 0

    mutating func bytes(_ n: Int) throws(LanguageModel.ParseFailure) -> [UInt8] {
        guard n >= 0, position + n <= data.count else { throw .init(text: "truncated at \(position)") }
        defer { position += n }
        let start = data.startIndex + position
        return Array(data[start..<start + n])
    }

    mutating func u32() throws(LanguageModel.ParseFailure) -> UInt32 {
        let b = try bytes(4)
        return UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24
    }

    mutating func array<T: FixedWidthInteger>(_ n: Int) throws(LanguageModel.ParseFailure) -> [T] {
        let size = MemoryLayout<T>.size
        guard n >= 0, position + n * size <= data.count else { throw .init(text: "truncated array at \(position)") }
        let start = data.startIndex + position
        position += n * size
        // One block copy (the arrays are millions of elements; element-wise loads were a third of
        // the load time), then a byte swap only on big-endian hosts.
        var values = [T](repeating: 0, count: n)
        values.withUnsafeMutableBytes { target in
            data[start..<start + n * size].withUnsafeBytes { source in
                target.copyMemory(from: source)
            }
        }
        if 1.littleEndian != 1 {
            for i in values.indices { values[i] = T(littleEndian: values[i]) }
        }
        return values
    }
}
