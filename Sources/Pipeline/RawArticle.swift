/// Where a record came from: enough to find it again in the input topic.
public struct SourcePosition: Sendable, Hashable {
    public let topic: String
    public let partition: Int32
    public let offset: Int64
    /// Milliseconds since the epoch, as Kafka stamped the record.
    public let timestampMilliseconds: Int64?

    public init(topic: String, partition: Int32, offset: Int64, timestampMilliseconds: Int64?) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestampMilliseconds = timestampMilliseconds
    }
}

/// An article as it arrived, after decoding and before any stage.
public struct RawArticle: Sendable, Equatable {
    public enum IDSource: String, Sendable, Equatable {
        /// The record's own `id` field.
        case field
        /// The Kafka record key.
        case key
        /// A stable digest of the url (or, without one, the text).
        case contentHash = "content_hash"
    }

    public var id: String
    public var idSource: IDSource
    public var text: String
    public var url: String?
    public var title: String?
    public var source: String?
    /// As given: RFC 3339 from JSON input, `YYYY-MM[-DD]` from a plain-text `date` header.
    public var publishedAt: String?
    /// A language hint supplied with the input (not detected).
    public var language: String?
    /// Input fields articled does not interpret, passed through unchanged.
    public var extra: [(key: String, value: JSONValue)]
    public var format: InputFormat

    public enum InputFormat: String, Sendable, Equatable {
        case json
        case text
    }

    public init(
        id: String, idSource: IDSource, text: String, url: String? = nil, title: String? = nil, source: String? = nil,
        publishedAt: String? = nil, language: String? = nil, extra: [(key: String, value: JSONValue)] = [],
        format: InputFormat
    ) {
        self.id = id
        self.idSource = idSource
        self.text = text
        self.url = url
        self.title = title
        self.source = source
        self.publishedAt = publishedAt
        self.language = language
        self.extra = extra
        self.format = format
    }

    public static func == (lhs: RawArticle, rhs: RawArticle) -> Bool {
        lhs.id == rhs.id && lhs.idSource == rhs.idSource && lhs.text == rhs.text && lhs.url == rhs.url
            && lhs.title == rhs.title && lhs.source == rhs.source && lhs.publishedAt == rhs.publishedAt
            && lhs.language == rhs.language && lhs.format == rhs.format
            && JSONValue.object(lhs.extra) == JSONValue.object(rhs.extra)
    }
}
