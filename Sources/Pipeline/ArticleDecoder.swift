/// Turns a record value into a `RawArticle`.
///
/// Two input formats: a JSON object with `text` (or `body`) and optional `id`, `url`, `title`,
/// `source`, `published_at`, `language` (anything else is kept in `extra`); or plain UTF-8 text,
/// whose optional leading `date YYYY-MM[-DD]` header becomes `published_at`. A value whose first
/// non-blank byte is `{` is JSON; anything else is text.
public struct ArticleDecoder: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Larger values are rejected before any parsing (dead-letter class `oversize`).
        public var maxValueBytes: Int
        public var maxJSONDepth: Int
        public init(maxValueBytes: Int = 1 << 20, maxJSONDepth: Int = 64) {
            self.maxValueBytes = maxValueBytes
            self.maxJSONDepth = maxJSONDepth
        }
    }

    public let limits: Limits

    public init(limits: Limits = .init()) {
        self.limits = limits
    }

    private static let byteOrderMark: [UInt8] = [0xef, 0xbb, 0xbf]

    /// The members a `RawArticle` field takes (the rest go to `extra`). One comparison chosen by
    /// the length, not a `Set`: hashing each member's key cost ~1.4 k instructions a record.
    static func isKnownField(_ key: String) -> Bool {
        switch key.utf8.count {
        case 2: key == "id"
        case 3: key == "url"
        case 4: key == "text" || key == "body"
        case 5: key == "title"
        case 6: key == "source"
        case 8: key == "language"
        case 12: key == "published_at"
        default: false
        }
    }

    public func decode(value input: [UInt8]?, key: [UInt8]?) throws(DecodeError) -> RawArticle {
        guard let input, !input.isEmpty else { throw DecodeError(.emptyValue, "the record has no value") }
        guard input.count <= limits.maxValueBytes else {
            throw DecodeError(.oversize, "value is \(input.count) bytes, the limit is \(limits.maxValueBytes)")
        }
        let value = input.starts(with: Self.byteOrderMark) ? Array(input.dropFirst(3)) : input
        guard let isASCII = ValidatedUTF8.check(value) else {
            throw DecodeError(.invalidUTF8, "value is not valid UTF-8 (first bad byte at \(ValidatedUTF8.firstInvalidOffset(value)))")
        }
        let keyText = key.flatMap { String(validating: $0, as: UTF8.self) }.flatMap { $0.isEmpty ? nil : $0 }
        if value.first(where: { !Self.isBlank($0) }) == UInt8(ascii: "{") {
            return try decodeJSON(value, isASCII: isASCII, key: keyText)
        }
        let text = value.withUnsafeBufferPointer { ValidatedUTF8.string($0, isASCII: isASCII) }
        return try decodePlainText(text, key: keyText)
    }

    private func decodeJSON(_ value: [UInt8], isASCII: Bool, key: String?) throws(DecodeError) -> RawArticle {
        let parsed: JSONValue
        do throws(JSONParser.Error) {
            parsed = try JSONParser.parse(validatedUTF8: value, isASCII: isASCII, maxDepth: limits.maxJSONDepth)
        } catch {
            throw DecodeError(.invalidJSON, error.description)
        }
        guard case .object(let members) = parsed else { throw DecodeError(.notAnObject, "the JSON value is not an object") }

        func optionalString(_ name: String) throws(DecodeError) -> String? {
            switch parsed[name] {
            case nil, .null?: return nil
            case .string(let text)?: return text.isEmpty ? nil : text
            case let other?: throw DecodeError(.wrongType, "field `\(name)` must be a string, found \(other.kindName)")
            }
        }

        var text = try optionalString("text")
        if text == nil { text = try optionalString("body") }
        guard let text, text.contains(where: { !$0.isWhitespace })
        else {
            throw DecodeError(.missingText, "the JSON object has no non-empty `text` or `body` string")
        }
        let url = try optionalString("url")
        let explicitID: String?
        switch parsed["id"] {
        case nil, .null?: explicitID = nil
        case .string(let id)?: explicitID = id.isEmpty ? nil : id
        case .number(let id)?: explicitID = id
        case let other?: throw DecodeError(.wrongType, "field `id` must be a string or number, found \(other.kindName)")
        }
        let (id, idSource) = Self.identify(explicit: explicitID, key: key, url: url, text: text)
        return RawArticle(
            id: id, idSource: idSource, text: text, url: url, title: try optionalString("title"),
            source: try optionalString("source"), publishedAt: try optionalString("published_at"),
            language: try optionalString("language"),
            extra: members.filter { !Self.isKnownField($0.key) }, format: .json
        )
    }

    private func decodePlainText(_ value: String, key: String?) throws(DecodeError) -> RawArticle {
        let (date, body) = Self.splitDateHeader(value)
        guard body.contains(where: { !$0.isWhitespace }) else { throw DecodeError(.missingText, "the text is empty") }
        let (id, idSource) = Self.identify(explicit: nil, key: key, url: nil, text: body)
        return RawArticle(id: id, idSource: idSource, text: body, publishedAt: date, format: .text)
    }

    /// Id precedence: the record's `id` field, then the Kafka key, then a stable digest of the url
    /// (or the text), identical on every machine.
    static func identify(explicit: String?, key: String?, url: String?, text: String) -> (String, RawArticle.IDSource) {
        if let explicit { return (explicit, .field) }
        if let key { return (key, .key) }
        let basis = url.map { "url:" + $0 } ?? "text:" + text
        return ("h" + StableHash.digest128Hex(Array(basis.utf8)), .contentHash)
    }

    /// Recognises a leading `date YYYY-MM` or `date YYYY-MM-DD` (after optional blanks) followed by
    /// a blank; returns the date and the rest with leading blanks removed.
    static func splitDateHeader(_ text: String) -> (String?, String) {
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count, isBlank(utf8[index]) { index += 1 }
        let keyword = Array("date ".utf8)
        guard utf8.count >= index + keyword.count, Array(utf8[index..<index + keyword.count]) == keyword else {
            return (nil, text)
        }
        var cursor = index + keyword.count
        while cursor < utf8.count, utf8[cursor] == UInt8(ascii: " ") { cursor += 1 }
        let dateStart = cursor
        func digits(_ count: Int) -> Bool {
            guard cursor + count <= utf8.count else { return false }
            for offset in 0..<count where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[cursor + offset]) { return false }
            cursor += count
            return true
        }
        func dash() -> Bool {
            guard cursor < utf8.count, utf8[cursor] == UInt8(ascii: "-") else { return false }
            cursor += 1
            return true
        }
        guard digits(4), dash(), digits(2) else { return (nil, text) }
        let afterMonth = cursor
        if !(dash() && digits(2)) { cursor = afterMonth }
        guard cursor == utf8.count || isBlank(utf8[cursor]) else { return (nil, text) }
        let date = String(decoding: utf8[dateStart..<cursor], as: UTF8.self)
        while cursor < utf8.count, isBlank(utf8[cursor]) { cursor += 1 }
        return (date, String(decoding: utf8[cursor...], as: UTF8.self))
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d
    }
}
