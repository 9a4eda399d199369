import Logging

/// A stage's contribution to the enriched record, written under the stage's own key.
public protocol StageResult: Sendable {
    func write(to writer: inout JSONWriter)
}

/// What a stage decided for one article.
public enum StageOutcome: Sendable {
    /// Continue with the next stage.
    case proceed
    /// Publish nothing for this article (e.g. a dropped duplicate); its offset still counts as done.
    case drop(reason: String)
    /// The article cannot go on: retried with backoff when `retriable`, else (or once retries are
    /// spent) sent to the dead-letter topic.
    case fail(StageFailure)
}

public struct StageFailure: Error, Sendable, CustomStringConvertible {
    public let stage: String
    public let message: String
    public let retriable: Bool

    public init(stage: String, message: String, retriable: Bool) {
        self.stage = stage
        self.message = message
        self.retriable = retriable
    }

    public var description: String { "stage \(stage): \(message)\(retriable ? " (retriable)" : "")" }
}

/// What a stage may know about the call it is in, besides the article.
public struct StageContext: Sendable {
    /// Where the article came from; nil for `articled process` input.
    public let position: SourcePosition?
    /// 1 on the first try, higher when a retriable failure is being retried.
    public let attempt: Int
    public let logger: Logger

    public init(position: SourcePosition?, attempt: Int, logger: Logger) {
        self.position = position
        self.attempt = attempt
        self.logger = logger
    }
}

/// A partition of the input, as stages see it (no Kafka types in stages).
public struct InputPartition: Hashable, Sendable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }
    public var description: String { "\(topic)[\(partition)]" }
}

/// One step of the pipeline.
///
/// `process` is synchronous and CPU-bound: the runner calls it from worker tasks, several articles
/// at once (never two of the same partition at once), so an implementation must be safe to call
/// concurrently: immutable, or guarding its own state.
///
/// Stateful stages (dedupe) use the lifecycle hooks; all have defaults that do nothing.
public protocol Stage: Sendable {
    /// The key under which the stage's result appears in the enriched record.
    var name: String { get }
    /// Bumped whenever the stage's output can change for the same input; recorded per record so
    /// replays can tell which version produced what.
    var version: String { get }

    func process(_ article: inout Article, context: StageContext) -> StageOutcome

    /// True when the stage holds state that a rebuild would lose (dedupe's index, cleaning's
    /// learned furniture): a SIGHUP reload then keeps the running instance, and its parameter
    /// changes apply at the next restart.
    var isStateful: Bool { get }

    /// Before the first article (load models, restore state). Throwing stops the daemon.
    func start(logger: Logger) async throws
    /// On the consumer's poll thread, before records of these partitions are processed; may block
    /// (bounded) to restore per-partition state.
    func partitionsAssigned(_ partitions: [InputPartition])
    /// After in-flight work of these partitions was drained, before they are released.
    func partitionsRevoked(_ partitions: [InputPartition])
    /// After the last article, before the process exits.
    func stop() async
}

extension Stage {
    public var isStateful: Bool { false }
    public func start(logger: Logger) async throws {}
    public func partitionsAssigned(_ partitions: [InputPartition]) {}
    public func partitionsRevoked(_ partitions: [InputPartition]) {}
    public func stop() async {}
}

/// An article on its way through the stages.
public struct Article: Sendable {
    public var raw: RawArticle
    public let position: SourcePosition?
    public let receivedAtMilliseconds: Int64
    /// The text later stages should read: the raw text until a cleaning stage replaces it.
    public var text: String
    /// Language code when a stage (or the input) determined it; later stages choose resources by it.
    public var language: String?
    /// Set by a stage to publish this article to another topic than the configured output
    /// (e.g. dedupe's `route` action); nil = the output topic.
    public var outputTopic: String?
    public private(set) var results: [(stage: String, result: any StageResult)] = []
    /// Work to run once the article's output is acknowledged by the broker (or it was dropped):
    /// e.g. dedupe records a fingerprint only then, so a crash before the ack cannot make the
    /// re-delivered article a "duplicate of itself".
    public private(set) var afterAcknowledgement: [@Sendable () -> Void] = []

    public init(raw: RawArticle, position: SourcePosition?, receivedAtMilliseconds: Int64) {
        self.raw = raw
        self.position = position
        self.receivedAtMilliseconds = receivedAtMilliseconds
        self.text = raw.text
        self.language = raw.language
    }

    public mutating func record(_ result: any StageResult, for stage: String) {
        results.append((stage, result))
    }

    public func result<R: StageResult>(of stage: String, as type: R.Type) -> R? {
        results.last { $0.stage == stage }?.result as? R
    }

    public mutating func onAcknowledged(_ action: @escaping @Sendable () -> Void) {
        afterAcknowledgement.append(action)
    }
}
