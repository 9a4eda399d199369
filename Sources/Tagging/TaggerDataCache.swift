import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The compiled tagger data kept on disk between starts.
///
/// Why: compiling `Data/Tagging`'s text lists (interning ~1 M words, building tries and per-language
/// tables) is ~7 G instructions, over 2 s of CPU, on every start of every instance; reading the
/// compiled tables back is ~1 % of that. Restarts, `SIGHUP`-free redeploys and scale-out on one host
/// then start in a fraction of the time.
///
/// An archive is used only by the same build (the executable's GNU build ID) on the same data (a
/// digest of every file in the data directory), so a stale cache cannot change a result: anything
/// else, or a damaged file, means compiling as before and writing a new archive. Without a build
/// ID there is no cache. The directory must be as trusted as the data directory: the checksum finds
/// damage, not tampering.
public struct TaggerDataCache: Sendable {
    public let directory: URL
    /// Archives kept in `directory` (the newest): one per build in use, e.g. a release and a debug build.
    public static let kept = 3

    public init(directory: URL) { self.directory = directory }

    /// `$ARTICLED_CACHE_DIR` (`off` disables the cache), systemd's `$CACHE_DIRECTORY`
    /// (`CacheDirectory=`), `$XDG_CACHE_HOME/articled`, then `$HOME/.cache/articled`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TaggerDataCache? {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let dir = value("ARTICLED_CACHE_DIR") {
            return dir == "off" ? nil : TaggerDataCache(directory: URL(fileURLWithPath: dir))
        }
        // systemd may list several directories, separated by colons: the first is this unit's.
        if let dirs = value("CACHE_DIRECTORY"), let first = dirs.split(separator: ":").first {
            return TaggerDataCache(directory: URL(fileURLWithPath: String(first)))
        }
        if let xdg = value("XDG_CACHE_HOME") { return TaggerDataCache(directory: URL(fileURLWithPath: xdg).appendingPathComponent("articled")) }
        if let home = value("HOME") { return TaggerDataCache(directory: URL(fileURLWithPath: home).appendingPathComponent(".cache/articled")) }
        return nil
    }

    /// How the data was obtained, for the stage to log at start.
    public enum Outcome: Sendable, Equatable {
        case read(path: String)
        case compiledAndWritten(path: String, reason: String)
        /// Compiled, and no archive written (`reason`: why).
        case compiled(reason: String)
    }

    /// The data of `dataDirectory` from this cache's archive, or compiled (and the archive written).
    public func load(dataDirectory: URL) throws -> (TaggerData, Outcome) {
        try load(dataDirectory: dataDirectory, buildID: ExecutableBuildID.current())
    }

    /// `compile` stands in for `TaggerData.load(directory:)` in tests (a debug build compiles for a minute).
    func load(dataDirectory: URL, buildID: [UInt8]?,
              compile: (URL) throws -> TaggerData = TaggerData.load(directory:)) throws -> (TaggerData, Outcome) {
        guard let buildID else {
            return (try compile(dataDirectory), .compiled(reason: "the executable has no build ID"))
        }
        let key = try Self.key(buildID: buildID, dataDirectory: dataDirectory)
        let path = directory.appendingPathComponent("tagger-\(key).bin").path
        var why = "no archive for this build and data yet"
        if FileManager.default.fileExists(atPath: path) {
            do {
                return (try Self.read(path: path, key: key), .read(path: path))
            } catch {
                why = "\(error)"
            }
        }
        let data = try compile(dataDirectory)
        do {
            try write(data, key: key, path: path)
            return (data, .compiledAndWritten(path: path, reason: why))
        } catch {
            return (data, .compiled(reason: "\(why); writing \(path) failed: \(error)"))
        }
    }

    // MARK: - The file

    /// Magic, format version, key, payload length and checksum, payload (`TaggerData.archive`).
    private static let magic: [UInt8] = Array("ARTDTAGR".utf8)
    /// Bumped when the archive's layout changes (the build ID changes with any code change anyway).
    static let formatVersion = 1

    static func read(path: String, key: String) throws(DataArchiveError) -> TaggerData {
        guard let file = FileManager.default.contents(atPath: path) else { throw DataArchiveError(.truncated, "\(path) unreadable") }
        return try file.withUnsafeBytes { raw in Result { () throws(DataArchiveError) in try decode(raw, key: key) } }.get()
    }

    static func decode(_ raw: UnsafeRawBufferPointer, key: String) throws(DataArchiveError) -> TaggerData {
        var header = ArchiveReader(raw)
        guard raw.count >= magic.count, Array(raw[0..<magic.count]) == magic else { throw DataArchiveError(.mismatch, "not a tagger data archive") }
        try header.skip(magic.count)
        let version = try header.int(), storedKey = try header.string()
        guard version == formatVersion, storedKey == key else {
            throw DataArchiveError(.mismatch, "archive version \(version) key \(storedKey), wanted \(formatVersion) \(key)")
        }
        let length = try header.count(), checksum = try header.int()
        let start = header.offset
        guard length == raw.count - start else { throw DataArchiveError(.truncated, "payload of \(raw.count - start) bytes, header says \(length)") }
        let payload = UnsafeRawBufferPointer(rebasing: raw[start...])
        guard Int(bitPattern: UInt(ArchiveChecksum.of(payload))) == checksum else { throw DataArchiveError(.corrupt, "checksum mismatch") }
        var r = ArchiveReader(payload)
        let data = try TaggerData(from: &r)
        guard r.isAtEnd else { throw DataArchiveError(.corrupt, "\(payload.count - r.offset) bytes after the data") }
        return data
    }

    static func encode(_ data: TaggerData, key: String) -> [UInt8] {
        var payload = ArchiveWriter()
        data.archive(into: &payload)
        var header = ArchiveWriter()
        header.int(formatVersion)
        header.string(key)
        header.int(payload.bytes.count)
        header.int(Int(bitPattern: UInt(payload.bytes.withUnsafeBytes { ArchiveChecksum.of($0) })))
        return magic + header.bytes + payload.bytes
    }

    /// Written to a temporary name and renamed: instances starting together each write a whole
    /// archive, and a reader never sees half of one. Then older archives beyond `kept` are removed.
    private func write(_ data: TaggerData, key: String, path: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".tagger-\(key).\(getpid()).tmp").path
        guard fm.createFile(atPath: temporary, contents: Data(Self.encode(data, key: key))) else {
            throw DataArchiveError(.unwritable, "cannot create \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            try? fm.removeItem(atPath: temporary)
            throw DataArchiveError(.unwritable, "cannot rename \(temporary) to \(path): errno \(errno)")
        }
        prune(keeping: path)
    }

    private func prune(keeping path: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else { return }
        let archives = names.filter { $0.hasPrefix("tagger-") && $0.hasSuffix(".bin") }.map { directory.appendingPathComponent($0).path }
        func modified(_ p: String) -> Date { ((try? fm.attributesOfItem(atPath: p))?[.modificationDate] as? Date) ?? .distantPast }
        let newestFirst = archives.filter { $0 != path }.sorted { modified($0) > modified($1) }
        for old in newestFirst.dropFirst(Self.kept - 1) { try? fm.removeItem(atPath: old) }
    }

    /// Hex of the build ID and of a digest of every regular file in the data directory (name, size, bytes).
    static func key(buildID: [UInt8], dataDirectory: URL) throws -> String {
        let fm = FileManager.default
        let names: [String]
        do { names = try fm.contentsOfDirectory(atPath: dataDirectory.path).sorted() } catch {
            throw TaggingDataError(.unreadableFile, path: dataDirectory.path, detail: "\(error)")
        }
        var digest = ArchiveChecksum()
        for name in names {
            let path = dataDirectory.appendingPathComponent(name).path
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            guard let contents = fm.contents(atPath: path) else { throw TaggingDataError(.unreadableFile, path: path) }
            Array(name.utf8).withUnsafeBytes { digest.add($0) }
            withUnsafeBytes(of: UInt64(contents.count).littleEndian) { digest.add($0) }
            contents.withUnsafeBytes { digest.add($0) }
        }
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        return hex(buildID) + "-" + String(format: "%016llx", digest.value)
    }
}

/// A 64-bit hash over bytes, eight at a time: the archive's checksum and the data digest (~1
/// instruction per byte; finds damage, not an adversary).
struct ArchiveChecksum {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var c = ArchiveChecksum()
        c.add(bytes)
        return c.value
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        var k = 0
        while k + 8 <= bytes.count {
            h = (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            k += 8
        }
        while k < bytes.count {
            h = (h ^ UInt64(bytes[k])) &* 0x9E37_79B9_7F4A_7C15
            k += 1
        }
        value = h ^ UInt64(bytes.count)
    }
}
