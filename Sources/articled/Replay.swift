import ArgumentParser
import Daemon
import Foundation
import Logging
import Pipeline

struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reprocess a slice of the input topic with the current stages.",
        discussion: """
            --from/--to take an offset (per partition), earliest, latest, or an RFC 3339 time (resolved \
            with offsets-for-times; --to is exclusive). End offsets are fixed at start. Output goes to \
            --output-topic (default: the configured output) keyed by article id, each record stamped with \
            replay {id, started_at}; consumption uses its own group (default articled-replay-<time>), never \
            the production group's offsets. Exit 0 when every partition reached its end.

            Example: articled replay --config /etc/articled/articled.yaml --from 2026-11-24T00:00:00Z \
            --to 2026-11-25T00:00:00Z --output-topic articles.enriched.v2 --dry-run
            """
    )

    @Option(name: .shortAndLong, help: "YAML configuration file (brokers, topics, stages).")
    var config: String?

    @Option(help: "Input topic (default: the first configured input topic).")
    var topic: String?

    @Option(help: "Start: offset, earliest, latest or RFC 3339 time.")
    var from: String = "earliest"

    @Option(help: "End (exclusive): offset, earliest, latest or RFC 3339 time.")
    var to: String = "latest"

    @Option(help: "Only these partitions, comma-separated.")
    var partitions: String?

    @Option(help: "Output topic (default: the configured output topic).")
    var outputTopic: String?

    @Option(help: "Consumer group for the replay (default: articled-replay-<start time>).")
    var group: String?

    @Option(help: "Fail when no record arrives for this many seconds before the slice is done.")
    var idleTimeout: Int = 30

    @Flag(help: "Print the plan (offsets and counts per partition) and exit.")
    var dryRun = false

    func run() async throws {
        guard let from = TopicReplay.Position(parsing: from), let to = TopicReplay.Position(parsing: to) else {
            throw ValidationError("--from/--to: expected an offset, earliest, latest or an RFC 3339 time")
        }
        let configuration = try await DaemonConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
        LoggingSetup.bootstrap(format: configuration.log.format, level: "warning")
        let logger = Logger(label: "articled.replay")
        let replay = TopicReplay(configuration: configuration, logger: logger)
        let partitionFilter = try partitions.map { text in
            try text.split(separator: ",").map { part in
                guard let number = Int32(part) else { throw ValidationError("--partitions: not a number: \(part)") }
                return number
            }
        }
        let plan = try replay.plan(topic: topic ?? configuration.topics.input[0], partitions: partitionFilter, from: from, to: to)
        print(plan)
        if dryRun { return }

        let startedAt = WallClock.milliseconds()
        let replayID = "replay-\(Timestamp.rfc3339(milliseconds: startedAt))"
        let processor = try DaemonRunner.makeProcessor(configuration, logger: logger)
            .replaying(.init(id: replayID, startedAtMilliseconds: startedAt))
        let interactive = isatty(2) != 0
        do {
            let summary = try await replay.run(
                plan: plan, processor: processor, outputTopic: outputTopic ?? configuration.topics.output,
                group: group ?? "articled-\(replayID)", idleTimeout: .seconds(idleTimeout)
            ) { progress in
                ReplayProgressPrinter.print(progress, interactive: interactive)
            }
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            print(summary)
        } catch {
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            print("replay failed: \(error)")
            throw ExitCode.failure
        }
    }
}

/// A progress bar on a terminal, JSON lines otherwise (both on stderr; stdout keeps the plan and
/// the summary).
enum ReplayProgressPrinter {
    static func print(_ progress: TopicReplay.Progress, interactive: Bool) {
        let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 1
        let eta = progress.etaSeconds.map { String(format: "%.0f s", $0) } ?? "?"
        let line: String
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let partitions = progress.perPartition.map { "p\($0.partition) \($0.done)/\($0.total)" }.joined(separator: " ")
            line = "\r[\(bar)] \(progress.done)/\(progress.total) \(Int(progress.recordsPerSecond))/s ETA \(eta)  \(partitions)"
        } else {
            let partitions = progress.perPartition.map { #"{"partition":\#($0.partition),"done":\#($0.done),"total":\#($0.total)}"# }
                .joined(separator: ",")
            line = #"{"msg":"replay progress","done":\#(progress.done),"total":\#(progress.total),"#
                + #""records_per_second":\#(Int(progress.recordsPerSecond)),"partitions":[\#(partitions)]}"# + "\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
