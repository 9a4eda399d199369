import CRdKafka

/// Conversions between Swift values and `rd_kafka_topic_partition_list_t`, whose lifetime is
/// always scoped to one call here.
enum TopicPartitionList {
    /// Builds a list (with offsets when given), passes it to `body`, then destroys it.
    static func with<R>(
        _ entries: [(TopicPartition, Int64?)], _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> R
    ) -> R {
        // Allocation only; librdkafka aborts on out-of-memory rather than returning NULL.
        let list = rd_kafka_topic_partition_list_new(Int32(max(entries.count, 1)))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (topicPartition, offset) in entries {
            let element = rd_kafka_topic_partition_list_add(list, topicPartition.topic, topicPartition.partition)
            if let offset { element?.pointee.offset = offset }
        }
        return body(list)
    }

    static func with<R>(
        _ partitions: [TopicPartition], _ body: (UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> R
    ) -> R {
        with(partitions.map { ($0, nil) }, body)
    }

    static func partitions(in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartition] {
        entries(in: list).map(\.0)
    }

    static func entries(in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> [(TopicPartition, Int64, rd_kafka_resp_err_t)] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            let topic = element.topic.map { String(cString: $0) } ?? ""
            return (TopicPartition(topic: topic, partition: element.partition), element.offset, element.err)
        }
    }
}
