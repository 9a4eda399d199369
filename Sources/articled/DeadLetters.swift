import ArgumentParser
import Daemon
import Foundation
import Logging
import Pipeline

struct DeadLetters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Work with the dead-letter topic.",
        subcommands: [Replay.self]
    )

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send dead letters back through the pipeline (or to the input topic) after a fix.",
            discussion: """
                Reads the dead-letter topic to its end. Matching records are processed with the current \
                stages and published to the output topic; those that fail again return to the dead-letter \
                topic with their attempt count raised. Prints a summary.

                Example: articled dlq replay --config /etc/articled/articled.yaml --class stage --since 2026-11-25T00:00:00Z
                """
        )

        @Option(name: .shortAndLong, help: "YAML configuration file (brokers, topics, stages).")
        var config: String?

        @Option(name: .customLong("class"), help: "Only these error classes, comma-separated: decode, oversize, stage, produce, timeout.")
        var classes: String?

        @Option(help: "Only dead letters that first failed at or after this time (RFC 3339).")
        var since: String?

        @Option(help: "Only dead letters that first failed before this time (RFC 3339).")
        var until: String?

        @Flag(help: "Send the original records to their input topic instead of processing them here.")
        var toInput = false

        @Flag(help: "Only count what would be replayed.")
        var dryRun = false

        func run() async throws {
            let configuration = try await DaemonConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
            LoggingSetup.bootstrap(format: configuration.log.format, level: "warning")
            let logger = Logger(label: "articled.dlq")
            var filter = DeadLetterReplay.Filter()
            filter.classes = classes.map { Set($0.split(separator: ",").map(String.init)) }
            filter.since = try since.map(Self.time)
            filter.until = try until.map(Self.time)
            let replay = DeadLetterReplay(configuration: configuration, processor: try DaemonRunner.makeProcessor(configuration, logger: logger),
                                          logger: logger)
            let summary = try await replay.run(filter: filter, destination: toInput ? .inputTopic : .pipeline, dryRun: dryRun)
            print(summary)
        }

        static func time(_ text: String) throws -> Int64 {
            guard let milliseconds = Timestamp.milliseconds(parsing: text) else {
                throw ValidationError("expected an RFC 3339 time like 2026-11-25T08:00:00Z, got \(text)")
            }
            return milliseconds
        }
    }
}
