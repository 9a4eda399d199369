import Pipeline
import Synchronization

/// The `dedupe` stage: marks (or drops) exact and near-duplicate articles, pointing every copy at
/// the first one seen.
///
/// A fingerprint enters the in-memory index when it is judged (`DedupeIndex.checkAndInsert`), so
/// a copy right behind its original is found; it is written to the changelog only after the
/// article's output is acknowledged (an `onAcknowledged` hook), so nothing unacknowledged
/// survives a crash. A re-delivered or replayed id is recognised as itself. State is bounded by
/// `ttl_hours` and `max_entries`. With `changelog_topic` set (the default), every inserted entry is
/// also written to that compacted topic and the daemon replays it into every instance's index at
/// start and while running: state survives restarts and rebalances, and copies arriving on
/// partitions owned by another instance are still found.
public struct DedupeStage: ChangelogBackedStage, StageStateReporting {
    public let name = "dedupe"
    public let version = "1"
    public var isStateful: Bool { true }
    public let changelogTopic: String?
    let index: DedupeIndex
    private let sink = SinkSlot()

    /// Keys under `stages.dedupe`.
    public static let parameterKeys: Set<String> = ["threshold", "shingle_size", "ttl_hours", "max_entries",
                                                    "duplicate_action", "near_duplicate_action", "changelog_topic", "restore"]
    /// `restore: block` (default) or `unknown` (process while restoring, status `unknown`).
    public let blocksWhileRestoring: Bool
    private let restoring = RestoreFlag()

    public init(parameters: any StageParameters) throws {
        var configuration = DedupeConfiguration()
        configuration.threshold = try parameters.double("threshold", default: configuration.threshold, in: 0.1...1)
        configuration.shingleSize = try parameters.int("shingle_size", default: configuration.shingleSize, in: 1...16)
        configuration.ttlMilliseconds = Int64(try parameters.int("ttl_hours", default: 72, in: 1...24 * 365)) * 3_600_000
        configuration.maxEntries = try parameters.int("max_entries", default: configuration.maxEntries, in: 1...100_000_000)
        configuration.actionForDuplicate = try Self.action(parameters, "duplicate_action")
        configuration.actionForNearDuplicate = try Self.action(parameters, "near_duplicate_action")
        let topic = try parameters.string("changelog_topic", default: "articles.dedupe-state")
        let restore = try parameters.string("restore", default: "block")
        guard restore == "block" || restore == "unknown" else {
            throw StageParameterError(key: "stages.dedupe.restore", expected: "block or unknown, got \"\(restore)\"")
        }
        self.init(index: DedupeIndex(configuration: configuration), changelogTopic: topic.isEmpty || topic == "off" ? nil : topic,
                  blocksWhileRestoring: restore == "block")
    }

    public init(index: DedupeIndex, changelogTopic: String? = nil, blocksWhileRestoring: Bool = true) {
        self.index = index
        self.changelogTopic = changelogTopic
        self.blocksWhileRestoring = blocksWhileRestoring
    }

    public func setRestoring(_ restoring: Bool) {
        self.restoring.set(restoring)
    }

    public var stateEntries: Int { index.count }
    public var stateBytes: Int { index.memoryBytesEstimate }

    public func attachChangelog(_ sink: ChangelogSink) {
        self.sink.set(sink)
    }

    public func restore(key: [UInt8], value: [UInt8]?) {
        guard let value else { return }
        // Entries of another fingerprint scheme restore for id and URL matching only; bytes that
        // do not decode are skipped.
        _ = try? index.restore(encoded: value)
    }

    private static func action(_ parameters: any StageParameters, _ key: String) throws(StageParameterError) -> DedupeAction {
        let value = try parameters.string(key, default: "mark")
        switch value {
        case "mark": return .mark
        case "drop": return .drop
        case _ where value.hasPrefix("route:") && value.count > "route:".count:
            return .route(topic: String(value.dropFirst("route:".count)))
        default:
            throw StageParameterError(key: "stages.dedupe.\(key)", expected: "mark, drop or route:<topic>, got \"\(value)\"")
        }
    }

    public func process(_ article: inout Article, context: StageContext) -> StageOutcome {
        let fingerprint = index.fingerprinter.fingerprint(id: article.raw.id, url: article.raw.url, text: article.text)
        let firstSeen = context.position?.timestampMilliseconds ?? article.receivedAtMilliseconds
        // While the changelog is still loading (restore: unknown), a "unique" would be a guess.
        let (verdict, entry) = index.checkAndInsert(fingerprint, firstSeenMilliseconds: firstSeen, judge: !restoring.get())
        article.record(DedupeOutput(verdict: verdict), for: name)
        if let entry {
            let sinkSlot = self.sink
            let id = article.raw.id
            article.onAcknowledged {
                // The sink is looked up only when there is something to write, not per article.
                if let sink = sinkSlot.get() { sink.append(key: Array(id.utf8), value: entry.encoded()) }
            }
        }
        guard verdict.status != .unique, verdict.status != .unknown else { return .proceed }
        switch index.configuration.action(for: verdict.status) {
        case .mark:
            return .proceed
        case .drop:
            return .drop(reason: "\(verdict.status.rawValue) of \(verdict.of ?? "?")")
        case .route(let topic):
            article.outputTopic = topic
            return .proceed
        }
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

private final class RestoreFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set(_ restoring: Bool) { value.store(restoring, ordering: .relaxed) }
    func get() -> Bool { value.load(ordering: .relaxed) }
}
