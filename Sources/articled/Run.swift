import ArgumentParser
import Daemon
import Foundation
import Logging

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Consume articles, enrich them and publish the results until SIGTERM/SIGINT.",
        discussion: """
            Settings come from the YAML file, overridden by environment variables named after the key \
            with an ARTICLED_ prefix (kafka.brokers → ARTICLED_KAFKA_BROKERS). See Config/articled.yaml.
            SIGTERM/SIGINT: stop fetching, finish in-flight articles, flush, commit, exit 0. SIGHUP: reload \
            stage parameters. Exit status 1 on a configuration or fatal Kafka error (systemd restarts it).
            Stage data: ARTICLED_DATA_DIR, else <executable dir>/../share/articled. The compiled tagger \
            data is cached in ARTICLED_CACHE_DIR (off: no cache), else $CACHE_DIRECTORY (systemd), else \
            $XDG_CACHE_HOME/articled or ~/.cache/articled.

            Example: ARTICLED_KAFKA_BROKERS=kafka1:9092 articled run --config /etc/articled/articled.yaml
            """
    )

    @Option(name: .shortAndLong, help: "YAML configuration file.")
    var config: String?

    func run() async throws {
        MallocTuning.apply()
        MallocTuning.startTrimming()
        let configuration: DaemonConfiguration
        do {
            configuration = try await DaemonConfiguration.load(file: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        LoggingSetup.bootstrap(format: configuration.log.format, level: configuration.log.level)
        let logger = Logger(label: "articled")
        do {
            try await DaemonRunner.run(configuration, file: config, logger: logger)
        } catch {
            logger.critical("articled stopped", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}
