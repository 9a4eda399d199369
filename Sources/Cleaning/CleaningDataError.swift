/// Why the pattern or stopword data could not be used.
public struct CleaningDataError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case dataDirectoryNotFound
        case unreadable
        case malformedLine(number: Int)
    }

    public let kind: Kind
    /// The file (or directory) concerned.
    public let path: String
    public let detail: String

    public init(kind: Kind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .dataDirectoryNotFound: "cleaning data not found (\(path)): \(detail)"
        case .unreadable: "cannot read \(path): \(detail)"
        case .malformedLine(let number): "\(path):\(number): \(detail)"
        }
    }
}
