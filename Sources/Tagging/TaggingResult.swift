/// Output of `Tagger.tag`. Plain values so the pipeline stage can serialise them however it likes.
///
/// Offsets: every `range` is a half-open range of **UTF-8 byte offsets** into the text passed to
/// `tag` (byte offsets are what the tokenizer works on and are stable across languages; convert with
/// `String.Index(utf16Offset:)`-style helpers only if a consumer needs Characters).
public struct TaggingResult: Sendable, Equatable {
    public var entities: [TaggedEntity]
    /// Every entity's mentions, entity after entity (`mentions(of:)` gives one entity's). One flat
    /// array rather than one per entity: an article's ~18 entities each held two arrays before, and
    /// making and freeing them cost ~25 k instructions per article.
    public var mentions: [EntityMention]
    /// Every entity's distinct surface forms, entity after entity (`surfaceForms(of:)`).
    public var surfaceForms: [String]
    public var keywords: [Keyword]
    public var topics: [Topic]
    public var dates: [DateMention]
    public var quantities: [Quantity]
    public var quotes: [Quote]

    public init(entities: [TaggedEntity] = [], mentions: [EntityMention] = [], surfaceForms: [String] = [],
                keywords: [Keyword] = [], topics: [Topic] = [],
                dates: [DateMention] = [], quantities: [Quantity] = [], quotes: [Quote] = []) {
        self.entities = entities
        self.mentions = mentions
        self.surfaceForms = surfaceForms
        self.keywords = keywords
        self.topics = topics
        self.dates = dates
        self.quantities = quantities
        self.quotes = quotes
    }

    /// `entity`'s mentions in text order.
    public func mentions(of entity: TaggedEntity) -> ArraySlice<EntityMention> { mentions[entity.mentionSlice] }

    /// `entity`'s distinct surface forms in order of first appearance.
    public func surfaceForms(of entity: TaggedEntity) -> ArraySlice<String> { surfaceForms[entity.surfaceFormSlice] }
}

public enum EntityType: String, Sendable, Equatable, CaseIterable {
    case person = "PER"
    case location = "LOC"
    case organization = "ORG"
    case miscellaneous = "MISC"
}

/// One entity of the document: all its mentions joined (surname coreference, aliases).
public struct TaggedEntity: Sendable, Equatable {
    public var type: EntityType
    /// The fullest surface form in this document ("Vladimir Poetin").
    public var name: String
    /// Language-independent name for joining across articles ("Vladimir Putin", "Ukraine"); equals
    /// `name` when no gazetteer entry knows the entity.
    public var canonical: String
    /// Where its surface forms are in `TaggingResult.surfaceForms`.
    public var surfaceFormSlice: Range<Int>
    /// Where its mentions are in `TaggingResult.mentions`.
    public var mentionSlice: Range<Int>
    public var count: Int { mentionSlice.count }
    /// 0...1, from the strongest evidence (gazetteer, title, first name, rule) and the mention count.
    public var confidence: Double
}

public struct EntityMention: Sendable, Equatable {
    /// UTF-8 byte offsets.
    public var range: Range<Int>
    /// Its text (tokens joined by single spaces, which the bytes at `range` need not be): an index
    /// into `TaggingResult.surfaceForms`, within its entity's slice.
    public var surfaceForm: Int
}

public struct Keyword: Sendable, Equatable {
    public var text: String
    /// 0...1, relative to the best keyword of the document.
    public var score: Double
    public var count: Int
}

/// An IPTC Media Topics top-level category.
public struct Topic: Sendable, Equatable {
    /// IPTC code, e.g. "16000000".
    public var code: String
    /// e.g. "conflict, war and peace".
    public var label: String
    /// Share of the topic evidence in the document (scores of the returned topics sum to ≤ 1).
    public var score: Double
}

public enum DateGranularity: String, Sendable, Equatable {
    case day, month, year
}

public struct DateMention: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte offsets.
    public var range: Range<Int>
    /// ISO 8601 at `granularity` ("2022-02-24", "2022-09", "2014"); nil when it can't be resolved
    /// (e.g. a weekday when `publishedAt` has no day).
    public var value: String?
    public var granularity: DateGranularity
    /// "early", "mid" or "late" for phrases like "eind september"; day parts ("ochtend") likewise.
    public var qualifier: String?
}

public struct Quantity: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte offsets.
    public var range: Range<Int>
    public var value: Double
    /// A measurement or currency unit as written ("kilometer", "%", "euro").
    public var unit: String?
    /// What is counted when there is no unit: the following words ("mensen").
    public var counted: String?
}

public struct Quote: Sendable, Equatable {
    /// The quoted words without the quotation marks.
    public var text: String
    /// UTF-8 byte offsets of the quoted words.
    public var range: Range<Int>
    /// The speaker's entity name, or the attribution words when no entity matches.
    public var speaker: String?
    public var speakerCanonical: String?
    /// Index into `TaggingResult.entities`.
    public var speakerEntity: Int?
    public var confidence: Double
}
