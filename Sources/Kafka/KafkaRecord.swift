import CRdKafka

/// One partition of one topic.
public struct TopicPartition: Hashable, Sendable, CustomStringConvertible {
    public let topic: String
    public let partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A message header. Values are raw bytes; Kafka does not require UTF-8.
public struct KafkaHeader: Sendable, Equatable {
    public let name: String
    public let value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }
}

/// A consumed message, copied out of librdkafka's buffer so it can cross threads and outlive it.
public struct KafkaRecord: Sendable {
    public let topicPartition: TopicPartition
    public let offset: Int64
    /// Milliseconds since the epoch (create or log-append time), nil when the broker sent none.
    public let timestampMilliseconds: Int64?
    public let key: [UInt8]?
    public let value: [UInt8]?
    public let headers: [KafkaHeader]

    public init(
        topicPartition: TopicPartition, offset: Int64, timestampMilliseconds: Int64?,
        key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = []
    ) {
        self.topicPartition = topicPartition
        self.offset = offset
        self.timestampMilliseconds = timestampMilliseconds
        self.key = key
        self.value = value
        self.headers = headers
    }
}

/// librdkafka's logical offsets, for `KafkaConsumer.assign`.
public enum KafkaOffset {
    public static let beginning = Int64(articled_offset_beginning)
    public static let end = Int64(articled_offset_end)
}
