import Foundation

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
        guard let dir = TaggerData.defaultDataDirectory() else {
            throw TaggingDataError(.dataDirectoryNotFound, path: "ARTICLED_DATA_DIR/Tagging, ../share/articled/Tagging, Data/Tagging")
        }
        return try Tagger(dataDirectory: dir)
    }

    /// Languages with their own word lists; others use the English lists without stopwords.
    public var supportedLanguages: [String] { data.lexicons.keys.sorted() }

    /// - Parameters:
    ///   - language: ISO 639-1 code of the text ("nl", "en", "de", "fr", …).
    ///   - publishedAt: ISO date prefix ("2022-10", "2022-10-15" or a full timestamp); resolves
    ///     relative dates.
    public func tag(text: String, language: String, publishedAt: String? = nil) -> TaggingResult {
        tag(Tokenizer.tokenize(text, vocabulary: data.vocabulary), language: language, publishedAt: publishedAt)
    }

    func tag(_ doc: TokenizedText, language: String, publishedAt: String?) -> TaggingResult {
        let lex = data.lexicon(language)
        let raw = entityRecognizer.recognize(doc, language: language, lex: lex)
        let (entities, mentionEntity) = group(raw, doc)

        var mentionAt = [Int32](repeating: -1, count: doc.count)
        var personMentions: [(token: Int, entity: Int)] = []
        var titles: [Int32: Int] = [:]
        for (idx, m) in raw.enumerated() {
            let e = mentionEntity[idx]
            if entities[e].type == .person {
                for k in m.start..<m.end { mentionAt[k] = Int32(e) }
                personMentions.append((m.start, e))
                if m.title >= 0, titles[m.title] == nil { titles[m.title] = e }
            }
        }
        var consumed = [Bool](repeating: false, count: doc.count)
        let dates = dateExtractor.extract(doc, data: data, lex: lex, reference: ReferenceDate(publishedAt), consumed: &consumed)
        let quantities = quantityExtractor.extract(doc, language: language, lex: lex, consumed: consumed)
        let context = QuoteExtractor.Context(mentionAt: mentionAt, personMentions: personMentions, titles: titles,
                                             entityName: entities.map(\.name), entityCanonical: entities.map(\.canonical))
        let quotes = quoteExtractor.extract(doc, lex: lex, context: context)
        return TaggingResult(entities: entities,
                             keywords: keywordExtractor.extract(doc, lex: lex),
                             topics: topicClassifier.classify(doc, lex: lex),
                             dates: dates, quantities: quantities, quotes: quotes)
    }

    /// Joins mentions with the same canonical name (or surface text) into entities.
    func group(_ raw: [RawMention], _ doc: TokenizedText) -> ([TaggedEntity], [Int]) {
        var index: [String: Int] = [:]
        var entities: [TaggedEntity] = []
        var evidence: [[EntityType: Double]] = []
        var mentionEntity: [Int] = []
        for m in raw {
            let surface = doc.join(m.start, m.end)
            let key = (m.canonical ?? surface)
            let mention = EntityMention(text: surface, range: doc.tokens[m.start].start..<doc.tokens[m.end - 1].end)
            if let e = index[key] {
                entities[e].mentions.append(mention)
                if !entities[e].surfaceForms.contains(surface) { entities[e].surfaceForms.append(surface) }
                if surface.count > entities[e].name.count { entities[e].name = surface }
                evidence[e][m.type, default: 0] += m.evidence
                entities[e].confidence = max(entities[e].confidence, m.evidence)
                mentionEntity.append(e)
            } else {
                index[key] = entities.count
                mentionEntity.append(entities.count)
                entities.append(TaggedEntity(type: m.type, name: surface, canonical: m.canonical ?? surface,
                                             surfaceForms: [surface], mentions: [mention], confidence: m.evidence))
                evidence.append([m.type: m.evidence])
            }
        }
        for e in entities.indices {
            if let best = evidence[e].max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }) {
                entities[e].type = best.key
            }
            if entities[e].canonical == entities[e].surfaceForms.first { entities[e].canonical = entities[e].name }
            // "ministerie van Defensie" -> canonical "Ministerie van Defensie".
            if let f = entities[e].canonical.first, f.isLowercase {
                entities[e].canonical = f.uppercased() + entities[e].canonical.dropFirst()
            }
            let c = entities[e].confidence + 0.02 * Double(entities[e].mentions.count - 1)
            entities[e].confidence = (min(0.99, c) * 100).rounded() / 100
        }
        return (entities, mentionEntity)
    }
}
