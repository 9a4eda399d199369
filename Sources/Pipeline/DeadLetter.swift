/// The kinds of failure that send a record to the dead-letter topic.
public enum DeadLetterClass: String, Sendable, Equatable, CaseIterable {
    /// Not UTF-8, not JSON, no text, wrong field types.
    case decode
    /// Larger than the configured maximum input size; never handed to a stage.
    case oversize
    /// A stage failed (after retries, when retriable).
    case stage
    /// The enriched record could not be produced to the output topic.
    case produce
    /// A stage did not return within `processing.article_timeout_ms`.
    case timeout
}

/// Why and from where a record was dead-lettered. The DLQ record carries the original key and
/// value bytes unchanged; this becomes its headers.
public struct DeadLetter: Sendable, Equatable {
    public let errorClass: DeadLetterClass
    public let stage: String?
    public let message: String
    public let position: SourcePosition
    public let firstFailureMilliseconds: Int64
    public let attempts: Int

    public init(
        errorClass: DeadLetterClass, stage: String? = nil, message: String, position: SourcePosition,
        firstFailureMilliseconds: Int64, attempts: Int = 1
    ) {
        self.errorClass = errorClass
        self.stage = stage
        self.message = message
        self.position = position
        self.firstFailureMilliseconds = firstFailureMilliseconds
        self.attempts = attempts
    }

    /// Header names, shared by the producer side and `dlq replay`.
    public enum Header {
        public static let errorClass = "articled.error.class"
        public static let stage = "articled.error.stage"
        public static let message = "articled.error.message"
        public static let topic = "articled.source.topic"
        public static let partition = "articled.source.partition"
        public static let offset = "articled.source.offset"
        public static let timestamp = "articled.source.timestamp"
        public static let firstFailure = "articled.first_failure_at"
        public static let attempts = "articled.attempts"
        /// Set when the dead-letter topic refused the original value (too large): its size and the
        /// refusal; the original stays at the source position in the input topic.
        public static let valueOmitted = "articled.error.value_omitted"
    }

    /// The headers as (name, UTF-8 value) pairs, in a fixed order.
    public var headers: [(String, String)] {
        var headers: [(String, String)] = [(Header.errorClass, errorClass.rawValue)]
        if let stage { headers.append((Header.stage, stage)) }
        headers.append((Header.message, String(message.prefix(1024))))
        headers.append((Header.topic, position.topic))
        headers.append((Header.partition, String(position.partition)))
        headers.append((Header.offset, String(position.offset)))
        if let timestamp = position.timestampMilliseconds {
            headers.append((Header.timestamp, Timestamp.rfc3339(milliseconds: timestamp)))
        }
        headers.append((Header.firstFailure, Timestamp.rfc3339(milliseconds: firstFailureMilliseconds)))
        headers.append((Header.attempts, String(attempts)))
        return headers
    }
}
