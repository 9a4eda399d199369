import CRdKafka
import Logging

/// The outcome of one produced message, identified by the token given to `send`.
public struct DeliveryReport: Sendable {
    public let token: UInt64
    public let partition: Int32?
    public let offset: Int64?
    /// nil when the broker acknowledged the message.
    public let error: KafkaError?
}

/// An idempotent producer whose delivery reports arrive on a dedicated poll thread.
///
/// Each message carries a caller-chosen 64-bit token (stored as librdkafka's per-message opaque,
/// so no allocation per message); `onDelivery` receives it back exactly once per accepted message.
public final class KafkaProducer: Sendable {
    let handle: KafkaHandle
    private let pollThread: PollThread
    private let logger: Logger

    public init(
        configuration: KafkaProducerConfiguration, logger: Logger,
        onDelivery: @escaping @Sendable (DeliveryReport) -> Void
    ) throws(KafkaError) {
        try LibrdkafkaVersion.check()
        let context = CallbackContext(logger: logger, onDelivery: onDelivery)
        let handle = try KafkaHandle(
            kind: RD_KAFKA_PRODUCER, properties: configuration.librdkafkaProperties, context: context
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, kafkaDeliveryCallback)
        }
        self.handle = handle
        self.logger = logger
        self.pollThread = PollThread(name: "kafka-producer") {
            _ = rd_kafka_poll(handle.pointer, 100)
        }
    }

    public var fatalError: KafkaError? { handle.fatalError }
    /// librdkafka's latest statistics (broker round trips, queues).
    public var statistics: KafkaStatistics { handle.context.statistics }

    /// Enqueues one message. Throws `_QUEUE_FULL` (retriable) when librdkafka's local queue is
    /// full; `send(…)` below waits and retries instead.
    public func trySend(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = [], token: UInt64) throws(KafkaError) {
        let cHeaders: OpaquePointer? = headers.isEmpty ? nil : Self.makeHeaders(headers)
        let opaque = UnsafeMutableRawPointer(bitPattern: UInt(token))
        let err: rd_kafka_resp_err_t = value.withUnsafeBytes { valueBytes in
            if let key {
                return key.withUnsafeBytes { keyBytes in
                    articled_produce(handle.pointer, topic, keyBytes.baseAddress, keyBytes.count,
                                     valueBytes.baseAddress, valueBytes.count, cHeaders, opaque)
                }
            }
            return articled_produce(handle.pointer, topic, nil, 0, valueBytes.baseAddress, valueBytes.count, cHeaders, opaque)
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            if let cHeaders { rd_kafka_headers_destroy(cHeaders) }
            throw KafkaError(err, operation: "produce to \(topic)")
        }
    }

    /// Enqueues one message, waiting while the local queue is full.
    public func send(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = [], token: UInt64) async throws(KafkaError) {
        while true {
            do {
                try trySend(topic: topic, key: key, value: value, headers: headers, token: token)
                return
            } catch where error.code == RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue {
                // After a fatal error the queue never drains: fail instead of waiting forever.
                if let fatal = handle.fatalError { throw fatal }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// Waits until every queued message is delivered or failed; true when the queue is empty.
    public func flush(timeout: Duration) -> Bool {
        rd_kafka_flush(handle.pointer, Int32(clamping: timeout.milliseconds)) == RD_KAFKA_RESP_ERR_NO_ERROR
    }

    /// Messages still waiting for a delivery report.
    public var outstanding: Int { Int(rd_kafka_outq_len(handle.pointer)) }

    /// Flushes and stops the delivery-report thread.
    public func shutdown(timeout: Duration = .seconds(30)) async {
        if !flush(timeout: timeout) {
            logger.error("producer flush timed out", metadata: ["outstanding": "\(outstanding)"])
        }
        await pollThread.stop()
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            if let value = header.value {
                _ = value.withUnsafeBytes { rd_kafka_header_add(list, header.name, -1, $0.baseAddress, $0.count) }
            } else {
                _ = rd_kafka_header_add(list, header.name, -1, nil, 0)
            }
        }
        return list
    }
}

extension KafkaProducer {
    /// Topics the cluster knows, with their partition counts (a metadata request): how
    /// `check-config --connect` proves the brokers answer and the topics exist.
    public func topicPartitionCounts(timeout: Duration = .seconds(10)) throws(KafkaError) -> [String: Int] {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, Int32(clamping: timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(err, operation: "metadata request") }
        defer { rd_kafka_metadata_destroy(metadata) }
        var counts: [String: Int] = [:]
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            guard let topic = metadata.pointee.topics?[index], let name = topic.topic else { continue }
            if topic.err == RD_KAFKA_RESP_ERR_NO_ERROR { counts[String(cString: name)] = Int(topic.partition_cnt) }
        }
        return counts
    }
}
