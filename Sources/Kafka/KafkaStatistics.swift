import Foundation

/// The parts of librdkafka's statistics an operator alerts on: per-broker round-trip time and
/// request queues, and the client's message queue. Refreshed every `statistics.interval.ms`
/// (5 s by default here); parsed off the hot path, on the thread that polls.
public struct KafkaStatistics: Sendable, Equatable {
    public struct Broker: Sendable, Equatable {
        public let name: String
        /// Average request round trip over the last interval, seconds.
        public let roundTripSeconds: Double
        /// Requests waiting to be sent / awaiting a response.
        public let outboundQueue: Int
        public let waitingResponses: Int
    }

    public var brokers: [Broker] = []
    /// Messages in the client's queues (producer: awaiting delivery).
    public var messageCount: Int = 0
    /// Bytes of those messages (`msg_size`): the producer's share of the process's memory.
    public var messageBytes: Int = 0
    /// Bytes fetched and waiting to be consumed, summed over partitions (`fetchq_size`): the
    /// consumer's prefetch, bounded by `queued.max.messages.kbytes`.
    public var fetchQueueBytes: Int = 0

    public init() {}

    init?(json: [UInt8]) {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] else { return nil }
        messageCount = root["msg_cnt"] as? Int ?? 0
        messageBytes = root["msg_size"] as? Int ?? 0
        for topic in (root["topics"] as? [String: Any] ?? [:]).values {
            for partition in ((topic as? [String: Any])?["partitions"] as? [String: Any] ?? [:]).values {
                fetchQueueBytes += (partition as? [String: Any])?["fetchq_size"] as? Int ?? 0
            }
        }
        for (name, value) in root["brokers"] as? [String: Any] ?? [:] {
            guard let broker = value as? [String: Any], (broker["nodeid"] as? Int ?? -1) >= 0 else { continue }
            let rtt = (broker["rtt"] as? [String: Any])?["avg"] as? Int ?? 0
            brokers.append(Broker(name: name, roundTripSeconds: Double(rtt) / 1_000_000,
                                  outboundQueue: broker["outbuf_cnt"] as? Int ?? 0,
                                  waitingResponses: broker["waitresp_cnt"] as? Int ?? 0))
        }
        brokers.sort { $0.name < $1.name }
    }
}
