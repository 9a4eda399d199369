import Foundation
import Testing
@testable import Tagging

/// The compiled-data cache: an archive read back tags exactly as the compiled data does, a damaged
/// or foreign archive is refused with an error (then compiled), and a field added to the data
/// without being archived fails here.
struct TaggerDataCacheTests {
    private static let key = "test-key"

    private static func texts() throws -> [(String, String)] {
        return [
            (try fixture("seed-nl-poetin.txt"), "nl"),
            ("Angela Merkel traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron. „Wir stehen zusammen“, sagte Merkel.", "de"),
            ("President Joe Biden met NATO leaders in Brussels on Tuesday; 30,000 troops will move east, the Pentagon said.", "en"),
            ("Le Premier ministre a annoncé 2 milliards d'euros pour l'hôpital de Lyon, a déclaré Élisabeth Borne jeudi.", "fr"),
            ("Il presidente Sergio Mattarella ha incontrato a Roma il cancelliere tedesco.", "it"),
            ("Prezydent Andrzej Duda spotkał się w Warszawie z premierem.", "pl"),
        ]
    }

    @Test func anArchiveReadBackTagsAsTheCompiledDataDoes() throws {
        let data = try #require(sharedTagger).data
        let bytes = TaggerDataCache.encode(data, key: Self.key)
        let read = try bytes.withUnsafeBytes { try TaggerDataCache.decode($0, key: Self.key) }
        // Written again, the same bytes: every archived field came back as it was.
        #expect(TaggerDataCache.encode(read, key: Self.key) == bytes)
        let compiled = try #require(sharedTagger), cached = Tagger(data: read)
        for (text, language) in try Self.texts() {
            #expect(cached.tag(text: text, language: language, publishedAt: "2022-10-15")
                == compiled.tag(text: text, language: language, publishedAt: "2022-10-15"))
        }
    }

    /// Minimal lexicons share the English topic tables; read back, they share them still (no copy per language).
    @Test func sharedTablesStaySharedWhenReadBack() throws {
        let data = try #require(sharedTagger).data
        let bytes = TaggerDataCache.encode(data, key: Self.key)
        let read = try bytes.withUnsafeBytes { try TaggerDataCache.decode($0, key: Self.key) }
        let minimal = try #require(read.lexicons.first { $0.value.sparseFeatures != nil }?.value)
        let base = { (a: [Int16]) in a.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(base(minimal.topicOf) == base(read.fallbackLexicon.topicOf))
    }

    @Test func damagedOrForeignArchivesAreRefusedWithAReason() throws {
        let data = try #require(sharedTagger).data
        let bytes = TaggerDataCache.encode(data, key: Self.key)
        func decode(_ b: [UInt8], key: String = Self.key) -> DataArchiveError.Reason? {
            do {
                _ = try b.withUnsafeBytes { try TaggerDataCache.decode($0, key: key) }
                return nil
            } catch {
                return (error as? DataArchiveError)?.reason
            }
        }
        #expect(decode(bytes, key: "another-build") == .mismatch)
        #expect(decode(Array(bytes.prefix(bytes.count / 2))) == .truncated)
        #expect(decode(Array(bytes.prefix(5))) == .mismatch)
        var flipped = bytes
        flipped[bytes.count - 1000] ^= 0x40
        #expect(decode(flipped) == .corrupt)
        #expect(decode(Array("not an archive".utf8)) == .mismatch)
    }

    /// A payload whose checksum is right but whose values break what lookups rely on is refused too.
    @Test func inconsistentTablesAreRefused() throws {
        var w = ArchiveWriter()
        w.array([UInt64](repeating: 0, count: 24)) // an IntMap of 24 slots: not a power of two
        w.int(0)
        var r = ArchiveReader(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(throws: DataArchiveError.self) { try IntMap(from: &r) }
        w.bytes.withUnsafeBytes { raw in
            var r = ArchiveReader(raw)
            #expect(throws: DataArchiveError.self) { try IntMap(from: &r) }
        }
    }

    /// Every stored field of the data must be archived: extend `TaggerData+Archive.swift` and this list together.
    @Test func everyStoredFieldIsArchived() throws {
        let data = try #require(sharedTagger).data
        #expect(Mirror(reflecting: data).children.compactMap(\.label) == [
            "vocabulary", "wordFlags", "multipliers", "gazetteerTrie", "gazetteerRoot", "gazetteerEntryAt",
            "gazetteerEntries", "canonicalNames", "maxAliasTokens", "countryPrefixes", "placeAbbreviations",
            "topicLabels", "lexicons", "fallbackLexicon",
        ])
        #expect(Mirror(reflecting: data.fallbackLexicon.fields).children.compactMap(\.label) == [
            "capitalisesNouns", "compoundOrgHeads", "compoundTailBits", "features", "topicOf", "months", "weekdays",
            "relativeDays", "monthParts", "numbers", "topicHitStart", "topicHitList", "stemTrie", "stemAt",
            "stemPrefixBits", "maxStemLength", "orgHeadSuffixes", "titleSuffixes", "cueSuffixTrie", "cueSuffixBits",
            "sparseFeatures",
        ])
        #expect(Mirror(reflecting: data.vocabulary).children.compactMap(\.label) == [
            "bytes", "starts", "hashes", "slots", "mask", "count", "isFrozen",
        ])
        #expect(Mirror(reflecting: IntMap()).children.compactMap(\.label) == ["slots", "mask", "count"])
        #expect(Mirror(reflecting: data.gazetteerEntries.first as Any).children.first.map { Mirror(reflecting: $0.value).children.compactMap(\.label) }
            == ["type", "priority", "canonical", "canonicalHash"])
    }

    /// Miss (compiled, written), hit (read), damaged file (compiled, rewritten), another build (its
    /// own archive); older archives beyond `kept` are removed.
    @Test func theCacheReadsWhatItWroteAndRecompilesOtherwise() throws {
        let dataDirectory = try #require(TaggerData.defaultDataDirectory())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("articled-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = TaggerDataCache(directory: dir)
        let build: [UInt8] = [0xAB, 0xCD]
        let compiled = try #require(sharedTagger).data
        func load(_ build: [UInt8]) throws -> TaggerDataCache.Outcome {
            try cache.load(dataDirectory: dataDirectory, buildID: build) { _ in compiled }.1
        }

        let first = try load(build)
        guard case .compiledAndWritten(let path, _) = first else {
            Issue.record("first load: \(first)")
            return
        }
        let second = try load(build)
        #expect(second == .read(path: path))

        var damaged = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        damaged[damaged.count / 2] ^= 1
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        let third = try load(build)
        guard case .compiledAndWritten(path, let reason) = third else {
            Issue.record("damaged archive: \(third)")
            return
        }
        #expect(reason.contains("corrupt"))

        for other in 0..<UInt8(TaggerDataCache.kept + 1) {
            let archive = dir.appendingPathComponent("tagger-old\(other).bin")
            try Data([other]).write(to: archive)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -Double(100 - Int(other)))],
                                                  ofItemAtPath: archive.path)
        }
        let fourth = try load([0x01])
        guard case .compiledAndWritten = fourth else {
            Issue.record("another build: \(fourth)")
            return
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".bin") }
        #expect(left.count == TaggerDataCache.kept)
    }

    @Test func withoutABuildIDNothingIsCached() throws {
        let dataDirectory = try #require(TaggerData.defaultDataDirectory())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("articled-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let compiled = try #require(sharedTagger).data
        let (_, outcome) = try TaggerDataCache(directory: dir).load(dataDirectory: dataDirectory, buildID: nil) { _ in compiled }
        guard case .compiled = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }

    @Test func theCacheDirectoryComesFromTheEnvironment() {
        #expect(TaggerDataCache.fromEnvironment(["ARTICLED_CACHE_DIR": "/c", "HOME": "/h"])?.directory.path == "/c")
        #expect(TaggerDataCache.fromEnvironment(["ARTICLED_CACHE_DIR": "off", "HOME": "/h"]) == nil)
        #expect(TaggerDataCache.fromEnvironment(["CACHE_DIRECTORY": "/var/cache/articled/1:/x"])?.directory.path == "/var/cache/articled/1")
        #expect(TaggerDataCache.fromEnvironment(["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.directory.path == "/x/articled")
        #expect(TaggerDataCache.fromEnvironment(["HOME": "/h"])?.directory.path == "/h/.cache/articled")
        #expect(TaggerDataCache.fromEnvironment([:]) == nil)
    }

    /// This test binary has a build ID (Swift links with one), found in /proc/self/exe's notes.
    @Test func theRunningExecutableHasABuildID() throws {
        let id = try #require(ExecutableBuildID.current())
        #expect(id.count >= 16)
        // A note of another type first, then the build ID.
        let notes: [UInt8] = [4, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0x47, 0x4E, 0x55, 0, 9, 9, 0, 0,
                              4, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, 0x47, 0x4E, 0x55, 0, 7, 8, 9, 0]
        #expect(ExecutableBuildID.buildID(inNotes: notes) == [7, 8, 9])
        #expect(ExecutableBuildID.buildID(inNotes: Array(notes.prefix(30))) == nil)
    }
}
