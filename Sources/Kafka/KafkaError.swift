import CRdKafka

/// An error from librdkafka or from this wrapper, with enough context to decide what to do:
/// retry (`isRetriable`), restart the process (`isFatal`), or report (`code`, `message`).
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// librdkafka's `rd_kafka_resp_err_t` value (negative for local errors, positive for broker errors).
    public let code: Int32
    /// librdkafka's name for the code, e.g. `_TRANSPORT` or `NOT_LEADER_FOR_PARTITION`.
    public let name: String
    public let message: String
    /// What the wrapper was doing when the error happened, e.g. `"subscribe"`.
    public let operation: String
    public let isFatal: Bool
    public let isRetriable: Bool
    /// A transactional call failed in a way that leaves the open transaction unusable: abort it.
    public let transactionRequiresAbort: Bool

    public init(code: Int32, name: String, message: String, operation: String, isFatal: Bool, isRetriable: Bool,
                transactionRequiresAbort: Bool = false) {
        self.code = code
        self.name = name
        self.message = message
        self.operation = operation
        self.isFatal = isFatal
        self.isRetriable = isRetriable
        self.transactionRequiresAbort = transactionRequiresAbort
    }

    public var description: String {
        var text = "\(operation): \(message) [\(name) (\(code))]"
        if isFatal { text += " fatal" }
        if isRetriable { text += " retriable" }
        if transactionRequiresAbort { text += " abort-transaction" }
        return text
    }

    /// An error raised by the wrapper itself (bad configuration, wrong state), not by librdkafka.
    public static func local(_ operation: String, _ message: String) -> KafkaError {
        KafkaError(code: -1, name: "articled", message: message, operation: operation, isFatal: false, isRetriable: false)
    }

    init(_ err: rd_kafka_resp_err_t, operation: String, message: String? = nil) {
        self.init(
            code: err.rawValue,
            name: String(cString: rd_kafka_err2name(err)),
            message: message ?? String(cString: rd_kafka_err2str(err)),
            operation: operation,
            isFatal: err == RD_KAFKA_RESP_ERR__FATAL,
            isRetriable: Self.retriableCodes.contains(err)
        )
    }

    /// Takes ownership of an `rd_kafka_error_t` (newer APIs) and destroys it.
    init(consuming error: OpaquePointer, operation: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: rd_kafka_error_code(error).rawValue,
            name: String(cString: rd_kafka_error_name(error)),
            message: String(cString: rd_kafka_error_string(error)),
            operation: operation,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            transactionRequiresAbort: rd_kafka_error_txn_requires_abort(error) != 0
        )
    }

    /// The broker (or librdkafka's own size check) will never take this message as it is: sending
    /// it again cannot help, so the caller must change what it sends.
    public var rejectsMessage: Bool {
        Self.messageRejectionCodes.contains(rd_kafka_resp_err_t(rawValue: code))
    }

    private static let messageRejectionCodes: Set<rd_kafka_resp_err_t> = [
        RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE,
        RD_KAFKA_RESP_ERR_INVALID_RECORD,
    ]

    private static let retriableCodes: Set<rd_kafka_resp_err_t> = [
        RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT,
        RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
        RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
    ]
}
