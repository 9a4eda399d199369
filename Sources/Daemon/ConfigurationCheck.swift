import Foundation
import Kafka
import Logging
import Pipeline
import Yams

/// `articled check-config`: everything wrong with a configuration file, each problem with its
/// file, key and what was expected, before an operator starts a daemon with it.
public struct ConfigurationCheck: Sendable {
    public struct Problem: Sendable, CustomStringConvertible, Equatable {
        public let key: String
        public let message: String
        public var description: String { "\(key): \(message)" }
    }

    /// Every key the daemon reads, by section; `stages` is checked against the registry.
    static let knownKeys: [String: Set<String>] = [
        "kafka": ["brokers", "client_id", "group_id", "group_instance_id", "transactional_id", "assignment_strategy",
                  "session_timeout_ms", "auto_offset_reset", "librdkafka"],
        "topics": ["input", "output", "dead_letter"],
        "processing": ["workers", "ordering", "max_in_flight", "max_input_bytes", "drain_timeout_ms", "article_timeout_ms", "stages",
                       "retry_attempts", "retry_backoff_ms", "guarantee", "transaction_interval_ms"],
        "log": ["level", "format", "progress_interval_ms"],
        "metrics": ["address", "health_max_poll_age_ms"],
    ]

    let registry: StageRegistry

    public init(registry: StageRegistry = .builtIn) {
        self.registry = registry
    }

    /// Problems in the file itself (unknown keys, YAML errors) and in the effective configuration
    /// (file + environment: types, ranges, stages, secret files).
    public func check(file: String, environment: [String: String]) async -> [Problem] {
        await evaluate(file: file, environment: environment).problems
    }

    /// The problems, and — when the configuration loads and its stages build — both, so a
    /// connection check reuses them instead of loading models a second time.
    private func evaluate(file: String, environment: [String: String]) async
        -> (problems: [Problem], configuration: DaemonConfiguration?, stages: [any Stage]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return ([Problem(key: file, message: "cannot read the file")], nil, [])
        }
        var problems: [Problem] = []
        do {
            if let root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) {
                problems += unknownKeys(root)
            }
        } catch {
            return ([Problem(key: file, message: "not valid YAML: \(error)")], nil, [])
        }
        do {
            let configuration = try await DaemonConfiguration.load(file: file, environment: environment)
            let stages = try DaemonRunner.makeProcessor(configuration, registry: registry).stages
            return (problems, configuration, stages)
        } catch {
            problems.append(Problem(key: error.key, message: error.message))
            return (problems, nil, [])
        }
    }

    /// `check` and, when asked and the file is clean, `checkConnection`.
    public func check(file: String, environment: [String: String], connect: Bool, logger: Logger) async -> [Problem] {
        let result = await evaluate(file: file, environment: environment)
        guard connect, result.problems.isEmpty, let configuration = result.configuration else { return result.problems }
        return checkConnection(configuration, stages: result.stages, logger: logger)
    }

    /// Connects with the effective settings: brokers answer, input/output/dead-letter topics exist.
    func checkConnection(_ configuration: DaemonConfiguration, stages: [any Stage], logger: Logger) -> [Problem] {
        do {
            let producer = try KafkaProducer(
                configuration: .init(client: .init(bootstrapServers: configuration.kafka.brokers,
                                                   clientID: configuration.kafka.clientID, extra: configuration.kafka.librdkafka)),
                logger: logger
            ) { _ in }
            let topics = try producer.topicPartitionCounts(timeout: .seconds(10))
            var problems: [Problem] = []
            var wanted = configuration.topics.input.map { ("topics.input", $0) }
                + [("topics.output", configuration.topics.output), ("topics.dead_letter", configuration.topics.deadLetter)]
            for case let stage as any ChangelogBackedStage in stages {
                if let topic = stage.changelogTopic { wanted.append(("stages.\(stage.name).changelog_topic", topic)) }
            }
            for (key, topic) in wanted where topics[topic] == nil {
                problems.append(Problem(key: key, message: "topic \"\(topic)\" does not exist on \(configuration.kafka.brokers.joined(separator: ","))"))
            }
            return problems
        } catch {
            return [Problem(key: "kafka.brokers", message: "cannot reach \(configuration.kafka.brokers.joined(separator: ",")): \(error)")]
        }
    }

    private func unknownKeys(_ root: Node) -> [Problem] {
        guard let mapping = root.mapping else { return [Problem(key: "(root)", message: "expected a mapping of sections")] }
        var problems: [Problem] = []
        for (keyNode, value) in mapping {
            let section = keyNode.string ?? "?"
            if section == "stages" {
                problems += unknownStageKeys(value)
                continue
            }
            guard let allowed = Self.knownKeys[section] else {
                problems.append(Problem(key: section, message: "unknown section (known: \(Self.knownKeys.keys.sorted().joined(separator: ", ")), stages)"))
                continue
            }
            guard let entries = value.mapping else {
                if value.scalar?.string.isEmpty == false { problems.append(Problem(key: section, message: "expected a mapping")) }
                continue
            }
            for (entry, _) in entries {
                let name = entry.string ?? "?"
                if !allowed.contains(name) {
                    problems.append(Problem(key: "\(section).\(name)", message: "unknown key (known: \(allowed.sorted().joined(separator: ", ")))"))
                }
            }
        }
        return problems
    }

    private func unknownStageKeys(_ value: Node) -> [Problem] {
        guard let stages = value.mapping else { return [] }
        var problems: [Problem] = []
        for (stageNode, parameters) in stages {
            let stage = stageNode.string ?? "?"
            guard let allowed = registry.parameterKeys(of: stage) else {
                let known = registry.names.isEmpty ? "none" : registry.names.joined(separator: ", ")
                problems.append(Problem(key: "stages.\(stage)", message: "unknown stage (known: \(known))"))
                continue
            }
            for (entry, _) in parameters.mapping ?? [:] {
                let name = entry.string ?? "?"
                if !allowed.contains(name) {
                    problems.append(Problem(key: "stages.\(stage).\(name)", message: "unknown parameter (known: \(allowed.sorted().joined(separator: ", ")))"))
                }
            }
        }
        return problems
    }
}
