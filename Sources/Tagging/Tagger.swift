import Foundation
import Pipeline

/// Tags an article: entities, keywords, topics, dates, quantities and quotes.
///
/// Immutable after loading, so one instance is shared by all pipeline workers. `tag` is pure and
/// synchronous; it never logs or throws (bad input yields fewer tags, not errors).
public struct Tagger: Sendable {
    public let data: TaggerData
    let entityRecognizer: EntityRecognizer
    let dateExtractor = DateExtractor()
    let quantityExtractor: QuantityExtractor
    let quoteExtractor = QuoteExtractor()
    let keywordExtractor = KeywordExtractor()
    let topicClassifier: TopicClassifier
    /// Per-call working memory, reused: one instance per concurrent caller.
    let scratchPool = ScratchPool()

    public init(data: TaggerData) {
        self.data = data
        entityRecognizer = EntityRecognizer(data: data)
        quantityExtractor = QuantityExtractor(data: data)
        topicClassifier = TopicClassifier(data: data)
    }

    /// Loads the data files from `directory` (a folder holding gazetteer.tsv, lexicon.tsv, …).
    public init(dataDirectory directory: URL) throws {
        self.init(data: try TaggerData.load(directory: directory))
    }

    /// Loads from `TaggerData.defaultDataDirectory()`.
    public static func loadDefault() throws -> Tagger {
        try Tagger(dataDirectory: try defaultDataDirectory())
    }

    /// Loads from `TaggerData.defaultDataDirectory()` through `cache` (nil: compiled, no cache).
    public static func loadDefault(cache: TaggerDataCache?) throws -> (Tagger, TaggerDataCache.Outcome) {
        guard let cache else { return (try loadDefault(), .compiled(reason: "no cache directory (ARTICLED_CACHE_DIR=off or no HOME)")) }
        let (data, outcome) = try cache.load(dataDirectory: try defaultDataDirectory())
        return (Tagger(data: data), outcome)
    }

    /// `TaggerData.defaultDataDirectory()`, or the error naming the places looked in.
    private static func defaultDataDirectory() throws(TaggingDataError) -> URL {
        guard let dir = TaggerData.defaultDataDirectory() else {
            throw TaggingDataError(.dataDirectoryNotFound, path: "ARTICLED_DATA_DIR/Tagging, ../share/articled/Tagging, Data/Tagging")
        }
        return dir
    }

    /// Languages with their own word lists; others use the English lists without stopwords.
    public var supportedLanguages: [String] { data.lexicons.keys.sorted() }

    /// - Parameters:
    ///   - language: ISO 639-1 code of the text ("nl", "en", "de", "fr", …).
    ///   - publishedAt: ISO date prefix ("2022-10", "2022-10-15" or a full timestamp); resolves
    ///     relative dates.
    public func tag(text: String, language: String, publishedAt: String? = nil) -> TaggingResult {
        let doc = Tokenizer.tokenize(text, vocabulary: data.vocabulary, splitPossessives: language == "en")
        return tag(doc, language: language, publishedAt: publishedAt)
    }

    func tag(_ doc: TokenizedText, language: String, publishedAt: String?) -> TaggingResult {
        scratchPool.with { tag(doc, language: language, publishedAt: publishedAt, scratch: $0) }
    }

    private func tag(_ doc: TokenizedText, language: String, publishedAt: String?, scratch: Scratch) -> TaggingResult {
        let lex = data.lexicon(language)
        let facts = TokenFacts(doc.tokens, lex: lex, scratch: scratch)
        let raw = entityRecognizer.recognize(doc, language: language, lex: lex, scratch: scratch, starts: facts.entityStarts)
        let grouping = group(raw, doc, scratch: scratch)
        let entities = grouping.entities, mentionEntity = grouping.mentionEntity

        // Per token 1 + its person entity (0: none), in a scratch block that is all zero between
        // articles: only the person mentions' tokens are written, and cleared again below (a fresh
        // array per article was an allocation and a fill of 4 bytes per token, ~3.5 k instructions).
        let personAt = scratch.zeroed(.personAt, Int32.self, count: doc.count)
        var personMentions: [(token: Int, entity: Int)] = []
        personMentions.reserveCapacity(raw.count)
        // Per title word, the person entity of its first mention: a handful per article, searched in
        // a list (a Dictionary was an allocation, a resize and a hashed probe per title each article).
        var titles: [(title: Int32, entity: Int)] = []
        for (idx, m) in raw.enumerated() {
            let e = mentionEntity[idx]
            if entities[e].type == .person {
                for k in m.start..<m.end { personAt[k] = Int32(e + 1) }
                personMentions.append((m.start, e))
                if m.title >= 0, !titles.contains(where: { $0.title == m.title }) { titles.append((m.title, e)) }
            }
        }
        let consumed = ConsumedTokens(count: doc.count, scratch: scratch)
        let dates = dateExtractor.extract(doc, data: data, lex: lex, reference: ReferenceDate(publishedAt), consumed: consumed,
                                          starts: facts.dateStarts)
        let quantities = quantityExtractor.extract(doc, language: language, lex: lex, consumed: consumed, starts: facts.quantityStarts)
        let context = QuoteExtractor.Context(personAt: UnsafeBufferPointer(start: personAt, count: doc.count),
                                             personMentions: personMentions, titles: titles, entities: entities)
        let quotes = quoteExtractor.extract(doc, lex: lex, context: context, starts: facts.quoteStarts)
        for (idx, m) in raw.enumerated() where entities[mentionEntity[idx]].type == .person {
            (personAt + m.start).update(repeating: 0, count: m.end - m.start)
        }
        return TaggingResult(entities: entities, mentions: grouping.mentions, surfaceForms: grouping.surfaceForms,
                             keywords: keywordExtractor.extract(doc, lex: lex, scratch: scratch, features: facts.feature, words: facts.topicWords),
                             topics: topicClassifier.classify(doc, lex: lex, words: facts.topicWords),
                             dates: dates, quantities: quantities, quotes: quotes)
    }

    /// `group`'s entities, the flat arrays their slices index, and per raw mention its entity.
    struct Grouping {
        var entities: [TaggedEntity]
        var mentions: [EntityMention]
        var surfaceForms: [String]
        var mentionEntity: [Int]
    }

    /// Joins mentions with the same canonical name (or surface text) into entities. Keys are byte
    /// hashes of the canonical name or of the surface text as `join` spells it, so only the strings
    /// that go into the result are built.
    func group(_ raw: [RawMention], _ doc: TokenizedText, scratch given: Scratch? = nil) -> Grouping {
        let scratch = given ?? Scratch()
        // Pass 1: distinct surfaces (each joined into a String once), the entity of every mention
        // and its form's number within the entity (forms numbered in order of first appearance).
        let surfaceIndex = HashSlots(maxKeys: raw.count, scratch: scratch, block: .surfaceIndex)
        let entityIndex = HashSlots(maxKeys: raw.count, scratch: scratch, block: .entityIndex)
        let formIndex = HashSlots(maxKeys: raw.count, scratch: scratch, block: .listedSurface)
        // The working numbers in the scratch (heap arrays per article before), each at most one per
        // mention: per mention its surface, its form's number and (by slot in the flat mention
        // array) the mention in that slot; per surface its length; per entity its mention count,
        // form count, name length and surface, whether a mention carries a gazetteer canonical, its
        // first mention, first form slot, next free mention slot and forms placed; per form slot its
        // surface; per surface the first entity it is a form of, that form's number and the entity
        // of its own hash as a key (-1 until asked); per entity the evidence per type in
        // `Self.typeOrder` (4 slots) and its highest mention evidence. Entries are written before
        // they are read.
        let total = raw.count
        let work = scratch.buffer(.groupWork, Int.self, count: 17 * total)
        let mentionSurface = work, mentionForm = work + total, slotMention = work + 2 * total
        let surfaceLengths = work + 3 * total
        let mentionCounts = work + 4 * total, formCounts = work + 5 * total, nameLength = work + 6 * total
        let listedCanonical = work + 7 * total, formStart = work + 8 * total, nextMentionSlot = work + 9 * total
        let formsPlaced = work + 10 * total, formSurface = work + 11 * total
        let nameSurface = work + 12 * total, firstMention = work + 13 * total
        let surfaceEntity = work + 14 * total, surfaceForm = work + 15 * total, surfaceKeyEntity = work + 16 * total
        let evidence = scratch.buffer(.groupEvidence, Double.self, count: 5 * total)
        let confidence = evidence + 4 * total
        var surfaces: [String] = []
        surfaces.reserveCapacity(total)
        var mentionEntity = [Int](repeating: 0, count: total)
        var entityCount = 0
        // Most mentions need only the surface table: a surface keeps the entity its own hash keys
        // and its first (entity, form) pair, so a repeated surface without a canonical name skips the
        // entity table, and the form table holds only a surface's later pairs (a surface that is a
        // form of two entities). (Three probes per mention before: ~1.5 k instructions per 4 KB article.)
        for (k, m) in raw.enumerated() {
            let surfaceHash = doc.joinHash(m.start, m.end)
            let si: Int
            let newSurface: Bool
            if let found = surfaceIndex.getOrInsert(surfaceHash, Int32(surfaces.count)) {
                si = Int(found)
                newSurface = false
            } else {
                si = surfaces.count
                surfaceLengths[si] = doc.joinLength(m.start, m.end)
                surfaceKeyEntity[si] = -1
                surfaces.append(doc.join(m.start, m.end))
                newSurface = true
            }
            mentionSurface[k] = si
            let e: Int
            if !m.hasCanonical, surfaceKeyEntity[si] >= 0 {
                e = surfaceKeyEntity[si]
                mentionCounts[e] += 1
            } else {
                let key = m.hasCanonical ? m.canonicalHash : surfaceHash
                if let found = entityIndex.getOrInsert(key, Int32(entityCount)) {
                    e = Int(found)
                    mentionCounts[e] += 1
                } else {
                    e = entityCount
                    mentionCounts[e] = 1
                    formCounts[e] = 0
                    entityCount += 1
                }
                if !m.hasCanonical { surfaceKeyEntity[si] = e }
            }
            mentionEntity[k] = e
            if newSurface {
                surfaceEntity[si] = e
                surfaceForm[si] = formCounts[e]
                mentionForm[k] = formCounts[e]
                formCounts[e] += 1
            } else if surfaceEntity[si] == e {
                mentionForm[k] = surfaceForm[si]
            } else if let found = formIndex.getOrInsert(UInt64(e) << 32 | UInt64(si), Int32(formCounts[e])) {
                mentionForm[k] = Int(found)
            } else {
                mentionForm[k] = formCounts[e]
                formCounts[e] += 1
            }
        }
        // Each entity's slices of the flat arrays, in entity order.
        var formTotal = 0, mentionTotal = 0
        for e in 0..<entityCount {
            formStart[e] = formTotal
            formsPlaced[e] = 0
            nextMentionSlot[e] = mentionTotal
            formTotal += formCounts[e]
            mentionTotal += mentionCounts[e]
        }
        // Pass 2: per entity (numbered in order of first mention) its name's surface, evidence and
        // confidence, and every mention's and form's slot, all as numbers: the entities are built
        // once below. (Built at the first mention and updated per mention, they cost a String
        // retain and release and an array uniqueness check per mention.)
        let entries = data.gazetteerEntries
        var seen = 0
        raw.withUnsafeBufferPointer { rb in
            entries.withUnsafeBufferPointer { gb in
                for k in 0..<rb.count {
                    let m = rb[k]
                    let e = mentionEntity[k], si = mentionSurface[k]
                    // An inflected form ("Krakowie") names the entity only while no other form is in the text.
                    let length = m.canonical >= 0 && gb[Int(m.canonical)].priority == GazetteerEntry.inflected ? 0 : surfaceLengths[si]
                    // The strongest single piece of evidence decides; many default-typed mentions
                    // (0.35 each) must not outvote one cue-typed mention.
                    let weight = m.evidence >= 0.5 ? m.evidence * 10 : m.evidence
                    if e < seen {
                        if m.canonical >= 0 { listedCanonical[e] = 1 }
                        if length > nameLength[e] {
                            nameSurface[e] = si
                            nameLength[e] = length
                        }
                        evidence[e * 4 + Self.typeSlot(m.type)] += weight
                        confidence[e] = max(confidence[e], m.evidence)
                    } else {
                        seen += 1
                        listedCanonical[e] = m.canonical >= 0 ? 1 : 0
                        firstMention[e] = k
                        nameSurface[e] = si
                        (evidence + e * 4).initialize(repeating: 0, count: 4)
                        evidence[e * 4 + Self.typeSlot(m.type)] = weight
                        confidence[e] = m.evidence
                        nameLength[e] = length
                    }
                    slotMention[nextMentionSlot[e]] = k
                    nextMentionSlot[e] += 1
                    // Forms are numbered in order of first appearance: this mention is its form's first
                    // exactly when the number is the count placed so far.
                    if mentionForm[k] == formsPlaced[e] {
                        formSurface[formStart[e] + formsPlaced[e]] = si
                        formsPlaced[e] += 1
                    }
                }
            }
        }
        var surfaceForms: [String] = []
        surfaceForms.reserveCapacity(formTotal)
        for slot in 0..<formTotal { surfaceForms.append(surfaces[formSurface[slot]]) }
        var mentions: [EntityMention] = []
        mentions.reserveCapacity(mentionTotal)
        raw.withUnsafeBufferPointer { rb in
            doc.tokens.withUnsafeBufferPointer { tb in
                for slot in 0..<mentionTotal {
                    let k = slotMention[slot], m = rb[k]
                    mentions.append(EntityMention(range: tb[m.start].start..<tb[m.end - 1].end,
                                                  surfaceForm: formStart[mentionEntity[k]] + mentionForm[k]))
                }
            }
        }
        var entities: [TaggedEntity] = []
        entities.reserveCapacity(entityCount)
        for e in 0..<entityCount {
            // Highest evidence; ties go to the type whose code sorts first.
            var best = 0
            for t in 1..<4 where evidence[e * 4 + t] > evidence[e * 4 + best] { best = t }
            let first = raw[firstMention[e]]
            var name = surfaces[nameSurface[e]]
            let formSlice = formStart[e]..<formStart[e] + formCounts[e]
            // A form in capitals (a dateline's "GDANSK") names the entity only when no other form is as long.
            if formSlice.count > 1, !name.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }),
               let mixed = surfaceForms[formSlice].first(where: { $0.utf8.count == name.utf8.count && $0 != name }) {
                name = mixed
            }
            // A gazetteer canonical stays, also when the text writes it and a longer form too
            // ("Kraków", "Krakowie"; "France", "Frankrijk"): it is what joins across articles.
            // Without one, the canonical is the first mention's surface (the first form) unless a
            // full name spelled elsewhere stands for it, which is compared.
            var canonical: String
            if listedCanonical[e] == 0 {
                if first.canonical == RawMention.Canonical.span, let span = canonicalName(first, doc),
                   span != surfaces[mentionSurface[firstMention[e]]] {
                    canonical = span
                } else {
                    canonical = name
                }
            } else {
                canonical = canonicalName(first, doc) ?? surfaces[mentionSurface[firstMention[e]]]
            }
            // "ministerie van Defensie" -> canonical "Ministerie van Defensie".
            if Self.startsLowercase(canonical) {
                let c = canonical
                if let f = c.first { canonical = f.uppercased() + c.dropFirst() }
            }
            let c = confidence[e] + 0.02 * Double(mentionCounts[e] - 1)
            entities.append(TaggedEntity(type: Self.typeOrder[best], name: name, canonical: canonical,
                                         surfaceFormSlice: formSlice,
                                         mentionSlice: nextMentionSlot[e] - mentionCounts[e]..<nextMentionSlot[e],
                                         confidence: (min(0.99, c) * 100).rounded() / 100))
        }
        return Grouping(entities: entities, mentions: mentions, surfaceForms: surfaceForms, mentionEntity: mentionEntity)
    }

    /// The canonical name a mention carries, if any. Made anew per entity (~7 per 4 KB article).
    /// (Measured and rejected: taking the String of a surface with the same byte hash instead, the
    /// bytes of a gazetteer canonical compared; reused for ~5 of the 7, but the comparison and the
    /// surface-table look-up cost more than the Strings saved: Tagger.tag 869.23 M -> 869.44 M
    /// instructions over 2 048 calls.)
    func canonicalName(_ m: RawMention, _ doc: TokenizedText) -> String? {
        switch m.canonical {
        case RawMention.Canonical.none: return nil
        case RawMention.Canonical.span: return doc.join(Int(m.canonicalStart), Int(m.canonicalEnd))
        default:
            // The names were appended from Strings, so the bytes are valid UTF-8: not validated
            // again (`String(decoding:)` did, ~190 instructions per entity with a listed name).
            let i = Int(data.gazetteerEntries[Int(m.canonical)].canonical)
            let start = Int(data.canonicalNames.starts[i]), end = Int(data.canonicalNames.starts[i + 1])
            return data.canonicalNames.bytes.withUnsafeBufferPointer { b in
                ValidatedUTF8.string(UnsafeBufferPointer(rebasing: b[start..<end]))
            }
        }
    }

    /// `s.first?.isLowercase`, answered from the first two bytes when the first Character is one
    /// ASCII scalar (a following ASCII byte cannot extend the grapheme).
    /// Reads the bytes in place (the UTF-8 view's iterator cost ~130 instructions a call, once per entity).
    static func startsLowercase(_ s: String) -> Bool {
        let ascii: Bool?? = s.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            guard let b0 = b.first else { return false }
            let b1: UInt8 = b.count > 1 ? b[1] : 0
            if b0 < 0x80, b0 != 0x0D, b1 < 0x80 { return b0 >= 0x61 && b0 <= 0x7A }
            return nil
        }
        if let known = ascii, let answer = known { return answer }
        return s.first?.isLowercase ?? false
    }

    /// Entity types in the order of their codes (LOC, MISC, ORG, PER), for tie-breaking.
    static let typeOrder: [EntityType] = [.location, .miscellaneous, .organization, .person]

    @inline(__always)
    static func typeSlot(_ t: EntityType) -> Int {
        switch t {
        case .location: 0
        case .miscellaneous: 1
        case .organization: 2
        case .person: 3
        }
    }
}
