import Kafka
import Logging
import Testing
@testable import Daemon

/// Which producer writes changelog entries: at least once, one of their own (so outputs never
/// queue behind them), made once for every stage; exactly once, the transactional producer, so an
/// entry commits or aborts with its output.
@Suite struct ChangelogLinksTests {
    let client = KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"])
    let logger = Logger(label: "test")

    func outputProducer() throws -> KafkaProducer {
        try KafkaProducer(configuration: .init(client: client), logger: logger) { _ in }
    }

    @Test func atLeastOnceEntriesGetOneProducerOfTheirOwn() async throws {
        let output = try outputProducer()
        var links = ChangelogLinks()
        let first = try links.writer(sharing: output, exactlyOnce: false, client: client, logger: logger)
        let second = try links.writer(sharing: output, exactlyOnce: false, client: client, logger: logger)
        #expect(first !== output)
        #expect(second === first)
        #expect(links.entryProducer === first)
        await links.stop()
        await output.shutdown(timeout: .milliseconds(100))
    }

    @Test func exactlyOnceEntriesStayInTheTransactionalProducer() async throws {
        let output = try outputProducer()
        var links = ChangelogLinks()
        let writer = try links.writer(sharing: output, exactlyOnce: true, client: client, logger: logger)
        #expect(writer === output)
        #expect(links.entryProducer == nil)
        await output.shutdown(timeout: .milliseconds(100))
    }
}
