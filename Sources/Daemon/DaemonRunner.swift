import Logging
import Pipeline
import ServiceLifecycle

/// Builds the processor from configuration and runs the stream service until SIGTERM/SIGINT.
public enum DaemonRunner {
    public static func makeProcessor(
        _ configuration: DaemonConfiguration, registry: StageRegistry = .builtIn, logger: Logger = Logger(label: "articled")
    ) throws(ConfigurationError) -> ArticleProcessor {
        let stages = try registry.makeStages(configuration.processing.stages) { configuration.stageParameters.parameters(for: $0) }
        let description = PipelineDescription(
            articledVersion: ArticledVersion.string,
            stages: stages.map { .init(name: $0.name, version: $0.version) }
        )
        return ArticleProcessor(
            decoder: ArticleDecoder(limits: .init(maxValueBytes: configuration.processing.maxInputBytes)),
            stages: stages,
            encoder: EnrichedRecordEncoder(pipeline: description),
            retryPolicy: RetryPolicy(maxAttempts: configuration.processing.retryAttempts,
                                     initialBackoffMilliseconds: configuration.processing.retryBackoffMilliseconds),
            logger: logger
        )
    }

    /// Returns normally after a clean drain-and-commit shutdown; throws when the daemon had to
    /// stop for a fatal error (the caller exits non-zero so systemd restarts it).
    public static func run(_ configuration: DaemonConfiguration, file: String?, logger: Logger) async throws {
        let processor = try makeProcessor(configuration, logger: logger)
        let service = ArticleStreamService(configuration: configuration, processor: processor, logger: logger)
        let reloader = Reloader(file: file, running: configuration, service: service, logger: logger)
        let hangup = reloader.installSignalHandler()
        defer { hangup.cancel() }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
