import Configuration
import Kafka
import SystemPackage

/// A configuration that could not be loaded, with the key or file at fault.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let key: String
    public let message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "configuration \(key): \(message)" }
}

extension DaemonConfiguration {
    /// Loads defaults ← YAML file (when given) ← `ARTICLED_*` environment variables.
    public static func load(
        file: String?, environment: [String: String]
    ) async throws(ConfigurationError) -> DaemonConfiguration {
        var providers: [any ConfigProvider] = [
            EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: "articled")
        ]
        if let file {
            do {
                providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file)))
            } catch {
                throw ConfigurationError(key: file, message: "cannot read YAML: \(error)")
            }
        }
        var configuration = try DaemonConfiguration(reader: ConfigReader(providers: providers))
        let secrets = SecretResolver(environment: environment)
        for (name, value) in configuration.kafka.librdkafka where SecretResolver.isReference(value) {
            configuration.kafka.librdkafka[name] = try secrets.resolve(value, key: "kafka.librdkafka.\(name)")
        }
        return configuration
    }

    /// Reads every documented key; unknown keys are ignored, malformed values are errors.
    public init(reader: ConfigReader) throws(ConfigurationError) {
        self.init()
        let kafka = reader.scoped(to: "kafka")
        self.kafka.brokers = Self.list(kafka, "brokers", default: self.kafka.brokers)
        self.kafka.clientID = kafka.string(forKey: "client_id", default: self.kafka.clientID)
        self.kafka.groupID = kafka.string(forKey: "group_id", default: self.kafka.groupID)
        self.kafka.groupInstanceID = kafka.string(forKey: "group_instance_id")
        self.kafka.transactionalID = kafka.string(forKey: "transactional_id")
        let strategy = kafka.string(forKey: "assignment_strategy", default: self.kafka.assignmentStrategy.rawValue)
        guard let parsedStrategy = KafkaConsumerConfiguration.AssignmentStrategy(rawValue: strategy) else {
            throw ConfigurationError(key: "kafka.assignment_strategy", message: "unknown strategy \"\(strategy)\"")
        }
        self.kafka.assignmentStrategy = parsedStrategy
        self.kafka.sessionTimeoutMilliseconds = try Self.positive(
            try Self.integer(kafka, "session_timeout_ms", path: "kafka.session_timeout_ms", default: self.kafka.sessionTimeoutMilliseconds), "kafka.session_timeout_ms")
        let reset = kafka.string(forKey: "auto_offset_reset", default: self.kafka.autoOffsetReset.rawValue)
        guard let parsedReset = KafkaConsumerConfiguration.OffsetReset(rawValue: reset) else {
            throw ConfigurationError(key: "kafka.auto_offset_reset", message: "expected earliest or latest, got \"\(reset)\"")
        }
        self.kafka.autoOffsetReset = parsedReset
        for entry in Self.list(kafka, "librdkafka", default: []) {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw ConfigurationError(key: "kafka.librdkafka", message: "expected name=value, got \"\(entry)\"")
            }
            self.kafka.librdkafka[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }

        let topics = reader.scoped(to: "topics")
        self.topics.input = Self.list(topics, "input", default: self.topics.input)
        self.topics.output = topics.string(forKey: "output", default: self.topics.output)
        self.topics.deadLetter = topics.string(forKey: "dead_letter", default: self.topics.deadLetter)
        guard !self.topics.input.isEmpty else {
            throw ConfigurationError(key: "topics.input", message: "at least one input topic is required")
        }

        let processing = reader.scoped(to: "processing")
        self.processing.workers = try Self.positive(
            try Self.integer(processing, "workers", path: "processing.workers", default: self.processing.workers), "processing.workers")
        self.processing.maxInFlight = try Self.positive(
            try Self.integer(processing, "max_in_flight", path: "processing.max_in_flight", default: self.processing.maxInFlight), "processing.max_in_flight")
        self.processing.maxInputBytes = try Self.positive(
            try Self.integer(processing, "max_input_bytes", path: "processing.max_input_bytes", default: self.processing.maxInputBytes), "processing.max_input_bytes")
        self.processing.drainTimeoutMilliseconds = try Self.positive(
            try Self.integer(processing, "drain_timeout_ms", path: "processing.drain_timeout_ms", default: self.processing.drainTimeoutMilliseconds),
            "processing.drain_timeout_ms")
        self.processing.articleTimeoutMilliseconds = try Self.integer(
            processing, "article_timeout_ms", path: "processing.article_timeout_ms", default: self.processing.articleTimeoutMilliseconds)
        guard self.processing.articleTimeoutMilliseconds >= 0 else {
            throw ConfigurationError(key: "processing.article_timeout_ms", message: "expected 0 (no limit) or a positive number of milliseconds")
        }
        let ordering = processing.string(forKey: "ordering", default: self.processing.ordering.rawValue)
        guard let parsedOrdering = DaemonConfiguration.Ordering(rawValue: ordering) else {
            throw ConfigurationError(key: "processing.ordering", message: "expected partition or key, got \"\(ordering)\"")
        }
        self.processing.ordering = parsedOrdering
        self.processing.stages = Self.list(processing, "stages", default: self.processing.stages)
        self.processing.retryAttempts = try Self.positive(
            try Self.integer(processing, "retry_attempts", path: "processing.retry_attempts", default: self.processing.retryAttempts), "processing.retry_attempts")
        self.processing.retryBackoffMilliseconds = try Self.positive(
            try Self.integer(processing, "retry_backoff_ms", path: "processing.retry_backoff_ms", default: self.processing.retryBackoffMilliseconds), "processing.retry_backoff_ms")
        let guarantee = processing.string(forKey: "guarantee", default: self.processing.guarantee.rawValue)
        guard let parsedGuarantee = DaemonConfiguration.Guarantee(rawValue: guarantee) else {
            throw ConfigurationError(key: "processing.guarantee", message: "expected at_least_once or exactly_once, got \"\(guarantee)\"")
        }
        self.processing.guarantee = parsedGuarantee
        self.processing.transactionIntervalMilliseconds = try Self.positive(
            try Self.integer(processing, "transaction_interval_ms", path: "processing.transaction_interval_ms",
                             default: self.processing.transactionIntervalMilliseconds), "processing.transaction_interval_ms")
        if parsedGuarantee == .exactlyOnce {
            guard self.processing.ordering == .partition else {
                throw ConfigurationError(key: "processing.ordering",
                                         message: "exactly_once needs ordering: partition (a transaction commits a partition's outputs in offset order)")
            }
            guard self.kafka.effectiveTransactionalID != nil else {
                throw ConfigurationError(key: "kafka.transactional_id",
                                         message: "exactly_once needs kafka.transactional_id or kafka.group_instance_id, unique per instance and stable across restarts")
            }
        }
        self.stageParameters = StageParameterSource(reader: reader)

        let metrics = reader.scoped(to: "metrics")
        self.metrics.address = metrics.string(forKey: "address", default: self.metrics.address)
        self.metrics.healthMaxPollAgeMilliseconds = try Self.positive(
            try Self.integer(metrics, "health_max_poll_age_ms", path: "metrics.health_max_poll_age_ms",
                             default: self.metrics.healthMaxPollAgeMilliseconds), "metrics.health_max_poll_age_ms")

        let log = reader.scoped(to: "log")
        self.log.level = log.string(forKey: "level", default: self.log.level)
        self.log.format = log.string(forKey: "format", default: self.log.format)
        self.log.progressIntervalMilliseconds = try Self.positive(
            try Self.integer(log, "progress_interval_ms", path: "log.progress_interval_ms", default: self.log.progressIntervalMilliseconds), "log.progress_interval_ms")
        guard ["auto", "json", "text"].contains(self.log.format) else {
            throw ConfigurationError(key: "log.format", message: "expected auto, json or text, got \"\(self.log.format)\"")
        }
    }

    /// Lists drop empty entries, so `ARTICLED_PROCESSING_STAGES=` means an empty list and a
    /// trailing comma is harmless, for every list setting alike.
    private static func list(_ reader: ConfigReader, _ key: String, default value: [String]) -> [String] {
        reader.stringArray(forKey: ConfigKey(key), default: value).filter { !$0.isEmpty }
    }

    /// Integers are read as text and parsed here, so a malformed value is an error naming its key
    /// instead of silently becoming the default.
    private static func integer(_ reader: ConfigReader, _ key: String, path: String, default value: Int) throws(ConfigurationError) -> Int {
        guard let text = reader.string(forKey: ConfigKey(key)) else { return value }
        guard let number = Int(text) else {
            throw ConfigurationError(key: path, message: "expected an integer, got \"\(text)\"")
        }
        return number
    }

    private static func positive(_ value: Int, _ key: String) throws(ConfigurationError) -> Int {
        guard value > 0 else { throw ConfigurationError(key: key, message: "must be > 0, got \(value)") }
        return value
    }
}
