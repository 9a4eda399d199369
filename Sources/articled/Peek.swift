import ArgumentParser
import Daemon
import Foundation
import Kafka
import Logging

struct Peek: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read topics from the beginning and report counts, a few records, or every key.",
        discussion: "Uses a throw-away consumer group; commits nothing."
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Topics to read, comma-separated.")
    var topics: String = "articles.enriched"

    @Option(help: "Stop once this many records arrived (all topics together).")
    var expect: Int?

    @Option(help: "Give up after this many seconds.")
    var timeout: Int = 60

    @Option(help: "Print this many records per topic.")
    var show: Int = 0

    @Flag(help: "Print shown values whole (default: cut after 1200 characters).")
    var full = false

    @Flag(help: "Print every record's key, one per line (for scripts checking loss/duplicates).")
    var keys = false

    func run() async throws {
        LoggingSetup.bootstrap(format: "auto", level: "warning")
        let reader = TopicReader(client: try kafka.client(), logger: Logger(label: "articled.peek"))
        let names = topics.split(separator: ",").map(String.init)
        let records = try await reader.read(topics: names, expected: expect, timeout: .seconds(timeout))
        if keys {
            for record in records { print(record.key.map { String(decoding: $0, as: UTF8.self) } ?? "") }
            return
        }
        for name in names {
            let ofTopic = records.filter { $0.topicPartition.topic == name }
            print("\(name): \(ofTopic.count) record(s)")
            for record in ofTopic.prefix(show) {
                let headers = record.headers.map { "\($0.name)=\($0.value.map { String(decoding: $0, as: UTF8.self) } ?? "")" }
                if !headers.isEmpty { print("  headers: \(headers.joined(separator: " | "))") }
                let value = record.value.map { String(decoding: $0, as: UTF8.self) } ?? "<null>"
                print("  " + (!full && value.count > 1_200 ? String(value.prefix(1_200)) + " …" : value))
            }
        }
        if let expect, records.count < expect { throw ExitCode(3) }
    }
}
