import Foundation

/// Why the tagger's data could not be loaded.
public struct TaggingDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, Equatable {
        case dataDirectoryNotFound
        case unreadableFile
        case malformedLine
    }
    public var reason: Reason
    public var path: String
    public var line: Int?
    public var detail: String

    public init(_ reason: Reason, path: String, line: Int? = nil, detail: String = "") {
        self.reason = reason
        self.path = path
        self.line = line
        self.detail = detail
    }

    public var description: String {
        var s = "Tagging data: \(reason.rawValue) at \(path)"
        if let line { s += ":\(line)" }
        if !detail.isEmpty { s += " (\(detail))" }
        return s
    }
}
