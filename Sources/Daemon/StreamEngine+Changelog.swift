import Foundation
import Kafka
import Logging
import Pipeline
import Synchronization

/// Stage state mirrored in Kafka (dedupe fingerprints).
extension StreamEngine {
    /// Loads every changelog-backed stage's state before the first article, then keeps following
    /// it; new entries go to the same topic through the daemon's producer.
    func restoreChangelogs(producer: KafkaProducer) async throws -> [ChangelogFollower] {
        var followers: [ChangelogFollower] = []
        let client = KafkaClientConfiguration(bootstrapServers: configuration.kafka.brokers, clientID: configuration.kafka.clientID,
                                              extra: configuration.kafka.librdkafka)
        // This process's own entries come back through the follower; a per-process id marks them.
        let writer = Array(UUID().uuidString.utf8)
        let writerHeader = [KafkaHeader(name: ChangelogFollower.writerHeader, value: writer)]
        for case let stage as any ChangelogBackedStage in processor.stages {
            guard let topic = stage.changelogTopic else { continue }
            let logger = self.logger
            stage.attachChangelog(ChangelogSink { key, value in
                do {
                    // Token 0 is never registered in the ledger: its delivery report is ignored.
                    try producer.trySend(topic: topic, key: key, value: value, headers: writerHeader, token: 0)
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
            followers.append(follower)
        }
        return followers
    }
}
