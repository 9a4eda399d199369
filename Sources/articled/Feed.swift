import ArgumentParser
import ArticleCorpus
import Daemon
import Foundation
import Logging

struct Feed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Produce files (one record each), JSON lines or generated articles to a topic.",
        discussion: "For demos, load tests and re-feeding samples; the daemon itself never needs it."
    )

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Topic to produce to.")
    var topic: String = "articles.raw"

    @Flag(help: "Each line of each file is one record.")
    var lines = false

    @Option(help: "Instead of files: generate this many synthetic JSON articles.")
    var generate: Int?

    @Option(help: "Approximate size in bytes of each generated article.")
    var size: Int = 4_096

    @Option(help: "With --generate: mix articles from the sample files in this directory (e.g. Config/samples: nine languages, furniture, syndicated copies) instead of the synthetic English word soup.")
    var corpus: String?

    @Flag(help: "With --generate: hostile records (HostileRecords: broken UTF-8, deep nesting, huge values, control characters …; keys and ids h-<n>), for the reliability suite. Records over 1 MB need --librdkafka message.max.bytes=2000000.")
    var hostile = false

    @Option(help: "Records per second, evenly spaced (default: as fast as the broker takes them). For latency runs: a paced feeder that costs little CPU beside the daemon.")
    var rate: Double?

    @Flag(help: "Write the records to stdout, one per line, instead of producing them (e.g. a JSON-lines corpus for `articled process --lines` or Scripts/chain-callgrind.sh). Not with --hostile, whose records may hold line breaks.")
    var stdout = false

    @Argument(help: "Files to send.")
    var files: [String] = []

    func run() async throws {
        LoggingSetup.bootstrap(format: "auto", level: "warning")
        if stdout && hostile { throw ValidationError("--stdout writes one record per line; --hostile records may hold line breaks") }
        // Built before the clock starts, so the figure printed is the produce rate alone.
        let values: [(key: [UInt8]?, value: [UInt8])]
        if let generate, hostile {
            var random = HostileRecords.Generator(seed: 20_261_125)
            values = (0..<generate).map { index in
                (Array("h-\(index)".utf8), HostileRecords.record(index, id: "h-\(index)", fullSizeEvery: 50, using: &random).bytes)
            }
        } else if let generate, let corpus {
            let samples = try SampleCorpus(directory: URL(fileURLWithPath: corpus))
            values = (0..<generate).map { index in
                (Array(samples.id(index).utf8), samples.json(index: index, approximateBytes: size))
            }
        } else if let generate {
            values = (0..<generate).map { index in
                (Array(SyntheticArticles.id(index).utf8), SyntheticArticles.json(index: index, approximateBytes: size))
            }
        } else {
            values = try loadValues()
        }
        if stdout {
            for record in values { FileHandle.standardOutput.write(Data(record.value + [UInt8(ascii: "\n")])) }
            return
        }
        let feeder = TopicFeeder(client: try kafka.client(), logger: Logger(label: "articled.feed"))
        let started = ContinuousClock.now
        if let rate, !(rate > 0) { throw ValidationError("--rate must be above 0") }
        let sent = try await feeder.feed(topic: topic, count: values.count, ratePerSecond: rate) { values[$0] }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("fed \(sent) records to \(topic) in \(String(format: "%.2f", seconds)) s (\(Int(Double(sent) / max(seconds, 1e-9))) records/s, acks=all)")
    }

    private func loadValues() throws -> [(key: [UInt8]?, value: [UInt8])] {
        guard !files.isEmpty else { throw ValidationError("give files or --generate N") }
        var values: [(key: [UInt8]?, value: [UInt8])] = []
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            if lines {
                for line in Array(data).split(separator: UInt8(ascii: "\n")) { values.append((nil, Array(line))) }
            } else {
                values.append((nil, Array(data)))
            }
        }
        return values
    }
}
