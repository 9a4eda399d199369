import ArgumentParser
import Daemon
import Foundation
import Kafka
import Logging
import Pipeline

struct Offsets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewind a consumer group's committed offsets.",
        subcommands: [Reset.self]
    )

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewind a stopped group to the first offsets at or after a time.",
            discussion: """
                For operators who prefer reprocessing with the production group over `articled replay`. \
                Refuses while the group has live members (stop the instances first).

                Example: articled offsets reset --config /etc/articled/articled.yaml --group articled --to-timestamp 2026-11-24T00:00:00Z --dry-run
                """
        )

        @Option(name: .shortAndLong, help: "YAML configuration file (brokers, input topics).")
        var config: String?

        @Option(help: "The consumer group (default: the configured kafka.group_id).")
        var group: String?

        @Option(help: "RFC 3339 time to rewind to.")
        var toTimestamp: String

        @Flag(help: "Print the new offsets without committing them.")
        var dryRun = false

        func run() async throws {
            guard let milliseconds = Timestamp.milliseconds(parsing: toTimestamp) else {
                throw ValidationError("--to-timestamp: expected an RFC 3339 time")
            }
            let configuration = try await DaemonConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
            LoggingSetup.bootstrap(format: configuration.log.format, level: "warning")
            let groupID = group ?? configuration.kafka.groupID
            let consumer = try KafkaConsumer(
                configuration: KafkaConsumerConfiguration(
                    client: .init(bootstrapServers: configuration.kafka.brokers, clientID: "articled-offsets", extra: configuration.kafka.librdkafka),
                    groupID: groupID),
                logger: Logger(label: "articled.offsets")
            )
            defer { try? consumer.close() }
            let members: Int
            do {
                members = try consumer.memberCount(ofGroup: groupID)
            } catch {
                // Rewinding a group that might be live would fight its members: refuse when unsure.
                print("cannot tell whether group \(groupID) has live members (\(error)); nothing changed")
                throw ExitCode.failure
            }
            guard members == 0 else {
                print("group \(groupID) has \(members) live member(s): stop them first (nothing changed)")
                throw ExitCode.failure
            }
            var offsets: [TopicPartition: Int64] = [:]
            for topic in configuration.topics.input {
                let partitions = (0..<Int32(try consumer.partitionCount(of: topic))).map { TopicPartition(topic: topic, partition: $0) }
                let found = try consumer.offsets(forTimestamp: milliseconds, partitions: partitions)
                for partition in partitions {
                    offsets[partition] = try found[partition].flatMap { $0 } ?? consumer.watermarks(partition).high
                }
            }
            for (partition, offset) in offsets.sorted(by: { ($0.key.topic, $0.key.partition) < ($1.key.topic, $1.key.partition) }) {
                print("\(partition) -> \(offset)")
            }
            if dryRun {
                print("dry run: nothing committed")
            } else {
                try consumer.commit(offsets)
                print("committed \(offsets.count) offset(s) for group \(groupID)")
            }
        }
    }
}
