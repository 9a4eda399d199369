import CRdKafka

/// Kafka transactions (KIP-98, with KIP-447's consumer-group fencing): outputs and the input
/// offsets they were made from become visible together, or not at all.
///
/// Every call blocks until the broker answers (up to `timeout`): call them from a dedicated
/// thread, never from a Swift task. Errors carry `isRetriable` (call again),
/// `transactionRequiresAbort` (abort, then start over from the last committed offsets) and
/// `isFatal` (the producer is unusable: exit and let the supervisor restart).
extension KafkaProducer {
    /// Registers the transactional id with the coordinator; fences a previous producer with the
    /// same id and aborts the transaction it left open. Once per producer, before anything else.
    public func initTransactions(timeout: Duration) throws(KafkaError) {
        if let error = rd_kafka_init_transactions(handle.pointer, Self.milliseconds(timeout)) {
            throw KafkaError(consuming: error, operation: "init transactions")
        }
    }

    public func beginTransaction() throws(KafkaError) {
        if let error = rd_kafka_begin_transaction(handle.pointer) {
            throw KafkaError(consuming: error, operation: "begin transaction")
        }
    }

    /// Adds the consumer group's next offsets (`offsets`) to the open transaction. The consumer's
    /// group metadata (generation, member id) lets the coordinator refuse a zombie member.
    public func sendOffsetsToTransaction(
        _ offsets: [TopicPartition: Int64], consumer: KafkaConsumer, timeout: Duration
    ) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        guard let metadata = rd_kafka_consumer_group_metadata(consumer.handle.pointer) else {
            throw KafkaError.local("send offsets to transaction", "the consumer has no group metadata")
        }
        defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
        let error = TopicPartitionList.with(offsets.map { ($0.key, $0.value) }) { list in
            rd_kafka_send_offsets_to_transaction(handle.pointer, list, metadata, Self.milliseconds(timeout))
        }
        if let error { throw KafkaError(consuming: error, operation: "send offsets to transaction") }
    }

    /// Flushes every message of the transaction, then commits it with its offsets.
    public func commitTransaction(timeout: Duration) throws(KafkaError) {
        if let error = rd_kafka_commit_transaction(handle.pointer, Self.milliseconds(timeout)) {
            throw KafkaError(consuming: error, operation: "commit transaction")
        }
    }

    /// Drops the open transaction: its messages are never shown to `read_committed` readers.
    public func abortTransaction(timeout: Duration) throws(KafkaError) {
        if let error = rd_kafka_abort_transaction(handle.pointer, Self.milliseconds(timeout)) {
            throw KafkaError(consuming: error, operation: "abort transaction")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.milliseconds)
    }
}
