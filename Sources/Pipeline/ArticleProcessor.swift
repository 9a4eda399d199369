import Logging

/// An enriched record ready for the output topic.
public struct Publication: Sendable {
    /// The article id, the record key (deterministic, so consumers can upsert).
    public let key: [UInt8]
    /// The enriched JSON.
    public let value: [UInt8]
    public let articleID: String
    /// A stage's routing decision; nil = the configured output topic.
    public let topic: String?
    /// `published_at` when it parses (for the article-age metric).
    public let publishedAtMilliseconds: Int64?
    /// Run once the broker has acknowledged the record.
    public let afterAcknowledgement: [@Sendable () -> Void]
}

/// What became of one input record after decoding and the stages.
public enum ProcessingOutcome: Sendable {
    /// Publish to the output topic.
    case publish(Publication)
    /// Publish nothing (a stage chose to drop the article); the input still counts as done.
    case drop(articleID: String, stage: String, reason: String, afterAcknowledgement: [@Sendable () -> Void])
    /// Send the original bytes to the dead-letter topic with these headers.
    case deadLetter(DeadLetter)
}

/// How often and how patiently a retriable stage failure is retried before the article is
/// dead-lettered. Retrying blocks the article's partition, which keeps its order.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var initialBackoffMilliseconds: Int
    public var maxBackoffMilliseconds: Int

    public init(maxAttempts: Int = 4, initialBackoffMilliseconds: Int = 100, maxBackoffMilliseconds: Int = 5_000) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoffMilliseconds = max(0, initialBackoffMilliseconds)
        self.maxBackoffMilliseconds = max(self.initialBackoffMilliseconds, maxBackoffMilliseconds)
    }

    /// Exponential: initial, 2×, 4× … capped at the maximum.
    public func backoffMilliseconds(afterAttempt attempt: Int) -> Int {
        let doublings = min(max(attempt - 1, 0), 30)
        return min(initialBackoffMilliseconds << doublings, maxBackoffMilliseconds)
    }
}

/// Turns one input record into its outcome: decode → stages in order → encode.
///
/// This is the whole per-article path, kept free of Kafka so `articled process` (stdin) and the
/// daemon share it byte for byte. It is a value with immutable parts, safe to call from several
/// workers at once.
public struct ArticleProcessor: Sendable {
    public let decoder: ArticleDecoder
    public let stages: [any Stage]
    public let encoder: EnrichedRecordEncoder
    public let retryPolicy: RetryPolicy
    public let logger: Logger
    public let observer: (any StageObserver)?

    public init(
        decoder: ArticleDecoder, stages: [any Stage], encoder: EnrichedRecordEncoder,
        retryPolicy: RetryPolicy = .init(), logger: Logger = Logger(label: "articled.pipeline"),
        observer: (any StageObserver)? = nil
    ) {
        self.decoder = decoder
        self.stages = stages
        self.encoder = encoder
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.observer = observer
    }

    /// The same pipeline stamping its records as part of a replay.
    public func replaying(_ stamp: EnrichedRecordEncoder.ReplayStamp) -> ArticleProcessor {
        var encoder = self.encoder
        encoder.replay = stamp
        return ArticleProcessor(decoder: decoder, stages: stages, encoder: encoder, retryPolicy: retryPolicy, logger: logger, observer: observer)
    }

    /// The same pipeline reporting to `observer`.
    public func observed(by observer: any StageObserver) -> ArticleProcessor {
        ArticleProcessor(decoder: decoder, stages: stages, encoder: encoder, retryPolicy: retryPolicy, logger: logger, observer: observer)
    }

    /// Processes the record, retrying retriable stage failures with backoff (an async sleep, so
    /// the worker's thread is free meanwhile) until the policy gives up.
    public func process(
        value: [UInt8]?, key: [UInt8]?, position: SourcePosition,
        now: @Sendable () -> Int64 = WallClock.milliseconds
    ) async -> ProcessingOutcome {
        var attempt = 1
        var firstFailure: Int64?
        while true {
            switch attemptOnce(value: value, key: key, position: position, attempt: attempt, now: now) {
            case .done(let outcome):
                return outcome
            case .failed(let failure):
                let failedAt = now()
                if firstFailure == nil { firstFailure = failedAt }
                guard failure.retriable, attempt < retryPolicy.maxAttempts else {
                    return .deadLetter(DeadLetter(
                        errorClass: .stage, stage: failure.stage, message: failure.message, position: position,
                        firstFailureMilliseconds: firstFailure ?? failedAt, attempts: attempt
                    ))
                }
                let backoff = retryPolicy.backoffMilliseconds(afterAttempt: attempt)
                logger.debug("retrying after stage failure", metadata: [
                    "stage": "\(failure.stage)", "attempt": "\(attempt)", "backoff_ms": "\(backoff)",
                ])
                try? await Task.sleep(for: .milliseconds(backoff))
                attempt += 1
            }
        }
    }

    private enum Attempt {
        case done(ProcessingOutcome)
        case failed(StageFailure)
    }

    private func attemptOnce(
        value: [UInt8]?, key: [UInt8]?, position: SourcePosition, attempt: Int, now: () -> Int64
    ) -> Attempt {
        let receivedAt = now()
        let raw: RawArticle
        do {
            raw = try decoder.decode(value: value, key: key)
        } catch {
            return .done(.deadLetter(DeadLetter(
                errorClass: error.deadLetterClass, message: error.description, position: position,
                firstFailureMilliseconds: receivedAt
            )))
        }
        var article = Article(raw: raw, position: position, receivedAtMilliseconds: receivedAt)
        let context = StageContext(position: position, attempt: attempt, logger: logger)
        for stage in stages {
            let started = ContinuousClock.now
            let outcome = stage.process(&article, context: context)
            if let observer {
                let elapsed = (ContinuousClock.now - started).components
                let kind: StageOutcomeKind = switch outcome {
                case .proceed: .proceed
                case .drop: .drop
                case .fail: .fail
                }
                observer.stageFinished(stage.name, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18, outcome: kind)
            }
            switch outcome {
            case .proceed:
                continue
            case .drop(let reason):
                return .done(.drop(articleID: raw.id, stage: stage.name, reason: reason,
                                   afterAcknowledgement: article.afterAcknowledgement))
            case .fail(let failure):
                return .failed(failure)
            }
        }
        let encoded = encoder.encode(article, processedAtMilliseconds: now())
        return .done(.publish(Publication(
            key: Array(raw.id.utf8), value: encoded, articleID: raw.id, topic: article.outputTopic,
            publishedAtMilliseconds: raw.publishedAt.flatMap(Timestamp.milliseconds(parsing:)),
            afterAcknowledgement: article.afterAcknowledgement
        )))
    }
}
