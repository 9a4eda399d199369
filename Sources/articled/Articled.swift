import ArgumentParser
import Daemon

@main
struct Articled: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articled",
        abstract: "News-enrichment stream worker: Kafka in, dedupe/clean/language/tag, Kafka out.",
        version: ArticledVersion.string,
        subcommands: [Run.self, Process.self, CheckConfig.self, Replay.self, DeadLetters.self, Offsets.self, Feed.self, Peek.self, Version.self],
        defaultSubcommand: Run.self
    )
}
