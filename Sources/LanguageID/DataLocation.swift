import Foundation

extension LanguageModel {
    /// File name of the model inside the data directory.
    public static let fileName = "language-model.bin"

    /// Finds the data directory: `$ARTICLED_DATA_DIR/LanguageID`, then
    /// `<executable dir>/../share/articled/LanguageID`, then the source tree (for tests and dev runs).
    public static func defaultDataDirectory() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["ARTICLED_DATA_DIR"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env).appendingPathComponent("LanguageID"))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent()
            .appendingPathComponent("../share/articled/LanguageID").standardizedFileURL)
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Data/LanguageID").standardizedFileURL)
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent(fileName).path) }
    }
}
