import Foundation

/// Where the eval finds its inputs: the package/repo root from this file's path, the shared
/// evaluation data next to the repo (or `ARTICLED_SHARED`).
enum Locations {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var fixtures: URL {
        repositoryRoot.appendingPathComponent("Tests/DedupeTests/Fixtures")
    }

    static var shared: URL? {
        let url: URL
        if let override = ProcessInfo.processInfo.environment["ARTICLED_SHARED"], !override.isEmpty {
            url = URL(fileURLWithPath: override)
        } else {
            url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        }
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
}
