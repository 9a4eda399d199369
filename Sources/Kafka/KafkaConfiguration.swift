/// Settings shared by producers and consumers. Typed here; librdkafka's string map exists only
/// at the edge (`librdkafkaProperties`), where `extra` passes anything else through unchanged
/// (TLS and SASL settings, tuning), so every librdkafka option stays reachable.
public struct KafkaClientConfiguration: Sendable, Equatable {
    public var bootstrapServers: [String]
    public var clientID: String
    /// librdkafka properties passed through verbatim; they win over the typed fields.
    public var extra: [String: String]

    public init(bootstrapServers: [String], clientID: String = "articled", extra: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.extra = extra
    }

    var librdkafkaProperties: [String: String] {
        ["bootstrap.servers": bootstrapServers.joined(separator: ","), "client.id": clientID,
         "statistics.interval.ms": "5000"]
    }
}

/// A consumer-group member. Offsets are never stored automatically: the application stores an
/// offset once everything produced from that record is acknowledged (at-least-once).
public struct KafkaConsumerConfiguration: Sendable, Equatable {
    public enum AssignmentStrategy: String, Sendable, Equatable {
        /// Incremental rebalancing: partitions that stay put keep processing during a rebalance.
        case cooperativeSticky = "cooperative-sticky"
        case range
        case roundRobin = "roundrobin"
    }

    public enum OffsetReset: String, Sendable, Equatable {
        case earliest, latest
    }

    public var client: KafkaClientConfiguration
    public var groupID: String
    /// Static membership: a restart within `sessionTimeoutMilliseconds` causes no rebalance.
    public var groupInstanceID: String?
    public var assignmentStrategy: AssignmentStrategy
    public var sessionTimeoutMilliseconds: Int
    public var maxPollIntervalMilliseconds: Int
    public var autoOffsetReset: OffsetReset
    /// How often librdkafka commits the offsets the application stored. Revokes and close commit
    /// synchronously regardless.
    public var autoCommitIntervalMilliseconds: Int
    /// `storedOffsets`: librdkafka commits what the application stored (at least once).
    /// `transactional`: nothing is committed by the consumer; offsets go into the producer's
    /// transactions (`KafkaProducer.sendOffsetsToTransaction`), so they commit with the outputs.
    public var commitMode: CommitMode

    public enum CommitMode: Sendable, Equatable {
        case storedOffsets, transactional
    }

    public init(
        client: KafkaClientConfiguration,
        groupID: String,
        groupInstanceID: String? = nil,
        assignmentStrategy: AssignmentStrategy = .cooperativeSticky,
        sessionTimeoutMilliseconds: Int = 45_000,
        maxPollIntervalMilliseconds: Int = 300_000,
        autoOffsetReset: OffsetReset = .earliest,
        autoCommitIntervalMilliseconds: Int = 1_000,
        commitMode: CommitMode = .storedOffsets
    ) {
        self.client = client
        self.groupID = groupID
        self.groupInstanceID = groupInstanceID
        self.assignmentStrategy = assignmentStrategy
        self.sessionTimeoutMilliseconds = sessionTimeoutMilliseconds
        self.maxPollIntervalMilliseconds = maxPollIntervalMilliseconds
        self.autoOffsetReset = autoOffsetReset
        self.autoCommitIntervalMilliseconds = autoCommitIntervalMilliseconds
        self.commitMode = commitMode
    }

    var librdkafkaProperties: [String: String] {
        var properties = client.librdkafkaProperties
        properties["group.id"] = groupID
        if let groupInstanceID { properties["group.instance.id"] = groupInstanceID }
        properties["partition.assignment.strategy"] = assignmentStrategy.rawValue
        properties["session.timeout.ms"] = String(sessionTimeoutMilliseconds)
        properties["max.poll.interval.ms"] = String(maxPollIntervalMilliseconds)
        properties["auto.offset.reset"] = autoOffsetReset.rawValue
        properties["enable.auto.offset.store"] = "false"
        switch commitMode {
        case .storedOffsets:
            properties["enable.auto.commit"] = "true"
            properties["auto.commit.interval.ms"] = String(autoCommitIntervalMilliseconds)
        case .transactional:
            properties["enable.auto.commit"] = "false"
        }
        // Never read another producer's open or aborted transaction as input.
        properties["isolation.level"] = "read_committed"
        properties["enable.partition.eof"] = "false"
        // Prefetch limits apply per assigned partition (librdkafka decides fetches per partition):
        // by default 64 MB or 100 000 messages each, so an instance owning 12 partitions of a
        // backlog could buffer 768 MB. 2 MB / 5 000 messages per partition still keeps the
        // pipeline fed; 16 MB measured 60-90 MB fetched-but-unconsumed with 3 partitions
        // (articled_client_queue_bytes), 4 MB 10-45 MB, 2 MB 6-27 MB at the same drain rate, RSS
        // under a 1 M backlog 134-147 MB instead of 137-153 (Benchmarks/README.md, "Memory under a
        // backlog").
        properties["queued.max.messages.kbytes"] = "2048"
        properties["queued.min.messages"] = "5000"
        // A broker that does not answer a waiting fetch when data arrives (tansu) holds it for
        // fetch.wait.max.ms (500 ms by default): input → output latency at half load measured
        // p50 182 / p99 344 ms with 500, 37 / 69 ms with 100. Kafka answers as soon as data is
        // there, so the lower cap only adds idle fetches (20/s per broker).
        properties["fetch.wait.max.ms"] = "50"
        if LibrdkafkaVersion.runtime >= 0x0204_00ff {
            // When the prefetch queue is full (queued.max.messages.kbytes, 64 MB), librdkafka
            // postpones the partition's next fetch by this long (default 1 s). With 4 KB articles
            // that queue drains in ~0.4 s, so the default stalled consumption for ~0.6 s per cycle:
            // measured 23 k articles/s with it, 44 k with 10 ms (Benchmarks/README.md).
            properties["fetch.queue.backoff.ms"] = "10"
        }
        return properties.merging(client.extra) { _, passThrough in passThrough }
    }
}

/// An idempotent producer: retries never reorder or duplicate within a partition.
public struct KafkaProducerConfiguration: Sendable, Equatable {
    public enum Acks: String, Sendable, Equatable {
        case all, leader = "1", none = "0"
    }

    public var client: KafkaClientConfiguration
    public var acks: Acks
    public var lingerMilliseconds: Int
    /// `none`, `gzip`, `snappy`, `lz4` or `zstd`.
    public var compression: String
    /// How long librdkafka keeps retrying a message before reporting it failed.
    public var deliveryTimeoutMilliseconds: Int
    public var enableIdempotence: Bool
    /// Set for a transactional producer: unique per instance and stable across its restarts, so a
    /// restarted instance fences its crashed predecessor and aborts the transaction it left open.
    public var transactionalID: String?
    /// How long the broker lets a transaction stay open before aborting it.
    public var transactionTimeoutMilliseconds: Int

    public init(
        client: KafkaClientConfiguration,
        acks: Acks = .all,
        lingerMilliseconds: Int = 5,
        compression: String = "lz4",
        deliveryTimeoutMilliseconds: Int = 120_000,
        enableIdempotence: Bool = true,
        transactionalID: String? = nil,
        transactionTimeoutMilliseconds: Int = 60_000
    ) {
        self.client = client
        self.acks = acks
        self.lingerMilliseconds = lingerMilliseconds
        self.compression = compression
        self.deliveryTimeoutMilliseconds = deliveryTimeoutMilliseconds
        self.enableIdempotence = enableIdempotence
        self.transactionalID = transactionalID
        self.transactionTimeoutMilliseconds = transactionTimeoutMilliseconds
    }

    var librdkafkaProperties: [String: String] {
        var properties = client.librdkafkaProperties
        properties["acks"] = acks.rawValue
        properties["linger.ms"] = String(lingerMilliseconds)
        properties["compression.codec"] = compression
        properties["delivery.timeout.ms"] = String(deliveryTimeoutMilliseconds)
        properties["enable.idempotence"] = enableIdempotence ? "true" : "false"
        if let transactionalID {
            properties["transactional.id"] = transactionalID
            properties["transaction.timeout.ms"] = String(transactionTimeoutMilliseconds)
            // librdkafka refuses a message that may outlive its transaction.
            properties["delivery.timeout.ms"] = String(min(deliveryTimeoutMilliseconds, transactionTimeoutMilliseconds))
        }
        return properties.merging(client.extra) { _, passThrough in passThrough }
    }
}
