import ArgumentParser
import Daemon
import Kafka

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the articled and librdkafka versions.")

    func run() throws {
        print("articled \(ArticledVersion.string)")
        print("librdkafka \(LibrdkafkaVersion.runtimeString) (built against 0x\(String(LibrdkafkaVersion.compiledAgainst, radix: 16)))")
    }
}
