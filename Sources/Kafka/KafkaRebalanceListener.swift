/// Told about partition ownership changes, on the consumer's poll thread, *before* librdkafka
/// assigns or releases the partitions.
///
/// `partitionsRevoked` is where an at-least-once application finishes (or gives up on) in-flight
/// work for those partitions and returns the offsets that are done (next offset to consume): the
/// consumer stores them, commits synchronously and only then releases the partitions. It may
/// block for a bounded time; the poll thread is dedicated, so no Swift task is starved meanwhile.
public protocol KafkaRebalanceListener: Sendable {
    func partitionsAssigned(_ partitions: [TopicPartition])
    func partitionsRevoked(_ partitions: [TopicPartition]) -> [TopicPartition: Int64]
    /// The group moved on without us (session timed out): nothing can be committed for these.
    func partitionsLost(_ partitions: [TopicPartition])
}
