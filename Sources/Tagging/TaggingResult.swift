/// Output of `Tagger.tag`. Plain values so the pipeline stage can serialise them however it likes.
///
/// Offsets: every `range` is a half-open range of **UTF-8 byte offsets** into the text passed to
/// `tag` (byte offsets are what the tokenizer works on and are stable across languages; convert with
/// `String.Index(utf16Offset:)`-style helpers only if a consumer needs Characters).
public struct TaggingResult: Sendable, Equatable {
    public var entities: [TaggedEntity]
    public var keywords: [Keyword]
    public var topics: [Topic]
    public var dates: [DateMention]
    public var quantities: [Quantity]
    public var quotes: [Quote]

    public init(entities: [TaggedEntity] = [], keywords: [Keyword] = [], topics: [Topic] = [],
                dates: [DateMention] = [], quantities: [Quantity] = [], quotes: [Quote] = []) {
        self.entities = entities
        self.keywords = keywords
        self.topics = topics
        self.dates = dates
        self.quantities = quantities
        self.quotes = quotes
    }
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
    /// Distinct surface forms in order of first appearance.
    public var surfaceForms: [String]
    public var mentions: [EntityMention]
    public var count: Int { mentions.count }
    /// 0...1, from the strongest evidence (gazetteer, title, first name, rule) and the mention count.
    public var confidence: Double
}

public struct EntityMention: Sendable, Equatable {
    public var text: String
    /// UTF-8 byte offsets.
    public var range: Range<Int>
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
