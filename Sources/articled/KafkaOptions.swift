import ArgumentParser
import Kafka

/// Broker options shared by the tool subcommands.
struct KafkaOptions: ParsableArguments {
    @Option(help: "Bootstrap servers, comma-separated.")
    var brokers: String = "127.0.0.1:9092"

    @Option(name: .customLong("librdkafka"), help: "Extra librdkafka property name=value (repeatable).")
    var properties: [String] = []

    func client() throws -> KafkaClientConfiguration {
        var extra: [String: String] = [:]
        for property in properties {
            guard let equals = property.firstIndex(of: "="), equals != property.startIndex else {
                throw ValidationError("--librdkafka expects name=value, got \(property)")
            }
            extra[String(property[..<equals])] = String(property[property.index(after: equals)...])
        }
        return KafkaClientConfiguration(
            bootstrapServers: brokers.split(separator: ",").map(String.init), clientID: "articled-tool", extra: extra
        )
    }
}
