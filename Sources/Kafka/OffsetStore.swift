import CRdKafka
import Logging

/// `rd_kafka_offsets_store` for the consumer and its rebalance coordinator alike.
enum OffsetStore {
    /// Partitions no longer assigned fail with `_STATE`/`_UNKNOWN_PARTITION`: expected after a
    /// revoke (their new owner starts from the last commit), so not worth more than a debug line.
    static func store(_ offsets: [TopicPartition: Int64], handle: OpaquePointer, logger: Logger) {
        guard !offsets.isEmpty else { return }
        let err = TopicPartitionList.with(offsets.map { ($0.key, $0.value) }) { rd_kafka_offsets_store(handle, $0) }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__STATE && err != RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION {
            logger.debug("offset store partially failed", metadata: ["error": "\(KafkaError(err, operation: "store offsets"))"])
        }
    }
}
