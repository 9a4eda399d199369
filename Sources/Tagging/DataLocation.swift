import Foundation

extension TaggerData {
    /// A file that must exist in the data directory; used to recognise it.
    public static let markerFile = "gazetteer.tsv"

    /// Finds the data directory: `$ARTICLED_DATA_DIR/Tagging`, then
    /// `<executable dir>/../share/articled/Tagging`, then the source tree (for tests and dev runs).
    public static func defaultDataDirectory() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ARTICLED_DATA_DIR"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env).appendingPathComponent("Tagging"))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent()
            .appendingPathComponent("../share/articled/Tagging").standardizedFileURL)
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Data/Tagging").standardizedFileURL)
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent(markerFile).path) }
    }
}
