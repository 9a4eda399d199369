import Pipeline
import Synchronization

/// The `dedupe` stage: marks (or drops) exact and near-duplicate articles, pointing every copy at
/// the first one seen.
///
/// Fingerprints enter the index only after the article's output is acknowledged (an
/// `onAcknowledged` hook), so a crash before the ack cannot make the re-delivered article a
/// "duplicate of itself"; a replayed id is recognised as itself. State is bounded by `ttl_hours`
/// and `max_entries`. With `changelog_topic` set (the default), every inserted entry is also
/// written to that compacted topic and the daemon replays it into every instance's index at start
/// and while running: state survives restarts and rebalances, and copies arriving on partitions
/// owned by another instance are still found.
public struct DedupeStage: ChangelogBackedStage, StageStateReporting {
    public let name = "dedupe"
    public let version = "1"
    public var isStateful: Bool { true }
    public let changelogTopic: String?
    let index: DedupeIndex
    private let sink = SinkSlot()

    /// Keys under `stages.dedupe`.
    public static let parameterKeys: Set<String> = ["threshold", "shingle_size", "ttl_hours", "max_entries",
                                                    "duplicate_action", "near_duplicate_action", "changelog_topic"]

    public init(parameters: any StageParameters) throws {
        var configuration = DedupeConfiguration()
        configuration.threshold = try parameters.double("threshold", default: configuration.threshold, in: 0.1...1)
        configuration.shingleSize = try parameters.int("shingle_size", default: configuration.shingleSize, in: 1...16)
        configuration.ttlMilliseconds = Int64(try parameters.int("ttl_hours", default: 72, in: 1...24 * 365)) * 3_600_000
        configuration.maxEntries = try parameters.int("max_entries", default: configuration.maxEntries, in: 1...100_000_000)
        configuration.actionForDuplicate = try Self.action(parameters, "duplicate_action")
        configuration.actionForNearDuplicate = try Self.action(parameters, "near_duplicate_action")
        let topic = try parameters.string("changelog_topic", default: "articles.dedupe-state")
        self.init(index: DedupeIndex(configuration: configuration), changelogTopic: topic.isEmpty || topic == "off" ? nil : topic)
    }

    public init(index: DedupeIndex, changelogTopic: String? = nil) {
        self.index = index
        self.changelogTopic = changelogTopic
    }

    public var stateEntries: Int { index.count }
    public var stateBytes: Int { index.memoryBytesEstimate }

    public func attachChangelog(_ sink: ChangelogSink) {
        self.sink.set(sink)
    }

    public func restore(key: [UInt8], value: [UInt8]?) {
        guard let value else { return }
        _ = try? index.restore(encoded: value)  // entries of another shingle scheme are skipped
    }

    private static func action(_ parameters: any StageParameters, _ key: String) throws(StageParameterError) -> DedupeAction {
        switch try parameters.string(key, default: "mark") {
        case "mark": return .mark
        case "drop": return .drop
        case let other: throw StageParameterError(key: "stages.dedupe.\(key)", expected: "mark or drop, got \"\(other)\"")
        }
    }

    public func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        let fingerprint = index.fingerprinter.fingerprint(id: article.raw.id, url: article.raw.url, text: article.text)
        let verdict = index.check(fingerprint)
        article.record(DedupeOutput(verdict: verdict), for: name)
        let firstSeen = context.position?.timestampMilliseconds ?? article.receivedAtMilliseconds
        let index = self.index
        let sink = self.sink.get()
        let id = article.raw.id
        article.onAcknowledged {
            if let entry = index.insert(fingerprint, firstSeenMilliseconds: firstSeen, verdict: verdict) {
                sink?.append(key: Array(id.utf8), value: entry.encoded())
            }
        }
        if case .drop = index.configuration.action(for: verdict.status), verdict.status != .unique {
            return .drop(reason: "\(verdict.status.rawValue) of \(verdict.of ?? "?")")
        }
        return .proceed
    }
}

/// `dedupe` in the enriched record.
struct DedupeOutput: StageResult {
    let verdict: DedupeVerdict

    func write(to writer: inout JSONWriter) {
        writer.object { json in
            json.field("status", verdict.status.rawValue)
            json.field("of", verdict.of)
            json.field("similarity", (verdict.similarity * 1000).rounded() / 1000)
            json.field("method", verdict.method?.rawValue)
            json.field("seen_before", verdict.seenBefore)
        }
    }
}

/// The changelog sink, attached once by the daemon after the stage is built.
private final class SinkSlot: Sendable {
    private let value = Mutex<ChangelogSink?>(nil)
    func set(_ sink: ChangelogSink) { value.withLock { $0 = sink } }
    func get() -> ChangelogSink? { value.withLock { $0 } }
}
