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
    /// The article cannot go on: retried when `retriable`, else sent to the dead-letter topic.
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

/// One step of the pipeline. Stages are CPU-bound and synchronous: the runner calls them on
/// worker tasks, several articles at once, so an implementation must be safe to call
/// concurrently (immutable, or guarding its own state).
public protocol Stage: Sendable {
    /// The key under which the stage's result appears in the enriched record.
    var name: String { get }
    /// Bumped whenever the stage's output can change for the same input; recorded per record so
    /// replays can tell which version produced what.
    var version: String { get }
    func process(_ article: inout Article) -> StageOutcome
}

/// An article on its way through the stages.
public struct Article: Sendable {
    public var raw: RawArticle
    public let position: SourcePosition?
    public let receivedAtMilliseconds: Int64
    /// The text later stages should read: the raw text until a cleaning stage replaces it.
    public var text: String
    public private(set) var results: [(stage: String, result: any StageResult)] = []

    public init(raw: RawArticle, position: SourcePosition?, receivedAtMilliseconds: Int64) {
        self.raw = raw
        self.position = position
        self.receivedAtMilliseconds = receivedAtMilliseconds
        self.text = raw.text
    }

    public mutating func record(_ result: any StageResult, for stage: String) {
        results.append((stage, result))
    }

    public func result<R: StageResult>(of stage: String, as type: R.Type) -> R? {
        results.last { $0.stage == stage }?.result as? R
    }
}
