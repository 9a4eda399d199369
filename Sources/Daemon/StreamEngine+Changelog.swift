import Foundation
import Kafka
import Logging
import Pipeline
import Synchronization

/// Stage state mirrored in Kafka (dedupe fingerprints).
extension StreamEngine {
    /// Loads every changelog-backed stage's state before the first article, then keeps following
    /// it; new entries go to the same topic through `ChangelogLinks.writer(for:)`.
    func restoreChangelogs(producer: KafkaProducer) async throws -> ChangelogLinks {
        let client = KafkaClientConfiguration(bootstrapServers: configuration.kafka.brokers, clientID: configuration.kafka.clientID,
                                              extra: configuration.kafka.librdkafka)
        var links = ChangelogLinks()
        // This process's own entries come back through the follower; a per-process id marks them.
        let writer = Array(UUID().uuidString.utf8)
        let writerHeader = [KafkaHeader(name: ChangelogFollower.writerHeader, value: writer)]
        for case let stage as any ChangelogBackedStage in processor.stages {
            guard let topic = stage.changelogTopic else { continue }
            let logger = self.logger
            let entries = try links.writer(sharing: producer, exactlyOnce: transactions != nil, client: client, logger: logger)
            stage.attachChangelog(ChangelogSink { key, value in
                do {
                    // Token 0 is never registered in the ledger: its delivery report is ignored.
                    try entries.trySend(topic: topic, key: key, value: value, headers: writerHeader, token: 0)
                } catch {
                    logger.warning("changelog entry not written", metadata: ["topic": "\(topic)", "error": "\(error)"])
                }
            })
            let follower = try ChangelogFollower(stage: stage, topic: topic, writer: writer, client: client, logger: logger)
            if stage.blocksWhileRestoring {
                try await follower.start()
            } else {
                stage.setRestoring(true)
                Task {
                    do { try await follower.start() } catch { logger.error("changelog restore failed", metadata: ["error": "\(error)"]) }
                    stage.setRestoring(false)
                }
            }
            links.followers.append(follower)
        }
        return links
    }
}

/// The daemon's ties to its stages' changelog topics: the followers, and the producer that writes
/// new entries when it is not the daemon's own.
///
/// Why a producer of its own: every article adds an entry, so sharing the output producer doubled
/// its messages, and the outputs' acknowledgements queued behind the entries' produce requests. A
/// second producer that lingers `entryLingerMilliseconds` sends the entries in a few large batches
/// instead: consume → publish p99 at half load fell from 50–72 ms to ~40 ms (`make bench`
/// latency, tansu, Benchmarks/README.md). Under `exactly_once` the entries stay in the
/// transactional producer, so they commit or abort with the outputs they belong to.
struct ChangelogLinks {
    var followers: [ChangelogFollower] = []
    private(set) var entryProducer: KafkaProducer?

    /// How long the entries' producer waits to fill a batch. An entry late by this much is
    /// harmless: the writing instance has it already, others see it that much later.
    static let entryLingerMilliseconds = 50

    /// The producer for changelog entries: `shared` under exactly-once, otherwise one of its own,
    /// made once for all stages.
    mutating func writer(sharing shared: KafkaProducer, exactlyOnce: Bool, client: KafkaClientConfiguration,
                         logger: Logger) throws(KafkaError) -> KafkaProducer {
        if exactlyOnce { return shared }
        if let entryProducer { return entryProducer }
        // Delivery reports are not awaited: an entry that never arrives costs a missed duplicate
        // verdict after a restart, never an article.
        let made = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: client, lingerMilliseconds: Self.entryLingerMilliseconds),
            logger: logger, onDelivery: { _ in }
        )
        entryProducer = made
        return made
    }

    /// Flushes the entries written so far (a restarted instance restores them), then stops following.
    func stop() async {
        await entryProducer?.shutdown(timeout: .seconds(5))
        for follower in followers { await follower.stop() }
    }
}
