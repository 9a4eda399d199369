import ArgumentParser
import Daemon
import Foundation
import Logging

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file (with ARTICLED_* overrides) and optionally the brokers.",
        discussion: """
            Reports unknown sections and keys, wrong types and ranges, unknown stages and stage \
            parameters, and unreadable secret files; with --connect also whether the brokers answer \
            and the topics exist. Exit status 0 when all is well, 1 otherwise. Secret values are never printed.

            Example: articled check-config --config /etc/articled/articled.yaml --connect
            """
    )

    @Option(name: .shortAndLong, help: "YAML configuration file.")
    var config: String

    @Flag(help: "Also connect to the brokers and check that the topics exist.")
    var connect = false

    func run() async throws {
        LoggingSetup.bootstrap(format: "auto", level: "critical")
        let problems = await ConfigurationCheck().check(
            file: config, environment: ProcessInfo.processInfo.environment, connect: connect,
            logger: Logger(label: "articled.check-config")
        )
        for problem in problems { print("\(config): \(problem)") }
        if problems.isEmpty {
            print("\(config): OK\(connect ? " (brokers reachable, topics exist)" : "")")
        } else {
            throw ExitCode.failure
        }
    }
}
