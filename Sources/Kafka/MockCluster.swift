import CRdKafka

/// librdkafka's in-process mock cluster: real TCP brokers in this process, with knobs real
/// brokers lack (take a broker down, move a leader, fail the next N requests of a kind). For the
/// fault-injection tests and drills only: the daemon connects to `bootstrapServers` like to any
/// cluster. Everything else is tested against a real broker.
public final class MockCluster: @unchecked Sendable {
    // @unchecked: librdkafka's mock API is thread-safe (it posts to the cluster's own thread).
    private let handle: OpaquePointer
    private let cluster: OpaquePointer
    public let bootstrapServers: String

    /// Kafka API keys for `failNext` (the protocol's numbers).
    public enum Request: Int16, Sendable {
        case produce = 0, fetch = 1, listOffsets = 2, metadata = 3, offsetCommit = 8, offsetFetch = 9
        case findCoordinator = 10, joinGroup = 11, heartbeat = 12, syncGroup = 14, initProducerId = 22
    }

    public init(brokers: Int) throws(KafkaError) {
        // The cluster lives on a handle of its own; a producer handle is the cheapest to create.
        guard let configuration = rd_kafka_conf_new() else { throw .local("mock cluster", "rd_kafka_conf_new failed") }
        var errorText = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, configuration, &errorText, errorText.count) else {
            throw .local("mock cluster", String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        guard let cluster = rd_kafka_mock_cluster_new(handle, Int32(brokers)) else {
            rd_kafka_destroy(handle)
            throw .local("mock cluster", "rd_kafka_mock_cluster_new failed")
        }
        self.handle = handle
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(handle)
    }

    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws(KafkaError) {
        try check(rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(replicationFactor)), "create topic \(name)")
    }

    /// A broker that stops answering (connections are closed) until `setBrokerUp`.
    public func setBrokerDown(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_down(cluster, broker), "broker \(broker) down")
    }

    public func setBrokerUp(_ broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_broker_set_up(cluster, broker), "broker \(broker) up")
    }

    /// Moves the partition's leadership (clients learn it from a NOT_LEADER error and metadata).
    public func setLeader(topic: String, partition: Int32, broker: Int32) throws(KafkaError) {
        try check(rd_kafka_mock_partition_set_leader(cluster, topic, partition, broker), "leader of \(topic)[\(partition)]")
    }

    /// The cluster answers the next `errors.count` requests of this kind with these errors.
    public func failNext(_ request: Request, with errors: [rd_kafka_resp_err_t]) {
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, request.rawValue, buffer.count, buffer.baseAddress)
        }
    }

    private func check(_ err: rd_kafka_resp_err_t, _ operation: String) throws(KafkaError) {
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "mock cluster: \(operation)") }
    }
}
