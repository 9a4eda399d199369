import Foundation

/// Why a model could not be loaded; carries the file so operators can fix the deployment.
public enum LanguageModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case dataDirectoryNotFound
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .dataDirectoryNotFound:
            "LanguageID data directory not found (set ARTICLED_DATA_DIR or install share/articled/LanguageID)"
        case let .unreadable(path, reason): "cannot read language model \(path): \(reason)"
        case let .malformed(path, reason): "malformed language model \(path): \(reason)"
        }
    }
}
