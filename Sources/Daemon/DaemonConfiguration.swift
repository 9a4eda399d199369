import Configuration
import Kafka
import Pipeline

/// Everything `articled run` needs, with the defaults an operator gets when a key is absent.
///
/// Sources, later ones winning: built-in defaults → the YAML file (`--config`) → environment
/// variables named after the key path with an `ARTICLED_` prefix (`kafka.brokers` →
/// `ARTICLED_KAFKA_BROKERS`; lists are comma-separated). `Config/articled.yaml` documents every key.
public struct DaemonConfiguration: Sendable, Equatable {
    public struct Kafka: Sendable, Equatable {
        /// `kafka.brokers`: bootstrap servers, `host:port`.
        public var brokers: [String] = ["127.0.0.1:9092"]
        /// `kafka.client_id`
        public var clientID: String = "articled"
        /// `kafka.group_id`: instances with the same group share the input partitions.
        public var groupID: String = "articled"
        /// `kafka.group_instance_id`: static membership (e.g. `articled-%i` per systemd instance);
        /// a restart within the session timeout then causes no rebalance.
        public var groupInstanceID: String?
        /// `kafka.transactional_id` (exactly-once mode): unique per instance and stable across its
        /// restarts; defaults to `<group_id>-<group_instance_id>`.
        public var transactionalID: String?
        /// `kafka.assignment_strategy`: `cooperative-sticky` (default), `range` or `roundrobin`.
        public var assignmentStrategy: KafkaConsumerConfiguration.AssignmentStrategy = .cooperativeSticky
        /// `kafka.session_timeout_ms`
        public var sessionTimeoutMilliseconds: Int = 45_000
        /// `kafka.auto_offset_reset`: where a group without committed offsets starts.
        public var autoOffsetReset: KafkaConsumerConfiguration.OffsetReset = .earliest
        /// `kafka.librdkafka`: raw librdkafka properties as `name=value`, applied last (TLS, SASL …).
        public var librdkafka: [String: String] = [:]

        public init() {}

        /// The transactional id exactly-once mode uses, if one can be had.
        public var effectiveTransactionalID: String? {
            transactionalID ?? groupInstanceID.map { "\(groupID)-\($0)" }
        }
    }

    public struct Topics: Sendable, Equatable {
        /// `topics.input`
        public var input: [String] = ["articles.raw"]
        /// `topics.output`
        public var output: String = "articles.enriched"
        /// `topics.dead_letter`
        public var deadLetter: String = "articles.dlq"

        public init() {}
    }

    public struct Processing: Sendable, Equatable {
        /// `processing.workers`: parallel article workers; records are spread over all of them
        /// whatever the number of partitions (`ordering` says which order the outputs keep).
        public var workers: Int = 2
        /// `processing.ordering`: `partition` (default) keeps output order per input partition: the
        /// outputs are handed to the producer in input order, whichever worker processed them
        /// (`OutputSequencer`), so an article a stage retries holds back the rest of its partition;
        /// `key` keeps order only per record key (one key → one worker), so it holds back only its key.
        public var ordering: Ordering = .partition
        /// `processing.max_in_flight`: records received but not yet acknowledged downstream; above
        /// it, fetching pauses. Bounds memory.
        public var maxInFlight: Int = 2_000
        /// `processing.max_input_bytes`: larger values go to the dead-letter topic as `oversize`.
        /// 960 KiB, so an original plus dead-letter headers fits librdkafka's and Kafka's 1 MB
        /// message defaults and every dead letter keeps its bytes.
        public var maxInputBytes: Int = 960 << 10
        /// `processing.drain_timeout_ms`: how long shutdown and revocation wait for in-flight work.
        public var drainTimeoutMilliseconds: Int = 30_000
        /// `processing.article_timeout_ms`: an article still inside the stages after this long is
        /// dead-lettered (class `timeout`) and its worker replaced; 0 = no limit.
        public var articleTimeoutMilliseconds: Int = 30_000
        /// `processing.stages`: stage names in the order they run.
        public var stages: [String] = []
        /// `processing.retry_attempts`: tries for a retriable stage failure before dead-lettering.
        public var retryAttempts: Int = 4
        /// `processing.retry_backoff_ms`: first retry delay; doubles per attempt up to 5 s.
        public var retryBackoffMilliseconds: Int = 100
        /// `processing.guarantee`: `at_least_once` (default) or `exactly_once` (Kafka transactions:
        /// outputs and input offsets commit together; see Deploy/README.md).
        public var guarantee: Guarantee = .atLeastOnce
        /// `processing.transaction_interval_ms` (exactly-once): how often the open transaction is
        /// committed, which is also how long `read_committed` readers wait for an output.
        public var transactionIntervalMilliseconds: Int = 100

        public init() {}
    }

    public enum Ordering: String, Sendable, Equatable {
        case partition, key
    }

    public enum Guarantee: String, Sendable, Equatable {
        case atLeastOnce = "at_least_once"
        case exactlyOnce = "exactly_once"
    }

    public struct Logging: Sendable, Equatable {
        /// `log.level`: trace, debug, info, notice, warning, error, critical.
        public var level: String = "info"
        /// `log.format`: `auto` (JSON unless stderr is a terminal), `json` or `text`.
        public var format: String = "auto"
        /// `log.progress_interval_ms`: how often a `progress` line with the counters is logged
        /// while records flow.
        public var progressIntervalMilliseconds: Int = 10_000

        public init() {}
    }

    public struct Metrics: Sendable, Equatable {
        /// `metrics.address`: where `/metrics`, `/healthz` and `/readyz` are served, `host:port`;
        /// loopback by default; empty or `off` disables the endpoint.
        public var address: String = "127.0.0.1:9464"
        /// `metrics.health_max_poll_age_ms`: `/healthz` fails (and the systemd watchdog stops
        /// being fed) when the consumer loop has not completed a poll for this long.
        public var healthMaxPollAgeMilliseconds: Int = 30_000

        public init() {}
    }

    public var kafka = Kafka()
    public var metrics = Metrics()
    public var topics = Topics()
    public var processing = Processing()
    public var log = Logging()
    /// The `stages.<name>` sections, read by each stage with types (not compared by `==`).
    public var stageParameters = StageParameterSource()

    public init() {}
}

/// Where stages read their `stages.<name>.*` parameters from.
public struct StageParameterSource: Sendable, Equatable {
    let reader: ConfigReader?

    public init() { reader = nil }
    init(reader: ConfigReader) { self.reader = reader }

    public func parameters(for stage: String) -> any StageParameters {
        guard let reader else { return DictionaryStageParameters(stageName: stage) }
        return ConfigStageParameters(stageName: stage, root: reader)
    }

    /// Parameters are data for the stages, not identity of the configuration.
    public static func == (lhs: StageParameterSource, rhs: StageParameterSource) -> Bool { true }
}
