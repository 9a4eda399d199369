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
    /// Ordered open-addressing table, one word per slot (layout in `SlotTable`): postings start in
    /// bits 31…7 (the posting itself when the count is 1), count in bits 6…0; resolved lookups
    /// give 0 for unknown features. A false match needs the same home slot and the same 25
    /// further key bits (≈ 3e-8 per missing feature).
    let slots: [UInt64]
    let shift: UInt64
    /// `language index << 8 | quantised score`, for features of two or more postings that are not
    /// dense rows.
    let postings: [UInt16]
    /// Features used by many languages as dense rows of `denseWidth` bytes (score per language,
    /// 0 = absent): one 64-byte row is added with four vector adds instead of dozens of scattered
    /// ones. Slots of such features carry `denseMarker` as count and the row index as start.
    /// A row's byte `4 m + j` holds language `16 j + m` (`densePosition`): read as sixteen 32-bit
    /// lanes, byte `j` of every lane is the scores' block `j`, so a row is added with shifts and
    /// masks of whole vectors (no widening shuffles), and the word pass can sum a batch's rows in
    /// 16-bit halves before adding them once.
    let dense: [UInt8]
    static let denseWidth = 64
    @inline(__always)
    static func densePosition(_ language: Int) -> Int { (language & 15) << 2 | language >> 4 }
    static let denseMarker: UInt64 = 0x7F
    /// Posting lists at least this long become dense rows.
    static let denseMinimum = 12
    /// Per-language back-off for features a language does not list (version 4 files); see
    /// `BackoffRows`. Empty when the file has none (older versions, or all zero).
    let offsetRows: [Int32]
    var hasOffsets: Bool { !offsetRows.isEmpty }

    /// Bytes the loaded tables keep resident (slot table, postings, dense rows), for the RSS
    /// budget of issue #9.
    public var tableBytes: (slots: Int, postings: Int, dense: Int) {
        (slots.count * 8, postings.count * 2, dense.count)
    }

    /// Newest file format this build reads (written by Scripts/lid_train.py); newer files are
    /// rejected as `.malformed` rather than misread.
    public static let formatVersion: UInt32 = 7

    /// Loads `language-model.bin` (format written by Scripts/lid_train.py).
    public init(contentsOf url: URL) throws(LanguageModelError) {
        // The file's bytes are released before the table is built, and the read offsets and
        // postings while it is (`SlotTable.build`): the load's peak RSS stays below what the
        // loaded model keeps plus one copy of the file.
        var parsed = try Self.read(url)
        guard let built = SlotTable.build(keys: parsed.keys, offsets: &parsed.offsets, postings: &parsed.postings,
                                          denseRows: parsed.languages.count <= Self.denseWidth)
        else {
            throw .malformed(path: url.path,
                             reason: "feature keys cluster: no slot table up to 4× the usual size holds them")
        }
        self.init(parsed: parsed, built: built)
    }

    private static func read(_ url: URL) throws(LanguageModelError) -> Parsed {
        let data: Data
        do {
            // Mapped, not read: Foundation on Linux reads `.mappedIfSafe` files into one 28 MB
            // heap block, whose release raised glibc's mmap threshold so that the tables built
            // next came from the heap and their scratch stayed resident (+21 MB after load).
            // The mapping lives only while the arrays are copied out (`parse`).
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
        do {
            return try Self.parse(data)
        } catch let reason {
            throw .malformed(path: url.path, reason: reason.text)
        }
    }

    struct ParseFailure: Error { let text: String }

    /// The file's contents, checked.
    private struct Parsed {
        var languages: [String]
        var scale: Float
        var temperatures: (Float, Float, Float)
        var wordPassTemperature: Float
        var wordWeight: Int32
        var shortWordWeights: [Int32]
        var backoff: [UInt8]
        var keys: [UInt64]
        var offsets: [UInt32]
        var postings: [UInt16]
    }

    private init(parsed: Parsed, built: SlotTable.Built) {
        slots = built.slots
        shift = built.shift
        postings = built.postings
        dense = built.dense
        offsetRows = BackoffRows.make(backoff: parsed.backoff, languages: parsed.languages,
                                      wordWeight: parsed.wordWeight)
        wordWeight = parsed.wordWeight
        shortWordWeights = parsed.shortWordWeights
        languages = parsed.languages
        scale = parsed.scale
        temperature = parsed.temperatures.0
        groupTemperature = parsed.temperatures.1
        shortTextLetters = parsed.temperatures.2
        wordPassTemperature = parsed.wordPassTemperature
    }

    private static func parse(_ data: Data) throws(ParseFailure) -> Parsed {
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
        guard offsets.last.map({ Int($0) == postingCount }) ?? false, postingCount < 1 << 25,
              Self.countsInRange(offsets), Self.languagesInRange(postings, count: count)
        else { throw ParseFailure(text: "inconsistent postings") }
        return Parsed(languages: languages, scale: scale, temperatures: temperatures,
                      wordPassTemperature: wordPassTemperature, wordWeight: Int32(wordWeight),
                      shortWordWeights: shortWordWeights, backoff: backoff,
                      keys: keys, offsets: offsets, postings: postings)
    }

    /// Every feature has 1…126 postings (so the offsets ascend). One branch-free pass: the two
    /// `zip(…).allSatisfy` passes it replaces were ~25 instructions a feature at load.
    private static func countsInRange(_ offsets: [UInt32]) -> Bool {
        offsets.withUnsafeBufferPointer { offsets in
            // In 64 bits no difference of two offsets wraps: a descending or equal pair gives a
            // huge unsigned `difference - 1`.
            var largest: UInt = 0
            for i in offsets.indices.dropFirst() {
                largest = max(largest, UInt(bitPattern: Int(offsets[i]) &- Int(offsets[i &- 1]) &- 1))
            }
            return largest < 126
        }
    }

    /// Every posting names a language of the file (its top byte below `count`); branch-free, so
    /// the loop vectorises (the `allSatisfy` closure was ~15 instructions a posting at load).
    private static func languagesInRange(_ postings: [UInt16], count: Int) -> Bool {
        postings.withUnsafeBufferPointer { postings in
            var largest: UInt16 = 0
            for p in postings { largest = max(largest, p >> 8) }
            return Int(largest) < count
        }
    }

    /// Home slot of a feature hash in `slots`.
    @inline(__always)
    func homeSlot(_ key: UInt64) -> Int {
        SlotTable.home(key, shift: shift)
    }

    /// Slot word for a feature hash (0 when the model does not know it), probing on from the
    /// already-loaded home slot value `first`.
    @inline(__always)
    static func resolve(
        _ key: UInt64, home: Int, first: UInt64, table: UnsafeBufferPointer<UInt64>
    ) -> UInt64 {
        SlotTable.resolve(key, home: home, first: first, table: table)
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
        // Uninitialised, then copied into: zero-filling first wrote every byte once more (memset
        // is counted per byte by callgrind, 28 M of the load's instructions).
        var values = [T](unsafeUninitializedCapacity: n) { target, initialized in
            data[start..<start + n * size].withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: source)
            }
            initialized = n
        }
        if 1.littleEndian != 1 {
            for i in values.indices { values[i] = T(littleEndian: values[i]) }
        }
        return values
    }
}
