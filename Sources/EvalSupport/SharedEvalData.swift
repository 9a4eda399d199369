import Foundation

/// Where the `…Eval` executables find `../shared/eval-data`: `$ARTICLED_SHARED` first, then the
/// folder beside the repository, then beside the working directory. The data is not part of the
/// project, so every caller must skip cleanly (exit 0 with a message) when this returns nil.
public enum SharedEvalData {
    /// The repository root, from a source file's path (`Sources/<Target>/<file>.swift`).
    public static func repositoryRoot(sourceFile: String = #filePath) -> URL {
        URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The shared folder, when it contains `requiredSubpath` (e.g. `eval-data/ner-nl`).
    public static func directory(containing requiredSubpath: String, sourceFile: String = #filePath) -> URL? {
        let files = FileManager.default
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["ARTICLED_SHARED"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        candidates.append(repositoryRoot(sourceFile: sourceFile).appendingPathComponent("../shared").standardizedFileURL)
        candidates.append(URL(fileURLWithPath: files.currentDirectoryPath).appendingPathComponent("../shared").standardizedFileURL)
        return candidates.first { files.fileExists(atPath: $0.appendingPathComponent(requiredSubpath).path) }
    }
}
