/// Why a record could not become an article. Every case sends the record, unchanged, to the
/// dead-letter topic with `class = decode` (or `oversize`) and this description.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case emptyValue = "empty_value"
        case oversize
        case invalidUTF8 = "invalid_utf8"
        case invalidJSON = "invalid_json"
        case notAnObject = "not_an_object"
        case missingText = "missing_text"
        case wrongType = "wrong_type"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// The dead-letter class this error belongs to.
    public var deadLetterClass: DeadLetterClass { kind == .oversize ? .oversize : .decode }
}
