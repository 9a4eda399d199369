/// What became of one input record after decoding and the stages.
public enum ProcessingOutcome: Sendable {
    /// Publish `value` (the enriched JSON) to the output topic under `key` (the article id).
    case publish(key: [UInt8], value: [UInt8], articleID: String)
    /// Publish nothing (a stage chose to drop the article); the input still counts as done.
    case drop(articleID: String, stage: String, reason: String)
    /// Send the original bytes to the dead-letter topic with these headers.
    case deadLetter(DeadLetter)
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

    public init(decoder: ArticleDecoder, stages: [any Stage], encoder: EnrichedRecordEncoder) {
        self.decoder = decoder
        self.stages = stages
        self.encoder = encoder
    }

    public func process(
        value: [UInt8]?, key: [UInt8]?, position: SourcePosition,
        now: () -> Int64 = WallClock.milliseconds
    ) -> ProcessingOutcome {
        let receivedAt = now()
        let raw: RawArticle
        do {
            raw = try decoder.decode(value: value, key: key)
        } catch {
            return .deadLetter(DeadLetter(
                errorClass: error.deadLetterClass, message: error.description, position: position,
                firstFailureMilliseconds: receivedAt
            ))
        }
        var article = Article(raw: raw, position: position, receivedAtMilliseconds: receivedAt)
        for stage in stages {
            switch stage.process(&article) {
            case .proceed:
                continue
            case .drop(let reason):
                return .drop(articleID: raw.id, stage: stage.name, reason: reason)
            case .fail(let failure):
                return .deadLetter(DeadLetter(
                    errorClass: .stage, stage: failure.stage, message: failure.message, position: position,
                    firstFailureMilliseconds: now()
                ))
            }
        }
        let encoded = encoder.encode(article, processedAtMilliseconds: now())
        return .publish(key: Array(raw.id.utf8), value: encoded, articleID: raw.id)
    }
}
