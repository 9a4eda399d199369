import Logging
import Pipeline
import ServiceLifecycle
import Synchronization

/// The daemon's one loop: consume → process → produce → commit, at least once.
///
/// The loop itself is `StreamEngine` (StreamEngine.swift, read top to bottom); supervision
/// (metrics, health, systemd) and stage-state changelogs are in its extensions. An article's way:
/// 1. the consumer's poll thread receives a batch and `dispatch` gives each record a ticket in the
///    offset tracker and a place in its partition's order, and deals the records round the
///    workers (with `ordering: key`: to the worker that owns its key, so that order holds);
/// 2. a worker runs the `ArticleProcessor` (decode → stages → encode); the `OutputSequencer` hands
///    outcomes on in partition order, and the enriched record, or the original bytes to the
///    dead-letter topic, is produced and registered in the ledger;
/// 3. the producer's delivery report completes the ticket; every 100 ms the partitions' contiguous
///    done prefixes are stored, and librdkafka commits stored offsets every second;
/// 4. on SIGTERM/SIGINT fetching stops, workers finish what they hold, the producer flushes, the
///    final offsets are committed and the service returns normally (exit 0 for systemd).
public final class ArticleStreamService: Service {
    private let configuration: DaemonConfiguration
    private let processor: ArticleProcessor
    private let logger: Logger

    public init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
    }

    private let engine = Mutex<StreamEngine?>(nil)

    public func run() async throws {
        let engine = try StreamEngine(configuration: configuration, processor: processor, logger: logger)
        self.engine.withLock { $0 = engine }
        defer { self.engine.withLock { $0 = nil } }
        try await engine.run()
    }

    /// The stages running now (the initial ones while the engine is not running).
    var currentStages: [any Stage] { engine.withLock { $0 }?.processor.stages ?? processor.stages }

    /// Swaps in a processor with new stage parameters (SIGHUP). Articles already being processed
    /// finish with the old one; nothing is lost or processed twice. Returns false when not running.
    @discardableResult
    public func replaceProcessor(_ processor: ArticleProcessor) -> Bool {
        guard let engine = engine.withLock({ $0 }) else { return false }
        engine.replaceProcessor(processor)
        return true
    }
}
