import CRdKafka

/// Explicit positioning, for replays and offset resets: assignment without group rebalancing,
/// watermarks, offsets for a timestamp, explicit commits and the group's live members.
extension KafkaConsumer {
    /// Consumes exactly these partitions from these offsets (no subscription, no rebalances).
    public func assign(_ offsets: [TopicPartition: Int64]) throws(KafkaError) {
        let err = TopicPartitionList.with(offsets.map { ($0.key, $0.value) }) { rd_kafka_assign(handle.pointer, $0) }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "assign") }
        coordinator.setAssignment(Array(offsets.keys))
    }

    /// Low (first) and high (next to be written) offsets, asked from the broker.
    public func watermarks(_ partition: TopicPartition, timeout: Duration = .seconds(10)) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_query_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high,
                                                   Int32(clamping: timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "watermarks of \(partition)") }
        return (low, high)
    }

    /// Per partition, the first offset whose timestamp is ≥ `milliseconds`; nil where there is none
    /// (every record is older).
    public func offsets(forTimestamp milliseconds: Int64, partitions: [TopicPartition],
                        timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicPartition: Int64?] {
        var result: [TopicPartition: Int64?] = [:]
        let err = TopicPartitionList.with(partitions.map { ($0, milliseconds) }) { list in
            let err = rd_kafka_offsets_for_times(handle.pointer, list, Int32(clamping: timeout.milliseconds))
            for (partition, offset, _) in TopicPartitionList.entries(in: list) { result[partition] = offset >= 0 ? offset : nil }
            return err
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "offsets for time") }
        return result
    }

    /// Commits exactly these offsets for the group, synchronously.
    public func commit(_ offsets: [TopicPartition: Int64]) throws(KafkaError) {
        let err = TopicPartitionList.with(offsets.map { ($0.key, $0.value) }) { rd_kafka_commit(handle.pointer, $0, 0) }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "commit offsets") }
    }

    /// Number of live members of `group`: 0 only when the broker describes it as empty (or dead,
    /// i.e. never used). A group that is rebalancing counts as live even if it reports no members
    /// yet, and a group missing from the answer is an error: callers refuse when unsure.
    public func memberCount(ofGroup group: String, timeout: Duration = .seconds(10)) throws(KafkaError) -> Int {
        var list: UnsafePointer<rd_kafka_group_list>?
        let err = rd_kafka_list_groups(handle.pointer, group, &list, Int32(clamping: timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(err, operation: "describe group \(group)") }
        defer { rd_kafka_group_list_destroy(list) }
        for index in 0..<Int(list.pointee.group_cnt) {
            guard let info = list.pointee.groups?[index], let name = info.group, String(cString: name) == group else { continue }
            guard info.err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(info.err, operation: "describe group \(group)") }
            let state = info.state.map { String(cString: $0) } ?? ""
            let idle = ["", "Empty", "Dead"].contains(state)
            return max(Int(info.member_cnt), idle ? 0 : 1)
        }
        throw KafkaError(RD_KAFKA_RESP_ERR__PARTIAL, operation: "describe group \(group): not in the broker's answer")
    }

    /// Partition count of `topic` from a metadata request.
    public func partitionCount(of topic: String, timeout: Duration = .seconds(10)) throws(KafkaError) -> Int {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, Int32(clamping: timeout.milliseconds))
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(err, operation: "metadata request") }
        defer { rd_kafka_metadata_destroy(metadata) }
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            guard let entry = metadata.pointee.topics?[index], let name = entry.topic, String(cString: name) == topic else { continue }
            guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(entry.err, operation: "metadata of \(topic)") }
            return Int(entry.partition_cnt)
        }
        throw KafkaError(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, operation: "metadata of \(topic)")
    }
}
