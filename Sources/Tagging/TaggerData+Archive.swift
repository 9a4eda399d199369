/// `TaggerData` to and from bytes, field by field (`TaggerDataCache` keeps the result on disk).
///
/// Why by hand: the tables are plain arrays and hash maps whose raw bytes are the data, and a
/// compiled start is ~7 G instructions (~2 s of CPU) of interning and trie building that a read of
/// ~17 MB replaces. Every stored field is listed here; `TaggerDataArchiveTests` fails when a field
/// is added to `TaggerData` or `LanguageLexicon.Fields` without being listed.
extension TaggerData {
    func archive(into w: inout ArchiveWriter) {
        vocabulary.archive(into: &w)
        w.array(wordFlags)
        w.map(multipliers) { $0.double($1) }
        gazetteerTrie.archive(into: &w)
        w.array(gazetteerRoot)
        w.array(gazetteerEntryAt)
        w.array(gazetteerEntries.map { UInt8(EntityType.allCases.firstIndex(of: $0.type) ?? 0) })
        w.array(gazetteerEntries.map(\.priority))
        w.array(gazetteerEntries.map(\.canonical))
        w.array(gazetteerEntries.map(\.canonicalHash))
        w.array(canonicalNames.bytes)
        w.array(canonicalNames.starts)
        w.int(maxAliasTokens)
        countryPrefixes.archive(into: &w)
        placeAbbreviations.archive(into: &w)
        w.int(topicLabels.count)
        for label in topicLabels {
            w.string(label.code)
            w.string(label.label)
        }
        let languages = lexicons.keys.sorted()
        w.int(languages.count)
        for language in languages {
            w.string(language)
            lexicon(language).fields.archive(into: &w)
        }
        fallbackLexicon.fields.archive(into: &w)
    }

    init(from r: inout ArchiveReader) throws(DataArchiveError) {
        self.init()
        vocabulary = try ByteVocabulary(from: &r)
        wordFlags = try r.array(UInt8.self)
        multipliers = try r.map { r throws(DataArchiveError) in try r.double() }
        gazetteerTrie = try IntMap(from: &r)
        gazetteerRoot = try r.array(Int32.self)
        gazetteerEntryAt = try r.array(Int32.self)
        let types = try r.array(UInt8.self), priorities = try r.array(UInt8.self)
        let canonicals = try r.array(Int32.self), hashes = try r.array(UInt64.self)
        guard priorities.count == types.count, canonicals.count == types.count, hashes.count == types.count else {
            throw DataArchiveError(.corrupt, "gazetteer entry fields of \(types.count), \(priorities.count), \(canonicals.count), \(hashes.count)")
        }
        gazetteerEntries.reserveCapacity(types.count)
        for k in types.indices {
            guard Int(types[k]) < EntityType.allCases.count else { throw DataArchiveError(.corrupt, "entity type \(types[k])") }
            gazetteerEntries.append(GazetteerEntry(type: EntityType.allCases[Int(types[k])], priority: priorities[k],
                                                   canonical: canonicals[k], canonicalHash: hashes[k]))
        }
        canonicalNames = try PackedStrings(bytes: try r.array(UInt8.self), starts: try r.array(Int32.self))
        maxAliasTokens = try r.count()
        countryPrefixes = try IntMap(from: &r)
        placeAbbreviations = try IntMap(from: &r)
        for _ in 0..<(try r.count()) {
            topicLabels.append((code: try r.string(), label: try r.string()))
        }
        for _ in 0..<(try r.count()) {
            let language = try r.string()
            lexicons[language] = LanguageLexicon(try LanguageLexicon.Fields(from: &r))
        }
        fallbackLexicon = LanguageLexicon(try LanguageLexicon.Fields(from: &r))
    }
}

extension LanguageLexicon.Fields {
    func archive(into w: inout ArchiveWriter) {
        w.bool(capitalisesNouns)
        w.bool(compoundOrgHeads)
        w.array(compoundTailBits)
        w.array(features)
        w.array(topicOf)
        w.map(months) { $0.int($1) }
        w.map(weekdays) { w, v in
            w.int(v.day)
            w.bool(v.part != nil)
            w.string(v.part ?? "")
        }
        w.map(relativeDays) { $0.int($1) }
        w.map(monthParts) { $0.string($1) }
        w.map(numbers) { $0.double($1) }
        w.array(topicHitStart)
        w.array(topicHitList)
        stemTrie.archive(into: &w)
        w.array(stemAt)
        w.array(stemPrefixBits)
        w.int(maxStemLength)
        w.int(orgHeadSuffixes.count)
        for s in orgHeadSuffixes { w.array(s) }
        w.int(titleSuffixes.count)
        for s in titleSuffixes { w.array(s) }
        cueSuffixTrie.archive(into: &w)
        w.array(cueSuffixBits)
        w.bool(sparseFeatures != nil)
        sparseFeatures?.archive(into: &w)
    }

    init(from r: inout ArchiveReader) throws(DataArchiveError) {
        self.init()
        capitalisesNouns = try r.bool()
        compoundOrgHeads = try r.bool()
        compoundTailBits = try r.array(UInt64.self)
        features = try r.array(UInt32.self)
        topicOf = try r.array(Int16.self)
        months = try r.map { r throws(DataArchiveError) in try r.int() }
        weekdays = try r.map { r throws(DataArchiveError) in
            let day = try r.int(), hasPart = try r.bool(), part = try r.string()
            return (day: day, part: hasPart ? part : nil)
        }
        relativeDays = try r.map { r throws(DataArchiveError) in try r.int() }
        monthParts = try r.map { r throws(DataArchiveError) in try r.string() }
        numbers = try r.map { r throws(DataArchiveError) in try r.double() }
        topicHitStart = try r.array(Int32.self)
        topicHitList = try r.array(LanguageLexicon.TopicHit.self)
        stemTrie = try IntMap(from: &r)
        stemAt = try r.array(Int16.self)
        stemPrefixBits = try r.array(UInt64.self)
        maxStemLength = try r.count()
        for _ in 0..<(try r.count()) { orgHeadSuffixes.append(try r.array(UInt8.self)) }
        for _ in 0..<(try r.count()) { titleSuffixes.append(try r.array(UInt8.self)) }
        cueSuffixTrie = try IntMap(from: &r)
        cueSuffixBits = try r.array(UInt32.self)
        if try r.bool() { sparseFeatures = try IntMap(from: &r) }
        // What the lookups index without a check: the topic hit list by `topicHitStart`.
        guard topicHitStart.first == 0, zip(topicHitStart, topicHitStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              Int(topicHitStart.last ?? -1) == topicHitList.count,
              stemPrefixBits.isEmpty || stemPrefixBits.count == LanguageLexicon.stemPrefixBitCount / 64 else {
            throw DataArchiveError(.corrupt, "lexicon topic tables: \(topicHitStart.count) starts, \(topicHitList.count) hits")
        }
    }
}

extension ArchiveWriter {
    /// Entries in key order, so the same tables always give the same bytes.
    mutating func map<Value>(_ d: [Int32: Value], _ value: (inout ArchiveWriter, Value) -> Void) {
        int(d.count)
        for (k, v) in d.sorted(by: { $0.key < $1.key }) {
            int(Int(k))
            value(&self, v)
        }
    }
}

extension ArchiveReader {
    mutating func map<Value>(_ value: (inout ArchiveReader) throws(DataArchiveError) -> Value) throws(DataArchiveError) -> [Int32: Value] {
        let n = try count()
        var d: [Int32: Value] = [:]
        d.reserveCapacity(min(n, 1 << 16))
        for _ in 0..<n {
            let key = try int()
            guard let k = Int32(exactly: key) else { throw DataArchiveError(.corrupt, "map key \(key)") }
            d[k] = try value(&self)
        }
        return d
    }
}
