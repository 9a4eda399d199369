import ArgumentParser
import Daemon
import Kafka

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the articled and librdkafka versions.",
        discussion: "The librdkafka line shows the library actually running and the headers it was built with (both must be ≥ 2.2).\n\nExample: articled version"
    )

    func run() throws {
        print("articled \(ArticledVersion.string)")
        print("librdkafka \(LibrdkafkaVersion.runtimeString) (built against 0x\(String(LibrdkafkaVersion.compiledAgainst, radix: 16)))")
    }
}
