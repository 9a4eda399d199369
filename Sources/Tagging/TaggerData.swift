import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A gazetteer entry: what an alias stands for. A plain 16-byte value: the canonical name lives in
/// `TaggerData.canonicalNames` (48 000 aliases share ~20 000 names; one String object per alias cost
/// megabytes of heap).
struct GazetteerEntry: Sendable {
    var type: EntityType
    /// 1 = unambiguous (countries, capitals, organisations), 2 = may also be a person or word,
    /// `inflected` (3) = weak, and an inflected form of another alias ("Krakowie"), `town` (4) =
    /// weak, and names only a run that is the town's name alone (a small town's name starting a
    /// longer run is more often a company's, a person's or a programme's: "Wimbledon BBC").
    var priority: UInt8
    static let inflected: UInt8 = 3
    static let town: UInt8 = 4
    /// Index into `TaggerData.canonicalNames`.
    var canonical: Int32
    /// Byte hash (`ByteHash`) of the canonical name.
    var canonicalHash: UInt64
}

/// Strings stored back to back in one byte array (no object per string); a String is built only
/// when one is read.
struct PackedStrings: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = [0]

    var count: Int { starts.count - 1 }

    mutating func append(_ s: String) -> Int32 {
        bytes.append(contentsOf: s.utf8)
        starts.append(Int32(bytes.count))
        return Int32(count - 1)
    }

    func string(_ i: Int32) -> String {
        bytes.withUnsafeBufferPointer { b in
            String(decoding: UnsafeBufferPointer(rebasing: b[Int(starts[Int(i)])..<Int(starts[Int(i) + 1])]), as: UTF8.self)
        }
    }

    mutating func compact() {
        bytes = bytes.exactCapacityCopy()
        starts = starts.exactCapacityCopy()
    }

    init() {}

    /// Strings read back from an archive (`TaggerDataCache`): the bounds `string(_:)` relies on are checked.
    init(bytes: [UInt8], starts: [Int32]) throws(DataArchiveError) {
        guard starts.first == 0, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }), Int(starts.last ?? -1) == bytes.count else {
            throw DataArchiveError(.corrupt, "packed strings: \(starts.count - 1) strings over \(bytes.count) bytes")
        }
        self.bytes = bytes
        self.starts = starts
    }

    var allocatedBytes: Int { bytes.capacity + starts.capacity * 4 }
}

extension Array {
    /// A copy whose capacity is its count: arrays grown by appending keep up to half their storage
    /// unused, which the loaded tables would carry for the life of the process.
    func exactCapacityCopy() -> [Element] {
        withUnsafeBufferPointer { src in
            [Element](unsafeUninitializedCapacity: src.count) { dst, n in
                if let d = dst.baseAddress, let s = src.baseAddress { d.initialize(from: s, count: src.count) }
                n = src.count
            }
        }
    }

    var allocatedBytes: Int { capacity * MemoryLayout<Element>.stride }
}

/// Language-independent word properties, indexed by vocabulary id.
enum WordFlag {
    static let firstName: UInt8 = 1 << 0
    static let familyName: UInt8 = 1 << 1
    static let orgSuffix: UInt8 = 1 << 2
    static let unit: UInt8 = 1 << 3
    static let multiplier: UInt8 = 1 << 4
    static let yearPreposition: UInt8 = 1 << 5
    /// Month names that are also common words ("mei", "may", "mars").
    static let ambiguousMonth: UInt8 = 1 << 6
}

/// Per-language word lists compiled to flags over vocabulary ids, so a token's membership in every
/// list is one array read (one hash probe for minimal lexicons, `sparseFeatures`). Languages
/// without any lexicon fall back to English lists without stopwords.
@dynamicMemberLookup
struct LanguageLexicon: Sendable {
    static let title: UInt32 = 1 << 0
    static let orgHead: UInt32 = 1 << 1
    static let connector: UInt32 = 1 << 2
    static let quoteVerb: UInt32 = 1 << 3
    static let pronoun: UInt32 = 1 << 4
    static let month: UInt32 = 1 << 5
    static let weekday: UInt32 = 1 << 6
    static let relativeDay: UInt32 = 1 << 7
    static let monthPart: UInt32 = 1 << 8
    static let number: UInt32 = 1 << 9
    static let stopword: UInt32 = 1 << 10
    static let flagMask: UInt32 = 0xFFFF

    /// The stored tables, read by the accessors below (`LanguageLexicon` is a reference to them).
    struct Fields: Sendable {
        /// The language capitalises every noun (German): a capital letter says little there.
        var capitalisesNouns = false
        /// The language glues organisation heads onto names ("Fahrgastverband", "Trafikverket",
        /// "Västtrafik"): a name ending in a listed head (`cueSuffixes`) is an organisation.
        var compoundOrgHeads = false
        /// For such a language: a bit (`stemPrefixBit`) per first three bytes of every word common enough
        /// to end a compound (`GermanCompounds`). Most split points of a word start no such word; the bit
        /// spares them a hash-table probe (a cache miss in the vocabulary's megabytes).
        var compoundTailBits: [UInt64] = []

        /// Per vocabulary id + 1 (index 0: unknown words, all zero): flags in the low 16 bits,
        /// (Zipf × 100 + 1) in the high 16 (0 = absent). Ends at the last listed word (later ids read 0):
        /// listed words get the lowest vocabulary ids, so six languages' arrays span a fraction of it.
        var features: [UInt32] = []
        /// Per vocabulary id: the longest topic stem the word starts with, or -1. Ids past the end are
        /// -1 too: vocabulary ids are ordered so that every word with a stem comes before the others,
        /// and the array ends at the last one.
        var topicOf: [Int16] = []
        var months: [Int32: Int] = [:]
        /// Weekday names and weekday + day part compounds ("zaterdagochtend").
        var weekdays: [Int32: (day: Int, part: String?)] = [:]
        var relativeDays: [Int32: Int] = [:]
        var monthParts: [Int32: String] = [:]
        var numbers: [Int32: Double] = [:]
        /// Per topic stem s: its topics and weights are
        /// `topicHitList[topicHitStart[s]..<topicHitStart[s + 1]]` (one array of plain values, so the
        /// per-token loop retains no inner arrays).
        var topicHitStart: [Int32] = [0]
        var topicHitList: [TopicHit] = []

        var stemTrie = IntMap()
        var stemAt: [Int16] = [-1]
        /// Bit per hashed first three bytes of every stem of three bytes or more (`stemPrefixBit`).
        /// A stem counts only from three scalars on, so a word whose first three bytes start no stem
        /// has none: unknown words (about a third of the words) skip the trie walk, one probe per byte.
        var stemPrefixBits: [UInt64] = []
        var maxStemLength = 0
        /// Lower-case organisation heads and titles (≥ 4 letters) for compounds ending in one
        /// ("luchtvaartmaatschappij", "IT-bedrijf", "oud-premier").
        var orgHeadSuffixes: [[UInt8]] = []
        var titleSuffixes: [[UInt8]] = []
        /// The same suffixes as a trie over reversed bytes: key (node << 8 | byte) -> child, and per node
        /// the `orgHead` / `title` bits of the suffixes ending there. One walk from the word's end
        /// replaces a comparison against every listed suffix.
        var cueSuffixTrie = IntMap()
        var cueSuffixBits: [UInt32] = [0]

        /// Minimal lexicons (languages with stopwords, frequencies and CLDR dates but no hand-written
        /// lists) keep their features in a hash table keyed by vocabulary id: a dense array per language
        /// would span every id up to its last word, megabytes each for thirty languages. Their words are
        /// interned after every other listed word, so the dense arrays of the full lexicons stay short.
        var sparseFeatures: IntMap?
    }

    /// Immutable once made: a change (while compiling) takes the fields out and boxes them anew.
    final class Tables: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// All of the lexicon behind one reference. Why: the tagger takes its lexicon out of
    /// `TaggerData.lexicons` by value for every article (and hands it on by value once more), and
    /// with some twenty arrays and tables stored inline each copy retained and released every one
    /// (~2k instructions per corpus article); now a copy is one retain.
    private var tables = Tables(Fields())

    private static let emptyTables = Tables(Fields())

    init() {}

    /// Compiling builds the fields as one value and boxes them once (each change through the
    /// accessors boxes them anew: ~1.35 M changes made data loading 1.4 % slower).
    init(_ fields: Fields) { tables = Tables(fields) }

    /// All fields at once (written out by `TaggerDataCache`).
    var fields: Fields { tables.fields }

    /// The fields, with the box dropped so that, when nothing else shares it, the arrays in them are
    /// uniquely referenced again and change in place.
    private mutating func takeFields() -> Fields {
        let f = tables.fields
        tables = Self.emptyTables
        return f
    }

    var hasTopics: Bool { self.topicHitStart.count > 1 }

    struct TopicHit: Sendable {
        var topic: Int
        var weight: Double
    }

    /// Every field of `Fields` (`lex.stemAt`, `lex.features`, ...), read through the box; a change
    /// (only while compiling) takes the fields out, changes one in place and boxes them again.
    subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        @inline(__always) get { tables.fields[keyPath: field] }
        _modify {
            var f = takeFields()
            defer { tables = Tables(f) }
            yield &f[keyPath: field]
        }
    }

    /// `orgHead` when the lower-cased token ends with one of `orgHeadSuffixes` (or is one), `title`
    /// likewise for `titleSuffixes`.
    func cueSuffixes(_ text: TokenizedText, _ i: Int) -> UInt32 {
        let t = text.tokens[i]
        var node: Int32 = 0
        var bits: UInt32 = 0
        var k = t.lowerEnd
        while k > t.lowerStart {
            k -= 1
            guard let next = self.cueSuffixTrie.get(UInt64(node) << 8 | UInt64(text.lower[k])) else { break }
            node = next
            bits |= self.cueSuffixBits[Int(node)]
        }
        return bits
    }

    /// Takes `other`'s topic stems (shared storage, copy on write): minimal lexicons classify topics
    /// with the fallback's English stems, as those languages did before they had a lexicon.
    mutating func shareTopics(from other: LanguageLexicon) {
        self.topicOf = other.topicOf
        self.topicHitStart = other.topicHitStart
        self.topicHitList = other.topicHitList
        self.stemTrie = other.stemTrie
        self.stemAt = other.stemAt
        self.stemPrefixBits = other.stemPrefixBits
        self.maxStemLength = other.maxStemLength
    }

    /// Trims the per-id arrays after their last non-empty entry (see `features`, `topicOf`).
    mutating func compact() {
        self.features = TaggerData.trimmed(self.features, empty: 0)
        self.topicOf = TaggerData.trimmed(self.topicOf, empty: -1)
        self.topicHitStart = self.topicHitStart.exactCapacityCopy()
        self.topicHitList = self.topicHitList.exactCapacityCopy()
        self.stemAt = self.stemAt.exactCapacityCopy()
        self.cueSuffixBits = self.cueSuffixBits.exactCapacityCopy()
    }

    mutating func addCueSuffix(_ suffix: [UInt8], _ flag: UInt32) {
        var node: Int32 = 0
        for c in suffix.reversed() {
            let key = UInt64(node) << 8 | UInt64(c)
            if let next = self.cueSuffixTrie.get(key) {
                node = next
            } else {
                let next = Int32(self.cueSuffixBits.count)
                self.cueSuffixBits.append(0)
                self.cueSuffixTrie.set(key, next)
                node = next
            }
        }
        self.cueSuffixBits[Int(node)] |= flag
    }

    /// Read without a branch on whether the token is a listed word (unknown words, id -1, are common
    /// and unpredictable): the array is read at a clamped index and the answer selected.
    @inline(__always)
    func flags(_ t: Token) -> UInt32 { feature(t.id) & Self.flagMask }

    /// The features of vocabulary id `id`; 0 for unknown words (id -1). `features` is stored shifted by
    /// one with a zero in front, so an unknown word needs no branch of its own. The array is trimmed
    /// after the last listed word, so ids past its end are common and unpredictable: read without a
    /// branch on the range (`Candidates.element`).
    @inline(__always)
    func feature(_ id: Int32) -> UInt32 {
        if let sparse = self.sparseFeatures { return Self.sparseFeature(sparse, id) }
        return self.features.withUnsafeBufferPointer { Candidates.element($0, Int(id) &+ 1, or: 0) }
    }


    static func sparseFeature(_ map: IntMap, _ id: Int32) -> UInt32 {
        guard id >= 0, let v = map.get(UInt64(UInt32(id))) else { return 0 }
        return UInt32(bitPattern: v)
    }

    /// `sparseFeature` with no branch on an unknown word (id -1) either, for the pass over every token
    /// (`TokenFacts`): its key, 0xFFFF_FFFF, is no vocabulary id, so it misses like any unlisted word
    /// (and always probes the same slot, which stays in cache).
    @inline(__always)
    static func sparseFeatureOfAny(_ map: IntMap, _ id: Int32) -> UInt32 {
        UInt32(bitPattern: map.value(UInt64(UInt32(bitPattern: id)), or: 0))
    }

    @inline(__always)
    func has(_ t: Token, _ flag: UInt32) -> Bool { flags(t) & flag != 0 }

    @inline(__always)
    func has(id: Int32, _ flag: UInt32) -> Bool { feature(id) & flag != 0 }

    /// Zipf frequency (0...8) of the word; nil for words outside the background list.
    @inline(__always)
    func zipf(_ t: Token) -> Double? { zipf(id: t.id) }

    @inline(__always)
    func zipf(id: Int32) -> Double? {
        let z = feature(id) >> 16
        return z == 0 ? nil : Double(z - 1) / 100
    }

    /// Longest stem prefixing `word` (lower-cased bytes of `length` scalars); short stems must nearly
    /// match the whole word.
    func topicStem(_ word: ArraySlice<UInt8>, length: Int) -> Int {
        word.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return -1 }
            return topicStem(base, b.count, length: length)
        }
    }

    /// `topicStem(_:length:)` over the `count` bytes at `word`: the slice's and `stemAt`'s checked
    /// subscripts were a third of each step of the walk.
    func topicStem(_ word: UnsafePointer<UInt8>, _ count: Int, length: Int) -> Int {
        self.stemAt.withUnsafeBufferPointer { at in
            var node: Int32 = 0
            var chars = 0
            var best = -1
            var k = 0
            while k < count {
                let c = word[k]
                chars &+= Int(Candidates.bit(c & 0xC0 != 0x80))
                guard let next = self.stemTrie.get(UInt64(node) << 8 | UInt64(c)), Int(next) < at.count else { break }
                node = next
                k &+= 1
                let boundary = k == count || word[k] & 0xC0 != 0x80
                let s = at[Int(node)]
                if boundary, s >= 0, chars >= 3, chars >= 5 || length - chars <= 2 { best = Int(s) }
            }
            return best
        }
    }

    func topicStem(_ text: TokenizedText, _ i: Int) -> Int {
        let t = text.tokens[i]
        if t.id >= 0 { return Int(self.topicOf.withUnsafeBufferPointer { Candidates.element($0, Int(t.id), or: -1) }) }
        return unknownTopicStem(text, t)
    }

    /// `topicStem(text, i)` for an unknown word `t` of `text`.
    func unknownTopicStem(_ text: TokenizedText, _ t: Token) -> Int {
        text.lower.withUnsafeBufferPointer { l in
            self.stemPrefixBits.withUnsafeBufferPointer { bits in
                unknownTopicStem(lower: l, filter: Self.prefixFilter(bits), t)
            }
        }
    }

    /// The filter's words when `bits` (`stemPrefixBits`) holds the filter, nil when the lexicon has
    /// none (every word may start a stem).
    @inline(__always)
    static func prefixFilter(_ bits: UnsafeBufferPointer<UInt64>) -> UnsafePointer<UInt64>? {
        bits.count == stemPrefixBitCount / 64 ? bits.baseAddress : nil
    }

    /// `topicStem(text, i)` for an unknown word `t`, given the lower-cased text's buffer and the
    /// prefix filter (`prefixFilter`), which `TopicClassifier` reads once per article: most unknown
    /// words fail the filter, which reads the three bytes and the filter's word (through the
    /// buffers, and the buffers once per article: per word, ~35 instructions of the loop went to
    /// this test).
    @inline(__always)
    func unknownTopicStem(lower: UnsafeBufferPointer<UInt8>, filter: UnsafePointer<UInt64>?, _ t: Token) -> Int {
        let start = t.lowerStart, end = t.lowerEnd
        guard end - start >= 3, let base = lower.baseAddress, end <= lower.count else { return -1 }
        if let filter {
            let bit = Self.stemPrefixBit(base[start], base[start + 1], base[start + 2])
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return -1 }
        }
        return topicStem(base + start, end - start, length: t.length)
    }

    static let stemPrefixBitCount = 1 << 15

    /// The bit of `stemPrefixBits` for a word starting with bytes `a b c`.
    @inline(__always)
    static func stemPrefixBit(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        let v = UInt32(a) | UInt32(b) << 8 | UInt32(c) << 16
        return Int((v &* 0x9E37_79B1) >> 17)
    }

    mutating func addStemPrefix(_ stem: [UInt8]) {
        guard stem.count >= 3 else { return }
        if self.stemPrefixBits.isEmpty { self.stemPrefixBits = [UInt64](repeating: 0, count: Self.stemPrefixBitCount / 64) }
        let bit = Self.stemPrefixBit(stem[0], stem[1], stem[2])
        self.stemPrefixBits[bit >> 6] |= 1 << UInt64(bit & 63)
    }
}

/// Everything the tagger loads from `Data/Tagging`. Immutable after loading.
public struct TaggerData: Sendable {
    /// Every word any list knows, as written and lower-cased; tokens carry ids into it.
    var vocabulary = ByteVocabulary()
    /// Per vocabulary id + 1 (index 0: unknown words, zero): `WordFlag` bits; ends at the last flagged word.
    var wordFlags: [UInt8] = []
    var multipliers: [Int32: Double] = [:]
    /// Gazetteer aliases as a trie over token ids: key (node << 32 | exact id) -> child node. Holds
    /// the edges below the first level only (`gazetteerRoot` answers for the root).
    var gazetteerTrie = IntMap()
    /// The trie's first level as an array: per vocabulary id + 1, the child of the root (-1: no alias
    /// starts with the word). Every capitalised token asks it, and most are no alias: one load instead
    /// of a hash probe whose hit-or-miss loop mispredicts. Ends at the last word that starts an alias
    /// (those come right after the listed words in id order); later ids read -1.
    var gazetteerRoot: [Int32] = []

    /// The root's child for the word with exact id `id`, or -1.
    @inline(__always)
    func gazetteerStart(_ id: Int32) -> Int32 {
        gazetteerRoot.withUnsafeBufferPointer { Candidates.element($0, Int(id) &+ 1, or: -1) }
    }
    /// Per trie node: index into `gazetteerEntries`, or -1.
    var gazetteerEntryAt: [Int32] = [-1]
    var gazetteerEntries: [GazetteerEntry] = []
    /// Distinct canonical names of the gazetteer entries.
    var canonicalNames = PackedStrings()
    var maxAliasTokens = 1
    /// Hashes of the first four letters of one-word country names (see `EntityRecognizer`).
    var countryPrefixes = IntMap()
    /// Hashes of the lower-cased first three letters of one-word strong place names: sports
    /// results abbreviate countries that way ("Finot (Fra)").
    var placeAbbreviations = IntMap()
    var topicLabels: [(code: String, label: String)] = []
    var lexicons: [String: LanguageLexicon] = [:]
    var fallbackLexicon = LanguageLexicon()

    func lexicon(_ language: String) -> LanguageLexicon { lexicons[language] ?? fallbackLexicon }

    @inline(__always)
    func wordFlags(_ id: Int32) -> UInt8 {
        // Stored shifted by one like `LanguageLexicon.features`: index 0 answers for unknown words.
        wordFlags.withUnsafeBufferPointer { Candidates.element($0, Int(id) &+ 1, or: 0) }
    }

    /// Loads all files from `directory` (the folder holding gazetteer.tsv).
    public static func load(directory: URL) throws -> TaggerData {
        let data = TaggerData(compiling: try RawTaggerData.load(directory: directory))
        // Parsing and compiling freed tens of megabytes of small objects; glibc keeps the pages of
        // freed chunks below the heap top resident until asked to return them.
        releaseFreedHeapPages()
        return data
    }

    /// glibc's `malloc_trim(0)` (not in Swift's Glibc module map: looked up by name; absent elsewhere).
    private static func releaseFreedHeapPages() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Bytes allocated by each loaded table (capacity, not count), largest first: where a daemon's
    /// resident memory for tagging goes. Diagnostics (`TaggingEval --memory`).
    public var memoryFootprint: [(component: String, bytes: Int)] {
        var parts: [(String, Int)] = [
            ("vocabulary", vocabulary.allocatedBytes),
            ("wordFlags", wordFlags.allocatedBytes),
            ("gazetteerTrie", gazetteerTrie.allocatedBytes),
            ("gazetteerRoot", gazetteerRoot.allocatedBytes),
            ("gazetteerEntryAt", gazetteerEntryAt.allocatedBytes),
            ("gazetteerEntries", gazetteerEntries.allocatedBytes),
            ("canonicalNames", canonicalNames.allocatedBytes),
            ("countryPrefixes+placeAbbreviations", countryPrefixes.allocatedBytes + placeAbbreviations.allocatedBytes),
        ]
        let minimal = lexicons.values.reduce(0) { $0 + ($1.sparseFeatures?.allocatedBytes ?? 0) }
        parts.append(("minimal lexicons (\(lexicons.values.filter { $0.sparseFeatures != nil }.count)): sparse features", minimal))
        for (lang, lex) in lexicons.sorted(by: { $0.key < $1.key }) where lex.sparseFeatures == nil {
            parts.append(("lexicon \(lang): features", lex.features.allocatedBytes))
            parts.append(("lexicon \(lang): topicOf", lex.topicOf.allocatedBytes))
            parts.append(("lexicon \(lang): tries", lex.stemTrie.allocatedBytes + lex.cueSuffixTrie.allocatedBytes + lex.stemPrefixBits.capacity * 8))
        }
        // The fallback shares English's topic array (copy on write: counted once, under "en").
        parts.append(("lexicon fallback: features", fallbackLexicon.features.allocatedBytes))
        return parts.sorted { $0.1 > $1.1 }
    }
}
